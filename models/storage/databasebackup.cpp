#include "databasebackup.h"

#include "core/logging.h"
#include "storage/database.h"
#include "storage/migrator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryFile>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseBackup)
};

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// A temporary file's name beside `target` (same folder, so the final rename stays on one file system),
// removed again unless release()d. The file is created empty: VACUUM INTO accepts an empty file, and creating
// it first tells a folder we cannot write to before any work is done.
class PartialFile
{
public:
    static Result<PartialFile> create(const QString &target)
    {
        const QFileInfo info(target);
        QTemporaryFile file(info.absolutePath() + QStringLiteral("/.") + info.fileName()
            + QStringLiteral(".XXXXXX.partial"));
        file.setAutoRemove(false);
        if (!file.open())
            return Error { Tr::tr("Cannot write in the folder %1: %2.")
                               .arg(native(info.absolutePath()), file.errorString()),
                Error::Code::Storage };
        PartialFile partial;
        partial.m_path = file.fileName();
        file.close();
        return partial;
    }
    PartialFile() = default;
    PartialFile(PartialFile &&other) noexcept : m_path(std::exchange(other.m_path, QString())) {}
    PartialFile &operator=(PartialFile &&) = delete;
    ~PartialFile()
    {
        if (!m_path.isEmpty())
            QFile::remove(m_path);
    }
    const QString &path() const { return m_path; }
    void release() { m_path.clear(); }

private:
    QString m_path;
};

// fsync(2) on a file or a folder: a backup is only complete once it is on the disk, and a rename only once
// its folder is.
Status syncToDisk(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error { systemError(errno), Error::Code::Storage };
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    // A folder on some file systems cannot be synced (EINVAL): nothing to wait for there.
    if (rc != 0 && error != EINVAL)
        return Error { systemError(error), Error::Code::Storage };
    return {};
}

Status renameOver(const QString &from, const QString &to)
{
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return Error { systemError(errno), Error::Code::Storage };
    return {};
}

// VACUUM INTO `empty` from `db`: one read transaction, so the copy is one consistent state of the database.
Status snapshotInto(Database &db, const QString &empty, const QString &target)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("VACUUM INTO :path"));
    q.bindValue(QStringLiteral(":path"), empty);
    if (!q.exec()) {
        const Error e = db.errorFrom(q, Tr::tr("writing the backup"));
        const QString why = e.message;
        return Error { Tr::tr("The backup could not be written to %1. %2").arg(native(target), why),
            Error::Code::Storage };
    }
    return {};
}

Result<qint64> countLive(Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM %1 WHERE deleted_at IS NULL").arg(table)) || !q.next())
        return db.errorFrom(q, Tr::tr("counting the rows of the backup"));
    return q.value(0).toLongLong();
}

Result<BackupSummary> summaryOf(Database &db, const QString &file, DatabaseBackup::Check check)
{
    BackupSummary s;
    s.path = QFileInfo(file).absoluteFilePath();
    const QFileInfo info(file);
    s.sizeBytes = info.size();
    s.takenAt = info.lastModified();
    Result<int> version = db.schemaVersion();
    if (!version)
        return version.error();
    if (*version == 0)
        return Error { Tr::tr("%1 is empty: it is not a Rapport backup.").arg(native(file)), Error::Code::Unsupported };
    s.schemaVersion = *version;
    if (check == DatabaseBackup::Check::Quick) {
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
            return db.errorFrom(q, Tr::tr("checking the backup"));
        const QString verdict = q.value(0).toString();
        if (verdict != u"ok")
            return Error { Tr::tr("%1 is damaged (%2); it cannot be restored.").arg(native(file), verdict),
                Error::Code::Unsupported };
        s.checked = true;
    }
    struct Count
    {
        const char *table;
        qint64 *into;
    };
    const Count counts[] = { { "contacts", &s.contacts }, { "interactions", &s.interactions },
        { "campaigns", &s.campaigns } };
    for (const Count &c : counts) {
        Result<qint64> n = countLive(db, QString::fromLatin1(c.table));
        if (!n)
            return n.error();
        *c.into = *n;
    }
    return s;
}

} // namespace

