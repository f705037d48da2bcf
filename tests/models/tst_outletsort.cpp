// Schema v3: contacts.outlet_sort, the live outlet's name the contact list sorts by (docs/PERFORMANCE.md).
// The migration fills it from existing rows; triggers keep it right through every kind of write; a bulk
// load that drops the triggers (the demo generator) recomputes it. On SQLite and PostgreSQL.
#include "demo/demogenerator.h"
#include "storage/contactlistquery.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/duplicaterepository.h"
#include "storage/migrator.h"
#include "storage/organizationrepository.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

namespace {

qint64 insertOrganization(Database &db, const QString &name, bool trashed = false)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO organizations (name, created_at, updated_at, deleted_at) "
                             "VALUES (:name, 1, 1, :deleted) RETURNING id"));
    q.bindValue(QStringLiteral(":name"), name);
    q.bindValue(QStringLiteral(":deleted"), trashed ? QVariant(qint64(5)) : QVariant(QMetaType::fromType<qint64>()));
    if (!q.exec() || !q.next())
        qFatal("inserting an organization failed");
    return q.value(0).toLongLong();
}

qint64 insertContact(Database &db, const QString &name, qint64 organizationId)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO contacts (display_name, organization_id, created_at, updated_at) "
                             "VALUES (:name, :org, 1, 1) RETURNING id"));
    q.bindValue(QStringLiteral(":name"), name);
    q.bindValue(QStringLiteral(":org"), organizationId ? QVariant(organizationId) : QVariant(QMetaType::fromType<qint64>()));
    if (!q.exec() || !q.next())
        qFatal("inserting a contact failed");
    return q.value(0).toLongLong();
}

// outlet_sort of one contact; a null QVariant for NULL.
QVariant outletSort(Database &db, qint64 contactId)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT outlet_sort FROM contacts WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec() || !q.next())
        qFatal("reading outlet_sort failed");
    return q.value(0);
}

// Contacts whose outlet_sort is not their live outlet's name (what the list shows), as "id: have / want".
QStringList mismatches(Database &db)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT c.id, c.outlet_sort, o.name FROM contacts c "
                               "LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL")))
        qFatal("reading contacts failed");
    QStringList out;
    while (q.next())
        if (q.value(1).isNull() != q.value(2).isNull() || q.value(1).toString() != q.value(2).toString())
            out << QStringLiteral("%1: %2 / %3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    return out;
}

} // namespace

