// Screenshots of the conversation-history views for looking at them (issue 4), not a test: opens the
// window on a database, shows a contact's profile (health breakdown, timeline), an organization's timeline,
// the Activity section and Cooling off, and saves each as a PNG. Run under Xvfb for the real style:
//
//   xvfb-run -a -s "-screen 0 1400x900x24" ./build/tests/ui/shoot_history --db /tmp/large.sqlite --out /tmp/shots
#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "followups/coolingoffview.h"
#include "interactions/activitysection.h"
#include "mainwindow.h"
#include "organizations/organizationeditor.h"
#include "organizations/organizationsview.h"
#include "storage/database.h"
#include "storage/userrepository.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("db"), QStringLiteral("SQLite file."), QStringLiteral("path") });
    parser.addOption({ QStringLiteral("out"), QStringLiteral("Folder for the PNGs."), QStringLiteral("dir") });
    parser.process(app);
    auto db = Database::open(DatabaseLocation::sqlite(parser.value(QStringLiteral("db"))), Database::OpenFlag::None);
    if (!db) {
        qCritical("%s", qPrintable(db.error().message));
        return 1;
    }
    (void)UserRepository(**db).ensureUser(UserRepository::systemLogin(), UserRepository::systemName()); // a tool
    const QDir out(parser.value(QStringLiteral("out")));
    QDir().mkpath(out.path());
    MainWindow window(**db);
    window.resize(1400, 860);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    const auto shoot = [&](const QString &name) {
        QTest::qWait(400);
        window.grab().save(out.filePath(name + QStringLiteral(".png")));
    };
    // A contact with a long, recent history.
    QSqlQuery q((*db)->connection());
    q.exec(QStringLiteral("SELECT contact_id FROM interactions WHERE deleted_at IS NULL GROUP BY contact_id "
                          "HAVING count(*) BETWEEN 40 AND 400 ORDER BY max(occurred_at) DESC LIMIT 1"));
    const qint64 contact = q.next() ? q.value(0).toLongLong() : 1;
    q.exec(QStringLiteral("SELECT organization_id FROM contacts WHERE organization_id IS NOT NULL "
                          "GROUP BY organization_id HAVING count(*) BETWEEN 3 AND 20 LIMIT 1"));
    const qint64 organization = q.next() ? q.value(0).toLongLong() : 1;
    q.finish();

    window.showContact(contact);
    auto *editor = window.contactsView()->findChild<ContactEditor *>();
    shoot(QStringLiteral("profile"));
    editor->findChild<QTabWidget *>(QStringLiteral("profileTabWidget"))->setCurrentIndex(1);
    shoot(QStringLiteral("profile-timeline"));

    window.showSection(MainWindow::Section::Organizations);
    window.organizationsView()->showOrganization(organization);
    window.organizationsView()->editor()->tabWidget()->setCurrentIndex(1);
    shoot(QStringLiteral("organization-timeline"));

    window.showSection(MainWindow::Section::Activity);
    shoot(QStringLiteral("activity"));
    window.activitySection()->showCoolingOff();
    CoolingOffView *cooling = window.activitySection()->coolingOffView();
    (void)QTest::qWaitFor([cooling] { return !cooling->isLoading(); }, 30000);
    shoot(QStringLiteral("cooling-off"));
    return 0;
}
