// `rapport [--db …] <command>`: exit status, output and messages, as a script or a person sees them.
#include "domain/socialaccount.h"
#include "loopbackhttpserver.h"
#include "storage/contactrepository.h"
#include "storage/migrator.h"
#include "sync/secretscope.h"
#include "sync/secretstore.h"
#include "testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run rapport(const QStringList &args, const QString &asUser = QString(), const QByteArray *input = nullptr)
{
    QProcess p;
    QStringList argv = args;
    QString program = QStringLiteral(RAPPORT_BINARY);
    if (!asUser.isEmpty()) {
        argv = QStringList{QStringLiteral("-u"), asUser, QStringLiteral("--"), program} + args;
        program = QStringLiteral("runuser");
    }
    p.start(program, argv);
    if (input)
        p.write(*input);
    p.closeWriteChannel();
    if (!p.waitForFinished(300'000))
        return {};
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
               QString::fromUtf8(p.readAllStandardError())};
}

// The binary with QT_LOGGING_RULES set to `rules`, or unset when `rules` is empty.
Run rapportWithLogging(const QStringList &args, const QString &rules)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    env.remove(QStringLiteral("QT_LOGGING_CONF"));
    if (!rules.isEmpty())
        env.insert(QStringLiteral("QT_LOGGING_RULES"), rules);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RAPPORT_BINARY), args);
    p.closeWriteChannel();
    if (!p.waitForFinished(300'000))
        return {};
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
               QString::fromUtf8(p.readAllStandardError())};
}

Run rapportWithInput(const QStringList &args, const QByteArray &input)
{
    return rapport(args, QString(), &input);
}

// A fresh SQLite database with one contact; returns its id.
qint64 databaseWithContact(const QString &path, const QString &name)
{
    auto db = Database::open(DatabaseLocation::sqlite(path), Database::OpenFlag::CreateIfMissing);
    if (!db)
        qFatal("%s", qPrintable(db.error().message));
    Contact c;
    c.displayName = name;
    if (!ContactRepository(**db).create(c))
        qFatal("contact");
    return c.id;
}

