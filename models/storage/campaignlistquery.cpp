#include "campaignlistquery.h"

#include "domain/text.h"
#include "storage/database.h"
#include "storage/listorder.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CampaignListQuery)
};

using ListOrder::direction;

QString textKey(const QString &column, Qt::SortOrder order)
{
    return QStringLiteral("NULLIF(") + column + QStringLiteral(", '')") + direction(order)
        + QStringLiteral(" NULLS LAST");
}

// The figures of each campaign's live pitches, grouped: read from the partial index pitches_live_campaign_status
// alone (schema v10; before it, every pitch row was read for its deleted_at).
const QString kPitchFigures = QStringLiteral(
    "SELECT campaign_id, count(*) AS on_list, "
    "sum(CASE WHEN status <> 'planned' THEN 1 ELSE 0 END) AS pitched, "
    "sum(CASE WHEN status IN ('replied', 'interested', 'declined', 'covered') THEN 1 ELSE 0 END) AS replied, "
    "sum(CASE WHEN status = 'covered' THEN 1 ELSE 0 END) AS covered "
    "FROM pitches WHERE deleted_at IS NULL");
const QString kReach
    = QStringLiteral("SELECT campaign_id, sum(reach) AS reach FROM coverage WHERE deleted_at IS NULL AND reach > 0");

qint64 startOfDayMs(const QDate &date)
{
    return date.startOfDay().toMSecsSinceEpoch();
}

} // namespace

QString CampaignListQuery::orderBy(SortKey key, Qt::SortOrder order) const
{
    QString first;
    switch (key) {
    case SortKey::Name:
        first = QStringLiteral("lower(c.name)") + direction(order);
        break;
    case SortKey::Client:
        first = textKey(QStringLiteral("lower(o.name)"), order) + QStringLiteral(", lower(c.name)") + direction(order);
        break;
    case SortKey::Status: {
        if (m_statusOrder.isEmpty()) {
            first = QStringLiteral("c.status") + direction(order);
            break;
        }
        QString rank = QStringLiteral("CASE c.status");
        for (qsizetype i = 0; i < m_statusOrder.size(); ++i)
            rank += QStringLiteral(" WHEN :status%1 THEN %1").arg(i);
        first = rank + QStringLiteral(" ELSE %1 END").arg(m_statusOrder.size()) + direction(order);
        break;
    }
    case SortKey::Owner:
        first = textKey(QStringLiteral("lower(u.name)"), order);
        break;
    case SortKey::Starts:
        first = QStringLiteral("COALESCE(c.starts_at, 0)") + direction(order);
        break;
    case SortKey::Ends:
        first = QStringLiteral("COALESCE(c.ends_at, 0)") + direction(order);
        break;
    case SortKey::OnList:
        first = QStringLiteral("COALESCE(p.on_list, 0)") + direction(order);
        break;
    case SortKey::Pitched:
        first = QStringLiteral("COALESCE(p.pitched, 0)") + direction(order);
        break;
    case SortKey::Replied:
        first = QStringLiteral("COALESCE(p.replied, 0)") + direction(order);
        break;
    case SortKey::Covered:
        first = QStringLiteral("COALESCE(p.covered, 0)") + direction(order);
        break;
    case SortKey::Reach:
        first = QStringLiteral("COALESCE(r.reach, 0)") + direction(order);
        break;
    case SortKey::Updated:
        first = QStringLiteral("c.updated_at") + direction(order);
        break;
    }
    return first + QStringLiteral(", c.id") + direction(order);
}

Result<QList<qint64>> CampaignListQuery::orderedIds(const CampaignListFilter &filter, SortKey key, Qt::SortOrder order)
{
    QString from
        = QStringLiteral("campaigns c LEFT JOIN organizations o ON o.id = c.client_id AND o.deleted_at IS NULL "
                         "LEFT JOIN users u ON u.id = c.owner_id");
    if (key == SortKey::OnList || key == SortKey::Pitched || key == SortKey::Replied || key == SortKey::Covered)
        from += QStringLiteral(" LEFT JOIN (") + kPitchFigures
            + QStringLiteral(" GROUP BY campaign_id) p ON p.campaign_id = c.id");
    if (key == SortKey::Reach)
        from += QStringLiteral(" LEFT JOIN (") + kReach
            + QStringLiteral(" GROUP BY campaign_id) r ON r.campaign_id = c.id");
    QStringList where;
    where.append(filter.trash ? QStringLiteral("c.deleted_at IS NOT NULL") : QStringLiteral("c.deleted_at IS NULL"));
    if (filter.clientId > 0)
        where.append(QStringLiteral("c.client_id = :client"));
    if (!filter.status.isEmpty())
        where.append(QStringLiteral("c.status = :status"));
    if (filter.ownerId > 0)
        where.append(QStringLiteral("c.owner_id = :owner"));
    if (filter.from.isValid())
        where.append(QStringLiteral("(c.ends_at IS NULL OR c.ends_at >= :from)"));
    if (filter.to.isValid())
        where.append(QStringLiteral("(c.starts_at IS NULL OR c.starts_at < :to)"));

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.id FROM ") + from + QStringLiteral(" WHERE ")
        + where.join(QStringLiteral(" AND ")) + QStringLiteral(" ORDER BY ") + orderBy(key, order));
    if (filter.clientId > 0)
        q.bindValue(QStringLiteral(":client"), filter.clientId);
    if (!filter.status.isEmpty())
        q.bindValue(QStringLiteral(":status"), filter.status);
    if (filter.ownerId > 0)
        q.bindValue(QStringLiteral(":owner"), filter.ownerId);
    if (filter.from.isValid())
        q.bindValue(QStringLiteral(":from"), startOfDayMs(filter.from));
    if (filter.to.isValid())
        q.bindValue(QStringLiteral(":to"), startOfDayMs(filter.to.addDays(1)));
    if (key == SortKey::Status) {
        for (qsizetype i = 0; i < m_statusOrder.size(); ++i)
            q.bindValue(QStringLiteral(":status%1").arg(i), m_statusOrder.at(i));
    }
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("sorting the campaign list"));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("sorting the campaign list"));
    return ids;
}

