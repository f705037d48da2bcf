#pragma once

#include "storage/dashboardquery.h"

#include <QAbstractTableModel>

#include <optional>

// The dashboard's item models: one table per chart, so that the chart (bar sets per column, QVXYModelMapper for
// lines: ui/dashboard/dashboardchart.h), its table view and its "Copy as CSV" all read the same numbers. Each is filled from a
// DashboardData (DashboardQuery::load, run on a worker thread) with setResult(); a new result of the same shape
// updates the cells in place (dataChanged), another shape resets the model.
//
// Column 0 is the row's label (a period, a stage, a name). Time tables end with a hidden "x" column (the
// bucket's index) that line series need as their x values; views hide it and the CSV leaves it out.
class ChartTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        RawValueRole = Qt::UserRole, // the number (or the label) for sorting and for tests
    };

    explicit ChartTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Fills the model from a new result.
    void setResult(const DashboardData &data);
    const DashboardFilter &filter() const { return m_filter; }
    // The numbers as a double (0 for a label or an empty cell).
    double value(int row, int column) const;
    // True when every number in the table is 0 (the chart shows its empty state).
    bool isEmpty() const;
    // The columns that only serve the charts (hidden in tables and left out of CSV).
    int hiddenColumn() const { return m_hiddenColumn; }
    // The rows behind one cell (a bar, a slice, a point), if that cell has any.
    virtual std::optional<DashboardDrill> drillFor(int row, int column) const;
    // The table as CSV (RFC 4180, header line first, hidden column left out).
    QString toCsv() const;

    // A bucket's label: "1 Dec" for a week, "Dec 26" for a month.
    static QString bucketLabel(const DashboardFilter &filter, int bucket);

protected:
    // What the subclass shows: the header and the rows (the first cell of each a label).
    virtual void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) = 0;
    // Adds the hidden x column (the row index) to a time table.
    void addIndexColumn(QStringList &headers, QList<QVariantList> &rows);
    std::optional<DashboardDrill> bucketDrill(int row) const;

    DashboardFilter m_filter;

private:
    QStringList m_headers;
    QList<QVariantList> m_rows;
    int m_hiddenColumn = -1;
    int m_pendingHidden = -1;
};

// KPI tiles: Figure | This period | Previous period | Change (%).
class KpiModel final : public ChartTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KpiModel)
public:
    enum KpiRow { Interactions, PitchesSent, ReplyRate, CoveragePieces, Reach, NewContacts, KpiCount };
    enum Column { LabelColumn, NowColumn, PreviousColumn, ChangeColumn };
    using ChartTableModel::ChartTableModel;
    std::optional<DashboardDrill> drillFor(int row, int column) const override;
    // "+12%" / "−3%" / "new" / "" for row; "" when the previous period has nothing to compare.
    QString changeText(int row) const;
    QString valueText(int row) const;

protected:
    void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) override;
};

// Interactions over time: Period | <channel> outbound | <channel> inbound ... (channels with any rows).
class InteractionsOverTimeModel final : public ChartTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InteractionsOverTimeModel)
public:
    using ChartTableModel::ChartTableModel;
    std::optional<DashboardDrill> drillFor(int row, int column) const override;
    // The channel and direction of a value column.
    QString channelOf(int column) const { return m_columns.value(column - 1).first; }
    QString directionOf(int column) const { return m_columns.value(column - 1).second; }

protected:
    void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) override;

private:
    QList<QPair<QString, QString>> m_columns;
};

// Reply rate: Period | Pitches sent | Replied within 14 days | Reply rate (%) | x.
class ReplyRateModel final : public ChartTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplyRateModel)
public:
    enum Column { LabelColumn, SentColumn, RepliedColumn, RateColumn };
    using ChartTableModel::ChartTableModel;
    std::optional<DashboardDrill> drillFor(int row, int column) const override;
    qint64 medianReplyMs() const { return m_median; }

protected:
    void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) override;

private:
    qint64 m_median = -1;
};

// The pitch funnel: Stage | Pitches | Share of planned (%).
class FunnelModel final : public ChartTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FunnelModel)
public:
    enum Column { LabelColumn, CountColumn, ShareColumn };
    using ChartTableModel::ChartTableModel;
    std::optional<DashboardDrill> drillFor(int row, int column) const override;
    static QString stageLabel(int stage);

protected:
    void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) override;
};

// Coverage: Period | Positive | Neutral | Negative | Unrated | Pieces | Reach | x.
class CoverageModel final : public ChartTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverageModel)
public:
    enum Column {
        LabelColumn,
        PositiveColumn,
        NeutralColumn,
        NegativeColumn,
        UnratedColumn,
        PiecesColumn,
        ReachColumn
    };
    using ChartTableModel::ChartTableModel;
    std::optional<DashboardDrill> drillFor(int row, int column) const override;

protected:
    void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) override;
};

// Top relationships (Contact | Interactions | Health) or cooling relationships (Contact | Health | Last
// contacted), one row per person.
class RelationshipsModel final : public ChartTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelationshipsModel)
public:
    enum class Kind { Top, Cooling };
    explicit RelationshipsModel(Kind kind, QObject *parent = nullptr);
    std::optional<DashboardDrill> drillFor(int row, int column) const override;
    qint64 contactAt(int row) const { return m_ids.value(row); }

protected:
    void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) override;

private:
    Kind m_kind;
    QList<qint64> m_ids;
};

// Top outlets: Outlet | Pieces | Reach.
class TopOutletsModel final : public ChartTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopOutletsModel)
public:
    using ChartTableModel::ChartTableModel;
    std::optional<DashboardDrill> drillFor(int row, int column) const override;

protected:
    void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) override;

private:
    QList<qint64> m_ids;
};

// Team activity: Account manager | <channel> ... (channels with any rows).
class TeamActivityModel final : public ChartTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeamActivityModel)
public:
    using ChartTableModel::ChartTableModel;
    std::optional<DashboardDrill> drillFor(int row, int column) const override;

protected:
    void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) override;

private:
    QList<qint64> m_users;
    QStringList m_channels;
};

// Social engagement: Period | Mentions | Replies | Likes | Boosts | Follows | x.
class SocialEngagementModel final : public ChartTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SocialEngagementModel)
public:
    using ChartTableModel::ChartTableModel;
    std::optional<DashboardDrill> drillFor(int row, int column) const override;

protected:
    void build(const DashboardData &data, QStringList &headers, QList<QVariantList> &rows) override;
};

// The rows behind a chart element: When | Contact | Campaign | What | Detail.
class DrillDownModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillDownModel)
public:
    enum Column { WhenColumn, ContactColumn, CampaignColumn, TextColumn, DetailColumn, ColumnCount };
    enum Role { ContactIdRole = Qt::UserRole + 1, CampaignIdRole, RowIdRole };
    explicit DrillDownModel(QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void setRows(const QList<DashboardDrillRow> &rows);
    const DashboardDrillRow &rowAt(int row) const { return m_rows.at(row); }

private:
    QList<DashboardDrillRow> m_rows;
};
