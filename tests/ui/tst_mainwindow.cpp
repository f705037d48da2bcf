#include "campaigns/campaignsview.h"
#include "common/messagebox.h"
#include "common/placeholdersection.h"
#include "contacts/contactsview.h"
#include "dashboard/dashboardview.h"
#include "followups/followupsview.h"
#include "inbox/inboxview.h"
#include "interactions/activitysection.h"
#include "itemmodels/contactlistmodel.h"
#include "itemmodels/organizationlistmodel.h"
#include "mainwindow.h"
#include "organizations/organizationsview.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/followuprepository.h"
#include "storage/organizationrepository.h"
#include "testdatabase.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>

namespace {

std::unique_ptr<Database> databaseWith(const QStringList &names, const QStringList &titles = {})
{
    Result<std::unique_ptr<Database>> db = TestDatabase::create(QStringLiteral("sqlite"));
    if (!db)
        qFatal("opening a test database failed: %s", qPrintable(db.error().message));
    ContactRepository repo(**db);
    for (qsizetype i = 0; i < names.size(); ++i) {
        Contact c;
        c.displayName = names.at(i);
        c.title = titles.value(i);
        if (Status s = repo.create(c); !s)
            qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    }
    return std::move(db).value();
}

QString cell(QTableView *view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

void clickHeader(QTableView *view, int column)
{
    QHeaderView *header = view->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void showsTheContactsOfTheDatabase();
    void clickingTheHeaderSorts();
    void sidebarShowsPlaceholderPages();
    void shortcutsSwitchSections();
    void remembersTheListLayout();
    void firstRunSizeFitsTheScreen();
    void everySectionFitsANarrowWindow();
    void emptyDatabaseOfferAccepted();
    void emptyDatabaseOfferDeclined();
    void noOfferWhenContactsExist();
    void sidebarCountsAndOrganizationsWaitForTheFirstScreen();
};

void TestMainWindow::initTestCase()
{
    // Settings go to a throwaway place, never to the developer's own.
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::init()
{
    QSettings().clear();
    MessageBox::setNextAnswer(QMessageBox::NoButton);
}

void TestMainWindow::showsTheContactsOfTheDatabase()
{
    auto db = databaseWith({ QStringLiteral("Bea Brook"), QStringLiteral("Al Avery"), QStringLiteral("Cy Crane") },
        { QStringLiteral("Editor"), QStringLiteral("Reporter"), QString() });
    MainWindow window(*db);
    QSignalSpy painted(&window, &MainWindow::contactListPainted);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QVERIFY(window.windowTitle().contains(db->location().displayName()));
    QCOMPARE(window.currentSection(), MainWindow::Section::Contacts);
    auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
    QVERIFY(table);
    QVERIFY(table->isVisible());
    QCOMPARE(table->model()->rowCount(), 3);
    QCOMPARE(cell(table, 0, ContactListModel::NameColumn), QStringLiteral("Al Avery"));
    QCOMPARE(cell(table, 0, ContactListModel::TitleColumn), QStringLiteral("Reporter"));
    QCOMPARE(cell(table, 0, ContactListModel::KindColumn), QStringLiteral("Journalist"));
    QCOMPARE(cell(table, 2, ContactListModel::NameColumn), QStringLiteral("Cy Crane"));
    auto *count = window.findChild<QLabel *>(QStringLiteral("contactCountLabel"));
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("Contacts: 3"));

    QTRY_COMPARE(painted.count(), 1);
    table->viewport()->repaint();
    QTest::qWait(0);
    QCOMPARE(painted.count(), 1); // once only
}

void TestMainWindow::clickingTheHeaderSorts()
{
    auto db = databaseWith({ QStringLiteral("Bea Brook"), QStringLiteral("Al Avery"), QStringLiteral("Cy Crane") },
        { QStringLiteral("Editor"), QStringLiteral("Reporter"), QStringLiteral("Anchor") });
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
    QVERIFY(table);

    clickHeader(table, ContactListModel::NameColumn); // already ascending: now descending
    QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(cell(table, 0, ContactListModel::NameColumn), QStringLiteral("Cy Crane"));

    clickHeader(table, ContactListModel::TitleColumn);
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(ContactListModel::TitleColumn));
    QCOMPARE(cell(table, 0, ContactListModel::TitleColumn), QStringLiteral("Anchor"));
    QCOMPARE(cell(table, 2, ContactListModel::TitleColumn), QStringLiteral("Reporter"));

    // Email cannot be sorted: the indicator stays where the rows really are sorted.
    clickHeader(table, ContactListModel::EmailColumn);
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(ContactListModel::TitleColumn));
    QCOMPARE(cell(table, 0, ContactListModel::TitleColumn), QStringLiteral("Anchor"));
}

