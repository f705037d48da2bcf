// Backups of the embedded database (issue 13): consistent while another connection writes, rotation, failures
// that leave earlier backups alone, restore keeping the current file aside, and PostgreSQL saying pg_dump.
#include "core/clock.h"
#include "storage/autobackup.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/migrator.h"
#include "testdatabase.h"
#include "tinyfilesystem.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>

namespace {

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QString text(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("(failed)");
    return q.value(0).toString();
}

// Seeds `count` contacts with a note each (so a VACUUM INTO takes a while) in one statement.
bool seed(Database &db, int count, const QString &prefix = QStringLiteral("Seed"))
{
    return db
        .exec(QStringLiteral("INSERT INTO contacts (display_name, sort_name, notes, created_at, updated_at) "
                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                             "SELECT '%2 ' || i, lower('%2 ' || i), hex(randomblob(150)), 0, 0 FROM n")
                  .arg(count)
                  .arg(prefix),
            QStringLiteral("seeding"))
        .ok();
}

std::unique_ptr<Database> openSqlite(const QString &path, Database::OpenFlags flags = Database::OpenFlag::CreateIfMissing)
{
    Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(path), flags);
    if (!db) {
        qWarning() << db.error().message;
        return nullptr;
    }
    return std::move(db).value();
}

QByteArray hashOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QStringList partialFiles(const QString &dir)
{
    return QDir(dir).entryList({ QStringLiteral("*.partial") }, QDir::Files | QDir::Hidden);
}

// Writes in a loop on its own thread and connection until stopped. Every transaction adds three contacts and
// one interaction for each, so in any state a reader can see, writer contacts = writer interactions and both
// are a multiple of three.
class Writer
{
public:
    explicit Writer(QString path)
        : m_path(std::move(path))
    {
        m_thread = std::thread([this] { run(); });
    }
    ~Writer() { stop(); }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int committed() const { return m_committed.load(); }
    QString failure() const { return m_failure; }

private:
    void run()
    {
        std::unique_ptr<Database> db = openSqlite(m_path, Database::OpenFlag::None);
        if (!db) {
            m_failure = QStringLiteral("the writer could not open the database");
            return;
        }
        int n = 0;
        while (!m_stop) {
            Transaction tx(*db);
            if (!tx.status()) {
                m_failure = tx.status().error().message;
                return;
            }
            for (int i = 0; i < 3; ++i, ++n) {
                QSqlQuery q(db->connection());
                q.prepare(QStringLiteral("INSERT INTO contacts (display_name, sort_name, created_at, updated_at) "
                                         "VALUES (:name, :name, 1, 1)"));
                q.bindValue(QStringLiteral(":name"), QStringLiteral("Writer %1").arg(n));
                if (!q.exec()) {
                    m_failure = db->errorFrom(q, QStringLiteral("writing")).message;
                    return;
                }
                const qint64 id = q.lastInsertId().toLongLong();
                q.prepare(QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, subject, "
                                         "created_at, updated_at) VALUES (:id, 'call', 'outbound', 1, 'writer', 1, 1)"));
                q.bindValue(QStringLiteral(":id"), id);
                if (!q.exec()) {
                    m_failure = db->errorFrom(q, QStringLiteral("writing")).message;
                    return;
                }
            }
            if (Status s = tx.commit(); !s) {
                m_failure = s.error().message;
                return;
            }
            ++m_committed;
        }
    }

    QString m_path;
    std::atomic_bool m_stop { false };
    std::atomic_int m_committed { 0 };
    QString m_failure;
    std::thread m_thread;
};

} // namespace

