#include "bulkinserter.h"

#include "core/logging.h"
#include "storage/database.h"
#include "storage/rollups.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringEncoder>

#include <sqlite3.h>

#include <algorithm>
#include <ctime>

namespace {

// FTS5's in-memory index size while DeferredIndexes::restore() rebuilds a full-text table (see there).
constexpr int kRebuildHashSize = 16 * 1024 * 1024;

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(BulkInserter)
};

// Every table holding data, children before parents, so deleting in this order never violates a
// foreign key. rapport_schema (the schema version) is not in it.
const QStringList &dataTablesChildrenFirst()
{
    static const QStringList tables { QStringLiteral("engagement_events"), QStringLiteral("sync_state"),
        QStringLiteral("social_accounts"), QStringLiteral("saved_views"), QStringLiteral("audit_changes"), QStringLiteral("audit_log"),
        QStringLiteral("follow_ups"), QStringLiteral("coverage"), QStringLiteral("pitches"),
        QStringLiteral("interactions"), QStringLiteral("media_list_members"), QStringLiteral("media_lists"),
        QStringLiteral("content_items"), QStringLiteral("campaign_members"), QStringLiteral("campaigns"),
        QStringLiteral("contact_tags"),
        QStringLiteral("tags"), QStringLiteral("handles"), QStringLiteral("contact_phones"),
        QStringLiteral("contact_emails"), QStringLiteral("contacts"), QStringLiteral("organizations"),
        QStringLiteral("ignored_handles"), QStringLiteral("users"), QStringLiteral("interaction_rollup"),
        QStringLiteral("pitch_rollup"), QStringLiteral("coverage_rollup"), QStringLiteral("engagement_rollup"),
        QStringLiteral("interaction_rollup_month"), QStringLiteral("pitch_rollup_month"),
        QStringLiteral("coverage_rollup_month"), QStringLiteral("engagement_rollup_month"),
        QStringLiteral("contact_rollup_month") };
    return tables;
}

} // namespace

BulkInserter::BulkInserter(Database &db, QString table, QStringList columns, int rowsPerStatement)
    : m_db(db)
    , m_table(std::move(table))
    , m_columns(std::move(columns))
    , m_rowsPerStatement(rowsPerStatement > 0 ? rowsPerStatement : defaultRowsPerStatement(db, int(m_columns.size())))
{
    const int cols = int(m_columns.size());
    m_buffer.resize(qsizetype(m_rowsPerStatement) * cols);
    if (!db.isPostgres()) {
        const QVariant handle = db.connection().driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());
    }
    if (m_sqlite)
        return; // positional parameters
    m_placeholders.reserve(qsizetype(m_rowsPerStatement) * cols);
    for (int r = 0; r < m_rowsPerStatement; ++r)
        for (int c = 0; c < cols; ++c)
            m_placeholders << QStringLiteral(":r%1c%2").arg(r).arg(c);
}

BulkInserter::~BulkInserter()
{
    releaseStatements();
}

void BulkInserter::releaseStatements()
{
    m_statements.clear();
    for (const auto &[rows, stmt] : m_rawStatements)
        sqlite3_finalize(stmt);
    m_rawStatements.clear();
}

int BulkInserter::defaultRowsPerStatement(const Database &db, int columns)
{
    // PostgreSQL: one round trip per statement, so batch a few thousand values. SQLite (bound through the C API):
    // 1,000 values a statement ran 1.6 % fewer instructions than 200 in bench_import (callgrind, 20,000
    // contacts), 4,000 no fewer.
    const int values = db.isPostgres() ? 8000 : 1000;
    return qMax(1, values / qMax(1, columns));
}

QString BulkInserter::sqlFor(int rows) const
{
    const int cols = int(m_columns.size());
    QString sql = QStringLiteral("INSERT INTO ") + m_table + QStringLiteral(" (") + m_columns.join(QStringLiteral(", "))
        + QStringLiteral(") VALUES ");
    sql.reserve(sql.size() + rows * cols * 10);
    for (int r = 0; r < rows; ++r) {
        sql += r ? QStringLiteral(", (") : QStringLiteral("(");
        for (int c = 0; c < cols; ++c) {
            if (c)
                sql += QStringLiteral(", ");
            if (m_sqlite)
                sql += u'?';
            else
                sql += m_placeholders.at(r * cols + c);
        }
        sql += u')';
    }
    return sql;
}

