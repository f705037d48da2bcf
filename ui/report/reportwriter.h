#pragma once

#include "core/result.h"
#include "storage/dashboardquery.h"

#include "dashboard/dashboardchart.h"

#include <QHash>
#include <QPicture>
#include <QString>

#include <functional>

class Database;
class QPagedPaintDevice;
class QPainter;

// The PDF documents of the dashboard: the client report (a cover page, a summary in words with the KPI
// figures, the charts as vector drawings, the pitch funnel, top outlets and the coverage table, with the
// agency's name) and the export of the whole dashboard. Pages are laid out in 1/96 inch units; charts are
// the dashboard's own (DashboardChart) painted in the paper palette. Files are written through QSaveFile:
// the PDF appears complete under its name or not at all (a read-only folder or a full disk is an error with
// a clear message, never a half-written file).
//
// The client report is made in three steps, so that File → Report… keeps the window responsive (ReportJob):
// loadContent() reads the figures (a worker thread, its own connection), drawChart() records each chart as a
// vector QPicture (the GUI thread: Qt Charts are graphics items of the application's style), and writeReportFile()
// lays out the pages, replays the pictures and writes the file (a worker thread: QPainter on a QPdfWriter with
// text is supported outside the GUI thread). writeReport() does all three on the calling thread (the command line).
class ReportWriter final
{
public:
    struct Request
    {
        qint64 clientId = 0; // a client's report (all its campaigns)...
        qint64 campaignId = 0; // ...or one campaign's
        QDate from;
        QDate to;
        QString agencyName; // empty: the saved name (settings report/agencyName), else the first agency organization
    };

    // What a client report shows.
    struct Content
    {
        Request request;
        DashboardData data;
        QString subject; // the client or campaign name
        QString agency;
        QList<CoverageRow> coverage;
    };
    // The report's charts as vector drawings, by DashboardChart::Kind; a chart without data has none.
    using Charts = QHash<int, QPicture>;
    // Asked between pages: true stops the writing (the file is not written).
    using Canceled = std::function<bool()>;

    // Checks the request (a client or a campaign that exists, a period) and reads everything the report shows.
    static Result<Content> loadContent(Database &db, const Request &request);
    // The charts of the report, in the order they are drawn.
    static QList<DashboardChart::Kind> charts();
    // Records one chart of the report (GUI thread); a null picture when it has no data.
    static QPicture drawChart(const Content &content, DashboardChart::Kind kind);
    static Charts drawCharts(const Content &content);
    // Lays out and writes the report as a PDF through QSaveFile (any thread). Canceled: an error with
    // Error::Code::Cancelled, and no file.
    static Status writeReportFile(
        const Content &content, const Charts &charts, const QString &path, const Canceled &canceled = {});
    // Paints the client report on any paged device (a QPdfWriter, or the preview's QPrinter).
    static Status paintReport(
        const Content &content, const Charts &charts, QPagedPaintDevice *device, const Canceled &canceled = {});

    explicit ReportWriter(Database &db);

    // Computes and writes the client report, all on the calling thread.
    Status writeReport(const Request &request, const QString &path);
    // The dashboard as it is, for its "Export PDF…", all on the calling thread.
    Status writeDashboard(const DashboardData &data, const QString &path);
    // The same in steps, as the Dashboard section writes it: the charts recorded on the GUI thread (one per
    // call), the pages written on any thread.
    static QList<DashboardChart::Kind> dashboardCharts();
    static QPicture drawDashboardChart(const DashboardData &data, DashboardChart::Kind kind);
    static Status writeDashboardFile(const DashboardData &data, const QString &agency, const Charts &charts,
        const QString &path, const Canceled &canceled = {});

    // The name shown on reports when none is given.
    static QString savedAgencyName(Database &db);
    static void saveAgencyName(const QString &name);

private:
    Database &m_db;
};
