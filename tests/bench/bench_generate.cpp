// Generates the large demo dataset into a fresh SQLite file (and, with --pg URL, into a fresh PostgreSQL
// database on that server), then inserts the same contacts and interactions rows through the raw sqlite3
// C API in one transaction into another fresh file, for the ratio. Prints plain lines and one JSON line.
//
//   bench_generate [--size small|large] [--seed N] [--pg postgresql://user@host:port/db] [--no-raw]
#include "demo/demogenerator.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>

#include <sqlite3.h>

#include <cstdio>

namespace {

const QStringList kTables { QStringLiteral("users"), QStringLiteral("organizations"), QStringLiteral("contacts"),
    QStringLiteral("contact_emails"), QStringLiteral("contact_phones"), QStringLiteral("handles"),
    QStringLiteral("tags"), QStringLiteral("contact_tags"), QStringLiteral("campaigns"),
    QStringLiteral("content_items"), QStringLiteral("media_lists"), QStringLiteral("media_list_members"),
    QStringLiteral("pitches"), QStringLiteral("coverage"), QStringLiteral("interactions"),
    QStringLiteral("follow_ups") };

void out(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

qint64 countRows(Database &db)
{
    qint64 total = 0;
    QSqlQuery q(db.connection());
    for (const QString &t : kTables)
        if (q.exec(QStringLiteral("SELECT count(*) FROM ") + t) && q.next())
            total += q.value(0).toLongLong();
    return total;
}

struct Run
{
    double seconds = 0;
    qint64 rows = 0;
    bool ok = false;
};

Run generate(Database &db, DemoGenerator::Size size, quint32 seed)
{
    DemoGenerator::Options options;
    options.size = size;
    options.seed = seed;
    options.anchor = QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc());
    int lastTenth = -1;
    QString lastPhase;
    QElapsedTimer t;
    options.progress = [&](double f, const QString &what) {
        if (int(f * 10) != lastTenth || what != lastPhase) {
            lastTenth = int(f * 10);
            lastPhase = what;
            out(QStringLiteral("  %1 s  %2%  %3")
                    .arg(double(t.elapsed()) / 1000, 6, 'f', 1)
                    .arg(lastTenth * 10)
                    .arg(what));
        }
        return true;
    };
    t.start();
    Result<DemoStats> stats = DemoGenerator::generate(db, options);
    Run run;
    run.seconds = double(t.nsecsElapsed()) / 1e9;
    if (!stats) {
        out(QStringLiteral("FAILED: ") + stats.error().message);
        return run;
    }
    run.ok = true;
    run.rows = countRows(db);
    return run;
}

// Copies contacts and interactions from `source` into `target` (same schema) with prepared statements in one
// transaction; returns the seconds spent, minus the time a read-only pass over the source takes.
double rawCopy(const QString &source, const QString &target, qint64 *rows)
{
    sqlite3 *src = nullptr, *dst = nullptr;
    sqlite3_open_v2(qPrintable(source), &src, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_open(qPrintable(target), &dst);
    for (const char *pragma : { "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON",
             "PRAGMA cache_size = -262144" })
        sqlite3_exec(dst, pragma, nullptr, nullptr, nullptr);
    // The parents the foreign keys of contacts and interactions point at go in first, untimed.
    const char *tables[] = { "users", "organizations", "campaigns", "contacts", "interactions" };
    const int firstTimed = 3;
    double readSeconds = 0, untimedSeconds = 0;
    QElapsedTimer total;
    total.start();
    sqlite3_exec(dst, "BEGIN", nullptr, nullptr, nullptr);
    *rows = 0;
    for (int t = 0; t < int(std::size(tables)); ++t) {
        const char *table = tables[t];
        QElapsedTimer tableTimer;
        tableTimer.start();
        sqlite3_stmt *sel = nullptr, *ins = nullptr;
        const QByteArray select = QByteArray("SELECT * FROM ") + table + " ORDER BY id";
        sqlite3_prepare_v2(src, select.constData(), -1, &sel, nullptr);
        const int cols = sqlite3_column_count(sel);
        QByteArray insert = QByteArray("INSERT INTO ") + table + " VALUES (";
        for (int c = 0; c < cols; ++c)
            insert += c ? ", ?" : "?";
        insert += ")";
        if (sqlite3_prepare_v2(dst, insert.constData(), -1, &ins, nullptr) != SQLITE_OK)
            out(QStringLiteral("raw prepare failed: ") + QString::fromUtf8(sqlite3_errmsg(dst)));
        while (sqlite3_step(sel) == SQLITE_ROW) {
            for (int c = 0; c < cols; ++c)
                sqlite3_bind_value(ins, c + 1, sqlite3_column_value(sel, c));
            if (sqlite3_step(ins) != SQLITE_DONE)
                out(QStringLiteral("raw insert failed: ") + QString::fromUtf8(sqlite3_errmsg(dst)));
            sqlite3_reset(ins);
            if (t >= firstTimed)
                ++*rows;
        }
        sqlite3_finalize(ins);
        sqlite3_finalize(sel);
        if (t < firstTimed) {
            untimedSeconds += double(tableTimer.nsecsElapsed()) / 1e9;
            continue;
        }

        QElapsedTimer read;
        read.start();
        sqlite3_prepare_v2(src, select.constData(), -1, &sel, nullptr);
        qint64 sink = 0;
        while (sqlite3_step(sel) == SQLITE_ROW)
            for (int c = 0; c < cols; ++c)
                sink += sqlite3_column_bytes(sel, c);
        sqlite3_finalize(sel);
        readSeconds += double(read.nsecsElapsed()) / 1e9;
        Q_UNUSED(sink);
    }
    sqlite3_exec(dst, "COMMIT", nullptr, nullptr, nullptr);
    const double seconds = double(total.nsecsElapsed()) / 1e9 - readSeconds - untimedSeconds;
    sqlite3_close(dst);
    sqlite3_close(src);
    return seconds;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        { QStringLiteral("size"), QStringLiteral("small or large"), QStringLiteral("size"), QStringLiteral("large") });
    parser.addOption(
        { QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("n"), QStringLiteral("20261122") });
    parser.addOption(
        { QStringLiteral("pg"), QStringLiteral("also run on this PostgreSQL server"), QStringLiteral("url") });
    parser.addOption({ QStringLiteral("no-raw"), QStringLiteral("skip the raw sqlite3 comparison") });
    parser.process(app);
    Result<DemoGenerator::Size> size = DemoGenerator::parseSize(parser.value(QStringLiteral("size")));
    if (!size) {
        out(size.error().message);
        return 2;
    }
    const quint32 seed = parser.value(QStringLiteral("seed")).toUInt();
    QTemporaryDir dir;
    QJsonObject json { { QStringLiteral("bench"), QStringLiteral("generate") },
        { QStringLiteral("size"), parser.value(QStringLiteral("size")) } };

    const QString sqlitePath = dir.filePath(QStringLiteral("demo.sqlite"));
    Run sqlite;
    {
        Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(sqlitePath));
        if (!db) {
            out(db.error().message);
            return 1;
        }
        out(QStringLiteral("SQLite: generating..."));
        sqlite = generate(**db, *size, seed);
        if (!sqlite.ok)
            return 1;
    }
    out(QStringLiteral("SQLite generate: %1 s, %2 rows, %3 rows/s")
            .arg(sqlite.seconds, 0, 'f', 2)
            .arg(sqlite.rows)
            .arg(qint64(double(sqlite.rows) / sqlite.seconds)));
    json.insert(QStringLiteral("sqlite_seconds"), sqlite.seconds);
    json.insert(QStringLiteral("sqlite_rows"), sqlite.rows);
    json.insert(QStringLiteral("sqlite_rows_per_s"), double(sqlite.rows) / sqlite.seconds);

