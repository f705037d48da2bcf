#pragma once

#include "storage/duplicaterepository.h"

#include <QAbstractTableModel>

// The likely duplicate pairs of "Find duplicates" (DuplicateRepository::findPairs()): the two contacts and
// why they look alike. setPairs() applies a fresh search by difference (keyed by the two ids);
// removePairsWith() takes out, row by row, the pairs of a contact merged away. SortRole gives raw values.
class DuplicatePairModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DuplicatePairModel)

public:
    enum Column { FirstColumn, SecondColumn, ReasonColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        FirstIdRole = Qt::UserRole, // qint64
        SecondIdRole, // qint64
        ReasonRole, // int (DuplicatePair::Reason)
        SortRole, // the column's raw value
    };
    Q_ENUM(Role)

    explicit DuplicatePairModel(QObject *parent = nullptr);
    ~DuplicatePairModel() override;

    void setPairs(const QList<DuplicatePair> &pairs);
    const QList<DuplicatePair> &pairs() const { return m_pairs; }
    // Removes every pair with this contact (merged away, so in the trash); returns how many.
    int removePairsWith(qint64 contactId);
    // "Same email: amara@ledger.example", "Similar name at Daily Ledger".
    static QString reasonText(const DuplicatePair &pair);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DuplicatePair> m_pairs;
};
