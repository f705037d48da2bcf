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

// Everybody at once: one scan of the table (SQLite: NOT INDEXED, since walking the timeline index and
// looking up each row costs three times as much as reading the table in order).
const QString kInteractionAggregate = QStringLiteral(
    "SELECT contact_id, count(*), sum(CASE WHEN occurred_at >= :recent THEN 1 ELSE 0 END), "
    "sum(CASE WHEN direction = 'inbound' THEN 1 ELSE 0 END), sum(CASE WHEN direction = 'outbound' THEN 1 ELSE 0 END), "
    "count(DISTINCT channel), min(occurred_at), max(occurred_at) FROM interactions %1 "
    "WHERE deleted_at IS NULL AND occurred_at <= :now AND contact_id IS NOT NULL GROUP BY contact_id");

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

using InputMap = QHash<qint64, HealthInputs>;

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

// One row of kInteractionAggregate (contact, total, recent, inbound, outbound, channels, first, last) into the
// contact's inputs; shared by the recompute of everybody and of a page's contacts.
const HealthInputs &readAggregateRow(const QSqlQuery &q, InputMap &map)
{
    HealthInputs &in = map[q.value(0).toLongLong()];
    in.contactId = q.value(0).toLongLong();
    in.total = q.value(1).toInt();
    in.recent = q.value(2).toInt();
    in.inbound = q.value(3).toInt();
    in.outbound = q.value(4).toInt();
    in.channels = q.value(5).toInt();
    in.first = Sql::time(q.value(6));
    in.last = Sql::time(q.value(7));
    return in;
}

using HealthRepository::aggregateWindow;

// Aggregates histories as of `now`, for one contact or (contactId 0) everybody. Both give the same inputs:
// counts over the latest kWindow interactions, and the first interaction ever.
Status aggregate(Database &db, const QDateTime &now, qint64 contactId, InputMap &out)
{
    const QString which = contactId > 0 ? QStringLiteral("= :contact") : QStringLiteral("IS NOT NULL");
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (contactId > 0) {
        HealthInputs in;
        if (Status s = aggregateWindow(db, nowMs, contactId, in); !s)
            return s;
        if (in.total > 0)
            out.insert(contactId, in);
    } else {
        q.prepare(kInteractionAggregate.arg(db.isPostgres() ? QString() : QStringLiteral("NOT INDEXED")));
        q.bindValue(QStringLiteral(":recent"), nowMs - qint64(HealthScore::kRecentDays) * 86400000);
        q.bindValue(QStringLiteral(":now"), nowMs);
        if (!q.exec())
            return db.errorFrom(q, Tr::tr("computing relationship health"));
        QList<qint64> large;
        while (q.next()) {
            const HealthInputs &in = readAggregateRow(q, out);
            if (in.total > kWindow)
                large.append(in.contactId);
        }
        q.finish();
        for (qint64 id : large) // the few with a longer history than the window: counted as one by one
            if (Status s = aggregateWindow(db, nowMs, id, out[id]); !s)
                return s;
    }
    q.prepare(kPitchAggregate.arg(which));
    q.bindValue(QStringLiteral(":now"), nowMs);
    if (contactId > 0)
        q.bindValue(QStringLiteral(":contact"), contactId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    while (q.next()) {
        HealthInputs &in = out[q.value(0).toLongLong()];
        in.contactId = q.value(0).toLongLong();
        in.pitchesSent = q.value(1).toInt();
        in.pitchesAnswered = q.value(2).toInt();
    }
    return {};
}

struct LiveContact
{
    qint64 id = 0;
    qint64 reach = 0;
    QVariant health;
    QString name;
    QDateTime lastContacted;
};

Result<QList<LiveContact>> liveContacts(Database &db)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, reach, health_score, display_name, last_contacted_at FROM contacts "
                               "WHERE deleted_at IS NULL")))
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    QList<LiveContact> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2), q.value(3).toString(),
            Sql::time(q.value(4)) });
    return out;
}

} // namespace

