// bench_export: exporting 100,000 contacts as Rapport CSV and as vCard 4.0 from SQLite (issue 13: within 3 s each).
// The contacts are made as bench_import makes them (a deterministic Google CSV imported into a fresh database,
// not timed), then each export runs three times through ExportRepository and ExportFile into a file, and the
// median wall and CPU time is reported beside the floor of the same run: `sqlite3` writing the contacts table
// alone as CSV (.mode csv, .once FILE). Usage: bench_export [COUNT]
#include "benchdata.h"
#include "benchutil.h"
#include "interchange/exportfile.h"
#include "interchange/importfile.h"
#include "storage/database.h"
#include "storage/exportrepository.h"
#include "storage/importrepository.h"
#include "storage/userrepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

long peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

struct Timing
{
    qint64 wallMs = 0;
    double cpuMs = 0;
};

Timing median(QList<Timing> runs)
{
    std::sort(runs.begin(), runs.end(), [](const Timing &a, const Timing &b) { return a.wallMs < b.wallMs; });
    return runs.at(runs.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    const QString csv = dir.filePath(u"google.csv"_s);
    BenchData::writeGoogleCsv(csv, count);
    const QString dbPath = dir.filePath(u"export.sqlite"_s);
    auto db = Database::open(DatabaseLocation::sqlite(dbPath), Database::OpenFlag::CreateIfMissing);
    if (!db) {
        out << db.error().message << "\n";
        return 1;
    }
    (void)UserRepository(**db).ensureUser(u"bench"_s, u"Bench"_s);
    {
        Result<ImportFile::Contents> contents = ImportFile::read(csv, {});
        ImportRequest request;
        request.fileName = csv;
        request.format = u"csv"_s;
        request.records = contents->records;
        Result<ImportSummary> summary = ImportRepository(**db).run(request);
        if (!summary || summary->created != count) {
            out << "import failed\n";
            return 1;
        }
    }
    ExportRepository exporter(**db);
    const QList<qint64> ids = *exporter.allContactIds();
    out << "bench_export: " << ids.size() << " contacts (2 emails, 1 phone, 1 website, 1 tag each)\n";

    auto run = [&](const QString &name, const ContactExportOptions &options) {
        QList<Timing> runs;
        qint64 size = 0;
        for (int i = 0; i < 3; ++i) {
            const QString path = dir.filePath(name);
            QElapsedTimer t;
            t.start();
            const double cpu = Bench::threadCpuMs();
            const Status s = ExportFile::write(path, [&](QIODevice &device) -> Status {
                Result<qint64> n = exporter.writeContacts(ids, options, device);
                return n ? Status() : Status(n.error());
            });
            runs.append({ t.elapsed(), Bench::threadCpuMs() - cpu });
            if (!s) {
                out << s.error().message << "\n";
                std::exit(1);
            }
            size = QFile(path).size();
        }
        const Timing m = median(runs);
        out << name << ": median wall " << m.wallMs << " ms, CPU " << qint64(m.cpuMs) << " ms, " << size / 1024
            << " KiB\n";
        return m;
    };
    run(u"contacts.csv"_s, { ExportFormat::Csv, CsvLayout::Rapport, VCardWriter::Version::V40 });
    run(u"contacts-google.csv"_s, { ExportFormat::Csv, CsvLayout::Google, VCardWriter::Version::V40 });
    run(u"contacts.vcf"_s, { ExportFormat::VCard, CsvLayout::Rapport, VCardWriter::Version::V40 });
    run(u"contacts-3.vcf"_s, { ExportFormat::VCard, CsvLayout::Rapport, VCardWriter::Version::V30 });

    // The floor: sqlite3 writing the contacts table alone (no emails, phones, handles or tags) as CSV.
    QList<Timing> plain;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        QProcess sqlite;
        sqlite.start(u"sqlite3"_s, { dbPath });
        sqlite.write(QByteArray(".mode csv\n.once ") + dir.filePath(u"plain.csv"_s).toUtf8()
            + "\nSELECT * FROM contacts;\n");
        sqlite.closeWriteChannel();
        sqlite.waitForFinished(600000);
        plain.append({ t.elapsed(), 0 });
    }
    out << "sqlite3 .mode csv of the contacts table: median wall " << median(plain).wallMs << " ms, "
        << QFile(dir.filePath(u"plain.csv"_s)).size() / 1024 << " KiB\n";
    out << "peak memory: " << peakRssMb() << " MB\n";
    return 0;
}
