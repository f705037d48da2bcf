#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/coveragerepository.h"
#include "storage/migrator.h"
#include "storage/organizationrepository.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

namespace {

qint64 contact(Database &db, const QString &name, qint64 orgId = 0)
{
    Contact c;
    c.displayName = name;
    c.organizationId = orgId;
    return ContactRepository(db).create(c).ok() ? c.id : -1;
}

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return QVariant();
    return q.value(0);
}

// A synced item as the sync stores it (the test's own SQL).
qint64 synced(Database &db, qint64 contactId, const QString &source, const QString &channel, const QString &body,
    qint64 at, const QString &url = QString())
{
    static int n = 0;
    QSqlQuery q(db.connection());
    q.prepare(
        QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, body, url, source, "
                       "external_id, created_at, updated_at, version) VALUES (:c, :ch, 'inbound', :at, :body, "
                       ":url, :src, :ext, :at, :at, 1) RETURNING id"));
    q.bindValue(QStringLiteral(":c"), contactId);
    q.bindValue(QStringLiteral(":ch"), channel);
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":body"), body);
    q.bindValue(QStringLiteral(":url"), url.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(url));
    q.bindValue(QStringLiteral(":src"), source);
    q.bindValue(QStringLiteral(":ext"), QStringLiteral("ext-%1").arg(++n));
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

struct Fixture
{
    qint64 campaignId = 0;
    qint64 outletId = 0;
    qint64 authorId = 0;
    qint64 pitchId = 0;
};

Fixture fixture(Database &db, const QStringList &topics = {})
{
    Fixture f;
    Organization outlet;
    outlet.name = QStringLiteral("The Daily Circuit");
    outlet.kind = QStringLiteral("online");
    if (!OrganizationRepository(db).create(outlet).ok())
        return f;
    f.outletId = outlet.id;
    Campaign c;
    c.name = QStringLiteral("Pulse ring launch");
    c.topics = topics;
    CampaignRepository(db).create(c).ok();
    f.campaignId = c.id;
    f.authorId = contact(db, QStringLiteral("Amara Okafor"), outlet.id);
    Result<Pitch> p = CampaignRepository(db).addPitch(c.id, f.authorId);
    f.pitchId = p ? p->id : -1;
    return f;
}

} // namespace

class TestCoverageRepository final : public QObject
{
    Q_OBJECT

private slots:
    void sameArticleNeverTwice_data() { TestDatabase::addBackends(); }
    void sameArticleNeverTwice()
    {
        OPEN_TEST_DATABASE(db);
        const Fixture f = fixture(*db);
        CoverageRepository repo(*db);
        Coverage a;
        a.campaignId = f.campaignId;
        a.organizationId = f.outletId;
        a.contactId = f.authorId;
        a.title = QStringLiteral("Lumora's Pulse ring, reviewed");
        a.url = QStringLiteral("https://www.dailycircuit.example/2026/05/pulse-ring?utm_source=newsletter");
        a.publishedAt = QDateTime(QDate(2026, 5, 4), QTime(8, 0), Qt::UTC);
        a.reach = 120000;
        a.sentiment = 1;
        a.sentimentKnown = true;
        QVERIFY(repo.create(a).ok());
        QCOMPARE(a.urlKey, QStringLiteral("dailycircuit.example/2026/05/pulse-ring"));

        Coverage b;
        b.campaignId = f.campaignId;
        b.title = QStringLiteral("The same piece, pasted again");
        b.url = QStringLiteral("http://DailyCircuit.example/2026/05/pulse-ring/#top");
        const Status dup = repo.create(b);
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, Error::Code::Conflict);
        QCOMPARE(dup.error().field, QStringLiteral("url"));
        QVERIFY2(dup.error().message.contains(a.title), qPrintable(dup.error().message));
        QVERIFY2(dup.error().message.contains(QStringLiteral("The Daily Circuit")), qPrintable(dup.error().message));
        QCOMPARE(b.id, 0);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM coverage")).toInt(), 1);

        // Editing another row onto the same address is refused the same way.
        Coverage other;
        other.campaignId = f.campaignId;
        other.title = QStringLiteral("A different piece");
        other.url = QStringLiteral("https://dailycircuit.example/2026/05/other");
        QVERIFY(repo.create(other).ok());
        other.url = b.url;
        QCOMPARE(repo.update(other).error().field, QStringLiteral("url"));
        QCOMPARE(repo.get(other.id)->urlKey, QStringLiteral("dailycircuit.example/2026/05/other"));

