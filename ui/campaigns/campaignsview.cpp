#include "campaignsview.h"

#include "campaigneditcommands.h"
#include "campaignworkspace.h"
#include "common/listtable.h"
#include "itemmodels/campaignlistmodel.h"
#include "storage/campaignlistquery.h"
#include "storage/campaignrepository.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/userrepository.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

QString withShortcut(const QString &text, const QKeySequence &key)
{
    return key.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText));
}

// The periods the date filter offers: campaigns running at some time in it.
enum class Period { Any, Now, ThisMonth, ThisQuarter, ThisYear, Last12Months, Next3Months };

std::pair<QDate, QDate> periodRange(Period period, const QDate &today)
{
    switch (period) {
    case Period::Any:
        return {};
    case Period::Now:
        return { today, today };
    case Period::ThisMonth:
        return { QDate(today.year(), today.month(), 1), QDate(today.year(), today.month(), today.daysInMonth()) };
    case Period::ThisQuarter: {
        const QDate first(today.year(), (today.month() - 1) / 3 * 3 + 1, 1);
        return { first, first.addMonths(3).addDays(-1) };
    }
    case Period::ThisYear:
        return { QDate(today.year(), 1, 1), QDate(today.year(), 12, 31) };
    case Period::Last12Months:
        return { today.addMonths(-12), today };
    case Period::Next3Months:
        return { today, today.addMonths(3) };
    }
    return {};
}

} // namespace

