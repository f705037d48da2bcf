// The History tabs and Activity → Changes (issue 14) through the real window: an edit typed into the profile
// shows up in its History tab, field by field; the person filter narrows it; an organization's and a
// campaign's History tabs; Changes lists the team's changes for managers and admins only, and a member's
// window hides what a member cannot do.
#include "campaigns/campaignsview.h"
#include "campaigns/campaignworkspace.h"
#include "campaigns/historytab.h"
#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "contacts/labeledvalueslist.h"
#include "history/historyview.h"
#include "interactions/activitysection.h"
#include "itemmodels/historymodel.h"
#include "mainwindow.h"
#include "organizations/organizationeditor.h"
#include "organizations/organizationsview.h"
#include "domain/campaign.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

// Clicks the tab with this text, as a person would.
void clickTab(QTabWidget *tabs, const QString &text)
{
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->tabText(i) == text) {
            QTabBar *bar = tabs->tabBar();
            QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(i).center());
            return;
        }
    QFAIL(qPrintable(u"no tab "_s + text));
}

QModelIndex childWithField(const QAbstractItemModel *model, const QModelIndex &parent, const QString &field)
{
    for (int r = 0; r < model->rowCount(parent); ++r)
        if (model->index(r, 0, parent).data(HistoryModel::FieldRole).toString() == field)
            return model->index(r, 0, parent);
    return {};
}

} // namespace

class TestHistoryView final : public QObject
{
    Q_OBJECT

private slots:
    void profileHistoryTab()
    {
        Result<std::unique_ptr<Database>> opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened);
        Database &db = **opened;
        QVERIFY(UserRepository(db).ensureUser(u"colleague"_s, u"Cara Colleague"_s));
        Contact c;
        c.displayName = u"Jane Doe"_s;
        c.title = u"Reporter"_s;
        QVERIFY(ContactRepository(db).create(c));
        Result<User> me = UserRepository(db).signIn();
        QVERIFY(me);

        MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showContact(c.id));
        auto *editor = window.contactsView()->findChild<ContactEditor *>();
        QVERIFY(editor);
        auto *title = editor->findChild<QLineEdit *>(u"titleLineEdit"_s);
        QVERIFY(title);
        title->setFocus();
        title->selectAll();
        QTest::keyClicks(title, u"Senior editor"_s);
        QTest::keyClick(title, Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(ContactRepository(db).get(c.id)->title, u"Senior editor"_s);

        auto *tabs = editor->findChild<QTabWidget *>(u"profileTabWidget"_s);
        clickTab(tabs, u"History"_s);
        HistoryView *history = editor->historyView();
        QTRY_VERIFY(history->isVisible());
        const QAbstractItemModel *model = history->treeView()->model();
        QTRY_COMPARE(model->rowCount(), 2); // my edit on top of Cara's creation
        QCOMPARE(model->index(0, HistoryModel::WhoColumn).data().toString(), me->name);
        QCOMPARE(model->index(0, HistoryModel::WhatColumn).data().toString(), u"Edited: Title"_s);
        const QModelIndex field = childWithField(model, model->index(0, 0), u"title"_s);
        QVERIFY(field.isValid());
        QCOMPARE(field.siblingAtColumn(HistoryModel::BeforeColumn).data().toString(), u"Reporter"_s);
        QCOMPARE(field.siblingAtColumn(HistoryModel::AfterColumn).data().toString(), u"Senior editor"_s);
        QVERIFY(history->treeView()->isExpanded(model->index(0, 0)));

        // Only Cara's changes: her creation is left.
        auto *person = history->findChild<QComboBox *>(u"historyPersonComboBox"_s);
        person->setFocus();
        QTest::keyClick(person, Qt::Key_Down); // Everybody → Cara Colleague (by name)
        QCOMPARE(person->currentText(), u"Cara Colleague"_s);
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, HistoryModel::WhatColumn).data().toString(), u"Created"_s);
        // A period with nothing in it says so.
        auto *period = history->findChild<QComboBox *>(u"historyPeriodComboBox"_s);
        QSqlQuery(db.connection()).exec(u"UPDATE audit_log SET at = at - 100 * 86400000"_s);
        period->setCurrentIndex(period->findData(30));
        QTRY_VERIFY(history->findChild<QLabel *>(u"historyEmptyLabel"_s)->isVisible());

        // Activity → Changes: the team's changes, for an admin (the one person of an SQLite file is one).
        window.showSection(MainWindow::Section::Activity);
        HistoryView *changes = window.activitySection()->changesView();
        QVERIFY(changes);
        clickTab(window.activitySection()->tabWidget(), u"Changes"_s);
        QTRY_VERIFY(changes->treeView()->model()->rowCount() >= 2);
        QVERIFY(changes->treeView()->model()->index(0, HistoryModel::WhatColumn).data().toString().contains(u"Jane Doe"));
    }

    // A contact's emails and handles (schema v21): typed into the profile and saved with Ctrl+S, they show up
    // in its History tab as "Email: a → b", and in Activity → Changes under the same entry.
    void childRowsInHistoryTab()
    {
        Result<std::unique_ptr<Database>> opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened);
        Database &db = **opened;
        Result<User> me = UserRepository(db).signIn();
        QVERIFY(me);
        Contact c;
        c.displayName = u"Jane Doe"_s;
        c.emails = { { u"work"_s, u"a@x.example"_s } };
        c.tags = { u"press"_s };
        QVERIFY(ContactRepository(db).create(c));

        MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showContact(c.id));
        auto *editor = window.contactsView()->findChild<ContactEditor *>();
        QVERIFY(editor);
        auto *emails = editor->findChild<LabeledValuesList *>(u"emailsLabeledValuesList"_s);
        QVERIFY(emails);
        QLineEdit *email = emails->valueEdit(0);
        QVERIFY(email);
        email->setFocus();
        email->selectAll();
        QTest::keyClicks(email, u"b@x.example"_s);
        auto *mastodon = editor->findChild<QLineEdit *>(u"mastodonLineEdit"_s);
        QVERIFY(mastodon);
        mastodon->setFocus();
        QTest::keyClicks(mastodon, u"@jane@social.example"_s);
        QTest::keyClick(mastodon, Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(ContactRepository(db).get(c.id)->emails.value(0).email, u"b@x.example"_s);

        clickTab(editor->findChild<QTabWidget *>(u"profileTabWidget"_s), u"History"_s);
        HistoryView *history = editor->historyView();
        QTRY_VERIFY(history->isVisible());
        const QAbstractItemModel *model = history->treeView()->model();
        QTRY_COMPARE(model->rowCount(), 2); // the edit on top of the creation
        QCOMPARE(model->index(0, HistoryModel::WhoColumn).data().toString(), me->name);
        QCOMPARE(model->index(0, HistoryModel::WhatColumn).data().toString(), u"Edited: Email, Mastodon"_s);
        const QModelIndex top = model->index(0, 0);
        QCOMPARE(model->rowCount(top), 2); // the unchanged tag is not listed
        const QModelIndex emailChange = childWithField(model, top, u"email"_s);
        QVERIFY(emailChange.isValid());
        QCOMPARE(emailChange.siblingAtColumn(HistoryModel::WhatColumn).data().toString(),
            u"Email: a@x.example → b@x.example"_s);
        QCOMPARE(emailChange.siblingAtColumn(HistoryModel::BeforeColumn).data().toString(), u"a@x.example"_s);
        QCOMPARE(emailChange.siblingAtColumn(HistoryModel::AfterColumn).data().toString(), u"b@x.example"_s);
        const QModelIndex handle = childWithField(model, top, u"handle:mastodon"_s);
        QVERIFY(handle.isValid());
        QCOMPARE(handle.siblingAtColumn(HistoryModel::BeforeColumn).data().toString(), u"(empty)"_s);
        QCOMPARE(handle.siblingAtColumn(HistoryModel::AfterColumn).data().toString(), u"@jane@social.example"_s);

        window.showSection(MainWindow::Section::Activity);
        HistoryView *changes = window.activitySection()->changesView();
        QVERIFY(changes);
        clickTab(window.activitySection()->tabWidget(), u"Changes"_s);
        const QAbstractItemModel *team = changes->treeView()->model();
        QTRY_VERIFY(team->rowCount() >= 2);
        QVERIFY(team->index(0, HistoryModel::WhatColumn).data().toString().contains(u"Email, Mastodon"));
        const QModelIndex teamEmail = childWithField(team, team->index(0, 0), u"email"_s);
        QVERIFY(teamEmail.isValid());
        QCOMPARE(teamEmail.siblingAtColumn(HistoryModel::AfterColumn).data().toString(), u"b@x.example"_s);
    }

    void organizationAndCampaignHistory()
    {
        Result<std::unique_ptr<Database>> opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened);
        Database &db = **opened;
        QVERIFY(UserRepository(db).signIn());
        Organization o;
        o.name = u"Daily Planet"_s;
        QVERIFY(OrganizationRepository(db).create(o));
        o.city = u"Metropolis"_s;
        QVERIFY(OrganizationRepository(db).update(o));
        Campaign campaign;
        campaign.name = u"Launch"_s;
        QVERIFY(CampaignRepository(db).create(campaign));
        campaign.status = u"active"_s;
        QVERIFY(CampaignRepository(db).update(campaign));

        MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showSection(MainWindow::Section::Organizations);
        window.organizationsView()->showOrganization(o.id);
        OrganizationEditor *editor = window.organizationsView()->editor();
        clickTab(editor->findChild<QTabWidget *>(u"organizationTabWidget"_s), u"History"_s);
        const QAbstractItemModel *orgModel = editor->historyView()->treeView()->model();
        QTRY_COMPARE(orgModel->rowCount(), 2);
        QCOMPARE(orgModel->index(0, HistoryModel::WhatColumn).data().toString(), u"Edited: City"_s);

        window.showSection(MainWindow::Section::Campaigns);
        window.campaignsView()->showCampaign(campaign.id);
        auto *tab = window.findChild<CampaignHistoryTab *>();
        QVERIFY(tab);
        clickTab(window.findChild<QTabWidget *>(u"campaignTabWidget"_s), u"History"_s);
        const QAbstractItemModel *campaignModel = tab->historyView()->treeView()->model();
        QTRY_COMPARE(campaignModel->rowCount(), 2);
        const QModelIndex status = childWithField(campaignModel, campaignModel->index(0, 0), u"status"_s);
        QVERIFY(status.isValid());
        QCOMPARE(status.siblingAtColumn(HistoryModel::AfterColumn).data().toString(), u"Active"_s); // as the window names it, not the stored key
    }

    // What the window offers follows the role (the server refuses the rest anyway: tst_teamroles).
    void memberAndViewerWindows()
    {
        Result<std::unique_ptr<Database>> opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened);
        Database &db = **opened;
        QVERIFY(UserRepository(db).signIn());
        db.setTeamRole(TeamRole::Member);
        {
            MainWindow window(db);
            QVERIFY(!window.activitySection()->changesView()); // no Changes tab for members
            QVERIFY(!window.findChild<QAction *>(u"teamAction"_s)->isEnabled());
            QAction *duplicates = window.findChild<QAction *>(u"findDuplicatesAction"_s);
            QVERIFY(duplicates);
            QVERIFY(!duplicates->isEnabled());
            QVERIFY(!db.isReadOnly());
        }
        db.setTeamRole(TeamRole::Viewer);
        QVERIFY(db.isReadOnly()); // every write disables itself, as for a read-only file
        {
            MainWindow window(db);
            QVERIFY(window.findChild<QLabel *>(u"readOnlyLabel"_s));
            QVERIFY(window.findChild<QLabel *>(u"readOnlyLabel"_s)->toolTip().contains(u"Viewer"));
        }
        db.setTeamRole(TeamRole::Admin);
    }
};

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