class TestDatabaseBackup final : public QObject
{
    Q_OBJECT

private slots:
    void backupWhileAnotherConnectionWrites()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("agency.sqlite"));
        std::unique_ptr<Database> db = openSqlite(path);
        QVERIFY(db);
        QVERIFY(seed(*db, 20000));

        Writer writer(path);
        // Backups until one was taken while the writer committed (on a loaded machine one may slip between two
        // commits); each must be consistent either way.
        bool overlapped = false;
        for (int attempt = 0; attempt < 20 && !overlapped; ++attempt) {
            const QString target = dir.filePath(QStringLiteral("backup-%1.sqlite").arg(attempt));
            const int before = writer.committed();
            Result<BackupSummary> written = DatabaseBackup::write(*db, target);
            const int after = writer.committed();
            QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
            overlapped = after > before;

            std::unique_ptr<Database> copy = openSqlite(target, Database::OpenFlag::NoMigrate);
            QVERIFY(copy);
            QCOMPARE(text(*copy, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
            // The full-text index agrees with its table (a copy taken halfway through a transaction would not).
            QVERIFY(copy->exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES ('integrity-check')"),
                QStringLiteral("fts check")));
            const qint64 writerContacts
                = scalar(*copy, QStringLiteral("SELECT count(*) FROM contacts WHERE display_name LIKE 'Writer %'"));
            const qint64 writerInteractions
                = scalar(*copy, QStringLiteral("SELECT count(*) FROM interactions WHERE subject = 'writer'"));
            // The snapshot is one committed state: whole transactions only, somewhere between before and after.
            QCOMPARE(writerContacts, writerInteractions);
            QCOMPARE(writerContacts % 3, 0);
            QVERIFY2(writerContacts / 3 >= before && writerContacts / 3 <= after,
                qPrintable(QStringLiteral("%1 transactions in the copy, %2..%3 committed")
                               .arg(writerContacts / 3)
                               .arg(before)
                               .arg(after)));
            QCOMPARE(scalar(*copy, QStringLiteral("SELECT count(*) FROM contacts WHERE display_name LIKE 'Seed %'")),
                20000);
            // What the summary reports is what the file holds.
            QCOMPARE(written->contacts, 20000 + writerContacts);
            QCOMPARE(written->interactions, writerInteractions);
            QCOMPARE(written->schemaVersion, Migrator::latestVersion());
            QCOMPARE(written->sizeBytes, QFileInfo(target).size());
        }
        writer.stop();
        QVERIFY2(writer.failure().isEmpty(), qPrintable(writer.failure()));
        QVERIFY2(overlapped, "no backup overlapped a commit of the writer");
        QVERIFY(partialFiles(dir.path()).isEmpty());
    }

    void backupReplacesTargetAndKeepsTime()
    {
        QTemporaryDir dir;
        std::unique_ptr<Database> db = openSqlite(dir.filePath(QStringLiteral("agency.sqlite")));
        QVERIFY(db);
        QVERIFY(seed(*db, 10));
        const QString target = dir.filePath(QStringLiteral("copy.sqlite"));
        QFile old(target);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an older backup");
        old.close();
        const QDateTime before = QDateTime::currentDateTime().addSecs(-1);
        Result<BackupSummary> written = DatabaseBackup::write(*db, target);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        QCOMPARE(written->contacts, 10);
        QVERIFY(written->takenAt >= before && written->takenAt <= QDateTime::currentDateTime().addSecs(1));
        Result<BackupSummary> inspected = DatabaseBackup::inspect(target, DatabaseBackup::Check::Quick);
        QVERIFY(inspected);
        QVERIFY(inspected->checked);
        QCOMPARE(inspected->contacts, 10);

        // Not over the database itself, not into a folder, not into a folder that does not exist.
        Result<BackupSummary> self = DatabaseBackup::write(*db, dir.filePath(QStringLiteral("agency.sqlite")));
        QVERIFY(!self);
        QVERIFY2(self.error().message.contains(QStringLiteral("the database itself")), qPrintable(self.error().message));
        QVERIFY(!DatabaseBackup::write(*db, dir.path()));
        Result<BackupSummary> nowhere = DatabaseBackup::write(*db, dir.filePath(QStringLiteral("no/such/copy.sqlite")));
        QVERIFY(!nowhere);
        QVERIFY2(nowhere.error().message.contains(QStringLiteral("does not exist")), qPrintable(nowhere.error().message));
    }

    void inspectRefusesWhatIsNoBackup()
    {
        QTemporaryDir dir;
        const QString junk = dir.filePath(QStringLiteral("notes.sqlite"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        Result<BackupSummary> s = DatabaseBackup::inspect(junk);
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(QStringLiteral("not a Rapport database")), qPrintable(s.error().message));
        QCOMPARE(hashOf(junk), QCryptographicHash::hash(QByteArray(8192, 'x'), QCryptographicHash::Sha256));
        QVERIFY(!DatabaseBackup::inspect(dir.filePath(QStringLiteral("missing.sqlite"))));
    }

    void rotationKeepsSeven()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rapport.sqlite"));
        std::unique_ptr<Database> db = openSqlite(path);
        QVERIFY(db);
        QVERIFY(seed(*db, 5));
        BackupFolder folder(path);
        QVERIFY(QDir().mkpath(folder.path()));
        // What the user keeps there is never touched.
        for (const QString &name : { QStringLiteral("notes.txt"), QStringLiteral("rapport-before-the-move.sqlite") }) {
            QFile f(folder.path() + u'/' + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const QDateTime first(QDate(2026, 3, 1), QTime(9, 15, 2));
        QVERIFY(folder.isDue(first));
        for (int day = 0; day < 10; ++day) {
            const QDateTime now = first.addDays(day);
            QVERIFY(folder.isDue(now));
            Result<BackupSummary> s = folder.backUp(*db, now);
            QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
            QVERIFY(!folder.isDue(now.addSecs(3600)));    // once a day
            QVERIFY(!folder.isDue(now.addSecs(-60)));    // a clock set back a little does not back up again
        }
        const QList<QFileInfo> kept = folder.backups();
        QCOMPARE(kept.size(), 7);
        QCOMPARE(kept.first().fileName(), QStringLiteral("rapport-2026-03-10-091502.sqlite"));
        QCOMPARE(kept.last().fileName(), QStringLiteral("rapport-2026-03-04-091502.sqlite"));
        QCOMPARE(folder.takenAt(kept.first().fileName()), first.addDays(9));
        QVERIFY(QFile::exists(folder.path() + QStringLiteral("/notes.txt")));
        QVERIFY(QFile::exists(folder.path() + QStringLiteral("/rapport-before-the-move.sqlite")));
        QVERIFY(folder.isDue(first.addDays(10)));
    }

    void fullDiskLeavesPreviousBackupsIntact()
    {
        TinyFileSystem fs(QStringLiteral("16m"));
        if (!fs.mounted())
            QSKIP("needs root to mount a tmpfs");
        const QString path = fs.path(QStringLiteral("rapport.sqlite"));
        std::unique_ptr<Database> db = openSqlite(path);
        QVERIFY(db);
        QVERIFY(seed(*db, 3000));
        BackupFolder folder(path);
        const QDateTime day(QDate(2026, 5, 4), QTime(8, 0));
        for (int i = 0; i < 2; ++i)
            QVERIFY(folder.backUp(*db, day.addDays(i)));
        QList<QByteArray> hashes;
        for (const QFileInfo &f : folder.backups())
            hashes << hashOf(f.absoluteFilePath());
        QCOMPARE(hashes.size(), 2);

        // Fill the disk, but leave the database room to breathe: the backup is what does not fit.
        const qint64 backupSize = folder.backups().first().size();
        {
            QFile filler(fs.path(QStringLiteral("filler")));
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray block(64 * 1024, 'f');
            while (filler.write(block) == block.size()) { }
        }
        QFile::resize(fs.path(QStringLiteral("filler")), QFileInfo(fs.path(QStringLiteral("filler"))).size() - backupSize / 2);

        Result<BackupSummary> failed = folder.backUp(*db, day.addDays(2));
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, Error::Code::Storage);
        QVERIFY2(failed.error().message.contains(QStringLiteral("disk is full")), qPrintable(failed.error().message));
        QVERIFY2(failed.error().message.contains(QStringLiteral("rapport-2026-05-06-080000.sqlite")),
            qPrintable(failed.error().message));
        // The earlier backups are all there and unchanged; nothing half-written was left behind.
        QCOMPARE(folder.backups().size(), 2);
        QList<QByteArray> after;
        for (const QFileInfo &f : folder.backups())
            after << hashOf(f.absoluteFilePath());
        QCOMPARE(after, hashes);
        QVERIFY(partialFiles(folder.path()).isEmpty());
        QVERIFY(folder.isDue(day.addDays(2)));

        // With room again, the next one is written.
        QVERIFY(QFile::remove(fs.path(QStringLiteral("filler"))));
        QVERIFY(folder.backUp(*db, day.addDays(2)));
        QCOMPARE(folder.backups().size(), 3);
    }

    void fullDiskKeepsAnExistingTarget()
    {
        TinyFileSystem fs(QStringLiteral("2m"));
        if (!fs.mounted())
            QSKIP("needs root to mount a tmpfs");
        QTemporaryDir dir;
        std::unique_ptr<Database> db = openSqlite(dir.filePath(QStringLiteral("agency.sqlite")));
        QVERIFY(db);
        QVERIFY(seed(*db, 20000)); // several MB: more than the file system holds
        const QString target = fs.path(QStringLiteral("weekly.sqlite"));
        {
            QFile old(target);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("last week's backup");
        }
        Result<BackupSummary> failed = DatabaseBackup::write(*db, target);
        QVERIFY(!failed);
        QVERIFY2(failed.error().message.contains(QStringLiteral("disk is full")), qPrintable(failed.error().message));
        QFile old(target);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("last week's backup"));
        QVERIFY(partialFiles(fs.root()).isEmpty());
    }

    void readOnlyFolderSaysSo()
    {
        TinyFileSystem fs(QStringLiteral("8m"));
        if (!fs.mounted())
            QSKIP("needs root to mount a tmpfs");
        const QString path = fs.path(QStringLiteral("rapport.sqlite"));
        BackupFolder folder(path);
        const QDateTime day(QDate(2026, 5, 4), QTime(8, 0));
        {
            std::unique_ptr<Database> db = openSqlite(path);
            QVERIFY(db);
            QVERIFY(seed(*db, 100));
            QVERIFY(folder.backUp(*db, day));
        }
        const QByteArray hash = hashOf(folder.backups().first().absoluteFilePath());
        QVERIFY(fs.remount(QStringLiteral("ro")));
        std::unique_ptr<Database> db = openSqlite(path, Database::OpenFlag::None);
        QVERIFY(db);
        Result<BackupSummary> failed = folder.backUp(*db, day.addDays(1));
        QVERIFY(!failed);
        QVERIFY2(failed.error().message.contains(QStringLiteral("Cannot write in the folder")),
            qPrintable(failed.error().message));
        QVERIFY2(failed.error().message.contains(QStringLiteral("Read-only file system"), Qt::CaseInsensitive),
            qPrintable(failed.error().message));
        QCOMPARE(folder.backups().size(), 1);
        QCOMPARE(hashOf(folder.backups().first().absoluteFilePath()), hash);
    }

    void restoreKeepsTheCurrentFileAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rapport.sqlite"));
        const QString backup = dir.filePath(QStringLiteral("monday.sqlite"));
        {
            std::unique_ptr<Database> db = openSqlite(path);
            QVERIFY(db);
            QVERIFY(seed(*db, 5));
            QVERIFY(db->exec(QStringLiteral("INSERT INTO campaigns (name, status, created_at, updated_at) "
                                             "VALUES ('Launch', 'active', 0, 0)"),
                QStringLiteral("campaign"))
                        .ok());
            QVERIFY(DatabaseBackup::write(*db, backup));
            QVERIFY(seed(*db, 3, QStringLiteral("Later"))); // written after the backup, in the WAL
        }
        const QDateTime now(QDate(2026, 6, 1), QTime(10, 30, 5));
        Result<DatabaseRestore::Outcome> outcome = DatabaseRestore::restore(backup, path, now);
        QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message));
        QCOMPARE(outcome->restored.contacts, 5);
        QCOMPARE(outcome->restored.campaigns, 1);
        QCOMPARE(outcome->restored.schemaVersion, Migrator::latestVersion());
        QVERIFY(outcome->migrated.isEmpty());
        QCOMPARE(outcome->asidePath, dir.filePath(QStringLiteral("rapport-before-restore-2026-06-01-103005.sqlite")));

        std::unique_ptr<Database> restored = openSqlite(path, Database::OpenFlag::None);
        QVERIFY(restored);
        QCOMPARE(scalar(*restored, QStringLiteral("SELECT count(*) FROM contacts")), 5);
        QCOMPARE(text(*restored, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        std::unique_ptr<Database> aside = openSqlite(outcome->asidePath, Database::OpenFlag::None);
        QVERIFY(aside);
        QCOMPARE(scalar(*aside, QStringLiteral("SELECT count(*) FROM contacts")), 8); // nothing of it was lost
        QVERIFY(QFile::exists(backup)); // the backup stays a backup
        QVERIFY(partialFiles(dir.path()).isEmpty());
    }

    void restoreRefusesANewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rapport.sqlite"));
        const QString backup = dir.filePath(QStringLiteral("future.sqlite"));
        {
            std::unique_ptr<Database> db = openSqlite(path);
            QVERIFY(db);
            QVERIFY(seed(*db, 4));
            QVERIFY(DatabaseBackup::write(*db, backup));
        }
        {
            std::unique_ptr<Database> future = openSqlite(backup, Database::OpenFlag::NoMigrate);
            QVERIFY(future);
            QVERIFY(future
                        ->exec(QStringLiteral("INSERT INTO rapport_schema (version, applied_at, description) "
                                              "VALUES (%1, 0, 'from the future')")
                                   .arg(Migrator::latestVersion() + 50),
                            QStringLiteral("test"))
                        .ok());
        }
        const QByteArray before = hashOf(path);
        Result<DatabaseRestore::Outcome> outcome = DatabaseRestore::restore(backup, path, QDateTime::currentDateTime());
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().code, Error::Code::Unsupported);
        QVERIFY2(outcome.error().message.contains(QStringLiteral("newer version of Rapport")),
            qPrintable(outcome.error().message));
        QCOMPARE(hashOf(path), before);
        QCOMPARE(QDir(dir.path()).entryList({ QStringLiteral("*before-restore*") }, QDir::Files).size(), 0);
        QVERIFY(partialFiles(dir.path()).isEmpty());
    }

    void restoreMigratesAnOlderSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rapport.sqlite"));
        const QString backup = dir.filePath(QStringLiteral("old.sqlite"));
        {
            // A backup of a database at schema 5, before campaign workspaces and imports.
            std::unique_ptr<Database> old = openSqlite(backup, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
            QVERIFY(old);
            QVERIFY(Migrator(*old, Migrator::standardMigrations().mid(0, 5)).migrate());
            QVERIFY(seed(*old, 7));
        }
        {
            std::unique_ptr<Database> db = openSqlite(path);
            QVERIFY(db);
            QVERIFY(seed(*db, 2));
        }
        Result<BackupSummary> preview = DatabaseBackup::inspect(backup);
        QVERIFY(preview);
        QCOMPARE(preview->schemaVersion, 5);
        Result<DatabaseRestore::Outcome> outcome = DatabaseRestore::restore(backup, path, QDateTime::currentDateTime());
        QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message));
        QCOMPARE(outcome->fromSchemaVersion, 5);
        QCOMPARE(outcome->restored.schemaVersion, Migrator::latestVersion());
        // Every migration above 5 (the versions have gaps: each is assigned to a piece of work).
        const QList<Migrator::Migration> all = Migrator::standardMigrations();
        const auto above = std::count_if(all.cbegin(), all.cend(), [](const Migrator::Migration &m) { return m.version > 5; });
        QVERIFY(above > 0);
        QCOMPARE(outcome->migrated.size(), qsizetype(above));
        QCOMPARE(outcome->restored.contacts, 7);
        // The backup itself was read, never migrated.
        Result<BackupSummary> still = DatabaseBackup::inspect(backup);
        QVERIFY(still);
        QCOMPARE(still->schemaVersion, 5);
    }

    void automaticBackupOncePerDay()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rapport.sqlite"));
        std::unique_ptr<Database> db = openSqlite(path);
        QVERIFY(db);
        QVERIFY(seed(*db, 50));
        FixedClock clock(QDateTime(QDate(2026, 7, 1), QTime(9, 0)));
        AutoBackup automatic(db->location());
        QSignalSpy written(&automatic, &AutoBackup::backupWritten);
        QSignalSpy failed(&automatic, &AutoBackup::backupFailed);
        automatic.start(); // the start-up check: on its own thread
        QVERIFY(automatic.isRunning());
        QVERIFY(written.wait(20000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(written.first().first().value<BackupSummary>().contacts, 50);
        QCOMPARE(automatic.folder().backups().size(), 1);
        QVERIFY(!automatic.runIfDue()); // the same day: nothing to do

        clock.advanceDays(1);
        automatic.setEnabled(false);
        QVERIFY(!automatic.runIfDue()); // the user turned it off
        automatic.setEnabled(true);
        QVERIFY(automatic.runIfDue());
        QVERIFY(written.wait(20000));
        QCOMPARE(automatic.folder().backups().size(), 2);
    }

    void postgresSaysPgDump_data() { TestDatabase::addBackends(); }
    void postgresSaysPgDump()
    {
        OPEN_TEST_DATABASE(db);
        if (!db->isPostgres())
            return; // the SQLite row is everything above
        Result<BackupSummary> s = DatabaseBackup::write(*db, TestDatabase::tempDir() + QStringLiteral("/pg.sqlite"));
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Unsupported);
        QVERIFY2(s.error().message.contains(QStringLiteral("pg_dump")), qPrintable(s.error().message));
        QVERIFY(!QFile::exists(TestDatabase::tempDir() + QStringLiteral("/pg.sqlite")));
        AutoBackup automatic(db->location());
        QVERIFY(!automatic.isSupported());
        automatic.start();
        QVERIFY(!automatic.runIfDue());
    }
};

QTEST_GUILESS_MAIN(TestDatabaseBackup)
#include "tst_databasebackup.moc"
