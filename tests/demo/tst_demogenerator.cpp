#include "demo/demogenerator.h"
#include "domain/url.h"
#include "domain/validation.h"
#include "storage/contactrepository.h"
#include "storage/contentrepository.h"
#include "storage/healthrepository.h"
#include "storage/pitchsuggestions.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QTimeZone>

namespace {

// A fixed anchor: byte-identical data whatever the day the tests run.
const QDateTime kAnchor(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc());

DemoGenerator::Options smallOptions(quint32 seed = 7)
{
    DemoGenerator::Options o;
    o.size = DemoGenerator::Size::Small;
    o.seed = seed;
    o.anchor = kAnchor;
    return o;
}

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next()) {
        qWarning() << "query failed:" << sql;
        return -1;
    }
    return q.value(0).toLongLong();
}

qint64 count(Database &db, const QString &table)
{
    return scalar(db, QStringLiteral("SELECT count(*) FROM ") + table);
}

// A digest of what a user sees: names, emails, handles and the whole timeline (not the ids).
QByteArray checksum(Database &db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QStringList queries {
        QStringLiteral("SELECT display_name, title, search_extra, last_contacted_at FROM contacts ORDER BY id"),
        QStringLiteral("SELECT email FROM contact_emails ORDER BY id"),
        QStringLiteral("SELECT network, normalized FROM handles ORDER BY id"),
        QStringLiteral("SELECT channel, direction, occurred_at, subject, body, sentiment, outcome FROM interactions "
                       "ORDER BY id"),
        QStringLiteral("SELECT status, pitched_at, replied_at FROM pitches ORDER BY id"),
        QStringLiteral("SELECT due_at, note, done_at FROM follow_ups ORDER BY id")
    };
    for (const QString &sql : queries) {
        QSqlQuery q(db.connection());
        if (!q.exec(sql))
            return {};
        while (q.next())
            for (int i = 0; i < q.record().count(); ++i)
                hash.addData(QByteArray(q.value(i).toString().toUtf8() + '\x1f'));
    }
    return hash.result().toHex();
}

} // namespace

using namespace Qt::StringLiterals;

class TestDemoGenerator final : public QObject
{
    Q_OBJECT

private slots:
    void parseSize();
    void smallCounts_data() { TestDatabase::addBackends(); }
    void smallCounts();
    void deterministic_data() { TestDatabase::addBackends(); }
    void deterministic();
    void refusesNonEmpty_data() { TestDatabase::addBackends(); }
    void refusesNonEmpty();
    void forceReplaces_data() { TestDatabase::addBackends(); }
    void forceReplaces();
    void cancelLeavesEmpty_data() { TestDatabase::addBackends(); }
    void cancelLeavesEmpty();
    void searchFindsContacts_data() { TestDatabase::addBackends(); }
    void searchFindsContacts();
    void handlesAreValid_data() { TestDatabase::addBackends(); }
    void handlesAreValid();
    void followUpsAroundToday_data() { TestDatabase::addBackends(); }
    void followUpsAroundToday();
    void healthScoresAsRecomputed_data() { TestDatabase::addBackends(); }
    void healthScoresAsRecomputed();
    void contentAndCoverage_data() { TestDatabase::addBackends(); }
    void contentAndCoverage();
    void campaignsHaveTopicsToSuggestFrom_data() { TestDatabase::addBackends(); }
    void campaignsHaveTopicsToSuggestFrom();
    void campaignsHaveABriefAndATeam_data() { TestDatabase::addBackends(); }
    void campaignsHaveABriefAndATeam();
    void pitchMovesAndLoggedPitches_data() { TestDatabase::addBackends(); }
    void pitchMovesAndLoggedPitches();
    void historyMatchesTheRows_data() { TestDatabase::addBackends(); }
    void historyMatchesTheRows();
};

void TestDemoGenerator::parseSize()
{
    QCOMPARE(*DemoGenerator::parseSize(QStringLiteral("small")), DemoGenerator::Size::Small);
    QCOMPARE(*DemoGenerator::parseSize(QStringLiteral(" Large ")), DemoGenerator::Size::Large);
    QVERIFY(!DemoGenerator::parseSize(QStringLiteral("medium")));
}

