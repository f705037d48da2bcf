// FollowUpModel against an oracle: the test keeps its own list of the follow-ups it wrote and derives the
// expected groups (bounds computed here, sorted with std::sort, counted in full) independently of the
// repository. After completing, snoozing, reassigning, trashing and adding, and after the clock moves on,
// the model matches the oracle again through row operations alone (no reset), under
// QAbstractItemModelTester (Fatal) for its whole life. On SQLite and PostgreSQL.
#include "core/clock.h"
#include "itemmodels/followupmodel.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/followuprepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

namespace {

struct Written
{
    qint64 id = 0;
    qint64 contactId = 0;
    qint64 assigneeId = 0;
    QDateTime due;
    bool done = false;
    bool trashed = false;
};

struct Expected
{
    std::array<QList<qint64>, 4> ids;
    std::array<int, 4> counts = {};
};

} // namespace

class TestFollowUpModel final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_start = QDateTime(QDate(2026, 11, 18), QTime(10, 0)); // a Wednesday, local time
    QList<Written> m_written;
    QSet<qint64> m_trashedContacts;
    static constexpr int kLimit = 15;

    static int bucketOf(const QDateTime &due, const QDateTime &now)
    {
        const QDate today = now.toLocalTime().date();
        QDate nextWeek = today.addDays(1);
        while (nextWeek.dayOfWeek() != QLocale().firstDayOfWeek())
            nextWeek = nextWeek.addDays(1);
        if (due < now)
            return 0;
        if (due < today.addDays(1).startOfDay())
            return 1;
        if (due < nextWeek.startOfDay())
            return 2;
        return 3;
    }

    Expected expected(const QDateTime &now, qint64 assignee) const
    {
        QList<Written> open;
        for (const Written &w : m_written)
            if (!w.done && !w.trashed && !m_trashedContacts.contains(w.contactId)
                && (assignee == 0 || w.assigneeId == assignee))
                open.append(w);
        std::sort(open.begin(), open.end(),
            [](const Written &a, const Written &b) { return a.due != b.due ? a.due < b.due : a.id < b.id; });
        Expected e;
        for (const Written &w : open) {
            const int b = bucketOf(w.due, now);
            ++e.counts[b];
            if (e.ids[b].size() < kLimit)
                e.ids[b].append(w.id);
        }
        return e;
    }

    static void compare(const FollowUpModel &model, const Expected &e)
    {
        for (int g = 0; g < 4; ++g) {
            const QModelIndex group = model.index(g, 0);
            QCOMPARE(model.rowCount(group), int(e.ids[g].size()));
            QList<qint64> shown;
            for (int r = 0; r < model.rowCount(group); ++r)
                shown.append(model.index(r, FollowUpModel::NoteColumn, group).data(FollowUpModel::IdRole).toLongLong());
            QCOMPARE(shown, e.ids[g]);
            QCOMPARE(model.count(FollowUp::Bucket(g)), e.counts[g]);
            QCOMPARE(group.data(FollowUpModel::GroupCountRole).toInt(), e.counts[g]);
            const QString label = FollowUp::bucketLabel(FollowUp::Bucket(g));
            const QString text = e.counts[g] == 0 ? label
                : e.counts[g] > e.ids[g].size()
                ? QStringLiteral("%1 (%2, the first %3 shown)")
                      .arg(label, QLocale().toString(e.counts[g]), QLocale().toString(kLimit))
                : QStringLiteral("%1 (%2)").arg(label, QLocale().toString(e.counts[g]));
            QCOMPARE(group.data().toString(), text);
        }
    }

