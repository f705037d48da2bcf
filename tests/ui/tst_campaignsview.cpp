#include "campaigns/brieftab.h"
#include "campaigns/campaignsview.h"
#include "campaigns/campaigntab.h"
#include "campaigns/campaignworkspace.h"
#include "campaigns/pendingcampaigntab.h"
#include "common/messagebox.h"
#include "itemmodels/campaignlistmodel.h"
#include "campaigns/contactcampaignspanel.h"
#include "contacts/contacteditor.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "plurals.h"
#include "storage/campaignrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QTest>
#include <QUndoStack>

namespace {

struct Fixture
{
    std::unique_ptr<Database> db;
    qint64 acme = 0;
    qint64 bistro = 0;
    QList<qint64> campaigns; // Spring launch (Acme), Autumn study (Bistro), Winter gala (Acme)
};

Fixture fixture()
{
    Result<std::unique_ptr<Database>> db = TestDatabase::create(QStringLiteral("sqlite"));
    if (!db)
        qFatal("opening a test database failed: %s", qPrintable(db.error().message));
    Fixture f;
    f.db = std::move(db).value();
    (void)UserRepository(*f.db).ensureUser(QStringLiteral("tester"), QStringLiteral("Tess Tester"));
    OrganizationRepository orgs(*f.db);
    for (const auto &[name, id] : { std::pair { QStringLiteral("Acme Robotics"), &f.acme },
             std::pair { QStringLiteral("Bistro Émile"), &f.bistro } }) {
        Organization o;
        o.name = name;
        o.kind = QStringLiteral("client");
        if (!orgs.create(o))
            qFatal("creating a client failed");
        *id = o.id;
    }
    CampaignRepository repo(*f.db);
    const QDateTime base(QDate(2026, 3, 1), QTime(9, 0));
    int i = 0;
    for (const auto &[name, client] :
        { std::pair { QStringLiteral("Spring launch"), f.acme }, std::pair { QStringLiteral("Autumn study"), f.bistro },
            std::pair { QStringLiteral("Winter gala"), f.acme } }) {
        Campaign c;
        c.name = name;
        c.clientId = client;
        c.startsAt = base.addMonths(3 * i++);
        c.description = QStringLiteral("About %1.").arg(name.toLower());
        if (Status s = repo.create(c); !s)
            qFatal("creating a campaign failed: %s", qPrintable(s.error().message));
        f.campaigns.append(c.id);
    }
    return f;
}

QList<qint64> shownIds(const QTableView *table)
{
    QList<qint64> ids;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        ids.append(table->model()->index(row, 0).data(CampaignListModel::IdRole).toLongLong());
    return ids;
}

void clickRowOf(QTableView *table, qint64 id)
{
    const int row = static_cast<int>(shownIds(table).indexOf(id));
    QVERIFY(row >= 0);
    const QRect rect = table->visualRect(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
}

bool isTrashed(Database &db, qint64 id)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT deleted_at IS NOT NULL FROM campaigns WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    return q.exec() && q.next() && q.value(0).toBool();
}

} // namespace

class TestCampaignsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Plurals::installEnglish()); }
    void workspaceHasTheTabsInOrder();
    void choosingACampaignOpensItInTheVisibleTab();
    void searchAndClientFilterNarrowTheList();
    void newWithCtrlNTrashWithDeleteUndoAndRestore();
    void briefSavesWithCtrlSAndIsUndoable();
    void briefRefusesAnEndBeforeTheStartAndMergesAnotherSave();
    void switchingCampaignsAsksAboutUnsavedEdits();
    void profileCampaignsTabOpensTheCampaign();
};

