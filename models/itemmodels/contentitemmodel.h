#pragma once

#include "domain/campaign.h"

#include <QAbstractTableModel>

// A campaign's content items for the Content tab (ContentRepository::list()): kind, title, status, updated.
// setItems() applies a fresh list by difference (RowDiff, keyed by id), so the selection survives a reload.
class ContentItemModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContentItemModel)

public:
    enum Column { KindColumn, TitleColumn, StatusColumn, UpdatedColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        IdRole = Qt::UserRole, // qint64
        SortRole, // the column's raw value
    };
    Q_ENUM(Role)

    explicit ContentItemModel(QObject *parent = nullptr);
    ~ContentItemModel() override;

    void setItems(const QList<ContentItem> &items);
    const QList<ContentItem> &items() const { return m_items; }
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ContentItem> m_items;
};
