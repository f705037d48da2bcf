#include "core/clock.h"
#include "interactionfixtures.h"
#include "storage/followuprepository.h"
#include "storage/interactionrepository.h"
#include "testdatabase.h"

using namespace Fixtures;

class TestInteractionRepository final : public QObject
{
    Q_OBJECT

private slots:
    void createUpdateConflictTrash_data() { TestDatabase::addBackends(); }
    void createUpdateConflictTrash()
    {
        OPEN_TEST_DATABASE(db);
        QVERIFY(UserRepository(*db).ensureUser(QStringLiteral("sam"), QStringLiteral("Sam Ortiz")).ok());
        const qint64 amara = contact(*db, QStringLiteral("Amara Okafor"));
        InteractionRepository repo(*db);
        Interaction i = interaction(amara, QDateTime::currentDateTimeUtc().addDays(-2), QStringLiteral("call"));
        i.body = QStringLiteral("Talked about the launch.");
        i.sentiment = 1;
        i.outcome = QStringLiteral("Interested");
        QVERIFY(repo.create(i).ok());
        QVERIFY(i.id > 0);
        QCOMPARE(i.version, 1);
        QCOMPARE(i.userId, db->currentUserId());

        Result<Interaction> loaded = repo.get(i.id);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->channel, QStringLiteral("call"));
        QCOMPARE(loaded->sentiment, std::optional<int>(1));
        QCOMPARE(loaded->occurredAt, i.occurredAt);
        QCOMPARE(loaded->contactName, QStringLiteral("Amara Okafor"));

        Interaction stale = *loaded;
        loaded->subject = QStringLiteral("Launch call");
        QVERIFY(repo.update(*loaded).ok());
        QCOMPARE(loaded->version, 2);
        stale.subject = QStringLiteral("Someone else's edit");
        Status conflict = repo.update(stale);
        QVERIFY(!conflict.ok());
        QCOMPARE(conflict.error().code, Error::Code::Conflict);
        QCOMPARE(repo.get(i.id)->subject, QStringLiteral("Launch call"));