void TestCampaignsView::workspaceHasTheTabsInOrder()
{
    Fixture f = fixture();
    QUndoStack undo;
    CampaignWorkspace workspace(*f.db, &undo);
    QTabWidget *tabs = workspace.tabWidget();
    const QStringList titles = { QStringLiteral("Brief"), QStringLiteral("Content"), QStringLiteral("Media list"),
        QStringLiteral("Pipeline"), QStringLiteral("Coverage"), QStringLiteral("Who to pitch"),
        QStringLiteral("History") };
    QCOMPARE(tabs->count(), titles.size());
    for (int i = 0; i < titles.size(); ++i) {
        QCOMPARE(tabs->tabText(i).remove(u'&'), titles.at(i));
        QCOMPARE(workspace.tab(CampaignWorkspace::Tab(i))->title().remove(u'&'), titles.at(i));
    }
    QVERIFY(qobject_cast<BriefTab *>(workspace.tab(CampaignWorkspace::Tab::Brief)));
    // Without a campaign the workspace says how to open one.
    workspace.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workspace));
    QVERIFY(workspace.findChild<QLabel *>(QStringLiteral("noCampaignSelectedLabel"))->isVisible());
    QVERIFY(!tabs->isVisible());
}

void TestCampaignsView::choosingACampaignOpensItInTheVisibleTab()
{
    Fixture f = fixture();
    QUndoStack undo;
    CampaignsView view(*f.db, &undo);
    view.resize(1300, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTableView *table = view.tableView();
    // The status column shows the status's word (CampaignStatus, translated), not its stored key.
    QCOMPARE(table->model()->index(0, CampaignListModel::StatusColumn).data().toString(), QStringLiteral("Planned"));
    // Newest start first.
    QCOMPARE(shownIds(table), (QList<qint64> { f.campaigns.at(2), f.campaigns.at(1), f.campaigns.at(0) }));
    CampaignWorkspace *workspace = view.workspace();
    QCOMPARE(workspace->campaignId(), 0);

    clickRowOf(table, f.campaigns.at(1));
    QTRY_COMPARE(workspace->campaignId(), f.campaigns.at(1));
    QVERIFY(workspace->tabWidget()->isVisible());
    auto *brief = qobject_cast<BriefTab *>(workspace->tab(CampaignWorkspace::Tab::Brief));
    QCOMPARE(brief->campaignId(), f.campaigns.at(1));
    QCOMPARE(brief->findChild<QLineEdit *>(QStringLiteral("nameLineEdit"))->text(), QStringLiteral("Autumn study"));
    QCOMPARE(brief->findChild<QLineEdit *>(QStringLiteral("clientLineEdit"))->text(), QStringLiteral("Bistro Émile"));
    // Every label with an accelerator has a buddy: without one Qt shows the "&" itself (it did for "&Dates:").
    for (const QLabel *label : brief->findChildren<QLabel *>())
        if (label->text().contains(u'&'))
            QVERIFY2(label->buddy(), qPrintable(label->text()));

    // A hidden tab is given the campaign when it is shown, and the next campaign when it is the one shown.
    workspace->showTab(CampaignWorkspace::Tab::Coverage);
    clickRowOf(table, f.campaigns.at(0));
    QTRY_COMPARE(workspace->campaignId(), f.campaigns.at(0));
    if (auto *pending = qobject_cast<PendingCampaignTab *>(workspace->tab(CampaignWorkspace::Tab::Coverage)))
        QCOMPARE(pending->campaignId(), f.campaigns.at(0));
    workspace->showTab(CampaignWorkspace::Tab::Brief);
    QCOMPARE(brief->campaignId(), f.campaigns.at(0));
    QVERIFY(table->selectionModel()->isRowSelected(static_cast<int>(shownIds(table).indexOf(f.campaigns.at(0))), {}));

    // Sorting by a header click: by name.
    QHeaderView *header = table->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
        QPoint(header->sectionViewportPosition(CampaignListModel::NameColumn) + 10, header->height() / 2));
    QCOMPARE(shownIds(table), (QList<qint64> { f.campaigns.at(1), f.campaigns.at(0), f.campaigns.at(2) }));
}

