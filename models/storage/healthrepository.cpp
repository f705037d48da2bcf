#include "healthrepository.h"

#include "core/clock.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

#include <algorithm>
#include <optional>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HealthScore)
};

constexpr int kWriteChunk = 5000; // rows per write transaction in recomputeAll()
constexpr int kWindow = HealthScore::kWindow;

// The inputs as of `now` and as of `then` (HealthScore::kThenDays before) side by side, in one pass: for
// everybody one scan of the table (SQLite: NOT INDEXED, since walking the timeline index and looking up each
// row costs three times as much as reading the table in order), for a few contacts by the timeline index.
// Counts run over the whole history; histories longer than kWindow are recounted over their window.
const QString kBothAggregate = QStringLiteral(
    "SELECT contact_id, count(*), sum(CASE WHEN occurred_at >= :recent_now THEN 1 ELSE 0 END), "
    "sum(CASE WHEN direction = 'inbound' THEN 1 ELSE 0 END), sum(CASE WHEN direction = 'outbound' THEN 1 ELSE 0 END), "
    "count(DISTINCT channel), min(occurred_at), max(occurred_at), "
    "sum(CASE WHEN occurred_at <= :then THEN 1 ELSE 0 END), "
    "sum(CASE WHEN occurred_at <= :then AND occurred_at >= :recent_then THEN 1 ELSE 0 END), "
    "sum(CASE WHEN occurred_at <= :then AND direction = 'inbound' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN occurred_at <= :then AND direction = 'outbound' THEN 1 ELSE 0 END), "
    "count(DISTINCT CASE WHEN occurred_at <= :then THEN channel END), "
    "max(CASE WHEN occurred_at <= :then THEN occurred_at END) FROM interactions %1 "
    "WHERE deleted_at IS NULL AND occurred_at <= :now AND %2 GROUP BY contact_id");

// One contact: the latest kWindow interactions from the timeline index, and the first one, so that a
// contact with 10,000 interactions costs what one with 500 does.
const QString kWindowAggregate = QStringLiteral(
    "SELECT count(*), sum(CASE WHEN occurred_at >= :recent THEN 1 ELSE 0 END), "
    "sum(CASE WHEN direction = 'inbound' THEN 1 ELSE 0 END), sum(CASE WHEN direction = 'outbound' THEN 1 ELSE 0 END), "
    "count(DISTINCT channel), max(occurred_at), (SELECT occurred_at FROM interactions WHERE contact_id = :contact "
    "AND deleted_at IS NULL AND occurred_at <= :now ORDER BY occurred_at, id LIMIT 1) "
    "FROM (SELECT occurred_at, direction, channel FROM interactions WHERE contact_id = :contact AND deleted_at IS NULL "
    "AND occurred_at <= :now ORDER BY occurred_at DESC, id DESC LIMIT :window) w");

// A pitch counts as answered once it has a reply time, or a status past "pitched" (older rows may lack
// replied_at).
const QString kPitchAggregate = QStringLiteral(
    "SELECT contact_id, count(*), sum(CASE WHEN (replied_at IS NOT NULL AND replied_at <= :now) OR (replied_at IS NULL "
    "AND status IN ('replied', 'interested', 'declined', 'covered')) THEN 1 ELSE 0 END) FROM pitches "
    "WHERE deleted_at IS NULL AND pitched_at IS NOT NULL AND pitched_at <= :now AND contact_id %1 GROUP BY contact_id");

} // namespace

Status HealthRepository::aggregateWindow(Database &db, qint64 nowMs, qint64 contactId, HealthInputs &in)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(kWindowAggregate);
    q.bindValue(QStringLiteral(":recent"), nowMs - qint64(HealthScore::kRecentDays) * 86400000);
    q.bindValue(QStringLiteral(":now"), nowMs);
    q.bindValue(QStringLiteral(":contact"), contactId);
    q.bindValue(QStringLiteral(":window"), kWindow);
    if (!q.exec() || !q.next())
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    in.contactId = contactId;
    in.total = q.value(0).toInt();
    in.recent = q.value(1).toInt();
    in.inbound = q.value(2).toInt();
    in.outbound = q.value(3).toInt();
    in.channels = q.value(4).toInt();
    in.last = Sql::time(q.value(5));
    in.first = Sql::time(q.value(6));
    return {};
}