Result<HealthInputs> HealthRepository::inputs(Database &db, qint64 contactId, const QDateTime &now)
{
    InputMap map;
    if (Status s = aggregate(db, now, contactId, map); !s)
        return s.error();
    HealthInputs in = map.value(contactId);
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
    // One "now" for the inputs and the score; only the number is stored, so no sentences (building the
    // translated explanation was most of the time a sync page spends rescoring its contacts).
    const QDateTime now = Clock::now();
    Result<HealthInputs> in = inputs(db, contactId, now);
    if (!in)
        return in.error();
    const HealthScore h = HealthScore::compute(*in, now, false);
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE contacts SET health_score = :score, last_contacted_at = (SELECT occurred_at "
                             "FROM interactions WHERE contact_id = :id AND deleted_at IS NULL "
                             "ORDER BY occurred_at DESC, id DESC LIMIT 1) WHERE id = :id"));
    q.bindValue(QStringLiteral(":score"), h.score);
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
    const QString doing = Tr::tr("updating relationship health");
    const QDateTime now = Clock::now();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const QString ids = Sql::idArray(db.isPostgres(), contactIds);
    InputMap map;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QString(kInteractionAggregate)
                  .replace(QStringLiteral("contact_id IS NOT NULL"),
                      Sql::inIdArray(db.isPostgres(), QStringLiteral("contact_id")))
                  .arg(QString()));
    q.bindValue(QStringLiteral(":recent"), nowMs - qint64(HealthScore::kRecentDays) * 86400000);
    q.bindValue(QStringLiteral(":now"), nowMs);
    q.bindValue(QStringLiteral(":ids"), ids);
    if (!q.exec())
        return db.errorFrom(q, doing);
    QList<qint64> large;
    while (q.next()) {
        const HealthInputs &in = readAggregateRow(q, map);
        if (in.total > kWindow)
            large.append(in.contactId);
    }
    q.finish();
    for (qint64 id : std::as_const(large)) // longer histories: over their window, as recomputeContact()
        if (Status s = aggregateWindow(db, nowMs, id, map[id]); !s)
            return s;
    q.prepare(kPitchAggregate.arg(Sql::inIdArray(db.isPostgres(), QString()).trimmed()));
    q.bindValue(QStringLiteral(":now"), nowMs);
    q.bindValue(QStringLiteral(":ids"), ids);
    if (!q.exec())
        return db.errorFrom(q, doing);
    while (q.next()) {
        HealthInputs &in = map[q.value(0).toLongLong()];
        in.contactId = q.value(0).toLongLong();
        in.pitchesSent = q.value(1).toInt();
        in.pitchesAnswered = q.value(2).toInt();
    }
    q.finish();
    q.prepare(QStringLiteral("UPDATE contacts SET health_score = :score, last_contacted_at = (SELECT occurred_at "
                             "FROM interactions WHERE contact_id = :id AND deleted_at IS NULL "
                             "ORDER BY occurred_at DESC, id DESC LIMIT 1) WHERE id = :id"));
    for (qint64 id : contactIds) {
        HealthInputs in = map.value(id);
        in.contactId = id;
        q.bindValue(QStringLiteral(":score"), HealthScore::compute(in, now, false).score);
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec())
            return db.errorFrom(q, doing);
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

namespace {

// recomputeAll() as of `now`; with ownTransactions the writes go in short transactions of their own, without
// them into the caller's open transaction.
Result<HealthRepository::RecomputeStats> recomputeEverybody(Database &db, const QDateTime &now, bool ownTransactions)
{
    using HealthRepository::RecomputeStats;
    InputMap map;
    if (Status s = aggregate(db, now, 0, map); !s)
        return s.error();
    Result<QList<LiveContact>> contacts = liveContacts(db);
    if (!contacts)
        return contacts.error();

    QList<std::pair<qint64, int>> writes;
    RecomputeStats stats;
    for (const LiveContact &c : *contacts) {
        HealthInputs in = map.value(c.id);
        in.reach = c.reach;
        const int score = HealthScore::compute(in, now, false).score;
        ++stats.contacts;
        if (c.health.isNull() || c.health.toInt() != score)
            writes.append({ c.id, score });
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
        q.prepare(QStringLiteral("UPDATE contacts SET health_score = :score WHERE id = :id"));
        const qsizetype end = std::min(writes.size(), start + kWriteChunk);
        for (qsizetype i = start; i < end; ++i) {
            q.bindValue(QStringLiteral(":score"), writes[i].second);
            q.bindValue(QStringLiteral(":id"), writes[i].first);
            if (!q.exec())
                return db.errorFrom(q, Tr::tr("updating relationship health"));
        }
        if (tx)
            if (Status s = tx->commit(); !s)
                return s.error();
        stats.changed += int(end - start);
    }
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
