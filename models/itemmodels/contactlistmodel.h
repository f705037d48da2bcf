#pragma once

#include "itemmodels/idtablemodel.h"
#include "itemmodels/rowblockcache.h"
#include "storage/contactlistquery.h"

#include <QHash>
#include <QList>

class ContactSnapshotLoader;
class Database;

// The contact list as a table: every contact not in the trash, sorted in SQL, loaded in blocks.
//
// The model keeps the sorted ids of all rows (8 bytes each) and the rows themselves only for the few blocks
// that were looked at last (an LRU of 8 blocks of 256 rows by default), so scrolling through 100,000
// contacts holds at most 2,048 rows. sort() re-sorts in SQL; call refresh() after the contacts
// changed elsewhere. Use it on the thread that owns the Database.
//
// setFilter() narrows the list (search text and filters, see ContactFilter) and keeps the sort. To answer a
// keystroke within a frame it reads only the first screenful of ids (firstSliceSize()) at once; when more
// match, a worker thread with its own connection reads the whole snapshot and the rows beyond the first
// slice are appended (rowsInserted) when it arrives: isComplete() tells, snapshotCompleted() signals.
class ContactListModel final : public IdTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactListModel)

public:
    enum Column {
        NameColumn,
        OutletColumn,
        TitleColumn,
        KindColumn,
        OwnerColumn,
        LastContactedColumn,
        HealthColumn, // relationship health 0-100; empty when never scored
        EmailColumn,
        UpdatedColumn,
        TagsColumn, // offered in the column chooser, hidden at first; its rows are read only while shown
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole, // qint64
        SortRole, // the raw value the column sorts on (text, kind key, QDateTime, health int or null)
        DoNotContactRole, // bool
    };
    Q_ENUM(Role)

    static constexpr int DefaultBlockSize = RowBlockCache<ContactListRow>::DefaultBlockSize;
    static constexpr int DefaultMaxBlocks = RowBlockCache<ContactListRow>::DefaultMaxBlocks;
    static constexpr int DefaultFirstSliceSize = 500;

    explicit ContactListModel(Database &db, QObject *parent = nullptr);
    ~ContactListModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    static bool isSortable(int column);

    // The translated label of a contact kind ("journalist" -> "Journalist").
    static QString kindLabel(const QString &kind);
    // A stable name of a column for settings and saved views ("name", "outlet", ...); -1 if unknown.
    static QString columnKey(int column);
    static int columnFromKey(const QString &key);

    void setFilter(const ContactFilter &filter);
    const ContactFilter &filter() const { return m_query.filter(); }
    // The words of the search text as the index matches them (folded), for highlighting.
    QStringList searchTerms() const { return m_searchTerms; }
    // False while the rows beyond the first slice of a filtered list are still being read.
    bool isComplete() const { return m_complete; }
    void setFirstSliceSize(int size) { m_firstSliceSize = qMax(1, size); }
    int firstSliceSize() const { return m_firstSliceSize; }

    // How many rows a block holds and how many blocks stay in memory; drops the loaded blocks.
    void setPaging(int blockSize, int maxBlocks);
    int blockSize() const { return m_cache.blockSize(); }
    int maxBlocks() const { return m_cache.maxBlocks(); }

    // Reads the tags of the rows (for the Tags column) or stops reading them; reloads when turned on.
    void setTagsShown(bool shown);
    bool tagsShown() const { return m_query.includesTags(); }

    // Rows currently held in memory (for tests and diagnostics).
    int cachedRowCount() const { return m_cache.cachedRowCount(); }
    // Blocks loaded from the database since construction (for tests and diagnostics).
    int blockLoads() const { return m_cache.loads(); }

public Q_SLOTS:
    // Reloads the list from the database, keeping the sort.
    void refresh();
    // These contacts changed (a conversation logged, a field saved): their rows show the new values at once,
    // in place (dataChanged), without moving any row; the order follows at the next refresh or sort. The
    // model calls it itself for what ChangeNotifier reports.
    void updateRows(const QList<qint64> &ids);
    // Reads the ordered ids again and brings the rows to them with exact removes, moves and inserts (never a
    // reset), so a contact added, trashed or renamed elsewhere appears, leaves or moves while the view keeps
    // its scroll position, selection and current row. Runs by itself shortly after contactsChanged.
    void reconcile();

    // The row showing this contact, or -1 if it is not in the list (trashed, filtered out).
    int rowOfId(qint64 id) const { return int(m_ids.indexOf(id)); }
    // Why the list is empty if reading it failed (also reported by errorOccurred, which may come before
    // anyone is connected, e.g. during construction); empty after a successful load.
    QString loadError() const { return m_loadError; }

Q_SIGNALS:
    // Loading or sorting failed; the message says why. Emitted once per failing operation.
    void errorOccurred(const QString &message);
    // The whole snapshot of the current filter is loaded (after setFilter(), once isComplete()).
    void snapshotCompleted();
    void filterChanged();

private:
    const ContactListRow *rowAt(int row) const { return m_cache.rowAt(m_ids, row); }
    bool reloadIds();
    void completeSnapshot(quint64 generation, const QList<qint64> &ids);
    ContactListQuery::SortKey sortKey() const;
    void scheduleReconcile();

    mutable ContactListQuery m_query;
    QList<qint64> m_ids;
    QString m_loadError;
    mutable RowBlockCache<ContactListRow> m_cache;
    int m_sortColumn = NameColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    ContactSnapshotLoader *m_loader = nullptr;
    quint64 m_pendingSnapshot = 0;
    bool m_complete = true;
    int m_firstSliceSize = DefaultFirstSliceSize;
    QStringList m_searchTerms;
    bool m_reconcileQueued = false;
};
