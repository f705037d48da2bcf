#pragma once

#include "dashboardchart.h"
#include "storage/dashboardquery.h"

#include <QFrame>

class ChartTableModel;
class QChartView;
class QLabel;
class QStackedWidget;
class QTableView;
class QToolButton;

// One chart of the dashboard in a frame: its title, the chart (or an honest empty state), a toggle to show
// the same model as a table, "Copy as CSV" and "Save as PNG/SVG". Hovering a bar or point shows its exact
// value; clicking it (or pressing Enter on a table cell) asks for the rows behind it (drillRequested).
class ChartPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartPanel)

public:
    ChartPanel(DashboardChart::Kind kind, ChartTableModel *model, QWidget *parent = nullptr);

    DashboardChart::Kind kind() const { return m_kind; }
    ChartTableModel *model() const { return m_model; }
    QChartView *chartView() const { return m_chartView; }
    QTableView *tableView() const { return m_table; }
    bool isShowingTable() const;
    void setShowingTable(bool table);
    bool isShowingEmptyState() const;
    // What the pointer is over, as the tooltip says it ("Email (out), 1 Dec: 12"); empty when nothing.
    QString hoverText() const { return m_hoverText; }
    // The words for a cell: "<column>, <row>: <value>".
    QString describe(int row, int column) const;
    // Asks for the rows behind a cell, as a click on its bar would.
    void drill(int row, int column);
    void copyCsv();
    // Rebuilds the chart in the window's current palette (after a theme change).
    void rebuildChart();
    // A short line beside the title ("Median time to reply: 2 days").
    void setNote(const QString &note);

Q_SIGNALS:
    void drillRequested(const DashboardDrill &drill, const QString &title);
    void errorOccurred(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateState();
    void saveImage(const QString &suffix);

    DashboardChart::Kind m_kind;
    ChartTableModel *m_model;
    QLabel *m_title = nullptr;
    QLabel *m_note = nullptr;
    QStackedWidget *m_stack = nullptr;
    QChartView *m_chartView = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QToolButton *m_tableToggle = nullptr;
    QString m_hoverText;
    bool m_rebuilding = false;
};
