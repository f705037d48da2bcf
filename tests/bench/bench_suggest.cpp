// Who to pitch on a large database (issue 11, docs/PITCHING.md): PitchSuggestions::find() for many campaigns,
// against the same statements through the raw sqlite3 C API in the same run, and on a worker thread
// (WorkerConnection, as WhoToPitchTab runs it) while the calling thread's event loop is watched for stalls.
//
// The demo campaigns have no topics, so the benchmark gives each measured campaign two (its product and the
// beat of its brief, e.g. "smart thermostat", "retail") or, with --topics 4, two more ("consumer tech",
// "smart homes"). It writes them and puts the old values back at the end: run it on a COPY.
//
//   cp /tmp/large.sqlite /tmp/suggest-large.sqlite
//   bench_suggest --db /tmp/suggest-large.sqlite [--runs 30] [--topics 2|4] [--pg URL [--pg-only]]
//
// With BENCH_MMAP=1 in the environment, Rapport's connection gets PRAGMA mmap_size = 1 GiB first (what
// Database::open could set for every reader; see docs/PERFORMANCE.md, "Who to pitch").
#include "benchutil.h"
#include "demo/democorpus.h"
#include "domain/pitchscore.h"
#include "domain/topics.h"
#include "storage/database.h"
#include "storage/pitchsuggestions.h"
#include "storage/workerconnection.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTimeZone>
#include <QTimer>

#include <sqlite3.h>

#include <unordered_map>

#include <time.h>

namespace {

constexpr qint64 kDayMs = 86400000;

struct Target
{
    qint64 id = 0;
    QString oldTopics;
    bool hadTopics = false;
    QStringList topics;
};

// Campaigns spread over the table, each with topics from its own brief.
QList<Target> pickCampaigns(Database &db, int count, int extraTopics)
{
    QList<Target> out;
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT id, description, topics FROM campaigns WHERE deleted_at IS NULL ORDER BY id"));
    QList<Target> all;
    static const QRegularExpression beat(QStringLiteral("tier-one (.+) coverage"));
    while (q.next()) {
        Target t;
        t.id = q.value(0).toLongLong();
        const QString description = q.value(1).toString();
        t.hadTopics = !q.value(2).isNull();
        t.oldTopics = q.value(2).toString();
        for (const QString &product : DemoCorpus::products())
            if (description.contains(product)) {
                t.topics << product;
                break;
            }
        if (const auto m = beat.match(description); m.hasMatch())
            t.topics << m.captured(1);
        if (extraTopics > 0)
            t.topics << QStringLiteral("consumer tech") << QStringLiteral("smart homes");
        if (!t.topics.isEmpty())
            all << t;
    }
    const int step = qMax(1, int(all.size()) / qMax(1, count));
    for (int i = 0; i < all.size() && out.size() < count; i += step)
        out << all.at(i);
    return out;
}

bool writeTopics(Database &db, const QList<Target> &targets, bool restore)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE campaigns SET topics = :topics WHERE id = :id"));
    for (const Target &t : targets) {
        q.bindValue(QStringLiteral(":topics"),
            restore ? (t.hadTopics ? QVariant(t.oldTopics) : QVariant(QMetaType::fromType<QString>()))
                    : QVariant(t.topics.join(u'\n')));
        q.bindValue(QStringLiteral(":id"), t.id);
        if (!q.exec())
            return false;
    }
    return true;
}

