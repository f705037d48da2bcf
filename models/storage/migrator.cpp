#include "migrator.h"

#include "core/logging.h"
#include "storage/audittrail.h"
#include "storage/coveragerepository.h"
#include "storage/database.h"
#include "storage/rollups.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Migrator)
};

const QString kCommonColumns = QStringLiteral("created_at BIGINT NOT NULL,\n"
                                              "    updated_at BIGINT NOT NULL,\n"
                                              "    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,\n"
                                              "    version INTEGER NOT NULL DEFAULT 1,\n"
                                              "    deleted_at BIGINT");

} // namespace

Migrator::Migrator(Database &db)
    : Migrator(db, standardMigrations())
{
}

Migrator::Migrator(Database &db, QList<Migration> migrations)
    : m_db(db)
    , m_migrations(std::move(migrations))
{
}

QList<Migrator::Migration> Migrator::standardMigrations()
{
    return {
        { 1, Tr::tr("Created the Rapport schema (version 1)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v1.sql")); } },
        { 2, Tr::tr("Added background sync of social accounts and feeds, and the Inbox (version 2)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v2.sql")); } },
        { 3, Tr::tr("Sorted the contact list by outlet faster (version 3)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v3.sql")); } },
        { 4, Tr::tr("Marked synced items whose source gave no date (version 4)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v4.sql")); } },
        { 5, Tr::tr("Kept what the last sync of each account had to skip (version 5)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v5.sql")); } },
        { 6,
            Tr::tr("Added campaign briefs, content versions, the pitch pipeline's history and coverage links (version "
                   "6)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v6.sql")); } },
        { 7, Tr::tr("Kept each contact's health of 90 days ago, so Cooling off lists at once (version 7)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v7.sql")); } },
        { 8,
            Tr::tr("Gave coverage recorded earlier its normalized address, so the same article is never recorded twice "
                   "(version 8)."),
            [](Database &db) -> Status {
                if (Status s = runSchemaFile(db, QStringLiteral(":/rapport/schema/v8.sql")); !s)
                    return s;
                if (Result<int> keyed = CoverageRepository::backfillUrlKeys(db); !keyed)
                    return keyed.error();
                return {};
            } },
        { 9, Tr::tr("Recorded import batches, so that an import can be undone (version 9)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v9.sql")); } },
        { 10, Tr::tr("Kept the dashboard's counts up to date on every change, so it answers at once (version 10)."),
            [](Database &db) -> Status {
                if (Status s = runSchemaFile(db, QStringLiteral(":/rapport/schema/v10.sql")); !s)
                    return s;
                return Rollups::rebuild(db, Rollups::Levels::Daily);
            } },
        { 11,
            Tr::tr("Added team roles enforced by the database server and the history of every field (version 11)."),
            [](Database &db) -> Status {
                if (Status s = runSchemaFile(db, QStringLiteral(":/rapport/schema/v11.sql")); !s)
                    return s;
                return AuditTrail::installTriggers(db);
            } },
        { 12, Tr::tr("Let the server announce every change, so other people's edits appear at once (version 12)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v12.sql")); } },
        { 13,
            Tr::tr("Kept the dashboard's counts per month too, so that a year is counted as fast as a week "
                   "(version 13)."),
            [](Database &db) -> Status {
                if (Status s = runSchemaFile(db, QStringLiteral(":/rapport/schema/v13.sql")); !s)
                    return s;
                return Rollups::fillMonthly(db);
            } },
        // Only PostgreSQL statements: on SQLite the version is recorded and nothing changes.
        { 14, Tr::tr("Added indexes that make the who-to-pitch suggestions faster on PostgreSQL (version 14)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v14.sql")); } },
        { 16,
            Tr::tr("Kept each contact's conversations per month, so that a year's top relationships are found at "
                   "once (version 16)."),
            [](Database &db) -> Status {
                if (Status s = runSchemaFile(db, QStringLiteral(":/rapport/schema/v16.sql")); !s)
                    return s;
                if (Status s = Rollups::fillContacts(db); !s)
                    return s;
                // PostgreSQL plans by statistics, which a table filled in one statement has none of until
                // autovacuum comes by.
                if (db.isPostgres())
                    return db.exec(QStringLiteral("ANALYZE contact_rollup_month"), Tr::tr("counting the dashboard's figures"));
                return {};
            } },
        // Only PostgreSQL statements; rewrites contacts and interactions (2-3 minutes on the large demo).
        { 17, Tr::tr("Made search as you type faster on PostgreSQL (version 17)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v17.sql")); } },
        { 19, Tr::tr("Made counting the open follow-ups faster (version 19)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v19.sql")); } },
        // Only PostgreSQL statements; reads every conversation once (~10 s on the large demo).
        { 20, Tr::tr("Made searching the conversations for a common word faster on PostgreSQL (version 20)."),
            [](Database &db) { return runSchemaFile(db, QStringLiteral(":/rapport/schema/v20.sql")); } },
        { 21,
            Tr::tr("Added the email addresses, phone numbers, handles, beats and tags of a contact to its history "
                   "(version 21)."),
            [](Database &db) -> Status {
                if (Status s = runSchemaFile(db, QStringLiteral(":/rapport/schema/v21.sql")); !s)
                    return s;
                return AuditTrail::installChildTriggers(db);
            } },
    };
}