namespace DatabaseBackup {

Error postgresUnsupported()
{
    return Error { Tr::tr("Rapport backs up its embedded SQLite database only. A PostgreSQL database is backed up "
                          "where the server runs: “pg_dump -Fc -f rapport.dump DATABASE”, and restored with "
                          "“pg_restore -d DATABASE rapport.dump” (see docs/BACKUP.md)."),
        Error::Code::Unsupported };
}

Result<BackupSummary> write(Database &db, const QString &target)
{
    if (db.isPostgres())
        return postgresUnsupported();
    const QFileInfo info(target);
    if (info.isDir())
        return Error { Tr::tr("%1 is a folder: give the backup a file name.").arg(native(target)),
            Error::Code::Validation };
    if (!QFileInfo(info.absolutePath()).isDir())
        return Error { Tr::tr("The folder %1 does not exist.").arg(native(info.absolutePath())),
            Error::Code::NotFound };
    const QFileInfo source(db.location().path);
    if (info.exists() && info.canonicalFilePath() == source.canonicalFilePath())
        return Error { Tr::tr("%1 is the database itself: choose another file for the backup.").arg(native(target)),
            Error::Code::Validation };

    Result<PartialFile> partial = PartialFile::create(target);
    if (!partial)
        return partial.error();
    const QDateTime takenAt = QDateTime::currentDateTime();
    if (Status s = snapshotInto(db, partial->path(), target); !s)
        return s.error();

    const auto failed = [&target](const QString &why) {
        return Error { Tr::tr("The backup could not be written to %1: %2. Nothing was replaced.")
                           .arg(native(target), why),
            Error::Code::Storage };
    };
    if (Status s = syncToDisk(partial->path()); !s)
        return failed(s.error().message);
    {
        QFile file(partial->path());
        if (file.open(QIODevice::ReadWrite))
            file.setFileTime(takenAt, QFileDevice::FileModificationTime);
    }
    if (Status s = renameOver(partial->path(), info.absoluteFilePath()); !s)
        return failed(s.error().message);
    partial->release();
    if (Status s = syncToDisk(info.absolutePath()); !s)
        qCWarning(lcStorage) << "could not flush the folder of the backup" << info.absolutePath() << s.error().message;
    qCInfo(lcStorage) << "backed up" << db.location().displayName() << "to" << info.absoluteFilePath();
    return inspect(info.absoluteFilePath());
}

Result<BackupSummary> inspect(const QString &file, Check check)
{
    const QFileInfo info(file);
    if (!info.exists())
        return Error { Tr::tr("There is no file %1.").arg(native(file)), Error::Code::NotFound };
    if (info.isDir())
        return Error { Tr::tr("%1 is a folder, not a backup file.").arg(native(file)), Error::Code::Validation };
    Result<std::unique_ptr<Database>> db = Database::open(
        DatabaseLocation::sqlite(info.absoluteFilePath()), Database::OpenFlag::ReadOnly | Database::OpenFlag::NoMigrate);
    if (!db)
        return db.error();
    return summaryOf(**db, info.absoluteFilePath(), check);
}

Result<BackupSummary> inspect(Database &db, Check check)
{
    if (db.isPostgres())
        return postgresUnsupported();
    return summaryOf(db, db.location().path, check);
}

} // namespace DatabaseBackup

// ---- BackupFolder ----------------------------------------------------------------------------------------

namespace {

const QString kStampFormat = QStringLiteral("yyyy-MM-dd-HHmmss");

} // namespace

BackupFolder::BackupFolder(const QString &databasePath, int keep)
    : m_dir(QFileInfo(databasePath).absolutePath() + QStringLiteral("/backups"))
    , m_baseName(QFileInfo(databasePath).completeBaseName())
    , m_keep(qMax(1, keep))
{
}

QString BackupFolder::fileNameFor(const QDateTime &now) const
{
    return m_baseName + u'-' + now.toLocalTime().toString(kStampFormat) + QStringLiteral(".sqlite");
}

