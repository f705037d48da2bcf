#pragma once

#include <QList>
#include <QSet>

#include <functional>

// Brings a model's list of rows to a fresh list with exact row operations instead of a reset, so that
// views keep their selection, current row and scroll position (STYLE.md: "exact beginInsertRows/dataChanged
// rather than resets"). Rows are matched by a key (an id); the model does the begin/end calls in the hooks
// (they are protected members of QAbstractItemModel), this does the list changes between them:
//   1. rows whose key is not in the fresh list are removed (from the end);
//   2. walking the fresh list, a row already in place is kept (changed() says whether it differs), a row
//      further down is moved up into place, a new row is inserted.
// Used by FollowUpModel, CoolingOffModel, InboxModel, DuplicatePairModel and AccountListModel.
namespace RowDiff {

template <typename Row> struct Hooks
{
    std::function<void(int row)> beginRemove, beginInsert;
    std::function<void()> endRemove, endInsert, endMove;
    std::function<void(int from, int to)> beginMove;
    // After a kept or moved row got its fresh value: `old` is what it was. Emit dataChanged there.
    std::function<void(int row, const Row &old, const Row &fresh)> changed;
};

template <typename Row, typename KeyOf>
void removeAbsent(QList<Row> &rows, const QList<Row> &fresh, KeyOf keyOf, const Hooks<Row> &hooks)
{
    QSet<decltype(keyOf(fresh.value(0)))> keep;
    for (const Row &row : fresh)
        keep.insert(keyOf(row));
    for (int r = int(rows.size()) - 1; r >= 0; --r) {
        if (keep.contains(keyOf(rows.at(r))))
            continue;
        hooks.beginRemove(r);
        rows.removeAt(r);
        hooks.endRemove();
    }
}

template <typename Row, typename KeyOf>
void apply(QList<Row> &rows, const QList<Row> &fresh, KeyOf keyOf, const Hooks<Row> &hooks)
{
    removeAbsent(rows, fresh, keyOf, hooks);
    for (int i = 0; i < fresh.size(); ++i) {
        const Row &row = fresh.at(i);
        const auto key = keyOf(row);
        if (i >= rows.size() || keyOf(rows.at(i)) != key) {
            int from = -1;
            for (int j = i + 1; j < rows.size(); ++j) {
                if (keyOf(rows.at(j)) == key) {
                    from = j;
                    break;
                }
            }
            if (from < 0) {
                hooks.beginInsert(i);
                rows.insert(i, row);
                hooks.endInsert();
                continue;
            }
            hooks.beginMove(from, i);
            rows.move(from, i);
            hooks.endMove();
        }
        const Row old = rows.at(i);
        rows[i] = row;
        hooks.changed(i, old, row);
    }
}

} // namespace RowDiff