void TestDemoGenerator::smallCounts()
{
    OPEN_TEST_DATABASE(db);
    int reports = 0;
    DemoGenerator::Options o = smallOptions();
    o.progress = [&](double fraction, const QString &what) {
        ++reports;
        return fraction >= 0 && fraction <= 1 && !what.isEmpty();
    };
    Result<DemoStats> stats = DemoGenerator::generate(*db, o);
    QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
    QVERIFY(reports >= 100);

    QCOMPARE(stats->users, 4);
    QCOMPARE(stats->organizations, 40);
    QCOMPARE(stats->contacts, 200);
    QCOMPARE(stats->interactions, 2000);
    QCOMPARE(stats->campaigns, 6);
    QCOMPARE(stats->contentItems, 30);
    QCOMPARE(stats->pitches, 150);
    QCOMPARE(stats->followUps, 60);
    QVERIFY(stats->coverage > 0);
    QCOMPARE(count(*db, QStringLiteral("users")), stats->users);
    QCOMPARE(count(*db, QStringLiteral("organizations")), stats->organizations);
    QCOMPARE(count(*db, QStringLiteral("organizations WHERE kind = 'client'")), 6);
    QCOMPARE(count(*db, QStringLiteral("contacts")), stats->contacts);
    QCOMPARE(count(*db, QStringLiteral("interactions")), stats->interactions);
    QCOMPARE(count(*db, QStringLiteral("campaigns")), stats->campaigns);
    QCOMPARE(count(*db, QStringLiteral("content_items")), stats->contentItems);
    QCOMPARE(count(*db, QStringLiteral("pitches")), stats->pitches);
    QCOMPARE(count(*db, QStringLiteral("coverage")), stats->coverage);
    QCOMPARE(count(*db, QStringLiteral("follow_ups")), stats->followUps);
    QCOMPARE(count(*db, QStringLiteral("media_list_members")), stats->pitches);

    // Variety: every channel but 'post', both directions, every pitch status, some do-not-contact.
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(DISTINCT channel) FROM interactions")), 9);
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(DISTINCT direction) FROM interactions")), 2);
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(DISTINCT status) FROM pitches")), 6);
    QVERIFY(count(*db, QStringLiteral("contacts WHERE do_not_contact = 1 AND do_not_contact_reason IS NOT NULL")) > 0);
    QCOMPARE(count(*db, QStringLiteral("contacts WHERE consent_basis IS NULL")), 0);
    QCOMPARE(
        count(*db, QStringLiteral("pitches p JOIN contacts c ON c.id = p.contact_id WHERE c.do_not_contact = 1")), 0);
    QCOMPARE(count(*db, QStringLiteral("interactions WHERE occurred_at >= %1").arg(kAnchor.toMSecsSinceEpoch())), 0);
    QCOMPARE(count(*db, QStringLiteral("tags WHERE kind = 'beat'")) > 10, true);

    // last_contacted_at is the latest interaction.
    QCOMPARE(count(*db,
                 QStringLiteral("contacts c WHERE coalesce(last_contacted_at, -1) <> coalesce("
                                "(SELECT max(occurred_at) FROM interactions i WHERE i.contact_id = c.id), -1)")),
        0);
    // search_extra is what ContactRepository writes.
    ContactRepository repo(*db);
    for (qint64 id : { 1, 2, 50, 199, 200 }) {
        Result<Contact> c = repo.get(id);
        QVERIFY(c);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM contacts WHERE id = %1").arg(id)), 1);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT search_extra FROM contacts WHERE id = %1").arg(id)) && q.next());
        QCOMPARE(q.value(0).toString(), ContactRepository::searchExtra(*c, c->organizationName));
        QVERIFY(!c->emails.isEmpty());
        QVERIFY(!c->beats.isEmpty());
        QVERIFY(!c->displayName.contains(QRegularExpression(QStringLiteral("\\d"))));
    }

    if (!db->isPostgres()) {
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_key_check")));
        QVERIFY2(!q.next(), "a foreign key does not hold");
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
    }
}

