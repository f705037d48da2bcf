#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

namespace {

qint64 contact(Database &db, const QString &name, bool doNotContact = false)
{
    Contact c;
    c.displayName = name;
    c.doNotContact = doNotContact;
    c.doNotContactReason = doNotContact ? QStringLiteral("asked in writing") : QString();
    return ContactRepository(db).create(c).ok() ? c.id : -1;
}

} // namespace

class TestCampaignRepository final : public QObject
{
    Q_OBJECT

private slots:
    void createUpdateConflictTrash_data() { TestDatabase::addBackends(); }
    void createUpdateConflictTrash()
    {
        OPEN_TEST_DATABASE(db);
        Organization client;
        client.name = QStringLiteral("Lumora Health");
        client.kind = QStringLiteral("client");
        QVERIFY(OrganizationRepository(*db).create(client).ok());
        CampaignRepository repo(*db);

        Campaign bad;
        bad.name = QStringLiteral("  ");
        QCOMPARE(repo.create(bad).error().field, QStringLiteral("name"));
        bad.name = QStringLiteral("Backwards");
        bad.startsAt = QDateTime(QDate(2026, 5, 1), QTime(9, 0), Qt::UTC);
        bad.endsAt = QDateTime(QDate(2026, 4, 1), QTime(9, 0), Qt::UTC);
        QCOMPARE(repo.create(bad).error().field, QStringLiteral("endsAt"));

        Campaign c;
        c.clientId = client.id;
        c.name = QStringLiteral("Spring wearable launch");
        c.startsAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
        c.goals = QStringLiteral("Ten tier-one articles.\n\nTwo broadcast slots.");
        c.keyMessages = QStringLiteral("Clinically tested.");
        c.topics = { QStringLiteral("wearables"), QStringLiteral("sleep tracking") };
        QVERIFY(repo.create(c).ok());
        Campaign mine = *repo.get(c.id);
        QCOMPARE(mine.goals, c.goals);
        QCOMPARE(mine.keyMessages, c.keyMessages);
        QCOMPARE(mine.topics, c.topics);
        Campaign theirs = *repo.get(c.id);
        theirs.status = QStringLiteral("active");
        QVERIFY(repo.update(theirs).ok());
        mine.description = QStringLiteral("mine");
        QCOMPARE(repo.update(mine).error().code, Error::Code::Conflict);
        QCOMPARE(repo.get(c.id)->status, QStringLiteral("active"));

        QCOMPARE(repo.list(client.id)->size(), 1);
        QVERIFY(repo.moveToTrash(c.id).ok());
        QVERIFY(repo.list(client.id)->isEmpty());
        QVERIFY(repo.restore(c.id).ok());
        QCOMPARE(repo.list()->size(), 1);
    }

    void teamIsWrittenWithTheCampaign_data() { TestDatabase::addBackends(); }
    void teamIsWrittenWithTheCampaign()
    {
        OPEN_TEST_DATABASE(db);
        UserRepository users(*db);
        const qint64 ann = users.ensureUser(QStringLiteral("ann"), QStringLiteral("Ann Archer"))->id;
        const qint64 ben = users.ensureUser(QStringLiteral("ben"), QStringLiteral("Ben Baker"))->id;
        const qint64 cy = users.ensureUser(QStringLiteral("cy"), QStringLiteral("Cy Cole"))->id;
        CampaignRepository repo(*db);
        Campaign c;
        c.name = QStringLiteral("Team launch");
        c.ownerId = ann;
        c.memberIds = { cy, ben, ben };
        QVERIFY(repo.create(c).ok());
        QCOMPARE(repo.get(c.id)->memberIds, (QList<qint64> { qMin(ben, cy), qMax(ben, cy) }));

        Campaign edited = *repo.get(c.id);
        edited.memberIds = { ann };
        QVERIFY(repo.update(edited).ok());
        QCOMPARE(repo.get(c.id)->memberIds, QList<qint64> { ann });

        // A stale save changes neither the row nor the team.
        Campaign stale = c;
        stale.memberIds = { ben };
        QCOMPARE(repo.update(stale).error().code, Error::Code::Conflict);
        QCOMPARE(repo.get(c.id)->memberIds, QList<qint64> { ann });

        // A team member that does not exist fails the whole save.
        Campaign broken = *repo.get(c.id);
        broken.name = QStringLiteral("Renamed");
        broken.memberIds = { 999999 };
        QVERIFY(!repo.update(broken).ok());
        QCOMPARE(repo.get(c.id)->name, QStringLiteral("Team launch"));
        QCOMPARE(repo.get(c.id)->memberIds, QList<qint64> { ann });
    }

    void pitchesMoveThroughTheirStages_data() { TestDatabase::addBackends(); }
    void pitchesMoveThroughTheirStages()
    {
        OPEN_TEST_DATABASE(db);
        CampaignRepository repo(*db);
        Campaign c;
        c.name = QStringLiteral("Autumn fintech report");
        QVERIFY(repo.create(c).ok());
        const qint64 amara = contact(*db, QStringLiteral("Amara Okafor"));
        const qint64 refuses = contact(*db, QStringLiteral("Never Pitch"), true);

        // Never a do-not-contact person.
        Result<Pitch> refused = repo.addPitch(c.id, refuses);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("asked not to be contacted")),
            qPrintable(refused.error().message));

        Result<Pitch> p = repo.addPitch(c.id, amara);
        QVERIFY(p.ok());
        QCOMPARE(repo.addPitch(c.id, amara).error().code, Error::Code::Conflict); // once per campaign

        QVERIFY(repo.setPitchStatus(p->id, QStringLiteral("pitched")).ok());
        Pitch after = repo.pitches(c.id)->first();
        QVERIFY(after.pitchedAt.isValid());
        QVERIFY(!after.repliedAt.isValid());
        QVERIFY(repo.setPitchStatus(p->id, QStringLiteral("interested")).ok());
        after = repo.pitches(c.id)->first();
        QCOMPARE(after.status, QStringLiteral("interested"));
        QVERIFY(after.repliedAt.isValid());
        const QDateTime firstReply = after.repliedAt;
        QVERIFY(repo.setPitchStatus(p->id, QStringLiteral("covered")).ok());
        QCOMPARE(repo.pitches(c.id)->first().repliedAt, firstReply); // stamped once
        QCOMPARE(repo.setPitchStatus(p->id, QStringLiteral("lost")).error().code, Error::Code::Validation);

        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'pitch'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
    }
};

QTEST_GUILESS_MAIN(TestCampaignRepository)
#include "tst_campaignrepository.moc"