        QVERIFY(repo.moveToTrash(i.id).ok());
        QVERIFY(repo.get(i.id)->inTrash);
        QVERIFY(repo.restore(i.id).ok());
        QVERIFY(!repo.get(i.id)->inTrash);
        QCOMPARE(repo.moveToTrash(987654).error().code, Error::Code::NotFound);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'interaction'")), 4);
    }

    void lastContactedFollowsLiveInteractions_data() { TestDatabase::addBackends(); }
    void lastContactedFollowsLiveInteractions()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = contact(*db, QStringLiteral("A"));
        const qint64 b = contact(*db, QStringLiteral("B"));
        InteractionRepository repo(*db);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Interaction older = interaction(a, now.addDays(-10));
        Interaction newer = interaction(a, now.addDays(-1));
        QVERIFY(repo.create(older).ok());
        QVERIFY(repo.create(newer).ok());
        auto lastOf = [&](qint64 id) {
            return value(*db, QStringLiteral("SELECT last_contacted_at FROM contacts WHERE id = %1").arg(id));
        };
        QCOMPARE(lastOf(a).toLongLong(), ms(newer.occurredAt));
        QVERIFY(!value(*db, QStringLiteral("SELECT health_score FROM contacts WHERE id = %1").arg(a)).isNull());

        QVERIFY(repo.moveToTrash(newer.id).ok());
        QCOMPARE(lastOf(a).toLongLong(), ms(older.occurredAt));
        QVERIFY(repo.restore(newer.id).ok());
        QCOMPARE(lastOf(a).toLongLong(), ms(newer.occurredAt));

        // Moving the newest one to another contact changes both.
        newer = *repo.get(newer.id); // trash and restore bumped its version
        newer.contactId = b;
        QVERIFY(repo.update(newer).ok());
        QCOMPARE(lastOf(a).toLongLong(), ms(older.occurredAt));
        QCOMPARE(lastOf(b).toLongLong(), ms(newer.occurredAt));
        QVERIFY(repo.moveToTrash(older.id).ok());
        QVERIFY(lastOf(a).isNull());
    }

    void badDates_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QDateTime>("at");
        for (const char *backend : { "sqlite", "postgres" }) {
            const QString b = QString::fromLatin1(backend);
            QTest::addRow("%s-1899", backend) << b << QDateTime(QDate(1899, 12, 31), QTime(12, 0), Qt::UTC);
            QTest::addRow("%s-year-0202", backend) << b << QDateTime(QDate(202, 5, 1), QTime(12, 0), Qt::UTC);
            QTest::addRow("%s-two-years-ahead", backend) << b << QDateTime::currentDateTimeUtc().addYears(2);
            QTest::addRow("%s-invalid", backend) << b << QDateTime();
        }
    }
    void badDates()
    {
        QFETCH(QDateTime, at);
        OPEN_TEST_DATABASE(db);
        const qint64 a = contact(*db, QStringLiteral("A"));
        Interaction i = interaction(a, at);
        Status s = InteractionRepository(*db).create(i);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Validation);
        QCOMPARE(s.error().field, QStringLiteral("occurredAt"));
        QVERIFY(!s.error().message.isEmpty());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions")), 0);
        // The edges are accepted.
        Interaction edge = interaction(a, QDateTime(QDate(1900, 1, 1), QTime(0, 0), Qt::UTC));
        QVERIFY(InteractionRepository(*db).create(edge).ok());
        Interaction soon = interaction(a, QDateTime::currentDateTimeUtc().addMonths(11));
        QVERIFY(InteractionRepository(*db).create(soon).ok());
    }

    void contactDeletedMeanwhile_data() { TestDatabase::addBackends(); }
    void contactDeletedMeanwhile()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = contact(*db, QStringLiteral("A"));
        const qint64 b = contact(*db, QStringLiteral("B"));
        QVERIFY(ContactRepository(*db).moveToTrash(b).ok());
        InteractionRepository repo(*db);
        Interaction i = interaction(b, QDateTime::currentDateTimeUtc());
        Status s = repo.create(i);
        QVERIFY(!s.ok());
        QCOMPARE(
            s.error().message, QStringLiteral("The contact was deleted meanwhile; the interaction was not saved."));
        QCOMPARE(i.id, 0); // the caller still has everything typed

        // A meeting with both: all or nothing.
        Result<QList<Interaction>> rows
            = repo.createForContacts(interaction(a, QDateTime::currentDateTimeUtc()), { a, b });
        QVERIFY(!rows.ok());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions")), 0);
        QVERIFY(ContactRepository(*db).restore(b).ok());
        rows = repo.createForContacts(
            interaction(a, QDateTime::currentDateTimeUtc(), QStringLiteral("meeting")), { a, b });
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(1).contactId, b);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE channel = 'meeting'")), 2);
    }

    void bigNoteAndAnyScript_data() { TestDatabase::addBackends(); }
    void bigNoteAndAnyScript()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = contact(*db, QStringLiteral("نور الهدى"));
        InteractionRepository repo(*db);
        Interaction i = interaction(a, QDateTime::currentDateTimeUtc(), QStringLiteral("note"));
        i.subject = QStringLiteral("שלום — مرحبا 👋🏽 launch");
        const QString paragraph = QStringLiteral("Quarterly briefing notes: مرحبا بالعالم, שלום עולם, 🚀 launch 東京. ");
        while (i.body.size() + paragraph.size() <= Interaction::kMaxBody)
            i.body += paragraph;
        i.body += QString(Interaction::kMaxBody - i.body.size(), u'x');
        QCOMPARE(i.body.size(), Interaction::kMaxBody);
        QVERIFY2(repo.create(i).ok(), qPrintable(repo.create(i).error().message));
        Result<Interaction> loaded = repo.get(i.id);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->subject, i.subject);
        QVERIFY(loaded->body == i.body);

        Interaction tooLong = i;
        tooLong.id = 0;
        tooLong.body += u'!';
        Status s = repo.create(tooLong);
        QCOMPARE(s.error().field, QStringLiteral("body"));
        QVERIFY(s.error().message.contains(QLocale().toString(Interaction::kMaxBody))
            || s.error().message.contains(QString::number(Interaction::kMaxBody)));
        tooLong = i;
        tooLong.id = 0;
        tooLong.subject = QString(Interaction::kMaxSubject + 1, u'س');
        QCOMPARE(repo.create(tooLong).error().field, QStringLiteral("subject"));
    }

    void quickLogWithFollowUp_data() { TestDatabase::addBackends(); }
    void quickLogWithFollowUp()
    {
        OPEN_TEST_DATABASE(db);
        QVERIFY(UserRepository(*db).ensureUser(QStringLiteral("sam"), QStringLiteral("Sam Ortiz")).ok());
        const qint64 a = contact(*db, QStringLiteral("A"));
        Interaction i = interaction(a, QDateTime::currentDateTimeUtc());
        i.subject = QStringLiteral("Send the embargoed deck");
        i.followUpAt = QDateTime::currentDateTimeUtc().addDays(3);
        QVERIFY(InteractionRepository(*db).create(i).ok());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM follow_ups WHERE contact_id = %1").arg(a)), 1);
        Result<QList<FollowUp>> later = FollowUpRepository(*db).bucket(FollowUp::Bucket::Later);
        Result<QList<FollowUp>> week = FollowUpRepository(*db).bucket(FollowUp::Bucket::ThisWeek);
        QVERIFY(later.ok() && week.ok());
        QCOMPARE(later->size() + week->size(), 1);
        const FollowUp f = later->isEmpty() ? week->constFirst() : later->constFirst();
        QCOMPARE(f.note, i.subject);
        QCOMPARE(f.assigneeId, db->currentUserId());
    }
};

QTEST_GUILESS_MAIN(TestInteractionRepository)
#include "tst_interactionrepository.moc"
