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
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    // SQLite: the index gives the matching rowids, each looked up by primary key (CROSS JOIN keeps that order:
    // walking the recent rows instead and probing the index for each costs more).
    q.prepare(pg ? QStringLiteral("SELECT i.id, i.contact_id, i.occurred_at FROM interactions i "
                                  "WHERE i.search_vector @@ to_tsquery('simple', :q) AND ")
                + kPostFilter
                 : QStringLiteral("SELECT i.id, i.contact_id, i.occurred_at FROM interactions_fts f "
                                  "CROSS JOIN interactions i ON i.id = f.rowid WHERE interactions_fts MATCH :q AND ")
                + kPostFilter);
    q.bindValue(QStringLiteral(":q"), match);
    q.bindValue(QStringLiteral(":since"), now.toMSecsSinceEpoch() - PitchScore::kPostDays * kDayMs);
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

// The candidates' pitch history, for every campaign.
Status readPitchHistory(Database &db, qint64 clientId, const QDateTime &now, QHash<qint64, Candidate> &candidates)
{
    const bool pg = db.isPostgres();
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
                  "SELECT p.contact_id, "
                  "sum(CASE WHEN p.pitched_at IS NOT NULL THEN 1 ELSE 0 END), "
                  "sum(CASE WHEN p.pitched_at IS NOT NULL AND (p.replied_at IS NOT NULL OR p.status IN ('replied', "
                  "'interested', 'declined', 'covered')) THEN 1 ELSE 0 END), "
                  "sum(CASE WHEN p.pitched_at IS NOT NULL AND p.status = 'covered' THEN 1 ELSE 0 END), "
                  "sum(CASE WHEN p.pitched_at >= :fatigue THEN 1 ELSE 0 END), "
                  "max(p.pitched_at), "
                  "max(CASE WHEN p.status = 'declined' AND c.client_id = :client "
                  "THEN coalesce(p.replied_at, p.pitched_at, p.updated_at) END) "
                  "FROM pitches p JOIN campaigns c ON c.id = p.campaign_id WHERE p.deleted_at IS NULL AND ")
        + Sql::inIdArray(pg, QStringLiteral("p.contact_id")) + QStringLiteral(" GROUP BY p.contact_id"));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(pg, candidates.keys()));
    q.bindValue(QStringLiteral(":fatigue"), now.toMSecsSinceEpoch() - PitchScore::kFatigueDays * kDayMs);
    q.bindValue(QStringLiteral(":client"), Sql::id(clientId));
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading the pitch history"));
    const qint64 declineSince = now.toMSecsSinceEpoch() - PitchScore::kDeclineDays * kDayMs;
    while (q.next()) {
        auto it = candidates.find(q.value(0).toLongLong());
        if (it == candidates.end())
            continue;
        PitchSignals &in = it->in;
        in.pitchesSent = q.value(1).toInt();
        in.pitchesAnswered = q.value(2).toInt();
        in.pitchesCovered = q.value(3).toInt();
        in.recentPitches = q.value(4).toInt();
        in.lastPitchedAt = Sql::time(q.value(5));
        if (!q.value(6).isNull() && q.value(6).toLongLong() >= declineSince)
            in.clientDeclinedAt = Sql::time(q.value(6));
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

    // Who may be suggested, with what the list shows of them.
    struct Row
    {
        qint64 id;
        QString sortName;
        qint64 reach;
        PitchScore score;
    };
    QList<Row> rows;
    rows.reserve(candidates.size());
    q.prepare(QStringLiteral("SELECT c.id, c.sort_name, c.reach, c.health_score, c.preferred_channel, c.consent_basis "
                             "FROM contacts c WHERE ")
        + Sql::inIdArray(pg, QStringLiteral("c.id"))
        + QStringLiteral(" AND c.deleted_at IS NULL AND c.do_not_contact = 0 "
                         "AND c.kind NOT IN ('client_contact', 'customer') "
                         "AND NOT EXISTS (SELECT 1 FROM pitches p WHERE p.campaign_id = :campaign "
                         "AND p.contact_id = c.id)"));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(pg, candidates.keys()));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading the candidates"));
    QHash<qint64, Candidate> eligible;
    eligible.reserve(candidates.size());
    QHash<qint64, std::pair<QString, qint64>> order; // sort name, reach
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        Candidate c = candidates.value(id);
        c.in.healthScore = q.value(3).isNull() ? -1 : q.value(3).toInt();
        c.in.preferredChannel = q.value(4).toString();
        c.in.hasConsent = !q.value(5).toString().trimmed().isEmpty();
        c.in.clientName = clientName;
        eligible.insert(id, c);
        order.insert(id, { q.value(1).toString(), q.value(2).isNull() ? -1 : q.value(2).toLongLong() });
    }
    q.finish();
    candidates.clear();
    if (eligible.isEmpty())
        return list;
    if (Status s = readPitchHistory(db, clientId, now, eligible); !s)
        return s.error();

    for (auto it = eligible.cbegin(); it != eligible.cend(); ++it) {
        if (!PitchScore::isRelevant(it->in))
            continue;
        const auto &[sortName, reach] = order.value(it.key());
        rows.append({ it.key(), sortName, reach, PitchScore::compute(it->in, now, false) });
    }
    list.candidates = int(rows.size());
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        if (a.score.score != b.score.score)
            return a.score.score > b.score.score;
        if (a.reach != b.reach)
            return a.reach > b.reach;
        if (a.sortName != b.sortName)
            return a.sortName < b.sortName;
        return a.id < b.id;
    });
    if (limit > 0 && rows.size() > limit)
        rows.resize(limit);

    // Only the rows shown get their names, outlets and reasons.
    QList<qint64> shown, posts;
    for (const Row &r : rows) {
        shown << r.id;
        if (qint64 post = eligible.value(r.id).latestPostId)
            posts << post;
    }
    Result<QHash<qint64, QString>> texts = readPostTexts(db, posts);
    if (!texts)
        return texts.error();
    q.prepare(QStringLiteral("SELECT c.id, c.display_name, c.title, o.name FROM contacts c "
                             "LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL WHERE ")
        + Sql::inIdArray(pg, QStringLiteral("c.id")));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(pg, shown));
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("reading the candidates"));
    QHash<qint64, std::tuple<QString, QString, QString>> names;
    while (q.next())
        names.insert(q.value(0).toLongLong(), { q.value(1).toString(), q.value(2).toString(), q.value(3).toString() });

    list.rows.reserve(rows.size());
    for (const Row &r : rows) {
        Candidate c = eligible.value(r.id);
        if (c.in.matchingPosts > 0) {
            const QString text = texts->value(c.latestPostId);
            const auto topic = std::find_if(list.topics.cbegin(), list.topics.cend(),
                [&text](const QString &t) { return Topics::mentions(text, t); });
            c.in.latestPostTopic = topic != list.topics.cend() ? *topic : list.topics.constFirst();
        }
        std::sort(c.in.beats.begin(), c.in.beats.end());
        std::sort(c.in.tags.begin(), c.in.tags.end());
        PitchSuggestion s;
        s.contactId = r.id;
        std::tie(s.displayName, s.title, s.outletName) = names.value(r.id);
        s.reach = r.reach;
        s.in = c.in;
        s.score = PitchScore::compute(c.in, now);
        list.rows.append(s);
    }
    return list;
}
