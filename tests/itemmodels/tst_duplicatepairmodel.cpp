// DuplicatePairModel: fresh searches applied by difference and merged-away contacts removed row by row, under
// QAbstractItemModelTester (Fatal, for the model's whole life). The oracle is a list the test keeps itself.
#include "itemmodels/duplicatepairmodel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

class TestDuplicatePairModel final : public QObject
{
    Q_OBJECT

private:
    static DuplicatePair pair(qint64 a, qint64 b, int reason)
    {
        DuplicatePair p;
        p.firstId = qMin(a, b);
        p.secondId = qMax(a, b);
        p.firstName = QStringLiteral("Person %1").arg(p.firstId);
        p.secondName = QStringLiteral("Person %1").arg(p.secondId);
        p.reason = DuplicatePair::Reason(reason % 3);
        p.detail = QStringLiteral("detail %1").arg(a + b);
        return p;
    }

    static void compare(const DuplicatePairModel &model, const QList<DuplicatePair> &expected)
    {
        QCOMPARE(model.rowCount(), int(expected.size()));
        for (int r = 0; r < expected.size(); ++r) {
            const DuplicatePair &p = expected.at(r);
            QCOMPARE(model.index(r, 0).data(DuplicatePairModel::FirstIdRole).toLongLong(), p.firstId);
            QCOMPARE(model.index(r, 0).data(DuplicatePairModel::SecondIdRole).toLongLong(), p.secondId);
            QCOMPARE(model.index(r, DuplicatePairModel::FirstColumn).data().toString(), p.firstName);
            QCOMPARE(model.index(r, DuplicatePairModel::SecondColumn).data().toString(), p.secondName);
            QCOMPARE(
                model.index(r, DuplicatePairModel::ReasonColumn).data().toString(), DuplicatePairModel::reasonText(p));
            QVERIFY(model.index(r, DuplicatePairModel::ReasonColumn).data().toString().contains(p.detail));
        }
    }

private Q_SLOTS:
    void oracle()
    {
        QRandomGenerator random(3);
        DuplicatePairModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QList<DuplicatePair> list;
        for (int i = 0; i < 30; ++i)
            list.append(pair(random.bounded(40) + 1, 41 + i, i));
        model.setPairs(list);
        compare(model, list);
        for (int round = 0; round < 30; ++round) {
            if (round % 2) {
                // A merge: every pair with the merged-away contact goes.
                const qint64 gone = list.at(random.bounded(int(list.size()))).firstId;
                const int before = int(list.size());
                list.removeIf([gone](const DuplicatePair &p) { return p.firstId == gone || p.secondId == gone; });
                QCOMPARE(model.removePairsWith(gone), before - int(list.size()));
            } else {
                // A new search: some pairs new, some gone, another order.
                for (int n = random.bounded(4); n > 0 && !list.isEmpty(); --n)
                    list.removeAt(random.bounded(int(list.size())));
                for (int n = random.bounded(4); n > 0; --n)
                    list.insert(
                        random.bounded(int(list.size()) + 1), pair(random.bounded(40) + 1, 100 + round * 5 + n, n));
                if (list.size() > 2)
                    std::swap(list[0], list[list.size() - 1]);
                model.setPairs(list);
            }
            compare(model, list);
        }
        QCOMPARE(resets.count(), 0);
    }
};

QTEST_MAIN(TestDuplicatePairModel)
#include "tst_duplicatepairmodel.moc"
