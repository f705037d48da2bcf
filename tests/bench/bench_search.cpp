// Search as you type on a large database: 200 random 2–4 letter prefixes of real names, each answered by
// SearchRepository (what the app and `rapport search` run), compared with the same SQL through the raw
// sqlite3 C API, and with a naive ranked FTS5 query.
//
//   bench_search --db large.sqlite [--pg postgresql://…] [--runs 200] [--slowest N] [--pg-only]
//
// --slowest N: the N slowest PostgreSQL searches of each kind, with their prefix (to look at with EXPLAIN).
// --pg-only: skip the SQLite figures (the prefixes still come from the SQLite file).
#include "benchprefixes.h"
#include "benchutil.h"
#include "storage/database.h"
#include "storage/searchrepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <numeric>

#include <sqlite3.h>

namespace {

template<typename F>
QList<double> measure(const QStringList &prefixes, F &&f)
{
    QList<double> samples;
    for (const QString &p : prefixes) {
        QElapsedTimer t;
        t.start();
        f(p);
        samples << t.nsecsElapsed() / 1e6;
    }
    return samples;
}

// The statements SearchRepository runs on SQLite, through the C API.
struct RawSqlite
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *count = nullptr, *ranked = nullptr, *byName = nullptr, *naive = nullptr;

    explicit RawSqlite(const QString &path)
    {
        sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
        const char *select = "SELECT c.id, c.display_name, c.title, o.name FROM ";
        prepare(&count, "SELECT count(*) FROM (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH ?1 LIMIT 2001)");
        prepare(&ranked, QByteArray(select) + "contacts_fts f JOIN contacts c ON c.id = f.rowid LEFT JOIN organizations o "
                         "ON o.id = c.organization_id WHERE contacts_fts MATCH ?1 AND c.deleted_at IS NULL ORDER BY "
                         "bm25(contacts_fts, 10.0, 3.0, 5.0, 1.0), c.display_name, c.id LIMIT 50");
        prepare(&byName, QByteArray(select) + "contacts c LEFT JOIN organizations o ON o.id = c.organization_id WHERE "
                         "c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1) AND c.deleted_at IS NULL "
                         "ORDER BY c.display_name, c.id LIMIT 50");
        prepare(&naive, "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1 ORDER BY rank LIMIT 50");
    }
    ~RawSqlite()
    {
        for (sqlite3_stmt *s : {count, ranked, byName, naive})
            sqlite3_finalize(s);
        sqlite3_close(db);
    }
    void prepare(sqlite3_stmt **s, const QByteArray &sql) { sqlite3_prepare_v2(db, sql.constData(), -1, s, nullptr); }
    static int run(sqlite3_stmt *s, const QByteArray &arg)
    {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, arg.constData(), int(arg.size()), SQLITE_TRANSIENT);
        int rows = 0;
        while (sqlite3_step(s) == SQLITE_ROW)
            rows += 1 + 0 * sqlite3_column_int(s, 0);
        return rows;
    }
    int sameAsRapport(const QString &prefix)
    {
        const QByteArray term = "\"" + prefix.toUtf8() + "\"*";
        sqlite3_reset(count);
        sqlite3_bind_text(count, 1, term.constData(), int(term.size()), SQLITE_TRANSIENT);
        sqlite3_step(count);
        const bool rank = sqlite3_column_int(count, 0) <= 2000;
        return rank ? run(ranked, term) : run(byName, "display_name : (" + term + ")");
    }
    int naiveRanked(const QString &prefix) { return run(naive, "\"" + prefix.toUtf8() + "\"*"); }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    const QString dbPath = args.value(args.indexOf(QStringLiteral("--db")) + 1);
    const QString pgUrl = args.contains(QStringLiteral("--pg")) ? args.value(args.indexOf(QStringLiteral("--pg")) + 1) : QString();
    const int runs = args.contains(QStringLiteral("--runs")) ? args.value(args.indexOf(QStringLiteral("--runs")) + 1).toInt() : 200;
    const int slowest = args.contains(QStringLiteral("--slowest")) ? args.value(args.indexOf(QStringLiteral("--slowest")) + 1).toInt() : 0;
    const bool pgOnly = args.contains(QStringLiteral("--pg-only"));
    if (dbPath.isEmpty() || !args.contains(QStringLiteral("--db"))) {
        QTextStream(stderr) << "usage: bench_search --db large.sqlite [--pg URL] [--runs N] [--slowest N] [--pg-only]\n";
        return 2;
    }

    auto db = Database::open(DatabaseLocation::sqlite(dbPath), Database::OpenFlag::None);
    if (!db) {
        QTextStream(stderr) << db.error().message << '\n';
        return 1;
    }
    const QStringList prefixes = Bench::randomPrefixes(**db, runs);
    out << "prefixes: " << prefixes.size() << " (e.g. " << prefixes.mid(0, 8).join(QStringLiteral(", ")) << ")\n";
    if (!pgOnly) {
        SearchRepository search(**db);
        RawSqlite raw(dbPath);
        // Warm the page cache once, as a user's second keystroke would find it.
        for (const QString &p : prefixes.mid(0, 20)) {
            (void)search.searchContacts(p, 50);
            raw.sameAsRapport(p);
        }
        const Bench::Summary rapport = Bench::summarize(measure(prefixes, [&](const QString &p) { (void)search.searchContacts(p, 50); }));
        const Bench::Summary same = Bench::summarize(measure(prefixes, [&](const QString &p) { raw.sameAsRapport(p); }));
        const Bench::Summary naive = Bench::summarize(measure(prefixes, [&](const QString &p) { raw.naiveRanked(p); }));
        const Bench::Summary interactions =
            Bench::summarize(measure(prefixes, [&](const QString &p) { (void)search.searchInteractions(p, 50); }));
        Bench::print(out, QStringLiteral("SQLite contacts, Rapport (Qt SQL)"), rapport);
        Bench::print(out, QStringLiteral("SQLite contacts, same SQL via sqlite3 C API"), same);
        Bench::print(out, QStringLiteral("SQLite contacts, naive ranked FTS5 (C API)"), naive);
        Bench::print(out, QStringLiteral("SQLite interactions, Rapport"), interactions);
        out << QStringLiteral("ratio p95 Rapport / raw same SQL: %1\n").arg(rapport.p95 / qMax(same.p95, 0.001), 0, 'f', 2);
    }

    if (!pgUrl.isEmpty()) {
        auto loc = DatabaseLocation::parse(pgUrl);
        auto pg = loc ? Database::open(*loc, Database::OpenFlag::None) : Result<std::unique_ptr<Database>>(loc.error());
        if (!pg) {
            QTextStream(stderr) << pg.error().message << '\n';
            return 1;
        }
        SearchRepository pgSearch(**pg);
        for (const QString &p : prefixes.mid(0, 20))
            (void)pgSearch.searchContacts(p, 50);
        const QList<double> contacts = measure(prefixes, [&](const QString &p) { (void)pgSearch.searchContacts(p, 50); });
        const QList<double> interactions = measure(prefixes, [&](const QString &p) { (void)pgSearch.searchInteractions(p, 50); });
        Bench::print(out, QStringLiteral("PostgreSQL contacts, Rapport"), Bench::summarize(contacts));
        Bench::print(out, QStringLiteral("PostgreSQL interactions, Rapport"), Bench::summarize(interactions));
        const auto printSlowest = [&](const QString &what, const QList<double> &samples) {
            QList<qsizetype> order(samples.size());
            std::iota(order.begin(), order.end(), 0);
            std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return samples.at(a) > samples.at(b); });
            out << what << " slowest:";
            for (qsizetype i = 0; i < qMin<qsizetype>(slowest, order.size()); ++i)
                out << ' ' << prefixes.at(order.at(i)) << QStringLiteral(" %1 (#%2)").arg(samples.at(order.at(i)), 0, 'f', 1).arg(order.at(i));
            out << Qt::endl;
        };
        if (slowest > 0) {
            printSlowest(QStringLiteral("PostgreSQL contacts"), contacts);
            printSlowest(QStringLiteral("PostgreSQL interactions"), interactions);
        }
    }
    return 0;
}
