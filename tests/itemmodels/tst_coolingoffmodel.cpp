// CoolingOffModel: successive lists (rows gone, new, moved, changed) applied by difference under
// QAbstractItemModelTester (Fatal, for the model's whole life); after each, the rows match the list handed
// in (the oracle), no reset happened, and a changed follow-up touches only its own cell.
#include "core/clock.h"
#include "itemmodels/coolingoffmodel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

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

private Q_SLOTS:
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
