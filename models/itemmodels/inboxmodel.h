#pragma once

#include "storage/syncrepository.h"

#include <QAbstractTableModel>

// The Inbox list (SyncRepository::inbox()): one row per author whose posts match no contact, newest
// first, with network, item count and newest time. setEntries() applies a fresh list by difference, keyed by
// network and handle (removeRows, moves, beginInsertRows, dataChanged), so the selected author stays
// selected while others come and go. SortRole gives each column's raw value.
class InboxModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InboxModel)

public:
    enum Column { AuthorColumn, NetworkColumn, ItemsColumn, NewestColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        NetworkRole = Qt::UserRole, // QString: mastodon, bluesky, feed
        HandleRole, // QString
        SortRole, // the column's raw value
    };
    Q_ENUM(Role)

    explicit InboxModel(QObject *parent = nullptr);
    ~InboxModel() override;

    void setEntries(const QList<InboxEntry> &entries);
    const QList<InboxEntry> &entries() const { return m_entries; }
    const InboxEntry *entryAt(int row) const;
    int rowOf(const QString &network, const QString &handle) const;
    // "Today 14:02", "Yesterday 09:15", or the short date.
    static QString whenText(const QDateTime &when);
    // The author as listed: "Name (handle)", or the handle alone.
    static QString authorText(const InboxEntry &e);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<InboxEntry> m_entries;
};
