#pragma once

#include <QAbstractTableModel>
#include <QList>

#include <functional>

// A table model whose rows are a list of ids in the order shown (the paged list models: contacts, organizations,
// campaigns). What their sort() shares: moving the same ids into another order as one layout change, so that the
// selection, the current index and the scroll position follow their row's id instead of staying at row numbers.
class IdTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

protected:
    // `shown` is the model's ids as they are now, `ordered` the same ids in the new order. `commit` puts the new
    // order into the model (and drops what it cached by row); it runs between layoutAboutToBeChanged() and
    // layoutChanged(). An id of `shown` missing from `ordered` leaves its persistent indexes invalid.
    void reorderRows(const QList<qint64> &shown, const QList<qint64> &ordered, const std::function<void()> &commit);
    // What sort() does with the ids it read again: reorderRows() when they are as many as `shown`, a reset when not
    // (rows were added or removed meanwhile: a sort cannot express that, a reset can). Returns true after a reset.
    bool showOrdered(const QList<qint64> &shown, const QList<qint64> &ordered, const std::function<void()> &commit);
};
