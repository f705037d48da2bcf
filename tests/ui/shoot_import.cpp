// Screenshots of the import wizard's pages and of Import History, for looking at them (issue 13), not a test:
// writes a Google Contacts CSV with a few new people, two people of the database (duplicates) and two rows with
// problems, walks the wizard through it and saves each page as a PNG. Run under Xvfb for the real style:
//
//   xvfb-run -a -s "-screen 0 1400x900x24" ./build/dev/tests/ui/shoot_import --db /tmp/small.sqlite --out /tmp/shots
//   (German: add --qm build/dev/app/rapport_de.qm --locale de; --rows 200000 adds that many rows after these, for
//   a file larger than the preview, and shoots the run while it goes)
#include "import/importcontroller.h"
#include "import/importhistorydialog.h"
#include "import/importwizard.h"
#include "mainwindow.h"
#include "storage/database.h"
#include "storage/userrepository.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QSqlQuery>
#include <QTest>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("db"), QStringLiteral("SQLite file."), QStringLiteral("path") });
    parser.addOption({ QStringLiteral("out"), QStringLiteral("Folder for the PNGs."), QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("qm"), QStringLiteral("Rapport's translation."), QStringLiteral("file") });
    parser.addOption({ QStringLiteral("locale"), QStringLiteral("Language."), QStringLiteral("code") });
    parser.addOption({ QStringLiteral("rows"), QStringLiteral("More rows after the sample's."), QStringLiteral("n") });
    parser.process(app);
    QTranslator qt;
    QTranslator rapport;
    if (parser.isSet(QStringLiteral("locale"))) {
        const QString lang = parser.value(QStringLiteral("locale"));
        QLocale::setDefault(QLocale(lang));
        if (qt.load(QStringLiteral("qtbase_") + lang, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qt);
    }
    if (parser.isSet(QStringLiteral("qm")) && rapport.load(parser.value(QStringLiteral("qm"))))
        QApplication::installTranslator(&rapport);
    auto db = Database::open(DatabaseLocation::sqlite(parser.value(QStringLiteral("db"))), Database::OpenFlag::None);
    if (!db) {
        qCritical("%s", qPrintable(db.error().message));
        return 1;
    }
    (void)UserRepository(**db).ensureUser(UserRepository::systemLogin(), UserRepository::systemLogin()); // a tool
    const QDir out(parser.value(QStringLiteral("out")));
    QDir().mkpath(out.path());

    // Two people of the database come back from a phone's export; the others are new.
    QByteArray csv = "First Name,Middle Name,Last Name,Organization Name,Organization Title,Labels,E-mail 1 - Label,"
                     "E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Notes\r\n";
    QSqlQuery q((*db)->connection());
    q.exec(QStringLiteral("SELECT c.first_name, c.last_name, o.name, e.email FROM contacts c JOIN contact_emails e ON "
                          "e.contact_id = c.id LEFT JOIN organizations o ON o.id = c.organization_id "
                          "WHERE c.deleted_at IS NULL AND c.first_name IS NOT NULL ORDER BY c.id LIMIT 2"));
    while (q.next())
        csv += q.value(0).toString().toUtf8() + ",," + q.value(1).toString().toUtf8() + ","
            + q.value(2).toString().toUtf8() + ",,* myContacts,* Work," + q.value(3).toString().toUtf8()
            + ",,,\r\n";
    q.finish();
    csv += "Helga,,Brandt,Hamburger Morgenpost,Ressortleiterin Wirtschaft,* myContacts ::: Wirtschaft,* Work,"
           "h.brandt@mopo.example,Mobile,+49 171 5550123,Mag keine Anrufe vor 10 Uhr\r\n"
           "Jonas,,Weber,Netzpiloten,Redakteur,Tech ::: Podcasts,Work,jonas@netzpiloten.example,,,\r\n"
           "Marie,,Dubois,Le Parisien,Journaliste,,Work,marie.dubois@leparisien,,,\r\n"
           ",,,,,,Home,nobody@example.com,,,\r\n"
           "Lucía,,Fernández,El País,Corresponsal,Tech,Work,lucia@elpais.example,Work,+34 91 555 0199,\r\n"
           "Tom,,Becker,,Freier Journalist,,Work,tom.becker@example.com,,,\r\n";
    const int more = parser.value(QStringLiteral("rows")).toInt();
    for (int i = 0; i < more; ++i)
        csv += "Person,," + QByteArray::number(i) + ",Outlet " + QByteArray::number(i % 300) + ",Editor,,Work,p"
            + QByteArray::number(i) + "@outlet.example,,,\r\n";
    const QString path = out.filePath(QStringLiteral("kontakte-google.csv"));
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(csv);
    file.close();

    MainWindow window(**db);
    window.resize(1400, 860);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    ImportWizard *wizard = window.importController()->openWizard(path);
    (void)QTest::qWaitForWindowExposed(wizard);
    const auto shoot = [&](const QString &name) {
        (void)QTest::qWaitFor([&] { return wizard->currentPage()->isComplete(); }, 20000);
        QTest::qWait(300);
        wizard->grab().save(out.filePath(name + QStringLiteral(".png")));
    };
    shoot(QStringLiteral("1-file"));
    wizard->next();
    shoot(QStringLiteral("2-mapping"));
    wizard->next();
    shoot(QStringLiteral("3-preview"));
    wizard->next();
    shoot(QStringLiteral("4-duplicates"));
    wizard->next();
    if (more > 0) { // the run under way: the bar, "N of about M", Cancel
        QTest::qWait(1500);
        wizard->grab().save(out.filePath(QStringLiteral("5-running.png")));
    }
    shoot(QStringLiteral("5-summary"));
    wizard->accept();
    QTest::qWait(300);
    ImportHistoryDialog *history = window.importController()->showHistory();
    (void)QTest::qWaitForWindowExposed(history);
    QTest::qWait(300);
    history->grab().save(out.filePath(QStringLiteral("6-history.png")));
    window.grab().save(out.filePath(QStringLiteral("7-window.png")));

    // A file with a quote that is never closed: the first page says where.
    QFile broken(out.filePath(QStringLiteral("kaputt.csv")));
    broken.open(QIODevice::WriteOnly | QIODevice::Truncate);
    broken.write("name,email\nAnna,anna@example.com\n\"Ben,ben@example.com\n");
    broken.close();
    wizard = window.importController()->openWizard(broken.fileName());
    (void)QTest::qWaitForWindowExposed(wizard);
    QTest::qWait(300);
    wizard->grab().save(out.filePath(QStringLiteral("8-error.png")));
    wizard->reject();
    return 0;
}