void TestCampaignsView::searchAndClientFilterNarrowTheList()
{
    Fixture f = fixture();
    QUndoStack undo;
    CampaignsView view(*f.db, &undo);
    view.resize(1300, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTableView *table = view.tableView();
    auto *search = view.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    auto *count = view.findChild<QLabel *>(QStringLiteral("countLabel"));
    QCOMPARE(count->text(), QStringLiteral("3 campaigns"));

    // The client's name, accents ignored, as you type.
    QTest::keyClicks(search, QStringLiteral("emi"));
    QCOMPARE(shownIds(table), QList<qint64> { f.campaigns.at(1) });
    QCOMPARE(count->text(), QStringLiteral("1 of 3"));
    search->selectAll();
    QTest::keyClicks(search, QStringLiteral("gala"));
    QCOMPARE(shownIds(table), QList<qint64> { f.campaigns.at(2) });
    QTest::keyClick(search, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(search, Qt::Key_Backspace);
    QCOMPARE(table->model()->rowCount(), 3);

    // The client filter, chosen with the keyboard.
    auto *client = view.findChild<QComboBox *>(QStringLiteral("clientFilterComboBox"));
    QCOMPARE(client->count(), 3); // All clients, Acme Robotics, Bistro Émile
    client->setFocus();
    QTest::keyClick(client, Qt::Key_Down);
    QCOMPARE(client->currentText(), QStringLiteral("Acme Robotics"));
    QCOMPARE(shownIds(table), (QList<qint64> { f.campaigns.at(2), f.campaigns.at(0) }));
    QCOMPARE(count->text(), QStringLiteral("2 campaigns"));
    // And the status filter on top: none of Acme's is active.
    auto *status = view.findChild<QComboBox *>(QStringLiteral("statusFilterComboBox"));
    status->setCurrentIndex(status->findData(QStringLiteral("active")));
    QCOMPARE(table->model()->rowCount(), 0);
    status->setCurrentIndex(0);
    client->setCurrentIndex(0);
    QCOMPARE(table->model()->rowCount(), 3);
}

void TestCampaignsView::newWithCtrlNTrashWithDeleteUndoAndRestore()
{
    Fixture f = fixture();
    MainWindow window(*f.db);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::Section::Campaigns);
    CampaignsView *view = window.campaignsView();
    QTableView *table = view->tableView();
    QCOMPARE(table->model()->rowCount(), 3);
    QSqlQuery contacts(f.db->connection());
    QVERIFY(contacts.exec(QStringLiteral("SELECT count(*) FROM contacts")) && contacts.next());
    const int contactsBefore = contacts.value(0).toInt();

    // Ctrl+N in the Campaigns section makes a campaign (not a contact) and puts the cursor in its name.
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : static_cast<QWidget *>(&window),
        Qt::Key_N, Qt::ControlModifier);
    QTRY_COMPARE(table->model()->rowCount(), 4);
    QVERIFY(contacts.exec(QStringLiteral("SELECT count(*) FROM contacts")) && contacts.next());
    QCOMPARE(contacts.value(0).toInt(), contactsBefore);
    const qint64 created = view->workspace()->campaignId();
    QVERIFY(created > 0 && !f.campaigns.contains(created));
    auto *brief = qobject_cast<BriefTab *>(view->workspace()->tab(CampaignWorkspace::Tab::Brief));
    auto *name = brief->findChild<QLineEdit *>(QStringLiteral("nameLineEdit"));
    QCOMPARE(name->text(), QStringLiteral("New campaign"));
    QTRY_COMPARE(QApplication::focusWidget(), name);
    QCOMPARE(CampaignRepository(*f.db).get(created)->ownerId, f.db->currentUserId());

    // Ctrl+Z takes it away again ("Undid: …" in the status bar); Ctrl+Shift+Z brings it back.
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(isTrashed(*f.db, created));
    QTRY_COMPARE(table->model()->rowCount(), 3);
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Undid: New campaign “New campaign”"));
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!isTrashed(*f.db, created));
    QTRY_COMPARE(table->model()->rowCount(), 4);

    // Delete in the list moves the selected campaign to the trash; undo restores it.
    clickRowOf(table, f.campaigns.at(1));
    QTRY_COMPARE(view->workspace()->campaignId(), f.campaigns.at(1));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    QVERIFY(isTrashed(*f.db, f.campaigns.at(1)));
    QCOMPARE(table->model()->rowCount(), 3);
    QCOMPARE(view->workspace()->campaignId(), 0);
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!isTrashed(*f.db, f.campaigns.at(1)));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Undid: Move campaign “Autumn study” to the trash"));
    QCOMPARE(table->model()->rowCount(), 4);

    // Deleted again, then restored from the trash view.
    clickRowOf(table, f.campaigns.at(1));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    QVERIFY(isTrashed(*f.db, f.campaigns.at(1)));
    auto *trash = view->findChild<QPushButton *>(QStringLiteral("trashButton"));
    QTest::mouseClick(trash, Qt::LeftButton);
    QCOMPARE(shownIds(table), QList<qint64> { f.campaigns.at(1) });
    auto *restore = view->findChild<QPushButton *>(QStringLiteral("restoreButton"));
    QVERIFY(restore->isVisible());
    clickRowOf(table, f.campaigns.at(1));
    QVERIFY(restore->isEnabled());
    QTest::mouseClick(restore, Qt::LeftButton);
    QVERIFY(!isTrashed(*f.db, f.campaigns.at(1)));
    QCOMPARE(table->model()->rowCount(), 0);
    QTest::mouseClick(trash, Qt::LeftButton);
    QCOMPARE(table->model()->rowCount(), 4);
    // Undoing the restore puts it back in the trash.
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(isTrashed(*f.db, f.campaigns.at(1)));
    QCOMPARE(table->model()->rowCount(), 3);
}

