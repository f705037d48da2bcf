#include "reportjob.h"

#include <QTimer>

ReportJob::ReportJob(DatabaseLocation location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
{
}

ReportJob::~ReportJob()
{
    // The worker stops at its next step; its result, if any, is dropped with this object.
    m_worker.cancel();
    m_worker.detach();
}

int ReportJob::steps()
{
    return int(ReportWriter::charts().size()) + 2; // reading, the charts, writing
}

void ReportJob::start(const ReportWriter::Request &request, const QString &path)
{
    if (m_running)
        cancel();
    m_running = true;
    m_path = path;
    m_charts.clear();
    m_nextChart = 0;
    const quint64 generation = ++m_generation;
    Q_EMIT progress(0, tr("Reading the figures…"));
    m_worker = WorkerConnection::start<ReportWriter::Content>(
        m_location, this,
        [request](Database &db, const WorkerConnection::Job &) { return ReportWriter::loadContent(db, request); },
        [this, generation](Result<ReportWriter::Content> content) {
            if (generation != m_generation)
                return;
            if (!content) {
                finish(false, false, content.error().message);
                return;
            }
            m_content = std::move(*content);
            drawNextChart(generation);
        },
        WorkerConnection::Options {
            Database::OpenFlag::NoMigrate, 0, QThread::InheritPriority, QStringLiteral("rapport-report") });
}

// One chart per turn of the event loop: the window repaints and takes clicks (Cancel) in between.
void ReportJob::drawNextChart(quint64 generation)
{
    if (generation != m_generation)
        return;
    const QList<DashboardChart::Kind> kinds = ReportWriter::charts();
    if (m_nextChart >= kinds.size()) {
        write(generation);
        return;
    }
    const DashboardChart::Kind kind = kinds.at(m_nextChart++);
    Q_EMIT progress(m_nextChart, tr("Drawing the charts…"));
    m_charts.insert(int(kind), ReportWriter::drawChart(m_content, kind));
    QTimer::singleShot(0, this, [this, generation] { drawNextChart(generation); });
}

void ReportJob::write(quint64 generation)
{
    Q_EMIT progress(steps() - 1, tr("Writing the PDF…"));
    m_worker = WorkerConnection::start<bool>(
        m_location, this,
        [content = m_content, charts = m_charts, path = m_path](
            Database &, const WorkerConnection::Job &job) -> Result<bool> {
            if (Status s = ReportWriter::writeReportFile(content, charts, path, [&job] { return job.isCanceled(); });
                !s)
                return s.error();
            return true;
        },
        [this, generation](Result<bool> written) {
            if (generation != m_generation)
                return;
            if (!written) {
                finish(false, written.error().code == Error::Code::Cancelled, written.error().message);
                return;
            }
            finish(true, false, QString());
        },
        WorkerConnection::Options {
            Database::OpenFlag::NoMigrate, 0, QThread::InheritPriority, QStringLiteral("rapport-report") });
    // The figures and pictures now belong to the worker.
    m_content = {};
    m_charts.clear();
}

void ReportJob::cancel()
{
    if (!m_running)
        return;
    ++m_generation; // whatever arrives from now on is dropped
    m_worker.cancel();
    m_worker.detach();
    m_content = {};
    m_charts.clear();
    finish(false, true, tr("The report was canceled."));
}

void ReportJob::finish(bool ok, bool canceled, const QString &message)
{
    m_running = false;
    Q_EMIT finished(ok, canceled, message);
}
