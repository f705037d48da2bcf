// `rapport campaign suggest ID [--limit N] [--json]`: the who-to-pitch list from the real binary, its exit
// statuses (0 ok, 1 failed, 2 usage) and its place in `rapport --help`.
#include "domain/campaign.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
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

} // namespace

class TestSuggestCommand final : public QObject
{
    Q_OBJECT

private:
    QString m_path;
    qint64 m_campaign = 0;
    qint64 m_noTopics = 0;
    QHash<QString, qint64> m_people;

    void person(Database &db, const QString &name, const QStringList &beats, int health, bool consent, bool dnc)
    {
        Contact c;
        c.displayName = name;
        c.beats = beats;
        c.consentBasis = consent ? QStringLiteral("consent") : QString();
        c.doNotContact = dnc;
        c.preferredChannel = QStringLiteral("email");
        QVERIFY(ContactRepository(db).create(c).ok());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE contacts SET health_score = %1 WHERE id = %2").arg(health).arg(c.id)));
        m_people.insert(name, c.id);
    }

    QStringList args(const QStringList &more) const
    {
        return QStringList { QStringLiteral("--db"), m_path, QStringLiteral("--lang"), QStringLiteral("en") } + more;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = TestDatabase::tempDir() + QStringLiteral("/suggest.sqlite");
        auto db = Database::open(DatabaseLocation::sqlite(m_path), Database::OpenFlag::CreateIfMissing);
        QVERIFY(db.ok());
        Campaign c;
        c.name = QStringLiteral("Smart thermostat launch");
        c.topics = { QStringLiteral("consumer tech"), QStringLiteral("smart homes") };
        QVERIFY(CampaignRepository(**db).create(c).ok());
        m_campaign = c.id;
        Campaign bare;
        bare.name = QStringLiteral("No brief yet");
        QVERIFY(CampaignRepository(**db).create(bare).ok());
        m_noTopics = bare.id;
        person(**db, QStringLiteral("Ada Strong"), { QStringLiteral("consumer tech") }, 90, true, false);
        person(**db, QStringLiteral("Ben Unconsented"), { QStringLiteral("smart home") }, 50, false, false);
        person(**db, QStringLiteral("Dan Refuses"), { QStringLiteral("consumer tech") }, 99, true, true);
    }

    void json()
    {
        const Run r = rapport(args({ QStringLiteral("campaign"), QStringLiteral("suggest"), QString::number(m_campaign),
            QStringLiteral("--json") }));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("campaign_id")).toInteger(), m_campaign);
        QCOMPARE(o.value(QStringLiteral("topics")).toArray().size(), 2);
        QCOMPARE(o.value(QStringLiteral("candidates")).toInt(), 2);
        const QJsonArray rows = o.value(QStringLiteral("suggestions")).toArray();
        QCOMPARE(rows.size(), 2);
        const QJsonObject ada = rows.at(0).toObject();
        QCOMPARE(ada.value(QStringLiteral("name")).toString(), QStringLiteral("Ada Strong"));
        QCOMPARE(ada.value(QStringLiteral("contact_id")).toInteger(), m_people.value(QStringLiteral("Ada Strong")));
        QVERIFY(ada.value(QStringLiteral("consent")).toBool());
        const QJsonArray reasons = ada.value(QStringLiteral("reasons")).toArray();
        QCOMPARE(
            reasons.at(0).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("covers consumer tech"));
        QCOMPARE(reasons.at(0).toObject().value(QStringLiteral("points")).toInt(), 30);
        QCOMPARE(reasons.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("plus"));
        const QJsonObject ben = rows.at(1).toObject();
        QVERIFY(!ben.value(QStringLiteral("consent")).toBool());
        QCOMPARE(
            ben.value(QStringLiteral("reasons")).toArray().last().toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("note"));
        QVERIFY(!r.out.contains(QStringLiteral("Dan Refuses")));
    }

    void textAndLimit()
    {
        Run r = rapport(args({ QStringLiteral("campaign"), QStringLiteral("suggest"), QString::number(m_campaign) }));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Who to pitch for “Smart thermostat launch” (topics: consumer tech, "
                                                 "smart homes): 2 of 2 people")),
            qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("covers consumer tech; not pitched before; relationship strong (90); "
                                              "prefers email")));
        QVERIFY(r.out.contains(QStringLiteral("Ben Unconsented  [no recorded consent]")));
        r = rapport(args({ QStringLiteral("campaign"), QStringLiteral("suggest"), QString::number(m_campaign),
            QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--json") }));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("suggestions")).toArray().size(), 1);
        QCOMPARE(r.json().value(QStringLiteral("candidates")).toInt(), 2);

        r = rapport(args({ QStringLiteral("campaign"), QStringLiteral("suggest"), QString::number(m_noTopics) }));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("has no topics yet")));
    }

    void exitStatuses_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no id") << QStringList { QStringLiteral("campaign"), QStringLiteral("suggest") } << 2
                               << QStringLiteral("campaign suggest ID");
        QTest::newRow("not a number") << QStringList { QStringLiteral("campaign"), QStringLiteral("suggest"),
            QStringLiteral("abc") } << 2
                                      << QStringLiteral("positive whole number");
        QTest::newRow("bad limit") << QStringList { QStringLiteral("campaign"), QStringLiteral("suggest"),
            QStringLiteral("1"), QStringLiteral("--limit"), QStringLiteral("0") }
                                   << 2 << QStringLiteral("--limit");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("campaign"), QStringLiteral("suggest"),
            QStringLiteral("1"), QStringLiteral("--fast") }
                                        << 2 << QStringLiteral("--fast");
        QTest::newRow("no such campaign") << QStringList { QStringLiteral("campaign"), QStringLiteral("suggest"),
            QStringLiteral("999") } << 1 << QStringLiteral("no longer exists");
    }
    void exitStatuses()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = rapport(args(arguments));
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void missingDatabaseFails()
    {
        const Run r = rapport({ QStringLiteral("--db"), TestDatabase::tempDir() + QStringLiteral("/none.sqlite"),
            QStringLiteral("campaign"), QStringLiteral("suggest"), QStringLiteral("1") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.err.isEmpty());
    }

    void helpListsIt()
    {
        const Run r = rapport({ QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("campaign suggest ID [--limit N]")));
    }
};

QTEST_GUILESS_MAIN(TestSuggestCommand)
#include "tst_suggestcommand.moc"
