// The team load test at full size (issue 14): 10 client processes × 1,000 random edits, trashes, restores and
// logged conversations against one PostgreSQL database, checked as tst_teamload checks its smaller run
// (tests/support/teamload.h). Prints the counts, the wall-clock time and the changes per second; fails on any
// lost update or unaccounted change.
//   RAPPORT_TEST_PG_URL=postgresql://… bench_teamload [CLIENTS OPS CONTACTS]   (or tests/bench/with-postgres.sh)
#include "storage/database.h"
#include "storage/userrepository.h"
#include "teamload.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int clients = args.size() > 1 ? args.at(1).toInt() : 10;
    const int ops = args.size() > 2 ? args.at(2).toInt() : 1000;
    const int contacts = args.size() > 3 ? args.at(3).toInt() : 200;
    QTextStream out(stdout);
    Result<DatabaseLocation> location = TestDatabase::freshLocation(QStringLiteral("postgres"));
    if (!location) {
        out << "bench_teamload: " << location.error().message << " (set RAPPORT_TEST_PG_URL)" << Qt::endl;
        return 2;
    }
    Result<std::unique_ptr<Database>> db = Database::open(*location);
    if (!db || !UserRepository(**db).signIn()) {
        out << "bench_teamload: cannot open the database" << Qt::endl;
        return 2;
    }
    const TeamLoad::Report r = TeamLoad::run(**db, *location, QStringLiteral(TEAMLOAD_WORKER), clients, ops, contacts, 1407);
    const int total = r.edits + r.conflicts + r.trashes + r.restores + r.logs + r.refusedLogs;
    out << clients << " clients x " << ops << " changes on " << contacts << " contacts: " << total << " done in "
        << r.elapsedMs << " ms (" << (r.elapsedMs > 0 ? total * 1000 / r.elapsedMs : 0) << " per second)\n"
        << "  edits accepted " << r.edits << ", refused as conflicts " << r.conflicts << ", trashes " << r.trashes
        << ", restores " << r.restores << ", logged conversations " << r.logs << " (refused in the trash "
        << r.refusedLogs << ")\n";
    if (!r.problems.isEmpty()) {
        out << r.problems.size() << " problems:\n";
        for (const QString &p : r.problems.mid(0, 20))
            out << "  " << p << '\n';
        return 1;
    }
    out << "  no lost update; the audit log accounts for every change; the watching client's list equalled the "
           "database "
        << r.viewCaughtUpMs << " ms after the last client exited" << Qt::endl;
    return 0;
}
