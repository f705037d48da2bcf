#pragma once

#include "core/result.h"
#include "domain/contactfilter.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

class Database;

// One line of the contact list: only what the list shows, nothing of the full profile.
struct ContactListRow
{
    qint64 id = 0;
    QString name;
    QString outlet; // the organization's name
    QString title;
    QString kind; // raw value (journalist, editor, ...)
    QString owner; // the owning user's name
    QString email; // the first email address
    QString tags; // the contact's tags (not beats) by name, comma-separated; only with setIncludeTags(true)
    QDateTime lastContactedAt;
    QDateTime updatedAt;
    std::optional<int> healthScore; // relationship health 0-100; empty: never scored
    bool doNotContact = false;
};

// The SQL behind the contact list, so a model can show 100,000 contacts while holding only a few hundred
// rows. Contacts in the trash are left out.
//
// Paging works on a snapshot of the order: orderedIds() sorts in SQL once per sort or refresh and returns
// only the ids (8 bytes a row), then rows() loads any block of them by primary key. Measured on 100,000
// contacts (SQLite): LIMIT/OFFSET pages cost 25-70 ms deep into an indexed order and 130-350 ms on an
// unindexed one (outlet, owner, title, kind, updated), because every page re-sorts or re-walks the table;
// a block by id costs about 1 ms at any depth and in any order.
//
// A ContactFilter narrows every query: the search text through the full-text index (FTS5 / tsvector, as
// SearchRepository), the other criteria as plain conditions. orderedIds() can stop after the first `limit`
// ids, so the first screenful of a broad search comes back within a keystroke's budget.
//
// Ordering is the same on both backends: text columns put empty values last in both directions; a
// missing "last contacted" time counts as the oldest (never contacted comes first when ascending), and a
// missing health score (never scored) as the lowest.
class ContactListQuery final
{
public:
    enum class SortKey { Name, Outlet, Title, Kind, Owner, LastContacted, Health, Updated };

    explicit ContactListQuery(Database &db)
        : m_db(db)
    {
    }
    Database &database() const { return m_db; }

    // The order of kinds when sorting by kind, e.g. by their translated labels. Kinds not listed sort
    // last. Empty (the default): by the raw value.
    void setKindOrder(const QStringList &kinds) { m_kindOrder = kinds; }

    const QStringList &kindOrder() const { return m_kindOrder; }

    // rows() also reads each contact's tags (one more query per block; off by default, as the Tags column).
    void setIncludeTags(bool include) { m_includeTags = include; }
    bool includesTags() const { return m_includeTags; }

    // Only contacts matching this filter are listed. Default: all.
    void setFilter(const ContactFilter &filter) { m_filter = filter; }
    const ContactFilter &filter() const { return m_filter; }

    // All contacts not in the trash, whatever the filter.
    Result<qint64> count();
    // The ids of the contacts not in the trash that match the filter, in this order; the id breaks ties (in
    // the same direction). With a limit >= 0, only the first `limit` of them.
    // Every order is read off partial (column, id) indexes, one range after another (the values in order, then
    // the empty ones; per kind in kindOrder(); per owner name; the outlet from contacts.outlet_sort), so no
    // query sorts the whole table: 15-30 ms for 100,000 contacts (SQLite).
    Result<QList<qint64>> orderedIds(SortKey key, Qt::SortOrder order, int limit = -1);
    // SQLite: the plan of each query orderedIds() runs for the filter without a search text (EXPLAIN QUERY
    // PLAN, its steps joined by "; "), for tests that every order is read off an index. PostgreSQL: empty.
    Result<QStringList> orderedIdsPlan(SortKey key, Qt::SortOrder order);
    // The rows with these ids, in the order given; ids no longer there (deleted since) are left out.
    Result<QList<ContactListRow>> rows(const QList<qint64> &ids);

    // Values for the filter's completers: names of beats and tags, countries and cities in use (by name).
    Result<QStringList> tagNames();
    Result<QStringList> countries();
    Result<QStringList> cities();

private:
    // The WHERE condition of the filter (after "deleted_at IS NULL AND"), with its values to bind.
    // With walkOrderIndex the text match is only a filter (SQLite: "+c.id IN"), so the planner walks the
    // index of the sort order instead of sorting every match.
    QString filterCondition(QVariantMap &binds, bool walkOrderIndex = false) const;
    bool isBroadSearch();
    Result<QStringList> strings(const QString &sql, const QString &doing);
    QString orderBy(SortKey key, Qt::SortOrder order) const;

    // A part of an order: the rows of `ranges` (each one range of an index, with its own values to bind), in
    // `orderBy`; several ranges are read one by one in id order and merged (`orderBy` is then by id). orderedIds()
    // reads the segments one after another, so their concatenation is the whole order.
    struct Range
    {
        QString where;
        QVariantMap binds;
    };
    struct Segment
    {
        QString from;
        QList<Range> ranges;
        QString orderBy;
    };
    Result<QList<Segment>> segments(SortKey key, Qt::SortOrder order);
    // The statement reading one range of a segment, with the filter's condition; `limited`: ends in LIMIT :limit.
    static QString rangeStatement(const Segment &segment, const Range &range, const QString &condition, bool limited);
    // One query sorting every match (for a search that matches few contacts).
    Result<QList<qint64>> sortedIds(SortKey key, Qt::SortOrder order, int limit);
    QString idListCondition() const;

    Database &m_db;
    QStringList m_kindOrder;
    bool m_includeTags = false;
    ContactFilter m_filter;
};
