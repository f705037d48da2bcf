// AccountListModel: fresh reads applied by difference and a sync's progress shown in the State cell alone,
// under QAbstractItemModelTester (Fatal, for the model's whole life); the oracle is the list handed in.
#include "itemmodels/accountlistmodel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

class TestAccountListModel final : public QObject
{
    Q_OBJECT

private:
    static SocialAccount account(qint64 id, QRandomGenerator &random)
    {
        SocialAccount a;
        a.id = id;
        a.network = id % 3 == 0 ? Network::Feed : id % 3 == 1 ? Network::Mastodon : Network::Bluesky;
        a.displayName = QStringLiteral("Account %1").arg(id);
        a.serverUrl = QStringLiteral("https://server%1.example").arg(id);
        a.state = SocialAccount::State(random.bounded(3));
        a.lastError = a.state == SocialAccount::State::Ok ? QString() : QStringLiteral("Failed %1").arg(id);
        a.lastFetched = random.bounded(100);
        a.lastSkipped = random.bounded(4) == 0 ? 2 : 0;
        a.lastSkipNote = a.lastSkipped ? QStringLiteral("A mention of a deleted post") : QString();
        return a;
    }

    static void compare(const AccountListModel &model, const QList<SocialAccount> &expected)
    {
        QCOMPARE(model.rowCount(), int(expected.size()));
        for (int r = 0; r < expected.size(); ++r) {
            const SocialAccount &a = expected.at(r);
            QCOMPARE(model.index(r, 0).data(AccountListModel::IdRole).toLongLong(), a.id);
            QVERIFY(model.index(r, AccountListModel::AccountColumn).data().toString().endsWith(a.displayName));
            QVERIFY(model.index(r, AccountListModel::AccountColumn)
                        .data()
                        .toString()
                        .startsWith(Networks::label(a.network)));
            QCOMPARE(model.index(r, AccountListModel::StateColumn).data().toString(), a.statusLabel());
            QCOMPARE(model.index(r, AccountListModel::ErrorColumn).data().toString(), a.problemText());
            QCOMPARE(model.index(r, 0).data(AccountListModel::NetworkRole).toInt(), int(a.network));
            QCOMPARE(model.index(r, 0).data(AccountListModel::StateRole).toInt(), int(a.state));
            QCOMPARE(model.index(r, AccountListModel::StateColumn).data(Qt::ForegroundRole).isValid(),
                a.state == SocialAccount::State::Error || a.state == SocialAccount::State::SignInRequired);
        }
    }

private Q_SLOTS:
    void oracle()
    {
        QRandomGenerator random(9);
        AccountListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QList<SocialAccount> list;
        qint64 next = 1;
        for (; next <= 8; ++next)
            list.append(account(next, random));
        model.setAccounts(list);
        compare(model, list);
        for (int round = 0; round < 25; ++round) {
            if (!list.isEmpty() && random.bounded(2))
                list.removeAt(random.bounded(int(list.size())));
            if (random.bounded(2))
                list.insert(random.bounded(int(list.size()) + 1), account(next++, random));
            if (!list.isEmpty())
                list[random.bounded(int(list.size()))].state = SocialAccount::State(random.bounded(3));
            if (list.size() > 1)
                std::swap(list[0], list[list.size() - 1]);
            model.setAccounts(list);
            compare(model, list);
        }

        // Progress: the State cell alone, then back to the stored state.
        QVERIFY(!list.isEmpty());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const qint64 id = list.at(0).id;
        model.setRunning(id, QStringLiteral("Syncing… 40 items"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(0, AccountListModel::StateColumn));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(0, AccountListModel::StateColumn));
        QCOMPARE(model.index(0, AccountListModel::StateColumn).data().toString(), QStringLiteral("Syncing… 40 items"));
        model.setRunning(id, QStringLiteral("Syncing… 40 items")); // the same: nothing
        QCOMPARE(changed.count(), 1);
        model.clearRunning();
        QCOMPARE(changed.count(), 2);
        compare(model, list);
        QCOMPARE(resets.count(), 0);
    }
};

QTEST_MAIN(TestAccountListModel)
#include "tst_accountlistmodel.moc"