// The pipeline's history as PitchRepository would have written it: every pitch has its moves (created as planned,
// in time order, ending where the pitch is, each with who moved it), and a pitch marked pitched has exactly one
// logged outbound pitch interaction at pitched_at (interactions.pitch_id), so the timeline shows it once.
void TestDemoGenerator::pitchMovesAndLoggedPitches()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
    QCOMPARE(count(*db,
                 QStringLiteral("pitches p WHERE NOT EXISTS (SELECT 1 FROM pitch_moves m WHERE m.pitch_id = p.id "
                                "AND m.from_status IS NULL AND m.to_status = 'planned')")),
        0);
    QCOMPARE(count(*db,
                 QStringLiteral("pitches p WHERE p.status <> (SELECT m.to_status FROM pitch_moves m "
                                "WHERE m.pitch_id = p.id ORDER BY m.moved_at DESC, m.id DESC LIMIT 1)")),
        0);
    QCOMPARE(count(*db, QStringLiteral("pitch_moves WHERE moved_by IS NULL")), 0);
    QCOMPARE(count(*db,
                 QStringLiteral("pitch_moves m JOIN pitch_moves n ON n.pitch_id = m.pitch_id AND n.id > m.id "
                                "WHERE n.moved_at < m.moved_at")),
        0);
    // Every status was reached by a move, declined and covered included.
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(DISTINCT to_status) FROM pitch_moves")), 6);
    QCOMPARE(count(*db,
                 QStringLiteral("pitches p WHERE p.pitched_at IS NOT NULL AND (SELECT count(*) FROM interactions i "
                                "WHERE i.pitch_id = p.id AND i.channel = 'pitch' AND i.direction = 'outbound' "
                                "AND i.occurred_at = p.pitched_at AND i.campaign_id = p.campaign_id) <> 1")),
        0);
    QCOMPARE(count(*db,
                 QStringLiteral("interactions i WHERE i.pitch_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                                "pitches p WHERE p.id = i.pitch_id AND p.pitched_at IS NOT NULL)")),
        0);
    QVERIFY(count(*db, QStringLiteral("interactions WHERE pitch_id IS NOT NULL")) > 50);
}

// The team's history (Activity → Changes, the History tabs) as AuditLog and the audit trail would have written
// it: every contact and campaign was created by someone of the team, edits claim their changed fields, each
// field's newest value is what the row holds now, and nothing happens after today or before the record existed.
void TestDemoGenerator::historyMatchesTheRows()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
    QCOMPARE(count(*db, QStringLiteral("contacts c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = "
                                       "'contact' AND a.entity_id = c.id AND a.action = 'create')")),
        0);
    QCOMPARE(count(*db, QStringLiteral("campaigns c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = "
                                       "'campaign' AND a.entity_id = c.id AND a.action = 'create')")),
        0);
    QVERIFY(count(*db, QStringLiteral("audit_log WHERE action = 'update' AND entity = 'contact'")) >= 40);
    QCOMPARE(count(*db, QStringLiteral("audit_log a WHERE a.user_id IS NULL OR NOT EXISTS (SELECT 1 FROM users u "
                                       "WHERE u.id = a.user_id)")),
        0);
    QCOMPARE(count(*db, QStringLiteral("audit_log a WHERE a.action = 'update' AND NOT EXISTS (SELECT 1 FROM "
                                       "audit_changes c WHERE c.audit_id = a.id)")),
        0);
    QCOMPARE(count(*db, QStringLiteral("audit_changes c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = "
                                       "c.audit_id AND a.entity = c.entity AND a.entity_id = c.entity_id AND a.at = "
                                       "c.at AND a.user_id = c.user_id)")),
        0);
    // Each field's newest value is the row's.
    const QString newest = QStringLiteral(
        "audit_changes c WHERE c.entity = '%1' AND c.field = '%2' AND NOT EXISTS (SELECT 1 FROM audit_changes d "
        "WHERE d.entity = c.entity AND d.entity_id = c.entity_id AND d.field = c.field AND d.at > c.at) AND "
        "c.new_value IS DISTINCT FROM (SELECT CAST(%2 AS TEXT) FROM %3 r WHERE r.id = c.entity_id)");
    for (const QString &field : { u"title"_s, u"city"_s, u"reach"_s, u"notes"_s, u"owner_id"_s })
        QCOMPARE(count(*db, newest.arg(u"contact"_s, field, u"contacts"_s)), 0);
    QCOMPARE(count(*db, newest.arg(u"campaign"_s, u"status"_s, u"campaigns"_s)), 0);
    QVERIFY(count(*db, QStringLiteral("audit_changes WHERE entity = 'campaign' AND field = 'status'")) >= 5);
    // In time: after the record was created, never after the newest conversation's day.
    QCOMPARE(count(*db, QStringLiteral("audit_log a JOIN contacts c ON a.entity = 'contact' AND c.id = a.entity_id "
                                       "WHERE a.at < c.created_at")),
        0);
    QCOMPARE(count(*db, QStringLiteral("audit_log WHERE at > (SELECT max(occurred_at) FROM interactions) + 86400000")),
        0);
}