CampaignsView::CampaignsView(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_undoStack(undoStack)
    // Listed when the section is first shown, not at start-up.
    , m_model(new CampaignListModel(db, this, CampaignListModel::Load::Later))
{
    QWidget *filterBar = createFilterBar();

    m_tableView = new QTableView(this);
    m_tableView->setObjectName(QStringLiteral("campaignsTableView"));
    m_tableView->setAccessibleName(tr("Campaigns"));
    ListTable::setUp(m_tableView, QAbstractItemView::SingleSelection);
    m_tableView->setModel(m_model);
    QHeaderView *columns = m_tableView->horizontalHeader();
    const int ch = fontMetrics().averageCharWidth();
    for (int column = 0; column < CampaignListModel::ColumnCount; ++column) {
        int chars = 7;
        if (column == CampaignListModel::NameColumn)
            chars = 26;
        else if (column == CampaignListModel::ClientColumn)
            chars = 14;
        else if (column == CampaignListModel::OwnerColumn)
            chars = 14;
        else if (column == CampaignListModel::StatusColumn || column == CampaignListModel::StartsColumn
            || column == CampaignListModel::EndsColumn || column == CampaignListModel::ReachColumn)
            chars = 12;
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        int width = qMax(chars * ch, columns->fontMetrics().horizontalAdvance(title) + 3 * ch);
        if (column == CampaignListModel::StatusColumn) {
            for (const QString &status : Campaign::statuses())
                width = qMax(width, fontMetrics().horizontalAdvance(CampaignListModel::statusLabel(status)) + 2 * ch);
        }
        columns->resizeSection(column, width);
    }
    // The figures right after the status, where a narrow list still shows them; owner and dates after them.
    for (int column = CampaignListModel::OnListColumn; column <= CampaignListModel::ReachColumn; ++column)
        columns->moveSection(columns->visualIndex(column),
            CampaignListModel::StatusColumn + 1 + (column - CampaignListModel::OnListColumn));
    columns->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_tableView->setSortingEnabled(true);

    m_workspace = new CampaignWorkspace(db, undoStack, this);
    m_workspace->setObjectName(QStringLiteral("campaignWorkspace"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("campaignsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_tableView);
    m_splitter->addWidget(m_workspace);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(filterBar);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_search, m_tableView);

    createActions();
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            updateActions();
            onCurrentRowChanged(current.isValid() ? m_model->idAt(current.row()) : 0);
        });
    connect(m_tableView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CampaignsView::updateActions);
    connect(m_tableView, &QTableView::doubleClicked, this, &CampaignsView::editCurrent);
    connect(m_model, &CampaignListModel::errorOccurred, this, &CampaignsView::errorOccurred);
    connect(m_model, &CampaignListModel::rowsReloaded, this, &CampaignsView::afterRowsReloaded);
    connect(m_workspace, &CampaignWorkspace::contactActivated, this, &CampaignsView::contactActivated);
    connect(m_workspace, &CampaignWorkspace::errorOccurred, this, &CampaignsView::errorOccurred);
    connect(m_workspace, &CampaignWorkspace::statusMessage, this, &CampaignsView::statusMessage);
    connect(m_workspace, &CampaignWorkspace::campaignActivated, this, &CampaignsView::showCampaign);
    // A new client or campaign elsewhere: the client filter offers it the next time it is shown.
    connect(ChangeNotifier::instance(), &ChangeNotifier::campaignsChanged, this, [this] {
        if (m_model->isLoaded() && isVisible())
            fillFilterChoices();
    });
    updateCount();
    updateActions();
}

CampaignsView::~CampaignsView() = default;

QWidget *CampaignsView::createFilterBar()
{
    auto *bar = new QWidget(this);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("searchLineEdit"));
    m_search->setPlaceholderText(tr("Search by name, client or description"));
    m_search->setAccessibleName(tr("Search campaigns"));
    m_search->setClearButtonEnabled(true);

    m_client = new QComboBox(bar);
    m_client->setObjectName(QStringLiteral("clientFilterComboBox"));
    m_client->setAccessibleName(tr("Client"));
    m_client->setToolTip(tr("Only this client's campaigns"));
    m_client->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_client->setMinimumContentsLength(12);
    m_client->addItem(tr("All clients"), qint64(0));

    m_status = new QComboBox(bar);
    m_status->setObjectName(QStringLiteral("statusFilterComboBox"));
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_status->setMinimumContentsLength(9);
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString &status : Campaign::statuses())
        m_status->addItem(CampaignListModel::statusLabel(status), status);

    m_owner = new QComboBox(bar);
    m_owner->setObjectName(QStringLiteral("ownerFilterComboBox"));
    m_owner->setAccessibleName(tr("Owner"));
    m_owner->setToolTip(tr("Only the campaigns this account manager owns"));
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_owner->setMinimumContentsLength(9);
    m_owner->addItem(tr("Any owner"), qint64(0));

    m_period = new QComboBox(bar);
    m_period->setObjectName(QStringLiteral("periodFilterComboBox"));
    m_period->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_period->setMinimumContentsLength(10);
    m_period->setAccessibleName(tr("Running"));
    m_period->setToolTip(tr("Only the campaigns running at some time in this period"));
    m_period->addItem(tr("Any time"), int(Period::Any));
    m_period->addItem(tr("Running now"), int(Period::Now));
    m_period->addItem(tr("This month"), int(Period::ThisMonth));
    m_period->addItem(tr("This quarter"), int(Period::ThisQuarter));
    m_period->addItem(tr("This year"), int(Period::ThisYear));
    m_period->addItem(tr("Last 12 months"), int(Period::Last12Months));
    m_period->addItem(tr("Next 3 months"), int(Period::Next3Months));

    m_countLabel = new QLabel(bar);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));

    auto *newButton = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New"), bar);
    newButton->setObjectName(QStringLiteral("newButton"));
    m_trashButton = new QPushButton(QIcon::fromTheme(QStringLiteral("user-trash")), tr("&Trash"), bar);
    m_trashButton->setObjectName(QStringLiteral("trashButton"));
    m_trashButton->setCheckable(true);
    m_trashButton->setToolTip(tr("Show the campaigns in the trash, to restore them"));
    m_restoreButton = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-undo")), tr("&Restore"), bar);
    m_restoreButton->setObjectName(QStringLiteral("restoreButton"));
    m_restoreButton->setVisible(false);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_search, 2);
    layout->addWidget(m_client, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_owner);
    layout->addWidget(m_period);
    layout->addWidget(m_countLabel);
    layout->addWidget(m_restoreButton);
    layout->addWidget(m_trashButton);
    layout->addWidget(newButton);

    // Each filter gets its full width when the window has room and shrinks (eliding its text) when it has not,
    // so that the Campaigns section never makes the whole window wider than the other sections do.
    const int charWidth = bar->fontMetrics().averageCharWidth();
    m_search->setMinimumWidth(charWidth * 10);
    for (QComboBox *combo : { m_client, m_status, m_owner, m_period })
        combo->setMinimumWidth(charWidth * 7);
    m_countLabel->setMinimumWidth(1);

    connect(m_search, &QLineEdit::textChanged, m_model, &CampaignListModel::setFilterText);
    for (QComboBox *combo : { m_client, m_status, m_owner, m_period })
        connect(combo, &QComboBox::currentIndexChanged, this, &CampaignsView::applyFilter);
    connect(newButton, &QPushButton::clicked, this, &CampaignsView::newCampaign);
    connect(m_trashButton, &QPushButton::toggled, this, &CampaignsView::setShowTrash);
    connect(m_restoreButton, &QPushButton::clicked, this, &CampaignsView::restoreCurrent);
    return bar;
}