QDateTime BackupFolder::takenAt(const QString &fileName) const
{
    const QString prefix = m_baseName + u'-';
    const QString suffix = QStringLiteral(".sqlite");
    if (!fileName.startsWith(prefix) || !fileName.endsWith(suffix))
        return {};
    const QString stamp = fileName.mid(prefix.size(), fileName.size() - prefix.size() - suffix.size());
    if (stamp.size() != kStampFormat.size())
        return {};
    return QDateTime::fromString(stamp, kStampFormat);
}

QList<QFileInfo> BackupFolder::backups() const
{
    QList<QFileInfo> found;
    const QFileInfoList entries = QDir(m_dir).entryInfoList(
        { m_baseName + QStringLiteral("-*.sqlite") }, QDir::Files | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries)
        if (takenAt(entry.fileName()).isValid())
            found.append(entry);
    std::sort(found.begin(), found.end(), [this](const QFileInfo &a, const QFileInfo &b) {
        return takenAt(a.fileName()) > takenAt(b.fileName());
    });
    return found;
}

bool BackupFolder::isDue(const QDateTime &now) const
{
    const QList<QFileInfo> existing = backups();
    // A backup dated today or later (a clock set back) means there is nothing to do today.
    return existing.isEmpty() || takenAt(existing.first().fileName()).date() < now.toLocalTime().date();
}

Result<BackupSummary> BackupFolder::backUp(Database &db, const QDateTime &now) const
{
    if (db.isPostgres())
        return DatabaseBackup::postgresUnsupported();
    if (!QDir().mkpath(m_dir))
        return Error { Tr::tr("Cannot create the backup folder %1.").arg(native(m_dir)), Error::Code::Storage };
    // Leftovers of a backup interrupted by a crash or a power cut: never a backup, only in the way.
    const QFileInfoList partials
        = QDir(m_dir).entryInfoList({ QStringLiteral(".*.partial") }, QDir::Files | QDir::Hidden);
    for (const QFileInfo &p : partials)
        if (p.lastModified().secsTo(QDateTime::currentDateTime()) > 3600)
            QFile::remove(p.absoluteFilePath());

    Result<BackupSummary> written = DatabaseBackup::write(db, m_dir + u'/' + fileNameFor(now));
    if (!written)
        return written.error();
    const QStringList removed = prune();
    if (!removed.isEmpty())
        qCInfo(lcStorage) << "removed old backups" << removed;
    return written;
}

QStringList BackupFolder::prune() const
{
    QStringList removed;
    const QList<QFileInfo> existing = backups();
    for (qsizetype i = m_keep; i < existing.size(); ++i)
        if (QFile::remove(existing.at(i).absoluteFilePath()))
            removed.append(existing.at(i).absoluteFilePath());
    return removed;
}

// ---- DatabaseRestore -------------------------------------------------------------------------------------

