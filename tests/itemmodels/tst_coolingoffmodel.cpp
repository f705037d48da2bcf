// CoolingOffModel: successive lists (rows gone, new, moved, changed) applied by difference under
// QAbstractItemModelTester (Fatal, for the model's whole life); after each, the rows match the list handed
// in (the oracle), no reset happened, and a changed follow-up touches only its own cell.
// The list it shows (CoolingOffQuery::find over the scores kept on write, schema v7) against the definition
// of docs/HEALTH.md computed here from the raw rows, on both backends, as the clock and the history move.
#include "core/clock.h"
#include "domain/interaction.h"
#include "itemmodels/coolingoffmodel.h"
#include "storage/coolingoffquery.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/interactionrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

class TestCoolingOffModel final : public QObject
{
    Q_OBJECT

private:
    static CoolingContact contact(qint64 id, QRandomGenerator &random, const QDateTime &now)
    {
        CoolingContact c;
        c.contactId = id;
        c.displayName = QStringLiteral("Person %1").arg(id);
        c.scoreThen = 50 + random.bounded(50);
        c.scoreNow = c.scoreThen - 15 - random.bounded(30);
        c.reach = random.bounded(3) ? 0 : random.bounded(500000);
        c.lastContactedAt = now.addDays(-30 - random.bounded(150));
        c.ownerId = random.bounded(3);
        c.ownerName = c.ownerId ? QStringLiteral("Owner %1").arg(c.ownerId) : QString();
        return c;
    }

    static void compare(const CoolingOffModel &model, const QList<CoolingContact> &expected, const QDateTime &now)
    {
        QCOMPARE(model.rowCount(), int(expected.size()));
        for (int r = 0; r < expected.size(); ++r) {
            const CoolingContact &c = expected.at(r);
            QCOMPARE(model.index(r, 0).data(CoolingOffModel::ContactIdRole).toLongLong(), c.contactId);
            QCOMPARE(model.index(r, CoolingOffModel::ContactColumn).data().toString(), c.displayName);
            QCOMPARE(model.index(r, CoolingOffModel::HealthColumn).data().toString(),
                QStringLiteral("%1 → %2 (−%3)").arg(c.scoreThen).arg(c.scoreNow).arg(c.scoreThen - c.scoreNow));
            QCOMPARE(model.index(r, CoolingOffModel::HealthColumn).data(CoolingOffModel::SortRole).toInt(),
                c.scoreThen - c.scoreNow);
            QCOMPARE(model.index(r, CoolingOffModel::SilentColumn).data().toString(),
                QStringLiteral("%1 days").arg(c.lastContactedAt.daysTo(now)));
            QCOMPARE(model.index(r, CoolingOffModel::OwnerColumn).data().toString(),
                c.ownerName.isEmpty() ? QStringLiteral("nobody") : c.ownerName);
            QCOMPARE(model.index(r, 0).data(CoolingOffModel::OwnerIdRole).toLongLong(), c.ownerId);
            QCOMPARE(model.index(r, 0).data(CoolingOffModel::HasFollowUpRole).toBool(), c.nextFollowUpAt.isValid());
            const QString due = model.index(r, CoolingOffModel::FollowUpColumn).data().toString();
            QCOMPARE(due.isEmpty(), !c.nextFollowUpAt.isValid());
            if (c.nextFollowUpAt.isValid())
                QVERIFY(
                    due.startsWith(c.nextFollowUpAt < now ? QStringLiteral("Overdue since") : QStringLiteral("Due")));
        }
    }

    struct Row
    {
        qint64 contact;
        qint64 at;
        QString direction, channel;
    };

