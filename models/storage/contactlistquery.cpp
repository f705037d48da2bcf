#include "contactlistquery.h"

#include "domain/contact.h"
#include "storage/database.h"
#include "storage/listorder.h"
#include "storage/searchrepository.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <functional>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContactListQuery)
};

using ListOrder::direction;

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
            const SearchRepository::PostgresMatch match =
                SearchRepository::postgresMatch(QStringLiteral("c"), words, QStringLiteral("fts"));
            conditions << match.condition;
            for (const auto &[name, value] : match.binds)
                binds.insert(name, value);
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
        first = textKey(QStringLiteral("c.outlet_sort"), order);
        break;
    case SortKey::Title:
        first = textKey(QStringLiteral("c.title"), order);
        break;
    case SortKey::Kind:
        first = ListOrder::kindKey(QStringLiteral("c.kind"), m_kindOrder, order);
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
    case SortKey::Health:
        // Never scored counts as the lowest, like never contacted (contacts_live_health).
        first = QStringLiteral("c.health_score")
            + (order == Qt::AscendingOrder ? QStringLiteral(" ASC NULLS FIRST") : QStringLiteral(" DESC NULLS LAST"));
        break;
    case SortKey::Updated:
        first = QStringLiteral("c.updated_at") + direction(order);
        break;
    }
    // The id breaks ties, so the order is total and pages never overlap or skip a row.
    return first + QStringLiteral(", c.id") + direction(order);
}

Result<QList<ContactListQuery::Segment>> ContactListQuery::segments(SortKey key, Qt::SortOrder order)
{
    const bool asc = order == Qt::AscendingOrder;
    const QString dir = direction(order);
    const QString byId = QStringLiteral("c.id") + dir;
    const QString contacts = QStringLiteral("contacts c");
    auto whole = [&](const QString &column) {
        return QList<Segment> { { contacts, { Range {} }, column + dir + QStringLiteral(", ") + byId } };
    };
    // Ranges of one index merged by id, e.g. the contacts of several users with the same name.
    auto byIdIn = [&](const QString &column, const QVariantList &values, const QString &prefix,
                      const QString &from = QString()) {
        Segment s { from.isEmpty() ? contacts : from, {}, byId };
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QString name = u':' + prefix + QString::number(i);
            s.ranges << Range { column + QStringLiteral(" = ") + name, { { name, values.at(i) } } };
        }
        return s;
    };
    QList<Segment> ranges; // in ascending order of the key; reversed for descending
    Segment empty; // the contacts without a value: last in both directions
    switch (key) {
    case SortKey::Name:
        return whole(QStringLiteral("c.sort_name")); // contacts_live_sort_name
    case SortKey::Updated:
        return whole(QStringLiteral("c.updated_at")); // contacts_live_updated
    case SortKey::Title: // contacts_live_title
        ranges << Segment { contacts, { { QStringLiteral("c.title IS NOT NULL"), {} } },
            QStringLiteral("c.title") + dir + QStringLiteral(", ") + byId };
        empty = { contacts, { { QStringLiteral("c.title IS NULL"), {} } }, byId };
        break;
    case SortKey::LastContacted: // contacts_live_last_contacted
        // Never contacted counts as the oldest: first when ascending, last when descending. That is SQLite's
        // own NULL order, so there one walk of the index serves (a broad search then reads its matches once).
        if (!m_db.isPostgres())
            return whole(QStringLiteral("c.last_contacted_at"));
        ranges << Segment { contacts, { { QStringLiteral("c.last_contacted_at IS NULL"), {} } }, byId }
               << Segment { contacts, { { QStringLiteral("c.last_contacted_at IS NOT NULL"), {} } },
                      QStringLiteral("c.last_contacted_at") + dir + QStringLiteral(", ") + byId };
        break;
    case SortKey::Health: // contacts_live_health
        // Never scored counts as the lowest, as never contacted does above (SQLite's own NULL order).
        if (!m_db.isPostgres())
            return whole(QStringLiteral("c.health_score"));
        ranges << Segment { contacts, { { QStringLiteral("c.health_score IS NULL"), {} } }, byId }
               << Segment { contacts, { { QStringLiteral("c.health_score IS NOT NULL"), {} } },
                      QStringLiteral("c.health_score") + dir + QStringLiteral(", ") + byId };
        break;
    case SortKey::Outlet: // contacts_live_outlet
        // outlet_sort is the live outlet's name, NULL without one (schema v3, kept by triggers): the same two
        // ranges as the title, no join.
        ranges << Segment { contacts, { { QStringLiteral("c.outlet_sort IS NOT NULL"), {} } },
            QStringLiteral("c.outlet_sort") + dir + QStringLiteral(", ") + byId };
        empty = { contacts, { { QStringLiteral("c.outlet_sort IS NULL"), {} } }, byId };
        break;
    case SortKey::Kind: { // contacts_live_kind
        if (m_kindOrder.isEmpty())
            return whole(QStringLiteral("c.kind"));
        QVariantList rest;
        for (const QString &kind : m_kindOrder)
            ranges << byIdIn(QStringLiteral("c.kind"), { kind }, QStringLiteral("skind"));
        // Kinds not listed come after the listed ones (the schema allows only these).
        for (const QString &kind : Contact::kinds())
            if (!m_kindOrder.contains(kind))
                rest << kind;
        if (!rest.isEmpty())
            ranges << byIdIn(QStringLiteral("c.kind"), rest, QStringLiteral("skind"));
        break;
    }
    case SortKey::Owner: { // contacts_live_owner
        // The users are few: read them in name order (the backend's own collation, as a join would sort), then
        // each name's contacts by id. SQLite left to itself may take contacts_owner (owner_id) for "owner_id = ?"
        // (of two indexes of equal cost, the one later in the schema, which depends on whether a bulk load
        // re-created them) and look up every row for deleted_at: 100,000 random reads, 7x the other columns.
        // The partial index holds just the live rows in (owner_id, id) order: each range is read off it alone.
        const QString owned
            = m_db.isPostgres() ? contacts : contacts + QStringLiteral(" INDEXED BY contacts_live_owner");
        QSqlQuery u(m_db.connection());
        u.setForwardOnly(true);
        if (!u.exec(QStringLiteral("SELECT id, name FROM users ORDER BY name, id")))
            return m_db.errorFrom(u, Tr::tr("sorting the contact list"));
        QString lastName;
        QVariantList ids;
        while (u.next()) {
            const QString name = u.value(1).toString();
            if (!ids.isEmpty() && name != lastName) {
                ranges << byIdIn(QStringLiteral("c.owner_id"), ids, QStringLiteral("sowner"), owned);
                ids.clear();
            }
            lastName = name;
            ids << u.value(0);
        }
        if (u.lastError().isValid())
            return m_db.errorFrom(u, Tr::tr("sorting the contact list"));
        if (!ids.isEmpty())
            ranges << byIdIn(QStringLiteral("c.owner_id"), ids, QStringLiteral("sowner"), owned);
        empty = { owned, { { QStringLiteral("c.owner_id IS NULL"), {} } }, byId };
        break;
    }
    }
    if (!asc)
        std::reverse(ranges.begin(), ranges.end());
    if (!empty.from.isEmpty())
        ranges << empty;
    return ranges;
}

