#include "interactionfixtures.h"
#include "itemmodels/timelinemodel.h"
#include "storage/interactionrepository.h"
#include "storage/syncrepository.h"
#include "storage/timelinequery.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>

#include <algorithm>

using namespace Fixtures;

namespace {

using Key = std::tuple<qint64, qint64, int>; // at, id, kind: the timeline order, descending

Key keyOf(const TimelineEntry &e)
{
    return { e.at.toMSecsSinceEpoch(), e.id, int(e.kind) };
}

// Reads a whole timeline page by page.
QList<TimelineEntry> readAll(Database &db, const TimelineFilter &filter, int pageSize)
{
    QList<TimelineEntry> all;
    TimelineQuery query(db, filter);
    std::optional<TimelineCursor> after;
    for (int guard = 0; guard < 1000; ++guard) {
        Result<QList<TimelineEntry>> page = query.page(after, pageSize);
        if (!page) {
            qWarning() << page.error().message;
            return {};
        }
        all += *page;
        if (page->size() < pageSize)
            break;
        after = TimelineCursor::after(page->constLast());
    }
    return all;
}

} // namespace

class TestTimeline final : public QObject
{
    Q_OBJECT

private slots:
    void tiesAcrossPageBoundaries_data() { TestDatabase::addBackends(); }
    void tiesAcrossPageBoundaries()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = contact(*db, QStringLiteral("A"));
        const qint64 other = contact(*db, QStringLiteral("Other"));
        InteractionRepository repo(*db);
        const QDateTime base = QDateTime::currentDateTimeUtc().addDays(-30);
        // 25 interactions on only 4 distinct timestamps, so every page boundary falls inside a tie.
        for (int n = 0; n < 25; ++n) {
            Interaction i = interaction(n % 7 == 0 ? other : a, base.addSecs(3600 * (n % 4)));
            QVERIFY(repo.create(i).ok());
        }
        TimelineFilter f;
        f.scopeId = a;
        const QList<TimelineEntry> whole = readAll(*db, f, 1000);
        QCOMPARE(whole.size(), 21);
        QVERIFY(std::is_sorted(whole.cbegin(), whole.cend(),
            [](const TimelineEntry &x, const TimelineEntry &y) { return keyOf(x) > keyOf(y); }));
        for (int pageSize : { 1, 2, 3, 7, 20, 21 }) {
            const QList<TimelineEntry> paged = readAll(*db, f, pageSize);
            QCOMPARE(paged.size(), whole.size());
            for (int n = 0; n < whole.size(); ++n)
                QCOMPARE(keyOf(paged[n]), keyOf(whole[n]));
        }
    }

    void pitchesAndCoverageMerged_data() { TestDatabase::addBackends(); }
    void pitchesAndCoverageMerged()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 org
            = insert(*db, QStringLiteral("organizations"), { { QStringLiteral("name"), QStringLiteral("Ledger") } });
        const qint64 a = contact(*db, QStringLiteral("A"), org);
        const qint64 b = contact(*db, QStringLiteral("B"), org);
        InteractionRepository repo(*db);
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-20);
        Interaction first = interaction(a, t0);
        QVERIFY(repo.create(first).ok());
        Interaction second = interaction(a, t0.addDays(2), QStringLiteral("call"), QStringLiteral("inbound"));
        QVERIFY(repo.create(second).ok());
        Interaction fromB = interaction(b, t0.addDays(3), QStringLiteral("meeting"));
        QVERIFY(repo.create(fromB).ok());
        const qint64 campaign
            = insert(*db, QStringLiteral("campaigns"), { { QStringLiteral("name"), QStringLiteral("Spring launch") } });
        // The pitch shares its id and time with an interaction: the kind breaks the tie.
        QSqlQuery q(db->connection());
        q.prepare(
            QStringLiteral("INSERT INTO pitches (id, campaign_id, contact_id, status, pitched_at, replied_at, "
                           "created_at, updated_at, version) VALUES (:id, :c, :contact, 'replied', :p, :r, 0, 0, 1)"));
        q.bindValue(QStringLiteral(":id"), second.id);
        q.bindValue(QStringLiteral(":c"), campaign);
        q.bindValue(QStringLiteral(":contact"), a);
        q.bindValue(QStringLiteral(":p"), ms(second.occurredAt));
        q.bindValue(QStringLiteral(":r"), ms(t0.addDays(4)));
        QVERIFY(q.exec());
        insert(*db, QStringLiteral("coverage"),
            { { QStringLiteral("title"), QStringLiteral("Spring launch review") }, { QStringLiteral("contact_id"), a },
                { QStringLiteral("campaign_id"), campaign }, { QStringLiteral("published_at"), ms(t0.addDays(5)) } });

        TimelineFilter f;
        f.scopeId = a;
        for (int pageSize : { 1, 2, 100 }) {
            const QList<TimelineEntry> all = readAll(*db, f, pageSize);
            QCOMPARE(all.size(), 5);
            QCOMPARE(all[0].kind, TimelineEntry::Kind::Coverage);
            QCOMPARE(all[0].title, QStringLiteral("Spring launch review"));
            QCOMPARE(all[1].kind, TimelineEntry::Kind::PitchReply);
            QCOMPARE(all[1].campaignName, QStringLiteral("Spring launch"));
            QCOMPARE(all[2].kind, TimelineEntry::Kind::Pitch);
            QCOMPARE(all[3].kind, TimelineEntry::Kind::Interaction);
            QCOMPARE(all[3].id, second.id);
            QCOMPARE(all[4].id, first.id);
        }
        f.channels = { QStringLiteral("call") };
        QCOMPARE(readAll(*db, f, 10).size(), 1);
        f.channels = { QStringLiteral("pitch"), TimelineFilter::kCoverage };
        QCOMPARE(readAll(*db, f, 10).size(), 3);

        // The organization's people, merged.
        TimelineFilter o;
        o.scope = TimelineFilter::Scope::Organization;
        o.scopeId = org;
        const QList<TimelineEntry> orgAll = readAll(*db, o, 2);
        QCOMPARE(orgAll.size(), 6);
        QCOMPARE(orgAll[2].contactName, QStringLiteral("B"));
    }

    void filters_data() { TestDatabase::addBackends(); }
    void filters()
    {
        OPEN_TEST_DATABASE(db);
        Result<User> sam = UserRepository(*db).ensureUser(QStringLiteral("sam"), QStringLiteral("Sam"));
        Result<User> kim = UserRepository(*db).ensureUser(QStringLiteral("kim"), QStringLiteral("Kim"));
        QVERIFY(sam.ok() && kim.ok());
        const qint64 a = contact(*db, QStringLiteral("A"));
        const qint64 gone = contact(*db, QStringLiteral("Gone"));
        InteractionRepository repo(*db);
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-40);
        Interaction i1 = interaction(a, t0, QStringLiteral("email"));
        i1.subject = QStringLiteral("Embargo for the Zürich launch");
        i1.userId = sam->id;
        Interaction i2 = interaction(a, t0.addDays(10), QStringLiteral("call"));
        i2.body = QStringLiteral("مرحبا — talked about the podcast");
        i2.userId = kim->id;
        Interaction i3 = interaction(gone, t0.addDays(20), QStringLiteral("email"));
        i3.userId = kim->id;
        QVERIFY(repo.create(i1).ok() && repo.create(i2).ok() && repo.create(i3).ok());
        QVERIFY(ContactRepository(*db).moveToTrash(gone).ok());
        // A synced post nobody is matched to yet waits in the Inbox, not in the team's activity.
        SocialAccount feed;
        feed.network = Network::Feed;
        feed.serverUrl = QStringLiteral("https://blog.example/feed.xml");
        feed.contactId = a;
        QVERIFY(SyncRepository(*db).createAccount(feed).ok());
        SyncItem unknown;
        unknown.source = QStringLiteral("feed");
        unknown.externalId = QStringLiteral("https://other.example/feed#1");
        unknown.channel = QStringLiteral("post");
        unknown.occurredAt = t0.addDays(30);
        unknown.text = QStringLiteral("Who wrote this?");
        unknown.authorNetwork = QStringLiteral("feed");
        unknown.authorHandle = QStringLiteral("other.example/feed");
        Result<IngestReport> ingested = SyncRepository(*db).ingestPage(feed, QStringLiteral("feed"), { unknown }, {});
        QVERIFY(ingested.ok());
        QCOMPARE(ingested->toInbox, 1);

        TimelineFilter f;
        f.scope = TimelineFilter::Scope::Everybody;
        QCOMPARE(readAll(*db, f, 10).size(), 2); // the trashed contact's and the Inbox item are left out
        f.text = QStringLiteral("zurich laun");
        QList<TimelineEntry> hits = readAll(*db, f, 10);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0].id, i1.id);
        f.text = QStringLiteral("مرحبا");
        QCOMPARE(readAll(*db, f, 10).size(), 1);
        f.text = QStringLiteral("?!");
        QCOMPARE(readAll(*db, f, 10).size(), 0);
        f.text.clear();
        f.userId = kim->id;
        hits = readAll(*db, f, 10);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0].id, i2.id);
        f.userId = 0;
        f.from = t0.addDays(5);
        f.to = t0.addDays(15);
        QCOMPARE(readAll(*db, f, 10).size(), 1);
        f.from = f.to = QDateTime();
        f.channels = { QStringLiteral("email") };
        QCOMPARE(readAll(*db, f, 10).size(), 1);
    }

    void modelPagesAndGroupsByDay_data() { TestDatabase::addBackends(); }
    void modelPagesAndGroupsByDay()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = contact(*db, QStringLiteral("A"));
        InteractionRepository repo(*db);
        const QDateTime noon(QDate::currentDate().addDays(-10), QTime(12, 0));
        for (int n = 0; n < 25; ++n) {
            Interaction i = interaction(a, noon.addDays(-(n / 5)).addSecs(-60 * n).toUTC());
            QVERIFY(repo.create(i).ok());
        }
        TimelineModel model(*db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(10);
        TimelineFilter f;
        f.scopeId = a;
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 10);
        QVERIFY(model.canFetchMore(QModelIndex()));
        model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), 20);
        model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), 25);
        QVERIFY(!model.canFetchMore(QModelIndex()));
        int firsts = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex idx = model.index(row);
            firsts += idx.data(TimelineModel::FirstOfDayRole).toBool() ? 1 : 0;
            QCOMPARE(idx.data(TimelineModel::DayRole).toDate(), noon.addDays(-(row / 5)).date());
        }
        QCOMPARE(firsts, 5);
        QVERIFY(model.index(0).data(TimelineModel::FirstOfDayRole).toBool());
        QVERIFY(!model.index(1).data(TimelineModel::FirstOfDayRole).toBool());
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Subject"));

        QVERIFY(repo.moveToTrash(model.index(0).data(TimelineModel::IdRole).toLongLong()).ok());
        model.reload();
        QCOMPARE(model.rowCount(), 10);
        f.channels = { QStringLiteral("meeting") };
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore(QModelIndex()));
    }
};

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
