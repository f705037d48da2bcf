#include "core/clock.h"
#include "historyfixtures.h"
#include "storage/healthscore.h"
#include "storage/interactionrepository.h"
#include "testdatabase.h"

#include <optional>

using namespace Fixtures;

namespace {

const QDateTime kNow(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

HealthInputs history(int total, int recent, int inbound, int channels, int daysSinceLast, int daysKnown,
    int pitches = 0, int answered = 0)
{
    HealthInputs in;
    in.total = total;
    in.recent = recent;
    in.inbound = inbound;
    in.outbound = total - inbound;
    in.channels = channels;
    in.last = kNow.addDays(-daysSinceLast);
    in.first = kNow.addDays(-daysKnown);
    in.pitchesSent = pitches;
    in.pitchesAnswered = answered;
    return in;
}

} // namespace

class TestHealthScore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void recentFrequentReciprocalBeatsOldOneSided()
    {
        const HealthScore warm = HealthScore::compute(history(40, 15, 20, 4, 2, 400, 4, 3), kNow);
        const HealthScore cold = HealthScore::compute(history(10, 0, 0, 1, 200, 700), kNow);
        QVERIFY2(warm.score >= 75, qPrintable(QString::number(warm.score)));
        QVERIFY2(cold.score <= 20, qPrintable(QString::number(cold.score)));
        QCOMPARE(cold.reciprocity, 0.0);
        QVERIFY(warm.recency > 0.9);
    }

    void longTenureGoneQuietStaysAboveNew()
    {
        // Five years, 200 balanced conversations on five channels, three of four pitches answered; quiet for
        // half a year. Against a contact first emailed yesterday.
        const HealthScore quiet = HealthScore::compute(history(200, 0, 100, 5, 180, 5 * 365, 4, 3), kNow);
        const HealthScore fresh = HealthScore::compute(history(1, 1, 0, 1, 1, 1), kNow);
        QVERIFY2(quiet.score > fresh.score, qPrintable(QStringLiteral("%1 vs %2").arg(quiet.score).arg(fresh.score)));
        QCOMPARE(quiet.tenure, 1.0);
        const HealthScore none = HealthScore::compute(HealthInputs {}, kNow);
        QCOMPARE(none.score, 0);
        QCOMPARE(none.explanation, QStringList { QStringLiteral("No conversations yet.") });
        QVERIFY(fresh.score > none.score);
    }

    void scoreFallsAsTimePasses()
    {
        int previous = 101;
        for (int days : { 0, 7, 30, 90, 180, 365 }) {
            const int score = HealthScore::compute(history(30, days < 90 ? 10 : 0, 15, 3, days, 900), kNow).score;
            QVERIFY(score <= previous);
            previous = score;
        }
    }

    void explanation()
    {
        const HealthScore h = HealthScore::compute(history(40, 3, 10, 4, 94, 800, 4, 3), kNow);
        QVERIFY(h.explanation.contains(QStringLiteral("Last spoke 94 days ago.")));
        QVERIFY(h.explanation.contains(QStringLiteral("Answers 3 of 4 pitches.")));
        QVERIFY(h.explanation.contains(QStringLiteral("10 of 40 interactions came from them.")));
        QVERIFY(h.explanation.contains(QStringLiteral("3 interactions in the last 90 days.")));
        QVERIFY(h.explanation.contains(QStringLiteral("Talked on 4 channels.")));
        QVERIFY(h.explanation.contains(QStringLiteral("Known for 2 years.")));
        const HealthScore one = HealthScore::compute(history(1, 1, 1, 1, 1, 1), kNow);
        QVERIFY(one.explanation.contains(QStringLiteral("Last spoke yesterday.")));
        QVERIFY(one.explanation.contains(QStringLiteral("No pitches sent yet.")));
        QVERIFY(one.explanation.contains(QStringLiteral("Known for less than a month.")));
    }