Result<QList<qint64>> ContactListQuery::orderedIds(SortKey key, Qt::SortOrder order, int limit)
{
    const bool postgres = m_db.isPostgres();
    const bool text = !SearchRepository::terms(m_filter.text).isEmpty();
    // Without a text search, or with a broad one on SQLite, every order is read off an index: one range after
    // another (the values in order, then the empty ones; one per kind or per owner name), so nothing sorts
    // 100,000 rows. A search matching few contacts sorts just those, in one query.
    const bool broad = text && !postgres && isBroadSearch();
    if (text && !broad)
        return sortedIds(key, order, limit);
    const Result<QList<Segment>> segments = this->segments(key, order);
    if (!segments)
        return segments.error();
    QVariantMap filterBinds;
    // With a broad search the text match is only a filter (SQLite: "+c.id IN"), so the planner walks the index.
    const QString condition = filterCondition(filterBinds, broad);
    QList<qint64> ids;
    if (limit >= 0)
        ids.reserve(limit);
    for (const Segment &segment : *segments) {
        const qsizetype left = limit >= 0 ? limit - ids.size() : -1;
        if (left == 0)
            break;
        QList<qint64> merged;
        for (const Range &range : segment.ranges) {
            QSqlQuery q(m_db.connection());
            q.setForwardOnly(true);
            q.prepare(rangeStatement(segment, range, condition, left >= 0));
            for (auto it = filterBinds.cbegin(); it != filterBinds.cend(); ++it)
                q.bindValue(it.key(), it.value());
            for (auto it = range.binds.cbegin(); it != range.binds.cend(); ++it)
                q.bindValue(it.key(), it.value());
            if (left >= 0)
                q.bindValue(QStringLiteral(":limit"), left);
            if (!q.exec())
                return m_db.errorFrom(q, Tr::tr("sorting the contact list"));
            QList<qint64> part;
            while (q.next())
                part.append(q.value(0).toLongLong());
            if (q.lastError().isValid())
                return m_db.errorFrom(q, Tr::tr("sorting the contact list"));
            if (segment.ranges.size() == 1) {
                merged = std::move(part);
            } else if (!part.isEmpty()) {
                // Several ranges of one segment are each in id order: merge them.
                QList<qint64> both(merged.size() + part.size());
                if (order == Qt::AscendingOrder)
                    std::merge(merged.cbegin(), merged.cend(), part.cbegin(), part.cend(), both.begin());
                else
                    std::merge(merged.cbegin(), merged.cend(), part.cbegin(), part.cend(), both.begin(),
                        std::greater<>());
                merged = std::move(both);
            }
        }
        if (left >= 0 && merged.size() > left)
            merged.resize(left);
        ids.append(merged);
    }
    return ids;
}

