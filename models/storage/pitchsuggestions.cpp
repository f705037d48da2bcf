#include "pitchsuggestions.h"

#include "domain/topics.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

#include <algorithm>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PitchSuggestions)
};

constexpr qint64 kDayMs = 86400000;

// Everything gathered about one candidate before scoring.
struct Candidate
{
    PitchSignals in;
    qint64 latestPostId = 0;
    qint64 id = 0;
    bool eligible = false; // alive, not excluded (set by readEligible)
    QString sortName;
    qint64 reach = -1;
};

// The full-text query for the topics, any of them: FTS5 `("smart"* + "home"*) OR ("ai")`, PostgreSQL
// `(smart:* <-> home:*) | (ai)`. Terms are letters and digits only (Topics::terms), so nothing needs quoting.
QString matchQuery(bool postgres, const QStringList &topics)
{
    QStringList any;
    for (const QString &topic : topics) {
        QStringList phrase;
        for (const Topics::Term &t : Topics::terms(topic))
            phrase << (postgres ? QString(t.word + (t.prefix ? QStringLiteral(":*") : QString()))
                                : QString(u'"' + t.word + (t.prefix ? QStringLiteral("\"*") : QStringLiteral("\""))));
        if (!phrase.isEmpty())
            any << u'(' + phrase.join(postgres ? QStringLiteral(" <-> ") : QStringLiteral(" + ")) + u')';
    }
    return any.join(postgres ? QStringLiteral(" | ") : QStringLiteral(" OR "));
}

// A person's own posts and articles: what they published on a network or feed (synced), or a logged "post";
// never a direct message, and never our side of a conversation.
const QString kPostFilter = QStringLiteral(
    "i.direction = 'inbound' AND i.contact_id IS NOT NULL AND i.deleted_at IS NULL AND i.occurred_at >= :since "
    "AND (i.channel = 'post' OR (i.source <> 'manual' AND i.channel <> 'direct_message'))");

Status readTopicTags(Database &db, const QStringList &topics, QHash<qint64, Candidate> &out)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, kind FROM tags")))
        return db.errorFrom(q, Tr::tr("reading beats and tags"));
    QHash<qint64, std::pair<QString, bool>> matched; // id -> name, is a beat
    while (q.next()) {
        const QString name = q.value(1).toString();
        for (const QString &topic : topics)
            if (Topics::matches(name, topic)) {
                matched.insert(q.value(0).toLongLong(), { name, q.value(2).toString() == u"beat" });
                break;
            }
    }
    if (matched.isEmpty())
        return {};
    const bool pg = db.isPostgres();
    q.prepare(QStringLiteral("SELECT contact_id, tag_id FROM contact_tags WHERE ")
        + Sql::inIdArray(pg, QStringLiteral("tag_id")));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(pg, matched.keys()));
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading beats and tags"));
    while (q.next()) {
        const auto &[name, beat] = matched.value(q.value(1).toLongLong());
        Candidate &c = out[q.value(0).toLongLong()];
        (beat ? c.in.beats : c.in.tags) << name;
    }
    return {};
}

