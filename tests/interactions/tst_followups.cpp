#include "core/clock.h"
#include "interactionfixtures.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/followuprepository.h"
#include "testdatabase.h"

using namespace Fixtures;

namespace {

QDateTime local(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute)); // local time, as the user sees it
}

QList<QString> notes(const QList<FollowUp> &list)
{
    QList<QString> out;
    for (const FollowUp &f : list)
        out << f.note;
    return out;
}

} // namespace

class TestFollowUps final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); } // weeks start Monday

    void bounds()
    {
        const auto b = FollowUpRepository::bounds(local(3, 11, 10), Qt::Monday); // a Wednesday
        QCOMPARE(b.startOfToday, local(3, 11, 0));
        QCOMPARE(b.startOfTomorrow, local(3, 12, 0));
        QCOMPARE(b.startOfNextWeek, local(3, 16, 0));
        QCOMPARE(FollowUpRepository::bounds(local(3, 15, 22), Qt::Monday).startOfNextWeek, local(3, 16, 0)); // Sunday
        QCOMPARE(FollowUpRepository::bounds(local(3, 16, 8), Qt::Monday).startOfNextWeek, local(3, 23, 0)); // Monday
        QCOMPARE(FollowUpRepository::bounds(local(3, 11, 10), Qt::Sunday).startOfNextWeek, local(3, 15, 0));
    }

    void buckets_data() { TestDatabase::addBackends(); }
    void buckets()
    {
        OPEN_TEST_DATABASE(db);
        FixedClock clock(local(3, 11, 10));
        Result<User> sam = UserRepository(*db).ensureUser(QStringLiteral("sam"), QStringLiteral("Sam"));
        Result<User> kim = UserRepository(*db).ensureUser(QStringLiteral("kim"), QStringLiteral("Kim"));
        QVERIFY(sam.ok() && kim.ok());
        const qint64 a = contact(*db, QStringLiteral("A"));
        const qint64 gone = contact(*db, QStringLiteral("Gone"));
        FollowUpRepository repo(*db);
        auto add = [&](const QString &note, const QDateTime &due, qint64 assignee, qint64 contactId) {
            FollowUp f;
            f.contactId = contactId;
            f.assigneeId = assignee;
            f.dueAt = due;
            f.note = note;
            const Status s = repo.create(f);
            return s.ok() ? f.id : 0;
        };
        const qint64 yesterday = add(QStringLiteral("yesterday"), local(3, 10, 9), sam->id, a);
        add(QStringLiteral("earlier today"), local(3, 11, 9, 59), kim->id, a);
        const qint64 afternoon = add(QStringLiteral("this afternoon"), local(3, 11, 15), sam->id, a);
        add(QStringLiteral("friday"), local(3, 13, 9), sam->id, a);
        add(QStringLiteral("sunday night"), local(3, 15, 23), kim->id, a);
        add(QStringLiteral("next monday"), local(3, 16, 0), sam->id, a);
        add(QStringLiteral("april"), local(4, 1, 9), sam->id, a);
        add(QStringLiteral("for a trashed contact"), local(3, 9, 9), sam->id, gone);
        QVERIFY(ContactRepository(*db).moveToTrash(gone).ok());

        Result<FollowUpRepository::Buckets> all = repo.buckets();
        QVERIFY(all.ok());
        QCOMPARE(
            notes(all->overdue), (QList<QString> { QStringLiteral("yesterday"), QStringLiteral("earlier today") }));
        QCOMPARE(notes(all->today), QList<QString> { QStringLiteral("this afternoon") });
        QCOMPARE(notes(all->thisWeek), (QList<QString> { QStringLiteral("friday"), QStringLiteral("sunday night") }));
        QCOMPARE(notes(all->later), (QList<QString> { QStringLiteral("next monday"), QStringLiteral("april") }));
        QCOMPARE(all->overdueCount, 2);
        QCOMPARE(all->today.constFirst().contactName, QStringLiteral("A"));
        QCOMPARE(all->today.constFirst().assigneeName, QStringLiteral("Sam"));
        QCOMPARE(*repo.overdueCount(kim->id), 1);
        QCOMPARE(*repo.overdueCount(0, 1), 1); // capped

        // Snooze a week, complete, reassign.
        QVERIFY(repo.snooze(yesterday, Clock::now().addDays(7)).ok());
        QVERIFY(repo.complete(afternoon).ok());
        QVERIFY(repo.reassign(yesterday, kim->id).ok());
        all = repo.buckets(kim->id);
        QVERIFY(all.ok());
        QCOMPARE(notes(all->overdue), QList<QString> { QStringLiteral("earlier today") });
        QCOMPARE(all->today.size(), 0);
        QCOMPARE(notes(all->later), QList<QString> { QStringLiteral("yesterday") });
        QCOMPARE(*repo.overdueCount(), 1);
        QVERIFY(!repo.get(afternoon)->doneAt.isNull());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'follow_up'")), 11);

        // Time passes: tomorrow, "friday" is still this week and the snoozed one is not due yet.
        clock.advanceDays(1);
        all = repo.buckets();
        QVERIFY(all.ok());
        QCOMPARE(all->overdueCount, 1);
        QCOMPARE(notes(all->thisWeek), (QList<QString> { QStringLiteral("friday"), QStringLiteral("sunday night") }));
    }

    // The counts leave out the follow-ups of trashed contacts without joining the contacts (schema v19): a
    // campaign's follow-up has no contact and still counts (NULL NOT IN (...) is NULL, not true), and a contact
    // back from the trash brings its follow-ups back into the counts.
    void countsKeepCampaignFollowUpsAndRestoredContacts_data() { TestDatabase::addBackends(); }
    void countsKeepCampaignFollowUpsAndRestoredContacts()
    {
        OPEN_TEST_DATABASE(db);
        FixedClock clock(local(3, 11, 10));
        Campaign campaign;
        campaign.name = QStringLiteral("Spring launch");
        QVERIFY(CampaignRepository(*db).create(campaign).ok());
        const qint64 a = contact(*db, QStringLiteral("A"));
        const qint64 b = contact(*db, QStringLiteral("B"));
        FollowUpRepository repo(*db);
        auto add = [&](const QString &note, const QDateTime &due, qint64 contactId, qint64 campaignId) {
            FollowUp f;
            f.contactId = contactId;
            f.campaignId = campaignId;
            f.dueAt = due;
            f.note = note;
            QVERIFY(repo.create(f).ok());
        };
        add(QStringLiteral("campaign, overdue"), local(3, 10, 9), 0, campaign.id);
        add(QStringLiteral("campaign, later"), local(4, 2, 9), 0, campaign.id);
        add(QStringLiteral("A, overdue"), local(3, 9, 9), a, 0);
        add(QStringLiteral("B, overdue"), local(3, 8, 9), b, campaign.id);
        add(QStringLiteral("B, this week"), local(3, 13, 9), b, 0);

        auto counts = [&] {
            Result<FollowUpRepository::Buckets> all = repo.buckets();
            return all ? all->counts : std::array<int, 4> { -1, -1, -1, -1 };
        };
        QCOMPARE(counts(), (std::array<int, 4> { 3, 0, 1, 1 }));
        QCOMPARE(*repo.overdueCount(), 3);

        QVERIFY(ContactRepository(*db).moveToTrash(b).ok());
        QCOMPARE(counts(), (std::array<int, 4> { 2, 0, 0, 1 }));
        QCOMPARE(*repo.overdueCount(), 2);
        Result<FollowUpRepository::Buckets> all = repo.buckets();
        QVERIFY(all.ok());
        QCOMPARE(notes(all->overdue), (QList<QString> { QStringLiteral("A, overdue"), QStringLiteral("campaign, overdue") }));

        QVERIFY(ContactRepository(*db).restore(b).ok());
        QCOMPARE(counts(), (std::array<int, 4> { 3, 0, 1, 1 }));
        QCOMPARE(*repo.overdueCount(), 3);
    }

    void updateConflictAndValidation_data() { TestDatabase::addBackends(); }
    void updateConflictAndValidation()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = contact(*db, QStringLiteral("A"));
        FollowUpRepository repo(*db);
        FollowUp f;
        QCOMPARE(repo.create(f).error().field, QStringLiteral("contactId"));
        f.contactId = a;
        QCOMPARE(repo.create(f).error().field, QStringLiteral("dueAt"));
        f.dueAt = QDateTime(QDate(1850, 1, 1), QTime(9, 0));
        QCOMPARE(repo.create(f).error().field, QStringLiteral("dueAt"));
        f.dueAt = QDateTime::currentDateTime().addDays(2);
        f.note = QStringLiteral("Call back about the review 📞");
        QVERIFY(repo.create(f).ok());
        FollowUp stale = f;
        f.note = QStringLiteral("Changed");
        QVERIFY(repo.update(f).ok());
        QCOMPARE(repo.update(stale).error().code, Error::Code::Conflict);
        QVERIFY(repo.moveToTrash(f.id).ok());
        QCOMPARE(repo.buckets()->thisWeek.size() + repo.buckets()->later.size() + repo.buckets()->today.size(), 0);
        QVERIFY(repo.restore(f.id).ok());
        QCOMPARE(repo.snooze(f.id, QDateTime(QDate(3000, 1, 1), QTime(0, 0))).error().code, Error::Code::Validation);
        QCOMPARE(repo.complete(424242).error().code, Error::Code::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestFollowUps)
#include "tst_followups.moc"