namespace {

// A contact's inputs as of now and as of then (HealthScore::kThenDays earlier); then.total is 0 when the
// contact had no interaction by then.
struct BothInputs
{
    HealthInputs now, then;
};
using BothMap = QHash<qint64, BothInputs>;

using HealthRepository::aggregateWindow;

qint64 recentFrom(qint64 atMs)
{
    return atMs - qint64(HealthScore::kRecentDays) * 86400000;
}

Status pitchesAt(Database &db, qint64 atMs, const QList<qint64> *ids, BothMap &out, bool atNow)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(kPitchAggregate.arg(
        ids ? Sql::inIdArray(db.isPostgres(), QString()).trimmed() : QStringLiteral("IS NOT NULL")));
    q.bindValue(QStringLiteral(":now"), atMs);
    if (ids)
        q.bindValue(QStringLiteral(":ids"), Sql::idArray(db.isPostgres(), *ids));
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    while (q.next()) {
        BothInputs &both = out[q.value(0).toLongLong()];
        HealthInputs &in = atNow ? both.now : both.then;
        in.contactId = q.value(0).toLongLong();
        in.pitchesSent = q.value(1).toInt();
        in.pitchesAnswered = q.value(2).toInt();
    }
    return {};
}

// Aggregates histories as of `now` and as of `then` for the given contacts, or (ids null) everybody: counts
// over the latest kWindow interactions by each date, and the first interaction ever, as recomputeContact().
Status aggregateBoth(Database &db, const QDateTime &now, const QList<qint64> *ids, BothMap &out)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const qint64 thenMs = now.addDays(-HealthScore::kThenDays).toMSecsSinceEpoch();
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    const bool everybody = ids == nullptr;
    q.prepare(kBothAggregate.arg(everybody && !db.isPostgres() ? QStringLiteral("NOT INDEXED") : QString(),
        everybody ? QStringLiteral("contact_id IS NOT NULL")
                  : Sql::inIdArray(db.isPostgres(), QStringLiteral("contact_id"))));
    q.bindValue(QStringLiteral(":recent_now"), recentFrom(nowMs));
    q.bindValue(QStringLiteral(":recent_then"), recentFrom(thenMs));
    q.bindValue(QStringLiteral(":then"), thenMs);
    q.bindValue(QStringLiteral(":now"), nowMs);
    if (!everybody)
        q.bindValue(QStringLiteral(":ids"), Sql::idArray(db.isPostgres(), *ids));
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    QList<qint64> largeNow, largeThen;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        BothInputs &both = out[id];
        HealthInputs &n = both.now, &t = both.then;
        n.contactId = t.contactId = id;
        n.total = q.value(1).toInt();
        n.recent = q.value(2).toInt();
        n.inbound = q.value(3).toInt();
        n.outbound = q.value(4).toInt();
        n.channels = q.value(5).toInt();
        n.first = t.first = Sql::time(q.value(6));
        n.last = Sql::time(q.value(7));
        t.total = q.value(8).toInt();
        t.recent = q.value(9).toInt();
        t.inbound = q.value(10).toInt();
        t.outbound = q.value(11).toInt();
        t.channels = q.value(12).toInt();
        t.last = Sql::time(q.value(13));
        if (t.total == 0)
            t.first = QDateTime();
        if (n.total > kWindow)
            largeNow.append(id);
        if (t.total > kWindow)
            largeThen.append(id);
    }
    q.finish();
    // The few with a longer history than the window: counted as one by one.
    for (qint64 id : std::as_const(largeNow))
        if (Status s = aggregateWindow(db, nowMs, id, out[id].now); !s)
            return s;
    for (qint64 id : std::as_const(largeThen))
        if (Status s = aggregateWindow(db, thenMs, id, out[id].then); !s)
            return s;
    if (Status s = pitchesAt(db, nowMs, ids, out, true); !s)
        return s;
    return pitchesAt(db, thenMs, ids, out, false);
}

