// The team load test (issue 14), scaled down for the suite: four client processes × 150 random edits, trashes,
// restores and logged conversations on twelve contacts of one database of tests/run-tests.sh's PostgreSQL, so
// that they collide often. No lost update, the audit log accounts for every change (tests/support/teamload.h).
// The test process watches as a client too (a live contact list), whose final view must equal the database.
// The full size (10 × 1,000) is tests/bench/bench_teamload, with its figures in docs/PERFORMANCE.md.
#include "storage/database.h"
#include "storage/userrepository.h"
#include "teamload.h"
#include "testdatabase.h"

#include <QTest>

class TestTeamLoad final : public QObject
{
    Q_OBJECT

private slots:
    void clientsTogetherLoseNothing()
    {
        Result<DatabaseLocation> location = TestDatabase::freshLocation(QStringLiteral("postgres"));
        if (!location) {
            if (TestDatabase::postgresRequired())
                QFAIL(qPrintable(location.error().message));
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        }
        Result<std::unique_ptr<Database>> db = Database::open(*location);
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        QVERIFY(UserRepository(**db).signIn());
        const TeamLoad::Report r = TeamLoad::run(**db, *location, QStringLiteral(TEAMLOAD_WORKER), 4, 150, 12, 1407);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.mid(0, 10).join(u'\n')));
        // Every operation is accounted for as accepted or refused, and the collisions happened.
        QCOMPARE(r.edits + r.conflicts + r.trashes + r.restores + r.logs + r.refusedLogs, 4 * 150);
        QVERIFY(r.edits > 0 && r.trashes > 0 && r.restores > 0 && r.logs > 0);
        qInfo("%d edits accepted, %d refused as conflicts, %d trashes, %d restores, %d logs (%d refused) in %lld ms; "
              "the watching client's list equalled the database %lld ms after the last client exited",
            r.edits, r.conflicts, r.trashes, r.restores, r.logs, r.refusedLogs, r.elapsedMs, r.viewCaughtUpMs);
        if (r.conflicts == 0) // timing: the clients may not have overlapped on a busy machine
            qWarning("no edit met another one this time");
    }
};

QTEST_GUILESS_MAIN(TestTeamLoad)
#include "tst_teamload.moc"