    // The definition (docs/HEALTH.md, "Cooling off"), from the live rows as the test reads them: each
    // contact's inputs as of now and as of kCoolingDays before, scored with HealthScore::compute.
    static QList<CoolingContact> expectedCooling(Database &db, const QDateTime &now)
    {
        using namespace CoolingOffQuery;
        QHash<qint64, QList<Row>> history;
        QHash<qint64, QList<std::pair<qint64, std::pair<qint64, QString>>>> pitches; // pitched, (replied, status)
        QHash<qint64, qint64> reach;
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("SELECT contact_id, occurred_at, direction, channel FROM interactions "
                                   "WHERE deleted_at IS NULL AND contact_id IS NOT NULL")))
            return {};
        while (q.next())
            history[q.value(0).toLongLong()].append(
                { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString() });
        if (!q.exec(QStringLiteral("SELECT contact_id, pitched_at, replied_at, status FROM pitches "
                                   "WHERE deleted_at IS NULL AND pitched_at IS NOT NULL")))
            return {};
        while (q.next())
            pitches[q.value(0).toLongLong()].append({ q.value(1).toLongLong(),
                { q.value(2).isNull() ? 0 : q.value(2).toLongLong(), q.value(3).toString() } });
        if (!q.exec(QStringLiteral("SELECT id, reach FROM contacts WHERE deleted_at IS NULL")))
            return {};
        while (q.next())
            reach.insert(q.value(0).toLongLong(), q.value(1).toLongLong());

        auto inputsAt = [&](qint64 id, const QDateTime &at) {
            const qint64 atMs = at.toMSecsSinceEpoch();
            QList<Row> rows;
            qint64 first = 0;
            for (const Row &r : history.value(id))
                if (r.at <= atMs) {
                    rows.append(r);
                    first = first == 0 ? r.at : qMin(first, r.at);
                }
            std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.at > b.at; });
            if (rows.size() > HealthScore::kWindow)
                rows.resize(HealthScore::kWindow);
            HealthInputs in;
            in.contactId = id;
            QSet<QString> channels;
            for (const Row &r : std::as_const(rows)) {
                ++in.total;
                if (r.at >= atMs - qint64(HealthScore::kRecentDays) * 86400000)
                    ++in.recent;
                ++(r.direction == QStringLiteral("inbound") ? in.inbound : in.outbound);
                channels.insert(r.channel);
            }
            in.channels = int(channels.size());
            if (!rows.isEmpty()) {
                in.last = QDateTime::fromMSecsSinceEpoch(rows.first().at, QTimeZone::utc());
                in.first = QDateTime::fromMSecsSinceEpoch(first, QTimeZone::utc());
            }
            static const QStringList answered = { QStringLiteral("replied"), QStringLiteral("interested"),
                QStringLiteral("declined"), QStringLiteral("covered") };
            for (const auto &p : pitches.value(id)) {
                if (p.first > atMs)
                    continue;
                ++in.pitchesSent;
                if (p.second.first ? p.second.first <= atMs : answered.contains(p.second.second))
                    ++in.pitchesAnswered;
            }
            return in;
        };
        const QDateTime then = now.addDays(-kCoolingDays);
        const qint64 nowMs = now.toMSecsSinceEpoch();
        QList<CoolingContact> out;
        for (auto it = reach.cbegin(); it != reach.cend(); ++it) {
            const qint64 id = it.key();
            qint64 last = 0;
            for (const Row &r : history.value(id))
                last = qMax(last, r.at);
            if (last == 0 || last >= nowMs - qint64(kCoolingQuietDays) * 86400000
                || last < nowMs - qint64(kCoolingOldestDays) * 86400000)
                continue; // not quiet, or cold
            const HealthInputs inThen = inputsAt(id, then);
            if (inThen.total == 0)
                continue; // not known then
            const int scoreThen = HealthScore::compute(inThen, then, false).score;
            const int scoreNow = HealthScore::compute(inputsAt(id, now), now, false).score;
            const bool valuable = scoreThen >= kCoolingValuableScore
                || (it.value() >= kCoolingValuableReach && scoreThen >= kCoolingMinDrop);
            if (!valuable || scoreThen - scoreNow < kCoolingMinDrop)
                continue;
            CoolingContact c;
            c.contactId = id;
            c.scoreThen = scoreThen;
            c.scoreNow = scoreNow;
            c.reach = it.value();
            c.lastContactedAt = QDateTime::fromMSecsSinceEpoch(last, QTimeZone::utc());
            out.append(c);
        }
        std::sort(out.begin(), out.end(), [](const CoolingContact &a, const CoolingContact &b) {
            const int da = a.scoreThen - a.scoreNow, db = b.scoreThen - b.scoreNow;
            return da != db ? da > db : a.reach != b.reach ? a.reach > b.reach : a.contactId < b.contactId;
        });
        return out;
    }

    static void compareCooling(Database &db, const QDateTime &now)
    {
        const QList<CoolingContact> expected = expectedCooling(db, now);
        Result<QList<CoolingContact>> found = CoolingOffQuery::find(db, 100000);
        QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
        QVERIFY(expected.size() >= 5); // the data below makes some, or the comparison proves little
        QCOMPARE(found->size(), expected.size());
        for (qsizetype n = 0; n < expected.size(); ++n) {
            const CoolingContact &f = found->at(n), &e = expected.at(n);
            QCOMPARE(f.contactId, e.contactId);
            QCOMPARE(f.scoreThen, e.scoreThen);
            QCOMPARE(f.scoreNow, e.scoreNow);
            QCOMPARE(f.reach, e.reach);
            QCOMPARE(f.lastContactedAt, e.lastContactedAt);
            QCOMPARE(f.displayName, QStringLiteral("Person %1").arg(f.contactId));
        }
        Result<QList<CoolingContact>> limited = CoolingOffQuery::find(db, 3);
        QVERIFY(limited);
        QCOMPARE(limited->size(), 3);
        QCOMPARE(limited->at(2).contactId, expected.at(2).contactId);
    }

    static bool run(Database &db, const QString &sql) { return db.exec(sql, QStringLiteral("test")).ok(); }

