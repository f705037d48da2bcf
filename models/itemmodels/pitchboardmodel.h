#pragma once

#include "storage/pitchrepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

// Every live pitch of one campaign, for the Pipeline tab: the board (one filtered view per status column)
// and the table view share this one model. Rows are in name order; load() applies the difference by pitch
// (RowDiff: removes, moves, inserts, dataChanged on changed rows), and updateRow() changes the one row a move
// touched, so a move repaints one card and keeps the selection.
class PitchBoardModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PitchBoardModel)

public:
    enum Column { NameColumn, OutletColumn, StatusColumn, PitchedColumn, RepliedColumn, MovedColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        PitchIdRole = Qt::UserRole, // qint64
        ContactIdRole, // qint64
        StatusRole, // QString: the stored key ("pitched")
        StatusIndexRole, // int: the board column (PitchStatus order)
        VersionRole, // int
        StampRole, // QString: "Moved by Anna Berg on 3 Dec, 14:02"
        CardStampRole, // QString: the card's short form, "3 Dec · Anna Berg"
        ReplyProposedRole, // bool: an inbound interaction after the pitch proposes "replied"
        SortRole, // the column's raw value
    };
    Q_ENUM(Role)

    explicit PitchBoardModel(QObject *parent = nullptr);
    ~PitchBoardModel() override;

    void setRows(const QList<PitchRepository::BoardRow> &rows);
    // Changes (or, when it is new, inserts in name order) one pitch's row.
    void updateRow(const PitchRepository::BoardRow &row);
    void removePitch(qint64 pitchId);
    void setProposedReplies(const QSet<qint64> &pitchIds);
    const QList<PitchRepository::BoardRow> &rows() const { return m_rows; }
    int rowOf(qint64 pitchId) const;
    PitchRepository::BoardRow rowAt(int row) const { return m_rows.value(row); }
    int countIn(const QString &status) const;

    static QString stamp(const PitchRepository::BoardRow &row);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void reindex();

    QList<PitchRepository::BoardRow> m_rows;
    QHash<qint64, int> m_rowOf;
    QSet<qint64> m_proposed;
};