int Migrator::latestVersion()
{
    // The highest, not the last: branches append their migrations in either order, and a database may get a
    // lower version after a higher one (v11 after v13), since the migrator applies every missing version.
    int latest = 0;
    for (const Migration &m : standardMigrations())
        latest = std::max(latest, m.version);
    return latest;
}

Status Migrator::runSchemaFile(Database &db, const QString &resourcePath)
{
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error { Tr::tr("The schema file %1 is missing from this build.").arg(resourcePath) };
    const QString text = QString::fromUtf8(file.readAll());
    const QString dialect = db.isPostgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite");
    const QString id = db.isPostgres() ? QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                                       : QStringLiteral("INTEGER PRIMARY KEY");

    struct Statement
    {
        QString dialect;
        QString sql;
    };
    QList<Statement> statements;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(u"-- @stmt ")) {
            statements.append({ line.mid(9).trimmed(), QString() });
        } else if (!statements.isEmpty() && !line.trimmed().startsWith(u"--")) {
            statements.last().sql += line + u'\n';
        }
    }
    for (const Statement &st : std::as_const(statements)) {
        if (st.dialect != u"all" && st.dialect != dialect)
            continue;
        QString sql = st.sql.trimmed();
        sql.replace(QStringLiteral("@ID@"), id);
        sql.replace(QStringLiteral("@COMMON@"), kCommonColumns);
        if (Status s = db.exec(sql, Tr::tr("updating the database schema")); !s)
            return s;
    }
    return {};
}

Status Migrator::ensureVersionTable()
{
    return m_db.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS rapport_schema ("
                                    "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL, description TEXT)"),
        Tr::tr("preparing the database"));
}

Result<int> Migrator::currentVersion()
{
    QSqlQuery q(m_db.connection());
    // Is this a Rapport database at all?
    const QString tableExists = m_db.isPostgres()
        ? QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                         "AND table_name = 'rapport_schema'")
        : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'rapport_schema'");
    if (!q.exec(tableExists) || !q.next())
        return m_db.errorFrom(q, Tr::tr("reading the schema version"));
    if (q.value(0).toInt() == 0) {
        const QString anyTable = m_db.isPostgres()
            ? QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
            : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        if (!q.exec(anyTable) || !q.next())
            return m_db.errorFrom(q, Tr::tr("reading the schema version"));
        if (q.value(0).toInt() > 0)
            return Error { Tr::tr("%1 holds other data and is not a Rapport database: Rapport will not touch it.")
                               .arg(m_db.location().displayName()),
                Error::Code::Unsupported };
        return 0;
    }
    if (!q.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM rapport_schema")) || !q.next())
        return m_db.errorFrom(q, Tr::tr("reading the schema version"));
    return q.value(0).toInt();
}

Result<MigrationReport> Migrator::migrate()
{
    Result<int> current = currentVersion();
    if (!current)
        return current.error();
    int latest = 0;
    for (const Migration &m : std::as_const(m_migrations))
        latest = std::max(latest, m.version);
    MigrationReport report { *current, *current, {} };
    if (*current > latest)
        return Error { Tr::tr("%1 was written by a newer version of Rapport (schema %2; this version knows up to %3). "
                              "Update Rapport to open it.")
                           .arg(m_db.location().displayName())
                           .arg(*current)
                           .arg(latest),
            Error::Code::Unsupported };
    // Which versions this database has: parallel branches may number their migrations 7 and 8 and land in
    // the other order, so a database that has 8 but not 7 still gets 7 (each migration only adds).
    QSet<int> applied;
    if (*current > 0) {
        QSqlQuery q(m_db.connection());
        if (!q.exec(QStringLiteral("SELECT version FROM rapport_schema")))
            return m_db.errorFrom(q, Tr::tr("reading the schema version"));
        while (q.next())
            applied.insert(q.value(0).toInt());
    }
    const bool missing = std::any_of(m_migrations.cbegin(), m_migrations.cend(),
        [&applied](const Migration &m) { return !applied.contains(m.version); });
    if (!missing)
        return report;
    if (m_db.isReadOnly())
        return Error { Tr::tr("%1 is read-only and needs an upgrade to schema %2 before Rapport can use it.")
                           .arg(m_db.location().displayName())
                           .arg(latest),
            Error::Code::Storage };

    for (const Migration &m : std::as_const(m_migrations)) {
        if (applied.contains(m.version))
            continue;
        Transaction tx(m_db);
        if (!tx.status())
            return tx.status().error();
        if (Status s = ensureVersionTable(); !s)
            return s.error();
        if (Status s = m.apply(m_db); !s)
            return Error { Tr::tr("Upgrading the database to schema %1 failed; it was left unchanged at schema %2. %3")
                               .arg(m.version)
                               .arg(report.toVersion)
                               .arg(s.error().message),
                s.error().code };
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("INSERT INTO rapport_schema (version, applied_at, description) "
                                 "VALUES (:version, :at, :description)"));
        q.bindValue(QStringLiteral(":version"), m.version);
        q.bindValue(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch());
        q.bindValue(QStringLiteral(":description"), m.description);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("recording the schema version"));
        q.finish();
        if (Status s = tx.commit(); !s)
            return s.error();
        report.toVersion = qMax(report.toVersion, m.version);
        report.applied.append(m.description);
        qCInfo(lcStorage) << "migrated" << m_db.location().displayName() << "to schema" << m.version;
    }
    return report;
}
