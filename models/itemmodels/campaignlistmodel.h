#pragma once

#include "itemmodels/idtablemodel.h"
#include "itemmodels/rowblockcache.h"
#include "itemmodels/wordfilter.h"
#include "storage/campaignlistquery.h"

#include <QHash>
#include <QList>
#include <QStringList>

class Database;

// The Campaigns list as a table: the campaigns a CampaignListFilter lets through (client, status, owner,
// dates; or the trash), sorted in SQL and loaded in blocks (RowBlockCache), with each campaign's figures (on
// the media list, pitched, replied, covered, total reach), narrowed as you type by setFilterText() (every
// word typed in the name, the client's name or the description; accents and case ignored, matched in
// memory against one folded line per campaign as the organization list does).
//
// It listens to ChangeNotifier::campaignsChanged: when the order and the set of rows stay the same, the
// changed rows are read again in place (dataChanged); otherwise the list is reset.
class CampaignListModel final : public IdTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignListModel)

public:
    enum Column {
        NameColumn,
        ClientColumn,
        StatusColumn,
        OwnerColumn,
        StartsColumn,
        EndsColumn,
        OnListColumn,
        PitchedColumn,
        RepliedColumn,
        CoveredColumn,
        ReachColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole, // qint64
        SortRole, // the raw value the column sorts on
        ClientIdRole, // qint64
        StatusRole, // the raw status
    };
    Q_ENUM(Role)

    enum class Load { Now, Later };
    explicit CampaignListModel(Database &db, QObject *parent = nullptr, Load load = Load::Now);
    ~CampaignListModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    QString filterText() const { return m_search.text(); }
    void setFilterText(const QString &text);
    CampaignListFilter filter() const { return m_filter; }
    void setFilter(const CampaignListFilter &filter);

    int rowOf(qint64 id) const { return static_cast<int>(m_ids.indexOf(id)); }
    qint64 idAt(int row) const { return m_ids.value(row); }
    // The campaigns the filter lets through, before the search text.
    int filteredCount() const { return static_cast<int>(m_allIds.size()); }

    // The translated label of a campaign status ("active" -> "Active").
    static QString statusLabel(const QString &status);

    void setPaging(int blockSize, int maxBlocks) { m_cache.setPaging(blockSize, maxBlocks); }
    int blockLoads() const { return m_cache.loads(); }

    bool isLoaded() const { return m_loaded; }
    void load();

public Q_SLOTS:
    // Reads the list again (ids, rows and search lines), keeping sort, filter and search.
    void refresh();
    // These campaigns changed: rows read again in place when the list keeps its order, else a reset.
    void campaignsChanged(const QList<qint64> &ids);

Q_SIGNALS:
    void errorOccurred(const QString &message);
    // The rows were read again (refresh, filter, search, a change).
    void rowsReloaded();

private:
    const CampaignListRow *rowAt(int row) const;
    CampaignListQuery::SortKey sortKey() const;
    bool reload();
    void loadSearchTexts();

    mutable CampaignListQuery m_query;
    mutable RowBlockCache<CampaignListRow> m_cache;
    QList<qint64> m_allIds; // filtered and sorted, before the search text
    QList<qint64> m_ids; // the rows
    WordFilter m_search;
    bool m_loaded = false;
    CampaignListFilter m_filter;
    int m_sortColumn = StartsColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};
