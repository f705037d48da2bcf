// Conversation history on a large database (issue 4): a contact's timeline, quick logging, follow-up
// buckets and relationship health. Writes to the database it is given: run it on a COPY.
//
//   cp /tmp/large.sqlite /tmp/history-large.sqlite
//   bench_history --db /tmp/history-large.sqlite [--runs 50] [--views-only]
//
// --views-only measures just what the Activity section reads (the Activity first page with its filters,
// the Cooling-off list) and writes nothing.
#include "benchutil.h"
#include "storage/coolingoffquery.h"
#include "storage/database.h"
#include "storage/followuprepository.h"
#include "storage/healthrepository.h"
#include "storage/interactionrepository.h"
#include "storage/timelinequery.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlQuery>

namespace {

template <typename F> QList<double> measure(int runs, F &&f)
{
    QList<double> samples;
    for (int n = 0; n < runs; ++n) {
        QElapsedTimer t;
        t.start();
        f(n);
        samples << t.nsecsElapsed() / 1e6;
    }
    return samples;
}

void check(QTextStream &out, bool ok, const QString &what)
{
    if (!ok)
        out << "FAILED: " << what << Qt::endl;
}

// The Activity section: the Latest tab's first page under each filter it offers, and the Cooling-off list.
int measureActivityViews(QTextStream &out, Database &db, int runs)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto activity = [&](const QString &what, TimelineFilter filter) {
        filter.scope = TimelineFilter::Scope::Everybody;
        int rows = 0;
        Bench::print(out, what, Bench::summarize(measure(runs, [&](int) {
            auto page = TimelineQuery(db, filter).page(std::nullopt, 100);
            check(out, page.ok(), what);
            rows = page ? int(page->size()) : -1;
        })));
        out << "  (" << rows << " rows)" << Qt::endl;
    };
    activity(QStringLiteral("Activity first page (100), everybody, any time"), {});
    TimelineFilter f;
    f.from = now.addDays(-30);
    activity(QStringLiteral("Activity first page, last 30 days"), f);
    f.userId = 3;
    activity(QStringLiteral("Activity first page, one account manager, last 30 days"), f);
    f.channels = { QStringLiteral("meeting") };
    activity(QStringLiteral("Activity first page, one manager + meetings, last 30 days"), f);
    TimelineFilter rare;
    rare.channels = { QStringLiteral("direct_message") };
    rare.userId = 3;
    activity(QStringLiteral("Activity first page, one manager + direct messages, any time"), rare);
    TimelineFilter range;
    range.from = now.addDays(-400);
    range.to = now.addDays(-370);
    activity(QStringLiteral("Activity first page, a month a year ago"), range);

