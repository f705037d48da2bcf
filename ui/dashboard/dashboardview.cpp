#include "dashboardview.h"

#include "chartpanel.h"
#include "common/filedialog.h"
#include "dashboardfilterbar.h"
#include "drilldowndialog.h"
#include "itemmodels/dashboardmodels.h"
#include "kpitiles.h"
#include "report/reportwriter.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/workerconnection.h"

#include <QDir>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

DashboardView::DashboardView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
{
    // Other people's and other sections' writes: recompute once they settle, if the section is shown.
    m_changeTimer = new QTimer(this);
    m_changeTimer->setSingleShot(true);
    m_changeTimer->setInterval(800);
    connect(m_changeTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            recompute();
        else
            m_dirty = true;
    });
    // A zero timer, not a queued call: Qt runs it once the events waiting (paints, input, other timers) are done,
    // so each model's turn starts after the window has shown the previous one.
    m_applyTimer = new QTimer(this);
    m_applyTimer->setSingleShot(true);
    m_applyTimer->setInterval(0);
    connect(m_applyTimer, &QTimer::timeout, this, [this] { applyNext(m_generation, m_applyIndex); });
    auto *notifier = ChangeNotifier::instance();
    const auto later = [this] { m_changeTimer->start(); };
    connect(notifier, &ChangeNotifier::interactionsChanged, this, later);
    connect(notifier, &ChangeNotifier::contactsChanged, this, later);
    connect(notifier, &ChangeNotifier::contactsMerged, this, later);
    connect(notifier, &ChangeNotifier::campaignsChanged, this, later);
}

void DashboardView::ensureBuilt() const
{
    if (!m_filterBar)
        const_cast<DashboardView *>(this)->build();
}

