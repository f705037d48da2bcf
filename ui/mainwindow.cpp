#include "mainwindow.h"

#include "backup/backupcontroller.h"
#include "campaigns/campaignsview.h"
#include "common/messagebox.h"
#include "common/placeholdersection.h"
#include "common/theme.h"
#include "common/undostatus.h"
#include "contacts/bulkactions.h"
#include "contacts/contacteditor.h"
#include "contacts/contactsearchbar.h"
#include "contacts/contactsview.h"
#include "contacts/savedviewspanel.h"
#include "dashboard/dashboardview.h"
#include "core/logging.h"
#include "demo/demodataloader.h"
#include "duplicates/duplicatesdialog.h"
#include "followups/followupsview.h"
#include "import/importcontroller.h"
#include "inbox/inboxview.h"
#include "interactions/activitysection.h"
#include "interchange/exportdialog.h"
#include "interchange/privacyactions.h"
#include "interactions/quicklogdialog.h"
#include "itemmodels/contactlistmodel.h"
#include "organizations/organizationsview.h"
#include "palette/commandpalette.h"
#include "report/reportdialog.h"
#include "settings/accountsdialog.h"
#include "settings/teamdialog.h"
#include "storage/changenotifier.h"
#include "storage/connectionsecurity.h"
#include "storage/livechannel.h"
#include "settings/connectdialog.h"
#include "settings/teamconnection.h"
#include "core/statuscolor.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "sync/secretscope.h"
#include "sync/syncmanager.h"
#include "syncstatus/syncstatuswidget.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPainter>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");

struct SectionInfo
{
    MainWindow::Section section;
    const char *iconName; // freedesktop icon name
    QStyle::StandardPixmap fallbackIcon; // when the icon theme has none
    const char *objectName;
};

constexpr SectionInfo kSections[] = {
    { MainWindow::Section::Contacts, "x-office-address-book", QStyle::SP_FileDialogDetailedView, "contacts" },
    { MainWindow::Section::Organizations, "applications-office", QStyle::SP_DirHomeIcon, "organizations" },
    { MainWindow::Section::Campaigns, "mail-send", QStyle::SP_ArrowForward, "campaigns" },
    { MainWindow::Section::Inbox, "mail-unread", QStyle::SP_DriveNetIcon, "inbox" },
    { MainWindow::Section::FollowUps, "appointment-soon", QStyle::SP_BrowserReload, "followUps" },
    { MainWindow::Section::Activity, "document-open-recent", QStyle::SP_FileDialogContentsView, "activity" },
    { MainWindow::Section::Dashboard, "x-office-spreadsheet", QStyle::SP_FileDialogInfoView, "dashboard" },
};

QString sectionTitle(MainWindow::Section section)
{
    switch (section) {
    case MainWindow::Section::Contacts:
        return MainWindow::tr("Contacts");
    case MainWindow::Section::Organizations:
        return MainWindow::tr("Organizations");
    case MainWindow::Section::Campaigns:
        return MainWindow::tr("Campaigns");
    case MainWindow::Section::Inbox:
        return MainWindow::tr("Inbox");
    case MainWindow::Section::FollowUps:
        return MainWindow::tr("Follow-ups");
    case MainWindow::Section::Activity:
        return MainWindow::tr("Activity");
    case MainWindow::Section::Dashboard:
        return MainWindow::tr("Dashboard");
    }
    return {};
}

QString sectionPromise(MainWindow::Section section)
{
    switch (section) {
    case MainWindow::Section::Contacts:
    case MainWindow::Section::Activity:
        return {};
    case MainWindow::Section::Organizations:
        return MainWindow::tr("Outlets, clients and other companies, with the people who work there and "
                              "everything the agency did with them.");
    case MainWindow::Section::Campaigns:
        return MainWindow::tr("Each client's campaigns with their press releases and pitches, media lists, the "
                              "pitch pipeline per contact and the coverage that came of it.");
    case MainWindow::Section::Inbox:
        return MainWindow::tr("Mentions, replies and messages from Mastodon, Bluesky and feeds that match no "
                              "contact yet, waiting for you to file or dismiss them.");
    case MainWindow::Section::FollowUps:
        return MainWindow::tr("Your dated follow-ups with contacts and campaigns, with a reminder when one is "
                              "due.");
    case MainWindow::Section::Dashboard:
        return MainWindow::tr("Charts of the team's engagement: conversations over time, response rates, the "
                              "pitch funnel, coverage and the relationships that are cooling off.");
    }
    return {};
}

