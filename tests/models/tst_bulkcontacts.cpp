#include "storage/bulkcontactrepository.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/searchrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>

namespace {

qint64 addContact(Database &db, const QString &name, const QStringList &tags = {}, qint64 owner = 0,
    const QString &kind = QStringLiteral("journalist"))
{
    Contact c;
    c.displayName = name;
    c.tags = tags;
    c.ownerId = owner;
    c.kind = kind;
    c.emails = { { QStringLiteral("work"), name.toLower().remove(u' ') + QStringLiteral("@example.org") } };
    if (Status s = ContactRepository(db).create(c); !s)
        qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    return c.id;
}

qint64 scalar(Database &db, const QString &sql, qint64 id = 0)
{
    QSqlQuery q(db.connection());
    q.prepare(sql);
    if (sql.contains(QStringLiteral(":id")))
        q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec() || !q.next())
        qFatal("query failed: %s", qPrintable(sql));
    return q.value(0).toLongLong();
}

bool hasTag(Database &db, qint64 contact, const QString &tag)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
                             "WHERE ct.contact_id = :id AND t.name = :tag"));
    q.bindValue(QStringLiteral(":id"), contact);
    q.bindValue(QStringLiteral(":tag"), tag);
    return q.exec() && q.next() && q.value(0).toInt() == 1;
}

int version(Database &db, qint64 id)
{
    return int(scalar(db, QStringLiteral("SELECT version FROM contacts WHERE id = :id"), id));
}

qint64 auditRows(Database &db, const QString &action)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = :a"));
    q.bindValue(QStringLiteral(":a"), action);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

