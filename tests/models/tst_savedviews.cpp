#include "storage/database.h"
#include "storage/savedviewrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

class TestSavedViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createListGet_data() { TestDatabase::addBackends(); }
    void createListGet();
    void validation_data() { TestDatabase::addBackends(); }
    void validation();
    void updateDetectsConflicts_data() { TestDatabase::addBackends(); }
    void updateDetectsConflicts();
    void renameAndRemove_data() { TestDatabase::addBackends(); }
    void renameAndRemove();
    void sharedViewsAreSeenByTheTeam_data() { TestDatabase::addBackends(); }
    void sharedViewsAreSeenByTheTeam();
};

namespace {

QJsonObject definition(const QString &text)
{
    return QJsonObject{ { QStringLiteral("filter"), QJsonObject{ { QStringLiteral("text"), text } } },
        { QStringLiteral("columns"), QJsonArray{ QStringLiteral("name"), QStringLiteral("outlet") } } };
}

int auditCount(Database &db, const QString &action)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'saved_view' AND action = :action"));
    q.bindValue(QStringLiteral(":action"), action);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

} // namespace

void TestSavedViews::createListGet()
{
    OPEN_TEST_DATABASE(db);
    QVERIFY(UserRepository(*db).ensureUser(QStringLiteral("ann"), QStringLiteral("Ann")).ok());
    SavedViewRepository repo(*db);
    SavedView tech;
    tech.name = QStringLiteral("  Tech editors  ");
    tech.definition = definition(QStringLiteral("tech"));
    QVERIFY(repo.create(tech).ok());
    QVERIFY(tech.id > 0);
    QCOMPARE(tech.name, QStringLiteral("Tech editors"));
    QCOMPARE(tech.version, 1);
    QCOMPARE(tech.ownerId, db->currentUserId());
    SavedView all;
    all.name = QStringLiteral("all retail");
    all.shared = true;
    all.definition = definition(QStringLiteral("retail"));
    QVERIFY(repo.create(all).ok());

    Result<QList<SavedView>> views = repo.list(QStringLiteral("contacts"));
    QVERIFY(views.ok());
    QCOMPARE(views->size(), 2);
    QCOMPARE(views->at(0).name, QStringLiteral("all retail")); // by name, ignoring case
    QVERIFY(views->at(0).shared);
    QCOMPARE(views->at(1).definition, tech.definition);
    QVERIFY(repo.list(QStringLiteral("organizations"))->isEmpty());

    Result<SavedView> got = repo.get(tech.id);
    QVERIFY(got.ok());
    QCOMPARE(got->definition, definition(QStringLiteral("tech")));
    QVERIFY(got->createdAt.isValid());
    QCOMPARE(auditCount(*db, QStringLiteral("create")), 2);
    QCOMPARE(repo.get(9999).error().code, Error::Code::NotFound);
}

void TestSavedViews::validation()
{
    OPEN_TEST_DATABASE(db);
    SavedViewRepository repo(*db);
    SavedView view;
    view.name = QStringLiteral("   ");
    Status s = repo.create(view);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, Error::Code::Validation);
    QCOMPARE(s.error().field, QStringLiteral("name"));
    view.name = QString(SavedViewRepository::MaxNameLength + 1, u'x');
    QCOMPARE(repo.create(view).error().field, QStringLiteral("name"));
    view.name = QStringLiteral("Mine");
    QVERIFY(repo.create(view).ok());
    SavedView twin;
    twin.name = QStringLiteral("MINE");
    s = repo.create(twin);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, Error::Code::Validation);
    QVERIFY(s.error().message.contains(QStringLiteral("MINE")));
    QCOMPARE(repo.list(QStringLiteral("contacts"))->size(), 1);
    QCOMPARE(auditCount(*db, QStringLiteral("create")), 1);
}

void TestSavedViews::updateDetectsConflicts()
{
    OPEN_TEST_DATABASE(db);
    SavedViewRepository repo(*db);
    SavedView view;
    view.name = QStringLiteral("Cooling off");
    view.definition = definition(QStringLiteral("a"));
    QVERIFY(repo.create(view).ok());
    SavedView other = *repo.get(view.id);

    view.definition = definition(QStringLiteral("b"));
    view.shared = true;
    QVERIFY(repo.update(view).ok());
    QCOMPARE(view.version, 2);
    QCOMPARE(repo.get(view.id)->definition, definition(QStringLiteral("b")));
    QVERIFY(repo.get(view.id)->shared);

    // A second window saving its stale copy is told, not silently overwriting.
    other.definition = definition(QStringLiteral("c"));
    const Status s = repo.update(other);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, Error::Code::Conflict);
    QCOMPARE(repo.get(view.id)->definition, definition(QStringLiteral("b")));
    QCOMPARE(auditCount(*db, QStringLiteral("update")), 1);
}

void TestSavedViews::renameAndRemove()
{
    OPEN_TEST_DATABASE(db);
    SavedViewRepository repo(*db);
    SavedView a, b;
    a.name = QStringLiteral("A");
    b.name = QStringLiteral("B");
    QVERIFY(repo.create(a).ok());
    QVERIFY(repo.create(b).ok());
    QVERIFY(repo.rename(a.id, QStringLiteral("Renamed")).ok());
    QCOMPARE(repo.get(a.id)->name, QStringLiteral("Renamed"));
    QCOMPARE(repo.rename(a.id, QStringLiteral("b")).error().code, Error::Code::Validation); // taken
    QVERIFY(repo.rename(a.id, QStringLiteral("renamed")).ok()); // its own name in other case is fine

    QVERIFY(repo.remove(b.id).ok());
    QCOMPARE(repo.get(b.id).error().code, Error::Code::NotFound);
    QCOMPARE(repo.list(QStringLiteral("contacts"))->size(), 1);
    QCOMPARE(repo.remove(b.id).error().code, Error::Code::NotFound);
    QCOMPARE(auditCount(*db, QStringLiteral("delete")), 1);
    // A deleted view's name is free again.
    SavedView again;
    again.name = QStringLiteral("B");
    QVERIFY(repo.create(again).ok());
}

void TestSavedViews::sharedViewsAreSeenByTheTeam()
{
    OPEN_TEST_DATABASE(db);
    UserRepository users(*db);
    const Result<User> ann = users.ensureUser(QStringLiteral("ann"), QStringLiteral("Ann"));
    QVERIFY(ann.ok());
    SavedViewRepository repo(*db);
    SavedView privateView, sharedView;
    privateView.name = QStringLiteral("Ann's private");
    sharedView.name = QStringLiteral("Team view");
    sharedView.shared = true;
    QVERIFY(repo.create(privateView).ok());
    QVERIFY(repo.create(sharedView).ok());

    // Bob, on the same database, sees the shared view only.
    const Result<User> bob = users.ensureUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    QVERIFY(bob.ok());
    QCOMPARE(db->currentUserId(), bob->id);
    Result<QList<SavedView>> seen = repo.list(QStringLiteral("contacts"));
    QCOMPARE(seen->size(), 1);
    QCOMPARE(seen->first().name, QStringLiteral("Team view"));
    QCOMPARE(seen->first().ownerId, ann->id);
    QCOMPARE(repo.get(privateView.id).error().code, Error::Code::NotFound);
    // Bob may name his own view like Ann's private one: he does not see it.
    SavedView bobs;
    bobs.name = QStringLiteral("Ann's private");
    QVERIFY(repo.create(bobs).ok());
}

QTEST_MAIN(TestSavedViews)
#include "tst_savedviews.moc"