// The statements PitchSuggestions runs on SQLite, through the C API, with the plainest aggregation in C++ (standard
// containers, the same PitchScore and the same pruning, no sentences): what the work costs without Qt SQL and
// Rapport's own layers.
class RawSqlite
{
public:
    explicit RawSqlite(const QString &path)
    {
        sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr);
        // The page cache Database::open gives Rapport's connections.
        sqlite3_exec(m_db, "PRAGMA cache_size = -32000", nullptr, nullptr, nullptr);
    }
    ~RawSqlite() { sqlite3_close(m_db); }
    Q_DISABLE_COPY_MOVE(RawSqlite)

    // Returns the number of candidates ranked.
    int suggest(qint64 campaignId, qint64 nowMs, int limit)
    {
        struct Row
        {
            int beats = 0, tags = 0, posts = 0, coverage = 0, sent = 0, answered = 0, covered = 0, recent = 0;
            qint64 latestPost = 0, declined = 0;
            int health = -1;
            bool eligible = false;
        };
        std::unordered_map<qint64, Row> rows;
        QByteArray topics;
        qint64 client = 0;
        step("SELECT topics, client_id FROM campaigns WHERE id = ?1 AND deleted_at IS NULL", { campaignId }, {},
            [&](sqlite3_stmt *s) {
                topics = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
                client = sqlite3_column_int64(s, 1);
            });
        const QStringList list = Topics::parse(QString::fromUtf8(topics));
        // Tags are matched in C++ as Rapport does (a few dozen names).
        QByteArray tagIds = "[";
        std::unordered_map<qint64, bool> isBeat;
        step("SELECT id, name, kind FROM tags", {}, {}, [&](sqlite3_stmt *s) {
            const QString name = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 1)));
            for (const QString &t : list)
                if (Topics::matches(name, t)) {
                    tagIds += (tagIds.size() > 1 ? "," : "") + QByteArray::number(sqlite3_column_int64(s, 0));
                    isBeat[sqlite3_column_int64(s, 0)]
                        = std::string_view(reinterpret_cast<const char *>(sqlite3_column_text(s, 2))) == "beat";
                    break;
                }
        });
        tagIds += ']';
        step("SELECT contact_id, tag_id FROM contact_tags WHERE tag_id IN (SELECT value FROM json_each(?1))", {},
            { tagIds }, [&](sqlite3_stmt *s) {
                Row &r = rows[sqlite3_column_int64(s, 0)];
                (isBeat[sqlite3_column_int64(s, 1)] ? r.beats : r.tags)++;
            });
        QStringList any;
        for (const QString &t : list) {
            QStringList phrase;
            for (const Topics::Term &term : Topics::terms(t))
                phrase << u'"' + term.word + (term.prefix ? QStringLiteral("\"*") : QStringLiteral("\""));
            any << u'(' + phrase.join(QStringLiteral(" + ")) + u')';
        }
        qint64 firstId = 0;
        step("SELECT min(id + 0) FROM interactions WHERE occurred_at >= ?1", { nowMs - 90 * kDayMs }, {},
            [&](sqlite3_stmt *s) { firstId = sqlite3_column_int64(s, 0); });
        step("SELECT i.id, i.contact_id, i.occurred_at FROM interactions_fts f CROSS JOIN interactions i ON i.id = "
             "f.rowid WHERE interactions_fts MATCH ?3 AND f.rowid >= ?2 AND i.direction = 'inbound' AND i.contact_id "
             "IS NOT NULL AND i.deleted_at IS NULL AND i.occurred_at >= ?1 AND (i.channel = 'post' OR (i.source <> "
             "'manual' AND i.channel <> 'direct_message'))",
            { nowMs - 90 * kDayMs, firstId }, { any.join(QStringLiteral(" OR ")).toUtf8() }, [&](sqlite3_stmt *s) {
                Row &r = rows[sqlite3_column_int64(s, 1)];
                ++r.posts;
                r.latestPost = std::max(r.latestPost, sqlite3_column_int64(s, 2));
            });
        step("SELECT cv.contact_id, count(*) FROM coverage cv JOIN campaigns c ON c.id = cv.campaign_id WHERE "
             "c.client_id = ?1 AND cv.deleted_at IS NULL AND cv.contact_id IS NOT NULL GROUP BY cv.contact_id",
            { client }, {},
            [&](sqlite3_stmt *s) { rows[sqlite3_column_int64(s, 0)].coverage = sqlite3_column_int(s, 1); });
        QByteArray ids = "[";
        for (const auto &[id, r] : rows)
            ids += (ids.size() > 1 ? "," : "") + QByteArray::number(id);
        ids += ']';
        step("SELECT c.id, c.sort_name, c.reach, c.health_score, CASE WHEN c.preferred_channel IS NULL OR "
             "c.preferred_channel = '' THEN 0 ELSE 1 END FROM contacts c WHERE c.id IN (SELECT value FROM "
             "json_each(?2)) AND c.deleted_at IS NULL AND c.do_not_contact = 0 AND c.kind NOT IN ('client_contact', "
             "'customer') AND NOT EXISTS (SELECT 1 FROM pitches p WHERE p.campaign_id = ?1 AND p.contact_id = c.id AND "
             "p.deleted_at IS NULL)",
            { campaignId }, { ids }, [&](sqlite3_stmt *s) {
                Row &r = rows[sqlite3_column_int64(s, 0)];
                r.eligible = true;
                r.health = sqlite3_column_int(s, 3);
            });
        QByteArray eligible = "[";
        for (const auto &[id, r] : rows)
            if (r.eligible)
                eligible += (eligible.size() > 1 ? "," : "") + QByteArray::number(id);
        eligible += ']';
        step("SELECT p.contact_id, count(p.pitched_at), sum(CASE WHEN p.pitched_at >= ?1 THEN 1 ELSE 0 END), "
             "max(p.pitched_at) FROM pitches p WHERE p.contact_id IN (SELECT value FROM json_each(?2)) "
             "GROUP BY p.contact_id",
            { nowMs - 14 * kDayMs }, { eligible }, [&](sqlite3_stmt *s) {
                Row &r = rows[sqlite3_column_int64(s, 0)];
                r.sent = sqlite3_column_int(s, 1);
                r.recent = sqlite3_column_int(s, 2);
            });
        step("SELECT p.contact_id, max(coalesce(p.replied_at, p.pitched_at, p.updated_at)) FROM campaigns c JOIN "
             "pitches p ON p.campaign_id = c.id AND p.status = 'declined' WHERE c.client_id = ?1 AND p.deleted_at IS "
             "NULL GROUP BY p.contact_id",
            { client }, {},
            [&](sqlite3_stmt *s) { rows[sqlite3_column_int64(s, 0)].declined = sqlite3_column_int64(s, 1); });
        // The same ranking with the same pruning as PitchSuggestions (PitchScore is plain C++).
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc());
        auto signalsOf = [&](const Row &r) {
            PitchSignals in;
            if (r.beats)
                in.beats << QString();
            if (r.tags)
                in.tags << QString();
            in.matchingPosts = r.posts;
            in.latestMatchingPost
                = r.latestPost ? QDateTime::fromMSecsSinceEpoch(r.latestPost, QTimeZone::utc()) : QDateTime();
            in.clientCoverage = r.coverage;
            in.healthScore = r.health;
            in.pitchesSent = r.sent;
            in.pitchesAnswered = r.answered;
            in.pitchesCovered = r.covered;
            in.recentPitches = r.recent;
            return in;
        };
        std::vector<int> scores;
        std::vector<std::pair<int, qint64>> ranked, pending;
        for (const auto &[id, r] : rows) {
            if (!r.eligible)
                continue;
            PitchSignals in = signalsOf(r);
            if (r.sent == 0) {
                ranked.emplace_back(PitchScore::compute(in, now, false).score, id);
                continue;
            }
            in.pitchesAnswered = in.pitchesCovered = in.pitchesSent;
            pending.emplace_back(PitchScore::compute(in, now, false).score, id);
        }
        std::sort(pending.begin(), pending.end(), std::greater<>());
        const std::size_t batch = std::size_t(qBound(8, 4 * limit, 500));
        for (std::size_t next = 0; next < pending.size(); next += batch) {
            if (ranked.size() >= std::size_t(limit)) {
                scores.clear();
                for (const auto &[score, id] : ranked)
                    scores.push_back(score);
                std::nth_element(scores.begin(), scores.begin() + (limit - 1), scores.end(), std::greater<>());
                if (scores[std::size_t(limit - 1)] > pending[next].first)
                    break;
            }
            QByteArray some = "[";
            for (std::size_t i = next; i < std::min(pending.size(), next + batch); ++i)
                some += (some.size() > 1 ? "," : "") + QByteArray::number(pending[i].second);
            some += ']';
            step("SELECT p.contact_id, sum(CASE WHEN p.replied_at IS NOT NULL OR p.status IN ('replied', "
                 "'interested', 'declined', 'covered') THEN 1 ELSE 0 END), sum(CASE WHEN p.status = 'covered' THEN 1 "
                 "ELSE 0 END) FROM pitches p WHERE p.pitched_at IS NOT NULL AND p.contact_id IN (SELECT value FROM "
                 "json_each(?1)) GROUP BY p.contact_id",
                {}, { some }, [&](sqlite3_stmt *s) {
                    Row &r = rows[sqlite3_column_int64(s, 0)];
                    r.answered = sqlite3_column_int(s, 1);
                    r.covered = sqlite3_column_int(s, 2);
                });
            for (std::size_t i = next; i < std::min(pending.size(), next + batch); ++i)
                ranked.emplace_back(
                    PitchScore::compute(signalsOf(rows[pending[i].second]), now, false).score, pending[i].second);
        }
        std::sort(ranked.begin(), ranked.end(), std::greater<>());
        if (int(ranked.size()) > limit)
            ranked.resize(std::size_t(limit));
        QByteArray shown = "[";
        for (const auto &[score, id] : ranked)
            shown += (shown.size() > 1 ? "," : "") + QByteArray::number(id);
        shown += ']';
        int names = 0;
        step("SELECT c.id, c.display_name, c.title, o.name FROM contacts c LEFT JOIN organizations o ON o.id = "
             "c.organization_id AND o.deleted_at IS NULL WHERE c.id IN (SELECT value FROM json_each(?1))",
            {}, { shown }, [&](sqlite3_stmt *) { ++names; });
        return names;
    }