    // The stored scores (health_score, health_then) are rescored once a day before the list (the first run
    // after the version-7 migration or on a new day): timed on its own, once.
    Bench::print(
        out, QStringLiteral("Cooling off: rescore everybody if the day changed"), Bench::summarize(measure(1, [&](int) {
            auto rescored = HealthRepository::rescoreIfStale(db);
            check(out, rescored.ok(), QStringLiteral("rescore"));
            if (rescored)
                out << "  (" << (*rescored ? "rescored" : "already current") << ")" << Qt::endl;
        })));
    int cooling = 0;
    Bench::print(out, QStringLiteral("Cooling-off list (100)"), Bench::summarize(measure(runs, [&](int) {
        auto list = CoolingOffQuery::find(db, 100);
        check(out, list.ok(), QStringLiteral("cooling off"));
        cooling = list ? int(list->size()) : -1;
    })));
    out << "  (" << cooling << " contacts listed)" << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption(
        { QStringLiteral("db"), QStringLiteral("SQLite file (a copy: it is written to)."), QStringLiteral("path") });
    parser.addOption(
        { QStringLiteral("runs"), QStringLiteral("Runs per measurement."), QStringLiteral("n"), QStringLiteral("50") });
    parser.addOption({ QStringLiteral("views-only"),
        QStringLiteral("Only the Activity section's reads (Activity pages, Cooling off); writes nothing.") });
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);
    const int runs = parser.value(QStringLiteral("runs")).toInt();
    auto opened
        = Database::open(DatabaseLocation::sqlite(parser.value(QStringLiteral("db"))), Database::OpenFlag::None);
    if (!opened) {
        out << opened.error().message << Qt::endl;
        return 1;
    }
    Database &db = **opened;

    QSqlQuery q(db.connection());
    q.exec(
        QStringLiteral("SELECT contact_id, count(*) c FROM interactions GROUP BY contact_id ORDER BY c DESC LIMIT 1"));
    q.next();
    const qint64 top = q.value(0).toLongLong();
    out << "contact " << top << " has " << q.value(1).toLongLong() << " interactions" << Qt::endl;
    q.exec(QStringLiteral("SELECT max(id) FROM contacts"));
    q.next();
    const qint64 maxContact = q.value(0).toLongLong();
    q.finish();

    if (parser.isSet(QStringLiteral("views-only")))
        return measureActivityViews(out, db, runs);

    TimelineFilter f;
    f.scopeId = top;
    Bench::print(out, QStringLiteral("timeline first page (100), top contact"),
        Bench::summarize(measure(runs,
            [&](int) { check(out, TimelineQuery(db, f).page(std::nullopt, 100).ok(), QStringLiteral("timeline")); })));
    // Page 50 of the same timeline, reached by keyset: costs the same as the first.
    std::optional<TimelineCursor> deep;
    for (int p = 0; p < 50; ++p) {
        auto page = TimelineQuery(db, f).page(deep, 100);
        if (!page || page->isEmpty())
            break;
        deep = TimelineCursor::after(page->constLast());
    }
    Bench::print(out, QStringLiteral("timeline page 51 (keyset), top contact"),
        Bench::summarize(measure(runs,
            [&](int) { check(out, TimelineQuery(db, f).page(deep, 100).ok(), QStringLiteral("timeline deep")); })));
    TimelineFilter activity;
    activity.scope = TimelineFilter::Scope::Everybody;
    Bench::print(out, QStringLiteral("activity first page (100), everybody"), Bench::summarize(measure(runs, [&](int) {
        check(out, TimelineQuery(db, activity).page(std::nullopt, 100).ok(), QStringLiteral("activity"));
    })));
    activity.channels = { QStringLiteral("call") };
    activity.userId = 3;
    Bench::print(
        out, QStringLiteral("activity first page, one user + channel"), Bench::summarize(measure(runs, [&](int) {
            check(out, TimelineQuery(db, activity).page(std::nullopt, 100).ok(), QStringLiteral("activity filtered"));
        })));
    TimelineFilter text = f;
    text.text = QStringLiteral("launch");
    Bench::print(out, QStringLiteral("timeline text filter, top contact"), Bench::summarize(measure(runs, [&](int) {
        check(out, TimelineQuery(db, text).page(std::nullopt, 100).ok(), QStringLiteral("timeline text"));
    })));

    InteractionRepository repo(db);
    QRandomGenerator rng(7);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto log = [&](qint64 contactId) {
        Interaction i;
        i.contactId = contactId;
        i.channel = QStringLiteral("call");
        i.occurredAt = now.addSecs(-rng.bounded(86400));
        i.subject = QStringLiteral("Benchmark call");
        i.body = QStringLiteral("Quick note about the embargo.");
        check(out, repo.create(i).ok(), QStringLiteral("quick log"));
    };
    Bench::print(out, QStringLiteral("quick-log save, random contact"),
        Bench::summarize(measure(runs, [&](int) { log(1 + rng.bounded(maxContact)); })));
    Bench::print(
        out, QStringLiteral("quick-log save, top contact"), Bench::summarize(measure(runs, [&](int) { log(top); })));

    FollowUpRepository followUps(db);
    Bench::print(out, QStringLiteral("follow-up buckets + overdue count (all)"),
        Bench::summarize(measure(runs, [&](int) { check(out, followUps.buckets().ok(), QStringLiteral("buckets")); })));
    Bench::print(out, QStringLiteral("follow-up buckets, one assignee"), Bench::summarize(measure(runs, [&](int) {
        check(out, followUps.buckets(2).ok(), QStringLiteral("buckets"));
    })));

    Bench::print(out, QStringLiteral("one score (recompute + store), top contact"),
        Bench::summarize(measure(runs,
            [&](int) { check(out, HealthRepository::recomputeContact(db, top).ok(), QStringLiteral("one score")); })));
    Bench::print(out, QStringLiteral("one score, random contact"), Bench::summarize(measure(runs, [&](int) {
        check(
            out, HealthRepository::recomputeContact(db, 1 + rng.bounded(maxContact)).ok(), QStringLiteral("one score"));
    })));
    Bench::print(out, QStringLiteral("explain one score, top contact"), Bench::summarize(measure(runs, [&](int) {
        check(out, HealthRepository::explain(db, top).ok(), QStringLiteral("explain"));
    })));

    int written = 0;
    Bench::print(out, QStringLiteral("recompute all scores"), Bench::summarize(measure(3, [&](int) {
        auto stats = HealthRepository::recomputeAll(db);
        check(out, stats.ok(), QStringLiteral("recompute all"));
        if (stats)
            written += stats->changed;
    })));
    out << "  (rows written over the 3 runs: " << written << ")" << Qt::endl;
    // The worst case: every score changes (first run, or a day after a demo import).
    check(out, db.exec(QStringLiteral("UPDATE contacts SET health_score = NULL"), QString()).ok(),
        QStringLiteral("reset"));
    Bench::print(out, QStringLiteral("recompute all scores, every row written"), Bench::summarize(measure(1, [&](int) {
        auto stats = HealthRepository::recomputeAll(db);
        check(out, stats.ok(), QStringLiteral("recompute all"));
        if (stats)
            out << "  (" << stats->changed << " rows written)" << Qt::endl;
    })));
    int cooling = 0;
    Bench::print(out, QStringLiteral("cooling-off list (50)"), Bench::summarize(measure(3, [&](int) {
        auto list = CoolingOffQuery::find(db, 50);
        check(out, list.ok(), QStringLiteral("cooling off"));
        cooling = list ? int(list->size()) : -1;
    })));
    out << "  (" << cooling << " contacts cooling off)" << Qt::endl;
    return 0;
}
