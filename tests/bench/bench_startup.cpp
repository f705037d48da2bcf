// Start-up to first paint of the contact list, the real binary as a user starts it: runs
// `rapport --db DB --benchmark-startup` N times in a child process, and as many times the bare baseline
// (bench_bare_window: a QMainWindow + QTableView on a QSqlQueryModel over one page of contacts of the same
// database), interleaved, after one untimed warm-up run of each so that both find the page cache warm.
//
// Both programs start their clock at main() and print `first-paint-ms N` and `peak-rss-kib N` (VmHWM) when
// their table first painted, then quit. Process creation and dynamic loading before main() are not in that
// figure, so the wall time from QProcess::start() to the child's exit is reported as well.
//
// The children get the platform of this environment: run it under `xvfb-run -a` for a real X server, or
// with QT_QPA_PLATFORM=offscreen. They get a private, empty XDG_CONFIG_HOME, so no saved window geometry or
// setting of the developer's is read or written.
//
//   xvfb-run -a build/dev/tests/bench/bench_startup --db /tmp/large.sqlite [--runs 7]
//   QT_QPA_PLATFORM=offscreen bench_startup --db postgresql://user@127.0.0.1:PORT/db [--no-bare]
//   options: --bare-db DB (baseline on another database), --rapport BIN, --bare BIN
#include "benchutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTextStream>

