#include "storage/contactlistquery.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

namespace {

Organization organization(const QString &name, const QString &website = QString())
{
    Organization o;
    o.name = name;
    o.kind = QStringLiteral("newspaper");
    o.website = website;
    o.city = QStringLiteral("Berlin");
    return o;
}

qint64 auditCount(Database &db, const QString &action, qint64 id)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'organization' AND action = :action "
                             "AND entity_id = :id"));
    q.bindValue(QStringLiteral(":action"), action);
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestOrganizationRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createUpdateAndGet_data() { TestDatabase::addBackends(); }
    void createUpdateAndGet()
    {
        OPEN_TEST_DATABASE(db);
        OrganizationRepository repo(*db);
        Organization o = organization(QStringLiteral("  Daily Planet "), QStringLiteral("https://planet.example/"));
        o.reach = 120000;
        QVERIFY(repo.create(o).ok());
        QVERIFY(o.id > 0);
        QCOMPARE(o.version, 1);
        QCOMPARE(auditCount(*db, QStringLiteral("create"), o.id), 1);

        Result<Organization> loaded = repo.get(o.id);
        QVERIFY(loaded);
        QCOMPARE(loaded->name, QStringLiteral("Daily Planet"));
        QCOMPARE(loaded->website, QStringLiteral("https://planet.example/"));
        QCOMPARE(loaded->reach, qint64(120000));
        QCOMPARE(loaded->city, QStringLiteral("Berlin"));

        loaded->notes = QStringLiteral("Morning paper.");
        QVERIFY(repo.update(*loaded).ok());
        QCOMPARE(loaded->version, 2);
        QCOMPARE(repo.get(o.id)->notes, QStringLiteral("Morning paper."));
        QCOMPARE(auditCount(*db, QStringLiteral("update"), o.id), 1);
    }

    void invalidInputSavesNothing_data() { TestDatabase::addBackends(); }
    void invalidInputSavesNothing()
    {
        OPEN_TEST_DATABASE(db);
        OrganizationRepository repo(*db);
        Organization bad = organization(QStringLiteral("Planet"), QStringLiteral("javascript:alert(1)"));
        Status s = repo.create(bad);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Validation);
        QCOMPARE(s.error().field, QStringLiteral("website"));
        Organization overlong = organization(QString(301, u'x'));
        s = repo.create(overlong);
        QVERIFY(!s);
        QCOMPARE(s.error().field, QStringLiteral("name"));
        QCOMPARE(*repo.count(true), qint64(0));
    }

    void updateDetectsConflicts_data() { TestDatabase::addBackends(); }
    void updateDetectsConflicts()
    {
        OPEN_TEST_DATABASE(db);
        OrganizationRepository repo(*db);
        Organization o = organization(QStringLiteral("Bugle"));
        QVERIFY(repo.create(o).ok());
        Organization first = *repo.get(o.id);
        Organization second = *repo.get(o.id);
        first.city = QStringLiteral("Paris");
        QVERIFY(repo.update(first).ok());
        second.city = QStringLiteral("Rome");
        const Status s = repo.update(second);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Conflict);
        QVERIFY(s.error().message.contains(QStringLiteral("Bugle")));
        QCOMPARE(repo.get(o.id)->city, QStringLiteral("Paris")); // the first save stands
    }

    void trashWithPeople_data() { TestDatabase::addBackends(); }
    void trashWithPeople()
    {
        OPEN_TEST_DATABASE(db);
        OrganizationRepository repo(*db);
        Organization o = organization(QStringLiteral("Sentinel"));
        QVERIFY(repo.create(o).ok());
        ContactRepository contacts(*db);
        Contact c;
        c.displayName = QStringLiteral("Ada Reporter");
        c.title = QStringLiteral("Reporter");
        c.organizationId = o.id;
        c.organizationRole = QStringLiteral("Tech desk");
        QVERIFY(contacts.create(c).ok());
        Contact gone;
        gone.displayName = QStringLiteral("Bob Trashed");
        gone.organizationId = o.id;
        QVERIFY(contacts.create(gone).ok());
        QVERIFY(contacts.moveToTrash(gone.id).ok());

        QCOMPARE(*repo.peopleCount(o.id), qint64(1));
        const auto people = *repo.people(o.id);
        QCOMPARE(people.size(), 1);
        QCOMPARE(people.first().name, QStringLiteral("Ada Reporter"));
        QCOMPARE(people.first().title, QStringLiteral("Reporter"));
        QCOMPARE(people.first().role, QStringLiteral("Tech desk"));

        QVERIFY(repo.moveToTrash(o.id).ok());
        QCOMPARE(*repo.count(), qint64(0));
        QCOMPARE(*repo.count(true), qint64(1));
        QCOMPARE(auditCount(*db, QStringLiteral("trash"), o.id), 1);
        QVERIFY(repo.findByName(QStringLiteral("Sent"))->isEmpty());
        // The person keeps the link, and the contact list shows no outlet while it is in the trash.
        QCOMPARE(contacts.get(c.id)->organizationId, o.id);
        ContactListQuery list(*db);
        QCOMPARE(list.rows({c.id})->first().outlet, QString());

        QVERIFY(repo.restore(o.id).ok());
        QCOMPARE(list.rows({c.id})->first().outlet, QStringLiteral("Sentinel"));
        QCOMPARE(repo.findByName(QStringLiteral("Sent"))->size(), 1);
        QVERIFY(!repo.moveToTrash(987654).ok());
    }

    void findByNameEscapesWildcards_data() { TestDatabase::addBackends(); }
    void findByNameEscapesWildcards()
    {
        OPEN_TEST_DATABASE(db);
        OrganizationRepository repo(*db);
        for (const QString &name : {QStringLiteral("100% Tech"), QStringLiteral("100 Tech"), QStringLiteral("a_b Media"),
                 QStringLiteral("axb Media"), QStringLiteral("The 100% Show")}) {
            Organization o = organization(name);
            QVERIFY2(repo.create(o).ok(), qPrintable(name));
        }
        auto names = [&](const QString &prefix) {
            QStringList result;
            const auto hits = repo.findByName(prefix);
            if (!hits)
                return QStringList{QStringLiteral("error: ") + hits.error().message};
            for (const auto &hit : *hits)
                result << hit.name;
            return result;
        };
        QCOMPARE(names(QStringLiteral("100%")), QStringList({QStringLiteral("100% Tech"), QStringLiteral("The 100% Show")}));
        QCOMPARE(names(QStringLiteral("a_")), QStringList({QStringLiteral("a_b Media")}));
        QCOMPARE(names(QStringLiteral("%")), QStringList());
        QCOMPARE(names(QStringLiteral("AXB")), QStringList({QStringLiteral("axb Media")}));
        QVERIFY(*repo.idByName(QStringLiteral("100% tech")) > 0);
        QCOMPARE(*repo.idByName(QStringLiteral("100_ tech")), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestOrganizationRepository)
#include "tst_organizationrepository.moc"