QSqlQuery *BulkInserter::statementFor(int rows)
{
    std::unique_ptr<QSqlQuery> &slot = m_statements[rows];
    if (!slot) {
        slot = std::make_unique<QSqlQuery>(m_db.connection());
        if (!slot->prepare(sqlFor(rows))) {
            m_prepareError = slot->lastError();
            slot.reset();
            return nullptr;
        }
    }
    return slot.get();
}

sqlite3_stmt *BulkInserter::rawStatementFor(int rows)
{
    sqlite3_stmt *&slot = m_rawStatements[rows];
    if (!slot) {
        const QByteArray sql = sqlFor(rows).toUtf8();
        if (sqlite3_prepare_v2(m_sqlite, sql.constData(), int(sql.size()), &slot, nullptr) != SQLITE_OK) {
            m_prepareError = QSqlError(QStringLiteral("Unable to prepare statement"),
                QString::fromUtf8(sqlite3_errmsg(m_sqlite)), QSqlError::StatementError,
                QString::number(sqlite3_errcode(m_sqlite) & 0xff));
            sqlite3_finalize(slot);
            m_rawStatements.erase(rows);
            return nullptr;
        }
    }
    return slot;
}

Status BulkInserter::add(std::initializer_list<QVariant> values)
{
    Q_ASSERT(values.size() == size_t(m_columns.size()));
    qsizetype at = qsizetype(m_buffered) * m_columns.size();
    for (const QVariant &v : values)
        m_buffer[at++] = v;
    if (++m_buffered == m_rowsPerStatement)
        return flush(m_buffered);
    return {};
}

Status BulkInserter::finish()
{
    Status s = m_buffered ? flush(m_buffered) : Status();
    // Release the prepared statements now: QPSQL needs every query gone before its connection closes.
    releaseStatements();
    return s;
}

Status BulkInserter::flush(int rows)
{
    if (m_parent && m_parent->m_buffered)
        if (Status s = m_parent->flush(m_parent->m_buffered); !s)
            return s;
    if (m_sqlite)
        return flushRaw(rows);
    const QString doing = Tr::tr("writing %1").arg(m_table);
    QSqlQuery *q = statementFor(rows);
    if (!q)
        return m_db.errorFrom(m_prepareError, doing);
    const qsizetype n = qsizetype(rows) * m_columns.size();
    for (qsizetype i = 0; i < n; ++i)
        q->bindValue(m_placeholders.at(i), m_buffer.at(i));
    if (!q->exec())
        return m_db.errorFrom(*q, doing);
    m_written += rows;
    m_buffered = 0;
    return {};
}

