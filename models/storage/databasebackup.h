#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QFileInfo>
#include <QList>
#include <QString>
#include <QStringList>

class Database;

// What a backup file holds, for the restore preview and the command line: when it was taken, its schema
// version and the live rows a user recognises.
struct BackupSummary
{
    QString path;
    QDateTime takenAt; // the moment of the snapshot (the file's modification time, set when it is written)
    qint64 sizeBytes = 0;
    int schemaVersion = 0;
    qint64 contacts = 0;     // live (not in the trash)
    qint64 interactions = 0; // live
    qint64 campaigns = 0;    // live
    bool checked = false;    // PRAGMA quick_check ran and said ok
};

// Backups of the embedded SQLite database (issue 13). Not for PostgreSQL: a team database is backed up with
// pg_dump by whoever runs the server (postgresUnsupported() says so in words).
//
// write() takes a consistent snapshot with SQLite's VACUUM INTO on the caller's connection: one read
// transaction, so under WAL the window and the sync worker keep writing meanwhile and none of their
// half-finished transactions is in the copy. The copy goes to a temporary name in the target's folder, is
// flushed to disk, and only then renamed over the target (rename(2) is atomic), so a backup that cannot be
// written (read-only folder, full disk) leaves no partial file and no earlier backup touched.
namespace DatabaseBackup {

// Writes a backup of the database `db` is connected to (SQLite only) to `target`, replacing a file there
// only once the new copy is complete. The file's time is set to the moment of the snapshot.
Result<BackupSummary> write(Database &db, const QString &target);

enum class Check { None, Quick };
// Opens `file` read-only (it is never changed) and reads its schema version and counts. A file that is not a
// Rapport database, or is damaged, is an error saying so; with Check::Quick, PRAGMA quick_check must pass.
Result<BackupSummary> inspect(const QString &file, Check check = Check::None);
// The same on a connection already open on the file (a worker's, opened ReadOnly | NoMigrate).
Result<BackupSummary> inspect(Database &db, Check check = Check::None);

// The error the backup and restore commands give on PostgreSQL: use pg_dump / pg_restore.
Error postgresUnsupported();

} // namespace DatabaseBackup

// The automatic backups: timestamped files in a `backups` folder beside the database
// (rapport-2026-12-07-091502.sqlite for rapport.sqlite), one a day, the newest `keep` kept.
class BackupFolder final
{
public:
    static constexpr int kDefaultKeep = 7;

    explicit BackupFolder(const QString &databasePath, int keep = kDefaultKeep);

    QString path() const { return m_dir; }
    // The automatic backups in the folder, newest first (only files named like the ones this class writes;
    // anything else the user put there is left alone).
    QList<QFileInfo> backups() const;
    // The moment a file of this folder was taken, read from its name; invalid for other names.
    QDateTime takenAt(const QString &fileName) const;
    // True when no automatic backup was taken on the local calendar day of `now`.
    bool isDue(const QDateTime &now) const;
    // Writes a backup named for `now` into the folder (creating it), then removes the oldest beyond `keep`.
    // A failed backup removes nothing.
    Result<BackupSummary> backUp(Database &db, const QDateTime &now) const;
    // Removes the oldest automatic backups beyond `keep`; returns the paths removed.
    QStringList prune() const;

private:
    QString fileNameFor(const QDateTime &now) const;

    QString m_dir;
    QString m_baseName; // "rapport" for rapport.sqlite
    int m_keep;
};

// Puts a backup in the place of the database file: the current file is kept aside (renamed with a
// timestamp) and the backup's copy, migrated to the current schema, takes its place. No connection of this
// process may be open on the database meanwhile (the window closes its own first).
namespace DatabaseRestore {

struct Outcome
{
    BackupSummary restored;  // the database as restored (after migration)
    int fromSchemaVersion = 0; // the backup's schema version before migration
    QString asidePath;       // where the previous database file now is
    QStringList migrated;    // one line per migration applied to the copy
};

// A backup from a newer schema is refused (Error::Code::Unsupported); an older one is migrated on the copy
// before anything is renamed, so a failure at any step leaves the current database where and as it was.
Result<Outcome> restore(const QString &backupFile, const QString &databasePath, const QDateTime &now);

} // namespace DatabaseRestore