void TestDemoGenerator::deterministic()
{
    OPEN_TEST_DATABASE(first);
    QVERIFY(DemoGenerator::generate(*first, smallOptions(42)));
    auto second = TestDatabase::create(backend);
    QVERIFY(second);
    QVERIFY(DemoGenerator::generate(**second, smallOptions(42)));
    auto other = TestDatabase::create(backend);
    QVERIFY(other);
    QVERIFY(DemoGenerator::generate(**other, smallOptions(43)));

    const QByteArray sum = checksum(*first);
    QVERIFY(!sum.isEmpty());
    QCOMPARE(checksum(**second), sum);
    QVERIFY(checksum(**other) != sum);
}

void TestDemoGenerator::refusesNonEmpty()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
    const QByteArray before = checksum(*db);
    Result<DemoStats> again = DemoGenerator::generate(*db, smallOptions(8));
    QVERIFY(!again);
    QCOMPARE(again.error().code, Error::Code::Conflict);
    QVERIFY(again.error().message.contains(QStringLiteral("--force")));
    QCOMPARE(checksum(*db), before);
    QCOMPARE(count(*db, QStringLiteral("contacts")), 200);
}

void TestDemoGenerator::forceReplaces()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions(1)));
    DemoGenerator::Options o = smallOptions(2);
    o.force = true;
    Result<DemoStats> stats = DemoGenerator::generate(*db, o);
    QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
    QCOMPARE(count(*db, QStringLiteral("contacts")), 200);
    QCOMPARE(count(*db, QStringLiteral("interactions")), 2000);
    QCOMPARE(count(*db, QStringLiteral("users")), 4);

    auto fresh = TestDatabase::create(backend);
    QVERIFY(fresh);
    QVERIFY(DemoGenerator::generate(**fresh, smallOptions(2)));
    QCOMPARE(checksum(*db), checksum(**fresh));

    // Ids continue after the bulk load (PostgreSQL identity sequences were moved on).
    Contact c;
    c.firstName = QStringLiteral("Ada");
    c.lastName = QStringLiteral("Newrow");
    QVERIFY(ContactRepository(*db).create(c));
    QCOMPARE(c.id, 201);
}

void TestDemoGenerator::cancelLeavesEmpty()
{
    OPEN_TEST_DATABASE(db);
    DemoGenerator::Options o = smallOptions();
    double last = 0;
    o.progress = [&](double fraction, const QString &) {
        last = fraction;
        return fraction < 0.5;
    };
    Result<DemoStats> stats = DemoGenerator::generate(*db, o);
    QVERIFY(!stats);
    QVERIFY(last >= 0.5);
    for (const QString &table :
        { QStringLiteral("users"), QStringLiteral("organizations"), QStringLiteral("contacts"), QStringLiteral("tags"),
            QStringLiteral("campaigns"), QStringLiteral("interactions"), QStringLiteral("handles") })
        QCOMPARE(count(*db, table), 0);
    // and it can be generated afterwards
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
}