Status readMatchingPosts(Database &db, const QStringList &topics, const QDateTime &now, QHash<qint64, Candidate> &out)
{
    const bool pg = db.isPostgres();
    const QString match = matchQuery(pg, topics);
    if (match.isEmpty())
        return {};
    const qint64 since = now.toMSecsSinceEpoch() - PitchScore::kPostDays * kDayMs;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    // SQLite: the lowest id among the recent rows (the occurred_at index answers it): ids grow with time in
    // practice, so the full-text index skips the older matches by rowid instead of looking each one up (a topic
    // such as "consumer tech" matches ten times more old rows than recent ones). Exact whatever the order of ids:
    // no recent row has a lower id. PostgreSQL would read the rows to find that id (300+ ms on the large
    // dataset); its planner takes the recent posts from the partial index interactions_posts (schema v14) and
    // tests each against the tsquery, or combines the occurred_at and full-text indexes, whichever is cheaper.
    qint64 firstId = 0;
    if (!pg) {
        // "id + 0": a bare min(id) makes SQLite walk the primary key from the oldest row instead.
        q.prepare(QStringLiteral("SELECT min(id + 0) FROM interactions WHERE occurred_at >= :since"));
        q.bindValue(QStringLiteral(":since"), since);
        if (!q.exec() || !q.next())
            return db.errorFrom(q, Tr::tr("reading recent posts"));
        if (q.value(0).isNull())
            return {};
        firstId = q.value(0).toLongLong();
        q.finish();
    }
    // SQLite: the index gives the matching rowids, each looked up by primary key (CROSS JOIN keeps that order:
    // walking the recent rows instead and probing the index for each costs more).
    q.prepare(pg ? QStringLiteral("SELECT i.id, i.contact_id, i.occurred_at FROM interactions i "
                                  "WHERE i.search_vector @@ to_tsquery('simple', :q) AND ")
                + kPostFilter
                 : QStringLiteral("SELECT i.id, i.contact_id, i.occurred_at FROM interactions_fts f "
                                  "CROSS JOIN interactions i ON i.id = f.rowid WHERE interactions_fts MATCH :q "
                                  "AND f.rowid >= :first AND ")
                + kPostFilter);
    q.bindValue(QStringLiteral(":q"), match);
    if (!pg)
        q.bindValue(QStringLiteral(":first"), firstId);
    q.bindValue(QStringLiteral(":since"), since);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading recent posts"));
    while (q.next()) {
        Candidate &c = out[q.value(1).toLongLong()];
        const QDateTime at = Sql::time(q.value(2));
        ++c.in.matchingPosts;
        if (!c.in.latestMatchingPost.isValid() || at > c.in.latestMatchingPost) {
            c.in.latestMatchingPost = at;
            c.latestPostId = q.value(0).toLongLong();
        }
    }
    return {};
}

Status readClientCoverage(Database &db, qint64 clientId, QHash<qint64, Candidate> &out)
{
    if (clientId <= 0)
        return {};
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT cv.contact_id, count(*) FROM coverage cv JOIN campaigns c ON c.id = cv.campaign_id "
                       "WHERE c.client_id = :client AND cv.deleted_at IS NULL AND cv.contact_id IS NOT NULL "
                       "GROUP BY cv.contact_id"));
    q.bindValue(QStringLiteral(":client"), clientId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading coverage"));
    while (q.next())
        out[q.value(0).toLongLong()].in.clientCoverage = q.value(1).toInt();
    return {};
}

// Who of the candidates may be suggested: alive, not do-not-contact, press (not client contacts or customers),
// and not on this campaign's media list yet; with what the ranking needs of them. On PostgreSQL this also reads
// their pitch counts (readPitchCounts' figures, joined per person): one statement, read from the indexes
// contacts_pitchable and pitches_contact_pitched alone (schema v14), and the ids sent once. "= ANY" walks the
// index in the order of the sorted ids, and the pitches follow in that order: twice as fast as joining the ids
// as a set (unnest), which probes both indexes in hash order (11,000 candidates: 60 against 120 ms).
Status readEligible(Database &db, qint64 campaignId, const QDateTime &now, QHash<qint64, Candidate> &candidates)
{
    const bool pg = db.isPostgres();
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    const QString conditions = QStringLiteral(
        " AND c.deleted_at IS NULL AND c.do_not_contact = 0 AND c.kind NOT IN ('client_contact', 'customer') "
        "AND NOT EXISTS (SELECT 1 FROM pitches p WHERE p.campaign_id = :campaign "
        "AND p.contact_id = c.id AND p.deleted_at IS NULL)");
    const QString columns = QStringLiteral(
        "SELECT c.id, c.sort_name, c.reach, c.health_score, "
        "CASE WHEN c.preferred_channel IS NULL OR c.preferred_channel = '' THEN 0 ELSE 1 END");
    // The conditions hold the predicate of contacts_pitchable word for word, so that the planner can prove it.
    if (pg) {
        q.prepare(columns
            + QStringLiteral(", h.sent, h.recent, h.latest FROM contacts c "
                             "CROSS JOIN LATERAL (SELECT count(p.pitched_at) AS sent, "
                             "sum(CASE WHEN p.pitched_at >= :fatigue THEN 1 ELSE 0 END) AS recent, "
                             "max(p.pitched_at) AS latest FROM pitches p WHERE p.contact_id = c.id) h WHERE ")
            + Sql::inIdArray(pg, QStringLiteral("c.id")) + conditions);
        q.bindValue(QStringLiteral(":fatigue"), now.toMSecsSinceEpoch() - PitchScore::kFatigueDays * kDayMs);
    } else {
        q.prepare(columns + QStringLiteral(" FROM contacts c WHERE ") + Sql::inIdArray(pg, QStringLiteral("c.id"))
            + conditions);
    }
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(pg, candidates.keys()));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading the candidates"));
    while (q.next()) {
        const auto it = candidates.find(q.value(0).toLongLong());
        if (it == candidates.end())
            continue;
        it->eligible = true;
        it->sortName = q.value(1).toString();
        it->reach = q.value(2).isNull() ? -1 : q.value(2).toLongLong();
        it->in.healthScore = q.value(3).isNull() ? -1 : q.value(3).toInt();
        // Only whether there is one counts for the score; the rows shown read the channel itself.
        it->in.preferredChannel = q.value(4).toInt() ? QStringLiteral("?") : QString();
        if (pg) {
            it->in.pitchesSent = q.value(5).toInt();
            it->in.recentPitches = q.value(6).toInt();
            it->in.lastPitchedAt = Sql::time(q.value(7));
        }
    }
    return {};
}

