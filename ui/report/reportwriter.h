#pragma once

#include "core/result.h"
#include "storage/dashboardquery.h"

#include <QString>

class Database;
class QPagedPaintDevice;
class QPainter;

// The PDF documents of the dashboard: the client report (a cover page, a summary in words with the KPI
// figures, the charts as vector drawings, the pitch funnel, top outlets and the coverage table, with the
// agency's name) and the export of the whole dashboard. Pages are laid out in 1/96 inch units; charts are
// the dashboard's own (DashboardChart) painted in the paper palette. Files are written through QSaveFile:
// the PDF appears complete under its name or not at all (a read-only folder or a full disk is an error with
// a clear message, never a half-written file).
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

    explicit ReportWriter(Database &db);

    // Checks the request (a client or a campaign that exists, a period) and computes its figures.
    Result<DashboardData> load(const Request &request);
    // Computes and writes the client report.
    Status writeReport(const Request &request, const QString &path);
    // Paints the client report on any paged device (a QPdfWriter, or the preview's QPrinter).
    Status paintReport(const Request &request, const DashboardData &data, QPagedPaintDevice *device);
    // The dashboard as it is, for its "Export PDF…".
    Status writeDashboard(const DashboardData &data, const QString &path);

    // The name shown on reports when none is given.
    static QString savedAgencyName(Database &db);
    static void saveAgencyName(const QString &name);

private:
    Database &m_db;
    QString m_subject; // the client or campaign name
    QString m_agency;
    QList<CoverageRow> m_coverage;
};
