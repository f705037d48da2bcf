// Settings → Team on a real PostgreSQL server (issue 14): an admin invites a person (a login role that can
// sign in with the password shown), changes the role and deactivates them, all through the dialog's
// widgets; a member sees the dialog but cannot act, and the server's refusal would be shown in words.
#include "common/messagebox.h"
#include "itemmodels/teammodel.h"
#include "mainwindow.h"
#include "settings/teamdialog.h"
#include "storage/database.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

class TestTeamDialog final : public QObject
{
    Q_OBJECT

private:
    DatabaseLocation m_location;
    std::unique_ptr<Database> m_db;

private slots:
    void initTestCase()
    {
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(u"postgres"_s);
        if (!loc) {
            if (!TestDatabase::postgresRequired())
                QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
            QFAIL(qPrintable(loc.error().message));
        }
        m_location = *loc;
        Result<std::unique_ptr<Database>> db = Database::open(m_location);
        QVERIFY(db);
        m_db = std::move(db).value();
        QVERIFY(UserRepository(*m_db).signIn());
    }

    void inviteChangeRoleDeactivate()
    {
        const QString login = u"d%1_jane"_s.arg(QCoreApplication::applicationPid());
        TeamDialog dialog(*m_db);
        QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const int before = dialog.model()->rowCount();

        // A name the server would not take is refused here, with the reason.
        auto *loginEdit = dialog.findChild<QLineEdit *>(u"inviteLoginLineEdit"_s);
        QTest::keyClicks(loginEdit, u"Jane Doe"_s);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"inviteButton"_s), Qt::LeftButton);
        auto *message = dialog.findChild<QLabel *>(u"teamMessageLabel"_s);
        QVERIFY2(message->text().contains(u"sign-in name"), qPrintable(message->text()));
        QCOMPARE(dialog.model()->rowCount(), before);

        loginEdit->clear();
        QTest::keyClicks(loginEdit, login);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"inviteNameLineEdit"_s), u"Jane Doe"_s);
        auto *role = dialog.findChild<QComboBox *>(u"inviteRoleComboBox"_s);
        role->setCurrentIndex(role->findData(static_cast<int>(TeamRole::Viewer)));
        const QString password = dialog.findChild<QLineEdit *>(u"invitePasswordLineEdit"_s)->text();
        QCOMPARE(password.size(), 16);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"inviteButton"_s), Qt::LeftButton);
        QVERIFY2(message->text().contains(password), qPrintable(message->text()));
        const int row = dialog.model()->rowOf(login);
        QVERIFY(row >= 0);
        QCOMPARE(dialog.model()->rowCount(), before + 1);
        QCOMPARE(dialog.currentLogin(), login);

        // Jane signs in with that password, as a viewer.
        DatabaseLocation asJane = m_location;
        asJane.user = login;
        asJane.password = password;
        {
            Result<std::unique_ptr<Database>> jane = Database::open(asJane);
            QVERIFY2(jane, jane ? "" : qPrintable(jane.error().message));
            QVERIFY(UserRepository(**jane).signIn());
            QCOMPARE((*jane)->teamRole(), TeamRole::Viewer);
        }

        // Make her a manager: the row changes in place.
        auto *roleCombo = dialog.findChild<QComboBox *>(u"teamRoleComboBox"_s);
        roleCombo->setCurrentIndex(roleCombo->findData(static_cast<int>(TeamRole::Manager)));
        QSignalSpy reset(dialog.model(), &QAbstractItemModel::modelReset);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"changeRoleButton"_s), Qt::LeftButton);
        QCOMPARE(dialog.model()->index(row, TeamModel::RoleColumn).data().toString(), u"Manager"_s);
        QCOMPARE(reset.size(), 0);
        {
            Result<std::unique_ptr<Database>> jane = Database::open(asJane);
            QVERIFY(jane);
            QVERIFY(UserRepository(**jane).signIn());
            QCOMPARE((*jane)->teamRole(), TeamRole::Manager);
        }

        // Deactivate (the question answered Deactivate): she can no longer sign in.
        MessageBox::setNextAnswer(QMessageBox::Ok);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"deactivateButton"_s), Qt::LeftButton);
        const int after = dialog.model()->rowOf(login); // the deactivated are listed last
        QCOMPARE(after, dialog.model()->rowCount() - 1);
        QVERIFY(!dialog.model()->index(after, 0).data(TeamModel::ActiveRole).toBool());
        QVERIFY(dialog.model()->index(after, TeamModel::StateColumn).data().toString().startsWith(u"Deactivated"_s));
        QCOMPARE(dialog.currentLogin(), login);
        QVERIFY(!dialog.findChild<QPushButton *>(u"deactivateButton"_s)->isEnabled());
        QVERIFY(!Database::open(asJane));
    }

    void memberCannotManage()
    {
        const QString login = u"d%1_max"_s.arg(QCoreApplication::applicationPid());
        QVERIFY(UserRepository(*m_db).add(login, u"Max"_s, QString(), TeamRole::Member, u"max-password-1"_s));
        DatabaseLocation asMax = m_location;
        asMax.user = login;
        asMax.password = u"max-password-1"_s;
        Result<std::unique_ptr<Database>> max = Database::open(asMax);
        QVERIFY(max);
        QVERIFY(UserRepository(**max).signIn());
        {
            MainWindow window(**max);
            QVERIFY(!window.findChild<QAction *>(u"teamAction"_s)->isEnabled());
        }
        TeamDialog dialog(**max);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.findChild<QPushButton *>(u"inviteButton"_s)->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(u"teamMessageLabel"_s)->text().contains(u"admin"));
        // Even if the window offered it, the server refuses, and says so.
        Status refused = UserRepository(**max).setRole(login, TeamRole::Admin);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Error::Code::Forbidden);
    }
};

QTEST_MAIN(TestTeamDialog)
#include "tst_teamdialog.moc"
