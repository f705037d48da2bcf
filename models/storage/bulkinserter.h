#pragma once

#include "core/result.h"

#include <QList>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <map>
#include <memory>

class Database;
struct sqlite3;
struct sqlite3_stmt;

// Writes many rows into one table fast, inside a transaction the caller holds (see Transaction in
// storage/database.h). It prepares one INSERT with named placeholders covering `rowsPerStatement` rows
// (multi-row VALUES) and executes it each time that many rows are buffered; finish() writes the rest.
//
//     BulkInserter ins(db, QStringLiteral("tags"), {QStringLiteral("id"), QStringLiteral("name")});
//     ins.add({id, name});           // returns an Error if a statement failed
//     ins.finish();
//
// Ids are usually given by the caller (bulk loads know them up front); after loading explicit ids into
// PostgreSQL call syncIdentity() so that later inserts do not collide.
//
// Batch sizes: about 1,000 values per statement on SQLite (the per-statement overhead shared by some rows) and
// 8,000 on PostgreSQL (QPSQL sends each execution as one round trip); see defaultRowsPerStatement().
//
// SQLite: the statements are prepared and bound through SQLite's C API on the QSQLITE driver's own connection
// handle (QSqlDriver::handle(); Debian's driver links the same system libsqlite3 as Rapport), each value bound
// by position from its QVariant, text as UTF-8: Qt SQL's bindValue by name, its QVariant copies and SQLite's
// UTF-16 conversion were ~10 % of bench_import. Values bind as QSQLITE binds them (a null QVariant or null
// QString as NULL, integers as integers, other types as their text).
class BulkInserter final
{
public:
    BulkInserter(Database &db, QString table, QStringList columns, int rowsPerStatement = 0);
    ~BulkInserter();
    Q_DISABLE_COPY_MOVE(BulkInserter)

    // Rows of this table refer to rows that `parent` may still hold in its buffer: write those first, so
    // that foreign keys (checked per statement) hold. The parent must outlive this inserter.
    void setParent(BulkInserter *parent) { m_parent = parent; }

    // Buffers one row (values in column order) and writes a batch when the buffer is full.
    Status add(std::initializer_list<QVariant> values);
    // Writes the buffered rows.
    Status finish();
    qint64 rowsWritten() const { return m_written; }

    // The default rows per statement for this backend and column count.
    static int defaultRowsPerStatement(const Database &db, int columns);

    // The first free id of a table (max(id) + 1).
    static Result<qint64> nextId(Database &db, const QString &table);
    // Rows in the tables that hold an agency's data (contacts, organizations, interactions, campaigns, tags).
    static Result<qint64> countAgencyRows(Database &db);
    // Deletes every row of every data table (not the schema version), children first.
    static Status deleteAllData(Database &db);
    // PostgreSQL: moves each table's identity sequence past its largest id. Nothing to do on SQLite.
    static Status syncIdentity(Database &db, const QStringList &tables);

private:
    Status flush(int rows);
    Status flushRaw(int rows);
    QSqlQuery *statementFor(int rows);
    sqlite3_stmt *rawStatementFor(int rows);
    QString sqlFor(int rows) const;
    void releaseStatements();

    Database &m_db;
    QString m_table;
    QStringList m_columns;
    int m_rowsPerStatement;
    QList<QVariant> m_buffer;
    int m_buffered = 0;
    qint64 m_written = 0;
    QStringList m_placeholders; // ":r<row>c<column>" for every slot of a full statement
    std::map<int, std::unique_ptr<QSqlQuery>> m_statements; // by rows per statement, prepared once each
    sqlite3 *m_sqlite = nullptr; // SQLite: the driver's connection, when the C API is used
    std::map<int, sqlite3_stmt *> m_rawStatements; // the same, through the C API
    QByteArray m_utf8; // the text values of the statement being bound, as UTF-8
    BulkInserter *m_parent = nullptr;
    QSqlError m_prepareError;
};

// Connection settings for a bulk load, restored when it goes out of scope. SQLite: a page cache of `cacheMb`
// (the demo generator: 256 MB, so that the indexes and full-text tables of a million rows stay in memory while
// they grow; an import: 32 MB, as fast in bench_import and what keeps its memory flat). Create it before the
// Transaction (some settings cannot change inside one) and let it outlive it.
class BulkLoadSettings final
{
public:
    explicit BulkLoadSettings(Database &db, int cacheMb = 256);
    ~BulkLoadSettings();
    Q_DISABLE_COPY_MOVE(BulkLoadSettings)

private:
    Database &m_db;
    QVariant m_cacheSize;
};

// SQLite: takes the secondary indexes and the full-text triggers of some tables out of the way of a bulk
// load, and puts them back in restore(): each index is then built in one sorted pass and each FTS5 table
// rebuilt from its content table, several times faster than maintaining them row by row (bench_generate).
// Both steps run inside the caller's transaction, so a rollback brings everything back as it was.
// The definitions are read from sqlite_master (PostgreSQL: pg_indexes), so they stay exactly what the
// schema says. PostgreSQL: the plain and GIN indexes are deferred the same way, and so are the foreign keys
// of these tables (dropped, then added back and each validated in one join: PostgreSQL server CPU for the
// large demo 105 s -> 88 s); primary keys, unique and check constraints stay. On both backends the dashboard's
// rollup triggers (schema v10) are off during the load and restore() rebuilds the rollups from the rows.
class DeferredIndexes final
{
public:
    explicit DeferredIndexes(Database &db)
        : m_db(db)
    {
    }
    Q_DISABLE_COPY_MOVE(DeferredIndexes)

    Status defer(const QStringList &tables);
    Status restore();

    // SQLite: the loader wrote contacts.outlet_sort (what the v3 triggers would) into every row it inserted or
    // updated while they were off, so restore() need not compute it for every contact.
    void setOutletSortWritten() { m_outletSortWritten = true; }

private:
    Status deferPostgres(const QStringList &tables);

    Database &m_db;
    QStringList m_createStatements;
    QStringList m_addConstraintStatements; // PostgreSQL foreign keys
    QStringList m_ftsTables;
    QStringList m_enableTriggerStatements; // PostgreSQL: the rollup triggers (schema v10)
    QStringList m_analyzeTables; // PostgreSQL: statistics gathered after the load
    bool m_outletSortWritten = false;
};
