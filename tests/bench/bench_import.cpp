// bench_import: importing 100,000 contacts from a Google Contacts CSV and from a vCard file into a fresh
// SQLite database, streamed as `rapport import` does it, and undoing the 100,000-contact batch (issue 13). Reports
// wall and CPU time of each step (reading apart from merging and storing), the memory resident while importing
// (before, after the first chunk, the most between chunks) and at the peak, and, for the CSV, the
// time `sqlite3 .import` takes to load the same file into a plain table in the same run (the floor for "read a CSV
// into SQLite"); then the time of a backup (VACUUM INTO) of the imported database. Usage: bench_import [COUNT]
// (BENCH_IMPORT_CSV_ONLY=1: only the CSV import and sqlite3 .import; BENCH_IMPORT_KEEP=1 keeps the files)
#include "benchdata.h"
#include "benchutil.h"
#include "interchange/importfile.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/importrepository.h"
#include "storage/userrepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

// Resident memory now (VmRSS), in MB.
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

long peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

void writeVCards(const QString &path, int count)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    QByteArray chunk;
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        chunk += "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person " + n + ";Zoë;;;\r\nFN:Zoë Person " + n + "\r\nORG:Outlet "
            + QByteArray::number(i % 5000)
            + "\r\nTITLE:Reporter\r\n"
              "EMAIL;TYPE=INTERNET;TYPE=WORK;TYPE=pref:z"
            + n
            + "@outlet.example\r\n"
              "item1.EMAIL;TYPE=INTERNET:z"
            + n
            + "@home.example\r\nitem1.X-ABLabel:Newsletter\r\n"
              "TEL;TYPE=CELL:+46 70 "
            + n + "\r\nCATEGORIES:Beat " + QByteArray::number(i % 40)
            + "\r\n"
              "NOTE:Writes about climate\\, energy\\nand cities\r\nEND:VCARD\r\n";
        if (chunk.size() > (1 << 20)) {
            f.write(chunk);
            chunk.clear();
        }
    }
    f.write(chunk);
}

struct Timing
{
    qint64 wallMs = 0;
    double cpuMs = 0;
};