private Q_SLOTS:
    void storedScoresListTheDefinition_data() { TestDatabase::addBackends(); }
    void storedScoresListTheDefinition()
    {
        OPEN_TEST_DATABASE(db);
        QDateTime now(QDate(2026, 11, 18), QTime(10, 0), QTimeZone::utc());
        FixedClock clock(now);
        QRandomGenerator random(23);
        constexpr qint64 kDay = 86400000;
        const QStringList channels = Interaction::channels();
        QVERIFY(
            run(*db, QStringLiteral("INSERT INTO campaigns (id, name, created_at, updated_at) VALUES (1, 'C', 1, 1)")));
        // 160 contacts: histories that end at any age up to 250 days, dense or sparse, some one-sided, some
        // with pitches, some with a large reach; a few trashed contacts and trashed interactions.
        QList<qint64> ids;
        for (int p = 0; p < 160; ++p) {
            QSqlQuery q(db->connection());
            q.prepare(QStringLiteral("INSERT INTO contacts (display_name, sort_name, reach, created_at, updated_at) "
                                     "VALUES (:n, :n, :reach, 1, 1)"));
            q.bindValue(QStringLiteral(":n"), QStringLiteral("Person"));
            q.bindValue(QStringLiteral(":reach"),
                random.bounded(4) == 0 ? 100000 + random.bounded(400000) : random.bounded(99999));
            QVERIFY(q.exec());
            const qint64 id = q.lastInsertId().toLongLong();
            ids << id;
            QVERIFY(run(*db, QStringLiteral("UPDATE contacts SET display_name = 'Person %1' WHERE id = %1").arg(id)));
            const int count = random.bounded(45);
            const qint64 newest = now.toMSecsSinceEpoch() - qint64(random.bounded(250)) * kDay - random.bounded(kDay);
            const qint64 spacing = (1 + random.bounded(9)) * kDay;
            const bool oneSided = random.bounded(3) == 0;
            for (int k = 0; k < count; ++k) {
                QVERIFY(run(*db,
                    QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, "
                                   "created_at, updated_at, deleted_at) VALUES (%1, '%2', '%3', %4, 1, 1, %5)")
                        .arg(id)
                        .arg(channels.at(random.bounded(4)))
                        .arg(oneSided || random.bounded(2) ? QStringLiteral("outbound") : QStringLiteral("inbound"))
                        .arg(newest - k * spacing - random.bounded(kDay))
                        .arg(random.bounded(20) == 0 ? QStringLiteral("2") : QStringLiteral("NULL"))));
            }
            if (random.bounded(3) == 0) {
                const qint64 pitched = now.toMSecsSinceEpoch() - qint64(random.bounded(200)) * kDay;
                QVERIFY(run(*db,
                    QStringLiteral("INSERT INTO pitches (campaign_id, contact_id, status, pitched_at, replied_at, "
                                   "created_at, updated_at) VALUES (1, %1, '%2', %3, %4, 1, 1)")
                        .arg(id)
                        .arg(random.bounded(2) ? QStringLiteral("replied") : QStringLiteral("pitched"))
                        .arg(pitched)
                        .arg(random.bounded(2) ? QString::number(pitched + 20 * kDay) : QStringLiteral("NULL"))));
            }
        }
        QVERIFY(run(*db,
            QStringLiteral("UPDATE contacts SET last_contacted_at = (SELECT max(occurred_at) FROM interactions i "
                           "WHERE i.contact_id = contacts.id AND i.deleted_at IS NULL)")));
        QVERIFY(run(*db, QStringLiteral("UPDATE contacts SET deleted_at = 5 WHERE id % 17 = 0")));

        // Never scored since version 7: rescored once, then current for the rest of the day.
        QVERIFY(!HealthRepository::scoredAt(*db)->isValid());
        QCOMPARE(*HealthRepository::rescoreIfStale(*db), true);
        QCOMPARE(*HealthRepository::scoredAt(*db), now);
        QCOMPARE(*HealthRepository::rescoreIfStale(*db), false);
        compareCooling(*db, now);
        if (QTest::currentTestFailed())
            return;

        // A sync page's rescoring (recomputeContacts) writes the same scores, then as of now.
        QVERIFY(
            run(*db, QStringLiteral("UPDATE contacts SET health_score = NULL, health_then = NULL WHERE id % 2 = 0")));
        QList<qint64> even;
        for (qint64 id : std::as_const(ids))
            if (id % 2 == 0)
                even << id;
        QVERIFY(HealthRepository::recomputeContacts(*db, even));
        compareCooling(*db, now);
        if (QTest::currentTestFailed())
            return;

        // A conversation logged (recomputeContact in its transaction) moves that contact at once. (Later on
        // the same day the stored scores are those of the morning: recency decays by the hour, so a score can
        // differ by a point until the next day's rescoring, as the Health column always did.)
        const QList<CoolingContact> before = expectedCooling(*db, now);
        QVERIFY(!before.isEmpty());
        Interaction call;
        call.contactId = before.first().contactId;
        call.occurredAt = now.addDays(-1);
        call.channel = QStringLiteral("call");
        call.direction = QStringLiteral("inbound");
        QVERIFY(InteractionRepository(*db).create(call));
        QCOMPARE(*HealthRepository::rescoreIfStale(*db), false);
        compareCooling(*db, now);
        if (QTest::currentTestFailed())
            return;
        const Result<QList<CoolingContact>> after = CoolingOffQuery::find(*db, 1000);
        QVERIFY(after);
        for (const CoolingContact &c : *after)
            QVERIFY(c.contactId != call.contactId);

        // The next day and six weeks later: stale, rescored, and the list is the definition's again.
        for (int days : { 1, 42 }) {
            now = now.addDays(days);
            clock.set(now);
            QCOMPARE(*HealthRepository::rescoreIfStale(*db), true);
            compareCooling(*db, now);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void oracle()
    {
        const QDateTime now(QDate(2026, 11, 18), QTime(10, 0));
        FixedClock clock(now);
        QRandomGenerator random(11);
        CoolingOffModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QList<CoolingContact> list;
        qint64 nextId = 1;
        for (int i = 0; i < 40; ++i)
            list.append(contact(nextId++, random, now));
        model.setRows(list);
        compare(model, list, now);
        for (int round = 0; round < 30; ++round) {
            // Some gone, some new, some with new scores, then a new order (biggest drop first, as the query).
            for (int n = random.bounded(5); n > 0 && !list.isEmpty(); --n)
                list.removeAt(random.bounded(int(list.size())));
            for (int n = random.bounded(5); n > 0; --n)
                list.insert(random.bounded(int(list.size()) + 1), contact(nextId++, random, now));
            for (int n = random.bounded(6); n > 0 && !list.isEmpty(); --n) {
                CoolingContact &c = list[random.bounded(int(list.size()))];
                c.scoreNow = qMax(0, c.scoreNow - random.bounded(10));
            }
            if (round % 3 == 0)
                std::stable_sort(list.begin(), list.end(), [](const CoolingContact &a, const CoolingContact &b) {
                    return a.scoreThen - a.scoreNow > b.scoreThen - b.scoreNow;
                });
            else if (list.size() > 2)
                std::swap(list[0], list[random.bounded(int(list.size()))]);
            model.setRows(list);
            compare(model, list, now);
        }

        // A follow-up planned: only that cell changes.
        QVERIFY(!list.isEmpty());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QPersistentModelIndex first(model.index(0, 0));
        list[0].nextFollowUpAt = now.addDays(1);
        model.setRows(list);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(0, CoolingOffModel::FollowUpColumn));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(0, CoolingOffModel::FollowUpColumn));
        QVERIFY(first.isValid());
        compare(model, list, now);
        list[0].nextFollowUpAt = now.addDays(-1);
        model.setRows(list);
        compare(model, list, now);
        QVERIFY(model.index(0, CoolingOffModel::FollowUpColumn).data(Qt::ForegroundRole).isValid());

        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(resets.count(), 0);
    }
};

QTEST_MAIN(TestCoolingOffModel)
#include "tst_coolingoffmodel.moc"
