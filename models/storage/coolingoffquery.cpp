#include "coolingoffquery.h"

#include "core/clock.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

#include <algorithm>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HealthScore)
};

constexpr int kWindow = HealthScore::kWindow;

} // namespace

namespace {

// Cooling off, in one pass over the interactions of the quiet contacts: the inputs as of now and as of
// `then` side by side. SQLite: NOT INDEXED, one sequential scan (reading half the contacts' histories
// through the timeline index costs twice as much in random reads). Counts run over the whole history;
// the few contacts with more than kWindow interactions are recounted over their window afterwards, as the
// stored score does.
const QString kQuietContacts = QStringLiteral(
    "SELECT id FROM contacts WHERE deleted_at IS NULL AND last_contacted_at >= :oldest AND last_contacted_at < :quiet");

const QString kCoolingAggregate = QStringLiteral(
    "SELECT i.contact_id, count(*), sum(CASE WHEN i.occurred_at >= :recent_now THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.direction = 'inbound' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.direction = 'outbound' THEN 1 ELSE 0 END), count(DISTINCT i.channel), "
    "min(i.occurred_at), max(i.occurred_at), "
    "sum(CASE WHEN i.occurred_at <= :then THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.occurred_at <= :then AND i.occurred_at >= :recent_then THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.occurred_at <= :then AND i.direction = 'inbound' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.occurred_at <= :then AND i.direction = 'outbound' THEN 1 ELSE 0 END), "
    "count(DISTINCT CASE WHEN i.occurred_at <= :then THEN i.channel END), "
    "max(CASE WHEN i.occurred_at <= :then THEN i.occurred_at END) "
    "FROM interactions i %1 WHERE i.deleted_at IS NULL AND i.occurred_at <= :now AND i.contact_id IN (%2) "
    "GROUP BY i.contact_id");

const QString kCoolingPitches = QStringLiteral(
    "SELECT p.contact_id, count(*), sum(CASE WHEN (p.replied_at IS NOT NULL AND p.replied_at <= :at) OR "
    "(p.replied_at IS NULL AND p.status IN ('replied', 'interested', 'declined', 'covered')) THEN 1 ELSE 0 END) "
    "FROM pitches p WHERE p.deleted_at IS NULL AND p.pitched_at IS NOT NULL AND p.pitched_at <= :at "
    "AND p.contact_id IN (%1) GROUP BY p.contact_id");

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id); // integers from the database: safe to inline
    return parts.join(u',');
}

} // namespace