Status BulkInserter::flushRaw(int rows)
{
    sqlite3_stmt *stmt = rawStatementFor(rows);
    if (!stmt)
        return m_db.errorFrom(m_prepareError, Tr::tr("writing %1").arg(m_table));
    const int n = rows * int(m_columns.size());
    // The text values as UTF-8, one after the other in m_utf8 (sized for the worst case first, so that the
    // pointers bound below stay valid until the statement ran).
    qsizetype space = 0;
    for (int i = 0; i < n; ++i) {
        const QVariant &v = m_buffer.at(i);
        if (v.metaType().id() == QMetaType::QString)
            space += 3 * static_cast<const QString *>(v.constData())->size();
    }
    if (m_utf8.size() < space)
        m_utf8.resize(space);
    QStringEncoder toUtf8(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
    char *out = m_utf8.data();
    int rc = SQLITE_OK;
    for (int i = 0; i < n && rc == SQLITE_OK; ++i) {
        const QVariant &v = m_buffer.at(i);
        const int at = i + 1;
        if (v.isNull()) {
            rc = sqlite3_bind_null(stmt, at);
            continue;
        }
        switch (v.metaType().id()) {
        case QMetaType::QString: {
            const QString &text = *static_cast<const QString *>(v.constData());
            if (text.isNull()) {
                rc = sqlite3_bind_null(stmt, at);
                break;
            }
            char *end = toUtf8.appendToBuffer(out, text);
            rc = sqlite3_bind_text(stmt, at, out, int(end - out), SQLITE_STATIC);
            out = end;
            break;
        }
        case QMetaType::Int:
        case QMetaType::Bool:
            rc = sqlite3_bind_int(stmt, at, v.toInt());
            break;
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Long:
        case QMetaType::ULong:
        case QMetaType::Short:
        case QMetaType::UShort:
            rc = sqlite3_bind_int64(stmt, at, v.toLongLong());
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            rc = sqlite3_bind_double(stmt, at, v.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray &bytes = *static_cast<const QByteArray *>(v.constData());
            if (bytes.isNull())
                rc = sqlite3_bind_null(stmt, at);
            else
                rc = sqlite3_bind_blob(stmt, at, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
            break;
        }
        default: {
            const QByteArray text = v.toString().toUtf8();
            rc = sqlite3_bind_text(stmt, at, text.constData(), int(text.size()), SQLITE_TRANSIENT);
            break;
        }
        }
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    // reset() reports the step's error again; the error text is read before it. (The bindings stay: every
    // parameter is bound again before the statement runs next.)
    const QString message = rc == SQLITE_OK ? QString() : QString::fromUtf8(sqlite3_errmsg(m_sqlite));
    sqlite3_reset(stmt);
    if (rc != SQLITE_OK)
        return m_db.errorFrom(QSqlError(QStringLiteral("Unable to fetch row"), message, QSqlError::StatementError,
                                  QString::number(rc & 0xff)),
            Tr::tr("writing %1").arg(m_table));
    m_written += rows;
    m_buffered = 0;
    return {};
}

Result<qint64> BulkInserter::nextId(Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM ") + table) || !q.next())
        return db.errorFrom(q, Tr::tr("reading %1").arg(table));
    return q.value(0).toLongLong();
}

Result<qint64> BulkInserter::countAgencyRows(Database &db)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM organizations) "
                               "+ (SELECT count(*) FROM interactions) + (SELECT count(*) FROM campaigns) "
                               "+ (SELECT count(*) FROM tags)"))
        || !q.next())
        return db.errorFrom(q, Tr::tr("checking whether the database is empty"));
    return q.value(0).toLongLong();
}

Status BulkInserter::deleteAllData(Database &db)
{
    for (const QString &table : dataTablesChildrenFirst())
        if (Status s = db.exec(QStringLiteral("DELETE FROM ") + table, Tr::tr("emptying %1").arg(table)); !s)
            return s;
    return {};
}

Status BulkInserter::syncIdentity(Database &db, const QStringList &tables)
{
    if (!db.isPostgres())
        return {};
    for (const QString &table : tables) {
        // setval(..., false) when empty: the next id is then 1.
        const QString sql = QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                           "coalesce((SELECT max(id) FROM %1), 0) + 1, false)")
                                .arg(table);
        if (Status s = db.exec(sql, Tr::tr("updating the ids of %1").arg(table)); !s)
            return s;
    }
    return {};
}

BulkLoadSettings::BulkLoadSettings(Database &db, int cacheMb)
    : m_db(db)
{
    if (db.isPostgres())
        return;
    QSqlQuery q(db.connection());
    if (q.exec(QStringLiteral("PRAGMA cache_size")) && q.next())
        m_cacheSize = q.value(0);
    q.exec(QStringLiteral("PRAGMA cache_size = -") + QString::number(qint64(cacheMb) * 1024));
}

BulkLoadSettings::~BulkLoadSettings()
{
    if (m_db.isPostgres() || !m_cacheSize.isValid())
        return;
    QSqlQuery q(m_db.connection());
    q.exec(QStringLiteral("PRAGMA cache_size = ") + QString::number(m_cacheSize.toLongLong()));
}

