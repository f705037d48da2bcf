#include "storage/campaignrepository.h"
#include "storage/contentrepository.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

namespace {

qint64 campaign(Database &db)
{
    Campaign c;
    c.name = QStringLiteral("Spring wearable launch");
    return CampaignRepository(db).create(c).ok() ? c.id : -1;
}

int count(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

} // namespace

class TestContentRepository final : public QObject
{
    Q_OBJECT

private slots:
    void validation_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("bodySize");
        QTest::addColumn<QString>("field"); // empty: valid
        const QString pr = QStringLiteral("press_release");
        const QString draft = QStringLiteral("draft");
        QTest::newRow("ok") << "Launch" << pr << draft << "" << 10 << "";
        QTest::newRow("blank title") << "   " << pr << draft << "" << 10 << "title";
        QTest::newRow("long title") << QString(301, u'x') << pr << draft << "" << 10 << "title";
        QTest::newRow("bad kind") << "Launch"
                                  << "memo" << draft << "" << 10 << "kind";
        QTest::newRow("bad status") << "Launch" << pr << "done"
                                    << "" << 10 << "status";
        QTest::newRow("ftp url") << "Launch" << pr << draft << "ftp://example.com/a" << 10 << "url";
        QTest::newRow("not a url") << "Launch" << pr << draft << "see the newsroom" << 10 << "url";
        QTest::newRow("https url") << "Launch" << pr << draft << " https://newsroom.example.com/a " << 10 << "";
        QTest::newRow("body at limit") << "Launch" << pr << draft << "" << ContentRepository::kMaxBody << "";
        QTest::newRow("body of 5 MB") << "Launch" << pr << draft << "" << 5 * 1024 * 1024 << "body";
    }
    void validation()
    {
        QFETCH(QString, title);
        QFETCH(QString, kind);
        QFETCH(QString, status);
        QFETCH(QString, url);
        QFETCH(int, bodySize);
        QFETCH(QString, field);
        ContentItem c;
        c.campaignId = 1;
        c.title = title;
        c.kind = kind;
        c.status = status;
        c.url = url;
        c.body = QString(bodySize, u'a');
        const Status s = ContentRepository::validate(c);
        if (field.isEmpty()) {
            QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
            QCOMPARE(c.url, url.trimmed());
        } else {
            QVERIFY(!s.ok());
            QCOMPARE(s.error().code, Error::Code::Validation);
            QCOMPARE(s.error().field, field);
            QVERIFY(!s.error().message.isEmpty());
        }
    }

    void versionsAndRestore_data() { TestDatabase::addBackends(); }
    void versionsAndRestore()
    {
        OPEN_TEST_DATABASE(db);
        ContentRepository repo(*db);
        ContentItem item;
        item.campaignId = campaign(*db);
        item.title = QStringLiteral("Lumora introduces the Pulse ring");
        item.body = QStringLiteral("# Lumora introduces the Pulse ring\n\nFirst draft.\n");
        QVERIFY(repo.create(item).ok());
        QCOMPARE(item.version, 1);
        QVERIFY(repo.versions(item.id)->isEmpty());

        item.body = QStringLiteral("# Lumora introduces the Pulse ring\n\nSecond draft, **bold**.\n");
        item.status = QStringLiteral("in_review");
        QVERIFY(repo.update(item).ok());
        QCOMPARE(item.version, 2);
        item.title = QStringLiteral("Lumora launches the Pulse ring");
        item.status = QStringLiteral("approved");
        QVERIFY(repo.update(item).ok());

        QList<ContentItemVersion> versions = *repo.versions(item.id);
        QCOMPARE(versions.size(), 2); // newest first: the state saved as version 2, then 1
        QCOMPARE(versions.at(0).version, 2);
        QCOMPARE(versions.at(0).status, QStringLiteral("in_review"));
        QCOMPARE(versions.at(1).version, 1);
        QVERIFY(versions.at(1).body.contains(QStringLiteral("First draft.")));
        QVERIFY(versions.at(1).savedAt.isValid());

        // Restoring version 1 is itself a save (the current state is kept first), so it can be undone.
        QVERIFY(repo.restoreVersion(item, versions.at(1).id).ok());
        QCOMPARE(item.version, 4);
        QCOMPARE(item.title, QStringLiteral("Lumora introduces the Pulse ring"));
        QCOMPARE(item.status, QStringLiteral("draft"));
        const ContentItem stored = *repo.get(item.id);
        QCOMPARE(stored.body, versions.at(1).body);
        versions = *repo.versions(item.id);
        QCOMPARE(versions.size(), 3);
        QCOMPARE(versions.at(0).title, QStringLiteral("Lumora launches the Pulse ring"));
        QCOMPARE(versions.at(0).status, QStringLiteral("approved"));
        // ... and restoring that one brings the approved text back.
        QVERIFY(repo.restoreVersion(item, versions.at(0).id).ok());
        QCOMPARE(repo.get(item.id)->status, QStringLiteral("approved"));
    }