void TestCampaignsView::briefSavesWithCtrlSAndIsUndoable()
{
    Fixture f = fixture();
    MainWindow window(*f.db);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.showSection(MainWindow::Section::Campaigns);
    CampaignsView *view = window.campaignsView();
    view->showCampaign(f.campaigns.at(0));
    auto *brief = qobject_cast<BriefTab *>(view->workspace()->tab(CampaignWorkspace::Tab::Brief));
    QVERIFY(brief->isVisible());
    auto *name = brief->findChild<QLineEdit *>(QStringLiteral("nameLineEdit"));
    auto *client = brief->findChild<QLineEdit *>(QStringLiteral("clientLineEdit"));
    auto *goals = brief->findChild<QPlainTextEdit *>(QStringLiteral("goalsTextEdit"));
    auto *topics = brief->findChild<QLineEdit *>(QStringLiteral("topicsEdit"));
    auto *team = brief->findChild<QListWidget *>(QStringLiteral("teamListWidget"));

    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Spring robot launch"));
    client->selectAll();
    QTest::keyClicks(client, QStringLiteral("Bistro Émile"));
    QTest::keyClicks(goals, QStringLiteral("Ten articles."));
    QTest::keyClicks(topics, QStringLiteral("robots, home automation"));
    QVERIFY(team->count() >= 1);
    team->item(0)->setCheckState(Qt::Checked);
    QVERIFY(brief->hasUnsavedChanges());
    QTest::keyClick(goals, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!brief->hasUnsavedChanges());
    Campaign saved = *CampaignRepository(*f.db).get(f.campaigns.at(0));
    QCOMPARE(saved.name, QStringLiteral("Spring robot launch"));
    QCOMPARE(saved.clientId, f.bistro);
    QCOMPARE(saved.goals, QStringLiteral("Ten articles."));
    QCOMPARE(saved.topics, (QStringList { QStringLiteral("robots"), QStringLiteral("home automation") }));
    QCOMPARE(saved.memberIds, QList<qint64> { team->item(0)->data(Qt::UserRole).toLongLong() });
    // The list shows the new name and client in place.
    const int row = view->model()->rowOf(f.campaigns.at(0));
    QCOMPARE(view->model()->index(row, CampaignListModel::NameColumn).data().toString(),
        QStringLiteral("Spring robot launch"));
    QCOMPARE(
        view->model()->index(row, CampaignListModel::ClientColumn).data().toString(), QStringLiteral("Bistro Émile"));

    // Undo writes the brief from before; the tab shows it.
    view->tableView()->setFocus();
    QTest::keyClick(view->tableView(), Qt::Key_Z, Qt::ControlModifier);
    saved = *CampaignRepository(*f.db).get(f.campaigns.at(0));
    QCOMPARE(saved.name, QStringLiteral("Spring launch"));
    QCOMPARE(saved.clientId, f.acme);
    QVERIFY(saved.topics.isEmpty());
    QCOMPARE(name->text(), QStringLiteral("Spring launch"));
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Undid: Edit the brief of")));
}