void TestMainWindow::sidebarShowsPlaceholderPages()
{
    auto db = databaseWith({ QStringLiteral("Al Avery") });
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("sidebarListWidget"));
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("sectionsStackedWidget"));
    QVERIFY(sidebar && stack);
    QCOMPARE(sidebar->count(), 7);

    const QStringList titles = { QStringLiteral("Organizations"), QStringLiteral("Campaigns"), QStringLiteral("Inbox"),
        QStringLiteral("Follow-ups"), QStringLiteral("Activity"), QStringLiteral("Dashboard") };
    for (int row = 1; row < sidebar->count(); ++row) {
        QListWidgetItem *item = sidebar->item(row);
        QCOMPARE(item->text(), titles.at(row - 1));
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, sidebar->visualItemRect(item).center());
        QCOMPARE(int(window.currentSection()), row);
        if (window.currentSection() == MainWindow::Section::Inbox) {
            QVERIFY(qobject_cast<InboxView *>(stack->currentWidget()));
            QVERIFY(stack->currentWidget()->isVisible());
            continue;
        }
        if (window.currentSection() == MainWindow::Section::FollowUps) {
            QVERIFY(qobject_cast<FollowUpsView *>(stack->currentWidget()));
            QVERIFY(stack->currentWidget()->isVisible());
            continue;
        }
        if (window.currentSection() == MainWindow::Section::Activity) {
            QVERIFY(qobject_cast<ActivitySection *>(stack->currentWidget()));
            QVERIFY(stack->currentWidget()->isVisible());
            continue;
        }
        if (window.currentSection() == MainWindow::Section::Campaigns) {
            QVERIFY(qobject_cast<CampaignsView *>(stack->currentWidget()));
            QVERIFY(stack->currentWidget()->isVisible());
            continue;
        }
        if (window.currentSection() == MainWindow::Section::Dashboard) {
            QVERIFY(qobject_cast<DashboardView *>(stack->currentWidget()));
            QVERIFY(stack->currentWidget()->isVisible());
            continue;
        }
        if (window.currentSection() == MainWindow::Section::Organizations) {
            // Built: the real section, not a placeholder.
            QVERIFY(qobject_cast<OrganizationsView *>(stack->currentWidget()));
            QVERIFY(stack->currentWidget()->isVisible());
            continue;
        }
        auto *page = qobject_cast<PlaceholderSection *>(stack->currentWidget());
        QVERIFY2(page, qPrintable(titles.at(row - 1)));
        QVERIFY(page->isVisible());
        QCOMPARE(page->title(), titles.at(row - 1));
        QVERIFY(!page->description().isEmpty());
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("statusLabel"))->text().contains(QStringLiteral("not built")));
    }
    QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, sidebar->visualItemRect(sidebar->item(0)).center());
    QCOMPARE(window.currentSection(), MainWindow::Section::Contacts);
    QVERIFY(window.findChild<QTableView *>(QStringLiteral("contactsTableView"))->isVisible());
}

void TestMainWindow::shortcutsSwitchSections()
{
    auto db = databaseWith({ QStringLiteral("Al Avery") });
    MainWindow window(*db);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *count = window.findChild<QLabel *>(QStringLiteral("contactCountLabel"));
    QVERIFY(count->isVisible());
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Campaigns);
    QVERIFY(window.findChild<QAction *>(QStringLiteral("campaignsAction"))->isChecked());
    QVERIFY2(!count->isVisible(), "the contact count is the contact list's, not the Campaigns section's");
    QTest::keyClick(&window, Qt::Key_6, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Activity);
    QTest::keyClick(&window, Qt::Key_7, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Dashboard);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Contacts);
    QVERIFY(count->isVisible());
}

