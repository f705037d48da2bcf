#include "contactlistquery.h"

#include "storage/database.h"
#include "storage/searchrepository.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContactListQuery)
};

QString direction(Qt::SortOrder order)
{
    return order == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
}

// Empty text goes last whichever the direction: people look for names, not for blanks.
QString textKey(const QString &column, Qt::SortOrder order)
{
    return column + direction(order) + QStringLiteral(" NULLS LAST");
}

// A list of values as named placeholders (:prefix0, :prefix1, ...), recorded in `binds`.
QString placeholders(const QString &prefix, const QVariantList &values, QVariantMap &binds, bool lower = false)
{
    QStringList names;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString name = u':' + prefix + QString::number(i);
        binds.insert(name, values.at(i));
        names << (lower ? QStringLiteral("lower(%1)").arg(name) : name);
    }
    return names.join(QStringLiteral(", "));
}

template<typename T>
QVariantList variants(const QList<T> &list)
{
    QVariantList out;
    for (const T &v : list)
        out << QVariant::fromValue(v);
    return out;
}

// Above this many full-text matches, walking the index of the sort order and skipping non-matches (SQLite:
// ~5 ms for the first 500 of 50,000 matches among 100,000 contacts) beats sorting every match (~25 ms); below
// it, sorting the few matches wins (a rare prefix would otherwise walk the whole index).
constexpr int kBroadSearch = 2000;

} // namespace

QString ContactListQuery::filterCondition(QVariantMap &binds, bool walkOrderIndex) const
{
    const ContactFilter &f = m_filter;
    QStringList conditions;
    if (const QStringList words = SearchRepository::terms(f.text); !words.isEmpty()) {
        // The same prefix query as SearchRepository: every word a prefix, all required.
        QStringList parts;
        if (m_db.isPostgres()) {
            for (const QString &w : words)
                parts << w + QStringLiteral(":*");
            conditions << QStringLiteral("c.search_vector @@ to_tsquery('simple', :fts)");
            binds.insert(QStringLiteral(":fts"), parts.join(QStringLiteral(" & ")));
        } else {
            for (const QString &w : words)
                parts << u'"' + w + QStringLiteral("\"*");
            conditions << (walkOrderIndex ? QStringLiteral("+") : QString())
                    + QStringLiteral("c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :fts)");
            binds.insert(QStringLiteral(":fts"), parts.join(u' '));
        }
    }
    if (!f.kinds.isEmpty())
        conditions << QStringLiteral("c.kind IN (%1)").arg(placeholders(QStringLiteral("fkind"), variants(f.kinds), binds));
    if (!f.tags.isEmpty())
        conditions << QStringLiteral("c.id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
                                     "WHERE lower(t.name) IN (%1))")
                          .arg(placeholders(QStringLiteral("ftag"), variants(f.tags), binds, true));
    if (!f.outletIds.isEmpty())
        conditions << QStringLiteral("c.organization_id IN (%1)")
                          .arg(placeholders(QStringLiteral("foutlet"), variants(f.outletIds), binds));
    if (!f.ownerIds.isEmpty())
        conditions << QStringLiteral("c.owner_id IN (%1)")
                          .arg(placeholders(QStringLiteral("fowner"), variants(f.ownerIds), binds));
    if (!f.country.trimmed().isEmpty()) {
        conditions << QStringLiteral("lower(c.country) = lower(:fcountry)");
        binds.insert(QStringLiteral(":fcountry"), f.country.trimmed());
    }
    if (!f.city.trimmed().isEmpty()) {
        conditions << QStringLiteral("lower(c.city) = lower(:fcity)");
        binds.insert(QStringLiteral(":fcity"), f.city.trimmed());
    }
    if (f.doNotContact != ContactFilter::DoNotContact::Any)
        conditions << (f.doNotContact == ContactFilter::DoNotContact::Only ? QStringLiteral("c.do_not_contact <> 0")
                                                                          : QStringLiteral("c.do_not_contact = 0"));
    if (f.notContactedInDays > 0) {
        // Never contacted counts as "not contacted in N days".
        conditions << QStringLiteral("(c.last_contacted_at IS NULL OR c.last_contacted_at < :fcutoff)");
        binds.insert(QStringLiteral(":fcutoff"), Sql::nowMs() - qint64(f.notContactedInDays) * 86400000);
    }
    return conditions.join(QStringLiteral(" AND "));
}

bool ContactListQuery::isBroadSearch()
{
    // Like SearchRepository: count the matches only up to the point where the answer is clear.
    QVariantMap binds;
    (void)filterCondition(binds);
    if (!binds.contains(QStringLiteral(":fts")))
        return false;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH :fts LIMIT :cap)"));
    q.bindValue(QStringLiteral(":fts"), binds.value(QStringLiteral(":fts")));
    q.bindValue(QStringLiteral(":cap"), kBroadSearch + 1);
    return q.exec() && q.next() && q.value(0).toInt() > kBroadSearch;
}

Result<qint64> ContactListQuery::count()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM contacts WHERE deleted_at IS NULL")) || !q.next())
        return m_db.errorFrom(q, Tr::tr("counting contacts"));
    return q.value(0).toLongLong();
}

