#pragma once

#include "storage/importrepository.h"

#include <QAbstractTableModel>
#include <QList>

// File → Import History: the import batches, newest first (file, when, by whom, what they did, undone or not).
// setBatches() applies a fresh list by difference (RowDiff), so the selection stays on the batch just undone.
class ImportBatchListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportBatchListModel)

public:
    enum Column {
        FileColumn,
        ImportedColumn,
        UserColumn,
        CreatedColumn,
        UpdatedColumn,
        SkippedColumn,
        ProblemsColumn,
        StateColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        UndoneRole, // bool
    };

    explicit ImportBatchListModel(QObject *parent = nullptr);

    void setBatches(const QList<ImportBatch> &batches);
    const ImportBatch *batchAt(int row) const;
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ImportBatch> m_batches;
};
