#pragma once

#include "storage/coolingoffquery.h"

#include <QAbstractTableModel>
#include <QDateTime>

// The Cooling off list (CoolingOffQuery::find(), biggest drop first): one row per contact with the
// health then → now, how long they have been silent, reach, account manager and the next follow-up.
// The rows are read elsewhere (on a worker) and handed in with setRows(), which applies the difference
// by contact (removeRows, moves, beginInsertRows, dataChanged on the cells that changed), so a follow-up
// planned from the list changes one cell and the selection stays. SortRole gives each column's raw value.
class CoolingOffModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoolingOffModel)

public:
    enum Column { ContactColumn, HealthColumn, SilentColumn, ReachColumn, OwnerColumn, FollowUpColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        ContactIdRole = Qt::UserRole, // qint64
        OwnerIdRole, // qint64, 0 = nobody
        SortRole, // the column's raw value (a number or a case-folded name)
        HasFollowUpRole, // bool: a follow-up is planned
        NextFollowUpRole, // QDateTime (UTC) or invalid
    };
    Q_ENUM(Role)

    explicit CoolingOffModel(QObject *parent = nullptr);
    ~CoolingOffModel() override;

    void setRows(const QList<CoolingContact> &rows);
    const QList<CoolingContact> &rows() const { return m_rows; }
    int rowOf(qint64 contactId) const;
    // The reason a row is listed, in words ("Health fell from 68 to 41 over 90 days; last spoke 47 days ago.").
    static QString reason(const CoolingContact &c, const QDateTime &now);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CoolingContact> m_rows;
    QDateTime m_now; // of the last setRows(): "silent for" and "overdue" are relative to it
};