class TestOutletSort final : public QObject
{
    Q_OBJECT

private slots:
    void migrationFillsExistingRows_data() { TestDatabase::addBackends(); }
    void migrationFillsExistingRows()
    {
        QFETCH(QString, backend);
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(backend);
        if (!loc && loc.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        QVERIFY(loc);
        auto db = Database::open(*loc, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
        QVERIFY(db);
        QVERIFY(Migrator(**db, Migrator::standardMigrations().mid(0, 2)).migrate());
        QCOMPARE(*(*db)->schemaVersion(), 2);
        const qint64 live = insertOrganization(**db, QStringLiteral("Daily Planet"));
        const qint64 trashed = insertOrganization(**db, QStringLiteral("Old Gazette"), true);
        const qint64 a = insertContact(**db, QStringLiteral("Lois"), live);
        const qint64 b = insertContact(**db, QStringLiteral("Perry"), trashed);
        const qint64 c = insertContact(**db, QStringLiteral("Nobody"), 0);

        Result<MigrationReport> report = Migrator(**db).migrate();
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->toVersion, Migrator::latestVersion());
        QVERIFY(Migrator::latestVersion() >= 3);
        QCOMPARE(outletSort(**db, a).toString(), QStringLiteral("Daily Planet"));
        QVERIFY(outletSort(**db, b).isNull());
        QVERIFY(outletSort(**db, c).isNull());
        QVERIFY2(mismatches(**db).isEmpty(), qPrintable(mismatches(**db).join(u'\n')));
    }

    // Every write that changes what the Outlet column shows changes outlet_sort with it, in the same statement.
    void triggersFollowEveryWrite_data() { TestDatabase::addBackends(); }
    void triggersFollowEveryWrite()
    {
        OPEN_TEST_DATABASE(db);
        OrganizationRepository orgs(*db);
        ContactRepository contacts(*db);
        Organization planet;
        planet.name = QStringLiteral("Daily Planet");
        QVERIFY(orgs.create(planet));
        Organization bugle;
        bugle.name = QStringLiteral("Bugle");
        QVERIFY(orgs.create(bugle));

        Contact lois;
        lois.displayName = QStringLiteral("Lois Lane");
        lois.organizationId = planet.id;
        QVERIFY(contacts.create(lois));
        QCOMPARE(outletSort(*db, lois.id).toString(), QStringLiteral("Daily Planet"));
        Contact jimmy;
        jimmy.displayName = QStringLiteral("Jimmy Olsen");
        QVERIFY(contacts.create(jimmy));
        QVERIFY(outletSort(*db, jimmy.id).isNull());

        // Moving to another outlet, and leaving it.
        lois = *contacts.get(lois.id);
        lois.organizationId = bugle.id;
        QVERIFY(contacts.update(lois));
        QCOMPARE(outletSort(*db, lois.id).toString(), QStringLiteral("Bugle"));
        jimmy = *contacts.get(jimmy.id);
        jimmy.organizationId = planet.id;
        QVERIFY(contacts.update(jimmy));
        QCOMPARE(outletSort(*db, jimmy.id).toString(), QStringLiteral("Daily Planet"));
        jimmy = *contacts.get(jimmy.id);
        jimmy.organizationId = 0;
        QVERIFY(contacts.update(jimmy));
        QVERIFY(outletSort(*db, jimmy.id).isNull());

        // The outlet renamed, trashed, restored.
        bugle = *orgs.get(bugle.id);
        bugle.name = QStringLiteral("The Daily Bugle");
        QVERIFY(orgs.update(bugle));
        QCOMPARE(outletSort(*db, lois.id).toString(), QStringLiteral("The Daily Bugle"));
        QVERIFY(orgs.moveToTrash(bugle.id));
        QVERIFY(outletSort(*db, lois.id).isNull());
        QVERIFY(orgs.restore(bugle.id));
        QCOMPARE(outletSort(*db, lois.id).toString(), QStringLiteral("The Daily Bugle"));
        // Contacts in the trash are kept too (they come back with the right value).
        QVERIFY(contacts.moveToTrash(lois.id));
        bugle = *orgs.get(bugle.id);
        bugle.name = QStringLiteral("Bugle & Co");
        QVERIFY(orgs.update(bugle));
        QVERIFY(contacts.restore(lois.id));
        QCOMPARE(outletSort(*db, lois.id).toString(), QStringLiteral("Bugle & Co"));

        // A contact whose outlet is in the trash gets NULL; moving to a live one fixes it.
        QVERIFY(orgs.moveToTrash(planet.id));
        QVERIFY(insertContact(*db, QStringLiteral("Raw insert"), planet.id) > 0);
        QVERIFY2(mismatches(*db).isEmpty(), qPrintable(mismatches(*db).join(u'\n')));

        // Deleted for good: ON DELETE SET NULL clears the link, and the sort key with it.
        const qint64 gone = insertOrganization(*db, QStringLiteral("Gone Weekly"));
        const qint64 clark = insertContact(*db, QStringLiteral("Clark Kent"), gone);
        QCOMPARE(outletSort(*db, clark).toString(), QStringLiteral("Gone Weekly"));
        QSqlQuery del(db->connection());
        del.prepare(QStringLiteral("DELETE FROM organizations WHERE id = :id"));
        del.bindValue(QStringLiteral(":id"), gone);
        QVERIFY(del.exec());
        QVERIFY(outletSort(*db, clark).isNull());
        QVERIFY2(mismatches(*db).isEmpty(), qPrintable(mismatches(*db).join(u'\n')));
    }

    // A merge moves the other contact's outlet to the kept one when it has none.
    void mergeKeepsOutletSort_data() { TestDatabase::addBackends(); }
    void mergeKeepsOutletSort()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 planet = insertOrganization(*db, QStringLiteral("Daily Planet"));
        ContactRepository contacts(*db);
        Contact keep;
        keep.displayName = QStringLiteral("Lois Lane");
        keep.emails = { { QStringLiteral("work"), QStringLiteral("lois@planet.example") } };
        QVERIFY(contacts.create(keep));
        Contact other;
        other.displayName = QStringLiteral("Lois Lane");
        other.organizationId = planet;
        QVERIFY(contacts.create(other));
        Result<MergeRecord> merged = DuplicateRepository(*db).merge(keep.id, other.id);
        QVERIFY2(merged, qPrintable(merged ? QString() : merged.error().message));
        QVERIFY2(mismatches(*db).isEmpty(), qPrintable(mismatches(*db).join(u'\n')));
        QVERIFY(DuplicateRepository(*db).unmerge(*merged));
        QVERIFY2(mismatches(*db).isEmpty(), qPrintable(mismatches(*db).join(u'\n')));
    }

    // The demo generator loads contacts with the triggers dropped (SQLite) and must leave the column right.
    void bulkLoadComputesIt_data() { TestDatabase::addBackends(); }
    void bulkLoadComputesIt()
    {
        OPEN_TEST_DATABASE(db);
        DemoGenerator::Options o;
        o.size = DemoGenerator::Size::Small;
        o.seed = 3;
        Result<DemoStats> stats = DemoGenerator::generate(*db, o);
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        QVERIFY2(mismatches(*db).isEmpty(), qPrintable(mismatches(*db).mid(0, 5).join(u'\n')));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM contacts WHERE outlet_sort IS NOT NULL")) && q.next());
        QVERIFY(q.value(0).toInt() > 0);
        // The triggers are back after the load.
        const qint64 org = insertOrganization(*db, QStringLiteral("After the load"));
        QCOMPARE(outletSort(*db, insertContact(*db, QStringLiteral("New"), org)).toString(), QStringLiteral("After the load"));

        // And the list sorted by outlet reads it: same order as sorting by the joined name.
        ContactListQuery query(*db);
        for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            Result<QList<qint64>> ids = query.orderedIds(ContactListQuery::SortKey::Outlet, order);
            QVERIFY(ids);
            const QString dir = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
            QSqlQuery ref(db->connection());
            QVERIFY(ref.exec(QStringLiteral("SELECT c.id FROM contacts c LEFT JOIN organizations o ON o.id = "
                                            "c.organization_id AND o.deleted_at IS NULL WHERE c.deleted_at IS NULL "
                                            "ORDER BY o.name %1 NULLS LAST, c.id %1").arg(dir)));
            QList<qint64> expected;
            while (ref.next())
                expected << ref.value(0).toLongLong();
            QCOMPARE(*ids, expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestOutletSort)
#include "tst_outletsort.moc"
