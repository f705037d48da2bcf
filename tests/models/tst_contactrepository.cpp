#include "storage/contactrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

namespace {

Contact sample()
{
    Contact c;
    c.firstName = QStringLiteral("Amara");
    c.lastName = QStringLiteral("Okafor");
    c.title = QStringLiteral("Senior Technology Correspondent");
    c.kind = QStringLiteral("journalist");
    c.emails = {{QStringLiteral("work"), QStringLiteral("Amara.Okafor@Ledger.example")}};
    c.phones = {{QStringLiteral("mobile"), QStringLiteral("+44 20 7946 0018")}};
    c.handles = {{QStringLiteral("mastodon"), QStringLiteral("@amara@Mastodon.Social"), QString()},
                 {QStringLiteral("bluesky"), QStringLiteral("amara.bsky.social"), QString()}};
    c.beats = {QStringLiteral("consumer tech"), QStringLiteral("AI")};
    c.tags = {QStringLiteral("vip")};
    c.notes = QStringLiteral("Prefers embargoed briefings on Tuesdays. Writes in English and Yorùbá. 🚀");
    return c;
}

qint64 auditCount(Database &db, const QString &action)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = :a AND entity = 'contact'"));
    q.bindValue(QStringLiteral(":a"), action);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestContactRepository final : public QObject
{
    Q_OBJECT

private slots:
    void createAndLoad_data() { TestDatabase::addBackends(); }
    void createAndLoad()
    {
        OPEN_TEST_DATABASE(db);
        QVERIFY(UserRepository(*db).ensureUser(QStringLiteral("sam"), QStringLiteral("Sam Ortiz")).ok());
        ContactRepository repo(*db);
        Contact c = sample();
        QVERIFY(repo.create(c).ok());
        QVERIFY(c.id > 0);
        QCOMPARE(c.version, 1);

        Result<Contact> loaded = repo.get(c.id);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->displayName, QStringLiteral("Amara Okafor"));
        QCOMPARE(loaded->title, c.title);
        QCOMPARE(loaded->emails, c.emails);
        QCOMPARE(loaded->phones, c.phones);
        QCOMPARE(loaded->handles.size(), 2);
        QCOMPARE(loaded->handles[0].normalized, QStringLiteral("amara@mastodon.social"));
        QCOMPARE(loaded->beats, (QStringList{QStringLiteral("AI"), QStringLiteral("consumer tech")}));
        QCOMPARE(loaded->tags, QStringList{QStringLiteral("vip")});
        QCOMPARE(loaded->notes, c.notes);
        QCOMPARE(auditCount(*db, QStringLiteral("create")), 1);

        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT updated_by, search_extra FROM contacts")) && q.next());
        QVERIFY(!q.value(0).isNull());
        QVERIFY(q.value(1).toString().contains(QStringLiteral("consumer tech")));
        QVERIFY(q.value(1).toString().contains(QStringLiteral("Amara.Okafor@Ledger.example")));
    }