private:
    // Binds the integers as ?1.. and then the texts, runs the statement and calls `row` for each row.
    template <typename F>
    void step(const char *sql, std::initializer_list<qint64> ints, std::initializer_list<QByteArray> texts, F &&row)
    {
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr);
        int i = 1;
        for (qint64 v : ints)
            sqlite3_bind_int64(s, i++, v);
        for (const QByteArray &t : texts)
            sqlite3_bind_text(s, i++, t.constData(), int(t.size()), SQLITE_TRANSIENT);
        while (sqlite3_step(s) == SQLITE_ROW)
            row(s);
        sqlite3_finalize(s);
    }

    sqlite3 *m_db = nullptr;
};

// Runs `jobs` suggestions one after the other on a worker thread each while this thread's event loop ticks every
// millisecond; returns the delivery latencies and the longest gap between two ticks.
struct Stalls
{
    QList<double> latencies;
    double longestGap = 0; // wall time between two ticks: includes the scheduler's turns for other processes
    double longestBusy = 0; // this thread's CPU time between two ticks: the work it did instead of ticking
};

Stalls onWorker(Database &db, const QList<Target> &targets, int runs)
{
    Stalls stalls;
    QList<double> &latencies = stalls.latencies;
    QElapsedTimer sinceTick;
    sinceTick.start();
    double cpuAtTick = Bench::threadCpuMs();
    QTimer ticker;
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
        stalls.longestGap = std::max(stalls.longestGap, sinceTick.nsecsElapsed() / 1e6);
        const double cpu = Bench::threadCpuMs();
        stalls.longestBusy = std::max(stalls.longestBusy, cpu - cpuAtTick);
        cpuAtTick = cpu;
        sinceTick.restart();
    });
    ticker.start();
    WorkerConnection job;
    int next = 0;
    QElapsedTimer started;
    std::function<void()> launch = [&] {
        if (next >= runs) {
            QCoreApplication::quit();
            return;
        }
        const qint64 id = targets.at(next++ % targets.size()).id;
        started.start();
        job = WorkerConnection::start<PitchSuggestionList>(
            db.location(), &ticker,
            [id](Database &worker, const WorkerConnection::Job &) {
                return PitchSuggestions::find(
                    worker, id, PitchSuggestions::kDefaultLimit, QDateTime::currentDateTimeUtc());
            },
            [&](Result<PitchSuggestionList> r) {
                latencies << started.nsecsElapsed() / 1e6;
                if (!r)
                    qWarning() << r.error().message;
                QTimer::singleShot(5, &ticker, launch);
            });
    };
    QTimer::singleShot(50, &ticker, launch);
    sinceTick.restart();
    cpuAtTick = Bench::threadCpuMs();
    QCoreApplication::exec();
    return stalls;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    auto option = [&](const QString &name, const QString &fallback) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 ? args.value(i + 1) : fallback;
    };
    const QString dbPath = option(QStringLiteral("--db"), QString());
    const QString pgUrl = option(QStringLiteral("--pg"), QString());
    const int runs = option(QStringLiteral("--runs"), QStringLiteral("30")).toInt();
    const int topicCount = option(QStringLiteral("--topics"), QStringLiteral("2")).toInt();
    if (dbPath.isEmpty()) {
        QTextStream(stderr) << "usage: bench_suggest --db COPY.sqlite [--runs N] [--topics 2|4] [--pg URL [--pg-only]]\n";
        return 2;
    }
    auto db = Database::open(DatabaseLocation::sqlite(dbPath), Database::OpenFlag::None);
    if (!db) {
        QTextStream(stderr) << db.error().message << '\n';
        return 1;
    }
    if (qEnvironmentVariableIsSet("BENCH_MMAP"))
        QSqlQuery((*db)->connection()).exec(QStringLiteral("PRAGMA mmap_size = 1073741824"));
    const QList<Target> targets = pickCampaigns(**db, runs, topicCount > 2 ? 2 : 0);
    if (targets.isEmpty() || !writeTopics(**db, targets, false)) {
        QTextStream(stderr) << "no campaigns to measure, or the topics could not be written\n";
        return 1;
    }
    out << "campaigns: " << targets.size() << " (e.g. #" << targets.first().id << ": "
        << targets.first().topics.join(QStringLiteral(", ")) << ")" << Qt::endl;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    // --pg-only: while working on the PostgreSQL statements (the documented figures come from a full run).
    if (!args.contains(QStringLiteral("--pg-only"))) {
        RawSqlite raw(dbPath);
        // Warm the page cache as a second look at the tab would find it.
        for (const Target &t : targets.mid(0, 3)) {
            (void)PitchSuggestions::find(**db, t.id, PitchSuggestions::kDefaultLimit, now);
            raw.suggest(t.id, now.toMSecsSinceEpoch(), PitchSuggestions::kDefaultLimit);
        }
        QList<double> wall, cpu, rawWall;
        qint64 candidates = 0;
        for (const Target &t : targets) {
            QElapsedTimer timer;
            timer.start();
            const double cpu0 = Bench::threadCpuMs();
            Result<PitchSuggestionList> list = PitchSuggestions::find(**db, t.id, PitchSuggestions::kDefaultLimit, now);
            cpu << Bench::threadCpuMs() - cpu0;
            wall << timer.nsecsElapsed() / 1e6;
            if (!list) {
                out << "FAILED: " << list.error().message << Qt::endl;
                return 1;
            }
            candidates += list->candidates;
            timer.restart();
            raw.suggest(t.id, now.toMSecsSinceEpoch(), PitchSuggestions::kDefaultLimit);
            rawWall << timer.nsecsElapsed() / 1e6;
        }
        const Bench::Summary rapport = Bench::summarize(wall);
        const Bench::Summary rawSummary = Bench::summarize(rawWall);
        Bench::print(out, QStringLiteral("SQLite who to pitch, Rapport (wall)"), rapport);
        Bench::print(out, QStringLiteral("SQLite who to pitch, Rapport (thread CPU)"), Bench::summarize(cpu));
        Bench::print(out, QStringLiteral("SQLite same statements, sqlite3 C API"), rawSummary);
        out << QStringLiteral("candidates per campaign: %1 on average\n").arg(candidates / targets.size());
        out << QStringLiteral("ratio median Rapport / raw: %1\n")
                   .arg(rapport.median / qMax(rawSummary.median, 0.001), 0, 'f', 2);

        const Stalls stalls = onWorker(**db, targets, int(targets.size()));
        Bench::print(out, QStringLiteral("on a worker thread, start to delivery"), Bench::summarize(stalls.latencies));
        out << QStringLiteral("calling thread, longest gap between 1 ms ticks: %1 ms wall, %2 ms of its own CPU\n")
                   .arg(stalls.longestGap, 0, 'f', 2)
                   .arg(stalls.longestBusy, 0, 'f', 2);

    }

    if (!pgUrl.isEmpty()) {
        auto loc = DatabaseLocation::parse(pgUrl);
        auto pg = loc ? Database::open(*loc, Database::OpenFlag::None) : Result<std::unique_ptr<Database>>(loc.error());
        if (!pg) {
            QTextStream(stderr) << pg.error().message << '\n';
        } else {
            const QList<Target> pgTargets = pickCampaigns(**pg, runs, topicCount > 2 ? 2 : 0);
            writeTopics(**pg, pgTargets, false);
            // The server process of this connection (a loopback server on this machine): its CPU time is read
            // beside the wall clock, which on a loaded machine mostly measures waiting for a core.
            QSqlQuery pidQuery((*pg)->connection());
            clockid_t serverClock {};
            const bool haveServerClock = pidQuery.exec(QStringLiteral("SELECT pg_backend_pid()")) && pidQuery.next()
                && clock_getcpuclockid(pid_t(pidQuery.value(0).toLongLong()), &serverClock) == 0;
            pidQuery.finish();
            auto serverCpuMs = [&] {
                timespec ts {};
                if (!haveServerClock || clock_gettime(serverClock, &ts) != 0)
                    return 0.0;
                return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
            };
            for (const Target &t : pgTargets.mid(0, 3)) // warm, as for SQLite
                (void)PitchSuggestions::find(**pg, t.id, PitchSuggestions::kDefaultLimit, now);
            QList<double> pgWall, pgCpu, pgServer, pgBoth;
            qint64 pgCandidates = 0;
            for (const Target &t : pgTargets) {
                QElapsedTimer timer;
                timer.start();
                const double cpu0 = Bench::threadCpuMs();
                const double server0 = serverCpuMs();
                Result<PitchSuggestionList> list = PitchSuggestions::find(**pg, t.id, PitchSuggestions::kDefaultLimit, now);
                pgCpu << Bench::threadCpuMs() - cpu0;
                pgServer << serverCpuMs() - server0;
                pgBoth << pgCpu.last() + pgServer.last();
                pgWall << timer.nsecsElapsed() / 1e6;
                if (!list) {
                    out << "PostgreSQL FAILED: " << list.error().message << Qt::endl;
                    break;
                }
                pgCandidates += list->candidates;
            }
            Bench::print(out, QStringLiteral("PostgreSQL who to pitch, Rapport (wall)"), Bench::summarize(pgWall));
            Bench::print(out, QStringLiteral("PostgreSQL, client thread CPU"), Bench::summarize(pgCpu));
            if (haveServerClock) {
                Bench::print(out, QStringLiteral("PostgreSQL, server process CPU"), Bench::summarize(pgServer));
                Bench::print(out, QStringLiteral("PostgreSQL, client + server CPU"), Bench::summarize(pgBoth));
            } else {
                out << "PostgreSQL server process CPU: not readable (server on another machine?)" << Qt::endl;
            }
            out << QStringLiteral("PostgreSQL candidates per campaign: %1 on average\n")
                       .arg(pgCandidates / qMax<qsizetype>(1, pgTargets.size()));
            writeTopics(**pg, pgTargets, true);
        }
    }
    if (!writeTopics(**db, targets, true))
        out << "WARNING: the old topics could not be put back" << Qt::endl;
    return 0;
}
