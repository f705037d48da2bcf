#pragma once

#include "dashboardchart.h"
#include "storage/dashboardquery.h"
#include "storage/workerconnection.h"

#include <QHash>
#include <QPicture>

#include <QWidget>

class ChartPanel;
class ChartTableModel;
class Database;
class DashboardFilterBar;
class DrillDownDialog;
class KpiModel;
class KpiTiles;
class QLabel;
class QPushButton;
class QTimer;

// The Dashboard section: the filter bar, the KPI tiles and the charts (ChartPanel), all fed from one
// DashboardData computed by DashboardQuery::load on a worker thread (WorkerConnection), so the window never
// waits for it; a result for an outdated filter is dropped. Recomputes when shown after a change, when the
// filter changes and (debounced) when the ChangeNotifier says data changed. Clicking a chart element opens
// DrillDownDialog; Enter there opens the contact (contactActivated) or the campaign (campaignActivated).
class DashboardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardView)

public:
    explicit DashboardView(Database &db, QWidget *parent = nullptr);
    ~DashboardView() override;

    // The parts are built when the section is first shown or first asked for.
    DashboardFilterBar *filterBar() const;
    KpiTiles *kpiTiles() const;
    ChartPanel *panel(DashboardChart::Kind kind) const;
    QList<ChartPanel *> panels() const;
    // The result on screen (empty before the first one arrived).
    const DashboardData &data() const { return m_data; }
    bool isComputing() const { return m_computing; }
    // Recomputes now for the bar's filter.
    void recompute();
    // Writes the whole dashboard as it is (filter, KPI figures, every chart) to a PDF, on the calling thread.
    Status writePdf(const QString &path);
    // "Export PDF…": asks for a file, then writes it without holding up the window (the charts recorded one per
    // event-loop turn, the pages written on a worker thread); the button cancels meanwhile. exportFinished() says
    // how it went.
    void exportPdf();
    void startExport(const QString &path);
    void cancelExport();
    bool isExporting() const { return m_exporting; }

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void campaignActivated(qint64 campaignId);
    void errorOccurred(const QString &message);
    // A result arrived and the charts show it.
    void updated();
    // An export ended: written, or not (canceled or failed: errorOccurred said why when it failed).
    void exportFinished(bool written);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void build();
    void ensureBuilt() const;
    void showResult(const DashboardData &data, quint64 generation);
    void applyNext(quint64 generation, int index);
    void openDrill(const DashboardDrill &drill, const QString &title);
    void exportNextChart(quint64 generation, int index);
    void endExport(bool written, const QString &status);

    Database &m_db;
    DashboardFilterBar *m_filterBar = nullptr;
    KpiModel *m_kpiModel = nullptr;
    KpiTiles *m_tiles = nullptr;
    QLabel *m_status = nullptr;
    QList<ChartTableModel *> m_models;
    QList<ChartPanel *> m_panels;
    QTimer *m_changeTimer = nullptr;
    QTimer *m_applyTimer = nullptr; // the next model's turn (applyNext), when the event loop has nothing else to do
    int m_applyIndex = 0;
    DashboardData m_data;
    quint64 m_generation = 0;
    bool m_computing = false;
    bool m_dirty = true;
    // The export in progress.
    QPushButton *m_exportButton = nullptr;
    WorkerConnection m_exportJob;
    DashboardData m_exportData;
    QHash<int, QPicture> m_exportCharts;
    QString m_exportPath;
    quint64 m_exportGeneration = 0;
    bool m_exporting = false;
};