void TestMainWindow::remembersTheListLayout()
{
    auto db = databaseWith({ QStringLiteral("Bea Brook"), QStringLiteral("Al Avery") });
    {
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
        table->horizontalHeader()->resizeSection(ContactListModel::OutletColumn, 333);
        clickHeader(table, ContactListModel::OutletColumn);
        clickHeader(table, ContactListModel::OutletColumn);
        QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
        window.resize(1000, 700);
        window.close();
    }
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
    QCOMPARE(table->horizontalHeader()->sectionSize(ContactListModel::OutletColumn), 333);
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(ContactListModel::OutletColumn));
    auto *model = window.contactsView()->model();
    QCOMPARE(model->sortColumn(), int(ContactListModel::OutletColumn));
    QCOMPARE(model->sortOrder(), Qt::DescendingOrder);
    QCOMPARE(window.size(), QSize(1000, 700));
}

// The window's minimum width is the widest section's: a section built on first show (the Dashboard) or with a long
// filter bar (Campaigns) once made the window jump past a 1,280-pixel screen. Every section, once shown, must
// leave the window able to be 1,000 pixels wide.
void TestMainWindow::everySectionFitsANarrowWindow()
{
    auto db = databaseWith({ QStringLiteral("Bea Brook") });
    MainWindow window(*db);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    for (const Qt::Key key : { Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5, Qt::Key_6, Qt::Key_7 }) {
        QTest::keyClick(&window, key, Qt::ControlModifier);
        QCoreApplication::processEvents();
        const int minimum = qMax(window.minimumSizeHint().width(), window.minimumWidth());
        QVERIFY2(minimum <= 1000,
            qPrintable(QStringLiteral("after Ctrl+%1 the window cannot be narrower than %2 px")
                           .arg(QChar(u'0' + (key - Qt::Key_0)))
                           .arg(minimum)));
    }
    window.resize(1000, 700);
    QTRY_COMPARE(window.width(), 1000);
    // ... and the Dashboard then shows its charts side by side without scrolling sideways.
    auto *dashboard = window.findChild<QScrollArea *>(QStringLiteral("dashboardScrollArea"));
    QVERIFY(dashboard);
    QTRY_VERIFY(dashboard->isVisible());
    QTRY_COMPARE(dashboard->horizontalScrollBar()->maximum(), 0);
}

// Issue 10: the first window was 1280 × 800 whatever the screen; now it is sized for the screen (and the
// size the user leaves it at is restored, see remembersTheListLayout()).
void TestMainWindow::firstRunSizeFitsTheScreen()
{
    QSettings().clear();
    auto db = databaseWith({ QStringLiteral("Bea Brook") });
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QRect available = window.screen()->availableGeometry();
    // The offscreen platform's default screen is 800 x 800, narrower than the window's minimum size (the list
    // beside a readable profile): there Qt keeps the minimum, so only the rule below (firstRunGeometry) is
    // checked. On a screen at least that large the real window must fit.
    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    if (available.width() < minimum.width() || available.height() < minimum.height()) {
        qInfo("screen %dx%d is smaller than the window's minimum %dx%d: checking the rule only", available.width(),
            available.height(), minimum.width(), minimum.height());
    } else {
        QVERIFY2(available.contains(window.frameGeometry()),
            qPrintable(QStringLiteral("%1,%2 %3x%4 on %5,%6 %7x%8")
                           .arg(window.x())
                           .arg(window.y())
                           .arg(window.width())
                           .arg(window.height())
                           .arg(available.x())
                           .arg(available.y())
                           .arg(available.width())
                           .arg(available.height())));
        QVERIFY(window.width() >= int(available.width() * 0.8) && window.height() >= int(available.height() * 0.8));
        QVERIFY(window.width() <= 1800 && window.height() <= 1100);
    }

    // The rule on screens of other sizes: 80%, clamped, centered.
    QCOMPARE(MainWindow::firstRunGeometry(QRect(0, 0, 1920, 1080)), QRect(192, 108, 1536, 864));
    QCOMPARE(MainWindow::firstRunGeometry(QRect(0, 0, 1366, 768)).size(), QSize(1100, 720));
    QCOMPARE(MainWindow::firstRunGeometry(QRect(0, 0, 3840, 2160)).size(), QSize(1800, 1100));
    QCOMPARE(MainWindow::firstRunGeometry(QRect(0, 0, 1024, 600)), QRect(25, 15, 973, 570));
    QCOMPARE(MainWindow::firstRunGeometry(QRect(100, 30, 1280, 1000)).center(), QRect(100, 30, 1280, 1000).center());
}