QString ContactListQuery::orderBy(SortKey key, Qt::SortOrder order) const
{
    QString first;
    switch (key) {
    case SortKey::Name:
        first = QStringLiteral("c.sort_name") + direction(order); // partial index contacts_live_sort_name
        break;
    case SortKey::Outlet:
        first = textKey(QStringLiteral("o.name"), order);
        break;
    case SortKey::Title:
        first = textKey(QStringLiteral("c.title"), order);
        break;
    case SortKey::Kind:
        if (m_kindOrder.isEmpty()) {
            first = QStringLiteral("c.kind") + direction(order);
        } else {
            first = QStringLiteral("CASE c.kind");
            for (qsizetype i = 0; i < m_kindOrder.size(); ++i)
                first += QStringLiteral(" WHEN :kind%1 THEN %1").arg(i);
            first += QStringLiteral(" ELSE %1 END").arg(m_kindOrder.size()) + direction(order);
        }
        break;
    case SortKey::Owner:
        first = textKey(QStringLiteral("u.name"), order);
        break;
    case SortKey::LastContacted:
        // Never contacted counts as the oldest. This is SQLite's own NULL order, so the index
        // contacts_last_contacted serves both directions there.
        first = QStringLiteral("c.last_contacted_at")
            + (order == Qt::AscendingOrder ? QStringLiteral(" ASC NULLS FIRST") : QStringLiteral(" DESC NULLS LAST"));
        break;
    case SortKey::Updated:
        first = QStringLiteral("c.updated_at") + direction(order);
        break;
    }
    // The id breaks ties, so the order is total and pages never overlap or skip a row.
    return first + QStringLiteral(", c.id") + direction(order);
}

Result<QList<qint64>> ContactListQuery::orderedIds(SortKey key, Qt::SortOrder order, int limit)
{
    // Join only what the order needs: the narrower the rows, the cheaper the sort.
    QString from = QStringLiteral("contacts c");
    if (key == SortKey::Outlet)
        from += QStringLiteral(" LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL");
    else if (key == SortKey::Owner)
        from += QStringLiteral(" LEFT JOIN users u ON u.id = c.owner_id");
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    // Only the name and last-contacted orders have an index to walk (contacts_live_sort_name,
    // contacts_last_contacted); PostgreSQL plans this itself.
    const bool walk = !m_db.isPostgres() && (key == SortKey::Name || key == SortKey::LastContacted)
        && !m_filter.text.trimmed().isEmpty() && isBroadSearch();
    QVariantMap binds;
    const QString condition = filterCondition(binds, walk);
    q.prepare(QStringLiteral("SELECT c.id FROM ") + from + QStringLiteral(" WHERE c.deleted_at IS NULL")
        + (condition.isEmpty() ? QString() : QStringLiteral(" AND ") + condition) + QStringLiteral(" ORDER BY ")
        + orderBy(key, order) + (limit >= 0 ? QStringLiteral(" LIMIT :limit") : QString()));
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (limit >= 0)
        q.bindValue(QStringLiteral(":limit"), limit);
    if (key == SortKey::Kind)
        for (qsizetype i = 0; i < m_kindOrder.size(); ++i)
            q.bindValue(QStringLiteral(":kind%1").arg(i), m_kindOrder.at(i));
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("sorting the contact list"));
    QList<qint64> ids;
    if (limit >= 0)
        ids.reserve(limit);
    while (q.next())
        ids.append(q.value(0).toLongLong());
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("sorting the contact list"));
    return ids;
}

QString ContactListQuery::idListCondition() const
{
    return Sql::inIdArray(m_db.isPostgres(), QStringLiteral("c.id"));
}

Result<QList<ContactListRow>> ContactListQuery::rows(const QList<qint64> &ids)
{
    QList<ContactListRow> result;
    if (ids.isEmpty())
        return result;
    const QString list = Sql::idArray(m_db.isPostgres(), ids);

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
                  "SELECT c.id, c.display_name, o.name, c.title, c.kind, u.name, "
                  "(SELECT e.email FROM contact_emails e WHERE e.contact_id = c.id ORDER BY e.position, e.id LIMIT 1), "
                  "c.last_contacted_at, c.updated_at, c.do_not_contact "
                  "FROM contacts c "
                  "LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL "
                  "LEFT JOIN users u ON u.id = c.owner_id "
                  "WHERE ")
        + idListCondition() + QStringLiteral(" AND c.deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":ids"), list);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the contact list"));

    QHash<qint64, ContactListRow> byId;
    byId.reserve(ids.size());
    while (q.next()) {
        ContactListRow r;
        r.id = q.value(0).toLongLong();
        r.name = q.value(1).toString();
        r.outlet = q.value(2).toString();
        r.title = q.value(3).toString();
        r.kind = q.value(4).toString();
        r.owner = q.value(5).toString();
        r.email = q.value(6).toString();
        r.lastContactedAt = Sql::time(q.value(7));
        r.updatedAt = Sql::time(q.value(8));
        r.doNotContact = q.value(9).toInt() != 0;
        byId.insert(r.id, std::move(r));
    }
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("loading the contact list"));
    result.reserve(byId.size());
    for (qint64 id : ids) {
        auto it = byId.find(id);
        if (it != byId.end())
            result.append(std::move(it.value()));
    }
    return result;
}

Result<QStringList> ContactListQuery::strings(const QString &sql, const QString &doing)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return m_db.errorFrom(q, doing);
    QStringList values;
    while (q.next())
        values << q.value(0).toString();
    return values;
}

Result<QStringList> ContactListQuery::tagNames()
{
    return strings(QStringLiteral("SELECT DISTINCT name FROM tags ORDER BY name"), Tr::tr("reading beats and tags"));
}

Result<QStringList> ContactListQuery::countries()
{
    return strings(QStringLiteral("SELECT DISTINCT country FROM contacts WHERE deleted_at IS NULL AND country <> '' "
                                  "ORDER BY country"),
        Tr::tr("reading countries"));
}

Result<QStringList> ContactListQuery::cities()
{
    return strings(QStringLiteral("SELECT DISTINCT city FROM contacts WHERE deleted_at IS NULL AND city <> '' "
                                  "ORDER BY city"),
        Tr::tr("reading cities"));
}