// The theme's icon, or else the style's, padded to `size` if it has no pixmap that large: the list lines
// up its texts after each icon's real width.
QIcon sectionIcon(const SectionInfo &info, QSize size)
{
    const QIcon themed = QIcon::fromTheme(QString::fromLatin1(info.iconName));
    if (!themed.isNull())
        return themed;
    const QIcon standard = QApplication::style()->standardIcon(info.fallbackIcon);
    const QPixmap pixmap = standard.pixmap(size);
    if (pixmap.deviceIndependentSize().toSize() == size)
        return standard;
    QPixmap padded(size * pixmap.devicePixelRatio());
    padded.setDevicePixelRatio(pixmap.devicePixelRatio());
    padded.fill(Qt::transparent);
    QPainter painter(&padded);
    const QSizeF inner = pixmap.deviceIndependentSize();
    painter.drawPixmap(QPointF((size.width() - inner.width()) / 2, (size.height() - inner.height()) / 2), pixmap);
    painter.end();
    return QIcon(padded);
}

} // namespace

MainWindow::MainWindow(Database &db, QWidget *parent)
    : QMainWindow(parent)
    , m_db(db)
    , m_undoStack(new QUndoStack(this))
    , m_demoLoader(new DemoDataLoader(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    // A team database shows where and as whom ("agency on db.example.com as alice"), a file its path.
    const QString where = TeamConnection::describe(m_db.location());
    setWindowTitle(m_db.isReadOnly() ? tr("%1 (read-only) — Rapport").arg(where) : tr("%1 — Rapport").arg(where));

    createSections();
    m_import = new ImportController(m_db, m_undoStack, this);
    connect(m_import, &ImportController::statusMessage, this,
        [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    setAcceptDrops(true);
    createMenus();
    if (m_db.isPostgres()) {
        // Everybody else's changes, live (issue 14); on SQLite there is nobody else.
        m_live = new LiveChannel(m_db, this);
        connect(m_live, &LiveChannel::stateChanged, this, &MainWindow::updateConnectionStatus);
        connect(m_live, &LiveChannel::caughtUp, this, [this](int entries) {
            if (entries > 0)
                statusBar()->showMessage(tr("Back online: %n change(s) made meanwhile are shown.", nullptr, entries),
                    8000);
        });
    }
    createStatusBar();
    if (m_live)
        m_live->start();

    connect(m_demoLoader, &DemoDataLoader::progressChanged, this, [this](double fraction, const QString &what) {
        if (!m_demoProgress)
            return;
        // setValue() would spin the event loop if the dialog were modal; it is not.
        m_demoProgress->setValue(qRound(fraction * 1000));
        if (!what.isEmpty())
            m_demoProgress->setLabelText(what);
    });
    connect(
        m_demoLoader, &DemoDataLoader::finished, this, [this](DemoDataLoader::Outcome outcome, const QString &message) {
            if (m_demoProgress) {
                m_demoProgress->deleteLater();
                m_demoProgress = nullptr;
            }
            m_contactsView->refresh();
            switch (outcome) {
            case DemoDataLoader::Outcome::Loaded:
                statusBar()->showMessage(tr("The demo agency is loaded."), 5000);
                break;
            case DemoDataLoader::Outcome::Canceled:
                statusBar()->showMessage(tr("Canceled: no demo data was loaded."), 5000);
                break;
            case DemoDataLoader::Outcome::Failed:
                MessageBox::critical(
                    this, tr("Demo data not loaded"), tr("The demo agency could not be loaded: %1").arg(message));
                break;
            }
            Q_EMIT demoDataFinished(outcome == DemoDataLoader::Outcome::Loaded);
        });

    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        setGeometry(firstRunGeometry(screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800)));
    restoreState(settings.value(kStateKey).toByteArray());
    m_contactsView->restoreSettings(settings);
    m_organizationsView->restoreSettings(settings);
    showSection(Section::Contacts);
    updateContactCount(m_contactsView->contactCount());
    // The first load happened before the error signal was connected: say so now rather than show an empty list.
    if (const QString error = m_contactsView->model()->loadError(); !error.isEmpty())
        QTimer::singleShot(0, this, [this, error] { showError(error); });
}

MainWindow::~MainWindow() = default;

QRect MainWindow::firstRunGeometry(const QRect &available)
{
    // 80% of the screen, at least 1100 × 720 where the screen has room (the list and a readable profile side by
    // side) and at most 1800 × 1100 (a wall of a window on a large monitor helps nobody), centered, with room
    // left for the window's frame on a small screen. From then on the size the user left it at is restored.
    QSize size = (available.size() * 0.8).expandedTo(QSize(1100, 720)).boundedTo(QSize(1800, 1100));
    size = size.boundedTo(available.size() * 0.95);
    QRect frame(QPoint(0, 0), size);
    frame.moveCenter(available.center());
    return frame;
}

void MainWindow::createSections()
{
    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(QStringLiteral("sidebarListWidget"));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setIconSize(QSize(22, 22));
    m_sidebar->setSpacing(2);
    m_sidebar->setUniformItemSizes(true);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setBackgroundRole(QPalette::Window);
    m_sidebar->viewport()->setBackgroundRole(QPalette::Window);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("sectionsStackedWidget"));

    for (const SectionInfo &info : kSections) {
        const QIcon icon = sectionIcon(info, m_sidebar->iconSize());
        new QListWidgetItem(icon, sectionTitle(info.section), m_sidebar);
        QWidget *page = nullptr;
        if (info.section == Section::Contacts) {
            m_contactsView = new ContactsView(m_db, m_stack);
            m_contactsView->setUndoStack(m_undoStack);
            m_contactEditor
                = new ContactEditor(*m_contactsView); // the profile beside the list, with its Contact menu actions
            new BulkActions(m_contactsView); // tag, owner, kind, trash on the selection (Contact and context menu)
            new PrivacyActions(m_contactsView, m_contactEditor); // export everything about a person, erase them
            m_contactsView->addMenuAction(DuplicatesDialog::createAction(m_contactsView));
            page = m_contactsView;
        } else if (info.section == Section::Organizations) {
            m_organizationsView = new OrganizationsView(m_db, m_stack);
            m_organizationsView->setUndoStack(m_undoStack);
            page = m_organizationsView;
        } else if (info.section == Section::FollowUps) {
            m_followUpsView = new FollowUpsView(m_db, m_undoStack, m_stack);
            page = m_followUpsView;
        } else if (info.section == Section::Inbox) {
            m_inboxView = new InboxView(m_db, m_undoStack, m_stack);
            page = m_inboxView;
        } else if (info.section == Section::Campaigns) {
            m_campaignsView = new CampaignsView(m_db, m_undoStack, m_stack);
            page = m_campaignsView;
        } else if (info.section == Section::Activity) {
            m_activitySection = new ActivitySection(m_db, m_undoStack, m_stack);
            page = m_activitySection;
        } else if (info.section == Section::Dashboard) {
            m_dashboardView = new DashboardView(m_db, m_stack);
            page = m_dashboardView;
        } else {
            page = new PlaceholderSection(icon, sectionTitle(info.section), sectionPromise(info.section), m_stack);
        }
        page->setObjectName(QString::fromLatin1(info.objectName)
            + (qobject_cast<PlaceholderSection *>(page) ? QStringLiteral("PlaceholderSection") : QStringLiteral("View")));
        m_stack->addWidget(page);
    }
    // As wide as the longest name (translations differ), with room for the icon and some air.
    int textWidth = 0;
    for (int i = 0; i < m_sidebar->count(); ++i) {
        QListWidgetItem *item = m_sidebar->item(i);
        textWidth = qMax(textWidth, fontMetrics().horizontalAdvance(item->text()));
        if (kSections[i].section == Section::FollowUps) // room for the overdue count shown beside it
            textWidth = qMax(textWidth, fontMetrics().horizontalAdvance(
                                            tr("Follow-ups (%L1)", "sidebar: overdue count").arg(999)));
        if (kSections[i].section == Section::Inbox) // room for the count of authors waiting
            textWidth = qMax(textWidth, fontMetrics().horizontalAdvance(
                                            tr("Inbox (%L1)", "sidebar: authors waiting").arg(999)));
        item->setSizeHint(QSize(-1, qMax(fontMetrics().height(), m_sidebar->iconSize().height()) + 14));
    }
    m_sidebar->setFixedWidth(textWidth + m_sidebar->iconSize().width() + 6 * fontMetrics().averageCharWidth());
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        // Leaving a section with unsaved edits asks first; stay until the user chose. The answer may come at once
        // (tests answer in advance), so switch from the event loop, after this handler has put the row back.
        const auto switchLater = [this, row] { QTimer::singleShot(0, this, [this, row] { m_sidebar->setCurrentRow(row); }); };
        const auto staysIn = [&](auto *view) {
            return m_stack->currentWidget() == view && row != m_stack->currentIndex()
                && !view->confirmLeave(switchLater);
        };
        if (staysIn(m_contactsView) || staysIn(m_organizationsView) || staysIn(m_campaignsView)) {
            const QSignalBlocker blocker(m_sidebar);
            m_sidebar->setCurrentRow(m_stack->currentIndex());
            return;
        }
        m_stack->setCurrentIndex(row);
        // The contact count belongs to the contact list: other sections show their own figures.
        m_countLabel->setVisible(m_stack->currentWidget() == m_contactsView);
        if (m_sectionActions)
            m_sectionActions->actions().at(row)->setChecked(true);
    });

    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);

    // Search, filters and column chooser above the contact list; its saved views under the sections.
    auto *searchBar = new ContactSearchBar(*m_contactsView);
    auto *savedViews = new SavedViewsPanel(m_db, searchBar, this);
    savedViews->setFixedWidth(m_sidebar->width());
    connect(savedViews, &SavedViewsPanel::viewActivated, this, [this] { showSection(Section::Contacts); });
    m_sidebar->setFixedHeight(m_sidebar->sizeHintForRow(0) * m_sidebar->count()
        + 2 * m_sidebar->spacing() * (m_sidebar->count() + 1) + 2 * m_sidebar->frameWidth());
    auto *left = new QWidget(this);
    left->setBackgroundRole(QPalette::Window);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    leftLayout->addWidget(m_sidebar);
    leftLayout->addWidget(savedViews, 1);
    leftLayout->addStretch();

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(left);
    layout->addWidget(separator);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_contactsView->tableView()->viewport()->installEventFilter(this);
    connect(m_contactsView, &ContactsView::contactCountChanged, this, &MainWindow::updateContactCount);
    connect(m_contactsView, &ContactsView::errorOccurred, this, &MainWindow::showError);
    connect(m_organizationsView, &OrganizationsView::errorOccurred, this, &MainWindow::showError);
    connect(m_organizationsView, &OrganizationsView::statusMessage, this,
        [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_followUpsView, &FollowUpsView::errorOccurred, this, &MainWindow::showError);
    connect(m_followUpsView, &FollowUpsView::contactActivated, this, &MainWindow::showContact);
    connect(m_followUpsView, &FollowUpsView::overdueCountChanged, this, [this](int count) {
        const int row = static_cast<int>(Section::FollowUps);
        const QString text = count > 0 ? tr("Follow-ups (%L1)", "sidebar: overdue count").arg(count)
                                       : sectionTitle(Section::FollowUps);
        m_sidebar->item(row)->setText(text);
        m_sidebar->item(row)->setToolTip(count > 0 ? tr("%n follow-up(s) overdue", nullptr, count) : QString());
        if (m_sectionActions)
            m_sectionActions->actions().at(row)->setText(text);
    });
    connect(m_inboxView, &InboxView::errorOccurred, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
    });
    connect(m_inboxView, &InboxView::statusMessage, this, [this](const QString &message) {
        statusBar()->showMessage(message, 8000);
    });
    connect(m_inboxView, &InboxView::countChanged, this, &MainWindow::updateInboxCount);
    connect(m_inboxView, &InboxView::contactsChanged, this, [this](const QList<qint64> &ids) {
        // The same path as a quick log: open timelines reload, the list shows new last-contacted dates.
        ChangeNotifier::instance()->notifyInteractions(ids);
        m_contactsView->refresh();
    });
    connect(m_activitySection, &ActivitySection::contactActivated, this, &MainWindow::showContact);
    connect(m_activitySection, &ActivitySection::errorOccurred, this, &MainWindow::showError);
    connect(m_activitySection, &ActivitySection::campaignActivated, this, &MainWindow::showCampaign);
    // An undo or redo of a conversation edit that could not be written (e.g. changed by someone else).
    connect(ChangeNotifier::instance(), &ChangeNotifier::changeFailed, this, [this](const QString &message) {
        m_undoFailed = true; // until this pass of the event loop is over: no "Undid: …" over it
        QTimer::singleShot(0, this, [this] { m_undoFailed = false; });
        statusBar()->showMessage(message, 10000);
        MessageBox::critical(this, tr("Not changed"), message);
    });
    connect(m_organizationsView, &OrganizationsView::contactActivated, this, &MainWindow::showContact);
    connect(m_campaignsView, &CampaignsView::contactActivated, this, &MainWindow::showContact);
    connect(m_contactEditor, &ContactEditor::campaignActivated, this, &MainWindow::showCampaign);
    connect(m_campaignsView, &CampaignsView::errorOccurred, this, &MainWindow::showError);
    connect(m_campaignsView, &CampaignsView::statusMessage, this,
        [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_dashboardView, &DashboardView::contactActivated, this, &MainWindow::showContact);
    connect(m_dashboardView, &DashboardView::campaignActivated, this, [this](qint64 id) {
        showSection(Section::Campaigns);
        m_campaignsView->showCampaign(id);
    });
    connect(m_dashboardView, &DashboardView::errorOccurred, this, &MainWindow::showError);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_import->importAction());
    file->addAction(m_import->historyAction());
    file->addSeparator();
    QAction *accounts = file->addAction(QIcon::fromTheme(QStringLiteral("preferences-system-network")), tr("&Accounts…"));
    accounts->setObjectName(QStringLiteral("accountsAction"));
    accounts->setToolTip(tr("Mastodon, Bluesky and feed accounts that Rapport syncs from"));
    connect(accounts, &QAction::triggered, this, &MainWindow::showAccounts);
    QAction *connectTeam = file->addAction(
        QIcon::fromTheme(QStringLiteral("network-server-database")), tr("&Connect to Team Database…"));
    connectTeam->setObjectName(QStringLiteral("connectTeamDatabaseAction"));
    connectTeam->setToolTip(tr("Work on your team's shared PostgreSQL database"));
    connect(connectTeam, &QAction::triggered, this, &MainWindow::showConnectDialog);
    if (m_db.isPostgres()) {
        QAction *local = file->addAction(tr("Use &Local Database"));
        local->setObjectName(QStringLiteral("useLocalDatabaseAction"));
        local->setToolTip(tr("Work alone on the database file on this computer; the team database is not opened "
                             "at the next start"));
        connect(local, &QAction::triggered, this, [this] {
            TeamConnection::forget();
            Q_EMIT databaseSwitchRequested(DatabaseLocation::defaultLocation());
        });
    }
    m_syncNowAction = file->addAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Sync Now"));
    m_syncNowAction->setObjectName(QStringLiteral("syncNowAction"));
    m_syncNowAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_syncNowAction->setToolTip(tr("Fetch new mentions, replies and posts from every account (%1)")
                                    .arg(m_syncNowAction->shortcut().toString(QKeySequence::NativeText)));
    m_syncNowAction->setEnabled(false); // until setSyncManager()
    file->addSeparator();
    QAction *report = file->addAction(QIcon::fromTheme(QStringLiteral("x-office-document")), tr("&Report…"));
    report->setObjectName(QStringLiteral("reportAction"));
    report->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    report->setToolTip(tr("A PDF report on a client or a campaign for a period, with a preview"));
    connect(report, &QAction::triggered, this, &MainWindow::showReportDialog);
    QAction *exportAction = file->addAction(QIcon::fromTheme(QStringLiteral("document-export")), tr("&Export…"));
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportAction->setToolTip(tr("Contacts as vCard or CSV, follow-ups as a calendar (%1)")
                                 .arg(exportAction->shortcut().toString(QKeySequence::NativeText)));
    connect(exportAction, &QAction::triggered, this, [this] { ExportDialog::open(m_db, m_contactsView, this); });
    file->addSeparator();
    m_backup = new BackupController(m_db, this);
    file->addAction(m_backup->backUpAction());
    file->addAction(m_backup->restoreAction());
    file->addAction(m_backup->dailyAction());
    connect(m_backup, &BackupController::statusMessage, this, &MainWindow::showStatusMessage);
    connect(m_backup, &BackupController::restoreConfirmed, this, &MainWindow::requestRestore);
    file->addSeparator();
    QAction *quit = file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *contact = menuBar()->addMenu(tr("&Contact"));
    contact->setObjectName(QStringLiteral("contactMenu"));
    contact->addActions(m_contactsView->menuActions());
    // Parts of the workspace may add actions later (e.g. once a database is writable): keep the menu in step.
    connect(contact, &QMenu::aboutToShow, this, [this, contact] {
        contact->clear();
        contact->addActions(m_contactsView->menuActions());
    });

    QMenu *log = menuBar()->addMenu(tr("&Log"));
    log->setObjectName(QStringLiteral("logMenu"));
    QAction *quickLog = log->addAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&Log a Conversation…"));
    quickLog->setObjectName(QStringLiteral("quickLogAction"));
    quickLog->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    quickLog->setShortcutContext(Qt::ApplicationShortcut);
    quickLog->setToolTip(tr("Log a call, email or meeting with a contact (%1)")
                             .arg(quickLog->shortcut().toString(QKeySequence::NativeText)));
    quickLog->setEnabled(!m_db.isReadOnly());
    // With the profile (or the selected contact) of the Contacts section: that person, selected, so the keys
    // still go the same way (Ctrl+L, name, Tab, channel...). The profile's Log… button starts at the channel.
    connect(quickLog, &QAction::triggered, this, [this] {
        QuickLogDialog::openFor(this, m_db, m_undoStack, contactInFocus(), QuickLogDialog::Start::AtContact);
    });

    QMenu *organization = menuBar()->addMenu(tr("&Organization"));
    organization->setObjectName(QStringLiteral("organizationMenu"));
    organization->addActions(m_organizationsView->menuActions());

    QMenu *campaign = menuBar()->addMenu(tr("Ca&mpaign"));
    campaign->setObjectName(QStringLiteral("campaignMenu"));
    campaign->addActions(m_campaignsView->menuActions());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_sectionActions = new QActionGroup(this);
    m_sectionActions->setExclusive(true);
    for (int i = 0; i < m_sidebar->count(); ++i) {
        QAction *action = view->addAction(m_sidebar->item(i)->icon(), m_sidebar->item(i)->text());
        action->setObjectName(QString::fromLatin1(kSections[i].objectName) + QStringLiteral("Action"));
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        m_sectionActions->addAction(action);
        const Section section = kSections[i].section;
        connect(action, &QAction::triggered, this, [this, section] { showSection(section); });
    }

    view->addSeparator();
    Theme::addMenu(view, this);
    QAction *palette = view->addAction(tr("&Go to…"));
    palette->setObjectName(QStringLiteral("commandPaletteAction"));
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    palette->setToolTip(tr("Jump to any contact, organization, section or command (%1)")
                            .arg(palette->shortcut().toString(QKeySequence::NativeText)));
    connect(palette, &QAction::triggered, this, &MainWindow::showCommandPalette);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QAction *team = settings->addAction(QIcon::fromTheme(QStringLiteral("system-users")), tr("&Team…"));
    team->setObjectName(QStringLiteral("teamAction"));
    const bool admin = m_db.isPostgres() && TeamRoles::traits(m_db.teamRole()).manageTeam;
    team->setEnabled(admin);
    team->setToolTip(!m_db.isPostgres() ? tr("A personal database has one person and no team")
            : admin                     ? tr("Invite people, change their roles, deactivate them")
                                        : tr("Only an admin can manage the team"));
    connect(team, &QAction::triggered, this, [this] { TeamDialog::openFor(this, m_db); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Rapport"));
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createStatusBar()
{
    // "Undid: Move 5 contacts to the trash": what Ctrl+Z or Ctrl+Shift+Z just did, wherever it came from.
    // An undo that could not be written says so itself (ChangeNotifier::changeFailed): keep its message.
    auto *undoStatus = new UndoStatus(m_undoStack, this);
    connect(undoStatus, &UndoStatus::message, this, [this](const QString &text) {
        if (!m_undoFailed)
            statusBar()->showMessage(text, 8000);
    });
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("contactCountLabel"));
    statusBar()->addPermanentWidget(m_countLabel);
    if (m_db.isPostgres()) {
        m_connectionLabel = new QLabel(this);
        m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
        // Apart from the count beside it, as two separate statements.
        m_connectionLabel->setContentsMargins(fontMetrics().averageCharWidth() * 2, 0, 0, 0);
        statusBar()->addPermanentWidget(m_connectionLabel);
        updateConnectionStatus();
    }
    if (m_db.isReadOnly()) {
        auto *readOnly = new QLabel(tr("Read-only: changes cannot be saved"), this);
        readOnly->setObjectName(QStringLiteral("readOnlyLabel"));
        readOnly->setToolTip(m_db.teamRole() == TeamRole::Viewer
                ? tr("Your role on %1 is Viewer: you can read everything and change nothing.")
                      .arg(m_db.location().displayName())
                : tr("Rapport cannot write to %1.").arg(m_db.location().displayName()));
        QFont bold = readOnly->font();
        bold.setBold(true);
        readOnly->setFont(bold);
        statusBar()->addWidget(readOnly);
    }
}

MainWindow::Section MainWindow::currentSection() const
{
    return kSections[qBound(0, m_stack->currentIndex(), int(std::size(kSections)) - 1)].section;
}

void MainWindow::showSection(Section section)
{
    m_sidebar->setCurrentRow(static_cast<int>(section));
}

void MainWindow::startAutomaticBackups()
{
    m_backup->startAutomaticBackups();
}

void MainWindow::requestRestore(const QString &backupFile)
{
    // Unsaved edits are asked about first; after Save or Discard this runs again (queued), after Cancel never.
    const auto again = [this, backupFile] {
        QMetaObject::invokeMethod(this, [this, backupFile] { requestRestore(backupFile); }, Qt::QueuedConnection);
    };
    if (!m_contactsView->confirmLeave(again) || !m_organizationsView->confirmLeave(again)
        || !m_campaignsView->confirmLeave(again))
        return;
    Q_EMIT restoreRequested(backupFile);
}

void MainWindow::showStatusMessage(const QString &message, int timeoutMs)
{
    statusBar()->showMessage(message, timeoutMs);
}

void MainWindow::showReportDialog()
{
    auto *dialog = new ReportDialog(m_db, this);
    dialog->open();
}

bool MainWindow::showContact(qint64 id)
{
    showSection(Section::Contacts);
    m_contactEditor->openContact(id);
    return m_contactEditor->contactId() == id;
}

void MainWindow::showCampaign(qint64 id)
{
    showSection(Section::Campaigns);
    if (currentSection() == Section::Campaigns)
        m_campaignsView->showCampaign(id);
}

qint64 MainWindow::contactInFocus() const
{
    if (currentSection() != Section::Contacts)
        return 0;
    if (m_contactEditor->isEditing() && m_contactEditor->contactId() > 0)
        return m_contactEditor->contactId();
    return m_contactsView->tableView()->currentIndex().data(ContactListModel::IdRole).toLongLong();
}

void MainWindow::showCommandPalette()
{
    if (!m_palette) {
        m_palette = new CommandPalette(m_db, menuBar(), this);
        connect(m_palette, &CommandPalette::contactChosen, this, &MainWindow::showContact);
        connect(m_palette, &CommandPalette::organizationChosen, this, [this](qint64 id) {
            showSection(Section::Organizations);
            m_organizationsView->showOrganization(id);
        });
    }
    m_palette->popUp();
}

void MainWindow::setSyncManager(SyncManager *sync, const QString &secretScope)
{
    m_sync = sync;
    m_secretScope = secretScope;
    m_syncNowAction->setEnabled(m_sync != nullptr);
    if (!m_sync)
        return;
    connect(m_syncNowAction, &QAction::triggered, m_sync, [this] { m_sync->syncNow(0); });
    m_syncStatus = new SyncStatusWidget(m_db, m_sync, this);
    statusBar()->insertPermanentWidget(0, m_syncStatus);
    connect(m_sync, &SyncManager::inboxChanged, m_inboxView, &InboxView::refresh);
    connect(m_sync, &SyncManager::timelinesChanged, this, [this](const QList<qint64> &ids) {
        ChangeNotifier::instance()->notifyInteractions(ids);
        m_contactsView->refresh();
    });
}

void MainWindow::showConnectDialog()
{
    // On the local file, offer the team database set up before (e.g. when it could not be reached at start).
    DatabaseLocation current = m_db.location();
    if (!current.isPostgres()) {
        if (Result<DatabaseLocation> saved = TeamConnection::saved())
            current = *saved;
    }
    ConnectDialog *dialog = ConnectDialog::openFor(this, current);
    connect(dialog, &ConnectDialog::connectRequested, this, &MainWindow::databaseSwitchRequested, Qt::UniqueConnection);
}

void MainWindow::updateConnectionStatus()
{
    if (!m_connectionLabel)
        return;
    const QString where = TeamConnection::describe(m_db.location());
    const LiveChannel::State state = m_live ? m_live->state() : LiveChannel::State::Off;
    QPalette palette = statusBar()->palette();
    switch (state) {
    case LiveChannel::State::Offline:
        m_connectionLabel->setText(tr("Offline — reconnecting…"));
        m_connectionLabel->setToolTip(
            tr("The connection to %1 was lost. Rapport reconnects by itself and then shows what changed "
               "meanwhile; what you are typing stays.")
                .arg(where));
        palette.setColor(QPalette::WindowText, StatusColor::danger());
        break;
    case LiveChannel::State::Connecting:
        m_connectionLabel->setText(tr("Connecting…"));
        m_connectionLabel->setToolTip(where);
        break;
    case LiveChannel::State::Off:
    case LiveChannel::State::Live: {
        // Encrypted or not as the server sees the connection (pg_stat_ssl), not as asked for.
        const bool encrypted = ConnectionSecurity::isEncrypted(m_db);
        m_connectionLabel->setText(encrypted ? tr("Team: %1 (encrypted)").arg(where) : tr("Team: %1").arg(where));
        m_connectionLabel->setToolTip(encrypted
                ? tr("Connected to %1 over an encrypted connection (TLS). Changes by others appear as they are "
                     "saved.")
                      .arg(m_db.location().displayName())
                : tr("Connected to %1. Changes by others appear as they are saved.")
                      .arg(m_db.location().displayName()));
        break;
    }
    }
    m_connectionLabel->setPalette(palette);
}

void MainWindow::showAccounts()
{
    const QString scope = m_secretScope.isEmpty() ? SecretScope::forLocation(m_db.location()) : m_secretScope;
    AccountsDialog::openFor(this, m_db, m_sync, scope);
}

void MainWindow::updateInboxCount(int count)
{
    const int row = static_cast<int>(Section::Inbox);
    const QString text = count > 0 ? tr("Inbox (%L1)", "sidebar: authors waiting").arg(count) : sectionTitle(Section::Inbox);
    m_sidebar->item(row)->setText(text);
    m_sidebar->item(row)->setToolTip(count > 0 ? tr("%n author(s) waiting in the Inbox", nullptr, count) : QString());
    if (m_sectionActions)
        m_sectionActions->actions().at(row)->setText(text);
}

void MainWindow::updateContactCount(int count)
{
    // A label, not a sentence: no plural forms to get wrong in any language.
    m_countLabel->setText(tr("Contacts: %L1").arg(count));
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10000);
    // A team database that went away: the status bar already says "Offline — reconnecting…" and the views
    // load again once it is back, so a box that the person must close first (and that would swallow their
    // Ctrl+S meanwhile) says nothing more.
    if (m_live && m_db.connectionLost()) {
        qCWarning(lcUi).noquote() << "database error while offline:" << message;
        return;
    }
    // One box is enough: a broken connection would otherwise raise one for every block of rows.
    if (m_errorShown) {
        qCWarning(lcUi).noquote() << "database error:" << message;
        return;
    }
    m_errorShown = true;
    MessageBox::critical(this, tr("Database error"), message);
}

