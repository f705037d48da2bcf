// The dashboard on a large database: DashboardQuery::load (every chart and both periods' KPIs) from the monthly
// and daily rollups (schema v13 and v10), and, beside it, from the daily rollups alone (v10's reads) and from the
// raw rows alone (BENCH_DASHBOARD_NO_ROWS=1 leaves that out) for the four periods, a filter change by account
// manager and by client, a
// drill-down, and the 12-month client report PDF; beside the raw-SQLite baseline of the heaviest single query
// (interactions per day x channel x direction over 12 months, sqlite3 C API). Medians of several runs.
//
//   bench_dashboard PATH-or-URL [RUNS]      (a database made by `rapport demo --size large`)
#include "benchutil.h"
#include "../support/heartbeat.h"
#include "core/clock.h"
#include "dashboard/chartpanel.h"
#include "dashboard/dashboardfilterbar.h"
#include "dashboard/dashboardview.h"
#include "dashboard/kpitiles.h"
#include "itemmodels/dashboardmodels.h"
#include "report/reportjob.h"
#include "report/reportwriter.h"
#include "storage/dashboardquery.h"
#include "storage/database.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSettings>
#include <QTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <ctime>
#include <sys/types.h>
#include <unistd.h>

namespace {

// PostgreSQL: the CPU time of the server process serving this connection (the same machine): user and system time
// from /proc/PID/stat, in clock ticks (10 ms; a load's statements add up to hundreds of ms); -1 when it cannot be
// read.
qint64 g_serverPid = 0;

double serverCpuMs()
{
    if (g_serverPid <= 0)
        return -1;
    QFile file(QStringLiteral("/proc/%1/stat").arg(g_serverPid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // After the command name in parentheses: state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = double(fields.at(11).toLongLong() + fields.at(12).toLongLong());
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Wall times; `cpu` gets this thread's CPU time of each run (SQLite works in the thread; PostgreSQL's server
// time is not in it), `server` the PostgreSQL server process's. On a machine shared with other builds, CPU time
// says more than wall time.
QList<double> timeIt(
    int runs, const std::function<bool()> &work, QList<double> *cpu = nullptr, QList<double> *server = nullptr)
{
    QList<double> samples;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        const double c0 = threadCpuMs(), s0 = serverCpuMs();
        t.start();
        if (!work())
            return {};
        samples << double(t.nsecsElapsed()) / 1e6;
        if (cpu)
            *cpu << threadCpuMs() - c0;
        if (server && s0 >= 0)
            *server << serverCpuMs() - s0;
    }
    return samples;
}

// One model given a result, its queued updates handled and the section repainted: this thread's CPU time.
[[gnu::noinline]] double applyAndPaint(QWidget &view, ChartTableModel *model, const DashboardData &data)
{
    const double c0 = threadCpuMs();
    model->setResult(data);
    QCoreApplication::processEvents();
    view.repaint();
    return threadCpuMs() - c0;
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // The section remembers its filter: in a throwaway place, not the user's settings.
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        out << "usage: bench_dashboard PATH-or-URL [RUNS]" << Qt::endl;
        return 2;
    }
    const int runs = args.size() > 2 ? args.at(2).toInt() : 7;
    auto location = DatabaseLocation::parse(args.at(1));
    if (!location)
        return 1;
    auto db = Database::open(*location, Database::OpenFlag::None);
    if (!db) {
        out << db.error().message << Qt::endl;
        return 1;
    }
    // The demo's "now" is its newest interaction: periods end there.
    QSqlQuery q((*db)->connection());
    q.exec(QStringLiteral("SELECT max(occurred_at) FROM interactions"));
    q.next();
    const QDate today = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong()).date();
    FixedClock clock(QDateTime(today, QTime(18, 0)).toUTC());
    out << "database: " << location->displayName() << ", today = " << today.toString(Qt::ISODate) << Qt::endl;

    if ((*db)->isPostgres()) {
        q.exec(QStringLiteral("SELECT pg_backend_pid()"));
        if (q.next())
            g_serverPid = q.value(0).toLongLong();
        if (serverCpuMs() < 0)
            g_serverPid = 0;
        out << "server process CPU time: " << (g_serverPid > 0 ? "measured" : "not readable") << Qt::endl;
    }

    QList<qint64> users, clients;
    // The account manager who logged the most (the rollup knows at once; opening migrated the database to v10).
    q.exec(QStringLiteral("SELECT user_id FROM interaction_rollup WHERE user_id <> 0 GROUP BY user_id "
                          "ORDER BY sum(n) DESC, user_id LIMIT 1"));
    while (q.next())
        users << q.value(0).toLongLong();
    q.exec(QStringLiteral("SELECT client_id FROM campaigns WHERE client_id IS NOT NULL GROUP BY client_id "
                          "ORDER BY count(*) DESC LIMIT 1"));
    while (q.next())
        clients << q.value(0).toLongLong();
    q.finish();

    using P = DashboardFilter::Period;
    const QList<QPair<QString, DashboardFilter>> cases = [&] {
        QList<QPair<QString, DashboardFilter>> list;
        list << qMakePair(QStringLiteral("load: this week"), DashboardFilter::forPeriod(P::ThisWeek, today));
        list << qMakePair(QStringLiteral("load: last 30 days"), DashboardFilter::forPeriod(P::Last30Days, today));
        list << qMakePair(QStringLiteral("load: this quarter"), DashboardFilter::forPeriod(P::ThisQuarter, today));
        list << qMakePair(QStringLiteral("load: last 12 months"), DashboardFilter::forPeriod(P::Last12Months, today));
        DashboardFilter f = DashboardFilter::forPeriod(P::Last12Months, today);
        f.userId = users.value(0);
        list << qMakePair(QStringLiteral("load: 12 months, one account manager"), f);
        f.userId = 0;
        f.clientId = clients.value(0);
        list << qMakePair(QStringLiteral("load: 12 months, one client"), f);
        return list;
    }();
    // Each case from the rollups (what the Dashboard does), from the daily rollups alone (schema v10's reads,
    // the baseline of the monthly ones), then from the raw rows alone (the direct queries before schema v10, with
    // v10's indexes); all must give the same figures.
    const bool rows = !qEnvironmentVariableIsSet("BENCH_DASHBOARD_NO_ROWS");
    for (const auto &[name, filter] : cases) {
        for (auto source :
            { DashboardQuery::Source::Rollups, DashboardQuery::Source::DailyRollups, DashboardQuery::Source::Rows }) {
            const bool fromRollups = source == DashboardQuery::Source::Rollups;
            if (source == DashboardQuery::Source::Rows && !rows)
                continue;
            qint64 interactions = 0;
            DashboardData data;
            QList<double> cpu, server;
            const auto samples = timeIt(
                source != DashboardQuery::Source::Rows ? runs : qMin(runs, 3),
                [&, f = filter] {
                    auto d = DashboardQuery::load(**db, f, source);
                    interactions = d ? d->kpis.interactions : -1;
                    if (d)
                        data = *d;
                    return bool(d);
                },
                &cpu, &server);
            static DashboardData fromRollupsData;
            if (fromRollups)
                fromRollupsData = data;
            else if (data.kpis.interactions != fromRollupsData.kpis.interactions
                || data.inbound != fromRollupsData.inbound || data.funnel != fromRollupsData.funnel
                || data.coverage != fromRollupsData.coverage || data.pitched != fromRollupsData.pitched
                || data.mentions != fromRollupsData.mentions || data.kpis.pitchesSent != fromRollupsData.kpis.pitchesSent
                || data.previousKpis.interactions != fromRollupsData.previousKpis.interactions
                || data.positive != fromRollupsData.positive || data.team.size() != fromRollupsData.team.size())
                out << "  !! these give other figures than the rollups" << Qt::endl;
            const QString label = name
                + QStringLiteral(" (%1)%2").arg(interactions).arg(fromRollups ? QString()
                        : source == DashboardQuery::Source::Rows              ? QStringLiteral(", raw rows")
                                                                              : QStringLiteral(", daily rollups only"));
            Bench::print(out, label, Bench::summarize(samples));
            Bench::print(out, QStringLiteral("  thread CPU"), Bench::summarize(cpu));
            if (!server.isEmpty())
                Bench::print(out, QStringLiteral("  server process CPU"), Bench::summarize(server));
        }
    }
    const DashboardFilter month = DashboardFilter::forPeriod(P::Last30Days, today);
    DashboardDrill drill;
    drill.channel = QStringLiteral("email");
    Bench::print(out, QStringLiteral("drill: 30 days of email (1000 rows)"),
        Bench::summarize(timeIt(runs, [&] { return bool(DashboardQuery::drill(**db, month, drill)); })));

    QTemporaryDir dir;
    ReportWriter::Request request;
    request.clientId = clients.value(0);
    request.from = today.addMonths(-12).addDays(1);
    request.to = today;
    request.agencyName = QStringLiteral("Bench");
    QList<double> reportCpu;
    Bench::print(out, QStringLiteral("report: 12-month client PDF, all on one thread"),
        Bench::summarize(timeIt(
            qMin(runs, 5),
            [&] {
                ReportWriter writer(**db);
                return bool(writer.writeReport(request, dir.filePath(QStringLiteral("report.pdf"))));
            },
            &reportCpu)));
    Bench::print(out, QStringLiteral("  thread CPU"), Bench::summarize(reportCpu));
    // The same report as File → Report… writes it (ReportJob: figures and pages on workers, the charts on this
    // thread one per turn): until written, this (GUI) thread's CPU time, and its longest stall (Heartbeat).
    {
        QList<double> wall, guiCpu, stall;
        for (int i = 0; i < qMin(runs, 5); ++i) {
            ReportJob job((*db)->location());
            QEventLoop loop;
            bool ok = false;
            QObject::connect(&job, &ReportJob::finished, &loop, [&](bool written) {
                ok = written;
                loop.quit();
            });
            Heartbeat beat;
            beat.start();
            QElapsedTimer t;
            const double c0 = threadCpuMs();
            t.start();
            job.start(request, dir.filePath(QStringLiteral("report-job.pdf")));
            loop.exec();
            wall << double(t.nsecsElapsed()) / 1e6;
            guiCpu << threadCpuMs() - c0;
            beat.stop();
            stall << beat.longest();
            if (!ok)
                out << "  !! the report job failed" << Qt::endl;
        }
        Bench::print(out, QStringLiteral("report job (File > Report...): written"), Bench::summarize(wall));
        Bench::print(out, QStringLiteral("  GUI thread CPU"), Bench::summarize(guiCpu));
        Bench::print(out, QStringLiteral("  longest GUI stall"), Bench::summarize(stall));
    }

    // The section in a window (offscreen): first paint after show (the charts say "Computing…" until the
    // worker's result), the result for the last 30 days, then a filter change to twelve months: how long until
    // its result is shown, and the longest stall of the GUI thread meanwhile (Heartbeat: run-queue waits on
    // this loaded machine discounted; the raw gap beside it).
    {
        QList<double> firstPaint, firstPaintCpu, firstResult, change, stall, stallRaw, busy;
        for (int i = 0; i < qMin(runs, 5); ++i) {
            QSettings().remove(QStringLiteral("dashboard"));
            DashboardView view(**db);
            view.resize(1300, 900);
            QElapsedTimer t;
            const double c0 = threadCpuMs();
            t.start();
            view.show();
            view.repaint();
            firstPaint << double(t.nsecsElapsed()) / 1e6;
            firstPaintCpu << threadCpuMs() - c0;
            const auto waitForResult = [&view] {
                QEventLoop loop;
                QObject::connect(&view, &DashboardView::updated, &loop, &QEventLoop::quit);
                QObject::connect(&view, &DashboardView::errorOccurred, &loop, &QEventLoop::quit);
                QTimer::singleShot(60000, &loop, &QEventLoop::quit);
                if (view.isComputing())
                    loop.exec();
            };
            waitForResult();
            firstResult << double(t.nsecsElapsed()) / 1e6;
            Heartbeat beat;
            beat.start();
            t.restart();
            // As a user does: the period box set to twelve months (the bar emits, the section recomputes).
            auto *period = view.filterBar()->findChild<QComboBox *>(QStringLiteral("periodComboBox"));
            period->setCurrentIndex(period->findData(int(P::Last12Months)));
            waitForResult();
            change << double(t.nsecsElapsed()) / 1e6;
            beat.stop();
            stall << beat.longest();
            stallRaw << beat.longestRaw();
            busy << beat.longestBusy();
        }
        Bench::print(out, QStringLiteral("section: first paint after show"), Bench::summarize(firstPaint));
        Bench::print(out, QStringLiteral("  thread CPU"), Bench::summarize(firstPaintCpu));
        Bench::print(out, QStringLiteral("section: first result shown (30 days)"), Bench::summarize(firstResult));
        Bench::print(out, QStringLiteral("section: filter -> 12 months, result shown"), Bench::summarize(change));
        Bench::print(out, QStringLiteral("  longest GUI stall (run-queue waits discounted)"), Bench::summarize(stall));
        Bench::print(out, QStringLiteral("  longest GUI stall (raw)"), Bench::summarize(stallRaw));
        Bench::print(out, QStringLiteral("  longest GUI step (thread CPU between two ticks)"), Bench::summarize(busy));
    }
    // Each chart's part of that: its model given the twelve months' result after the 30 days' one, the queued
    // updates handled and the section repainted, in the GUI thread's CPU time (what one step of the section's
    // applying costs; the KPI tiles are the first row).
    {
        QSettings().remove(QStringLiteral("dashboard"));
        DashboardView view(**db);
        view.resize(1300, 900);
        view.show();
        {
            QEventLoop loop;
            QObject::connect(&view, &DashboardView::updated, &loop, &QEventLoop::quit);
            QTimer::singleShot(60000, &loop, &QEventLoop::quit);
            if (view.isComputing())
                loop.exec();
        }
        auto month30 = DashboardQuery::load(**db, DashboardFilter::forPeriod(P::Last30Days, today));
        auto year = DashboardQuery::load(**db, DashboardFilter::forPeriod(P::Last12Months, today));
        if (!month30 || !year) {
            out << "  !! the dashboard could not be computed" << Qt::endl;
            return 1;
        }
        QList<ChartTableModel *> models { view.kpiTiles()->model() };
        QStringList names { QStringLiteral("KPI tiles") };
        for (ChartPanel *panel : view.panels()) {
            models << panel->model();
            names << DashboardChart::title(panel->kind());
        }
        for (int m = 0; m < models.size(); ++m) {
            QList<double> cpu;
            for (int i = 0; i < qMin(runs, 5); ++i) {
                models.at(m)->setResult(*month30);
                QCoreApplication::processEvents();
                view.repaint();
                cpu << applyAndPaint(view, models.at(m), *year);
            }
            Bench::print(out, QStringLiteral("  apply 12 months: ") + names.at(m), Bench::summarize(cpu));
        }
    }

    // The raw baseline: the heaviest GROUP BY with the sqlite3 C API, no Qt.
    if (!location->isPostgres()) {
        sqlite3 *raw = nullptr;
        if (sqlite3_open_v2(location->path.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            const DashboardFilter year = DashboardFilter::forPeriod(P::Last12Months, today);
            const QByteArray sql
                = QStringLiteral("SELECT occurred_at / 86400000, channel, direction, count(*) FROM interactions "
                                 "WHERE deleted_at IS NULL AND contact_id IS NOT NULL AND occurred_at >= %1 "
                                 "AND occurred_at < %2 GROUP BY 1, 2, 3")
                      .arg(year.fromMs())
                      .arg(year.toMs())
                      .toUtf8();
            const auto samples = timeIt(runs, [&] {
                sqlite3_stmt *st = nullptr;
                if (sqlite3_prepare_v2(raw, sql.constData(), -1, &st, nullptr) != SQLITE_OK)
                    return false;
                while (sqlite3_step(st) == SQLITE_ROW) { }
                sqlite3_finalize(st);
                return true;
            });
            Bench::print(
                out, QStringLiteral("raw sqlite3: 12 months day x channel x direction"), Bench::summarize(samples));
            sqlite3_close(raw);
        }
    }
    return 0;
}