    void conflictKeepsBothVersions_data() { TestDatabase::addBackends(); }
    void conflictKeepsBothVersions()
    {
        OPEN_TEST_DATABASE(db);
        ContentRepository repo(*db);
        ContentItem item;
        item.campaignId = campaign(*db);
        item.title = QStringLiteral("Pitch: an exclusive first look");
        item.kind = QStringLiteral("pitch_email");
        QVERIFY(repo.create(item).ok());
        ContentItem mine = *repo.get(item.id);
        ContentItem theirs = *repo.get(item.id);
        theirs.body = QStringLiteral("Their text.");
        QVERIFY(repo.update(theirs).ok());
        mine.body = QStringLiteral("My text.");
        const Status s = repo.update(mine);
        QCOMPARE(s.error().code, Error::Code::Conflict);
        QVERIFY(s.error().message.contains(QStringLiteral("someone else")));
        QCOMPARE(repo.get(item.id)->body, QStringLiteral("Their text."));
        // The failed save copied nothing into the versions.
        QCOMPARE(repo.versions(item.id)->size(), 1);
    }

    void oversizedBodyLosesNothing_data() { TestDatabase::addBackends(); }
    void oversizedBodyLosesNothing()
    {
        OPEN_TEST_DATABASE(db);
        ContentRepository repo(*db);
        ContentItem item;
        item.campaignId = campaign(*db);
        item.title = QStringLiteral("Media kit");
        item.kind = QStringLiteral("media_kit");
        item.body = QStringLiteral("Fact sheet.");
        QVERIFY(repo.create(item).ok());
        ContentItem big = item;
        big.body = QString(5 * 1024 * 1024, u'x');
        const Status s = repo.update(big);
        QCOMPARE(s.error().field, QStringLiteral("body"));
        QVERIFY(s.error().message.contains(QStringLiteral("Nothing was saved")));
        QCOMPARE(repo.get(item.id)->body, QStringLiteral("Fact sheet."));
        QCOMPARE(repo.get(item.id)->version, 1);
        QVERIFY(repo.versions(item.id)->isEmpty());
    }

    void trashAndRestore_data() { TestDatabase::addBackends(); }
    void trashAndRestore()
    {
        OPEN_TEST_DATABASE(db);
        ContentRepository repo(*db);
        const qint64 campaignId = campaign(*db);
        ContentItem a, b;
        a.campaignId = b.campaignId = campaignId;
        a.title = QStringLiteral("Press release");
        b.title = QStringLiteral("Social post");
        b.kind = QStringLiteral("social_post");
        QVERIFY(repo.create(a).ok());
        QVERIFY(repo.create(b).ok());
        QCOMPARE(repo.list(campaignId)->size(), 2);
        QVERIFY(repo.moveToTrash(a.id).ok());
        QCOMPARE(repo.list(campaignId)->size(), 1);
        // A trashed item cannot be saved over.
        ContentItem trashed = *repo.get(a.id);
        trashed.title = QStringLiteral("Edited in the trash");
        QCOMPARE(repo.update(trashed).error().code, Error::Code::Conflict);
        QVERIFY(repo.restore(a.id).ok());
        QCOMPARE(repo.list(campaignId)->size(), 2);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'content_item'")), 4);
        QCOMPARE(repo.moveToTrash(9999).error().code, Error::Code::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestContentRepository)
#include "tst_contentrepository.moc"