QString ContactListQuery::rangeStatement(
    const Segment &segment, const Range &range, const QString &condition, bool limited)
{
    QString where = QStringLiteral("c.deleted_at IS NULL");
    if (!range.where.isEmpty())
        where += QStringLiteral(" AND ") + range.where;
    if (!condition.isEmpty())
        where += QStringLiteral(" AND ") + condition;
    return QStringLiteral("SELECT c.id FROM ") + segment.from + QStringLiteral(" WHERE ") + where
        + QStringLiteral(" ORDER BY ") + segment.orderBy + (limited ? QStringLiteral(" LIMIT :limit") : QString());
}

Result<QStringList> ContactListQuery::orderedIdsPlan(SortKey key, Qt::SortOrder order)
{
    if (m_db.isPostgres())
        return QStringList();
    const Result<QList<Segment>> segments = this->segments(key, order);
    if (!segments)
        return segments.error();
    QVariantMap filterBinds;
    const QString condition = filterCondition(filterBinds);
    QStringList plan;
    for (const Segment &segment : *segments) {
        for (const Range &range : segment.ranges) {
            QSqlQuery q(m_db.connection());
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + rangeStatement(segment, range, condition, false));
            for (auto it = filterBinds.cbegin(); it != filterBinds.cend(); ++it)
                q.bindValue(it.key(), it.value());
            for (auto it = range.binds.cbegin(); it != range.binds.cend(); ++it)
                q.bindValue(it.key(), it.value());
            if (!q.exec())
                return m_db.errorFrom(q, Tr::tr("sorting the contact list"));
            QStringList steps;
            while (q.next())
                steps << q.value(3).toString();
            plan << steps.join(QStringLiteral("; "));
        }
    }
    return plan;
}

Result<QList<qint64>> ContactListQuery::sortedIds(SortKey key, Qt::SortOrder order, int limit)
{
    // Join only what the order needs: the narrower the rows, the cheaper the sort.
    QString from = QStringLiteral("contacts c");
    if (key == SortKey::Owner)
        from += QStringLiteral(" LEFT JOIN users u ON u.id = c.owner_id");
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    QVariantMap binds;
    const QString condition = filterCondition(binds);
    q.prepare(QStringLiteral("SELECT c.id FROM ") + from + QStringLiteral(" WHERE c.deleted_at IS NULL")
        + (condition.isEmpty() ? QString() : QStringLiteral(" AND ") + condition) + QStringLiteral(" ORDER BY ")
        + orderBy(key, order) + (limit >= 0 ? QStringLiteral(" LIMIT :limit") : QString()));
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (limit >= 0)
        q.bindValue(QStringLiteral(":limit"), limit);
    if (key == SortKey::Kind)
        ListOrder::bindKindRanks(q, m_kindOrder);
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
                  "c.last_contacted_at, c.updated_at, c.do_not_contact, c.health_score "
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
        if (const QVariant health = q.value(10); !health.isNull())
            r.healthScore = health.toInt();
        byId.insert(r.id, std::move(r));
    }
    if (q.lastError().isValid())
        return m_db.errorFrom(q, Tr::tr("loading the contact list"));
    if (m_includeTags) {
        QSqlQuery t(m_db.connection());
        t.setForwardOnly(true);
        t.prepare(QStringLiteral("SELECT ct.contact_id, tg.name FROM contact_tags ct JOIN tags tg ON tg.id = ct.tag_id "
                                 "WHERE tg.kind = 'tag' AND ")
            + Sql::inIdArray(m_db.isPostgres(), QStringLiteral("ct.contact_id")) + QStringLiteral(" ORDER BY tg.name"));
        t.bindValue(QStringLiteral(":ids"), list);
        if (!t.exec())
            return m_db.errorFrom(t, Tr::tr("loading the contact list"));
        while (t.next()) {
            auto it = byId.find(t.value(0).toLongLong());
            if (it == byId.end())
                continue;
            if (!it->tags.isEmpty())
                it->tags += QStringLiteral(", ");
            it->tags += t.value(1).toString();
        }
    }
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