void MainWindow::showAbout()
{
    const QString where = m_db.location().displayName().toHtmlEscaped();
    MessageBox::information(this, tr("About Rapport"),
        tr("<h3>Rapport %1</h3><p>The relationship memory of your PR agency.</p><p>Database: %2%3</p>")
            .arg(QStringLiteral(RAPPORT_VERSION), where, m_db.isReadOnly() ? tr(" (read-only)") : QString()));
}

void MainWindow::offerDemoDataIfEmpty()
{
    // A team database is the agency's shared memory: a made-up agency is not offered to whoever signs in first
    // (an admin who wants one runs `rapport demo` on purpose).
    if (m_db.isReadOnly() || m_db.isPostgres() || m_demoLoader->isRunning())
        return;
    ContactRepository contacts(m_db);
    Result<qint64> count = contacts.count(true);
    if (!count || *count > 0)
        return;
    MessageBox::question(this, tr("Load a demo agency?"),
        tr("Your database is empty. Load a demo agency with outlets, journalists, conversations "
           "and campaigns to try Rapport out?"),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes, this, [this](MessageBox::Button answer) {
            if (answer == QMessageBox::Yes)
                loadDemoData();
        });
}

void MainWindow::loadDemoData()
{
    if (m_demoLoader->isRunning())
        return;
    m_demoProgress = new QProgressDialog(tr("Preparing the demo agency…"), tr("Cancel"), 0, 1000, this);
    m_demoProgress->setObjectName(QStringLiteral("demoDataProgressDialog"));
    m_demoProgress->setWindowTitle(tr("Loading demo data"));
    m_demoProgress->setWindowModality(Qt::NonModal);
    m_demoProgress->setAutoClose(false);
    m_demoProgress->setAutoReset(false);
    m_demoProgress->setMinimumDuration(0);
    m_demoProgress->setMinimumWidth(420);
    connect(m_demoProgress, &QProgressDialog::canceled, this, [this] {
        m_demoLoader->cancel();
        statusBar()->showMessage(tr("Canceling…"));
    });
    m_demoProgress->show();
    m_demoLoader->start(m_db.location(), m_db.currentUserId(), DemoGenerator::Size::Small);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && watched == m_contactsView->tableView()->viewport()) {
        // Queued, so these run after this paint has finished (and the window is on screen).
        if (!m_contactListPainted && m_contactsView->contactCount() > 0) {
            m_contactListPainted = true;
            QMetaObject::invokeMethod(
                this, [this] { Q_EMIT contactListPainted(); }, Qt::QueuedConnection);
        }
        if (!m_firstScreenShown) {
            m_firstScreenShown = true;
            QMetaObject::invokeMethod(this, &MainWindow::loadAfterFirstScreen, Qt::QueuedConnection);
        }
        if (m_contactListPainted)
            watched->removeEventFilter(this);
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::loadAfterFirstScreen()
{
    // What the first screen does not show: the sidebar's counts (overdue follow-ups, authors in the Inbox).
    // Each view also loads when it is shown first, should that come sooner.
    if (!m_followUpsView->isLoaded())
        m_followUpsView->refresh();
    if (!m_inboxView->isLoaded())
        m_inboxView->refresh();
    Q_EMIT firstScreenLoaded();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    m_import->dragEnter(event);
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (!ImportController::importablePath(event->mimeData()).isEmpty() && !m_db.isReadOnly())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    m_import->drop(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Unsaved profile edits: ask, and close again once the user chose to (a queued close, not a nested one).
    const auto closeAgain = [this] { QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection); };
    if (!m_contactsView->confirmLeave(closeAgain) || !m_organizationsView->confirmLeave(closeAgain)
        || !m_campaignsView->confirmLeave(closeAgain)) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    m_contactsView->saveSettings(settings);
    m_organizationsView->saveSettings(settings);
    QMainWindow::closeEvent(event);
}