    void validationErrorsSaveNothing_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("field");
        for (const char *backend : {"sqlite", "postgres"}) {
            for (const char *field : {"displayName", "emails", "handles", "kind", "longName"})
                QTest::addRow("%s-%s", backend, field) << QString::fromLatin1(backend) << QString::fromLatin1(field);
        }
    }
    void validationErrorsSaveNothing()
    {
        QFETCH(QString, field);
        OPEN_TEST_DATABASE(db);
        Contact c = sample();
        QString expectedField = field;
        if (field == u"displayName")
            c.firstName = c.lastName = c.displayName = QStringLiteral("  ");
        else if (field == u"emails")
            c.emails = {{QStringLiteral("work"), QStringLiteral("not-an-email")}};
        else if (field == u"handles")
            c.handles = {{QStringLiteral("mastodon"), QStringLiteral("amara at mastodon"), QString()}},
            expectedField = QStringLiteral("mastodon");
        else if (field == u"kind")
            c.kind = QStringLiteral("astronaut");
        else if (field == u"longName")
            c.displayName = QString(301, u'x'), expectedField = QStringLiteral("displayName");
        ContactRepository repo(*db);
        Status s = repo.create(c);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Validation);
        QCOMPARE(s.error().field, expectedField);
        QVERIFY(!s.error().message.isEmpty());
        QCOMPARE(*repo.count(true), 0);
    }

    void updateDetectsConflicts_data() { TestDatabase::addBackends(); }
    void updateDetectsConflicts()
    {
        OPEN_TEST_DATABASE(db);
        ContactRepository repo(*db);
        Contact c = sample();
        QVERIFY(repo.create(c).ok());

        Contact mine = *repo.get(c.id);
        Contact theirs = *repo.get(c.id);
        theirs.title = QStringLiteral("Editor");
        QVERIFY(repo.update(theirs).ok());
        QCOMPARE(theirs.version, 2);

        mine.notes = QStringLiteral("My edit");
        Status s = repo.update(mine);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Conflict);
        Contact stored = *repo.get(c.id);
        QCOMPARE(stored.title, QStringLiteral("Editor"));
        QCOMPARE(stored.notes, c.notes);

        // Children are replaced, not appended.
        stored.emails = {{QStringLiteral("home"), QStringLiteral("amara@home.example")}};
        stored.beats = {QStringLiteral("retail")};
        QVERIFY(repo.update(stored).ok());
        Contact again = *repo.get(c.id);
        QCOMPARE(again.emails.size(), 1);
        QCOMPARE(again.beats, QStringList{QStringLiteral("retail")});
        QCOMPARE(again.version, 3);
    }

    void handleBelongsToOneContact_data() { TestDatabase::addBackends(); }
    void handleBelongsToOneContact()
    {
        OPEN_TEST_DATABASE(db);
        ContactRepository repo(*db);
        Contact a = sample();
        QVERIFY(repo.create(a).ok());
        Contact b;
        b.displayName = QStringLiteral("Impostor");
        b.handles = {{QStringLiteral("mastodon"), QStringLiteral("@AMARA@mastodon.social"), QString()}};
        b.emails = {{QStringLiteral("work"), QStringLiteral("amara.okafor@ledger.example")}};
        Result<QList<qint64>> sharing = repo.findSharingIdentity(b);
        QVERIFY(sharing.ok());
        QCOMPARE(*sharing, QList<qint64>{a.id});
        Status s = repo.create(b);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Conflict);
        QVERIFY2(s.error().message.contains(QStringLiteral("already belongs")), qPrintable(s.error().message));
        QCOMPARE(*repo.count(true), 1); // the failed insert was rolled back whole
    }

    void trashAndRestore_data() { TestDatabase::addBackends(); }
    void trashAndRestore()
    {
        OPEN_TEST_DATABASE(db);
        ContactRepository repo(*db);
        Contact c = sample();
        QVERIFY(repo.create(c).ok());
        QVERIFY(repo.moveToTrash(c.id).ok());
        QCOMPARE(*repo.count(), 0);
        QCOMPARE(*repo.count(true), 1);
        QVERIFY(repo.get(c.id)->inTrash);
        QVERIFY(repo.restore(c.id).ok());
        QCOMPARE(*repo.count(), 1);
        QCOMPARE(auditCount(*db, QStringLiteral("trash")), 1);
        QCOMPARE(auditCount(*db, QStringLiteral("restore")), 1);
        QCOMPARE(repo.moveToTrash(987654).error().code, Error::Code::NotFound);
    }

    void textInAnyScriptRoundTrips_data() { TestDatabase::addBackends(); }
    void textInAnyScriptRoundTrips()
    {
        OPEN_TEST_DATABASE(db);
        ContactRepository repo(*db);
        Contact c;
        c.displayName = QStringLiteral("مريم الحسيني");
        c.title = QStringLiteral("محررة التكنولوجيا");
        c.notes = QStringLiteral("日本語のメモ — emoji 👩🏽‍💻 — עברית");
        QVERIFY(repo.create(c).ok());
        Contact loaded = *repo.get(c.id);
        QCOMPARE(loaded.displayName, c.displayName);
        QCOMPARE(loaded.notes, c.notes);
    }
};

QTEST_GUILESS_MAIN(TestContactRepository)
#include "tst_contactrepository.moc"