// The widgets, charts and the filter bar's choices are made when the section is first shown (or first asked
// for), so that the window's start-up does not pay for nine charts it does not show.
void DashboardView::build()
{
    Database &db = m_db;
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 8, 8, 0);
    // The filter bar's two rows span the section; the status and the PDF button end its first row.
    m_filterBar = new DashboardFilterBar(db, this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatusLabel"));
    m_status->setEnabled(false);
    m_status->setMinimumWidth(1); // "Updated 15:04" gives way to the filters in a narrow window
    m_filterBar->addToPeriodRow(m_status);
    auto *pdf = new QPushButton(tr("Export PDF…"), this);
    pdf->setObjectName(QStringLiteral("exportPdfButton"));
    pdf->setToolTip(tr("Save the whole dashboard, as it is now, as a PDF"));
    connect(pdf, &QPushButton::clicked, this, [this] {
        if (m_exporting)
            cancelExport();
        else
            exportPdf();
    });
    m_exportButton = pdf;
    m_filterBar->addToPeriodRow(pdf);
    outer->addWidget(m_filterBar);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("dashboardScrollArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 4, 4, 8);
    m_kpiModel = new KpiModel(this);
    m_models << m_kpiModel;
    m_tiles = new KpiTiles(m_kpiModel, content);
    connect(m_tiles, &KpiTiles::drillRequested, this, &DashboardView::openDrill);
    layout->addWidget(m_tiles);
    auto *grid = new QGridLayout;
    grid->setSpacing(8);
    layout->addLayout(grid);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    using K = DashboardChart::Kind;
    const auto add = [&](K kind, ChartTableModel *model, int row, int column, int span = 1) {
        model->setParent(this);
        m_models << model;
        auto *panel = new ChartPanel(kind, model, content);
        panel->setObjectName(QStringLiteral("chartPanel%1").arg(int(kind)));
        connect(panel, &ChartPanel::drillRequested, this, &DashboardView::openDrill);
        connect(panel, &ChartPanel::errorOccurred, this, &DashboardView::errorOccurred);
        grid->addWidget(panel, row, column, 1, span);
        m_panels << panel;
    };
    add(K::InteractionsOverTime, new InteractionsOverTimeModel, 0, 0, 2);
    add(K::ReplyRate, new ReplyRateModel, 1, 0);
    add(K::Funnel, new FunnelModel, 1, 1);
    add(K::Coverage, new CoverageModel, 2, 0);
    add(K::TopOutlets, new TopOutletsModel, 2, 1);
    add(K::TopRelationships, new RelationshipsModel(RelationshipsModel::Kind::Top), 3, 0);
    add(K::CoolingRelationships, new RelationshipsModel(RelationshipsModel::Kind::Cooling), 3, 1);
    add(K::TeamActivity, new TeamActivityModel, 4, 0);
    add(K::SocialEngagement, new SocialEngagementModel, 4, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    panel(K::SocialEngagement)->setNote(tr("all accounts; only the period applies"));

    connect(m_filterBar, &DashboardFilterBar::filterChanged, this, &DashboardView::recompute);
}

DashboardView::~DashboardView()
{
    m_exportJob.cancel(); // the worker stops at its next chart and leaves no file
    m_exportJob.detach();
}

DashboardFilterBar *DashboardView::filterBar() const
{
    ensureBuilt();
    return m_filterBar;
}

KpiTiles *DashboardView::kpiTiles() const
{
    ensureBuilt();
    return m_tiles;
}

QList<ChartPanel *> DashboardView::panels() const
{
    ensureBuilt();
    return m_panels;
}

ChartPanel *DashboardView::panel(DashboardChart::Kind kind) const
{
    ensureBuilt();
    for (ChartPanel *p : m_panels)
        if (p->kind() == kind)
            return p;
    return nullptr;
}

void DashboardView::showEvent(QShowEvent *event)
{
    ensureBuilt();
    QWidget::showEvent(event);
    if (m_dirty)
        recompute();
}

void DashboardView::recompute()
{
    ensureBuilt();
    m_dirty = false;
    m_computing = true;
    m_status->setText(tr("Computing…"));
    const DashboardFilter filter = m_filterBar->filter();
    const quint64 generation = ++m_generation;
    m_applyTimer->stop(); // an older result half applied stops here
    // Detached: a newer filter does not wait for an older computation; its result is dropped on arrival.
    WorkerConnection job = WorkerConnection::start<DashboardData>(
        m_db.location(), this,
        [filter](Database &db, const WorkerConnection::Job &) { return DashboardQuery::load(db, filter); },
        [this, generation](Result<DashboardData> result) {
            if (generation != m_generation)
                return;
            if (!result) {
                m_computing = false;
                m_status->setText(tr("Could not compute the dashboard"));
                Q_EMIT errorOccurred(result.error().message);
                return;
            }
            showResult(*result, generation);
        },
        WorkerConnection::Options {
            Database::OpenFlag::NoMigrate, 0, QThread::LowPriority, QStringLiteral("rapport-dashboard") });
    job.detach();
}

// The models (and so their charts, which follow the model) take the result one per turn of the event loop, in the
// order they are on screen, each once the window has handled what the previous one set off (m_applyTimer): applying
// all ten at once held the window for more than a frame (docs/PERFORMANCE.md, "Dashboard"). A newer computation
// stops an older result half applied.
void DashboardView::showResult(const DashboardData &data, quint64 generation)
{
    m_data = data;
    applyNext(generation, 0);
}

void DashboardView::applyNext(quint64 generation, int index)
{
    if (generation != m_generation)
        return;
    if (index < m_models.size()) {
        m_models.at(index)->setResult(m_data);
        m_applyIndex = index + 1;
        m_applyTimer->start();
        return;
    }
    m_computing = false;
    const DashboardData &data = m_data;
    const QLocale locale;
    QString median;
    if (data.medianReplyMs >= 0) {
        const double days = double(data.medianReplyMs) / 86400000.0;
        median = days < 1 ? tr("median time to reply: %1 h").arg(locale.toString(days * 24, 'f', 1))
                          : tr("median time to reply: %1 days").arg(locale.toString(days, 'f', 1));
    }
    panel(DashboardChart::Kind::ReplyRate)->setNote(median);
    m_status->setText(tr("Updated %1").arg(locale.toString(QTime::currentTime(), QLocale::ShortFormat)));
    Q_EMIT updated();
}

void DashboardView::openDrill(const DashboardDrill &drill, const QString &title)
{
    auto *dialog = new DrillDownDialog(
        m_db, m_data.filter.isValid() ? m_data.filter : m_filterBar->filter(), drill, title, this);
    connect(dialog, &DrillDownDialog::contactActivated, this, &DashboardView::contactActivated);
    connect(dialog, &DrillDownDialog::campaignActivated, this, &DashboardView::campaignActivated);
    dialog->show();
}

Status DashboardView::writePdf(const QString &path)
{
    ReportWriter writer(m_db);
    return writer.writeDashboard(m_data, path);
}

void DashboardView::exportPdf()
{
    FileDialog::getSaveFileName(this, tr("Export Dashboard"), QDir::home().filePath(tr("dashboard.pdf")),
        tr("PDF documents (*.pdf)"), [this](const QString &path) { startExport(path); });
}

void DashboardView::startExport(const QString &path)
{
    ensureBuilt();
    if (m_exporting)
        cancelExport();
    if (!m_data.filter.isValid()) {
        Q_EMIT errorOccurred(tr("The dashboard has not been computed yet."));
        Q_EMIT exportFinished(false);
        return;
    }
    m_exporting = true;
    m_exportData = m_data;
    m_exportCharts.clear();
    m_exportPath = path;
    m_exportButton->setText(tr("Cancel Export"));
    m_exportButton->setToolTip(tr("Stop writing the PDF; no file is left behind"));
    m_status->setText(tr("Writing the PDF…"));
    exportNextChart(++m_exportGeneration, 0);
}

// One chart per turn of the event loop (Qt Charts belong to the GUI thread), then the pages on a worker.
void DashboardView::exportNextChart(quint64 generation, int index)
{
    if (generation != m_exportGeneration)
        return;
    const QList<DashboardChart::Kind> kinds = ReportWriter::dashboardCharts();
    if (index < kinds.size()) {
        m_exportCharts.insert(int(kinds.at(index)), ReportWriter::drawDashboardChart(m_exportData, kinds.at(index)));
        QTimer::singleShot(0, this, [this, generation, index] { exportNextChart(generation, index + 1); });
        return;
    }
    m_exportJob = WorkerConnection::start<bool>(
        m_db.location(), this,
        [data = m_exportData, agency = ReportWriter::savedAgencyName(m_db), charts = m_exportCharts,
            path = m_exportPath](Database &, const WorkerConnection::Job &job) -> Result<bool> {
            if (Status s = ReportWriter::writeDashboardFile(data, agency, charts, path, [&job] { return job.isCanceled(); });
                !s)
                return s.error();
            return true;
        },
        [this, generation](Result<bool> written) {
            if (generation != m_exportGeneration)
                return;
            if (!written) {
                const bool canceled = written.error().code == Error::Code::Cancelled;
                if (!canceled)
                    Q_EMIT errorOccurred(written.error().message);
                endExport(false, canceled ? tr("Export canceled") : tr("Could not write the PDF"));
                return;
            }
            endExport(true, tr("Saved %1").arg(QDir::toNativeSeparators(m_exportPath)));
        },
        WorkerConnection::Options {
            Database::OpenFlag::NoMigrate, 0, QThread::InheritPriority, QStringLiteral("rapport-dashboard-pdf") });
    m_exportData = {};
    m_exportCharts.clear();
}

void DashboardView::cancelExport()
{
    if (!m_exporting)
        return;
    ++m_exportGeneration; // whatever arrives from now on is dropped
    m_exportJob.cancel();
    m_exportJob.detach();
    m_exportData = {};
    m_exportCharts.clear();
    endExport(false, tr("Export canceled"));
}

void DashboardView::endExport(bool written, const QString &status)
{
    m_exporting = false;
    m_exportButton->setText(tr("Export PDF…"));
    m_exportButton->setToolTip(tr("Save the whole dashboard, as it is now, as a PDF"));
    m_status->setText(status);
    Q_EMIT exportFinished(written);
}