QAction *CampaignsView::addMenuAction(const QString &text, const QKeySequence &shortcut, const char *objectName)
{
    auto *action = new QAction(text, this);
    action->setObjectName(QString::fromLatin1(objectName));
    action->setShortcut(shortcut);
    action->setToolTip(withShortcut(QString(text).remove(u'&').remove(QStringLiteral("…")), shortcut));
    action->setEnabled(false); // until the section is shown
    m_menuActions.append(action);
    addAction(action);
    return action;
}

void CampaignsView::createActions()
{
    m_newAction = addMenuAction(tr("&New Campaign"), QKeySequence(Qt::CTRL | Qt::Key_N), "newCampaignAction");
    m_newAction->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    connect(m_newAction, &QAction::triggered, this, &CampaignsView::newCampaign);
    m_editAction = addMenuAction(tr("&Edit Brief"), QKeySequence(Qt::Key_Return), "editCampaignAction");
    // Only from the list: Return in a text field keeps its meaning.
    m_editAction->setShortcutContext(Qt::WidgetShortcut);
    m_tableView->addAction(m_editAction);
    connect(m_editAction, &QAction::triggered, this, &CampaignsView::editCurrent);
    m_trashAction = addMenuAction(tr("&Move to Trash"), QKeySequence::Delete, "deleteCampaignAction");
    m_trashAction->setIcon(QIcon::fromTheme(QStringLiteral("user-trash")));
    m_trashAction->setShortcutContext(Qt::WidgetShortcut);
    m_tableView->addAction(m_trashAction);
    connect(m_trashAction, &QAction::triggered, this, &CampaignsView::trashCurrent);
    m_restoreAction = addMenuAction(tr("&Restore Campaign"), {}, "restoreCampaignAction");
    connect(m_restoreAction, &QAction::triggered, this, &CampaignsView::restoreCurrent);
    m_showTrashAction = addMenuAction(tr("Show &Trash"), {}, "showCampaignTrashAction");
    m_showTrashAction->setCheckable(true);
    connect(m_showTrashAction, &QAction::toggled, m_trashButton, &QPushButton::setChecked);
    connect(m_trashButton, &QPushButton::toggled, m_showTrashAction, &QAction::setChecked);
    m_restoreButton->setToolTip(m_restoreAction->toolTip());
}

void CampaignsView::showEvent(QShowEvent *event)
{
    if (!m_sized) {
        // The list's name, client, status and first figures, the workspace the rest (the user's sizes stay).
        m_sized = true;
        const int total = qMax(width(), 800);
        m_splitter->setSizes({ total * 2 / 5, total * 3 / 5 });
    }
    ensureListed();
    QWidget::showEvent(event);
    updateActions();
}

void CampaignsView::hideEvent(QHideEvent *event)
{
    for (QAction *action : std::as_const(m_menuActions))
        action->setEnabled(false);
    QWidget::hideEvent(event);
}

void CampaignsView::updateActions()
{
    const bool shown = isVisible();
    const bool writable = !m_db.isReadOnly();
    const bool trash = m_model->filter().trash;
    const bool current = currentId() > 0;
    m_newAction->setEnabled(shown && writable);
    m_editAction->setEnabled(shown && current && !trash);
    m_trashAction->setEnabled(shown && writable && current && !trash);
    m_restoreAction->setEnabled(shown && writable && current && trash);
    m_showTrashAction->setEnabled(shown);
    m_restoreButton->setVisible(trash);
    m_restoreButton->setEnabled(writable && current && trash);
}

void CampaignsView::ensureListed()
{
    if (m_model->isLoaded())
        return;
    fillFilterChoices();
    m_model->load();
}