// The two scores of one contact's inputs; then is null when the contact had no interaction by then.
std::pair<int, QVariant> scores(const BothInputs &in, const QDateTime &now)
{
    const int score = HealthScore::compute(in.now, now, false).score;
    if (in.then.total == 0)
        return { score, QVariant(QMetaType::fromType<int>()) }; // NULL: not known then
    return { score, HealthScore::compute(in.then, now.addDays(-HealthScore::kThenDays), false).score };
}

const QString kUpdateScores = QStringLiteral(
    "UPDATE contacts SET health_score = :score, health_then = :then, last_contacted_at = (SELECT occurred_at "
    "FROM interactions WHERE contact_id = :id AND deleted_at IS NULL ORDER BY occurred_at DESC, id DESC LIMIT 1) "
    "WHERE id = :id");

// One contact's inputs as of `now` (interactions after it ignored), for inputs() and the then-score.
Status aggregateOne(Database &db, const QDateTime &now, qint64 contactId, HealthInputs &in)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (Status s = aggregateWindow(db, nowMs, contactId, in); !s)
        return s;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(kPitchAggregate.arg(QStringLiteral("= :contact")));
    q.bindValue(QStringLiteral(":now"), nowMs);
    q.bindValue(QStringLiteral(":contact"), contactId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    if (q.next()) {
        in.pitchesSent = q.value(1).toInt();
        in.pitchesAnswered = q.value(2).toInt();
    }
    return {};
}

struct LiveContact
{
    qint64 id = 0;
    QVariant health, then;
};

Result<QList<LiveContact>> liveContacts(Database &db)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, health_score, health_then FROM contacts WHERE deleted_at IS NULL")))
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    QList<LiveContact> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1), q.value(2) });
    return out;
}

bool sameScore(const QVariant &stored, const QVariant &computed)
{
    return stored.isNull() ? computed.isNull() : !computed.isNull() && stored.toInt() == computed.toInt();
}

} // namespace

Result<HealthInputs> HealthRepository::inputs(Database &db, qint64 contactId, const QDateTime &now)
{
    HealthInputs in;
    if (Status s = aggregateOne(db, now, contactId, in); !s)
        return s.error();
    in.contactId = contactId;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT reach FROM contacts WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    if (!q.next())
        return Error { Tr::tr("The contact no longer exists."), Error::Code::NotFound };
    in.reach = q.value(0).toLongLong();
    return in;
}

Status HealthRepository::recomputeContact(Database &db, qint64 contactId)
{
    // One "now" for the inputs and the scores; only the numbers are stored, so no sentences (building the
    // translated explanation was most of the time a sync page spends rescoring its contacts).
    const QDateTime now = Clock::now();
    BothInputs in;
    if (Status s = aggregateOne(db, now, contactId, in.now); !s)
        return s;
    if (in.now.total > 0)
        if (Status s = aggregateOne(db, now.addDays(-HealthScore::kThenDays), contactId, in.then); !s)
            return s;
    const auto [score, then] = scores(in, now);
    QSqlQuery q(db.connection());
    q.prepare(kUpdateScores);
    q.bindValue(QStringLiteral(":score"), score);
    q.bindValue(QStringLiteral(":then"), then);
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("updating relationship health"));
    return {};
}

Status HealthRepository::recomputeContacts(Database &db, const QList<qint64> &contactIds)
{
    if (contactIds.size() <= 1) {
        for (qint64 id : contactIds)
            if (Status s = recomputeContact(db, id); !s)
                return s;
        return {};
    }
    const QDateTime now = Clock::now();
    BothMap map;
    if (Status s = aggregateBoth(db, now, &contactIds, map); !s)
        return s;
    QSqlQuery q(db.connection());
    q.prepare(kUpdateScores);
    for (qint64 id : contactIds) {
        const auto [score, then] = scores(map.value(id), now);
        q.bindValue(QStringLiteral(":score"), score);
        q.bindValue(QStringLiteral(":then"), then);
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec())
            return db.errorFrom(q, Tr::tr("updating relationship health"));
    }
    return {};
}