Status DeferredIndexes::defer(const QStringList &tables)
{
    if (m_db.isPostgres())
        return deferPostgres(tables);
    const QString doing = Tr::tr("preparing the bulk load");
    QSqlQuery q(m_db.connection());
    QStringList drops;
    q.prepare(QStringLiteral("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = :table "
                             "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"));
    for (const QString &table : tables) {
        q.bindValue(QStringLiteral(":table"), table);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        while (q.next()) {
            drops << QStringLiteral("DROP %1 %2").arg(q.value(0).toString().toUpper(), q.value(1).toString());
            m_createStatements << q.value(2).toString();
        }
    }
    // External-content FTS5 tables over these tables: CREATE VIRTUAL TABLE x USING fts5 (..., content = 'table', ...)
    static const QRegularExpression contentOption(QStringLiteral(R"(content\s*=\s*'?(\w+)'?)"));
    if (!q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                               "AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")))
        return m_db.errorFrom(q, doing);
    while (q.next()) {
        const QRegularExpressionMatch m = contentOption.match(q.value(1).toString());
        if (m.hasMatch() && tables.contains(m.captured(1)))
            m_ftsTables << q.value(0).toString();
    }
    q.finish();
    for (const QString &drop : std::as_const(drops))
        if (Status s = m_db.exec(drop, doing); !s)
            return s;
    return {};
}

// PostgreSQL: the plain indexes (not those behind a primary key or unique constraint), GIN included, and
// the foreign keys of these tables.
Status DeferredIndexes::deferPostgres(const QStringList &tables)
{
    m_analyzeTables = tables;
    const QString doing = Tr::tr("preparing the bulk load");
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema() "
                             "AND tablename = :table AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                             "WHERE c.conname = i.indexname) ORDER BY indexname"));
    QStringList drops;
    for (const QString &table : tables) {
        q.bindValue(QStringLiteral(":table"), table);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        while (q.next()) {
            drops << QStringLiteral("DROP INDEX ") + q.value(0).toString();
            m_createStatements << q.value(1).toString();
        }
    }
    // Foreign keys: checked row by row, each check a query of its own (RI triggers), they cost more server
    // time than the rows' own indexes. Dropped here and added back in restore(), where each is validated in
    // one join over the whole table. Definitions from pg_get_constraintdef, so they come back as declared.
    q.prepare(QStringLiteral("SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
                             "WHERE contype = 'f' AND conrelid = to_regclass(:table) ORDER BY conname"));
    for (const QString &table : tables) {
        q.bindValue(QStringLiteral(":table"), table);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        while (q.next()) {
            const QString name = q.value(0).toString();
            drops << QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(table, name);
            m_addConstraintStatements << QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3")
                                             .arg(table, name, q.value(1).toString());
        }
    }
    // The dashboard's rollup triggers (schema v10) would write one rollup row per loaded row: off during the
    // load, and restore() rebuilds the rollups in one pass.
    q.prepare(QStringLiteral("SELECT quote_ident(tgname) FROM pg_trigger WHERE tgrelid = to_regclass(:table) "
                             "AND NOT tgisinternal AND tgname LIKE '%rollup%' ORDER BY tgname"));
    for (const QString &table : tables) {
        q.bindValue(QStringLiteral(":table"), table);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        while (q.next()) {
            const QString name = q.value(0).toString();
            drops << QStringLiteral("ALTER TABLE %1 DISABLE TRIGGER %2").arg(table, name);
            m_enableTriggerStatements << QStringLiteral("ALTER TABLE %1 ENABLE TRIGGER %2").arg(table, name);
        }
    }
    q.finish();
    if (!m_createStatements.isEmpty() || !m_addConstraintStatements.isEmpty())
        if (Status s = m_db.exec(QStringLiteral("SET LOCAL maintenance_work_mem = '256MB'"), doing); !s)
            return s;
    for (const QString &drop : std::as_const(drops))
        if (Status s = m_db.exec(drop, doing); !s)
            return s;
    return {};
}