        // Once the first is in the trash the address is free; restoring it then is refused, naming the new one.
        QVERIFY(repo.moveToTrash(a.id).ok());
        QVERIFY(repo.create(b).ok());
        const Status restored = repo.restore(a.id);
        QCOMPARE(restored.error().code, Error::Code::Conflict);
        QVERIFY2(restored.error().message.contains(b.title), qPrintable(restored.error().message));

        // The unique index backs it up for a writer that skips the check.
        QSqlQuery q(db->connection());
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO coverage (title, url_key, created_at, updated_at, version) "
                                       "VALUES ('x', 'dailycircuit.example/2026/05/pulse-ring', 0, 0, 1)")));
    }

    void notAUrl_data() { TestDatabase::addBackends(); }
    void notAUrl()
    {
        OPEN_TEST_DATABASE(db);
        const Fixture f = fixture(*db);
        CoverageRepository repo(*db);
        Coverage c;
        c.campaignId = f.campaignId;
        c.title = QStringLiteral("Radio interview");
        c.url = QStringLiteral("the interview on Monday");
        const Status s = repo.create(c);
        QCOMPARE(s.error().code, Error::Code::Validation);
        QCOMPARE(s.error().field, QStringLiteral("url"));
        c.url.clear(); // broadcast coverage without an address is fine, and several may have none
        QVERIFY(repo.create(c).ok());
        Coverage d = c;
        d.id = 0;
        QVERIFY(repo.create(d).ok());
        c.title = QStringLiteral("  ");
        QCOMPARE(repo.update(c).error().field, QStringLiteral("title"));
        // Without a scheme the address is taken as https.
        Coverage e;
        e.title = QStringLiteral("Blog");
        e.url = QStringLiteral("blog.example.org/pulse");
        QVERIFY(repo.create(e).ok());
        QCOMPARE(repo.get(e.id)->url, QStringLiteral("https://blog.example.org/pulse"));
    }

    void linkingMovesThePitch_data() { TestDatabase::addBackends(); }
    void linkingMovesThePitch()
    {
        OPEN_TEST_DATABASE(db);
        const Fixture f = fixture(*db);
        QVERIFY(CampaignRepository(*db).setPitchStatus(f.pitchId, QStringLiteral("interested")).ok());
        CoverageRepository repo(*db);
        Coverage c;
        c.campaignId = f.campaignId;
        c.pitchId = f.pitchId;
        c.contactId = f.authorId;
        c.title = QStringLiteral("First look: the Pulse ring");
        c.url = QStringLiteral("https://dailycircuit.example/first-look");
        QString before;
        QVERIFY(repo.create(c, &before).ok());
        QCOMPARE(before, QStringLiteral("interested"));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT status FROM pitches WHERE id = %1").arg(f.pitchId)).toString(),
            QStringLiteral("covered"));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT from_status, to_status, moved_at, moved_by FROM pitch_moves "
                                      "WHERE pitch_id = %1 ORDER BY id DESC")
                           .arg(f.pitchId)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("interested"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("covered"));
        QVERIFY(q.value(2).toLongLong() > 0);
        QCOMPARE(q.value(3).toLongLong(), db->currentUserId() > 0 ? db->currentUserId() : 0);
        q.finish();

        const QList<CoverageRepository::Row> rows = *repo.list(f.campaignId);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().pitchContact, QStringLiteral("Amara Okafor"));
        QCOMPARE(rows.first().pitchStatus, QStringLiteral("covered"));
        QCOMPARE(rows.first().author, QStringLiteral("Amara Okafor"));

        // The undo of the link: coverage to the trash and the pitch back where it was.
        QVERIFY(repo.moveToTrash(c.id).ok());
        QVERIFY(repo.movePitch(f.pitchId, before).ok());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT status FROM pitches WHERE id = %1").arg(f.pitchId)).toString(),
            QStringLiteral("interested"));

        // A pitch of another campaign cannot be linked; nothing is written.
        Campaign otherCampaign;
        otherCampaign.name = QStringLiteral("Other");
        QVERIFY(CampaignRepository(*db).create(otherCampaign).ok());
        Coverage wrong;
        wrong.campaignId = otherCampaign.id;
        wrong.pitchId = f.pitchId;
        wrong.title = QStringLiteral("Wrong link");
        QCOMPARE(repo.create(wrong).error().field, QStringLiteral("pitch"));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM coverage")).toInt(), 1);
    }

    void proposals_data() { TestDatabase::addBackends(); }
    void proposals()
    {
        OPEN_TEST_DATABASE(db);
        const Fixture f = fixture(*db, { QStringLiteral("smart home"), QStringLiteral("wearable") });
        CampaignRepository campaigns(*db);
        QVERIFY(campaigns.setPitchStatus(f.pitchId, QStringLiteral("pitched")).ok());
        const qint64 pitchedAt = campaigns.pitches(f.campaignId)->first().pitchedAt.toMSecsSinceEpoch();
        const qint64 hour = 3'600'000;
        const qint64 notPitched = contact(*db, QStringLiteral("Ben Ode"));

        const qint64 post = synced(*db, f.authorId, QStringLiteral("mastodon"), QStringLiteral("post"),
            QStringLiteral("Tried the new Pulse ring: the best wearables I have worn this year."), pitchedAt + hour,
            QStringLiteral("https://mastodon.example/@amara/1"));
        const qint64 feed = synced(*db, f.authorId, QStringLiteral("feed"), QStringLiteral("post"),
            QStringLiteral("Smart homes get a new hub"), pitchedAt + 2 * hour,
            QStringLiteral("https://dailycircuit.example/smart-homes?utm_source=rss"));
        synced(*db, f.authorId, QStringLiteral("mastodon"), QStringLiteral("post"),
            QStringLiteral("A wearable story before the pitch"), pitchedAt - 24 * hour);
        synced(*db, f.authorId, QStringLiteral("mastodon"), QStringLiteral("direct_message"),
            QStringLiteral("About that wearable: send me a sample"), pitchedAt + hour);
        synced(*db, f.authorId, QStringLiteral("bluesky"), QStringLiteral("post"),
            QStringLiteral("Nothing about the topics here"), pitchedAt + hour);
        synced(*db, f.authorId, QStringLiteral("manual"), QStringLiteral("note"), QStringLiteral("Wearable call notes"),
            pitchedAt + hour);
        synced(*db, notPitched, QStringLiteral("mastodon"), QStringLiteral("post"),
            QStringLiteral("My wearable review"), pitchedAt + hour);
        synced(*db, f.authorId, QStringLiteral("bluesky"), QStringLiteral("post"),
            QStringLiteral("smart speakers at home"), pitchedAt + hour); // not the phrase "smart home"

        CoverageRepository repo(*db);
        QList<CoverageRepository::Proposal> proposed = *repo.proposals(f.campaignId);
        QCOMPARE(proposed.size(), 2);
        QCOMPARE(proposed.at(0).interactionId, feed); // newest first
        QCOMPARE(proposed.at(1).interactionId, post);
        QCOMPARE(proposed.at(1).author, QStringLiteral("Amara Okafor"));
        QCOMPARE(proposed.at(1).outlet, QStringLiteral("The Daily Circuit"));
        QCOMPARE(proposed.at(1).pitchId, f.pitchId);

        // Dismissed: not proposed again; undismissed (undo): back.
        QVERIFY(repo.dismissProposal(f.campaignId, post).ok());
        QCOMPARE(repo.proposals(f.campaignId)->size(), 1);
        QVERIFY(repo.undismissProposal(f.campaignId, post).ok());
        QCOMPARE(repo.proposals(f.campaignId)->size(), 2);

        // Accepted: coverage from the post, the pitch covered, no longer proposed.
        Coverage c;
        QString before;
        QVERIFY(repo.acceptProposal(f.campaignId, post, c, &before).ok());
        QCOMPARE(before, QStringLiteral("pitched"));
        QCOMPARE(c.interactionId, post);
        QCOMPARE(c.contactId, f.authorId);
        QCOMPARE(c.organizationId, f.outletId);
        QCOMPARE(c.pitchId, f.pitchId);
        QCOMPARE(c.urlKey, QStringLiteral("mastodon.example/@amara/1"));
        QVERIFY(c.title.startsWith(QStringLiteral("Tried the new Pulse ring")));
        QCOMPARE(repo.proposals(f.campaignId)->size(), 1);

        // The feed item's article recorded by hand already (another address form): not proposed.
        Coverage manual;
        manual.campaignId = f.campaignId;
        manual.title = QStringLiteral("Smart homes get a new hub");
        manual.url = QStringLiteral("https://www.dailycircuit.example/smart-homes/");
        QVERIFY(repo.create(manual).ok());
        QVERIFY(repo.proposals(f.campaignId)->isEmpty());

        // No topics: nothing proposed.
        Campaign none = *campaigns.get(f.campaignId);
        none.topics.clear();
        QVERIFY(campaigns.update(none).ok());
        QVERIFY(repo.proposals(f.campaignId)->isEmpty());
    }

    // Rows from before schema 6 (no url_key): the first of each article gets the key, later copies and
    // addresses that are not web addresses stay without; a trashed copy gets its key (the index holds among
    // live rows only).
    void backfillUrlKeys_data() { TestDatabase::addBackends(); }
    void backfillUrlKeys()
    {
        OPEN_TEST_DATABASE(db);
        QSqlQuery q(db->connection());
        const QStringList urls { QStringLiteral("https://www.a.example/story?utm_source=x"),
            QStringLiteral("http://a.example/story/"), QStringLiteral("the Monday paper"),
            QStringLiteral("https://b.example/other"), QStringLiteral("https://a.example/story#top") };
        QList<qint64> ids;
        for (int i = 0; i < urls.size(); ++i) {
            q.prepare(QStringLiteral("INSERT INTO coverage (title, url, created_at, updated_at, version, deleted_at) "
                                     "VALUES (:t, :u, 0, 0, 1, :d) RETURNING id"));
            q.bindValue(QStringLiteral(":t"), QStringLiteral("Article %1").arg(i));
            q.bindValue(QStringLiteral(":u"), urls.at(i));
            q.bindValue(QStringLiteral(":d"), i == 4 ? QVariant(qint64(5)) : QVariant(QMetaType::fromType<qint64>()));
            QVERIFY(q.exec() && q.next());
            ids.append(q.value(0).toLongLong());
            q.finish();
        }
        Transaction tx(*db);
        Result<int> keyed = CoverageRepository::backfillUrlKeys(*db);
        QVERIFY2(keyed, qPrintable(keyed ? QString() : keyed.error().message));
        QVERIFY(tx.commit().ok());
        QCOMPARE(*keyed, 3);
        auto keyOf = [&](qint64 id) {
            return scalar(*db, QStringLiteral("SELECT url_key FROM coverage WHERE id = %1").arg(id));
        };
        QCOMPARE(keyOf(ids[0]).toString(), QStringLiteral("a.example/story"));
        QVERIFY(keyOf(ids[1]).isNull());
        QVERIFY(keyOf(ids[2]).isNull());
        QCOMPARE(keyOf(ids[3]).toString(), QStringLiteral("b.example/other"));
        QCOMPARE(keyOf(ids[4]).toString(), QStringLiteral("a.example/story"));
        // Running it again changes nothing.
        Transaction again(*db);
        QCOMPARE(*CoverageRepository::backfillUrlKeys(*db), 0);
        QVERIFY(again.commit().ok());
    }

    // A version-6 database with coverage from before (url_key NULL) is keyed by the migration to version 8.
    void migrationKeysOldCoverage_data() { TestDatabase::addBackends(); }
    void migrationKeysOldCoverage()
    {
        QFETCH(QString, backend);
        Result<DatabaseLocation> location = TestDatabase::freshLocation(backend);
        if (!location && location.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
            QSKIP("PostgreSQL is not configured");
        QVERIFY(location.ok());
        auto opened = Database::open(*location, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        std::unique_ptr<Database> db = std::move(opened).value();
        QList<Migrator::Migration> upToSix;
        for (const Migrator::Migration &m : Migrator::standardMigrations())
            if (m.version <= 6)
                upToSix.append(m);
        QVERIFY(Migrator(*db, upToSix).migrate().ok());
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO coverage (title, url, created_at, updated_at, version) VALUES "
                                      "('First', 'https://www.a.example/story?utm_medium=social', 0, 0, 1), "
                                      "('Copy', 'http://a.example/story/', 0, 0, 1)")));
        Result<MigrationReport> report = Migrator(*db).migrate();
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(*db->schemaVersion(), Migrator::latestVersion());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT url_key FROM coverage WHERE title = 'First'")).toString(),
            QStringLiteral("a.example/story"));
        QVERIFY(scalar(*db, QStringLiteral("SELECT url_key FROM coverage WHERE title = 'Copy'")).isNull());
    }
};

QTEST_GUILESS_MAIN(TestCoverageRepository)
#include "tst_coveragerepository.moc"