// The candidates' pitches for any campaign, as far as the index (contact_id, pitched_at) alone tells: how many
// were sent, how many in the fatigue window, the latest (SQLite; PostgreSQL reads them in readEligible). Every pitch that was sent counts, also one taken off a
// media list later (it was still sent).
Status readPitchCounts(Database &db, const QDateTime &now, QHash<qint64, Candidate> &candidates)
{
    const bool pg = db.isPostgres();
    QList<qint64> ids;
    ids.reserve(candidates.size());
    for (auto it = candidates.cbegin(); it != candidates.cend(); ++it)
        if (it->eligible)
            ids << it.key();
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.contact_id, count(p.pitched_at), "
                             "sum(CASE WHEN p.pitched_at >= :fatigue THEN 1 ELSE 0 END), max(p.pitched_at) "
                             "FROM pitches p WHERE ")
        + Sql::inIdArray(pg, QStringLiteral("p.contact_id")) + QStringLiteral(" GROUP BY p.contact_id"));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(pg, ids));
    q.bindValue(QStringLiteral(":fatigue"), now.toMSecsSinceEpoch() - PitchScore::kFatigueDays * kDayMs);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading the pitch history"));
    while (q.next()) {
        const auto it = candidates.find(q.value(0).toLongLong());
        if (it == candidates.end())
            continue;
        it->in.pitchesSent = q.value(1).toInt();
        it->in.recentPitches = q.value(2).toInt();
        it->in.lastPitchedAt = Sql::time(q.value(3));
    }
    return {};
}

// How many of those pitches were answered and covered, for some candidates: this reads the pitch rows.
Status readPitchOutcomes(Database &db, const QList<Candidate *> &some)
{
    const bool pg = db.isPostgres();
    QHash<qint64, Candidate *> byId;
    for (Candidate *c : some)
        byId.insert(c->id, c);
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.contact_id, "
                             "sum(CASE WHEN p.replied_at IS NOT NULL OR p.status IN ('replied', 'interested', "
                             "'declined', 'covered') THEN 1 ELSE 0 END), "
                             "sum(CASE WHEN p.status = 'covered' THEN 1 ELSE 0 END) "
                             "FROM pitches p WHERE p.pitched_at IS NOT NULL AND ")
        + Sql::inIdArray(pg, QStringLiteral("p.contact_id")) + QStringLiteral(" GROUP BY p.contact_id"));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(pg, byId.keys()));
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading the pitch history"));
    while (q.next())
        if (Candidate *c = byId.value(q.value(0).toLongLong())) {
            c->in.pitchesAnswered = q.value(1).toInt();
            c->in.pitchesCovered = q.value(2).toInt();
        }
    return {};
}

