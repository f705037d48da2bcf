#pragma once

#include "storage/coveragerepository.h"

#include <QAbstractTableModel>

// A campaign's coverage for the Coverage tab (CoverageRepository::list()): headline, outlet, author, date,
// reach, sentiment and the pitch it came from. setRows() applies a fresh list by difference (RowDiff).
class CampaignCoverageModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignCoverageModel)

public:
    enum Column {
        HeadlineColumn,
        OutletColumn,
        AuthorColumn,
        DateColumn,
        ReachColumn,
        SentimentColumn,
        PitchColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        IdRole = Qt::UserRole, // qint64
        UrlRole, // QString, the address as recorded
        SortRole, // the column's raw value
    };
    Q_ENUM(Role)

    explicit CampaignCoverageModel(QObject *parent = nullptr);
    ~CampaignCoverageModel() override;

    void setRows(const QList<CoverageRepository::Row> &rows);
    const QList<CoverageRepository::Row> &rows() const { return m_rows; }
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CoverageRepository::Row> m_rows;
};