namespace {

struct Sample
{
    double firstPaintMs = 0;
    double wallMs = 0;
    double peakRssMiB = 0;
};

struct Series
{
    QList<double> firstPaint, wall, rss;
    void add(const Sample &s)
    {
        firstPaint << s.firstPaintMs;
        wall << s.wallMs;
        rss << s.peakRssMiB;
    }
};

// Runs one child to completion; false (with the reason in *error) if it failed or printed no figures.
bool runOnce(const QString &program, const QStringList &args, const QProcessEnvironment &env, Sample *sample,
             QString *error)
{
    QProcess p;
    p.setProcessEnvironment(env);
    QElapsedTimer wall;
    wall.start();
    p.start(program, args);
    if (!p.waitForStarted(30000)) {
        *error = p.errorString();
        return false;
    }
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        *error = QStringLiteral("no first paint within 120 s");
        return false;
    }
    sample->wallMs = wall.nsecsElapsed() / 1e6;
    const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
    bool paint = false, rss = false;
    for (const QString &line : out.split(u'\n')) {
        const QStringList f = line.split(u' ', Qt::SkipEmptyParts);
        if (f.size() != 2)
            continue;
        if (f.at(0) == u"first-paint-ms")
            sample->firstPaintMs = f.at(1).toDouble(&paint);
        else if (f.at(0) == u"peak-rss-kib")
            sample->peakRssMiB = f.at(1).toDouble(&rss) / 1024;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0 || !paint || !rss) {
        *error = QStringLiteral("exit code %1; stdout: %2; stderr: %3")
                     .arg(p.exitCode())
                     .arg(out.trimmed(), QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
        return false;
    }
    return true;
}

void printMiB(QTextStream &out, const QString &name, const Bench::Summary &s)
{
    out << QStringLiteral("%1  median %2 MiB  p95 %3 MiB  max %4 MiB")
               .arg(name, -44)
               .arg(s.median, 0, 'f', 1)
               .arg(s.p95, 0, 'f', 1)
               .arg(s.max, 0, 'f', 1)
        << Qt::endl;
}

QJsonObject toJson(const Bench::Summary &s)
{
    return { { QStringLiteral("median"), s.median }, { QStringLiteral("p95"), s.p95 }, { QStringLiteral("max"), s.max } };
}

QString value(const QStringList &args, const QString &option, const QString &fallback = {})
{
    const qsizetype at = args.indexOf(option);
    return at > 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = QCoreApplication::arguments();
    const QString db = value(args, QStringLiteral("--db"));
    const QString bareDb = value(args, QStringLiteral("--bare-db"), db);
    const int runs = value(args, QStringLiteral("--runs"), QStringLiteral("7")).toInt();
    const QString rapport = value(args, QStringLiteral("--rapport"), QStringLiteral(RAPPORT_BINARY));
    const QString bare = value(args, QStringLiteral("--bare"), QStringLiteral(BARE_WINDOW_BINARY));
    const bool withBare = !args.contains(QStringLiteral("--no-bare"));
    if (db.isEmpty() || runs < 1) {
        QTextStream(stderr) << "usage: bench_startup --db PATH-or-URL [--runs N] [--no-bare] [--bare-db PATH-or-URL] "
                               "[--rapport BIN] [--bare BIN]\n";
        return 2;
    }

    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QDir(home.path()).mkdir(QStringLiteral("config"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    if (!env.contains(QStringLiteral("XDG_RUNTIME_DIR"))) {
        QDir(home.path()).mkdir(QStringLiteral("run"));
        QFile::setPermissions(home.filePath(QStringLiteral("run")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
    }
    const QString platform = env.contains(QStringLiteral("QT_QPA_PLATFORM"))
        ? env.value(QStringLiteral("QT_QPA_PLATFORM"))
        : QStringLiteral("default (DISPLAY=%1)").arg(env.value(QStringLiteral("DISPLAY"), QStringLiteral("unset")));
    out << "platform: " << platform << "; runs: " << runs << " each, interleaved, after one warm-up each" << Qt::endl;

    const QStringList rapportArgs { QStringLiteral("--db"), db, QStringLiteral("--benchmark-startup") };
    const QStringList bareArgs { QStringLiteral("--db"), bareDb };
    Series r, b;
    for (int i = -1; i < runs; ++i) { // -1: the warm-up
        Sample s;
        QString error;
        if (!runOnce(rapport, rapportArgs, env, &s, &error)) {
            QTextStream(stderr) << "bench_startup: rapport failed: " << error << Qt::endl;
            return 1;
        }
        if (i >= 0)
            r.add(s);
        if (withBare) {
            if (!runOnce(bare, bareArgs, env, &s, &error)) {
                QTextStream(stderr) << "bench_startup: bench_bare_window failed: " << error << Qt::endl;
                return 1;
            }
            if (i >= 0)
                b.add(s);
        }
    }

    const Bench::Summary rPaint = Bench::summarize(r.firstPaint), rWall = Bench::summarize(r.wall),
                         rRss = Bench::summarize(r.rss);
    Bench::print(out, QStringLiteral("Rapport first paint (since main)"), rPaint);
    Bench::print(out, QStringLiteral("Rapport wall (start to exit)"), rWall);
    printMiB(out, QStringLiteral("Rapport peak RSS at first paint"), rRss);
    QJsonObject json { { QStringLiteral("bench"), QStringLiteral("startup") }, { QStringLiteral("db"), db },
        { QStringLiteral("platform"), platform }, { QStringLiteral("runs"), runs },
        { QStringLiteral("rapport_first_paint_ms"), toJson(rPaint) }, { QStringLiteral("rapport_wall_ms"), toJson(rWall) },
        { QStringLiteral("rapport_peak_rss_mib"), toJson(rRss) } };
    if (withBare) {
        const Bench::Summary bPaint = Bench::summarize(b.firstPaint), bWall = Bench::summarize(b.wall),
                             bRss = Bench::summarize(b.rss);
        Bench::print(out, QStringLiteral("bare window first paint (since main)"), bPaint);
        Bench::print(out, QStringLiteral("bare window wall (start to exit)"), bWall);
        printMiB(out, QStringLiteral("bare window peak RSS at first paint"), bRss);
        auto ratio = [](double a, double b) { return a / qMax(b, 0.001); };
        out << QStringLiteral("ratio Rapport / bare: first paint median %1, p95 %2; wall median %3, p95 %4; "
                              "peak RSS median %5")
                   .arg(ratio(rPaint.median, bPaint.median), 0, 'f', 2)
                   .arg(ratio(rPaint.p95, bPaint.p95), 0, 'f', 2)
                   .arg(ratio(rWall.median, bWall.median), 0, 'f', 2)
                   .arg(ratio(rWall.p95, bWall.p95), 0, 'f', 2)
                   .arg(ratio(rRss.median, bRss.median), 0, 'f', 2)
            << Qt::endl;
        json.insert(QStringLiteral("bare_db"), bareDb);
        json.insert(QStringLiteral("bare_first_paint_ms"), toJson(bPaint));
        json.insert(QStringLiteral("bare_wall_ms"), toJson(bWall));
        json.insert(QStringLiteral("bare_peak_rss_mib"), toJson(bRss));
        json.insert(QStringLiteral("ratio_first_paint_median"), ratio(rPaint.median, bPaint.median));
        json.insert(QStringLiteral("ratio_first_paint_p95"), ratio(rPaint.p95, bPaint.p95));
        json.insert(QStringLiteral("ratio_wall_median"), ratio(rWall.median, bWall.median));
        json.insert(QStringLiteral("ratio_peak_rss_median"), ratio(rRss.median, bRss.median));
    }
    out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) << Qt::endl;
    return 0;
}
