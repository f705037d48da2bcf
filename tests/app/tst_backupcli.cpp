// `rapport backup [--out FILE]` and `rapport restore BACKUP --yes` on the real binary: exit statuses, output and
// JSON as a script sees them, real files, a full disk, and PostgreSQL saying pg_dump (issue 13).
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/migrator.h"
#include "testdatabase.h"
#include "tinyfilesystem.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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
    if (!p.waitForFinished(120'000))
        return {};
    return Run { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

void makeDatabase(const QString &path, int contacts)
{
    Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(path));
    QVERIFY(db);
    QVERIFY((*db)->exec(QStringLiteral("INSERT INTO contacts (display_name, sort_name, notes, created_at, updated_at) "
                                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                                       "SELECT 'P ' || i, 'p ' || i, hex(randomblob(100)), 0, 0 FROM n")
                            .arg(contacts),
        QStringLiteral("seed")));
}

qint64 contactsIn(const QString &path)
{
    Result<BackupSummary> s = DatabaseBackup::inspect(path);
    return s ? s->contacts : -1;
}

QByteArray hashOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

} // namespace

class TestBackupCli final : public QObject
{
    Q_OBJECT

private slots:
    void backupToAFile()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("agency.sqlite"));
        makeDatabase(db, 12);
        const QString out = dir.filePath(QStringLiteral("copy.sqlite"));
        const Run run = rapport({ QStringLiteral("--db"), db, QStringLiteral("backup"), QStringLiteral("--out"), out,
            QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = run.json();
        QCOMPARE(o.value(QStringLiteral("file")).toString(), out);
        QCOMPARE(o.value(QStringLiteral("contacts")).toInt(), 12);
        QCOMPARE(o.value(QStringLiteral("schema_version")).toInt(), Migrator::latestVersion());
        QCOMPARE(o.value(QStringLiteral("size_bytes")).toInteger(), QFileInfo(out).size());
        QCOMPARE(contactsIn(out), 12);

        // Words for a person, too.
        const Run again = rapport({ QStringLiteral("--db"), db, QStringLiteral("backup"), QStringLiteral("--out"), out });
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QStringLiteral("Backed up")) && again.out.contains(QStringLiteral("contacts:")),
            qPrintable(again.out));
    }

    void backupIntoTheFolderKeepsSeven()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("rapport.sqlite"));
        makeDatabase(db, 3);
        // Seven older automatic backups already there.
        const QString folder = dir.filePath(QStringLiteral("backups"));
        QVERIFY(QDir().mkpath(folder));
        const QString oldest = folder + QStringLiteral("/rapport-2020-01-01-080000.sqlite");
        {
            Result<std::unique_ptr<Database>> open = Database::open(DatabaseLocation::sqlite(db));
            QVERIFY(open);
            QVERIFY(DatabaseBackup::write(**open, oldest));
        }
        for (int day = 2; day <= 7; ++day)
            QVERIFY(QFile::copy(oldest, folder + QStringLiteral("/rapport-2020-01-0%1-080000.sqlite").arg(day)));

        const Run run = rapport({ QStringLiteral("--db"), db, QStringLiteral("backup"), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = run.json();
        QVERIFY(o.value(QStringLiteral("file")).toString().startsWith(folder + QStringLiteral("/rapport-")));
        QCOMPARE(o.value(QStringLiteral("removed")).toArray(), QJsonArray { oldest });
        QCOMPARE(BackupFolder(db).backups().size(), 7);
        QVERIFY(!QFile::exists(oldest));
        QCOMPARE(contactsIn(o.value(QStringLiteral("file")).toString()), 3);
    }

    void backupThatCannotBeWritten()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("agency.sqlite"));
        makeDatabase(db, 1);
        const Run nowhere = rapport({ QStringLiteral("--db"), db, QStringLiteral("backup"), QStringLiteral("--out"),
            dir.filePath(QStringLiteral("missing/copy.sqlite")) });
        QCOMPARE(nowhere.exitCode, 1);
        QVERIFY2(nowhere.err.contains(QStringLiteral("does not exist")), qPrintable(nowhere.err));

        const Run noDatabase = rapport({ QStringLiteral("--db"), dir.filePath(QStringLiteral("none.sqlite")),
            QStringLiteral("backup"), QStringLiteral("--out"), dir.filePath(QStringLiteral("x.sqlite")) });
        QCOMPARE(noDatabase.exitCode, 1);
        QVERIFY2(noDatabase.err.contains(QStringLiteral("There is no database")), qPrintable(noDatabase.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.sqlite"))));

        QCOMPARE(rapport({ QStringLiteral("--db"), db, QStringLiteral("backup"), QStringLiteral("copy.sqlite") }).exitCode, 2);
        QCOMPARE(rapport({ QStringLiteral("--db"), db, QStringLiteral("backup"), QStringLiteral("--out") }).exitCode, 2);
    }

    void fullDiskKeepsTheEarlierBackup()
    {
        TinyFileSystem fs(QStringLiteral("1m"));
        if (!fs.mounted())
            QSKIP("needs root to mount a tmpfs");
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("agency.sqlite"));
        makeDatabase(db, 20000); // a few MB, more than the file system holds
        const QString out = fs.path(QStringLiteral("nightly.sqlite"));
        {
            QFile earlier(out);
            QVERIFY(earlier.open(QIODevice::WriteOnly));
            earlier.write("yesterday's backup");
        }
        const Run run = rapport({ QStringLiteral("--db"), db, QStringLiteral("backup"), QStringLiteral("--out"), out });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("disk is full")), qPrintable(run.err));
        QFile earlier(out);
        QVERIFY(earlier.open(QIODevice::ReadOnly));
        QCOMPARE(earlier.readAll(), QByteArray("yesterday's backup"));
        QCOMPARE(QDir(fs.root()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void restoreShowsThenRestores()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("agency.sqlite"));
        makeDatabase(db, 4);
        const QString backup = dir.filePath(QStringLiteral("tuesday.sqlite"));
        QCOMPARE(rapport({ QStringLiteral("--db"), db, QStringLiteral("backup"), QStringLiteral("--out"), backup }).exitCode, 0);
        {
            Result<std::unique_ptr<Database>> open = Database::open(DatabaseLocation::sqlite(db));
            QVERIFY(open);
            QVERIFY((*open)->exec(QStringLiteral("DELETE FROM contacts WHERE id > 1"), QStringLiteral("test")));
        }
        const QByteArray before = hashOf(db);

        // Without --yes: what the backup holds, and nothing done.
        const Run look = rapport({ QStringLiteral("--db"), db, QStringLiteral("restore"), backup });
        QCOMPARE(look.exitCode, 2);
        QVERIFY2(look.out.contains(QStringLiteral("contacts:       4")), qPrintable(look.out));
        QVERIFY2(look.err.contains(QStringLiteral("--yes")), qPrintable(look.err));
        QCOMPARE(hashOf(db), before);

        const Run run = rapport({ QStringLiteral("--db"), db, QStringLiteral("restore"), backup, QStringLiteral("--yes"),
            QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = run.json();
        QCOMPARE(o.value(QStringLiteral("restored")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("contacts")).toInt(), 4);
        const QString aside = o.value(QStringLiteral("kept_aside")).toString();
        QVERIFY(aside.startsWith(dir.filePath(QStringLiteral("agency-before-restore-"))));
        QCOMPARE(contactsIn(db), 4);
        QCOMPARE(contactsIn(aside), 1);
    }

    void restoreRefusesANewerBackup()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("agency.sqlite"));
        makeDatabase(db, 2);
        const QString backup = dir.filePath(QStringLiteral("future.sqlite"));
        {
            Result<std::unique_ptr<Database>> open = Database::open(DatabaseLocation::sqlite(db));
            QVERIFY(open);
            QVERIFY(DatabaseBackup::write(**open, backup));
            Result<std::unique_ptr<Database>> future
                = Database::open(DatabaseLocation::sqlite(backup), Database::OpenFlag::NoMigrate);
            QVERIFY(future);
            QVERIFY((*future)->exec(QStringLiteral("INSERT INTO rapport_schema (version, applied_at) VALUES (%1, 0)")
                                        .arg(Migrator::latestVersion() + 50),
                QStringLiteral("test")));
        }
        const Run run = rapport({ QStringLiteral("--db"), db, QStringLiteral("restore"), backup, QStringLiteral("--yes") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("newer version of Rapport")), qPrintable(run.err));
        QCOMPARE(contactsIn(db), 2);
        QVERIFY(QDir(dir.path()).entryList({ QStringLiteral("*before-restore*") }).isEmpty());
    }

    void postgresSaysPgDump()
    {
        // Said before any connection is tried: a server that is not there changes nothing.
        const QString url = QStringLiteral("postgresql://agency@127.0.0.1:1/rapport");
        for (const QStringList &args : { QStringList { QStringLiteral("backup"), QStringLiteral("--out"),
                                             TestDatabase::tempDir() + QStringLiteral("/pg.sqlite") },
                 QStringList { QStringLiteral("restore"), TestDatabase::tempDir() + QStringLiteral("/pg.sqlite"),
                     QStringLiteral("--yes") } }) {
            const Run run = rapport(QStringList { QStringLiteral("--db"), url } + args);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(QStringLiteral("pg_dump")), qPrintable(run.err));
        }
        QVERIFY(!QFile::exists(TestDatabase::tempDir() + QStringLiteral("/pg.sqlite")));
    }
};

QTEST_GUILESS_MAIN(TestBackupCli)
#include "tst_backupcli.moc"