void TestDemoGenerator::searchFindsContacts()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id, last_name FROM contacts ORDER BY id")));
    qint64 id = 0;
    QString prefix;
    while (q.next()) {
        const QString last = q.value(1).toString();
        if (last.contains(QRegularExpression(QStringLiteral("^[A-Za-z]{5,}$")))) {
            id = q.value(0).toLongLong();
            prefix = last.left(4).toLower();
            break;
        }
    }
    QVERIFY(id > 0);
    auto search = [&](const QString &term) {
        QList<qint64> ids;
        QSqlQuery s(db->connection());
        if (db->isPostgres()) {
            s.prepare(QStringLiteral("SELECT id FROM contacts WHERE search_vector @@ to_tsquery('simple', :q)"));
            s.bindValue(QStringLiteral(":q"), QString(term + QStringLiteral(":*")));
        } else {
            s.prepare(QStringLiteral("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :q"));
            s.bindValue(QStringLiteral(":q"), QString(term + u'*'));
        }
        if (s.exec())
            while (s.next())
                ids << s.value(0).toLongLong();
        return ids;
    };
    QVERIFY2(search(prefix).contains(id), qPrintable(prefix));
    QVERIFY(!search(QStringLiteral("bsky")).isEmpty() || !search(QStringLiteral("example")).isEmpty());

    const QString interactionSearch = db->isPostgres()
        ? QStringLiteral("SELECT count(*) FROM interactions WHERE search_vector @@ to_tsquery('simple', 'embargo:*')")
        : QStringLiteral("SELECT count(*) FROM interactions_fts WHERE interactions_fts MATCH 'embargo*'");
    QVERIFY(scalar(*db, interactionSearch) > 0);

    // The full-text triggers are back: a contact added afterwards is found too.
    Contact c;
    c.firstName = QStringLiteral("Quixotella");
    c.lastName = QStringLiteral("Brandnew");
    QVERIFY(ContactRepository(*db).create(c));
    QCOMPARE(search(QStringLiteral("quixot")), QList<qint64> { c.id });
}

void TestDemoGenerator::handlesAreValid()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT network, handle, normalized FROM handles")));
    QSet<QString> networks;
    int rows = 0;
    while (q.next()) {
        ++rows;
        const QString network = q.value(0).toString();
        networks.insert(network);
        Result<QString> n = Validation::normalizeHandle(network, q.value(1).toString());
        QVERIFY2(n, qPrintable(q.value(1).toString()));
        QCOMPARE(*n, q.value(2).toString());
    }
    QVERIFY(rows > 200);
    for (const char *network : { "mastodon", "bluesky", "feed", "website", "linkedin" })
        QVERIFY2(networks.contains(QString::fromLatin1(network)), network);
    QCOMPARE(scalar(*db,
                 QStringLiteral("SELECT count(*) FROM (SELECT network, normalized FROM handles "
                                "GROUP BY network, normalized HAVING count(*) > 1) d")),
        0);
    QVERIFY(q.exec(QStringLiteral("SELECT email FROM contact_emails")));
    while (q.next())
        QVERIFY2(Validation::isValidEmail(q.value(0).toString()), qPrintable(q.value(0).toString()));
}

void TestDemoGenerator::followUpsAroundToday()
{
    OPEN_TEST_DATABASE(db);
    DemoGenerator::Options o = smallOptions();
    o.anchor = QDateTime(); // today
    QVERIFY(DemoGenerator::generate(*db, o));
    const qint64 today
        = QDateTime(QDateTime::currentDateTimeUtc().date(), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const qint64 tomorrow = today + 86'400'000;
    QVERIFY(count(*db, QStringLiteral("follow_ups WHERE done_at IS NULL AND due_at < %1").arg(today)) > 0);
    QVERIFY(count(*db,
                QStringLiteral("follow_ups WHERE done_at IS NULL AND due_at >= %1 AND due_at < %2")
                    .arg(today)
                    .arg(tomorrow))
        > 0);
    QVERIFY(count(*db, QStringLiteral("follow_ups WHERE done_at IS NULL AND due_at >= %1").arg(tomorrow)) > 0);
    QVERIFY(count(*db, QStringLiteral("follow_ups WHERE done_at IS NOT NULL")) > 0);
    QVERIFY(scalar(*db, QStringLiteral("SELECT max(occurred_at) FROM interactions")) > today - 7 * 86'400'000LL);
}

// The builder tallies every contact's health inputs while writing the rows (instead of aggregating them all
// afterwards): the scores, now and 90 days before (health_then, for Cooling off), are the ones
// HealthRepository computes from the database as of the same anchor, and the anchor is noted as the time
// everybody was scored.
void TestDemoGenerator::healthScoresAsRecomputed()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM contacts WHERE health_score IS NULL")), 0);
    QVERIFY(scalar(*db, QStringLiteral("SELECT count(DISTINCT health_score) FROM contacts")) > 10);
    QVERIFY(scalar(*db, QStringLiteral("SELECT max(health_score) FROM contacts")) > 50);
    QVERIFY(scalar(*db, QStringLiteral("SELECT count(*) FROM contacts WHERE health_then IS NOT NULL")) > 10);
    QVERIFY(scalar(*db, QStringLiteral("SELECT count(*) FROM contacts WHERE health_then >= health_score + 15")) > 0);
    QCOMPARE(*HealthRepository::scoredAt(*db), kAnchor);
    Transaction tx(*db);
    QVERIFY(tx.status().ok());
    Result<HealthRepository::RecomputeStats> again = HealthRepository::recomputeAllInTransaction(*db, kAnchor);
    QVERIFY2(again, again ? "" : qPrintable(again.error().message));
    QCOMPARE(again->contacts, int(count(*db, QStringLiteral("contacts"))));
    QCOMPARE(again->changed, 0); // every stored score (now and then) is the recomputed one
}