Status DeferredIndexes::restore()
{
    const QString doing = Tr::tr("building the indexes");
    // Each statement's CPU time in the debug log (rapport.storage.debug=true): where a bulk load's end goes.
    auto exec = [this](const QString &sql, const QString &what) {
        timespec before {}, after {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &before);
        Status s = m_db.exec(sql, what);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &after);
        qCDebug(lcStorage).noquote() << "restore:"
                                     << qint64((after.tv_sec - before.tv_sec) * 1000
                                            + (after.tv_nsec - before.tv_nsec) / 1000000)
                                     << "ms CPU" << sql.left(80);
        return s;
    };
    // SQLite: the triggers that keep contacts.outlet_sort (schema v3) were off during the load: compute the
    // column once for every row, before its index is built. (PostgreSQL keeps its triggers.)
    const bool outletSort = std::any_of(m_createStatements.cbegin(), m_createStatements.cend(), [](const QString &sql) {
        return sql.startsWith(QStringLiteral("CREATE TRIGGER"), Qt::CaseInsensitive) && sql.contains(QStringLiteral("outlet_sort"));
    });
    if (outletSort && !m_db.isPostgres() && !m_outletSortWritten) {
        const QString update = QStringLiteral(
            "UPDATE contacts SET outlet_sort = (SELECT o.name FROM organizations o "
            "WHERE o.id = contacts.organization_id AND o.deleted_at IS NULL) WHERE organization_id IS NOT NULL");
        if (Status s = exec(update, doing); !s)
            return s;
    }
    // The dashboard's rollups (schema v10) missed every row written without their triggers: counted again from
    // the rows, before the triggers come back.
    const bool rollups = !m_enableTriggerStatements.isEmpty()
        || std::any_of(m_createStatements.cbegin(), m_createStatements.cend(), [](const QString &sql) {
               return sql.startsWith(QStringLiteral("CREATE TRIGGER"), Qt::CaseInsensitive)
                   && sql.contains(QStringLiteral("_rollup"));
           });
    if (rollups)
        if (Status s = Rollups::rebuild(m_db); !s)
            return s;
    for (const QString &create : std::as_const(m_createStatements))
        if (Status s = exec(create, doing); !s)
            return s;
    for (const QString &enable : std::as_const(m_enableTriggerStatements))
        if (Status s = exec(enable, doing); !s)
            return s;
    // FTS5 flushes its in-memory index to a new segment whenever it holds `hashsize` bytes (1 MB by default), and
    // merges those segments as it goes: for a rebuild of 100,000 contacts that is ~40 segments and their merges.
    // With 16 MB it writes a few large ones: bench_import's rebuild 0.65 -> 0.39 s CPU (sqlite3 3.40). The
    // option is stored in the table's _config, so it is put back to what it was (the default when unset).
    for (const QString &fts : std::as_const(m_ftsTables)) {
        QString hashSize = QStringLiteral("1048576"); // FTS5_DEFAULT_HASHSIZE
        {
            QSqlQuery q(m_db.connection());
            if (q.exec(QStringLiteral("SELECT v FROM %1_config WHERE k = 'hashsize'").arg(fts)) && q.next())
                hashSize = QString::number(q.value(0).toLongLong());
        }
        const QString setHashSize = QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('hashsize', %2)").arg(fts);
        if (Status s = exec(setHashSize.arg(kRebuildHashSize), doing); !s)
            return s;
        if (Status s = exec(QStringLiteral("INSERT INTO %1 (%1) VALUES ('rebuild')").arg(fts), doing); !s)
            return s;
        if (Status s = exec(setHashSize.arg(hashSize), doing); !s)
            return s;
    }
    // After the indexes, so that each foreign key is checked in one pass with them in place.
    for (const QString &add : std::as_const(m_addConstraintStatements))
        if (Status s = exec(add, doing); !s)
            return s;
    // PostgreSQL plans by its statistics, which a million new rows leave empty until autovacuum comes by (the
    // dashboard's first minutes on a fresh demo: a seq scan of every contact): gathered now, for the loaded
    // tables and the rollups.
    if (m_db.isPostgres() && !m_analyzeTables.isEmpty()) {
        QStringList tables = m_analyzeTables;
        if (rollups)
            tables << Rollups::tables();
        if (Status s = exec(QStringLiteral("ANALYZE ") + tables.join(QStringLiteral(", ")), doing); !s)
            return s;
    }
    m_createStatements.clear();
    m_addConstraintStatements.clear();
    m_ftsTables.clear();
    m_enableTriggerStatements.clear();
    m_analyzeTables.clear();
    m_outletSortWritten = false;
    return {};
}
