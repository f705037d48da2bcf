// PitchSuggestions: who to pitch for a campaign, ranked with the reasons, on SQLite and PostgreSQL
// (docs/PITCHING.md). The people and their histories are written through the repositories (pitches and
// coverage with the test's own SQL, to put them at chosen times); the ranking is read back by id.
#include "domain/campaign.h"
#include "plurals.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/interactionrepository.h"
#include "storage/organizationrepository.h"
#include "storage/pitchrepository.h"
#include "storage/pitchsuggestions.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace {

constexpr qint64 kDay = 86400000;

struct Person
{
    QString name;
    QStringList beats;
    QStringList tags;
    int health = 50;
    bool consent = true;
    bool doNotContact = false;
    QString kind = QStringLiteral("journalist");
    QString channel;
};

Person who(const QString &name, const QStringList &beats = {}, const QStringList &tags = {}, int health = 50)
{
    Person p;
    p.name = name;
    p.beats = beats;
    p.tags = tags;
    p.health = health;
    return p;
}

// A small agency: one client with two campaigns (the one to suggest for, and an earlier one), another client's
// campaign, and people added one by one.
class Agency
{
public:
    explicit Agency(Database &db)
        : m_db(db)
    {
        m_now = QDateTime::currentDateTimeUtc();
        Organization client;
        client.name = QStringLiteral("Lumora Home");
        client.kind = QStringLiteral("client");
        QVERIFY(OrganizationRepository(db).create(client).ok());
        Organization other;
        other.name = QStringLiteral("Beacon Foods");
        other.kind = QStringLiteral("client");
        QVERIFY(OrganizationRepository(db).create(other).ok());
        Campaign launch;
        launch.clientId = client.id;
        launch.name = QStringLiteral("Smart thermostat launch");
        launch.topics = { QStringLiteral("smart homes"), QStringLiteral("consumer tech") };
        QVERIFY(CampaignRepository(db).create(launch).ok());
        campaign = launch.id;
        Campaign earlier;
        earlier.clientId = client.id;
        earlier.name = QStringLiteral("Lumora spring push");
        QVERIFY(CampaignRepository(db).create(earlier).ok());
        earlierCampaign = earlier.id;
        Campaign beacon;
        beacon.clientId = other.id;
        beacon.name = QStringLiteral("Cold brew range");
        QVERIFY(CampaignRepository(db).create(beacon).ok());
        otherCampaign = beacon.id;
    }

    qint64 add(const Person &p)
    {
        Contact c;
        c.displayName = p.name;
        c.beats = p.beats;
        c.tags = p.tags;
        c.kind = p.kind;
        c.consentBasis = p.consent ? QStringLiteral("legitimate_interest") : QString();
        c.doNotContact = p.doNotContact;
        c.doNotContactReason = p.doNotContact ? QStringLiteral("asked in writing") : QString();
        c.preferredChannel = p.channel;
        if (Status s = ContactRepository(m_db).create(c); !s) {
            qWarning() << s.error().message;
            return 0;
        }
        exec(QStringLiteral("UPDATE contacts SET health_score = %1 WHERE id = %2").arg(p.health).arg(c.id));
        return c.id;
    }

    // A post of theirs (inbound, channel "post") `days` ago; or another interaction with their subject, e.g. a
    // synced mention (source "mastodon") or our own side of a conversation (direction "outbound"). Returns its id.
    qint64 post(qint64 contact, int days, const QString &subject, const QString &channel = QStringLiteral("post"),
        const QString &direction = QStringLiteral("inbound"), const QString &source = QStringLiteral("manual"))
    {
        Interaction i;
        i.contactId = contact;
        i.channel = channel;
        i.direction = direction;
        i.source = source;
        if (source != u"manual")
            i.externalId = QStringLiteral("%1-%2-%3").arg(source).arg(contact).arg(++m_externalIds);
        i.occurredAt = m_now.addMSecs(-days * kDay);
        i.subject = subject;
        i.body = QStringLiteral("A few paragraphs.");
        [&] { QVERIFY(InteractionRepository(m_db).create(i).ok()); }();
        // Health is what the test says, not what the post made of it.
        exec(QStringLiteral("UPDATE contacts SET health_score = 50 WHERE id = %1").arg(contact));
        return i.id;
    }