    void recomputeAllMatchesOneByOne_data() { TestDatabase::addBackends(); }
    void recomputeAllMatchesOneByOne()
    {
        OPEN_TEST_DATABASE(db);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        InteractionRepository repo(*db);
        QList<qint64> ids;
        for (int n = 0; n < 6; ++n) {
            const qint64 id = contact(*db, QStringLiteral("Contact %1").arg(n));
            ids << id;
            for (int k = 0; k < n * 3; ++k) {
                Interaction i
                    = interaction(id, now.addDays(-(k * (n + 1) * 5)), Interaction::channels().at(k % (n + 1)),
                        k % 2 ? QStringLiteral("inbound") : QStringLiteral("outbound"));
                QVERIFY(repo.create(i).ok());
            }
        }
        const qint64 campaign
            = insert(*db, QStringLiteral("campaigns"), { { QStringLiteral("name"), QStringLiteral("C") } });
        insert(*db, QStringLiteral("pitches"),
            { { QStringLiteral("campaign_id"), campaign }, { QStringLiteral("contact_id"), ids[3] },
                { QStringLiteral("status"), QStringLiteral("interested") },
                { QStringLiteral("pitched_at"), ms(now.addDays(-20)) } });
        // Scores as written one by one, then wiped and recomputed set-based: the same numbers.
        QVERIFY(HealthRepository::recomputeContact(*db, ids[3]).ok());
        QList<int> oneByOne;
        for (qint64 id : ids)
            oneByOne << int(
                value(*db, QStringLiteral("SELECT health_score FROM contacts WHERE id = %1").arg(id)).toInt());
        QVERIFY(db->exec(QStringLiteral("UPDATE contacts SET health_score = NULL"), QString()).ok());
        Result<HealthRepository::RecomputeStats> stats = HealthRepository::recomputeAll(*db);
        QVERIFY(stats.ok());
        QCOMPARE(stats->contacts, 6);
        QCOMPARE(stats->changed, 6);
        for (int n = 0; n < ids.size(); ++n) {
            const int stored = int(
                value(*db, QStringLiteral("SELECT health_score FROM contacts WHERE id = %1").arg(ids[n])).toInt());
            QCOMPARE(stored, oneByOne[n]);
            QCOMPARE(stored, HealthRepository::explain(*db, ids[n])->score);
        }
        QCOMPARE(oneByOne[0], 0);
        QVERIFY(oneByOne[5] > 0);
        QCOMPARE(HealthRepository::recomputeAll(*db)->changed, 0); // nothing to write the second time
        QVERIFY(
            HealthRepository::explain(*db, ids[3])->explanation.contains(QStringLiteral("Answers 1 of 1 pitches.")));
    }

    void recomputeInBackground_data() { TestDatabase::addBackends(); }
    void recomputeInBackground()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = contact(*db, QStringLiteral("A"));
        Interaction i = interaction(a, QDateTime::currentDateTimeUtc().addDays(-1));
        QVERIFY(InteractionRepository(*db).create(i).ok());
        QVERIFY(db->exec(QStringLiteral("UPDATE contacts SET health_score = NULL"), QString()).ok());
        std::optional<Result<HealthRepository::RecomputeStats>> result;
        QObject context;
        HealthRepository::recomputeAllInBackground(
            db->location(), &context, [&](const Result<HealthRepository::RecomputeStats> &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error().message));
        QCOMPARE((*result)->changed, 1);
        QVERIFY(value(*db, QStringLiteral("SELECT health_score FROM contacts WHERE id = %1").arg(a)).toInt() > 0);
    }

    void coolingOff_data() { TestDatabase::addBackends(); }
    void coolingOff()
    {
        OPEN_TEST_DATABASE(db);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        InteractionRepository repo(*db);
        const qint64 cooling = contact(*db, QStringLiteral("Was close"));
        const qint64 steady = contact(*db, QStringLiteral("Still close"));
        const qint64 never = contact(*db, QStringLiteral("Never close"));
        const QStringList channels
            = { QStringLiteral("email"), QStringLiteral("call"), QStringLiteral("meeting"), QStringLiteral("reply") };
        for (int k = 0; k < 40; ++k) {
            const QString dir = k % 2 ? QStringLiteral("inbound") : QStringLiteral("outbound");
            Interaction a = interaction(cooling, now.addDays(-100 - k * 5), channels[k % 4], dir);
            Interaction b = interaction(steady, now.addDays(-1 - k * 5), channels[k % 4], dir);
            QVERIFY(repo.create(a).ok() && repo.create(b).ok());
        }
        Interaction once = interaction(never, now.addDays(-200));
        QVERIFY(repo.create(once).ok());
        Result<QList<CoolingContact>> list = HealthRepository::coolingOff(*db);
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->at(0).contactId, cooling);
        QCOMPARE(list->at(0).displayName, QStringLiteral("Was close"));
        QVERIFY(list->at(0).scoreThen - list->at(0).scoreNow >= 15);
    }
};

QTEST_GUILESS_MAIN(TestHealthScore)
#include "tst_healthscore.moc"