namespace DatabaseRestore {

Result<Outcome> restore(const QString &backupFile, const QString &databasePath, const QDateTime &now)
{
    Outcome outcome;
    const QFileInfo target(databasePath);
    if (QFileInfo(backupFile).canonicalFilePath() == target.canonicalFilePath() && target.exists())
        return Error { Tr::tr("%1 is the database itself, not a backup of it.").arg(native(backupFile)),
            Error::Code::Validation };
    Result<BackupSummary> backup = DatabaseBackup::inspect(backupFile, DatabaseBackup::Check::Quick);
    if (!backup)
        return backup.error();
    outcome.fromSchemaVersion = backup->schemaVersion;
    if (backup->schemaVersion > Migrator::latestVersion())
        return Error { Tr::tr("This backup was written by a newer version of Rapport (schema %1; this version knows up "
                              "to %2). Restore it with that version, or update Rapport.")
                           .arg(backup->schemaVersion)
                           .arg(Migrator::latestVersion()),
            Error::Code::Unsupported };
    if (!QFileInfo(target.absolutePath()).isDir() && !QDir().mkpath(target.absolutePath()))
        return Error { Tr::tr("Cannot create the folder %1 for the database.").arg(native(target.absolutePath())),
            Error::Code::Storage };

    // 1. A copy of the backup beside the database, migrated to this version's schema. Until the renames at the
    //    end, the current database is untouched.
    Result<PartialFile> copy = PartialFile::create(databasePath);
    if (!copy)
        return copy.error();
    {
        Result<std::unique_ptr<Database>> source = Database::open(DatabaseLocation::sqlite(backup->path),
            Database::OpenFlag::ReadOnly | Database::OpenFlag::NoMigrate);
        if (!source)
            return source.error();
        if (Status s = snapshotInto(**source, copy->path(), databasePath); !s)
            return s.error();
    }
    {
        Result<std::unique_ptr<Database>> restored
            = Database::open(DatabaseLocation::sqlite(copy->path()), Database::OpenFlag::NoMigrate);
        if (!restored)
            return restored.error();
        Result<MigrationReport> report = Migrator(**restored).migrate();
        if (!report)
            return report.error();
        outcome.migrated = report->applied;
        // Closing the only connection checkpoints the WAL into the file and removes it.
    }
    QFile::remove(copy->path() + QStringLiteral("-shm")); // an index into a WAL that is gone
    if (Status s = syncToDisk(copy->path()); !s)
        return Error { Tr::tr("The restored copy could not be written beside %1: %2. Nothing was changed.")
                           .arg(native(databasePath), s.error().message),
            Error::Code::Storage };

    // 2. The current database, complete (its WAL checkpointed into the file), goes aside; the copy gets its
    //    permissions (a backup is written for its owner only).
    if (target.exists()) {
        QFile::setPermissions(copy->path(), QFile::permissions(target.absoluteFilePath()));
        {
            Result<std::unique_ptr<Database>> current
                = Database::open(DatabaseLocation::sqlite(target.absoluteFilePath()), Database::OpenFlag::NoMigrate);
            if (current && !(*current)->isReadOnly()) {
                QSqlQuery q((*current)->connection());
                if (q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && q.next() && q.value(0).toInt() != 0)
                    return Error { Tr::tr("Another program is using %1 (another Rapport window, or a sync run from "
                                          "the command line). Close it and restore again; nothing was changed.")
                                       .arg(native(databasePath)),
                        Error::Code::Storage };
            }
            // A database that does not open (damaged: the reason to restore) is kept aside as it is.
        }
        const QString aside = target.absolutePath() + u'/' + target.completeBaseName() + QStringLiteral("-before-restore-")
            + now.toLocalTime().toString(kStampFormat) + u'.' + target.suffix();
        if (QFileInfo::exists(aside))
            return Error { Tr::tr("%1 already exists; wait a second and restore again.").arg(native(aside)),
                Error::Code::Conflict };
        if (Status s = renameOver(target.absoluteFilePath(), aside); !s)
            return Error { Tr::tr("The current database could not be kept aside as %1: %2. Nothing was changed.")
                               .arg(native(aside), s.error().message),
                Error::Code::Storage };
        // Whatever journal the current file still has belongs to it: it goes along under the same new name.
        for (const QString &journal : { QStringLiteral("-wal"), QStringLiteral("-shm") }) {
            if (QFileInfo::exists(target.absoluteFilePath() + journal))
                (void)renameOver(target.absoluteFilePath() + journal, aside + journal); // best effort: -shm is rebuilt
        }
        outcome.asidePath = aside;
    }

    // 3. The copy takes the database's place.
    if (Status s = renameOver(copy->path(), target.absoluteFilePath()); !s) {
        if (!outcome.asidePath.isEmpty())
            (void)renameOver(outcome.asidePath, target.absoluteFilePath()); // put the current one back
        return Error { Tr::tr("The backup could not take the place of %1: %2. The current database was left in place.")
                           .arg(native(databasePath), s.error().message),
            Error::Code::Storage };
    }
    copy->release();
    (void)syncToDisk(target.absolutePath()); // the renames are done; a folder that cannot be synced loses nothing

    Result<BackupSummary> restored = DatabaseBackup::inspect(target.absoluteFilePath());
    if (!restored)
        return restored.error();
    outcome.restored = *restored;
    outcome.restored.takenAt = backup->takenAt;
    qCInfo(lcStorage) << "restored" << backup->path << "into" << databasePath << "previous kept as" << outcome.asidePath;
    return outcome;
}

} // namespace DatabaseRestore
