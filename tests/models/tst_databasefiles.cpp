// Bad database files and servers: each gives a clear message and loses nothing already stored.
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

bool run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// A small tmpfs: the only honest way to fill a disk or make a file system read-only in a test.
// Needs root (CI runs as root); elsewhere the test says so and skips.
class TinyFileSystem
{
public:
    explicit TinyFileSystem(const QString &size)
    {
        if (geteuid() != 0)
            return;
        m_mounted = run(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                  QStringLiteral("size=") + size, QStringLiteral("tmpfs"), m_dir.path()});
    }
    ~TinyFileSystem()
    {
        if (m_mounted)
            run(QStringLiteral("umount"), {QStringLiteral("-l"), m_dir.path()});
    }
    bool mounted() const { return m_mounted; }
    QString path(const QString &name) const { return m_dir.path() + u'/' + name; }
    bool remount(const QString &options)
    {
        return run(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,") + options, m_dir.path()});
    }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

qint64 contactCount(Database &db)
{
    Result<qint64> n = ContactRepository(db).count(true);
    return n.ok() ? *n : -1;
}

} // namespace

class TestDatabaseFiles final : public QObject
{
    Q_OBJECT

private slots:
    void missingFileWithoutCreate()
    {
        const QString path = TestDatabase::tempDir() + QStringLiteral("/nothing-here.sqlite");
        Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(path), Database::OpenFlag::None);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, Error::Code::NotFound);
        QVERIFY(db.error().message.contains(QStringLiteral("There is no database at")));
        QVERIFY(!QFile::exists(path));
    }

    void createsMissingFolders()
    {
        const QString path = TestDatabase::tempDir() + QStringLiteral("/a/b/c/new.sqlite");
        Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(path));
        QVERIFY(db.ok());
        QVERIFY(QFile::exists(path));
    }

    void folderInsteadOfFile()
    {
        Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(TestDatabase::tempDir()));
        QVERIFY(!db.ok());
        QVERIFY(db.error().message.contains(QStringLiteral("is a folder")));
    }

    void corruptFile()
    {
        const QString path = TestDatabase::tempDir() + QStringLiteral("/corrupt.sqlite");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(path));
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.contains(QStringLiteral("not a Rapport database, or it is damaged")),
                 qPrintable(db.error().message));
        QFile check(path);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray(8192, 'x')); // untouched
    }

    void readOnlyFileSystem()
    {
        TinyFileSystem fs(QStringLiteral("4m"));
        if (!fs.mounted())
            QSKIP("needs root to mount a tmpfs");
        const DatabaseLocation loc = DatabaseLocation::sqlite(fs.path(QStringLiteral("agency.sqlite")));
        qint64 id = 0;
        {
            Result<std::unique_ptr<Database>> db = Database::open(loc);
            QVERIFY(db.ok());
            Contact c;
            c.displayName = QStringLiteral("Kept Safe");
            QVERIFY(ContactRepository(**db).create(c).ok());
            id = c.id;
            // Checkpoint so the read-only open sees everything in the main file.
            QVERIFY((*db)->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), QStringLiteral("test")).ok());
        }
        QVERIFY(fs.remount(QStringLiteral("ro")));
        Result<std::unique_ptr<Database>> db = Database::open(loc);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QVERIFY((*db)->isReadOnly());
        QCOMPARE(ContactRepository(**db).get(id)->displayName, QStringLiteral("Kept Safe"));
        Contact c;
        c.displayName = QStringLiteral("Cannot Write");
        Status s = ContactRepository(**db).create(c);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("read-only")), qPrintable(s.error().message));
    }

    void fullDisk()
    {
        TinyFileSystem fs(QStringLiteral("3m"));
        if (!fs.mounted())
            QSKIP("needs root to mount a tmpfs");
        const DatabaseLocation loc = DatabaseLocation::sqlite(fs.path(QStringLiteral("agency.sqlite")));
        Result<std::unique_ptr<Database>> db = Database::open(loc);
        QVERIFY(db.ok());
        ContactRepository repo(**db);
        int saved = 0;
        Error failure;
        for (int i = 0; i < 200; ++i) {
            Contact c;
            c.displayName = QStringLiteral("Contact %1").arg(i);
            c.notes = QString(100'000, QChar(u'a' + i % 26));
            Status s = repo.create(c);
            if (!s.ok()) {
                failure = s.error();
                break;
            }
            ++saved;
        }
        QVERIFY2(saved > 0 && saved < 200, "the disk never filled up");
        QCOMPARE(failure.code, Error::Code::Storage);
        QVERIFY2(failure.message.contains(QStringLiteral("disk is full")), qPrintable(failure.message));
        QCOMPARE(contactCount(**db), saved);

        // With space again, the database works and still has everything.
        QVERIFY(fs.remount(QStringLiteral("size=64m")));
        Contact c;
        c.displayName = QStringLiteral("After the cleanup");
        QVERIFY(repo.create(c).ok());
        db->reset();
        Result<std::unique_ptr<Database>> reopened = Database::open(loc);
        QVERIFY(reopened.ok());
        QCOMPARE(contactCount(**reopened), saved + 1);
        QVERIFY((*reopened)->exec(QStringLiteral("PRAGMA integrity_check"), QStringLiteral("test")).ok());
    }

    void unreachablePostgres()
    {
        // Port 1 on loopback: nothing listens there.
        Result<DatabaseLocation> loc = DatabaseLocation::parse(QStringLiteral("postgresql://sam:hunter2@127.0.0.1:1/agency"));
        QVERIFY(loc.ok());
        Result<std::unique_ptr<Database>> db = Database::open(*loc);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, Error::Code::Unavailable);
        QVERIFY2(db.error().message.contains(QStringLiteral("Cannot connect to the PostgreSQL database "
                                                            "postgresql://sam@127.0.0.1:1/agency")),
                 qPrintable(db.error().message));
        QVERIFY(!db.error().message.contains(QStringLiteral("hunter2")));
    }

    void wrongPostgresPassword()
    {
        const QString url = qEnvironmentVariable("RAPPORT_TEST_PG_URL");
        if (url.isEmpty()) {
            if (TestDatabase::postgresRequired())
                QFAIL("RAPPORT_TEST_PG_URL is not set");
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        }
        DatabaseLocation loc = *DatabaseLocation::parse(url);
        loc.password = QStringLiteral("definitely-wrong");
        Result<std::unique_ptr<Database>> db = Database::open(loc);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, Error::Code::Unavailable);
        QVERIFY2(db.error().message.contains(QStringLiteral("password authentication failed")),
                 qPrintable(db.error().message));
        QVERIFY(!db.error().message.contains(QStringLiteral("definitely-wrong")));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFiles)
#include "tst_databasefiles.moc"