Result<QList<CoolingContact>> CoolingOffQuery::find(Database &db, int limit)
{
    const QDateTime now = Clock::now();
    const QDateTime then = now.addDays(-kCoolingDays);
    const qint64 nowMs = now.toMSecsSinceEpoch(), thenMs = then.toMSecsSinceEpoch();
    constexpr qint64 kDay = 86400000;
    const qint64 quietMs = nowMs - kCoolingQuietDays * kDay;
    const qint64 oldestMs = nowMs - kCoolingOldestDays * kDay;
    const QString doing = Tr::tr("finding the relationships that are cooling off");

    struct Row
    {
        HealthInputs now, then;
        int scoreThen = 0, scoreNow = 0;
    };
    QHash<qint64, Row> rows;
    QList<qint64> order;
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        q.prepare(kCoolingAggregate.arg(db.isPostgres() ? QString() : QStringLiteral("NOT INDEXED"), kQuietContacts));
        q.bindValue(QStringLiteral(":recent_now"), nowMs - qint64(HealthScore::kRecentDays) * kDay);
        q.bindValue(QStringLiteral(":recent_then"), thenMs - qint64(HealthScore::kRecentDays) * kDay);
        q.bindValue(QStringLiteral(":then"), thenMs);
        q.bindValue(QStringLiteral(":now"), nowMs);
        q.bindValue(QStringLiteral(":oldest"), oldestMs);
        q.bindValue(QStringLiteral(":quiet"), quietMs);
        if (!q.exec())
            return db.errorFrom(q, doing);
        while (q.next()) {
            Row r;
            const qint64 id = q.value(0).toLongLong();
            r.now.contactId = r.then.contactId = id;
            r.now.total = q.value(1).toInt();
            r.now.recent = q.value(2).toInt();
            r.now.inbound = q.value(3).toInt();
            r.now.outbound = q.value(4).toInt();
            r.now.channels = q.value(5).toInt();
            r.now.first = r.then.first = Sql::time(q.value(6));
            r.now.last = Sql::time(q.value(7));
            r.then.total = q.value(8).toInt();
            r.then.recent = q.value(9).toInt();
            r.then.inbound = q.value(10).toInt();
            r.then.outbound = q.value(11).toInt();
            r.then.channels = q.value(12).toInt();
            r.then.last = Sql::time(q.value(13));
            if (r.then.total == 0)
                continue; // not known 90 days ago: nothing to cool from
            order.append(id);
            rows.insert(id, r);
        }
    }
    if (order.isEmpty())
        return QList<CoolingContact>();
    for (const bool atNow : { true, false }) {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        q.prepare(kCoolingPitches.arg(kQuietContacts));
        q.bindValue(QStringLiteral(":at"), atNow ? nowMs : thenMs);
        q.bindValue(QStringLiteral(":oldest"), oldestMs);
        q.bindValue(QStringLiteral(":quiet"), quietMs);
        if (!q.exec())
            return db.errorFrom(q, doing);
        while (q.next()) {
            auto it = rows.find(q.value(0).toLongLong());
            if (it == rows.end())
                continue;
            HealthInputs &in = atNow ? it->now : it->then;
            in.pitchesSent = q.value(1).toInt();
            in.pitchesAnswered = q.value(2).toInt();
        }
    }
    // Reach only matters for those the score alone does not make valuable.
    QHash<qint64, qint64> reach;
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        q.prepare(
            QStringLiteral("SELECT id, reach FROM contacts WHERE reach >= :reach AND id IN (%1)").arg(kQuietContacts));
        q.bindValue(QStringLiteral(":reach"), kCoolingValuableReach);
        q.bindValue(QStringLiteral(":oldest"), oldestMs);
        q.bindValue(QStringLiteral(":quiet"), quietMs);
        if (!q.exec())
            return db.errorFrom(q, doing);
        while (q.next())
            reach.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    }
    struct Hit
    {
        qint64 id;
        int drop;
        qint64 reach;
        int scoreThen, scoreNow;
    };
    QList<Hit> hits;
    for (qint64 id : std::as_const(order)) {
        Row &r = rows[id];
        // Longer histories than the stored score's window: count them over the window, as recomputeContact().
        if (r.now.total > kWindow)
            if (Status s = HealthRepository::aggregateWindow(db, nowMs, id, r.now); !s)
                return s.error();
        if (r.then.total > kWindow)
            if (Status s = HealthRepository::aggregateWindow(db, thenMs, id, r.then); !s)
                return s.error();
        const int scoreThen = HealthScore::compute(r.then, then, false).score;
        const int scoreNow = HealthScore::compute(r.now, now, false).score;
        const qint64 contactReach = reach.value(id);
        const bool valuable = scoreThen >= kCoolingValuableScore
            || (contactReach >= kCoolingValuableReach && scoreThen >= kCoolingMinDrop);
        if (valuable && scoreThen - scoreNow >= kCoolingMinDrop)
            hits.append({ id, scoreThen - scoreNow, contactReach, scoreThen, scoreNow });
    }
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) {
        return a.drop != b.drop ? a.drop > b.drop : a.reach != b.reach ? a.reach > b.reach : a.id < b.id;
    });
    if (hits.size() > limit)
        hits.resize(limit);

    // Names, owners and last contact for the rows shown only.
    QList<CoolingContact> out;
    if (hits.isEmpty())
        return out;
    QList<qint64> ids;
    for (const Hit &h : std::as_const(hits))
        ids << h.id;
    QHash<qint64, CoolingContact> details;
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT c.id, c.display_name, c.reach, c.last_contacted_at, c.owner_id, u.name "
                                   "FROM contacts c LEFT JOIN users u ON u.id = c.owner_id WHERE c.id IN (")
                + idList(ids) + u')'))
            return db.errorFrom(q, doing);
        while (q.next()) {
            CoolingContact c;
            c.contactId = q.value(0).toLongLong();
            c.displayName = q.value(1).toString();
            c.reach = q.value(2).toLongLong();
            c.lastContactedAt = Sql::time(q.value(3));
            c.ownerId = q.value(4).toLongLong();
            c.ownerName = q.value(5).toString();
            details.insert(c.contactId, c);
        }
    }
    for (const Hit &h : std::as_const(hits)) {
        CoolingContact c = details.value(h.id);
        c.contactId = h.id;
        c.scoreThen = h.scoreThen;
        c.scoreNow = h.scoreNow;
        out.append(c);
    }
    if (Status s = fillNextFollowUps(db, out); !s)
        return s.error();
    return out;
}

Status CoolingOffQuery::fillNextFollowUps(Database &db, QList<CoolingContact> &contacts)
{
    // One pass over the open follow-ups (there is no index by contact; the open ones lead the
    // (done_at, due_at) index).
    if (contacts.isEmpty())
        return {};
    QList<qint64> ids;
    QHash<qint64, qsizetype> at;
    for (qsizetype n = 0; n < contacts.size(); ++n) {
        ids << contacts[n].contactId;
        at.insert(contacts[n].contactId, n);
        contacts[n].nextFollowUpAt = QDateTime();
    }
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT contact_id, min(due_at) FROM follow_ups WHERE done_at IS NULL "
                               "AND deleted_at IS NULL AND contact_id IN (")
            + idList(ids) + QStringLiteral(") GROUP BY contact_id")))
        return db.errorFrom(q, Tr::tr("finding the relationships that are cooling off"));
    while (q.next())
        contacts[at.value(q.value(0).toLongLong())].nextFollowUpAt = Sql::time(q.value(1));
    return {};
}