QString dbArg(const QString &name)
{
    return TestDatabase::tempDir() + u'/' + name;
}

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private slots:
    void usage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << "Usage: rapport";
        QTest::newRow("version") << QStringList{QStringLiteral("--version")} << 0 << "rapport 0.";
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << "Unknown command";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("stats"), QStringLiteral("--frob")} << 2
                                        << "Unknown option --frob";
        QTest::newRow("missing value") << QStringList{QStringLiteral("--db")} << 2 << "needs a value";
        QTest::newRow("bad size") << QStringList{QStringLiteral("demo"), QStringLiteral("--size"), QStringLiteral("huge")}
                                  << 2 << "huge";
        QTest::newRow("search without query") << QStringList{QStringLiteral("search")} << 2 << "needs a QUERY";
        QTest::newRow("bad url") << QStringList{QStringLiteral("--db"), QStringLiteral("mysql://a:secretpw@h/d"),
                                                QStringLiteral("stats")}
                                 << 1 << "Unsupported database URL";
    }
    void usage()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const Run r = rapport(args);
        QCOMPARE(r.exitCode, exitCode);
        const QString all = r.out + r.err;
        QVERIFY2(all.contains(expected), qPrintable(all));
        QVERIFY(!r.err.contains(QStringLiteral("secretpw")));
    }

    void demoStatsSearch()
    {
        const QString db = dbArg(QStringLiteral("cli.sqlite"));
        Run r = rapport({QStringLiteral("--db"), db, QStringLiteral("demo"), QStringLiteral("--size"), QStringLiteral("small"),
                         QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const qint64 contacts = r.json()[QStringLiteral("rows")][QStringLiteral("contacts")].toInteger();
        QVERIFY2(contacts >= 150 && contacts <= 300, qPrintable(r.out));

        r = rapport({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()[QStringLiteral("schema_version")].toInt(), Migrator::latestVersion());
        QCOMPARE(r.json()[QStringLiteral("rows")][QStringLiteral("contacts")].toInteger(), contacts);
        QVERIFY(r.json()[QStringLiteral("rows")][QStringLiteral("interactions")].toInteger() >= 1000);
        QVERIFY(r.json()[QStringLiteral("size_bytes")].toInteger() > 0);

        // A second demo into a filled database is refused and changes nothing.
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("demo")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--force")), qPrintable(r.err));
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(r.json()[QStringLiteral("rows")][QStringLiteral("contacts")].toInteger(), contacts);

        // Search by the first contact's name prefix finds that contact first.
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("search"), QStringLiteral("a"), QStringLiteral("--json"),
                     QStringLiteral("--limit"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray hits = r.json()[QStringLiteral("contacts")].toArray();
        QVERIFY(!hits.isEmpty());
        const QString name = hits.first()[QStringLiteral("name")].toString();
        const QString prefix = name.left(4);
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("search"), prefix, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        bool found = false;
        for (const QJsonValue &h : r.json()[QStringLiteral("contacts")].toArray())
            found = found || h[QStringLiteral("name")].toString() == name;
        QVERIFY2(found, qPrintable(r.out));
        // Plain text output is readable too.
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("search"), prefix});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Contacts (")));
        QVERIFY(r.out.contains(name));
    }

    void migrate()
    {
        const QString db = dbArg(QStringLiteral("migrate.sqlite"));
        Run r = rapport({QStringLiteral("--db"), db, QStringLiteral("migrate")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("from schema version 0 to %1").arg(Migrator::latestVersion())), qPrintable(r.out));
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("migrate"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()[QStringLiteral("from_version")].toInt(), Migrator::latestVersion());
        QVERIFY(r.json()[QStringLiteral("applied")].toArray().isEmpty());
    }

    void badFiles()
    {
        // Missing: stats does not create a database.
        Run r = rapport({QStringLiteral("--db"), dbArg(QStringLiteral("missing.sqlite")), QStringLiteral("stats")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("There is no database at")), qPrintable(r.err));
        QVERIFY(!QFile::exists(dbArg(QStringLiteral("missing.sqlite"))));

        // Corrupt.
        const QString corrupt = dbArg(QStringLiteral("corrupt.sqlite"));
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is a text file, not a database\n");
        f.close();
        r = rapport({QStringLiteral("--db"), corrupt, QStringLiteral("stats")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a Rapport database")), qPrintable(r.err));

        // Newer schema.
        const QString newer = dbArg(QStringLiteral("newer.sqlite"));
        QCOMPARE(rapport({QStringLiteral("--db"), newer, QStringLiteral("migrate")}).exitCode, 0);
        {
            auto db = Database::open(DatabaseLocation::sqlite(newer));
            QVERIFY(db.ok());
            // A version above every migration this build knows (a gap below the highest is filled, not refused).
            QVERIFY((*db)->exec(QStringLiteral("INSERT INTO rapport_schema (version, applied_at) VALUES (%1, 0)")
                                    .arg(Migrator::latestVersion() + 1),
                                QStringLiteral("test")).ok());
        }
        r = rapport({QStringLiteral("--db"), newer, QStringLiteral("stats")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("newer version of Rapport")), qPrintable(r.err));
    }

    void unreadableFile()
    {
        if (geteuid() != 0)
            QSKIP("needs root to run the command as another user");
        QTemporaryDir dir(QStringLiteral("/tmp/rapport-cli-XXXXXX"));
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                              | QFile::ExeOther);
        const QString path = dir.path() + QStringLiteral("/private.sqlite");
        QCOMPARE(rapport({QStringLiteral("--db"), path, QStringLiteral("migrate")}).exitCode, 0);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const Run r = rapport({QStringLiteral("--db"), path, QStringLiteral("stats")}, QStringLiteral("nobody"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("permission denied")), qPrintable(r.err));
    }

    void accountsAddListRemoveFeed()
    {
        const QString db = dbArg(QStringLiteral("accounts.sqlite"));
        const qint64 dana = databaseWithContact(db, QStringLiteral("Dana Writer"));
        const QString id = QString::number(dana);
        Run r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("feed"),
                         QStringLiteral("https://blog.example/feed.xml")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--contact")), qPrintable(r.err));
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("feed"),
                     QStringLiteral("ftp://blog.example/feed.xml"), QStringLiteral("--contact"), id});
        QCOMPARE(r.exitCode, 1);
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("feed"),
                     QStringLiteral("https://blog.example/feed.xml"), QStringLiteral("--contact"), id,
                     QStringLiteral("--interval"), QStringLiteral("30"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const qint64 account = r.json()[QStringLiteral("id")].toInteger();
        QVERIFY(account > 0);

        r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = r.json()[QStringLiteral("accounts")].toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0)[QStringLiteral("id")].toInteger(), account);
        QCOMPARE(list.at(0)[QStringLiteral("network")].toString(), QStringLiteral("feed"));
        QCOMPARE(list.at(0)[QStringLiteral("contact_id")].toInteger(), dana);
        QCOMPARE(list.at(0)[QStringLiteral("interval_minutes")].toInt(), 30);
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("blog.example")), qPrintable(r.out));

        r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("remove"), QString::number(account)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY(r.json()[QStringLiteral("accounts")].toArray().isEmpty());
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("remove"), QString::number(account)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no account")), qPrintable(r.err));
    }

    void secretsComeFromStandardInputOnly()
    {
        const QString db = dbArg(QStringLiteral("secrets.sqlite"));
        databaseWithContact(db, QStringLiteral("Nobody"));
        const QStringList add{QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("add"),
                              QStringLiteral("mastodon"), QStringLiteral("https://agency.social")};
        // A token as an argument is refused (it would sit in `ps` and the shell history) and never echoed back.
        Run r = rapport(add + QStringList{QStringLiteral("tok-in-args-123")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("standard input")), qPrintable(r.err));
        QVERIFY(!r.err.contains(QStringLiteral("tok-in-args-123")));
        r = rapportWithInput(add, QByteArray());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("No access token")), qPrintable(r.err));
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY(r.json()[QStringLiteral("accounts")].toArray().isEmpty());

        r = rapportWithInput(add + QStringList{QStringLiteral("--json")}, QByteArrayLiteral("tok-from-stdin-456\n"));
        QVERIFY(!r.out.contains(QStringLiteral("tok-from-stdin")) && !r.err.contains(QStringLiteral("tok-from-stdin")));
        const bool keyring = TestDatabase::postgresRequired(); // tests/run-tests.sh runs a private keyring too
        if (!keyring && r.exitCode == 1) {
            // No keyring: a secret that would be lost when the command ends is refused, nothing is added.
            QVERIFY2(r.err.contains(QStringLiteral("keyring")), qPrintable(r.err));
            r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("list"), QStringLiteral("--json")});
            QVERIFY(r.json()[QStringLiteral("accounts")].toArray().isEmpty());
            return;
        }
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        SocialAccount account;
        account.id = r.json()[QStringLiteral("id")].toInteger();
        QCOMPARE(r.json()[QStringLiteral("server_url")].toString(), QStringLiteral("https://agency.social"));
        SecretStore store(SecretScope::forLocation(DatabaseLocation::sqlite(db)));
        const QString key = account.secretKey(QStringLiteral("access_token"));
        const Result<QString> stored = store.read(key);
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
        QCOMPARE(*stored, QStringLiteral("tok-from-stdin-456"));
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("tok-from-stdin-456"));
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("remove"), QString::number(account.id)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(store.read(key).error().code, Error::Code::NotFound);
    }

    void syncFeedFromLoopbackServer()
    {
        const QByteArray rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Dana's Desk</title>"
                               "<link>https://dana.example/</link>"
                               "<item><title>Why batteries matter</title><link>https://dana.example/a</link>"
                               "<guid>a</guid><pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate></item>"
                               "<item><title>Grid storage, explained</title><link>https://dana.example/b</link>"
                               "<guid>b</guid><pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate></item></channel></rss>";
        LoopbackHttpServer server([rss](const LoopbackHttpServer::Request &) {
            return LoopbackHttpServer::Reply::text(rss, "application/rss+xml");
        });
        QVERIFY(server.isListening());
        const QString db = dbArg(QStringLiteral("syncfeed.sqlite"));
        const qint64 dana = databaseWithContact(db, QStringLiteral("Dana Writer"));
        Run r = rapport({QStringLiteral("--db"), db, QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("feed"),
                         server.baseUrl().toString() + QStringLiteral("/feed.xml"), QStringLiteral("--contact"),
                         QString::number(dana), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const qint64 account = r.json()[QStringLiteral("id")].toInteger();

        r = rapport({QStringLiteral("--db"), db, QStringLiteral("sync"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY(r.json()[QStringLiteral("ok")].toBool());
        QJsonArray accounts = r.json()[QStringLiteral("accounts")].toArray();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.at(0)[QStringLiteral("id")].toInteger(), account);
        QVERIFY(accounts.at(0)[QStringLiteral("ok")].toBool());
        QCOMPARE(accounts.at(0)[QStringLiteral("inserted")].toInt(), 2);
        QVERIFY(server.requestCount() >= 1);

        // Again, for that account only: nothing new, and plain text says so.
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("sync"), QStringLiteral("--account"), QString::number(account)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("0 new")), qPrintable(r.out));
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(r.json()[QStringLiteral("rows")][QStringLiteral("interactions")].toInteger(), 2);

        r = rapport({QStringLiteral("--db"), db, QStringLiteral("sync"), QStringLiteral("--account"), QStringLiteral("999")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("999")), qPrintable(r.err));
        r = rapport({QStringLiteral("--db"), db, QStringLiteral("sync"), QStringLiteral("--account"), QStringLiteral("x")});
        QCOMPARE(r.exitCode, 2);
    }

    // Rapport's informational log lines ("rapport.storage: opened …") stay off standard error, in the window as on
    // the command line, unless QT_LOGGING_RULES asks for them.
    void informationalLinesOnlyWhenAsked_data()
    {
        QTest::addColumn<bool>("window");
        QTest::newRow("command line") << false;
        // --benchmark-startup: the real window (offscreen platform), closed once the contact list has painted.
        QTest::newRow("window") << true;
    }
    void informationalLinesOnlyWhenAsked()
    {
        QFETCH(bool, window);
        const QString db = dbArg(QStringLiteral("logging.sqlite"));
        QVERIFY(!QFile::exists(db) || QFile::remove(db));
        databaseWithContact(db, QStringLiteral("Ada Logger"));
        const QStringList args = window ? QStringList{QStringLiteral("--db"), db, QStringLiteral("--benchmark-startup")}
                                        : QStringList{QStringLiteral("--db"), db, QStringLiteral("stats")};

        Run r = rapportWithLogging(args, QString());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        if (window)
            QVERIFY2(r.out.contains(QStringLiteral("first-paint-ms")), qPrintable(r.out)); // the window did show
        QVERIFY2(!r.err.contains(QStringLiteral("rapport.storage")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("opened")), qPrintable(r.err));

        r = rapportWithLogging(args, QStringLiteral("rapport.storage.info=true"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("rapport.storage: opened")), qPrintable(r.err));
    }

    void postgres()
    {
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(QStringLiteral("postgres"));
        if (!loc) {
            if (TestDatabase::postgresRequired())
                QFAIL(qPrintable(loc.error().message));
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        }
        const QString url = QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                                .arg(loc->user, loc->password, loc->host)
                                .arg(loc->port)
                                .arg(loc->databaseName);
        Run r = rapport({QStringLiteral("--db"), url, QStringLiteral("demo"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = rapport({QStringLiteral("--db"), url, QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()[QStringLiteral("backend")].toString(), QStringLiteral("postgresql"));
        QVERIFY(r.json()[QStringLiteral("rows")][QStringLiteral("contacts")].toInteger() > 100);
        QVERIFY(!r.out.contains(loc->password)); // the password never shows
        r = rapport({QStringLiteral("--db"), url, QStringLiteral("search"), QStringLiteral("ed"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.json()[QStringLiteral("contacts")].toArray().isEmpty());

        r = rapport({QStringLiteral("--db"),
                     QStringLiteral("postgresql://%1:wrongpass@%2:%3/%4").arg(loc->user, loc->host).arg(loc->port).arg(loc->databaseName),
                     QStringLiteral("stats")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("password authentication failed")), qPrintable(r.err));
        QVERIFY(!r.err.contains(QStringLiteral("wrongpass")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