// The latest decline of a pitch for this client within PitchScore::kDeclineDays, per person: a few rows, read
// through the client's campaigns (pitches_campaign_status) rather than joined into the history above.
Status readDeclines(Database &db, qint64 clientId, const QDateTime &now, QHash<qint64, Candidate> &candidates)
{
    if (clientId <= 0)
        return {};
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.contact_id, max(coalesce(p.replied_at, p.pitched_at, p.updated_at)) "
                             "FROM campaigns c JOIN pitches p ON p.campaign_id = c.id AND p.status = 'declined' "
                             "WHERE c.client_id = :client AND p.deleted_at IS NULL GROUP BY p.contact_id"));
    q.bindValue(QStringLiteral(":client"), clientId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading the pitch history"));
    const qint64 since = now.toMSecsSinceEpoch() - PitchScore::kDeclineDays * kDayMs;
    while (q.next()) {
        const auto it = candidates.find(q.value(0).toLongLong());
        if (it != candidates.end() && !q.value(1).isNull() && q.value(1).toLongLong() >= since)
            it->in.clientDeclinedAt = Sql::time(q.value(1));
    }
    return {};
}

// The subject and body of each post, by id.
Result<QHash<qint64, QString>> readPostTexts(Database &db, const QList<qint64> &ids)
{
    QHash<qint64, QString> texts;
    if (ids.isEmpty())
        return texts;
    const bool pg = db.isPostgres();
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id, subject, body FROM interactions WHERE ") + Sql::inIdArray(pg, QStringLiteral("id")));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(pg, ids));
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading recent posts"));
    while (q.next())
        texts.insert(q.value(0).toLongLong(), q.value(1).toString() + u'\n' + q.value(2).toString());
    return texts;
}

} // namespace