void TestCampaignsView::briefRefusesAnEndBeforeTheStartAndMergesAnotherSave()
{
    Fixture f = fixture();
    QUndoStack undo;
    CampaignsView view(*f.db, &undo);
    view.resize(1300, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showCampaign(f.campaigns.at(0));
    auto *brief = qobject_cast<BriefTab *>(view.workspace()->tab(CampaignWorkspace::Tab::Brief));
    auto *ends = brief->findChild<QDateEdit *>(QStringLiteral("endsDateEdit"));
    auto *error = brief->findChild<QLabel *>(QStringLiteral("dateErrorLabel"));
    auto *description = brief->findChild<QPlainTextEdit *>(QStringLiteral("descriptionTextEdit"));
    QTest::keyClicks(description, QStringLiteral(" Keep this."));
    ends->setFocus();
    ends->setDate(QDate(2026, 2, 1)); // before the start (1 March)
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("cannot end before it starts")));
    QVERIFY(!brief->save());
    QVERIFY(brief->hasUnsavedChanges());
    QVERIFY(description->toPlainText().contains(QStringLiteral("Keep this."))); // nothing typed is lost
    QCOMPARE(undo.count(), 0);
    ends->setDate(QDate(2026, 4, 1));
    QVERIFY(!error->isVisible());

    // Someone else saves another field meanwhile: the save merges (issue 14), nothing is lost on either side;
    // the same field both changed is tst_recordconflicts'.
    Campaign theirs = *CampaignRepository(*f.db).get(f.campaigns.at(0));
    theirs.goals = QStringLiteral("Theirs");
    QVERIFY(CampaignRepository(*f.db).update(theirs));
    QVERIFY(brief->save());
    QVERIFY(!brief->findChild<QWidget *>(QStringLiteral("conflictBanner"))->isVisible());
    const Campaign saved = *CampaignRepository(*f.db).get(f.campaigns.at(0));
    QCOMPARE(saved.goals, QStringLiteral("Theirs"));
    QVERIFY(saved.description.contains(QStringLiteral("Keep this.")));
    QCOMPARE(saved.endsAt.toLocalTime().date(), QDate(2026, 4, 1));
    QVERIFY(description->toPlainText().contains(QStringLiteral("Keep this.")));
    QCOMPARE(
        brief->findChild<QPlainTextEdit *>(QStringLiteral("goalsTextEdit"))->toPlainText(), QStringLiteral("Theirs"));
    QVERIFY(!brief->hasUnsavedChanges());
    QCOMPARE(undo.count(), 1);
}