template <typename F> Timing timed(F &&f)
{
    QElapsedTimer t;
    t.start();
    const double cpu = Bench::threadCpuMs();
    f();
    return { t.elapsed(), Bench::threadCpuMs() - cpu };
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    dir.setAutoRemove(qEnvironmentVariableIsEmpty("BENCH_IMPORT_KEEP")); // keep the files and databases to look at
    if (!dir.autoRemove())
        out << "keeping " << dir.path() << "\n";
    const QString csv = dir.filePath(u"google.csv"_s);
    const QString vcf = dir.filePath(u"contacts.vcf"_s);
    BenchData::writeGoogleCsv(csv, count);
    writeVCards(vcf, count);
    out << "bench_import: " << count << " contacts; CSV " << QFile(csv).size() / 1024 << " KiB, vCard "
        << QFile(vcf).size() / 1024 << " KiB\n";

    auto importInto = [&](const QString &dbPath, const QString &file, ImportFile::Format format, qint64 *batch) {
        auto db = Database::open(DatabaseLocation::sqlite(dbPath), Database::OpenFlag::CreateIfMissing);
        if (!db) {
            out << db.error().message << "\n";
            std::exit(1);
        }
        (void)UserRepository(**db).ensureUser(u"bench"_s, u"Bench"_s);
        ImportFile::Options options;
        options.format = format;
        // Streamed as `rapport import` does it: a chunk of records read, merged and stored before the next is
        // read, in one transaction. Reading is timed inside the stream; merge + store is the rest.
        ImportFile::Reader reader(file, options);
        if (Status s = reader.open(); !s) {
            out << s.error().message << "\n";
            std::exit(1);
        }
        const long rssBefore = rssMb();
        long rssMax = rssBefore;
        long rssAfterFirst = 0;
        QList<long> rssByChunk; // before each chunk is read, i.e. after the one before was stored
        Timing read;
        ImportStream stream = ImportStream::of(reader);
        ImportStream timedStream { [&](int max) {
                                      rssByChunk.append(rssMb());
                                      rssMax = std::max(rssMax, rssByChunk.last());
                                      Result<QList<ImportRecord>> chunk = Error {};
                                      const Timing t = timed([&] { chunk = stream.next(max); });
                                      read.wallMs += t.wallMs;
                                      read.cpuMs += t.cpuMs;
                                      if (rssAfterFirst == 0)
                                          rssAfterFirst = rssMb();
                                      return chunk;
                                  },
            stream.expectedTotal };
        ImportRequest request;
        request.fileName = file;
        request.format = ImportFile::formatKey(format);
        Result<ImportSummary> summary = Error {};
        const Timing whole = timed([&] { summary = ImportRepository(**db).run(request, timedStream); });
        rssMax = std::max(rssMax, rssMb());
        out << "  read " << read.wallMs << " ms (CPU " << qint64(read.cpuMs) << "), merge + store "
            << whole.wallMs - read.wallMs << " ms (CPU " << qint64(whole.cpuMs - read.cpuMs) << "); resident "
            << rssBefore << " MB before, " << rssAfterFirst << " MB after the first chunk, at most " << rssMax
            << " MB while importing a " << QFile(file).size() / (1024 * 1024) << " MB file, after the end " << rssMb()
            << " MB\n  resident before every 4th chunk (MB):";
        for (qsizetype i = 0; i < rssByChunk.size(); i += 4)
            out << ' ' << rssByChunk.at(i);
        out << "\n";
        if (!summary || summary->created != count) {
            out << (summary ? u"created %1"_s.arg(summary->created) : summary.error().message) << "\n";
            std::exit(1);
        }
        *batch = summary->batchId;
    };

    qint64 batch = 0;
    const QString csvDb = dir.filePath(u"csv.sqlite"_s);
    const Timing csvTime = timed([&] { importInto(csvDb, csv, ImportFile::Format::Csv, &batch); });
    out << "import Google CSV:   wall " << csvTime.wallMs << " ms, CPU " << qint64(csvTime.cpuMs) << " ms\n";

    // sqlite3 .import of the same file into a plain table (header row as column names), same machine, same run.
    QElapsedTimer t;
    t.start();
    QProcess sqlite;
    sqlite.start(u"sqlite3"_s, { dir.filePath(u"plain.sqlite"_s) });
    sqlite.write(QByteArray(".mode csv\n.import ") + csv.toUtf8() + " google\nSELECT count(*) FROM google;\n");
    sqlite.closeWriteChannel();
    sqlite.waitForFinished(600000);
    const qint64 plain = t.elapsed();
    out << "sqlite3 .import:     wall " << plain << " ms (" << sqlite.readAllStandardOutput().trimmed()
        << " rows); ratio " << QString::number(double(csvTime.wallMs) / double(qMax<qint64>(plain, 1)), 'f', 1)
        << "x\n";

    if (!qEnvironmentVariableIsEmpty("BENCH_IMPORT_CSV_ONLY")) // while trying changes to the CSV import
        return 0;

    // A backup of the database the CSV import wrote (File → Back Up Database…, `rapport backup`): VACUUM INTO.
    {
        auto db = Database::open(DatabaseLocation::sqlite(csvDb));
        Result<BackupSummary> written = Error {};
        const Timing backup = timed([&] { written = DatabaseBackup::write(**db, dir.filePath(u"backup.sqlite"_s)); });
        out << "backup (VACUUM INTO): wall " << backup.wallMs << " ms, CPU " << qint64(backup.cpuMs) << " ms, "
            << (written ? written->sizeBytes / (1024 * 1024) : -1) << " MB\n";
    }

    qint64 vcardBatch = 0;
    const Timing vcardTime
        = timed([&] { importInto(dir.filePath(u"vcard.sqlite"_s), vcf, ImportFile::Format::VCard, &vcardBatch); });
    out << "import vCard 3.0:    wall " << vcardTime.wallMs << " ms, CPU " << qint64(vcardTime.cpuMs) << " ms\n";

    const Timing undoTime = timed([&] {
        auto db = Database::open(DatabaseLocation::sqlite(csvDb));
        auto report = ImportRepository(**db).undo(batch);
        if (!report || report->removed != count) {
            out << (report ? u"removed %1"_s.arg(report->removed) : report.error().message) << "\n";
            std::exit(1);
        }
    });
    out << "undo the CSV batch:  wall " << undoTime.wallMs << " ms, CPU " << qint64(undoTime.cpuMs) << " ms\n";
    out << "peak memory: " << peakRssMb() << " MB\n";
    return 0;
}
