// bench_import_wizard: a file imported through File → Import…'s own code path, the real ImportWizard driven page
// by page (offscreen) into a fresh SQLite database, for the memory of an import of any size (issue 13: a 1 GB
// file must not need 1 GB). The preview reads the first rows, the run streams the rest as `rapport import` does.
// Prints the counts, the wall time, the resident memory sampled every 0.5 s while the wizard works and the
// peak. Run it under `/usr/bin/time -v` for the process's own peak. Usage: bench_import_wizard FILE DB
#include "import/importwizard.h"
#include "itemmodels/importpreviewmodel.h"
#include "storage/database.h"
#include "storage/userrepository.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPointer>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

long rssMb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong() / 1024;
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc < 3) {
        out << "usage: bench_import_wizard FILE DB\n";
        return 2;
    }
    const QString file = QString::fromLocal8Bit(argv[1]);
    auto db = Database::open(
        DatabaseLocation::sqlite(QString::fromLocal8Bit(argv[2])), Database::OpenFlag::CreateIfMissing);
    if (!db) {
        out << db.error().message << "\n";
        return 1;
    }
    (void)UserRepository(**db).ensureUser(u"bench"_s, u"Bench"_s);

    // Deleted on close (as in the window), which quitting does.
    QPointer<ImportWizard> wizardPointer = new ImportWizard(**db);
    ImportWizard &wizard = *wizardPointer;
    wizard.setFile(file);
    wizard.show();
    ImportSummary s;
    int previewRows = 0;
    QElapsedTimer t;
    t.start();
    QList<long> samples;
    long peak = 0;
    int lastPage = -1;
    QTimer poll;
    poll.setInterval(500);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        const long rss = rssMb();
        samples.append(rss);
        peak = std::max(peak, rss);
        if (wizard.currentId() != lastPage) {
            lastPage = wizard.currentId();
            out << "  " << t.elapsed() << " ms: page " << lastPage << ", resident " << rss << " MB\n";
            out.flush();
        }
        if (!wizard.currentPage() || !wizard.currentPage()->isComplete())
            return;
        if (wizard.currentId() == ImportWizard::RunPage) {
            s = wizard.session().summary;
            previewRows = wizard.session().preview->rowCount();
            if (s.batchId == 0)
                out << "FAILED: " << wizard.findChild<QLabel *>(u"summaryLabel"_s)->text() << "\n";
            poll.stop();
            app.quit();
            return;
        }
        wizard.next();
    });
    poll.start();
    app.exec();
    out << "bench_import_wizard: " << QFile(file).size() / (1024 * 1024) << " MB file, preview " << previewRows
        << " rows; " << s.created << " created, " << s.merged
        << " merged, " << s.problems << " with problems; " << t.elapsed() << " ms wall\n";
    out << "  resident every 10 s (MB):";
    for (qsizetype i = 0; i < samples.size(); i += 20)
        out << ' ' << samples.at(i);
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    out << "\n  resident at most " << peak << " MB sampled, peak (ru_maxrss) " << usage.ru_maxrss / 1024 << " MB\n";
    return s.batchId == 0 ? 1 : 0;
}