    // A pitch to them for `campaignId`, pitched `days` ago, in `status`.
    void pitch(qint64 campaignId, qint64 contact, int days, const QString &status)
    {
        const qint64 at = m_now.toMSecsSinceEpoch() - days * kDay;
        exec(QStringLiteral("INSERT INTO pitches (campaign_id, contact_id, status, pitched_at, replied_at, created_at, "
                            "updated_at, version) VALUES (%1, %2, '%3', %4, %5, %4, %4, 1)")
                 .arg(campaignId)
                 .arg(contact)
                 .arg(status)
                 .arg(at)
                 .arg(status == u"pitched" ? QStringLiteral("NULL") : QString::number(at + kDay)));
    }

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db.connection());
        if (!q.exec(sql))
            QFAIL(qPrintable(q.lastError().text() + u' ' + sql));
    }

    PitchSuggestionList suggest()
    {
        Result<PitchSuggestionList> r = PitchSuggestions::find(m_db, campaign, 100, m_now);
        if (!r)
            qWarning() << r.error().message;
        return r ? *r : PitchSuggestionList();
    }

    qint64 campaign = 0;
    qint64 earlierCampaign = 0;
    qint64 otherCampaign = 0;

private:
    Database &m_db;
    QDateTime m_now;
    int m_externalIds = 0;
};

QList<qint64> ids(const PitchSuggestionList &list)
{
    QList<qint64> out;
    for (const PitchSuggestion &s : list.rows)
        out << s.contactId;
    return out;
}

const PitchSuggestion *row(const PitchSuggestionList &list, qint64 id)
{
    for (const PitchSuggestion &s : list.rows)
        if (s.contactId == id)
            return &s;
    return nullptr;
}

QStringList reasons(const PitchSuggestionList &list, qint64 id)
{
    QStringList out;
    if (const PitchSuggestion *s = row(list, id))
        for (const PitchScore::Reason &r : s->score.reasons)
            out << r.text;
    return out;
}

} // namespace