Result<HealthScore> HealthRepository::explain(Database &db, qint64 contactId)
{
    const QDateTime now = Clock::now();
    Result<HealthInputs> in = inputs(db, contactId, now);
    if (!in)
        return in.error();
    return HealthScore::compute(*in, now);
}

Status HealthRepository::setScoredAt(Database &db, const QDateTime &at)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO health_state (id, scored_at) VALUES (1, :at) "
                             "ON CONFLICT (id) DO UPDATE SET scored_at = excluded.scored_at"));
    q.bindValue(QStringLiteral(":at"), at.toMSecsSinceEpoch());
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("updating relationship health"));
    return {};
}

Result<QDateTime> HealthRepository::scoredAt(Database &db)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT scored_at FROM health_state WHERE id = 1")))
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    return q.next() ? Sql::time(q.value(0)) : QDateTime();
}

Result<bool> HealthRepository::rescoreIfStale(Database &db)
{
    Result<QDateTime> at = scoredAt(db);
    if (!at)
        return at.error();
    const QDateTime now = Clock::now();
    // The local day, as the user counts "30 days" and as the follow-up buckets do.
    if (at->isValid() && at->toLocalTime().date() == now.toLocalTime().date() && *at <= now)
        return false;
    Result<RecomputeStats> stats = recomputeAll(db);
    if (!stats)
        return stats.error();
    return true;
}

namespace {

// recomputeAll() as of `now`; with ownTransactions the writes go in short transactions of their own, without
// them into the caller's open transaction. Ends by noting when everybody was scored (health_state).
Result<HealthRepository::RecomputeStats> recomputeEverybody(Database &db, const QDateTime &now, bool ownTransactions)
{
    using HealthRepository::RecomputeStats;
    BothMap map;
    if (Status s = aggregateBoth(db, now, nullptr, map); !s)
        return s.error();
    Result<QList<LiveContact>> contacts = liveContacts(db);
    if (!contacts)
        return contacts.error();

    struct Write
    {
        qint64 id;
        int score;
        QVariant then;
    };
    QList<Write> writes;
    RecomputeStats stats;
    for (const LiveContact &c : *contacts) {
        BothInputs in = map.value(c.id);
        in.now.contactId = in.then.contactId = c.id;
        const auto [score, then] = scores(in, now);
        ++stats.contacts;
        if (!sameScore(c.health, score) || !sameScore(c.then, then))
            writes.append({ c.id, score, then });
    }
    // Short transactions, so that a person saving an interaction meanwhile waits milliseconds, not seconds.
    for (qsizetype start = 0; start < writes.size(); start += kWriteChunk) {
        std::optional<Transaction> tx;
        if (ownTransactions) {
            tx.emplace(db);
            if (!tx->status())
                return tx->status().error();
        }
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("UPDATE contacts SET health_score = :score, health_then = :then WHERE id = :id"));
        const qsizetype end = std::min(writes.size(), start + kWriteChunk);
        for (qsizetype i = start; i < end; ++i) {
            q.bindValue(QStringLiteral(":score"), writes[i].score);
            q.bindValue(QStringLiteral(":then"), writes[i].then);
            q.bindValue(QStringLiteral(":id"), writes[i].id);
            if (!q.exec())
                return db.errorFrom(q, Tr::tr("updating relationship health"));
        }
        if (tx)
            if (Status s = tx->commit(); !s)
                return s.error();
        stats.changed += int(end - start);
    }
    if (Status s = HealthRepository::setScoredAt(db, now); !s)
        return s.error();
    return stats;
}

} // namespace

Result<HealthRepository::RecomputeStats> HealthRepository::recomputeAll(Database &db)
{
    return recomputeEverybody(db, Clock::now(), true);
}

Result<HealthRepository::RecomputeStats> HealthRepository::recomputeAllInTransaction(Database &db, const QDateTime &now)
{
    return recomputeEverybody(db, now, false);
}
