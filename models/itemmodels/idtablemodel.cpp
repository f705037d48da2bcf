#include "idtablemodel.h"

#include <QHash>

void IdTableModel::reorderRows(
    const QList<qint64> &shown, const QList<qint64> &ordered, const std::function<void()> &commit)
{
    const QList<QPersistentModelIndex> allParents;
    Q_EMIT layoutAboutToBeChanged(allParents, VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QModelIndexList moved;
    moved.reserve(persistent.size());
    if (!persistent.isEmpty()) {
        QHash<qint64, int> newRow;
        newRow.reserve(ordered.size());
        for (int row = 0; row < ordered.size(); ++row)
            newRow.insert(ordered.at(row), row);
        for (const QModelIndex &old : persistent) {
            const int row = newRow.value(shown.value(old.row()), -1);
            moved.append(row < 0 ? QModelIndex() : createIndex(row, old.column()));
        }
    }
    commit();
    changePersistentIndexList(persistent, moved);
    Q_EMIT layoutChanged(allParents, VerticalSortHint);
}

bool IdTableModel::showOrdered(const QList<qint64> &shown, const QList<qint64> &ordered,
                               const std::function<void()> &commit)
{
    if (ordered.size() == shown.size()) {
        reorderRows(shown, ordered, commit);
        return false;
    }
    beginResetModel();
    commit();
    endResetModel();
    return true;
}