QList<qint64> searchIds(Database &db, const QString &text)
{
    Result<QList<ContactHit>> hits = SearchRepository(db).searchContacts(text, 50);
    QList<qint64> ids;
    if (hits)
        for (const ContactHit &h : *hits)
            ids << h.id;
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class TestBulkContacts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addTagChangesOnlyThoseWithout_data() { TestDatabase::addBackends(); }
    void addTagChangesOnlyThoseWithout()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = addContact(*db, QStringLiteral("Ann Able"));
        const qint64 b = addContact(*db, QStringLiteral("Bo Brand"), { QStringLiteral("vip") });
        const qint64 c = addContact(*db, QStringLiteral("Cy Cole"));
        const qint64 untouched = addContact(*db, QStringLiteral("Di Dorn"));
        const int versionB = version(*db, b);
        BulkContactRepository bulk(*db);

        Result<QList<qint64>> changed
            = bulk.addTag({ a, b, c }, QStringLiteral("  launch   list "), QStringLiteral("tag"));
        QVERIFY2(changed.ok(), changed ? "" : qPrintable(changed.error().message));
        QCOMPARE(*changed, (QList<qint64> { a, b, c }));
        QVERIFY(hasTag(*db, a, QStringLiteral("launch list")));
        QVERIFY(hasTag(*db, b, QStringLiteral("launch list")));
        QVERIFY(hasTag(*db, c, QStringLiteral("launch list")));
        QVERIFY(!hasTag(*db, untouched, QStringLiteral("launch list")));
        QVERIFY(hasTag(*db, b, QStringLiteral("vip")));
        QCOMPARE(version(*db, a), 2);
        QCOMPARE(version(*db, b), versionB + 1); // b had no "launch list" before: changed too
        QCOMPARE(version(*db, untouched), 1);
        QCOMPARE(auditRows(*db, QStringLiteral("bulk_tag")), 3);
        // The search text follows the tags.
        QCOMPARE(searchIds(*db, QStringLiteral("launch")), (QList<qint64> { a, b, c }));

        // Adding it again changes nothing.
        changed = bulk.addTag({ a, b, c }, QStringLiteral("launch list"), QStringLiteral("tag"));
        QVERIFY(changed.ok());
        QVERIFY(changed->isEmpty());
        QCOMPARE(version(*db, a), 2);
    }

    void removeTagUndoesExactly_data() { TestDatabase::addBackends(); }
    void removeTagUndoesExactly()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = addContact(*db, QStringLiteral("Ann Able"), { QStringLiteral("vip") });
        const qint64 b = addContact(*db, QStringLiteral("Bo Brand"), { QStringLiteral("vip") });
        const qint64 c = addContact(*db, QStringLiteral("Cy Cole"));
        BulkContactRepository bulk(*db);

        // Add to all three, then undo: only c loses it again.
        Result<QList<qint64>> added = bulk.addTag({ a, b, c }, QStringLiteral("vip"), QStringLiteral("tag"));
        QVERIFY(added.ok());
        QCOMPARE(*added, QList<qint64> { c });
        Result<QList<qint64>> undone = bulk.removeTag(*added, QStringLiteral("vip"), QStringLiteral("tag"));
        QVERIFY(undone.ok());
        QVERIFY(hasTag(*db, a, QStringLiteral("vip")));
        QVERIFY(hasTag(*db, b, QStringLiteral("vip")));
        QVERIFY(!hasTag(*db, c, QStringLiteral("vip")));

        // Remove from all: a and b had it; undo puts it back on exactly those.
        Result<QList<qint64>> removed = bulk.removeTag({ a, b, c }, QStringLiteral("vip"), QStringLiteral("tag"));
        QVERIFY(removed.ok());
        QCOMPARE(*removed, (QList<qint64> { a, b }));
        QVERIFY(searchIds(*db, QStringLiteral("vip")).isEmpty());
        QVERIFY(bulk.addTag(*removed, QStringLiteral("vip"), QStringLiteral("tag")).ok());
        QVERIFY(hasTag(*db, a, QStringLiteral("vip")));
        QVERIFY(hasTag(*db, b, QStringLiteral("vip")));
        QVERIFY(!hasTag(*db, c, QStringLiteral("vip")));
        QCOMPARE(searchIds(*db, QStringLiteral("vip")), (QList<qint64> { a, b }));

        // A tag nobody has: nothing to remove.
        removed = bulk.removeTag({ a, b, c }, QStringLiteral("nonexistent"), QStringLiteral("tag"));
        QVERIFY(removed.ok());
        QVERIFY(removed->isEmpty());
        // Beats are tags of another kind.
        QVERIFY(bulk.addTag({ a }, QStringLiteral("retail"), QStringLiteral("beat")).ok());
        Result<Contact> loaded = ContactRepository(*db).get(a);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->beats, QStringList { QStringLiteral("retail") });
        QCOMPARE(*bulk.tagNames(QStringLiteral("beat")), QStringList { QStringLiteral("retail") });
        QVERIFY(bulk.tagNames(QStringLiteral("tag"))->contains(QStringLiteral("vip")));
    }

    void setOwnerAndKindRestoreEachPreviousValue_data() { TestDatabase::addBackends(); }
    void setOwnerAndKindRestoreEachPreviousValue()
    {
        OPEN_TEST_DATABASE(db);
        UserRepository users(*db);
        Result<User> sam = users.ensureUser(QStringLiteral("sam"), QStringLiteral("Sam"));
        Result<User> kim = users.ensureUser(QStringLiteral("kim"), QStringLiteral("Kim"));
        QVERIFY(sam.ok() && kim.ok());
        const qint64 a = addContact(*db, QStringLiteral("Ann Able"), {}, sam->id, QStringLiteral("editor"));
        const qint64 b = addContact(*db, QStringLiteral("Bo Brand"), {}, 0, QStringLiteral("blogger"));
        const qint64 c = addContact(*db, QStringLiteral("Cy Cole"), {}, kim->id, QStringLiteral("journalist"));
        const QString ownerSql = QStringLiteral("SELECT coalesce(owner_id, 0) FROM contacts WHERE id = :id");
        BulkContactRepository bulk(*db);

        Result<QHash<qint64, QVariant>> previous
            = bulk.setField({ a, b, c }, BulkContactRepository::Field::Owner, kim->id);
        QVERIFY2(previous.ok(), previous ? "" : qPrintable(previous.error().message));
        QCOMPARE(previous->size(), 2); // c already belonged to Kim
        QCOMPARE(previous->value(a).toLongLong(), sam->id);
        QCOMPARE(previous->value(b).toLongLong(), 0);
        for (qint64 id : { a, b, c })
            QCOMPARE(scalar(*db, ownerSql, id), kim->id);
        QCOMPARE(version(*db, c), 1);
        QCOMPARE(auditRows(*db, QStringLiteral("bulk_owner")), 2);
        QVERIFY(bulk.restoreField(BulkContactRepository::Field::Owner, *previous).ok());
        QCOMPARE(scalar(*db, ownerSql, a), sam->id);
        QCOMPARE(scalar(*db, ownerSql, b), 0);
        QCOMPARE(scalar(*db, ownerSql, c), kim->id);

        previous = bulk.setField({ a, b, c }, BulkContactRepository::Field::Kind, QStringLiteral("analyst"));
        QVERIFY(previous.ok());
        QCOMPARE(previous->size(), 3);
        QCOMPARE(ContactRepository(*db).get(b)->kind, QStringLiteral("analyst"));
        QVERIFY(bulk.restoreField(BulkContactRepository::Field::Kind, *previous).ok());
        QCOMPARE(ContactRepository(*db).get(a)->kind, QStringLiteral("editor"));
        QCOMPARE(ContactRepository(*db).get(b)->kind, QStringLiteral("blogger"));
        QCOMPARE(ContactRepository(*db).get(c)->kind, QStringLiteral("journalist"));

        // Bad input is refused, nothing written.
        previous = bulk.setField({ a }, BulkContactRepository::Field::Kind, QStringLiteral("wizard"));
        QVERIFY(!previous.ok());
        QCOMPARE(previous.error().code, Error::Code::Validation);
        previous = bulk.setField({ a }, BulkContactRepository::Field::Owner, qint64(987654));
        QVERIFY(!previous.ok());
        QCOMPARE(scalar(*db, ownerSql, a), sam->id);
        Result<QList<qint64>> tagged = bulk.addTag({ a }, QStringLiteral("   "), QStringLiteral("tag"));
        QVERIFY(!tagged.ok());
        QCOMPARE(tagged.error().field, QStringLiteral("tag"));
        tagged = bulk.addTag({ a }, QString(200, u'x'), QStringLiteral("tag"));
        QVERIFY(!tagged.ok());
    }

    void trashAndRestore_data() { TestDatabase::addBackends(); }
    void trashAndRestore()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = addContact(*db, QStringLiteral("Ann Able"));
        const qint64 b = addContact(*db, QStringLiteral("Bo Brand"));
        const qint64 gone = addContact(*db, QStringLiteral("Cy Cole"));
        QVERIFY(ContactRepository(*db).moveToTrash(gone).ok());
        BulkContactRepository bulk(*db);
        Result<QList<qint64>> trashed = bulk.moveToTrash({ a, b, gone });
        QVERIFY(trashed.ok());
        QCOMPARE(*trashed, (QList<qint64> { a, b }));
        QCOMPARE(*ContactRepository(*db).count(), 0);
        QVERIFY(bulk.restoreFromTrash(*trashed).ok());
        QCOMPARE(*ContactRepository(*db).count(), 2);
        QVERIFY(ContactRepository(*db).get(gone)->inTrash);
        QCOMPARE(auditRows(*db, QStringLiteral("restore")), 2);
    }

    void thousandsInOneGo_data() { TestDatabase::addBackends(); }
    void thousandsInOneGo()
    {
        OPEN_TEST_DATABASE(db);
        constexpr int kCount = 5000;
        QList<qint64> ids;
        {
            Transaction tx(*db);
            QSqlQuery q(db->connection());
            q.prepare(QStringLiteral("INSERT INTO contacts (display_name, search_extra, sort_name, created_at, "
                                     "updated_at, version) VALUES (:name, '', :name, 1, 1, 1) RETURNING id"));
            for (int i = 0; i < kCount; ++i) {
                q.bindValue(QStringLiteral(":name"), QStringLiteral("person %1").arg(i));
                QVERIFY(q.exec() && q.next());
                ids << q.value(0).toLongLong();
            }
            q.finish();
            QVERIFY(tx.commit().ok());
        }
        BulkContactRepository bulk(*db);
        QElapsedTimer timer;
        timer.start();
        Result<QList<qint64>> changed = bulk.addTag(ids, QStringLiteral("mass"), QStringLiteral("tag"));
        const qint64 tagMs = timer.restart();
        QVERIFY(changed.ok());
        QCOMPARE(changed->size(), kCount);
        Result<QList<qint64>> removed = bulk.removeTag(ids, QStringLiteral("mass"), QStringLiteral("tag"));
        const qint64 untagMs = timer.restart();
        QVERIFY(removed.ok());
        Result<QList<qint64>> trashed = bulk.moveToTrash(ids);
        const qint64 trashMs = timer.elapsed();
        QVERIFY(trashed.ok());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM contacts WHERE deleted_at IS NULL")), 0);
        qInfo("%d contacts: tag %lld ms, untag %lld ms, trash %lld ms", kCount, tagMs, untagMs, trashMs);
    }
};

QTEST_GUILESS_MAIN(TestBulkContacts)
#include "tst_bulkcontacts.moc"