class TestPitchSuggestions final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(Plurals::installEnglish());
    }

    void beatMatchRanksAboveNoMatch_data() { TestDatabase::addBackends(); }
    void beatMatchRanksAboveNoMatch()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        const qint64 tagged = a.add(who(QStringLiteral("Tagged Only"), {}, { QStringLiteral("smart home") }));
        const qint64 nothing = a.add(who(QStringLiteral("Covers Retail"), { QStringLiteral("retail") }));
        const qint64 beat = a.add(who(QStringLiteral("Covers Tech"), { QStringLiteral("Consumer Tech") }));
        const PitchSuggestionList list = a.suggest();
        QCOMPARE(list.topics, QStringList({ QStringLiteral("smart homes"), QStringLiteral("consumer tech") }));
        QCOMPARE(ids(list), QList<qint64>({ beat, tagged }));
        QVERIFY(!ids(list).contains(nothing));
        QCOMPARE(list.candidates, 2);
        QCOMPARE(reasons(list, beat).constFirst(), QStringLiteral("covers Consumer Tech"));
        QCOMPARE(reasons(list, tagged).constFirst(), QStringLiteral("tagged smart home"));
    }

    void recentMatchingPostAddsItsReason_data() { TestDatabase::addBackends(); }
    void recentMatchingPostAddsItsReason()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        const qint64 quiet = a.add(who(QStringLiteral("Anna Quiet"), { QStringLiteral("consumer tech") }));
        const qint64 writer = a.add(who(QStringLiteral("Zoe Writer"), { QStringLiteral("consumer tech") }));
        const qint64 poster = a.add(who(QStringLiteral("Pat Poster"), { QStringLiteral("gardening") }));
        const qint64 offTopic = a.add(who(QStringLiteral("Off Topic"), { QStringLiteral("gardening") }));
        a.post(writer, 21, QStringLiteral("Why smart-home thermostats finally sell"));
        a.post(poster, 3, QStringLiteral("Smart homes, reviewed"));
        a.post(poster, 10, QStringLiteral("Consumer tech gifts"));
        a.post(offTopic, 2, QStringLiteral("Tomatoes in December"));
        a.post(offTopic, PitchScore::kPostDays + 5, QStringLiteral("Smart homes of the past")); // too old
        const PitchSuggestionList list = a.suggest();
        QCOMPARE(ids(list).indexOf(writer), 0);
        QVERIFY(ids(list).indexOf(quiet) > 0);
        QVERIFY(ids(list).contains(poster)); // no beat, but writes about it
        QVERIFY(!ids(list).contains(offTopic));
        QVERIFY(reasons(list, writer).contains(QStringLiteral("wrote about smart homes 3 weeks ago")));
        QVERIFY(reasons(list, poster)
                    .contains(QStringLiteral("wrote about smart homes 3 days ago (2 matching posts in 90 days)")));
        QCOMPARE(row(list, writer)->in.matchingPosts, 1);
        QCOMPARE(row(list, quiet)->in.matchingPosts, 0);
    }

    void doNotContactNeverAppears_data() { TestDatabase::addBackends(); }
    void doNotContactNeverAppears()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        Person perfect = who(QStringLiteral("Perfect Match"),
            { QStringLiteral("consumer tech"), QStringLiteral("smart homes") }, {}, 95);
        perfect.doNotContact = true;
        perfect.channel = QStringLiteral("email");
        const qint64 refuses = a.add(perfect);
        a.post(refuses, 1, QStringLiteral("Smart homes everywhere"));
        a.pitch(a.earlierCampaign, refuses, 200, QStringLiteral("covered"));
        a.exec(QStringLiteral("INSERT INTO coverage (campaign_id, contact_id, title, created_at, updated_at, version) "
                              "VALUES (%1, %2, 'Lumora, reviewed', 0, 0, 1)")
                   .arg(a.earlierCampaign)
                   .arg(refuses));
        const qint64 ok = a.add(who(QStringLiteral("Plain Match"), { QStringLiteral("consumer tech") }));
        Person client = who(QStringLiteral("Client Person"), { QStringLiteral("consumer tech") }, {}, 90);
        client.kind = QStringLiteral("client_contact");
        a.add(client);
        const qint64 trashed = a.add(who(QStringLiteral("In The Trash"), { QStringLiteral("consumer tech") }));
        QVERIFY(ContactRepository(*db).moveToTrash(trashed).ok());
        QCOMPARE(ids(a.suggest()), QList<qint64>({ ok }));
    }

    void recentPitchingLowersTheRankAndSaysSo_data() { TestDatabase::addBackends(); }
    void recentPitchingLowersTheRankAndSaysSo()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        const qint64 rested = a.add(who(QStringLiteral("Zed Rested"), { QStringLiteral("consumer tech") }));
        const qint64 busy = a.add(who(QStringLiteral("Abe Busy"), { QStringLiteral("consumer tech") }));
        const qint64 declined = a.add(who(QStringLiteral("Bea Declined"), { QStringLiteral("consumer tech") }));
        a.pitch(a.otherCampaign, busy, 5, QStringLiteral("pitched")); // by anyone, for another client
        a.pitch(a.earlierCampaign, declined, 70, QStringLiteral("declined")); // this client, two months ago
        const PitchSuggestionList list = a.suggest();
        QCOMPARE(ids(list).constFirst(), rested);
        QVERIFY(row(list, busy)->score.score < row(list, rested)->score.score);
        QVERIFY(reasons(list, busy).contains(QStringLiteral("pitched 5 days ago")));
        QVERIFY(reasons(list, busy).contains(QStringLiteral("replied to 0 of 1 pitch")));
        QVERIFY(row(list, declined)->score.score < row(list, rested)->score.score);
        QVERIFY(reasons(list, declined).contains(QStringLiteral("declined a Lumora Home pitch 2 months ago")));
        QCOMPARE(row(list, rested)->score.fatigue, 0);
        QVERIFY(reasons(list, rested).contains(QStringLiteral("not pitched before")));
    }

    void noConsentIsMarked_data() { TestDatabase::addBackends(); }
    void noConsentIsMarked()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        Person p = who(QStringLiteral("No Consent"), { QStringLiteral("consumer tech") });
        p.consent = false;
        const qint64 unconsented = a.add(p);
        const qint64 consented = a.add(who(QStringLiteral("Has Consent"), { QStringLiteral("consumer tech") }));
        const PitchSuggestionList list = a.suggest();
        QVERIFY(!row(list, unconsented)->in.hasConsent);
        QVERIFY(row(list, consented)->in.hasConsent);
        QCOMPARE(reasons(list, unconsented).constLast(), QStringLiteral("no recorded consent"));
        QVERIFY(!reasons(list, consented).contains(QStringLiteral("no recorded consent")));
    }

    void historyAndClientCoverage_data() { TestDatabase::addBackends(); }
    void historyAndClientCoverage()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        Person fan = who(QStringLiteral("Covered Before"));
        fan.channel = QStringLiteral("email");
        const qint64 wrote = a.add(fan); // no beat, no post: a candidate through the client's coverage only
        a.pitch(a.earlierCampaign, wrote, 300, QStringLiteral("covered"));
        a.pitch(a.otherCampaign, wrote, 250, QStringLiteral("replied"));
        a.exec(QStringLiteral("INSERT INTO coverage (campaign_id, contact_id, title, created_at, updated_at, version) "
                              "VALUES (%1, %2, 'Lumora, reviewed', 0, 0, 1)")
                   .arg(a.earlierCampaign)
                   .arg(wrote));
        const PitchSuggestionList list = a.suggest();
        QCOMPARE(ids(list), QList<qint64>({ wrote }));
        QCOMPARE(reasons(list, wrote),
            QStringList({ QStringLiteral("covered Lumora Home once before"),
                QStringLiteral("replied to 2 of 2 pitches"), QStringLiteral("covered 1 of 2 pitches"),
                QStringLiteral("relationship steady (50)"), QStringLiteral("prefers email") }));
    }

    void mediaListAndTopicsDecideWhoIsConsidered_data() { TestDatabase::addBackends(); }
    void mediaListAndTopicsDecideWhoIsConsidered()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        const qint64 listed = a.add(who(QStringLiteral("Already Listed"), { QStringLiteral("consumer tech") }));
        const qint64 other = a.add(who(QStringLiteral("Not Yet"), { QStringLiteral("consumer tech") }));
        Result<PitchRepository::AddOutcome> added = PitchRepository(*db).addToMediaList(a.campaign, { listed });
        QVERIFY(added.ok());
        QCOMPARE(ids(a.suggest()), QList<qint64>({ other }));
        // Taken off the media list again (the pitch is in the trash): suggested again.
        QVERIFY(PitchRepository(*db).removeFromMediaList(added->addedPitchIds).ok());
        QCOMPARE(ids(a.suggest()).size(), 2);
        QVERIFY(PitchRepository(*db).restoreToMediaList(added->addedPitchIds).ok());
        QCOMPARE(ids(a.suggest()), QList<qint64>({ other }));

        // Changing the topics changes who is considered.
        Campaign c = *CampaignRepository(*db).get(a.campaign);
        c.topics = { QStringLiteral("  ") };
        QVERIFY(CampaignRepository(*db).update(c).ok());
        QVERIFY(a.suggest().topics.isEmpty());
        QVERIFY(a.suggest().rows.isEmpty());

        QCOMPARE(PitchSuggestions::find(*db, 999999, 10, QDateTime::currentDateTimeUtc()).error().code,
            Error::Code::NotFound);
    }

    // Which interactions are someone's posts, and how a topic's words find them: a word of four letters or more
    // as a prefix ("tech" finds "technology", "consumer" finds "consumers"), a shorter one whole, the words in a
    // row. On PostgreSQL the same again with sequential and bitmap scans off, so that the rows come through
    // indexes as on a large database (the candidates index-only from contacts_pitchable of schema v14 and
    // pitches_contact_pitched; the recent posts from a partial index rather than the full-text one): the same
    // people, counts and scores.
    void postsAndPrefixes_data() { TestDatabase::addBackends(); }
    void postsAndPrefixes()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        Campaign c = *CampaignRepository(*db).get(a.campaign);
        c.topics = { QStringLiteral("consumer tech"), QStringLiteral("AI") };
        QVERIFY(CampaignRepository(*db).update(c).ok());
        auto nobody = [&](const QString &name) { return a.add(who(name, { QStringLiteral("gardening") })); };
        const qint64 prefix = nobody(QStringLiteral("Prefix Match"));
        a.post(prefix, 4, QStringLiteral("Consumers' technology budgets"));
        const qint64 synced = nobody(QStringLiteral("Synced Mention"));
        a.post(synced, 6, QStringLiteral("Consumer tech, a thread"), QStringLiteral("mention"),
            QStringLiteral("inbound"), QStringLiteral("mastodon"));
        const qint64 shortWord = nobody(QStringLiteral("Short Word"));
        a.post(shortWord, 2, QStringLiteral("AI in the newsroom"));
        const qint64 notWhole = nobody(QStringLiteral("Not Whole"));
        a.post(notWhole, 2, QStringLiteral("Aid for consumer groups; tech later"));
        const qint64 dm = nobody(QStringLiteral("Direct Message"));
        a.post(dm, 2, QStringLiteral("Consumer tech embargo?"), QStringLiteral("direct_message"),
            QStringLiteral("inbound"), QStringLiteral("mastodon"));
        const qint64 ours = nobody(QStringLiteral("Our Side"));
        a.post(ours, 2, QStringLiteral("Consumer tech pitch"), QStringLiteral("post"), QStringLiteral("outbound"));
        const qint64 logged = nobody(QStringLiteral("Logged Email"));
        a.post(logged, 2, QStringLiteral("Consumer tech lunch"), QStringLiteral("email"));
        const qint64 trashed = nobody(QStringLiteral("Trashed Post"));
        QVERIFY(InteractionRepository(*db).moveToTrash(a.post(trashed, 2, QStringLiteral("Consumer tech, deleted"))));
        const qint64 old = nobody(QStringLiteral("Old Post"));
        a.post(old, PitchScore::kPostDays + 1, QStringLiteral("Consumer tech of the past"));
        const QList<qint64> expected { shortWord, prefix, synced };

        const PitchSuggestionList list = a.suggest();
        QCOMPARE(ids(list), expected);
        QCOMPARE(list.candidates, 3);
        QVERIFY(reasons(list, prefix).contains(QStringLiteral("wrote about consumer tech 4 days ago")));
        QVERIFY(reasons(list, shortWord).contains(QStringLiteral("wrote about AI 2 days ago")));
        if (!db->isPostgres())
            return;
        a.exec(QStringLiteral("SET enable_seqscan = off"));
        a.exec(QStringLiteral("SET enable_bitmapscan = off"));
        const PitchSuggestionList indexed = a.suggest();
        a.exec(QStringLiteral("RESET enable_seqscan"));
        a.exec(QStringLiteral("RESET enable_bitmapscan"));
        QCOMPARE(ids(indexed), expected);
        QCOMPARE(indexed.candidates, 3);
        for (int r = 0; r < expected.size(); ++r) {
            QCOMPARE(indexed.rows.at(r).score.score, list.rows.at(r).score.score);
            QCOMPARE(indexed.rows.at(r).score.reasonText(), list.rows.at(r).score.reasonText());
        }
    }

    // The limit reads the pitch rows of only those who can still make the list: the same rows, scores and order
    // as ranking everybody (limit 0) and keeping the first.
    void limitMatchesRankingEverybody_data() { TestDatabase::addBackends(); }
    void limitMatchesRankingEverybody()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        QList<qint64> campaigns;
        for (int k = 0; k < 5; ++k) {
            Campaign c;
            c.name = QStringLiteral("Earlier %1").arg(k);
            QVERIFY(CampaignRepository(*db).create(c).ok());
            campaigns << c.id;
        }
        const QStringList statuses { QStringLiteral("pitched"), QStringLiteral("replied"), QStringLiteral("covered"),
            QStringLiteral("declined") };
        for (int i = 0; i < 40; ++i) {
            const qint64 id = a.add(who(QStringLiteral("Person %1").arg(i, 2, 10, QLatin1Char('0')),
                { QStringLiteral("consumer tech") }, {}, (i * 37) % 100));
            for (int k = 0; k < (i * 7) % 6 && k < campaigns.size(); ++k)
                a.pitch(campaigns.at(k), id, 20 + 30 * k + i, statuses.at((i + k) % statuses.size()));
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Result<PitchSuggestionList> all = PitchSuggestions::find(*db, a.campaign, 0, now);
        QVERIFY(all.ok());
        QCOMPARE(all->rows.size(), 40);
        for (int limit : { 1, 5, 12 }) {
            Result<PitchSuggestionList> top = PitchSuggestions::find(*db, a.campaign, limit, now);
            QVERIFY(top.ok());
            QCOMPARE(top->candidates, 40);
            QCOMPARE(top->rows.size(), limit);
            for (int r = 0; r < limit; ++r) {
                QCOMPARE(top->rows.at(r).contactId, all->rows.at(r).contactId);
                QCOMPARE(top->rows.at(r).score.score, all->rows.at(r).score.score);
                QCOMPARE(top->rows.at(r).score.reasonText(), all->rows.at(r).score.reasonText());
            }
        }
    }

    // The limit keeps the best; the order is score, then reach, then name.
    void limitKeepsTheBest_data() { TestDatabase::addBackends(); }
    void limitKeepsTheBest()
    {
        OPEN_TEST_DATABASE(db);
        Agency a(*db);
        QList<qint64> people;
        for (int i = 0; i < 6; ++i)
            people << a.add(
                who(QStringLiteral("Person %1").arg(i), { QStringLiteral("consumer tech") }, {}, 10 + 10 * i));
        Result<PitchSuggestionList> top = PitchSuggestions::find(*db, a.campaign, 3, QDateTime::currentDateTimeUtc());
        QVERIFY(top.ok());
        QCOMPARE(top->candidates, 6);
        QCOMPARE(ids(*top), QList<qint64>({ people.at(5), people.at(4), people.at(3) }));
    }
};

QTEST_GUILESS_MAIN(TestPitchSuggestions)
#include "tst_pitchsuggestions.moc"