void CampaignsView::fillFilterChoices()
{
    const qint64 client = m_client->currentData().toLongLong();
    const qint64 owner = m_owner->currentData().toLongLong();
    const QSignalBlocker clientBlocker(m_client);
    const QSignalBlocker ownerBlocker(m_owner);
    CampaignListQuery query(m_db);
    if (Result<QList<std::pair<qint64, QString>>> clients = query.clients(); clients) {
        while (m_client->count() > 1)
            m_client->removeItem(1);
        for (const auto &[id, name] : *clients)
            m_client->addItem(name, id);
    } else {
        Q_EMIT errorOccurred(clients.error().message);
    }
    if (Result<QList<User>> users = UserRepository(m_db).all(); users) {
        while (m_owner->count() > 1)
            m_owner->removeItem(1);
        for (const User &user : *users)
            m_owner->addItem(user.name, user.id);
    } else {
        Q_EMIT errorOccurred(users.error().message);
    }
    m_client->setCurrentIndex(qMax(0, m_client->findData(client)));
    m_owner->setCurrentIndex(qMax(0, m_owner->findData(owner)));
}

void CampaignsView::applyFilter()
{
    CampaignListFilter filter;
    filter.clientId = m_client->currentData().toLongLong();
    filter.status = m_status->currentData().toString();
    filter.ownerId = m_owner->currentData().toLongLong();
    const auto [from, to] = periodRange(Period(m_period->currentData().toInt()), QDate::currentDate());
    filter.from = from;
    filter.to = to;
    filter.trash = m_trashButton->isChecked();
    m_model->setFilter(filter);
}

void CampaignsView::setShowTrash(bool trash)
{
    if (trash == m_model->filter().trash)
        return;
    // The trash is not a place to edit: close the open campaign first (asking about unsaved edits).
    if (trash && !m_workspace->openCampaign(0, [this] { setShowTrash(true); })) {
        const QSignalBlocker blocker(m_trashButton);
        m_trashButton->setChecked(false);
        m_showTrashAction->setChecked(false);
        return;
    }
    if (trash)
        m_workspace->openCampaign(0);
    {
        const QSignalBlocker blocker(m_trashButton);
        m_trashButton->setChecked(trash);
    }
    applyFilter();
    updateActions();
}

void CampaignsView::refresh()
{
    fillFilterChoices();
    m_model->refresh();
}

void CampaignsView::afterRowsReloaded()
{
    updateCount();
    selectRowOf(m_workspace->campaignId());
    updateActions();
}

void CampaignsView::updateCount()
{
    const int shown = m_model->rowCount();
    const int total = m_model->filteredCount();
    if (m_model->filter().trash)
        m_countLabel->setText(tr("%L1 in the trash").arg(shown));
    else
        m_countLabel->setText(
            shown == total ? tr("%Ln campaign(s)", nullptr, total) : tr("%L1 of %L2").arg(shown).arg(total));
}

qint64 CampaignsView::currentId() const
{
    const QModelIndex current = m_tableView->currentIndex();
    return current.isValid() && m_tableView->selectionModel()->isRowSelected(current.row(), {})
        ? m_model->idAt(current.row())
        : 0;
}

QString CampaignsView::currentName() const
{
    const QModelIndex current = m_tableView->currentIndex();
    return current.isValid() ? m_model->index(current.row(), CampaignListModel::NameColumn).data().toString()
                             : QString();
}

void CampaignsView::selectRowOf(qint64 id)
{
    QItemSelectionModel *selection = m_tableView->selectionModel();
    const int row = id > 0 ? m_model->rowOf(id) : -1;
    const QSignalBlocker blocker(selection);
    if (row < 0) {
        selection->clear();
        m_tableView->viewport()->update();
        return;
    }
    const QModelIndex index = m_model->index(row, CampaignListModel::NameColumn);
    selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tableView->scrollTo(index);
}

void CampaignsView::onCurrentRowChanged(qint64 id)
{
    if (id <= 0 || id == m_workspace->campaignId() || m_model->filter().trash)
        return;
    // Ask after the view has finished changing the selection; the open campaign's row stays selected meanwhile.
    QTimer::singleShot(0, this, [this, id] {
        if (m_model->rowOf(id) >= 0 && currentId() == id)
            showCampaign(id);
    });
}

