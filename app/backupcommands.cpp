#include "backupcommands.h"

#include "commandcontext.h"
#include "commandline.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/migrator.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(BackupCommands)
};

Result<DatabaseLocation> location(const Invocation &inv)
{
    return inv.db.isEmpty() ? Result<DatabaseLocation>(DatabaseLocation::defaultLocation())
                            : DatabaseLocation::parse(inv.db);
}

QJsonObject toJson(const BackupSummary &s)
{
    return { { u"file"_s, s.path }, { u"taken_at"_s, s.takenAt.toUTC().toString(Qt::ISODate) },
        { u"size_bytes"_s, s.sizeBytes }, { u"schema_version"_s, s.schemaVersion }, { u"contacts"_s, s.contacts },
        { u"interactions"_s, s.interactions }, { u"campaigns"_s, s.campaigns } };
}

// The lines a person reads about a backup (the same facts the restore preview shows).
void printSummary(QTextStream &out, const BackupSummary &s)
{
    const QLocale locale;
    out << Tr::tr("  taken:          %1").arg(locale.toString(s.takenAt.toLocalTime(), QLocale::LongFormat))
        << Qt::endl
        << Tr::tr("  size:           %1").arg(locale.formattedDataSize(s.sizeBytes)) << Qt::endl
        << Tr::tr("  schema version: %1").arg(s.schemaVersion) << Qt::endl
        << Tr::tr("  contacts:       %L1").arg(s.contacts) << Qt::endl
        << Tr::tr("  interactions:   %L1").arg(s.interactions) << Qt::endl
        << Tr::tr("  campaigns:      %L1").arg(s.campaigns) << Qt::endl;
}

} // namespace

namespace BackupCommands {

using namespace CommandContext;

QString usage()
{
    return Tr::tr("Backups (the embedded SQLite database; PostgreSQL: pg_dump):\n"
                  "  backup [--out FILE]\n"
                  "                    A consistent copy of the database, safe while Rapport is running. Without\n"
                  "                    --out: into the backups folder beside the database, keeping the last 7.\n"
                  "  restore BACKUP --yes\n"
                  "                    Put a backup in the database's place (Rapport must be closed); the current\n"
                  "                    file is kept aside with a timestamp. Without --yes: only shows the backup.\n");
}

int backup(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const Context ctx { inv, out, err };
    if (!inv.arguments.isEmpty())
        return ctx.usage(Tr::tr("backup takes no arguments; give the file with --out FILE."));
    if (inv.hasOption(u"out"_s) && inv.option(u"out"_s).isEmpty())
        return ctx.usage(Tr::tr("--out needs a file name."));
    Result<DatabaseLocation> loc = location(inv);
    if (!loc)
        return ctx.fail(loc.error().message);
    if (loc->isPostgres())
        return ctx.fail(DatabaseBackup::postgresUnsupported().message);
    // As it is: a database that a newer build would migrate is backed up before that happens, not after.
    Result<std::unique_ptr<Database>> db = Database::open(*loc, Database::OpenFlag::NoMigrate);
    if (!db)
        return ctx.fail(db.error().message);

    QStringList removed;
    Result<BackupSummary> written = Error {};
    if (inv.hasOption(u"out"_s)) {
        written = DatabaseBackup::write(**db, QDir::current().absoluteFilePath(inv.option(u"out"_s)));
    } else {
        const BackupFolder folder(loc->path);
        const QStringList before = [&folder] {
            QStringList paths;
            for (const QFileInfo &f : folder.backups())
                paths << f.absoluteFilePath();
            return paths;
        }();
        written = folder.backUp(**db, QDateTime::currentDateTime());
        if (written)
            for (const QString &path : before)
                if (!QFileInfo::exists(path))
                    removed << path;
    }
    if (!written)
        return ctx.fail(written.error().message);
    if (inv.json) {
        QJsonObject o = toJson(*written);
        o.insert(u"database"_s, (*db)->location().displayName());
        o.insert(u"removed"_s, QJsonArray::fromStringList(removed));
        ctx.printJson(o);
        return kOk;
    }
    out << Tr::tr("Backed up %1 to %2:").arg((*db)->location().displayName(), QDir::toNativeSeparators(written->path))
        << Qt::endl;
    printSummary(out, *written);
    for (const QString &path : std::as_const(removed))
        out << Tr::tr("Removed the old backup %1 (the last %2 are kept).")
                   .arg(QDir::toNativeSeparators(path))
                   .arg(BackupFolder::kDefaultKeep)
            << Qt::endl;
    return kOk;
}

int restore(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const Context ctx { inv, out, err };
    if (inv.arguments.size() != 1)
        return ctx.usage(Tr::tr("restore takes one BACKUP file."));
    Result<DatabaseLocation> loc = location(inv);
    if (!loc)
        return ctx.fail(loc.error().message);
    if (loc->isPostgres())
        return ctx.fail(DatabaseBackup::postgresUnsupported().message);
    const QString file = QDir::current().absoluteFilePath(inv.arguments.first());
    Result<BackupSummary> backup = DatabaseBackup::inspect(file, DatabaseBackup::Check::Quick);
    if (!backup)
        return ctx.fail(backup.error().message);
    if (backup->schemaVersion > Migrator::latestVersion())
        return ctx.fail(Tr::tr("%1 was written by a newer version of Rapport (schema %2; this version knows up to "
                               "%3). Restore it with that version, or update Rapport.")
                            .arg(QDir::toNativeSeparators(file))
                            .arg(backup->schemaVersion)
                            .arg(Migrator::latestVersion()));
    if (!inv.hasOption(u"yes"_s)) {
        if (inv.json) {
            QJsonObject o = toJson(*backup);
            o.insert(u"restored"_s, false);
            ctx.printJson(o);
        } else {
            out << Tr::tr("Backup %1:").arg(QDir::toNativeSeparators(file)) << Qt::endl;
            printSummary(out, *backup);
        }
        return ctx.usage(Tr::tr("restoring replaces the database %1; add --yes to restore this backup.")
                             .arg(loc->displayName()));
    }
    Result<DatabaseRestore::Outcome> outcome = DatabaseRestore::restore(file, loc->path, QDateTime::currentDateTime());
    if (!outcome)
        return ctx.fail(outcome.error().message);
    if (inv.json) {
        QJsonObject o = toJson(outcome->restored);
        o.insert(u"restored"_s, true);
        o.insert(u"backup"_s, file);
        o.insert(u"database"_s, loc->displayName());
        o.insert(u"from_schema_version"_s, outcome->fromSchemaVersion);
        o.insert(u"kept_aside"_s, outcome->asidePath.isEmpty() ? QJsonValue() : QJsonValue(outcome->asidePath));
        o.insert(u"migrations"_s, QJsonArray::fromStringList(outcome->migrated));
        ctx.printJson(o);
        return kOk;
    }
    out << Tr::tr("Restored %1 into %2:").arg(QDir::toNativeSeparators(file), loc->displayName()) << Qt::endl;
    printSummary(out, outcome->restored);
    for (const QString &line : std::as_const(outcome->migrated))
        out << u"  "_s << line << Qt::endl;
    if (!outcome->asidePath.isEmpty())
        out << Tr::tr("The previous database was kept as %1.").arg(QDir::toNativeSeparators(outcome->asidePath))
            << Qt::endl;
    return kOk;
}

} // namespace BackupCommands