void TestMainWindow::emptyDatabaseOfferAccepted()
{
    auto db = databaseWith({});
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
    QCOMPARE(table->model()->rowCount(), 0);
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("emptyHintLabel"))->isVisible());

    QSignalSpy finished(&window, &MainWindow::demoDataFinished);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    window.offerDemoDataIfEmpty();
    QVERIFY(window.findChild<QProgressDialog *>(QStringLiteral("demoDataProgressDialog")));
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(table->model()->rowCount() > 0);
    QVERIFY(!cell(table, 0, ContactListModel::NameColumn).isEmpty());
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("emptyHintLabel"))->isVisible());
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("contactCountLabel"))->text(),
        QStringLiteral("Contacts: %1").arg(QLocale().toString(table->model()->rowCount())));
    QTRY_VERIFY(!window.findChild<QProgressDialog *>(QStringLiteral("demoDataProgressDialog")));
}

void TestMainWindow::emptyDatabaseOfferDeclined()
{
    auto db = databaseWith({});
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(&window, &MainWindow::demoDataFinished);
    MessageBox::setNextAnswer(QMessageBox::No);
    window.offerDemoDataIfEmpty();
    QVERIFY(!window.findChild<QProgressDialog *>(QStringLiteral("demoDataProgressDialog")));
    QCOMPARE(window.contactsView()->model()->rowCount(), 0);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("contactCountLabel"))->text(), QStringLiteral("Contacts: 0"));
}

void TestMainWindow::noOfferWhenContactsExist()
{
    auto db = databaseWith({ QStringLiteral("Al Avery") });
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    bool asked = false;
    // No answer prepared: had it asked, a real box would be open now.
    window.offerDemoDataIfEmpty();
    const auto boxes = window.findChildren<QMessageBox *>();
    for (QMessageBox *box : boxes)
        asked = asked || box->isVisible();
    QVERIFY(!asked);
    QVERIFY(!window.findChild<QProgressDialog *>(QStringLiteral("demoDataProgressDialog")));
}

// Start-up shows the contact list first (issue 10: first paint had slipped to 2.95x a bare window): the
// overdue count of the sidebar and the Inbox load right after the first paint, the organizations when
// their section is first shown.
void TestMainWindow::sidebarCountsAndOrganizationsWaitForTheFirstScreen()
{
    auto db = databaseWith({ QStringLiteral("Bea Brook") });
    Organization outlet;
    outlet.name = QStringLiteral("Daily Planet");
    QVERIFY(OrganizationRepository(*db).create(outlet).ok());
    FollowUp late;
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM contacts")) && q.next());
    late.contactId = q.value(0).toLongLong();
    late.assigneeId = db->currentUserId();
    late.dueAt = QDateTime::currentDateTimeUtc().addDays(-2);
    late.note = QStringLiteral("Send the press kit");
    QVERIFY(FollowUpRepository(*db).create(late).ok());

    MainWindow window(*db);
    QSignalSpy firstScreen(&window, &MainWindow::firstScreenLoaded);
    QSignalSpy painted(&window, &MainWindow::contactListPainted);
    auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("sidebarListWidget"));
    QVERIFY(sidebar);
    QVERIFY(!window.followUpsView()->isLoaded());
    QVERIFY(!window.inboxView()->isLoaded());
    QVERIFY(!window.organizationsView()->model()->isLoaded());
    QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(), QStringLiteral("Follow-ups"));
    // Nothing of it runs from the event loop before the first paint either.
    QCoreApplication::processEvents();
    QVERIFY(!window.followUpsView()->isLoaded());

    window.show();
    QTRY_COMPARE(firstScreen.count(), 1);
    QCOMPARE(painted.count(), 1); // the list painted first
    QVERIFY(window.followUpsView()->isLoaded());
    QVERIFY(window.inboxView()->isLoaded());
    QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(), QStringLiteral("Follow-ups (1)"));
    QVERIFY(!window.organizationsView()->model()->isLoaded());

    window.showSection(MainWindow::Section::Organizations);
    QVERIFY(window.organizationsView()->model()->isLoaded());
    QCOMPARE(window.organizationsView()->model()->rowCount(), 1);
    auto *count = window.organizationsView()->findChild<QLabel *>(QStringLiteral("countLabel"));
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("1 organizations"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