void TestCampaignsView::switchingCampaignsAsksAboutUnsavedEdits()
{
    Fixture f = fixture();
    QUndoStack undo;
    CampaignsView view(*f.db, &undo);
    view.resize(1300, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTableView *table = view.tableView();
    clickRowOf(table, f.campaigns.at(0));
    QTRY_COMPARE(view.workspace()->campaignId(), f.campaigns.at(0));
    auto *brief = qobject_cast<BriefTab *>(view.workspace()->tab(CampaignWorkspace::Tab::Brief));
    auto *name = brief->findChild<QLineEdit *>(QStringLiteral("nameLineEdit"));
    QTest::keyClicks(name, QStringLiteral(" 2027"));

    // Cancel: stay, edits kept, the open campaign's row stays selected.
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    clickRowOf(table, f.campaigns.at(1));
    QTest::qWait(20);
    QCOMPARE(view.workspace()->campaignId(), f.campaigns.at(0));
    QCOMPARE(name->text(), QStringLiteral("Spring launch 2027"));
    QCOMPARE(table->currentIndex().data(CampaignListModel::IdRole).toLongLong(), f.campaigns.at(0));

    // Save: written, then the other campaign opens.
    MessageBox::setNextAnswer(QMessageBox::Save);
    clickRowOf(table, f.campaigns.at(1));
    QTRY_COMPARE(view.workspace()->campaignId(), f.campaigns.at(1));
    QCOMPARE(CampaignRepository(*f.db).get(f.campaigns.at(0))->name, QStringLiteral("Spring launch 2027"));
    QCOMPARE(undo.count(), 1);

    // Discard: nothing written.
    QTest::keyClicks(name, QStringLiteral(" draft"));
    MessageBox::setNextAnswer(QMessageBox::Discard);
    clickRowOf(table, f.campaigns.at(2));
    QTRY_COMPARE(view.workspace()->campaignId(), f.campaigns.at(2));
    QCOMPARE(CampaignRepository(*f.db).get(f.campaigns.at(1))->name, QStringLiteral("Autumn study"));
    QCOMPARE(name->text(), QStringLiteral("Winter gala"));
}

void TestCampaignsView::profileCampaignsTabOpensTheCampaign()
{
    Fixture f = fixture();
    Contact ada;
    ada.displayName = QStringLiteral("Ada Reporter");
    QVERIFY(ContactRepository(*f.db).create(ada));
    CampaignRepository repo(*f.db);
    Result<Pitch> pitch = repo.addPitch(f.campaigns.at(1), ada.id);
    QVERIFY(pitch);
    QVERIFY(repo.setPitchStatus(pitch->id, QStringLiteral("replied")));
    QSqlQuery q(f.db->connection());
    q.prepare(QStringLiteral("INSERT INTO coverage (campaign_id, contact_id, title, url, reach, published_at, created_at, "
                             "updated_at, version) VALUES (:c, :p, 'Robots at home', 'https://example.org/robots', "
                             "12000, 1775000000000, 0, 0, 1)"));
    q.bindValue(QStringLiteral(":c"), f.campaigns.at(1));
    q.bindValue(QStringLiteral(":p"), ada.id);
    QVERIFY(q.exec());

    MainWindow window(*f.db);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.showContact(ada.id));
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("profileTabWidget"));
    const int index = tabs->indexOf(window.findChild<ContactCampaignsPanel *>());
    QVERIFY(index >= 0);
    QCOMPARE(tabs->tabText(index), QStringLiteral("Campaigns"));
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(index).center());
    auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("contactCampaignsTreeWidget"));
    QVERIFY(tree->isVisible());
    QCOMPARE(tree->topLevelItemCount(), 1);
    QTreeWidgetItem *item = tree->topLevelItem(0);
    QCOMPARE(item->text(0), QStringLiteral("Autumn study — Bistro Émile"));
    QCOMPARE(item->text(1), QStringLiteral("Replied"));
    QCOMPARE(item->childCount(), 1);
    QCOMPARE(item->child(0)->text(0), QStringLiteral("Robots at home"));
    QCOMPARE(item->child(0)->text(1), QStringLiteral("Reach 12,000"));

    // Enter opens the campaign in the Campaigns section.
    tree->setFocus();
    tree->setCurrentItem(item);
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(window.currentSection(), MainWindow::Section::Campaigns);
    QCOMPARE(window.campaignsView()->workspace()->campaignId(), f.campaigns.at(1));
}

QTEST_MAIN(TestCampaignsView)
#include "tst_campaignsview.moc"
