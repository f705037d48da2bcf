#include "campaignsummaryquery.h"

#include "domain/campaign.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CampaignSummaryQuery)
};
} // namespace

Result<QMap<QString, qint64>> CampaignSummaryQuery::pitchCounts(qint64 campaignId)
{
    QMap<QString, qint64> counts;
    for (const QString &status : Pitch::statuses())
        counts.insert(status, 0);
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT status, count(*) FROM pitches WHERE campaign_id = :campaign AND deleted_at IS NULL "
                       "GROUP BY status"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("counting the campaign's pitches"));
    while (q.next())
        counts.insert(q.value(0).toString(), q.value(1).toLongLong());
    return counts;
}

Result<QList<CampaignSummaryQuery::CoverageLine>> CampaignSummaryQuery::coverage(qint64 campaignId)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT v.id, v.title, v.url, o.name, p.display_name, v.published_at, v.reach, v.sentiment FROM coverage v "
        "LEFT JOIN organizations o ON o.id = v.organization_id AND o.deleted_at IS NULL "
        "LEFT JOIN contacts p ON p.id = v.contact_id AND p.deleted_at IS NULL "
        "WHERE v.campaign_id = :campaign AND v.deleted_at IS NULL "
        "ORDER BY v.published_at IS NULL, v.published_at DESC, v.id DESC"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the campaign's coverage"));
    QList<CoverageLine> lines;
    while (q.next()) {
        CoverageLine line;
        line.id = q.value(0).toLongLong();
        line.title = q.value(1).toString();
        line.url = q.value(2).toString();
        line.outlet = q.value(3).toString();
        line.author = q.value(4).toString();
        line.publishedAt = Sql::time(q.value(5));
        line.reach = q.value(6).isNull() ? -1 : q.value(6).toLongLong();
        line.sentimentKnown = !q.value(7).isNull();
        line.sentiment = q.value(7).toInt();
        lines.append(line);
    }
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("loading the campaign's coverage"));
    return lines;
}

Result<QMap<qint64, QString>> CampaignSummaryQuery::userNames()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT id, name FROM users")))
        return m_db.errorFrom(q, Tr::tr("loading the users"));
    QMap<qint64, QString> names;
    while (q.next())
        names.insert(q.value(0).toLongLong(), q.value(1).toString());
    return names;
}
