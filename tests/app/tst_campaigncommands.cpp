// `rapport campaigns list [--client ID] [--json]` and `rapport campaign show ID [--json]` from the real binary:
// output, exit statuses (0 ok, 1 failed, 2 usage) and their place in `rapport --help`.
#include "domain/campaign.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run rapport(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(RAPPORT_BINARY), args);
    if (!p.waitForFinished(120'000))
        return {};
    return Run { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

struct Fixture
{
    QString path;
    qint64 acme = 0;
    qint64 launch = 0; // Acme's, with pitches and coverage
    qint64 study = 0; // no client
};

Fixture fixture()
{
    Fixture f;
    f.path = TestDatabase::tempDir() + QStringLiteral("/campaigns-%1.sqlite").arg(QDateTime::currentMSecsSinceEpoch());
    auto opened = Database::open(DatabaseLocation::sqlite(f.path), Database::OpenFlag::CreateIfMissing);
    if (!opened)
        qFatal("%s", qPrintable(opened.error().message));
    Database &db = **opened;
    const qint64 owner = UserRepository(db).ensureUser(QStringLiteral("ann"), QStringLiteral("Ann Archer"))->id;
    const qint64 member = UserRepository(db).ensureUser(QStringLiteral("ben"), QStringLiteral("Ben Baker"))->id;
    Organization acme;
    acme.name = QStringLiteral("Acme Robotics");
    acme.kind = QStringLiteral("client");
    if (!OrganizationRepository(db).create(acme))
        qFatal("client");
    f.acme = acme.id;
    CampaignRepository repo(db);
    Campaign launch;
    launch.name = QStringLiteral("Home robot launch");
    launch.clientId = acme.id;
    launch.status = QStringLiteral("active");
    launch.startsAt = QDateTime(QDate(2026, 4, 1), QTime(9, 0), Qt::UTC);
    launch.endsAt = QDateTime(QDate(2026, 6, 30), QTime(18, 0), Qt::UTC);
    launch.ownerId = owner;
    launch.memberIds = { member };
    launch.goals = QStringLiteral("Ten tier-one articles.");
    launch.keyMessages = QStringLiteral("Quiet.\nSafe.");
    launch.topics = { QStringLiteral("robots"), QStringLiteral("smart home") };
    if (!repo.create(launch))
        qFatal("campaign");
    f.launch = launch.id;
    Campaign study;
    study.name = QStringLiteral("Sleep study");
    study.startsAt = QDateTime(QDate(2026, 1, 10), QTime(9, 0), Qt::UTC);
    if (!repo.create(study))
        qFatal("campaign");
    f.study = study.id;
    const QStringList statuses = { QStringLiteral("planned"), QStringLiteral("pitched"), QStringLiteral("replied"),
        QStringLiteral("covered") };
    for (int i = 0; i < statuses.size(); ++i) {
        Contact c;
        c.displayName = QStringLiteral("Writer %1").arg(i);
        if (!ContactRepository(db).create(c))
            qFatal("contact");
        Result<Pitch> p = repo.addPitch(launch.id, c.id);
        if (!p || (i > 0 && !repo.setPitchStatus(p->id, statuses.at(i))))
            qFatal("pitch");
        if (statuses.at(i) == u"covered") {
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("INSERT INTO coverage (campaign_id, contact_id, organization_id, title, url, reach, "
                                     "sentiment, published_at, created_at, updated_at, version) VALUES (:c, :p, :o, "
                                     "'Robots that tidy up', 'https://example.org/tidy', 250000, 1, 1777000000000, 0, 0, 1)"));
            q.bindValue(QStringLiteral(":c"), launch.id);
            q.bindValue(QStringLiteral(":p"), c.id);
            q.bindValue(QStringLiteral(":o"), acme.id);
            if (!q.exec())
                qFatal("coverage");
        }
    }
    return f;
}

} // namespace

class TestCampaignCommands final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsCampaignsWithTheirFigures()
    {
        const Fixture f = fixture();
        Run run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaigns"), QStringLiteral("list"),
            QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonArray campaigns = run.json().value(QStringLiteral("campaigns")).toArray();
        QCOMPARE(campaigns.size(), 2);
        const QJsonObject first = campaigns.at(0).toObject(); // the newest start first
        QCOMPARE(first.value(QStringLiteral("id")).toInteger(), f.launch);
        QCOMPARE(first.value(QStringLiteral("client")).toString(), QStringLiteral("Acme Robotics"));
        QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
        QCOMPARE(first.value(QStringLiteral("on_list")).toInteger(), 4);
        QCOMPARE(first.value(QStringLiteral("pitched")).toInteger(), 3);
        QCOMPARE(first.value(QStringLiteral("replied")).toInteger(), 2);
        QCOMPARE(first.value(QStringLiteral("covered")).toInteger(), 1);
        QCOMPARE(first.value(QStringLiteral("reach")).toInteger(), 250000);
        QCOMPARE(campaigns.at(1).toObject().value(QStringLiteral("id")).toInteger(), f.study);

        run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaigns"), QStringLiteral("list"),
            QStringLiteral("--client"), QString::number(f.acme) });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("Home robot launch")));
        QVERIFY(!run.out.contains(QStringLiteral("Sleep study")));

        // Bad usage and failures.
        run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaigns"), QStringLiteral("list"),
            QStringLiteral("--client"), QStringLiteral("abc") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("--client")));
        run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaigns") });
        QCOMPARE(run.exitCode, 2);
        run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaigns"), QStringLiteral("list"),
            QStringLiteral("--client"), QStringLiteral("99999") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("99999")));
    }

    void showsABrief()
    {
        const Fixture f = fixture();
        Run run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaign"), QStringLiteral("show"),
            QString::number(f.launch), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = run.json();
        const QJsonObject brief = json.value(QStringLiteral("campaign")).toObject();
        QCOMPARE(brief.value(QStringLiteral("name")).toString(), QStringLiteral("Home robot launch"));
        QCOMPARE(brief.value(QStringLiteral("client")).toString(), QStringLiteral("Acme Robotics"));
        QCOMPARE(brief.value(QStringLiteral("owner")).toString(), QStringLiteral("Ann Archer"));
        QCOMPARE(brief.value(QStringLiteral("team")).toArray(), QJsonArray { QStringLiteral("Ben Baker") });
        QCOMPARE(brief.value(QStringLiteral("topics")).toArray(),
            (QJsonArray { QStringLiteral("robots"), QStringLiteral("smart home") }));
        QCOMPARE(brief.value(QStringLiteral("starts_at")).toString(), QStringLiteral("2026-04-01T09:00:00Z"));
        const QJsonObject pitches = json.value(QStringLiteral("pitches")).toObject();
        QCOMPARE(pitches.size(), 6);
        QCOMPARE(pitches.value(QStringLiteral("planned")).toInteger(), 1);
        QCOMPARE(pitches.value(QStringLiteral("covered")).toInteger(), 1);
        QCOMPARE(pitches.value(QStringLiteral("declined")).toInteger(), 0);
        const QJsonArray coverage = json.value(QStringLiteral("coverage")).toArray();
        QCOMPARE(coverage.size(), 1);
        QCOMPARE(coverage.at(0).toObject().value(QStringLiteral("author")).toString(), QStringLiteral("Writer 3"));
        QCOMPARE(coverage.at(0).toObject().value(QStringLiteral("sentiment")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("total_reach")).toInteger(), 250000);

        run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaign"), QStringLiteral("show"),
            QString::number(f.launch) });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("Home robot launch")));
        QVERIFY(run.out.contains(QStringLiteral("Robots that tidy up")));
        QVERIFY(run.out.contains(QStringLiteral("Ten tier-one articles.")));

        run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaign"), QStringLiteral("show"),
            QStringLiteral("99999") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("no campaign with id 99999")));
        run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaign"), QStringLiteral("show") });
        QCOMPARE(run.exitCode, 2);
        run = rapport({ QStringLiteral("--db"), f.path, QStringLiteral("campaign"), QStringLiteral("show"),
            QStringLiteral("x") });
        QCOMPARE(run.exitCode, 2);
    }

    void inTheHelp()
    {
        const Run run = rapport({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("campaigns list [--client ID]")));
        QVERIFY(run.out.contains(QStringLiteral("campaign show ID")));
    }
};

QTEST_GUILESS_MAIN(TestCampaignCommands)
#include "tst_campaigncommands.moc"
