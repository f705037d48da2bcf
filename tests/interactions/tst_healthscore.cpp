#include "core/clock.h"
#include "interactionfixtures.h"
#include "storage/coolingoffquery.h"
#include "storage/followuprepository.h"
#include "storage/healthrepository.h"
#include "storage/interactionrepository.h"
#include "storage/workerconnection.h"
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
        QVERIFY(h.explanation.contains(QStringLiteral("Mostly outbound: 30 of 40 interactions were ours.")));
        QVERIFY(h.explanation.contains(QStringLiteral("3 interactions in the last 90 days.")));
        QVERIFY(h.explanation.contains(QStringLiteral("Talked on 4 channels.")));
        QVERIFY(h.explanation.contains(QStringLiteral("Known for 2 years.")));
        const HealthScore one = HealthScore::compute(history(1, 1, 1, 1, 1, 1), kNow);
        QVERIFY(one.explanation.contains(QStringLiteral("Last spoke yesterday.")));
        QVERIFY(one.explanation.contains(QStringLiteral("No pitches sent yet.")));
        QVERIFY(one.explanation.contains(QStringLiteral("Known for less than a month.")));
        QVERIFY(one.explanation.contains(QStringLiteral("Mostly inbound: 1 of 1 interactions came from them.")));
        const HealthScore balanced = HealthScore::compute(history(20, 3, 9, 2, 3, 100), kNow);
        QVERIFY(balanced.explanation.contains(QStringLiteral("Balanced: 9 of 20 interactions came from them.")));
    }

    // Each part carries its points; they add up to the score (within rounding) and describe() lists them.
    void breakdownParts()
    {
        const HealthScore h = HealthScore::compute(history(40, 3, 10, 4, 94, 800, 4, 3), kNow);
        QCOMPARE(h.parts.size(), 6);
        int sum = 0;
        for (const HealthScore::Part &p : h.parts) {
            QVERIFY(p.points >= 0 && p.points <= p.maxPoints);
            sum += p.points;
        }
        QVERIFY2(qAbs(sum - h.score) <= 3, qPrintable(QStringLiteral("%1 vs %2").arg(sum).arg(h.score)));
        QCOMPARE(h.parts.at(0).name, QStringLiteral("Recency"));
        QCOMPARE(h.parts.at(0).maxPoints, 30);
        QCOMPARE(h.parts.at(0).sentence, QStringLiteral("Last spoke 94 days ago."));
        QCOMPARE(h.parts.at(3).sentence, QStringLiteral("Answers 3 of 4 pitches."));
        QCOMPARE(h.parts.at(3).points, 8); // 10 x 3/4, rounded
        const QString text = h.describe();
        QVERIFY(text.startsWith(QStringLiteral("Relationship health %1 of 100 (").arg(h.score)));
        QVERIFY(text.contains(QStringLiteral("Response 8 of 10: Answers 3 of 4 pitches.")));
        QCOMPARE(HealthScore::grade(85), QStringLiteral("strong"));
        QCOMPARE(HealthScore::grade(50), QStringLiteral("steady"));
        QCOMPARE(HealthScore::grade(30), QStringLiteral("cooling"));
        QCOMPARE(HealthScore::grade(5), QStringLiteral("cold"));
    }

    // The breakdown read from a crafted history in the database (both backends), as the profile shows it.
    void breakdownFromTheDatabase_data() { TestDatabase::addBackends(); }
    void breakdownFromTheDatabase()
    {
        OPEN_TEST_DATABASE(db);
        const FixedClock clock(QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC));
        const QDateTime now = Clock::now();
        const qint64 c = contact(*db, QStringLiteral("Crafted"));
        InteractionRepository repo(*db);
        // 15 conversations, 12 ours and 3 theirs, on two channels; the latest 94 days ago, the first 400.
        for (int k = 0; k < 15; ++k) {
            Interaction i = interaction(c, now.addDays(-94 - k * 20), k % 2 ? QStringLiteral("call") : QStringLiteral("email"),
                k < 3 ? QStringLiteral("inbound") : QStringLiteral("outbound"));
            QVERIFY(repo.create(i).ok());
        }
        const qint64 campaign
            = insert(*db, QStringLiteral("campaigns"), { { QStringLiteral("name"), QStringLiteral("C") } });
        for (int k = 0; k < 4; ++k) {
            QVariantMap pitch { { QStringLiteral("campaign_id"), campaign }, { QStringLiteral("contact_id"), c },
                { QStringLiteral("status"), k < 3 ? QStringLiteral("replied") : QStringLiteral("pitched") },
                { QStringLiteral("pitched_at"), ms(now.addDays(-200 - k)) } };
            // One pitch per campaign and contact: a campaign each.
            pitch[QStringLiteral("campaign_id")] = k == 0 ? campaign
                : insert(*db, QStringLiteral("campaigns"), { { QStringLiteral("name"), QStringLiteral("C%1").arg(k) } });
            QVERIFY(insert(*db, QStringLiteral("pitches"), pitch) > 0);
        }
        Result<HealthScore> h = HealthRepository::explain(*db, c);
        QVERIFY(h.ok());
        QCOMPARE(h->explanation,
            QStringList({ QStringLiteral("Last spoke 94 days ago."), QStringLiteral("0 interactions in the last 90 days."),
                QStringLiteral("Mostly outbound: 12 of 15 interactions were ours."),
                QStringLiteral("Answers 3 of 4 pitches."), QStringLiteral("Talked on 2 channels."),
                QStringLiteral("Known for over a year.") }));
        QCOMPARE(h->parts.size(), 6);
        // The stored score (written when the last interaction was logged, as of the same fixed now) agrees.
        QVERIFY(HealthRepository::recomputeContact(*db, c).ok());
        QCOMPARE(value(*db, QStringLiteral("SELECT health_score FROM contacts WHERE id = %1").arg(c)).toInt(), h->score);
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

    void recomputeContactsMatchesOneByOne_data() { TestDatabase::addBackends(); }
    void recomputeContactsMatchesOneByOne()
    {
        OPEN_TEST_DATABASE(db);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const FixedClock clock(now);
        InteractionRepository repo(*db);
        QList<qint64> ids;
        for (int n = 0; n < 5; ++n) {
            const qint64 id = contact(*db, QStringLiteral("Contact %1").arg(n));
            ids << id;
            for (int k = 0; k < n * 4; ++k) {
                Interaction i = interaction(id, now.addDays(-(k * (n + 1) * 7)),
                    Interaction::channels().at(k % (n + 1)),
                    k % 3 ? QStringLiteral("inbound") : QStringLiteral("outbound"));
                QVERIFY(repo.create(i).ok());
            }
        }
        const qint64 campaign
            = insert(*db, QStringLiteral("campaigns"), { { QStringLiteral("name"), QStringLiteral("C") } });
        insert(*db, QStringLiteral("pitches"),
            { { QStringLiteral("campaign_id"), campaign }, { QStringLiteral("contact_id"), ids[2] },
                { QStringLiteral("status"), QStringLiteral("declined") },
                { QStringLiteral("pitched_at"), ms(now.addDays(-30)) } });
        // One by one (as every write does), then wiped and rescored together (as a sync page does).
        QList<int> oneByOne;
        for (qint64 id : ids) {
            QVERIFY(HealthRepository::recomputeContact(*db, id).ok());
            oneByOne << value(*db, QStringLiteral("SELECT health_score FROM contacts WHERE id = %1").arg(id)).toInt();
        }
        QVERIFY(
            db->exec(QStringLiteral("UPDATE contacts SET health_score = NULL, last_contacted_at = NULL"), QString()).ok());
        QVERIFY(HealthRepository::recomputeContacts(*db, ids).ok());
        for (int n = 0; n < ids.size(); ++n) {
            QCOMPARE(value(*db, QStringLiteral("SELECT health_score FROM contacts WHERE id = %1").arg(ids[n])).toInt(),
                oneByOne[n]);
            QCOMPARE(
                value(*db, QStringLiteral("SELECT count(*) FROM contacts WHERE id = %1 AND last_contacted_at IS NULL")
                               .arg(ids[n]))
                    .toInt(),
                n == 0 ? 1 : 0);
        }
        QVERIFY(oneByOne[4] > 0);
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
        // As the window would run it: on a worker with its own connection, the result back on this thread.
        WorkerConnection job = WorkerConnection::start<HealthRepository::RecomputeStats>(
            db->location(), &context,
            [](Database &worker, const WorkerConnection::Job &) { return HealthRepository::recomputeAll(worker); },
            [&](Result<HealthRepository::RecomputeStats> r) { result = std::move(r); });
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
        // As close as "Was close" and as long silent, but 20 days only: not yet cooling (quiet for 30 days).
        const qint64 pause = contact(*db, QStringLiteral("Short pause"));
        // Close until a year ago: cold, not cooling (the last conversation is over 180 days old).
        const qint64 cold = contact(*db, QStringLiteral("Long gone"));
        const QStringList channels
            = { QStringLiteral("email"), QStringLiteral("call"), QStringLiteral("meeting"), QStringLiteral("reply") };
        for (int k = 0; k < 40; ++k) {
            const QString dir = k % 2 ? QStringLiteral("inbound") : QStringLiteral("outbound");
            Interaction a = interaction(cooling, now.addDays(-100 - k * 5), channels[k % 4], dir);
            Interaction b = interaction(steady, now.addDays(-1 - k * 5), channels[k % 4], dir);
            Interaction p = interaction(pause, now.addDays(-20 - k * 5), channels[k % 4], dir);
            Interaction g = interaction(cold, now.addDays(-365 - k * 5), channels[k % 4], dir);
            QVERIFY(repo.create(a).ok() && repo.create(b).ok() && repo.create(p).ok() && repo.create(g).ok());
        }
        Interaction once = interaction(never, now.addDays(-200));
        QVERIFY(repo.create(once).ok());
        const qint64 me = db->currentUserId();
        const qint64 owner = UserRepository(*db).ensureUser(QStringLiteral("olive"), QStringLiteral("Olive Owner"))->id;
        db->setCurrentUserId(me);
        QVERIFY(db->exec(QStringLiteral("UPDATE contacts SET owner_id = %1, reach = 250000 WHERE id = %2")
                             .arg(owner)
                             .arg(cooling),
                        QString())
                    .ok());
        Result<QList<CoolingContact>> list = CoolingOffQuery::find(*db);
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        const CoolingContact &c = list->at(0);
        QCOMPARE(c.contactId, cooling);
        QCOMPARE(c.displayName, QStringLiteral("Was close"));
        QVERIFY(c.scoreThen - c.scoreNow >= CoolingOffQuery::kCoolingMinDrop);
        QVERIFY(c.scoreThen >= CoolingOffQuery::kCoolingValuableScore);
        QCOMPARE(c.reach, qint64(250000));
        QCOMPARE(c.ownerId, owner);
        QCOMPARE(c.ownerName, QStringLiteral("Olive Owner"));
        QCOMPARE(c.lastContactedAt.daysTo(now), qint64(100));
        QVERIFY(!c.nextFollowUpAt.isValid());
        // The same numbers as scoring the history as of then and now one by one.
        QCOMPARE(c.scoreNow, HealthRepository::explain(*db, cooling)->score);
        Result<HealthInputs> then = HealthRepository::inputs(*db, cooling, now.addDays(-CoolingOffQuery::kCoolingDays));
        QVERIFY(then.ok());
        QCOMPARE(c.scoreThen, HealthScore::compute(*then, now.addDays(-CoolingOffQuery::kCoolingDays), false).score);

        // A planned follow-up shows; a done one does not.
        FollowUp f;
        f.contactId = cooling;
        f.assigneeId = owner;
        f.dueAt = now.addDays(1);
        QVERIFY(FollowUpRepository(*db).create(f).ok());
        list = CoolingOffQuery::find(*db);
        QCOMPARE(list->at(0).nextFollowUpAt.toMSecsSinceEpoch(), f.dueAt.toMSecsSinceEpoch());
        QVERIFY(FollowUpRepository(*db).complete(f.id).ok());
        QVERIFY(!CoolingOffQuery::find(*db)->at(0).nextFollowUpAt.isValid());
    }
};

QTEST_GUILESS_MAIN(TestHealthScore)
#include "tst_healthscore.moc"
