#include "storage/database.h"
#include "storage/softdelete.h"
#include "storage/versionedwrite.h"
#include "testdatabase.h"

#include <QSqlQuery>

// VersionedWrite on both backends, through a bare entity on the organizations table: what a create and an
// update write (times, user, version, audit entry), the conflict on a stale version or a trashed row
// (reported with the caller's message, nothing written), and rollback when a step fails.
namespace {

struct Row
{
    qint64 id = 0;
    int version = 0;
    QDateTime createdAt, updatedAt;
    QString name;
};

VersionedWrite::Write write(const Row &r)
{
    VersionedWrite::Write w;
    w.table = QStringLiteral("organizations");
    w.columns = QStringLiteral("name, kind");
    w.bind = [&r](QSqlQuery &q) {
        q.bindValue(QStringLiteral(":name"), r.name);
        q.bindValue(QStringLiteral(":kind"), QStringLiteral("online"));
    };
    w.auditEntity = QStringLiteral("organization");
    w.auditDetails = r.name;
    w.doing = QStringLiteral("saving the row");
    w.conflict = QStringLiteral("Someone else changed %1.").arg(r.name);
    return w;
}

QVariant value(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

int auditCount(Database &db, qint64 id, const QString &action)
{
    return value(db,
        QStringLiteral(
            "SELECT count(*) FROM audit_log WHERE entity = 'organization' AND entity_id = %1 AND action = '%2'")
            .arg(id)
            .arg(action))
        .toInt();
}

qint64 userId(Database &db)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("INSERT INTO users (name, login, created_at, updated_at) VALUES ('Ann', 'ann', 0, 0)"));
    return value(db, QStringLiteral("SELECT id FROM users WHERE login = 'ann'")).toLongLong();
}

} // namespace

