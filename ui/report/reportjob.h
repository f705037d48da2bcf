#pragma once

#include "reportwriter.h"
#include "storage/databaselocation.h"
#include "storage/workerconnection.h"

#include <QObject>

// Writes one client report without holding up the window: the figures are read on a worker thread (its own
// connection), the charts recorded on the GUI thread one per turn of the event loop (Qt Charts are graphics
// items: ReportWriter::drawChart), and the pages laid out and written on a worker thread again. progress()
// says how far it is; cancel() stops it at the next step (between charts, between pages) and leaves no file.
class ReportJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportJob)

public:
    explicit ReportJob(DatabaseLocation location, QObject *parent = nullptr);
    ~ReportJob() override;

    // Starts writing `request` to `path`; a job already running is canceled first.
    void start(const ReportWriter::Request &request, const QString &path);
    void cancel();
    bool isRunning() const { return m_running; }

    // The number of steps progress() counts to.
    static int steps();

Q_SIGNALS:
    // `done` of steps() steps, and what is being done now.
    void progress(int done, const QString &what);
    // The report is written (ok) or not: `message` says why (also when canceled).
    void finished(bool ok, bool canceled, const QString &message);

private:
    void drawNextChart(quint64 generation);
    void write(quint64 generation);
    void finish(bool ok, bool canceled, const QString &message);

    DatabaseLocation m_location;
    WorkerConnection m_worker;
    ReportWriter::Content m_content;
    ReportWriter::Charts m_charts;
    QString m_path;
    quint64 m_generation = 0;
    int m_nextChart = 0;
    bool m_running = false;
};