// Content items have Markdown bodies, statuses and (for the reviewed ones) earlier versions numbered below the
// item's own version; coverage rows carry their URL key, unique and as Url::coverageKey computes it.
void TestDemoGenerator::contentAndCoverage()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id, status, body, version FROM content_items")));
    QSet<QString> statuses;
    int headings = 0;
    while (q.next()) {
        statuses.insert(q.value(1).toString());
        ContentItem item = *ContentRepository(*db).get(q.value(0).toLongLong());
        QVERIFY2(ContentRepository::validate(item).ok(), qPrintable(item.title));
        if (q.value(2).toString().startsWith(QStringLiteral("# ")))
            ++headings;
    }
    QVERIFY(statuses.size() >= 2);
    QVERIFY(headings >= 10);
    QVERIFY(scalar(*db, QStringLiteral("SELECT count(*) FROM content_item_versions")) > 0);
    QCOMPARE(scalar(*db,
                 QStringLiteral("SELECT count(*) FROM content_item_versions v JOIN content_items c "
                                "ON c.id = v.content_item_id WHERE v.version >= c.version")),
        0);

    QVERIFY(q.exec(QStringLiteral("SELECT url, url_key FROM coverage")));
    QSet<QString> keys;
    while (q.next()) {
        const Result<QString> key = Url::coverageKey(q.value(0).toString());
        QVERIFY2(key, qPrintable(q.value(0).toString()));
        QCOMPARE(q.value(1).toString(), *key);
        QVERIFY2(!keys.contains(*key), qPrintable(*key));
        keys.insert(*key);
    }
    QVERIFY(keys.size() > 5);
}

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"

// Every demo campaign has a brief with topics (its product and a beat), so Who to pitch has people to show.
void TestDemoGenerator::campaignsHaveTopicsToSuggestFrom()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM campaigns WHERE topics IS NULL OR topics = ''")), 0);
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM campaigns ORDER BY id")));
    int withSuggestions = 0, campaigns = 0;
    while (q.next()) {
        ++campaigns;
        Result<PitchSuggestionList> list = PitchSuggestions::find(*db, q.value(0).toLongLong(), 20, kAnchor);
        QVERIFY(list.ok());
        QCOMPARE(list->topics.size(), 2);
        if (!list->rows.isEmpty())
            ++withSuggestions;
    }
    QCOMPARE(withSuggestions, campaigns);
}

// Every demo campaign has goals, key messages and a team besides its owner; the statuses follow the dates and
// cover planned, active and completed (cancelled ones are rare, one in twenty of the finished).
void TestDemoGenerator::campaignsHaveABriefAndATeam()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(DemoGenerator::generate(*db, smallOptions()));
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM campaigns WHERE goals IS NULL OR goals = '' "
                                        "OR key_messages IS NULL OR key_messages = ''")),
        0);
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM campaigns c WHERE NOT EXISTS (SELECT 1 FROM "
                                        "campaign_members m WHERE m.campaign_id = c.id)")),
        0);
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM campaign_members m JOIN campaigns c ON c.id = "
                                        "m.campaign_id WHERE m.user_id = c.owner_id")),
        0);
    QVERIFY(scalar(*db, QStringLiteral("SELECT count(DISTINCT status) FROM campaigns")) >= 2);
    // A second run with --force replaces the team too.
    DemoGenerator::Options again = smallOptions();
    again.force = true;
    QVERIFY(DemoGenerator::generate(*db, again));
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM campaign_members m WHERE NOT EXISTS (SELECT 1 FROM "
                                        "campaigns c WHERE c.id = m.campaign_id)")),
        0);
}
