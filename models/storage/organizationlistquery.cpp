#include "organizationlistquery.h"

#include "domain/text.h"
#include "storage/database.h"
#include "storage/listorder.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OrganizationListQuery)
};

using ListOrder::direction;

// Empty text goes last whichever the direction.
QString textKey(const QString &column, Qt::SortOrder order)
{
    return QStringLiteral("NULLIF(") + column + QStringLiteral(", '')") + direction(order)
        + QStringLiteral(" NULLS LAST");
}

// Live people per organization, for the People column and its sort.
const QString kPeopleCount = QStringLiteral("(SELECT count(*) FROM contacts c WHERE c.organization_id = o.id "
                                            "AND c.deleted_at IS NULL)");

} // namespace

Result<qint64> OrganizationListQuery::count()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM organizations WHERE deleted_at IS NULL")) || !q.next())
        return m_db.errorFrom(q, Tr::tr("counting organizations"));
    return q.value(0).toLongLong();
}

QString OrganizationListQuery::orderBy(SortKey key, Qt::SortOrder order) const
{
    QString first;
    switch (key) {
    case SortKey::Name:
        first = QStringLiteral("lower(o.name)") + direction(order);
        break;
    case SortKey::Kind:
        first = ListOrder::kindKey(QStringLiteral("o.kind"), m_kindOrder, order);
        break;
    case SortKey::City:
        first = textKey(QStringLiteral("o.city"), order);
        break;
    case SortKey::Country:
        first = textKey(QStringLiteral("o.country"), order);
        break;
    case SortKey::Reach:
        // Unknown reach counts as the smallest.
        first = QStringLiteral("COALESCE(o.reach, 0)") + direction(order);
        break;
    case SortKey::People:
        first = QStringLiteral("COALESCE(p.n, 0)") + direction(order);
        break;
    case SortKey::Updated:
        first = QStringLiteral("o.updated_at") + direction(order);
        break;
    }
    return first + QStringLiteral(", o.id") + direction(order);
}

Result<QList<qint64>> OrganizationListQuery::orderedIds(SortKey key, Qt::SortOrder order)
{
    // One aggregation over the contacts instead of one count per organization. On SQLite it reads the partial
    // index of live contacts by organization alone (covering, in group order): without statistics SQLite
    // would rather walk contacts_organization and read every row for deleted_at (8x slower). A database
    // without that index answers "no such index"; then the plain query runs.
    auto run = [&](bool hint) -> Result<QList<qint64>> {
        QString from = QStringLiteral("organizations o");
        if (key == SortKey::People)
            from += QStringLiteral(" LEFT JOIN (SELECT organization_id, count(*) AS n FROM contacts ")
                + (hint ? QStringLiteral("INDEXED BY contacts_live_organization ") : QString())
                + QStringLiteral("WHERE deleted_at IS NULL GROUP BY organization_id) p ON p.organization_id = o.id");
        QSqlQuery q(m_db.connection());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT o.id FROM ") + from + QStringLiteral(" WHERE o.deleted_at IS NULL ORDER BY ")
            + orderBy(key, order));
        if (key == SortKey::Kind)
            ListOrder::bindKindRanks(q, m_kindOrder);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("sorting the organization list"));
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        if (q.lastError().isValid())
            return m_db.errorFrom(q, Tr::tr("sorting the organization list"));
        return ids;
    };
    const bool hint = key == SortKey::People && !m_db.isPostgres();
    Result<QList<qint64>> ids = run(hint);
    if (!ids && hint)
        return run(false);
    return ids;
}

Result<QList<OrganizationListRow>> OrganizationListQuery::rows(const QList<qint64> &ids)
{
    QList<OrganizationListRow> result;
    if (ids.isEmpty())
        return result;
    const QString list = Sql::idArray(m_db.isPostgres(), ids);
    const QString idCondition = Sql::inIdArray(m_db.isPostgres(), QStringLiteral("o.id"));
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT o.id, o.name, o.kind, o.city, o.country, o.website, o.reach, ") + kPeopleCount
        + QStringLiteral(", o.updated_at FROM organizations o WHERE ") + idCondition
        + QStringLiteral(" AND o.deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":ids"), list);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the organization list"));
    QHash<qint64, OrganizationListRow> byId;
    byId.reserve(ids.size());
    while (q.next()) {
        OrganizationListRow r;
        r.id = q.value(0).toLongLong();
        r.name = q.value(1).toString();
        r.kind = q.value(2).toString();
        r.city = q.value(3).toString();
        r.country = q.value(4).toString();
        r.website = q.value(5).toString();
        r.reach = q.value(6).toLongLong();
        r.peopleCount = q.value(7).toLongLong();
        r.updatedAt = Sql::time(q.value(8));
        byId.insert(r.id, std::move(r));
    }
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("loading the organization list"));
    result.reserve(byId.size());
    for (qint64 id : ids) {
        auto it = byId.find(id);
        if (it != byId.end())
            result.append(std::move(it.value()));
    }
    return result;
}

Result<QList<std::pair<qint64, QString>>> OrganizationListQuery::searchTexts()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, city, country, website FROM organizations WHERE deleted_at IS NULL")))
        return m_db.errorFrom(q, Tr::tr("loading the organization list"));
    QList<std::pair<qint64, QString>> texts;
    while (q.next()) {
        QString line = q.value(1).toString();
        for (int column = 2; column <= 4; ++column) {
            const QString part = q.value(column).toString();
            if (!part.isEmpty())
                line += u' ' + part;
        }
        texts.append({q.value(0).toLongLong(), Text::fold(line)});
    }
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("loading the organization list"));
    return texts;
}