Result<PitchSuggestionList> PitchSuggestions::find(Database &db, qint64 campaignId, int limit, const QDateTime &now)
{
    PitchSuggestionList list;
    list.campaignId = campaignId;
    const bool pg = db.isPostgres();
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.name, c.topics, c.client_id, o.name FROM campaigns c "
                             "LEFT JOIN organizations o ON o.id = c.client_id AND o.deleted_at IS NULL "
                             "WHERE c.id = :id AND c.deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":id"), campaignId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading the campaign"));
    if (!q.next())
        return Error { Tr::tr("The campaign no longer exists."), Error::Code::NotFound };
    list.campaignName = q.value(0).toString();
    list.topics = Topics::parse(q.value(1).toString());
    const qint64 clientId = q.value(2).isNull() ? 0 : q.value(2).toLongLong();
    const QString clientName = q.value(3).toString();
    q.finish();
    if (list.topics.isEmpty())
        return list;

    QHash<qint64, Candidate> candidates;
    if (Status s = readTopicTags(db, list.topics, candidates); !s)
        return s.error();
    if (Status s = readMatchingPosts(db, list.topics, now, candidates); !s)
        return s.error();
    if (Status s = readClientCoverage(db, clientId, candidates); !s)
        return s.error();
    if (candidates.isEmpty())
        return list;

    if (Status s = readEligible(db, campaignId, now, candidates); !s)
        return s.error();
    if (!pg)
        if (Status s = readPitchCounts(db, now, candidates); !s)
            return s.error();
    if (Status s = readDeclines(db, clientId, now, candidates); !s)
        return s.error();

    // Ranking. Everything but the answered and covered counts is known now, and those can only add up to
    // 20 points: a person's best case is their score with every pitch answered and covered. Nobody without a
    // pitch needs the rows read; the others are read best case first, in batches, until the limit-th exact score
    // is above every remaining best case (those can no longer reach the list).
    struct Ranked
    {
        int score;
        const Candidate *c;
        qint64 id;
    };
    auto before = [](const Ranked &a, const Ranked &b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.c->reach != b.c->reach)
            return a.c->reach > b.c->reach;
        if (a.c->sortName != b.c->sortName)
            return a.c->sortName < b.c->sortName;
        return a.id < b.id;
    };
    QList<Ranked> ranked;
    ranked.reserve(candidates.size());
    QList<std::pair<int, Candidate *>> pending; // best case, candidate
    for (auto it = candidates.begin(); it != candidates.end(); ++it) {
        if (!it->eligible || !PitchScore::isRelevant(it->in))
            continue;
        it->id = it.key();
        ++list.candidates;
        if (it->in.pitchesSent == 0) {
            ranked.append({ PitchScore::compute(it->in, now, false).score, &*it, it.key() });
            continue;
        }
        PitchSignals best = it->in;
        best.pitchesAnswered = best.pitchesCovered = best.pitchesSent;
        pending.append({ PitchScore::compute(best, now, false).score, &*it });
    }
    std::sort(pending.begin(), pending.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    auto limitthScore = [&ranked, limit]() {
        if (limit <= 0 || ranked.size() < limit)
            return -1;
        QList<int> scores;
        scores.reserve(ranked.size());
        for (const Ranked &r : std::as_const(ranked))
            scores << r.score;
        std::nth_element(scores.begin(), scores.begin() + (limit - 1), scores.end(), std::greater<>());
        return scores.at(limit - 1);
    };
    // A few times the limit per batch: about what the list needs, without a query per person.
    const int kBatch = limit > 0 ? qBound(8, 4 * limit, 500) : int(qMax<qsizetype>(1, pending.size()));
    for (qsizetype next = 0; next < pending.size(); next += kBatch) {
        if (limitthScore() > pending.at(next).first)
            break;
        QList<Candidate *> batch;
        for (qsizetype i = next; i < qMin(pending.size(), next + kBatch); ++i)
            batch << pending.at(i).second;
        if (Status s = readPitchOutcomes(db, batch); !s)
            return s.error();
        for (Candidate *c : std::as_const(batch))
            ranked.append({ PitchScore::compute(c->in, now, false).score, c, c->id });
    }
    std::sort(ranked.begin(), ranked.end(), before);
    if (limit > 0 && ranked.size() > limit)
        ranked.resize(limit);
    if (ranked.isEmpty())
        return list;

    // Only the rows shown get their names, outlets, channel, consent and reasons.
    QList<qint64> shown, posts;
    for (const Ranked &r : std::as_const(ranked)) {
        shown << r.id;
        if (r.c->latestPostId)
            posts << r.c->latestPostId;
    }
    Result<QHash<qint64, QString>> texts = readPostTexts(db, posts);
    if (!texts)
        return texts.error();
    q.prepare(QStringLiteral("SELECT c.id, c.display_name, c.title, o.name, c.preferred_channel, c.consent_basis "
                             "FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id "
                             "AND o.deleted_at IS NULL WHERE ")
        + Sql::inIdArray(pg, QStringLiteral("c.id")));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(pg, shown));
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading the candidates"));
    QHash<qint64, PitchSuggestion> rows;
    while (q.next()) {
        PitchSuggestion s;
        s.contactId = q.value(0).toLongLong();
        s.displayName = q.value(1).toString();
        s.title = q.value(2).toString();
        s.outletName = q.value(3).toString();
        s.in.preferredChannel = q.value(4).toString();
        s.in.hasConsent = !q.value(5).toString().trimmed().isEmpty();
        rows.insert(s.contactId, s);
    }

    list.rows.reserve(ranked.size());
    for (const Ranked &r : std::as_const(ranked)) {
        PitchSuggestion s = rows.value(r.id);
        const QString channel = s.in.preferredChannel;
        const bool consent = s.in.hasConsent;
        s.contactId = r.id;
        s.reach = r.c->reach;
        s.in = r.c->in;
        s.in.preferredChannel = channel;
        s.in.hasConsent = consent;
        s.in.clientName = clientName;
        if (s.in.matchingPosts > 0) {
            const QString text = texts->value(r.c->latestPostId);
            const auto topic = std::find_if(list.topics.cbegin(), list.topics.cend(),
                [&text](const QString &t) { return Topics::mentions(text, t); });
            s.in.latestPostTopic = topic != list.topics.cend() ? *topic : list.topics.constFirst();
        }
        std::sort(s.in.beats.begin(), s.in.beats.end());
        std::sort(s.in.tags.begin(), s.in.tags.end());
        s.score = PitchScore::compute(s.in, now);
        list.rows.append(s);
    }
    return list;
}
