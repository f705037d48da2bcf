#include "coolingoffquery.h"

#include "core/clock.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HealthScore)
};

} // namespace

namespace {

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
    static_assert(kCoolingDays == HealthScore::kThenDays, "contacts.health_then is the score kCoolingDays ago");
    const qint64 nowMs = Clock::nowMs();
    constexpr qint64 kDay = 86400000;
    const QString doing = Tr::tr("finding the relationships that are cooling off");

    // One range of the index contacts_live_cooling (schema v7): the quiet contacts (by last_contacted_at)
    // whose stored score of kCoolingDays ago allows a drop of kCoolingMinDrop; the scores and the reach are in
    // the index. Its WHERE repeats the index's literally (a bound value cannot prove the partial index
    // applies). The scores are as of the last rescoring (HealthRepository::rescoreIfStale: the same day).
    QList<CoolingContact> out;
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT c.id, c.health_then, c.health_score, c.reach FROM contacts c %1 "
                                 "WHERE c.deleted_at IS NULL AND c.health_then >= %2 "
                                 "AND c.last_contacted_at >= :oldest AND c.last_contacted_at < :quiet "
                                 "AND c.health_then - c.health_score >= %2 AND (c.health_then >= %3 OR c.reach >= %4) "
                                 "ORDER BY c.health_then - c.health_score DESC, c.reach DESC, c.id LIMIT :limit")
                      .arg(db.isPostgres() ? QString() : QStringLiteral("INDEXED BY contacts_live_cooling"))
                      .arg(kCoolingMinDrop)
                      .arg(kCoolingValuableScore)
                      .arg(kCoolingValuableReach));
        q.bindValue(QStringLiteral(":oldest"), nowMs - kCoolingOldestDays * kDay);
        q.bindValue(QStringLiteral(":quiet"), nowMs - kCoolingQuietDays * kDay);
        q.bindValue(QStringLiteral(":limit"), limit);
        if (!q.exec())
            return db.errorFrom(q, doing);
        while (q.next()) {
            CoolingContact c;
            c.contactId = q.value(0).toLongLong();
            c.scoreThen = q.value(1).toInt();
            c.scoreNow = q.value(2).toInt();
            c.reach = q.value(3).toLongLong();
            out.append(c);
        }
    }
    if (out.isEmpty())
        return out;

    // Names, owners and last contact for the rows shown only.
    QList<qint64> ids;
    QHash<qint64, qsizetype> at;
    for (qsizetype n = 0; n < out.size(); ++n) {
        ids << out[n].contactId;
        at.insert(out[n].contactId, n);
    }
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT c.id, c.display_name, c.last_contacted_at, c.owner_id, u.name "
                                   "FROM contacts c LEFT JOIN users u ON u.id = c.owner_id WHERE c.id IN (")
                + idList(ids) + u')'))
            return db.errorFrom(q, doing);
        while (q.next()) {
            CoolingContact &c = out[at.value(q.value(0).toLongLong())];
            c.displayName = q.value(1).toString();
            c.lastContactedAt = Sql::time(q.value(2));
            c.ownerId = q.value(3).toLongLong();
            c.ownerName = q.value(4).toString();
        }
    }
    if (Status s = fillNextFollowUps(db, out); !s)
        return s.error();
    return out;
}

Status CoolingOffQuery::fillNextFollowUps(Database &db, QList<CoolingContact> &contacts)
{
    // The open follow-ups of these contacts only (index follow_ups_contact_open, schema v7).
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
    // SQLite names the index: without statistics it rates "done_at IS NULL" on follow_ups_due (follow_ups_state
    // since v19) as high as the contact ids on this one and took it, walking every open follow-up (180 ms on the
    // large dataset).
    if (!q.exec(QStringLiteral("SELECT contact_id, min(due_at) FROM follow_ups %1 WHERE done_at IS NULL "
                               "AND deleted_at IS NULL AND contact_id IN (")
                    .arg(db.isPostgres() ? QString() : QStringLiteral("INDEXED BY follow_ups_contact_open"))
            + idList(ids) + QStringLiteral(") GROUP BY contact_id")))
        return db.errorFrom(q, Tr::tr("finding the relationships that are cooling off"));
    while (q.next())
        contacts[at.value(q.value(0).toLongLong())].nextFollowUpAt = Sql::time(q.value(1));
    return {};
}
