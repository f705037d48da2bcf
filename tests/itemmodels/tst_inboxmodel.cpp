// InboxModel: successive author lists applied by difference under QAbstractItemModelTester (Fatal, for the
// model's whole life). The oracle is the list handed in; no reset happens, and a persistent index on an
// author that stays keeps pointing at that author.
#include "itemmodels/inboxmodel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

class TestInboxModel final : public QObject
{
    Q_OBJECT

private:
    static InboxEntry entry(int n, QRandomGenerator &random)
    {
        InboxEntry e;
        e.network = n % 3 == 0 ? QStringLiteral("bluesky") : QStringLiteral("mastodon");
        e.handle = QStringLiteral("author%1@example.social").arg(n);
        e.authorName = n % 4 == 0 ? QString() : QStringLiteral("Author %1").arg(n);
        e.itemCount = 1 + random.bounded(20);
        e.latestAt = QDateTime(QDate(2026, 11, 1), QTime(9, 0)).addSecs(random.bounded(86400 * 20));
        e.latestText = QStringLiteral("Post %1").arg(n);
        return e;
    }

    static void compare(const InboxModel &model, const QList<InboxEntry> &expected)
    {
        QCOMPARE(model.rowCount(), int(expected.size()));
        for (int r = 0; r < expected.size(); ++r) {
            const InboxEntry &e = expected.at(r);
            QCOMPARE(model.index(r, 0).data(InboxModel::HandleRole).toString(), e.handle);
            QCOMPARE(model.index(r, 0).data(InboxModel::NetworkRole).toString(), e.network);
            QCOMPARE(model.index(r, InboxModel::AuthorColumn).data().toString(),
                e.authorName.isEmpty() ? e.handle : QStringLiteral("%1 (%2)").arg(e.authorName, e.handle));
            QCOMPARE(model.index(r, InboxModel::ItemsColumn).data().toString(), QLocale().toString(e.itemCount));
            QCOMPARE(model.index(r, InboxModel::ItemsColumn).data(InboxModel::SortRole).toInt(), e.itemCount);
            QCOMPARE(model.index(r, InboxModel::NewestColumn).data(InboxModel::SortRole).toDateTime(), e.latestAt);
            QCOMPARE(model.entryAt(r)->latestText, e.latestText);
        }
    }

private Q_SLOTS:
    void oracle()
    {
        QRandomGenerator random(5);
        InboxModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QList<InboxEntry> list;
        int next = 0;
        for (; next < 25; ++next)
            list.append(entry(next, random));
        model.setEntries(list);
        compare(model, list);
        const QPersistentModelIndex kept(model.index(3, 0));
        const QString keptHandle = list.at(3).handle;
        for (int round = 0; round < 40; ++round) {
            for (int n = random.bounded(3); n > 0 && list.size() > 5; --n) {
                const int r = random.bounded(int(list.size()));
                if (list.at(r).handle != keptHandle)
                    list.removeAt(r);
            }
            for (int n = random.bounded(3); n > 0; --n)
                list.insert(random.bounded(int(list.size()) + 1), entry(next++, random));
            for (int n = random.bounded(4); n > 0; --n) {
                InboxEntry &e = list[random.bounded(int(list.size()))];
                e.itemCount += 1;
                e.latestAt = e.latestAt.addSecs(3600);
            }
            // Newest first, as SyncRepository::inbox() orders them.
            std::stable_sort(list.begin(), list.end(),
                [](const InboxEntry &a, const InboxEntry &b) { return a.latestAt > b.latestAt; });
            model.setEntries(list);
            compare(model, list);
            QVERIFY(kept.isValid());
            QCOMPARE(kept.data(InboxModel::HandleRole).toString(), keptHandle);
        }
        QCOMPARE(model.rowOf(list.at(2).network, list.at(2).handle), 2);
        QCOMPARE(model.rowOf(QStringLiteral("feed"), QStringLiteral("nobody")), -1);
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(resets.count(), 0);
    }
};

QTEST_MAIN(TestInboxModel)
#include "tst_inboxmodel.moc"