private Q_SLOTS:
    void oracle_data() { TestDatabase::addBackends(); }
    void oracle()
    {
        OPEN_TEST_DATABASE(db);
        FixedClock clock(m_start);
        m_written.clear();
        m_trashedContacts.clear();
        const qint64 me = db->currentUserId();
        Result<User> other = UserRepository(*db).ensureUser(QStringLiteral("kim"), QStringLiteral("Kim Park"));
        QVERIFY(other);
        db->setCurrentUserId(me);
        QList<qint64> contacts;
        for (int i = 0; i < 8; ++i) {
            Contact c;
            c.displayName = QStringLiteral("Person %1").arg(i);
            QVERIFY(ContactRepository(*db).create(c));
            contacts.append(c.id);
        }
        QRandomGenerator random(7);
        FollowUpRepository repo(*db);
        auto add = [&](const QDateTime &now) {
            FollowUp f;
            f.contactId = contacts.at(random.bounded(int(contacts.size())));
            f.assigneeId = random.bounded(3) == 0 ? other->id : me;
            // Some due at the very same time, so the id breaks the tie.
            f.dueAt = now.addSecs(3600 * (random.bounded(24 * 30) - 24 * 10)).toUTC();
            f.note = QStringLiteral("Note %1").arg(m_written.size());
            if (Status s = repo.create(f); !s)
                qFatal("%s", qPrintable(s.error().message));
            m_written.append({ f.id, f.contactId, f.assigneeId, f.dueAt, false, false });
        };
        for (int i = 0; i < 120; ++i)
            add(m_start);

        FollowUpModel model(*db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setLimit(kLimit);
        QVERIFY(model.refresh());
        compare(model, expected(m_start, 0));
        QCOMPARE(model.rowCount(), 4);

        // A row that stays where it is keeps its index through the changes below.
        const QModelIndex todayGroup = model.index(1, 0);
        QVERIFY(model.rowCount(todayGroup) > 0);
        const qint64 keptId = model.index(0, 0, todayGroup).data(FollowUpModel::IdRole).toLongLong();
        const QPersistentModelIndex kept(model.index(0, 0, todayGroup));

        for (int round = 0; round < 4; ++round) {
            for (int n = 0; n < 12; ++n) {
                Written &w = m_written[random.bounded(int(m_written.size()))];
                if (w.done || w.trashed || w.id == keptId)
                    continue;
                switch (random.bounded(4)) {
                case 0:
                    QVERIFY(repo.complete(w.id));
                    w.done = true;
                    break;
                case 1:
                    w.due = Clock::now().addSecs(3600 * random.bounded(24 * 9)).toUTC();
                    QVERIFY(repo.snooze(w.id, w.due));
                    break;
                case 2:
                    w.assigneeId = w.assigneeId == me ? other->id : me;
                    QVERIFY(repo.reassign(w.id, w.assigneeId));
                    break;
                default:
                    QVERIFY(repo.moveToTrash(w.id));
                    w.trashed = true;
                    break;
                }
            }
            for (int n = 0; n < 5; ++n)
                add(Clock::now());
            QVERIFY(model.refresh());
            compare(model, expected(Clock::now(), 0));
        }
        QVERIFY(kept.isValid());
        QCOMPARE(kept.data(FollowUpModel::IdRole).toLongLong(), keptId);

        // A contact moved to the trash takes its follow-ups out of the list.
        QVERIFY(ContactRepository(*db).moveToTrash(contacts.at(0)));
        m_trashedContacts.insert(contacts.at(0));
        QVERIFY(model.refresh());
        compare(model, expected(Clock::now(), 0));

        // Days later: rows move between groups (Later becomes This week, then Overdue).
        for (int days : { 1, 2, 5 }) {
            clock.advanceDays(days);
            QVERIFY(model.refresh());
            compare(model, expected(Clock::now(), 0));
        }

        // One assignee's, then everybody's again.
        model.setAssigneeId(other->id);
        QVERIFY(model.refresh());
        compare(model, expected(Clock::now(), other->id));
        model.setAssigneeId(0);
        QVERIFY(model.refresh());
        compare(model, expected(Clock::now(), 0));
        QCOMPARE(resets.count(), 0);

        // Overdue rows carry the theme's danger colour on their due time; others none.
        const QModelIndex overdue = model.index(0, 0);
        QVERIFY(model.rowCount(overdue) > 0);
        QVERIFY(model.index(0, FollowUpModel::DueColumn, overdue).data(Qt::ForegroundRole).isValid());
        QVERIFY(model.index(0, FollowUpModel::DueColumn, overdue).data(FollowUpModel::OverdueRole).toBool());
        QVERIFY(overdue.data(FollowUpModel::IsGroupRole).toBool());
    }

    // The profile's list: one contact's open follow-ups, flat, earliest first.
    void flatForOneContact_data() { TestDatabase::addBackends(); }
    void flatForOneContact()
    {
        OPEN_TEST_DATABASE(db);
        FixedClock clock(m_start);
        Contact a, b;
        a.displayName = QStringLiteral("Ada");
        b.displayName = QStringLiteral("Bea");
        QVERIFY(ContactRepository(*db).create(a));
        QVERIFY(ContactRepository(*db).create(b));
        FollowUpRepository repo(*db);
        QList<std::pair<QDateTime, qint64>> mine;
        for (int i = 0; i < 9; ++i) {
            FollowUp f;
            f.contactId = i % 3 == 0 ? b.id : a.id;
            f.assigneeId = db->currentUserId();
            f.dueAt = m_start.addDays(5 - i * 2).addSecs(i % 2 ? 0 : 60).toUTC();
            f.note = QStringLiteral("F%1").arg(i);
            QVERIFY(repo.create(f));
            if (f.contactId == a.id)
                mine.append({ f.dueAt, f.id });
        }
        std::sort(mine.begin(), mine.end());
        FollowUpModel model(*db, FollowUpModel::Mode::Flat);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.rowCount(), 0);
        model.setContactId(a.id);
        QVERIFY(model.refresh());
        QList<qint64> expected;
        for (const auto &[due, id] : mine)
            expected.append(id);
        QCOMPARE(model.ids(), expected);
        QCOMPARE(model.rowCount(), int(expected.size()));
        QVERIFY(!model.parent(model.index(0, 0)).isValid());
        QCOMPARE(model.index(0, 0).data(FollowUpModel::OverdueRole).toBool(), mine.first().first < m_start);

        QVERIFY(repo.complete(expected.at(1)));
        expected.removeAt(1);
        QVERIFY(model.refresh());
        QCOMPARE(model.ids(), expected);

        model.setContactId(b.id);
        QVERIFY(model.refresh());
        QCOMPARE(model.rowCount(), 3);
        model.setContactId(0);
        QVERIFY(model.refresh());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestFollowUpModel)
#include "tst_followupmodel.moc"