void CampaignsView::showCampaign(qint64 id)
{
    ensureListed();
    if (m_model->filter().trash)
        setShowTrash(false);
    if (m_model->rowOf(id) < 0 && id > 0) {
        // Hidden by the search or a filter: show every campaign again rather than open one the list hides.
        const QSignalBlocker searchBlocker(m_search);
        m_search->clear();
        m_model->setFilterText(QString());
        for (QComboBox *combo : { m_client, m_status, m_owner, m_period }) {
            const QSignalBlocker blocker(combo);
            combo->setCurrentIndex(0);
        }
        applyFilter();
    }
    if (!m_workspace->openCampaign(id, [this, id] { selectRowOf(id); }))
        selectRowOf(m_workspace->campaignId());
    else
        selectRowOf(id);
    updateActions();
}

bool CampaignsView::hasUnsavedChanges() const
{
    return m_workspace->hasUnsavedChanges();
}

bool CampaignsView::confirmLeave(const std::function<void()> &proceed)
{
    return m_workspace->confirmLeave(proceed);
}

void CampaignsView::newCampaign()
{
    if (m_db.isReadOnly())
        return;
    if (!m_workspace->confirmLeave([this] { newCampaign(); }))
        return;
    ensureListed();
    Campaign campaign;
    campaign.name = tr("New campaign");
    campaign.ownerId = m_db.currentUserId();
    campaign.clientId = m_client->currentData().toLongLong();
    const Status status = CampaignRepository(m_db).create(campaign);
    if (!status) {
        Q_EMIT errorOccurred(status.error().message);
        return;
    }
    if (m_undoStack)
        m_undoStack->push(
            new TrashCampaignCommand(m_db, TrashCampaignCommand::Kind::Create, campaign.id, campaign.name));
    if (m_model->filter().trash)
        setShowTrash(false);
    ChangeNotifier::instance()->notifyCampaigns({ campaign.id });
    showCampaign(campaign.id);
    m_workspace->showTab(CampaignWorkspace::Tab::Brief);
    m_workspace->focusCurrentTab();
}

void CampaignsView::editCurrent()
{
    const qint64 id = currentId();
    if (id <= 0 || m_model->filter().trash)
        return;
    showCampaign(id);
    if (m_workspace->campaignId() != id)
        return; // asking about unsaved edits first
    m_workspace->showTab(CampaignWorkspace::Tab::Brief);
    m_workspace->focusCurrentTab();
}

void CampaignsView::trashCurrent()
{
    const qint64 id = currentId();
    if (id <= 0 || m_db.isReadOnly() || m_model->filter().trash)
        return;
    const QString name = currentName();
    // The open campaign's unsaved edits are asked about first: they would be lost with it.
    if (id == m_workspace->campaignId() && !m_workspace->confirmLeave([this] { trashCurrent(); }))
        return;
    const int row = m_model->rowOf(id);
    const Status status = CampaignRepository(m_db).moveToTrash(id);
    if (!status) {
        Q_EMIT errorOccurred(status.error().message);
        return;
    }
    if (id == m_workspace->campaignId())
        m_workspace->openCampaign(0);
    if (m_undoStack)
        m_undoStack->push(new TrashCampaignCommand(m_db, TrashCampaignCommand::Kind::Delete, id, name));
    ChangeNotifier::instance()->notifyCampaigns({ id });
    Q_EMIT statusMessage(tr("Moved “%1” to the trash.").arg(name));
    // The next campaign takes its place, selected but not opened.
    const int next = qMin(row, m_model->rowCount() - 1);
    if (next >= 0) {
        const QSignalBlocker blocker(m_tableView->selectionModel());
        m_tableView->selectionModel()->setCurrentIndex(m_model->index(next, CampaignListModel::NameColumn),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    updateActions();
}

void CampaignsView::restoreCurrent()
{
    const qint64 id = currentId();
    if (id <= 0 || m_db.isReadOnly() || !m_model->filter().trash)
        return;
    const QString name = currentName();
    const Status status = CampaignRepository(m_db).restore(id);
    if (!status) {
        Q_EMIT errorOccurred(status.error().message);
        return;
    }
    if (m_undoStack)
        m_undoStack->push(new TrashCampaignCommand(m_db, TrashCampaignCommand::Kind::Restore, id, name));
    ChangeNotifier::instance()->notifyCampaigns({ id });
    Q_EMIT statusMessage(tr("Restored “%1”.").arg(name));
    updateActions();
}
