// `rapport import`, `rapport imports list|undo`: exit statuses, output and JSON as a script sees them, on the
// real binary. PostgreSQL through RAPPORT_TEST_PG_URL as well.
#include "testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run rapport(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(RAPPORT_BINARY), args);
    p.closeWriteChannel();
    if (!p.waitForFinished(300'000))
        return {};
    return Run { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

QString write(const QString &name, const QByteArray &bytes)
{
    const QString path = TestDatabase::tempDir() + u'/' + name;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

const QByteArray kGoogle
    = "First Name,Last Name,Organization Name,Organization Title,Labels,E-mail 1 - Label,E-mail 1 - "
      "Value,Phone 1 - Label,Phone 1 - Value\r\n"
      "Anna,M\xC3\xBCller,Tagesblatt,Redakteurin,* myContacts ::: Tech,* Work,anna@tagesblatt.example,"
      "Mobile,+49 170 1\r\n"
      "Ben,Ortiz,Daily Post,Editor,,Work,ben@post.example,,\r\n"
      "Cara,,,,,Work,not-an-email,,\r\n";

} // namespace

class TestImportCli final : public QObject
{
    Q_OBJECT

private slots:
    void importListUndo_data() { TestDatabase::addBackends(); }
    void importListUndo()
    {
        QFETCH(QString, backend);
        auto location = TestDatabase::freshLocation(backend);
        if (!location) {
            if (location.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
                QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
            QFAIL(qPrintable(location.error().message));
        }
        const QString db = backend == u"sqlite"
            ? location->path
            : u"postgresql://%1:%2@%3:%4/%5"_s.arg(location->user, location->password, location->host)
                  .arg(location->port)
                  .arg(location->databaseName);
        const QString csv = write(u"google-"_s + backend + u".csv"_s, kGoogle);

        // A dry run writes nothing.
        Run dry = rapport({ u"--db"_s, db, u"import"_s, csv, u"--dry-run"_s, u"--json"_s });
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(dry.json().value(u"created"_s).toInt(), 2);
        QVERIFY(dry.json().value(u"batch_id"_s).isNull());
        QCOMPARE(rapport({ u"--db"_s, db, u"imports"_s, u"list"_s }).out.trimmed(), u"No imports yet."_s);

        Run run = rapport({ u"--db"_s, db, u"import"_s, csv, u"--json"_s });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = run.json();
        QCOMPARE(o.value(u"preset"_s).toString(), u"google"_s);
        QCOMPARE(o.value(u"created"_s).toInt(), 2);
        QCOMPARE(o.value(u"rows_with_problems"_s).toInt(), 1);
        QCOMPARE(o.value(u"problems"_s).toArray().first().toString(),
            u"Row 3 (line 4): “not-an-email” is not a valid email address."_s);
        const qint64 batch = o.value(u"batch_id"_s).toInteger();
        QVERIFY(batch > 0);

        // Again: both are duplicates now (skip by default), then fill.
        Run again = rapport({ u"--db"_s, db, u"import"_s, csv });
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(u"0 created, 0 updated, 2 skipped as duplicates"_s), qPrintable(again.out));
        QVERIFY(again.out.contains(u"Row 3 (line 4): “not-an-email” is not a valid email address."_s));

        Run list = rapport({ u"--db"_s, db, u"imports"_s, u"list"_s, u"--json"_s });
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json().value(u"batches"_s).toArray().size(), 2);

        Run undo = rapport({ u"--db"_s, db, u"imports"_s, u"undo"_s, QString::number(batch) });
        QCOMPARE(undo.exitCode, 0);
        QVERIFY2(
            undo.out.startsWith(u"Undid import %1: 2 contacts removed, 0 restored"_s.arg(batch)), qPrintable(undo.out));
        Run twice = rapport({ u"--db"_s, db, u"imports"_s, u"undo"_s, QString::number(batch) });
        QCOMPARE(twice.exitCode, 1);
        QVERIFY(twice.err.contains(u"was already undone"_s));
    }

    // The command line streams the file 5,000 records at a time: an unbalanced quote after 6,000 good rows (two
    // chunks stored already, inside the transaction) fails the import naming the line, and nothing is left; the
    // good part of the file then imports with a repeat of a person from the first chunk merged.
    void errorAfterSeveralChunksLeavesNothing()
    {
        const QString db = TestDatabase::tempDir() + u"/chunks.sqlite"_s;
        QByteArray good = "name,email,organization\n";
        for (int i = 0; i < 6000; ++i)
            good += "Person " + QByteArray::number(i) + ",p" + QByteArray::number(i) + "@x.example,Outlet "
                + QByteArray::number(i % 9) + "\n";
        good += "Person Seven,P7@X.example,\n"; // line 6002: the same person as line 9
        const QString bad = write(u"bad-late.csv"_s, good + "Quote,\"open\nLast,last@x.example,\n");
        Run run = rapport({ u"--db"_s, db, u"import"_s, bad });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"Line 6003: a quoted field is never closed"_s), qPrintable(run.err));
        QCOMPARE(rapport({ u"--db"_s, db, u"imports"_s, u"list"_s }).out.trimmed(), u"No imports yet."_s);

        run = rapport({ u"--db"_s, db, u"import"_s, write(u"good.csv"_s, good), u"--json"_s });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().value(u"created"_s).toInt(), 6000);
        QCOMPARE(run.json().value(u"merged_in_file"_s).toInt(), 1);
        QCOMPARE(run.json().value(u"organizations_created"_s).toInt(), 9);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString csv = write(u"ok.csv"_s, "name,email\nA,a@x.example\n");
        const QString empty = write(u"empty.csv"_s, QByteArray());
        const QString quote = write(u"quote.csv"_s, "name,email\nA,\"open\nB,b@x.example\n");
        const QString vcf = write(u"cut.vcf"_s, "BEGIN:VCARD\nVERSION:3.0\nFN:A\n");
        QTest::newRow("no file") << QStringList { u"import"_s } << 2 << u"import takes one FILE."_s;
        QTest::newRow("missing file") << QStringList { u"import"_s, u"/nonexistent/x.csv"_s } << 1
                                      << u"does not exist"_s;
        QTest::newRow("empty") << QStringList { u"import"_s, empty } << 1 << u"The file is empty."_s;
        QTest::newRow("unbalanced quote")
            << QStringList { u"import"_s, quote } << 1 << u"Line 2: a quoted field is never closed"_s;
        QTest::newRow("vcard without END")
            << QStringList { u"import"_s, vcf } << 1 << u"The card that begins on line 1 has no END:VCARD"_s;
        QTest::newRow("bad duplicate action") << QStringList { u"import"_s, csv, u"--on-duplicate"_s, u"merge"_s } << 2
                                              << u"--on-duplicate is skip, fill, overwrite or create"_s;
        QTest::newRow("unknown preset") << QStringList { u"import"_s, csv, u"--preset"_s, u"nope"_s } << 1
                                        << u"There is no import preset called “nope”."_s;
        QTest::newRow("undo unknown") << QStringList { u"imports"_s, u"undo"_s, u"999"_s } << 1
                                      << u"There is no import 999."_s;
        QTest::newRow("undo not a number")
            << QStringList { u"imports"_s, u"undo"_s, u"x"_s } << 2 << u"imports undo takes the number of a batch"_s;
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString db = TestDatabase::tempDir() + u"/bad.sqlite"_s;
        const Run run = rapport(QStringList { u"--db"_s, db } + args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void vcardAndMappingFile()
    {
        const QString db = TestDatabase::tempDir() + u"/vcard.sqlite"_s;
        const QString vcf = write(u"people.vcf"_s,
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96zt=C3=BCrk;"
            "Ay=C5=9Fe\r\nTEL;CELL:+90 555\r\nEMAIL;PREF;INTERNET:ayse@example.org\r\nEND:VCARD\r\n");
        Run run = rapport({ u"--db"_s, db, u"import"_s, vcf, u"--json"_s });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().value(u"format"_s).toString(), u"vcard"_s);
        QCOMPARE(run.json().value(u"created"_s).toInt(), 1);

        const QString csv = write(u"own.csv"_s, "Wer;Mail;Blatt\nZoë Lind;zoe@x.example;Dagbladet\n");
        const QString mapping = write(u"mapping.json"_s,
            R"({"columns":[{"column":"Wer","field":"display_name"},
                                         {"column":"Mail","field":"email","option":"home"},
                                         {"column":"Blatt","field":"organization"}]})");
        run = rapport({ u"--db"_s, db, u"import"_s, csv, u"--mapping"_s, mapping, u"--json"_s });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().value(u"preset"_s).toString(), u"mapping"_s);
        QCOMPARE(run.json().value(u"created"_s).toInt(), 1);
        QCOMPARE(run.json().value(u"organizations_created"_s).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestImportCli)
#include "tst_importcli.moc"