Result<QList<CampaignListRow>> CampaignListQuery::rows(const QList<qint64> &ids)
{
    QList<CampaignListRow> result;
    if (ids.isEmpty())
        return result;
    const bool pg = m_db.isPostgres();
    const QString list = Sql::idArray(pg, ids);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.id, c.name, c.client_id, o.name, c.status, c.owner_id, u.name, c.starts_at, "
                             "c.ends_at, c.updated_at, c.deleted_at FROM campaigns c "
                             "LEFT JOIN organizations o ON o.id = c.client_id AND o.deleted_at IS NULL "
                             "LEFT JOIN users u ON u.id = c.owner_id WHERE ")
        + Sql::inIdArray(pg, QStringLiteral("c.id")));
    q.bindValue(QStringLiteral(":ids"), list);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the campaign list"));
    QHash<qint64, CampaignListRow> byId;
    byId.reserve(ids.size());
    while (q.next()) {
        CampaignListRow r;
        r.id = q.value(0).toLongLong();
        r.name = q.value(1).toString();
        r.clientId = q.value(2).toLongLong();
        r.client = q.value(3).toString();
        r.status = q.value(4).toString();
        r.ownerId = q.value(5).toLongLong();
        r.owner = q.value(6).toString();
        r.startsAt = Sql::time(q.value(7));
        r.endsAt = Sql::time(q.value(8));
        r.updatedAt = Sql::time(q.value(9));
        r.deletedAt = Sql::time(q.value(10));
        byId.insert(r.id, std::move(r));
    }
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("loading the campaign list"));

    QSqlQuery figures(m_db.connection());
    figures.setForwardOnly(true);
    figures.prepare(kPitchFigures + QStringLiteral(" AND ") + Sql::inIdArray(pg, QStringLiteral("campaign_id"))
        + QStringLiteral(" GROUP BY campaign_id"));
    figures.bindValue(QStringLiteral(":ids"), list);
    if (!figures.exec())
        return m_db.errorFrom(figures, Tr::tr("loading the campaign list"));
    while (figures.next()) {
        auto it = byId.find(figures.value(0).toLongLong());
        if (it == byId.end())
            continue;
        it->onList = figures.value(1).toLongLong();
        it->pitched = figures.value(2).toLongLong();
        it->replied = figures.value(3).toLongLong();
        it->covered = figures.value(4).toLongLong();
    }
    QSqlQuery reach(m_db.connection());
    reach.setForwardOnly(true);
    reach.prepare(kReach + QStringLiteral(" AND ") + Sql::inIdArray(pg, QStringLiteral("campaign_id"))
        + QStringLiteral(" GROUP BY campaign_id"));
    reach.bindValue(QStringLiteral(":ids"), list);
    if (!reach.exec())
        return m_db.errorFrom(reach, Tr::tr("loading the campaign list"));
    while (reach.next()) {
        auto it = byId.find(reach.value(0).toLongLong());
        if (it != byId.end())
            it->reach = reach.value(1).toLongLong();
    }

    result.reserve(byId.size());
    for (qint64 id : ids) {
        auto it = byId.find(id);
        if (it != byId.end())
            result.append(std::move(it.value()));
    }
    return result;
}

Result<QList<std::pair<qint64, QString>>> CampaignListQuery::searchTexts()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT c.id, c.name, o.name, c.description FROM campaigns c "
                               "LEFT JOIN organizations o ON o.id = c.client_id AND o.deleted_at IS NULL")))
        return m_db.errorFrom(q, Tr::tr("loading the campaign list"));
    QList<std::pair<qint64, QString>> texts;
    while (q.next()) {
        QString line = q.value(1).toString();
        for (int column = 2; column <= 3; ++column) {
            const QString part = q.value(column).toString();
            if (!part.isEmpty())
                line += u' ' + part;
        }
        texts.append({ q.value(0).toLongLong(), Text::fold(line) });
    }
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("loading the campaign list"));
    return texts;
}

Result<std::pair<qint64, qint64>> CampaignListQuery::counts()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT sum(CASE WHEN deleted_at IS NULL THEN 1 ELSE 0 END), "
                               "sum(CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END) FROM campaigns"))
        || !q.next())
        return m_db.errorFrom(q, Tr::tr("counting campaigns"));
    return std::pair<qint64, qint64>(q.value(0).toLongLong(), q.value(1).toLongLong());
}

Result<QList<std::pair<qint64, QString>>> CampaignListQuery::clients()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT id, name FROM organizations o WHERE deleted_at IS NULL AND (kind = 'client' "
                           "OR EXISTS (SELECT 1 FROM campaigns c WHERE c.client_id = o.id AND c.deleted_at IS NULL)) "
                           "ORDER BY lower(name), id")))
        return m_db.errorFrom(q, Tr::tr("listing the clients"));
    QList<std::pair<qint64, QString>> clients;
    while (q.next())
        clients.append({ q.value(0).toLongLong(), q.value(1).toString() });
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("listing the clients"));
    return clients;
}
