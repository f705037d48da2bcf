#pragma once

#include "itemmodels/idtablemodel.h"
#include "itemmodels/rowblockcache.h"
#include "itemmodels/wordfilter.h"
#include "storage/organizationlistquery.h"

#include <QHash>
#include <QList>
#include <QStringList>

class Database;

// The organization list as a table: every organization not in the trash, sorted in SQL and loaded in
// blocks (RowBlockCache), narrowed as you type by setFilterText().
//
// The filter matches organizations whose name, city, country or website contain every word typed (accents
// and case ignored). It filters the sorted ids in memory against one folded line per organization, loaded
// by prepareSearch() or the first filter, and again on refresh(): 20,000 organizations are filtered in a few ms.
class OrganizationListModel final : public IdTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrganizationListModel)

public:
    enum Column { NameColumn, KindColumn, CityColumn, CountryColumn, ReachColumn, PeopleColumn, UpdatedColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole, // qint64
        SortRole, // the raw value the column sorts on
    };
    Q_ENUM(Role)

    // Load::Later leaves the list empty until load() or refresh(): the window builds the Organizations section
    // at start-up but lists 20,000 organizations only once the section is first shown.
    enum class Load { Now, Later };
    explicit OrganizationListModel(Database &db, QObject *parent = nullptr, Load load = Load::Now);
    ~OrganizationListModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    QString filterText() const { return m_search.text(); }
    void setFilterText(const QString &text);
    // Loads the search lines now (about 60 ms for 20,000 organizations), so the first keystroke is as fast as
    // the others. Without it, the first filter loads them.
    void prepareSearch();

    // The row showing this organization, or -1.
    int rowOf(qint64 id) const { return static_cast<int>(m_ids.indexOf(id)); }
    qint64 idAt(int row) const { return m_ids.value(row); }
    // Whether the organization is listed (not in the trash), filter or not.
    bool contains(qint64 id) const { return m_allIds.contains(id); }
    // Organizations not in the trash, filter or not.
    int totalCount() const { return static_cast<int>(m_allIds.size()); }

    // The translated label of an organization kind ("newspaper" -> "Newspaper").
    static QString kindLabel(const QString &kind);

    void setPaging(int blockSize, int maxBlocks) { m_cache.setPaging(blockSize, maxBlocks); }
    int cachedRowCount() const { return m_cache.cachedRowCount(); }
    int blockLoads() const { return m_cache.loads(); }

    bool isLoaded() const { return m_loaded; }
    // Lists the organizations if that has not happened yet (Load::Later); sort and filter set meanwhile apply.
    void load();

public Q_SLOTS:
    // Reloads the list (and the search lines) from the database, keeping sort and filter.
    void refresh();
    // Reads the ids (and search lines) again and brings the rows to them with exact removes, moves and inserts,
    // and reads the shown rows again: an organization changed, added or trashed elsewhere appears without a
    // reset, keeping the scroll position and selection. Runs by itself shortly after organizationsChanged.
    void reconcile();

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    const OrganizationListRow *rowAt(int row) const;
    OrganizationListQuery::SortKey sortKey() const;
    bool reload();
    void loadSearchTexts();

    mutable OrganizationListQuery m_query;
    mutable RowBlockCache<OrganizationListRow> m_cache;
    QList<qint64> m_allIds; // sorted, unfiltered
    QList<qint64> m_ids; // sorted, filtered: the rows
    WordFilter m_search;
    bool m_loaded = false;
    int m_sortColumn = NameColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    bool m_reconcileQueued = false;
};