class TestVersionedWrite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createAndUpdate_data() { TestDatabase::addBackends(); }
    void createAndUpdate()
    {
        OPEN_TEST_DATABASE(db);
        db->setCurrentUserId(userId(*db));
        Row r;
        r.name = QStringLiteral("Daily Planet");
        QVERIFY(VersionedWrite::create(*db, r, write(r)).ok());
        QVERIFY(r.id > 0);
        QCOMPARE(r.version, 1);
        QVERIFY(r.createdAt.isValid());
        QCOMPARE(r.updatedAt, r.createdAt);
        const QString row = QStringLiteral(" FROM organizations WHERE id = %1").arg(r.id);
        QCOMPARE(value(*db, QStringLiteral("SELECT name") + row).toString(), r.name);
        QCOMPARE(value(*db, QStringLiteral("SELECT version") + row).toInt(), 1);
        QCOMPARE(value(*db, QStringLiteral("SELECT updated_by") + row).toLongLong(), db->currentUserId());
        QCOMPARE(value(*db, QStringLiteral("SELECT created_at") + row).toLongLong(), r.createdAt.toMSecsSinceEpoch());
        QCOMPARE(auditCount(*db, r.id, QStringLiteral("create")), 1);

        r.name = QStringLiteral("The Daily Planet");
        QVERIFY(VersionedWrite::update(*db, r, write(r)).ok());
        QCOMPARE(r.version, 2);
        QCOMPARE(value(*db, QStringLiteral("SELECT name") + row).toString(), r.name);
        QCOMPARE(value(*db, QStringLiteral("SELECT version") + row).toInt(), 2);
        QCOMPARE(value(*db, QStringLiteral("SELECT updated_at") + row).toLongLong(), r.updatedAt.toMSecsSinceEpoch());
        QCOMPARE(auditCount(*db, r.id, QStringLiteral("update")), 1);
    }

    void staleVersionIsAConflict_data() { TestDatabase::addBackends(); }
    void staleVersionIsAConflict()
    {
        OPEN_TEST_DATABASE(db);
        Row mine;
        mine.name = QStringLiteral("Mine");
        QVERIFY(VersionedWrite::create(*db, mine, write(mine)).ok());
        Row theirs = mine;
        theirs.name = QStringLiteral("Theirs");
        QVERIFY(VersionedWrite::update(*db, theirs, write(theirs)).ok());

        mine.name = QStringLiteral("Mine again");
        const Status s = VersionedWrite::update(*db, mine, write(mine));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Conflict);
        QCOMPARE(s.error().message, QStringLiteral("Someone else changed Mine again."));
        QCOMPARE(mine.version, 1); // untouched
        QCOMPARE(value(*db, QStringLiteral("SELECT name FROM organizations WHERE id = %1").arg(mine.id)).toString(),
            QStringLiteral("Theirs"));
        QCOMPARE(auditCount(*db, mine.id, QStringLiteral("update")), 1); // theirs only
    }

    void trashedRowIsAConflictWhenLiveOnly_data() { TestDatabase::addBackends(); }
    void trashedRowIsAConflictWhenLiveOnly()
    {
        OPEN_TEST_DATABASE(db);
        Row r;
        r.name = QStringLiteral("Gone");
        QVERIFY(VersionedWrite::create(*db, r, write(r)).ok());
        const SoftDelete::Entity entity { QStringLiteral("organizations"), QStringLiteral("organization"),
            QStringLiteral("trashing"), QStringLiteral("restoring"), QStringLiteral("not found") };
        QVERIFY(SoftDelete::setTrashed(*db, entity, r.id, true).ok());
        r.version = 2; // as the trash left it

        VersionedWrite::Write live = write(r);
        live.liveOnly = true;
        const Status s = VersionedWrite::update(*db, r, live);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Conflict);
        QVERIFY(VersionedWrite::update(*db, r, write(r)).ok()); // without liveOnly the trash is no obstacle
        QCOMPARE(r.version, 3);
    }

    void failingStepRollsBack_data() { TestDatabase::addBackends(); }
    void failingStepRollsBack()
    {
        OPEN_TEST_DATABASE(db);
        Row r;
        r.name = QStringLiteral("Never");
        VersionedWrite::Write w = write(r);
        qint64 seenId = 0;
        w.after = [&]() -> Status {
            seenId = r.id; // the new row's id is known to the steps
            return Error { QStringLiteral("child failed"), Error::Code::Storage };
        };
        const Status s = VersionedWrite::create(*db, r, w);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().message, QStringLiteral("child failed"));
        QVERIFY(seenId > 0);
        QCOMPARE(value(*db, QStringLiteral("SELECT count(*) FROM organizations")).toInt(), 0);
        QCOMPARE(value(*db, QStringLiteral("SELECT count(*) FROM audit_log")).toInt(), 0);

        Row kept;
        kept.name = QStringLiteral("Kept");
        QVERIFY(VersionedWrite::create(*db, kept, write(kept)).ok());
        kept.name = QStringLiteral("Renamed");
        VersionedWrite::Write u = write(kept);
        u.before = [] { return Status(Error { QStringLiteral("not now"), Error::Code::Validation }); };
        QCOMPARE(VersionedWrite::update(*db, kept, u).error().message, QStringLiteral("not now"));
        QCOMPARE(kept.version, 1);
        QCOMPARE(value(*db, QStringLiteral("SELECT name FROM organizations WHERE id = %1").arg(kept.id)).toString(),
            QStringLiteral("Kept"));
    }

    void createInTransactionUsesTheCallersTransaction_data() { TestDatabase::addBackends(); }
    void createInTransactionUsesTheCallersTransaction()
    {
        OPEN_TEST_DATABASE(db);
        Row a, b;
        a.name = QStringLiteral("A");
        b.name = QStringLiteral("B");
        {
            Transaction tx(*db);
            QVERIFY(tx.status().ok());
            QVERIFY(VersionedWrite::createInTransaction(*db, a, write(a)).ok());
            QVERIFY(VersionedWrite::createInTransaction(*db, b, write(b)).ok());
            QCOMPARE(b.version, 1);
        } // rolled back
        QCOMPARE(value(*db, QStringLiteral("SELECT count(*) FROM organizations")).toInt(), 0);
        {
            Transaction tx(*db);
            QVERIFY(VersionedWrite::createInTransaction(*db, a, write(a)).ok());
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(value(*db, QStringLiteral("SELECT count(*) FROM organizations")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestVersionedWrite)
#include "tst_versionedwrite.moc"
