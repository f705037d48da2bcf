// `rapport export …` and `rapport erase person ID --yes`: exit statuses, files and output as a script sees them,
// on the real binary; SQLite and PostgreSQL (RAPPORT_TEST_PG_URL).
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run rapport(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(RAPPORT_BINARY), args);
    p.closeWriteChannel();
    if (!p.waitForFinished(300'000))
        return {};
    return Run { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        QString::fromUtf8(p.readAllStandardError()) };
}

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestExportCli final : public QObject
{
    Q_OBJECT

    QString database(const QString &backend)
    {
        auto location = TestDatabase::freshLocation(backend);
        if (!location)
            return QString();
        return backend == u"sqlite" ? location->path
                                    : u"postgresql://%1:%2@%3:%4/%5"_s.arg(location->user, location->password, location->host)
                                          .arg(location->port)
                                          .arg(location->databaseName);
    }

private slots:
    void exportsAndErases_data() { TestDatabase::addBackends(); }
    void exportsAndErases()
    {
        QFETCH(QString, backend);
        const QString db = database(backend);
        if (db.isEmpty()) {
            if (!TestDatabase::postgresRequired())
                QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
            QFAIL("no PostgreSQL database");
        }
        QCOMPARE(rapport({ u"--db"_s, db, u"demo"_s, u"--size"_s, u"small"_s }).exitCode, 0);
        const QString dir = TestDatabase::tempDir() + u'/' + backend;
        QVERIFY(QDir().mkpath(dir));

        // Contacts as vCard 4.0 to standard output: the summary goes to standard error.
        Run vcards = rapport({ u"--db"_s, db, u"export"_s, u"contacts"_s });
        QCOMPARE(vcards.exitCode, 0);
        const int cards = int(vcards.out.count("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
        QVERIFY(cards > 50);
        QVERIFY2(vcards.err.contains(u"Exported"_s), qPrintable(vcards.err));

        // vCard 3.0 and Google's CSV to files.
        const QString v3 = dir + u"/people.vcf"_s;
        Run three = rapport({ u"--db"_s, db, u"export"_s, u"contacts"_s, u"--format"_s, u"vcard"_s,
            u"--vcard-version"_s, u"3.0"_s, u"--out"_s, v3 });
        QCOMPARE(three.exitCode, 0);
        QCOMPARE(int(read(v3).count("BEGIN:VCARD\r\nVERSION:3.0\r\n")), cards);
        const QString csv = dir + u"/people.csv"_s;
        Run google = rapport({ u"--db"_s, db, u"export"_s, u"contacts"_s, u"--format"_s, u"csv"_s, u"--layout"_s,
            u"google"_s, u"--out"_s, csv, u"--json"_s });
        QCOMPARE(google.exitCode, 0);
        QCOMPARE(google.json().value(u"count"_s).toInt(), cards);
        QVERIFY(read(csv).startsWith("First Name,Middle Name,Last Name,"));

        // Follow-ups as iCalendar; the whole database and one person as JSON.
        Run ics = rapport({ u"--db"_s, db, u"export"_s, u"followups"_s, u"--format"_s, u"ics"_s });
        QCOMPARE(ics.exitCode, 0);
        QVERIFY(ics.out.startsWith("BEGIN:VCALENDAR\r\n"));
        QVERIFY(ics.out.count("BEGIN:VTODO") > 0);
        Run all = rapport({ u"--db"_s, db, u"export"_s, u"all"_s });
        QCOMPARE(all.exitCode, 0);
        QCOMPARE(all.json().value(u"tables"_s).toObject().value(u"contacts"_s).toArray().size(), cards);
        Run person = rapport({ u"--db"_s, db, u"export"_s, u"person"_s, u"1"_s });
        QCOMPARE(person.exitCode, 0);
        const QString name = person.json().value(u"contact"_s).toObject().value(u"display_name"_s).toString();
        QVERIFY(!name.isEmpty());

        // Bad usage is 2, a failure 1.
        QCOMPARE(rapport({ u"--db"_s, db, u"export"_s, u"contacts"_s, u"--format"_s, u"ics"_s }).exitCode, 2);
        QCOMPARE(rapport({ u"--db"_s, db, u"export"_s, u"contacts"_s, u"--layout"_s, u"google"_s }).exitCode, 2);
        QCOMPARE(rapport({ u"--db"_s, db, u"export"_s, u"followups"_s, u"--vcard-version"_s, u"3.0"_s }).exitCode, 2);
        QCOMPARE(rapport({ u"--db"_s, db, u"export"_s, u"people"_s }).exitCode, 2);
        QCOMPARE(rapport({ u"--db"_s, db, u"export"_s, u"person"_s, u"x"_s }).exitCode, 2);
        Run missing = rapport({ u"--db"_s, db, u"export"_s, u"person"_s, u"999999"_s, u"--out"_s, dir + u"/none.json"_s });
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(!QFile::exists(dir + u"/none.json"_s)); // no half file
        Run unwritable = rapport({ u"--db"_s, db, u"export"_s, u"contacts"_s, u"--out"_s, u"/proc/none/people.vcf"_s });
        QCOMPARE(unwritable.exitCode, 1);
        QVERIFY2(unwritable.err.contains(u"people.vcf"_s), qPrintable(unwritable.err));

        // Erasing needs --yes; then the person is gone and a search no longer finds them.
        Run refused = rapport({ u"--db"_s, db, u"erase"_s, u"person"_s, u"1"_s });
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.err.contains(u"--yes"_s));
        Run erased = rapport({ u"--db"_s, db, u"erase"_s, u"person"_s, u"1"_s, u"--yes"_s, u"--json"_s });
        QCOMPARE(erased.exitCode, 0);
        QCOMPARE(erased.json().value(u"erased"_s).toInt(), 1);
        QCOMPARE(rapport({ u"--db"_s, db, u"export"_s, u"person"_s, u"1"_s }).exitCode, 1);
        Run again = rapport({ u"--db"_s, db, u"erase"_s, u"person"_s, u"1"_s, u"--yes"_s });
        QCOMPARE(again.exitCode, 1);
        Run search = rapport({ u"--db"_s, db, u"search"_s, name, u"--contacts-only"_s, u"--json"_s });
        QCOMPARE(search.exitCode, 0);
        for (const QJsonValue &hit : search.json().value(u"contacts"_s).toArray())
            QVERIFY(hit.toObject().value(u"id"_s).toInt() != 1);
        Run help = rapport({ u"--help"_s });
        QVERIFY(help.out.contains("export contacts"));
        QVERIFY(help.out.contains("erase person ID --yes"));
    }
};

QTEST_GUILESS_MAIN(TestExportCli)
#include "tst_exportcli.moc"