    if (!parser.isSet(QStringLiteral("no-raw"))) {
        const QString rawPath = dir.filePath(QStringLiteral("raw.sqlite"));
        {
            Result<std::unique_ptr<Database>> schema = Database::open(DatabaseLocation::sqlite(rawPath));
            if (!schema) {
                out(schema.error().message);
                return 1;
            }
        }
        qint64 rawRows = 0;
        const double rawSeconds = rawCopy(sqlitePath, rawPath, &rawRows);
        const double rawRate = double(rawRows) / rawSeconds;
        out(QStringLiteral("raw sqlite3 (contacts + interactions, same rows, same schema and triggers): %1 s, "
                           "%2 rows, %3 rows/s; generator/raw rows/s ratio %4")
                .arg(rawSeconds, 0, 'f', 2)
                .arg(rawRows)
                .arg(qint64(rawRate))
                .arg(double(sqlite.rows) / sqlite.seconds / rawRate, 0, 'f', 2));
        json.insert(QStringLiteral("raw_seconds"), rawSeconds);
        json.insert(QStringLiteral("raw_rows"), rawRows);
        json.insert(QStringLiteral("raw_rows_per_s"), rawRate);
        json.insert(QStringLiteral("ratio_rows_per_s"), double(sqlite.rows) / sqlite.seconds / rawRate);
    }

    if (parser.isSet(QStringLiteral("pg"))) {
        Result<DatabaseLocation> admin = DatabaseLocation::parse(parser.value(QStringLiteral("pg")));
        if (!admin) {
            out(admin.error().message);
            return 1;
        }
        DatabaseLocation loc = *admin;
        loc.databaseName = QStringLiteral("rapport_bench_generate");
        {
            Result<std::unique_ptr<Database>> server = Database::open(*admin, Database::OpenFlag::NoMigrate);
            if (!server) {
                out(server.error().message);
                return 1;
            }
            QSqlQuery q((*server)->connection());
            q.exec(QStringLiteral("DROP DATABASE IF EXISTS rapport_bench_generate"));
            if (!q.exec(QStringLiteral("CREATE DATABASE rapport_bench_generate"))) {
                out(QStringLiteral("cannot create the bench database on the server"));
                return 1;
            }
        }
        Result<std::unique_ptr<Database>> db = Database::open(loc);
        if (!db) {
            out(db.error().message);
            return 1;
        }
        out(QStringLiteral("PostgreSQL: generating..."));
        const Run pg = generate(**db, *size, seed);
        if (!pg.ok)
            return 1;
        out(QStringLiteral("PostgreSQL generate: %1 s, %2 rows, %3 rows/s")
                .arg(pg.seconds, 0, 'f', 2)
                .arg(pg.rows)
                .arg(qint64(double(pg.rows) / pg.seconds)));
        json.insert(QStringLiteral("pg_seconds"), pg.seconds);
        json.insert(QStringLiteral("pg_rows"), pg.rows);
        json.insert(QStringLiteral("pg_rows_per_s"), double(pg.rows) / pg.seconds);
    }
    out(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
    return 0;
}
