#include "contactcampaignsquery.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContactCampaignsQuery)
};
} // namespace

Result<QList<ContactCampaignsQuery::Row>> ContactCampaignsQuery::forContact(qint64 contactId)
{
    const QString doing = Tr::tr("loading the person's campaigns");
    QList<Row> rows;
    QHash<qint64, int> rowOf; // campaign id → index in rows
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    // The campaigns the person was pitched for, and those they wrote coverage for without a pitch.
    q.prepare(QStringLiteral(
        "SELECT c.id, c.name, o.name, c.status, p.status, p.pitched_at, c.starts_at FROM campaigns c "
        "LEFT JOIN organizations o ON o.id = c.client_id AND o.deleted_at IS NULL "
        "LEFT JOIN pitches p ON p.campaign_id = c.id AND p.contact_id = :contact AND p.deleted_at IS NULL "
        "WHERE c.deleted_at IS NULL AND (p.id IS NOT NULL OR EXISTS (SELECT 1 FROM coverage v WHERE "
        "v.campaign_id = c.id AND v.contact_id = :contact AND v.deleted_at IS NULL)) "
        "ORDER BY c.starts_at IS NULL, c.starts_at DESC, c.id DESC"));
    q.bindValue(QStringLiteral(":contact"), contactId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    while (q.next()) {
        Row r;
        r.campaignId = q.value(0).toLongLong();
        r.campaignName = q.value(1).toString();
        r.client = q.value(2).toString();
        r.campaignStatus = q.value(3).toString();
        r.pitchStatus = q.value(4).toString();
        r.pitchedAt = Sql::time(q.value(5));
        r.startsAt = Sql::time(q.value(6));
        rowOf.insert(r.campaignId, static_cast<int>(rows.size()));
        rows.append(r);
    }
    if (q.lastError().isValid())
        return m_db.errorFrom(q, doing);
    q.finish();

    q.prepare(QStringLiteral(
        "SELECT v.id, v.campaign_id, v.title, v.url, o.name, v.published_at, v.reach FROM coverage v "
        "LEFT JOIN organizations o ON o.id = v.organization_id AND o.deleted_at IS NULL "
        "LEFT JOIN campaigns c ON c.id = v.campaign_id "
        "WHERE v.contact_id = :contact AND v.deleted_at IS NULL AND (c.id IS NULL OR c.deleted_at IS NULL) "
        "ORDER BY v.published_at IS NULL, v.published_at DESC, v.id DESC"));
    q.bindValue(QStringLiteral(":contact"), contactId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    while (q.next()) {
        CoverageItem item;
        item.id = q.value(0).toLongLong();
        const qint64 campaignId = q.value(1).toLongLong();
        item.title = q.value(2).toString();
        item.url = q.value(3).toString();
        item.outlet = q.value(4).toString();
        item.publishedAt = Sql::time(q.value(5));
        item.reach = q.value(6).isNull() ? -1 : q.value(6).toLongLong();
        auto it = rowOf.constFind(campaignId);
        if (it == rowOf.constEnd()) {
            // Coverage without a (live) campaign: one row for all of it, at the end.
            it = rowOf.insert(campaignId, static_cast<int>(rows.size()));
            rows.append(Row());
        }
        rows[*it].coverage.append(item);
    }
    if (q.lastError().isValid())
        return m_db.errorFrom(q, doing);
    return rows;
}
