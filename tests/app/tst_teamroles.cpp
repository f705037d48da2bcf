// Team roles on PostgreSQL (issue 14), enforced by the server: each role signs in with its own login and tries
// allowed and forbidden statements with raw SQL (what a person with psql could do), through the repositories
// (what the window does) and through `rapport users …` (the real binary).
#include "domain/campaign.h"
#include "domain/contact.h"
#include "storage/bulkcontactrepository.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/duplicaterepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QList<TeamRole> kRoles = { TeamRole::Viewer, TeamRole::Member, TeamRole::Manager, TeamRole::Admin };

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run rapport(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(QStringLiteral(RAPPORT_BINARY), args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120'000))
        return {};
    return Run { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

} // namespace

class TestTeamRoles final : public QObject
{
    Q_OBJECT

private:
    DatabaseLocation m_admin; // the server's superuser, who migrated the database
    std::unique_ptr<Database> m_db;
    QString m_prefix;
    QList<qint64> m_bulk; // 150 contacts
    qint64 m_contact = 0;
    qint64 m_theirCampaign = 0;
    qint64 m_memberCampaign = 0;

    QString login(TeamRole role) const { return m_prefix + TeamRoles::key(role); }
    static QString password(TeamRole role) { return QStringLiteral("pw-%1-secret").arg(TeamRoles::key(role)); }
    DatabaseLocation locationAs(TeamRole role) const
    {
        DatabaseLocation loc = m_admin;
        loc.user = login(role);
        loc.password = password(role);
        return loc;
    }
    QString urlAs(TeamRole role) const
    {
        return QStringLiteral("postgresql://%1:%2@%3:%4/%5")
            .arg(login(role), password(role), m_admin.host)
            .arg(m_admin.port)
            .arg(m_admin.databaseName);
    }
    std::unique_ptr<Database> openAs(TeamRole role)
    {
        Result<std::unique_ptr<Database>> db = Database::open(locationAs(role));
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        if (Result<User> me = UserRepository(**db).signIn(); !me)
            qFatal("%s", qPrintable(me.error().message));
        return std::move(db).value();
    }

private slots:
    void initTestCase()
    {
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(QStringLiteral("postgres"));
        if (!loc) {
            if (!TestDatabase::postgresRequired())
                QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
            QFAIL(qPrintable(loc.error().message));
        }
        m_admin = *loc;
        Result<std::unique_ptr<Database>> db = Database::open(m_admin);
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        m_db = std::move(db).value();
        Result<User> me = UserRepository(*m_db).signIn();
        QVERIFY2(me, me ? "" : qPrintable(me.error().message));
        QCOMPARE(m_db->teamRole(), TeamRole::Admin); // the superuser

        m_prefix = QStringLiteral("t%1_").arg(QCoreApplication::applicationPid());
        UserRepository users(*m_db);
        for (TeamRole role : kRoles) {
            Result<qint64> id = users.add(login(role), TeamRoles::label(role), QString(), role, password(role));
            QVERIFY2(id, id ? "" : qPrintable(id.error().message));
        }
        ContactRepository contacts(*m_db);
        for (int i = 0; i < 151; ++i) {
            Contact c;
            c.displayName = QStringLiteral("Person %1").arg(i);
            QVERIFY(contacts.create(c));
            if (i == 0)
                m_contact = c.id;
            else
                m_bulk.append(c.id);
        }
        Result<QList<User>> team = users.team();
        QVERIFY(team);
        qint64 memberId = 0;
        for (const User &u : std::as_const(*team))
            if (u.login == login(TeamRole::Member))
                memberId = u.id;
        QVERIFY(memberId > 0);
        CampaignRepository campaigns(*m_db);
        Campaign theirs;
        theirs.name = QStringLiteral("Somebody else's launch");
        QVERIFY(campaigns.create(theirs));
        m_theirCampaign = theirs.id;
        Campaign mine;
        mine.name = QStringLiteral("The member's launch");
        mine.memberIds = { memberId };
        QVERIFY(campaigns.create(mine));
        m_memberCampaign = mine.id;
    }

    void cleanupTestCase()
    {
        m_db.reset();
    }

    // A personal (SQLite) database signs in as the account at the desk, named as the desktop names it (the full
    // name of its GECOS entry), not as "me" when the session has no USER variable.
    void personalDatabaseSignsInAsTheAccount()
    {
        const passwd *account = getpwuid(geteuid());
        QVERIFY(account);
        const QString gecos = QString::fromLocal8Bit(account->pw_gecos).section(u',', 0, 0).trimmed();
        const QByteArray savedUser = qgetenv("USER");
        qunsetenv("USER");
        qunsetenv("USERNAME");
        QCOMPARE(UserRepository::systemLogin(), QString::fromLocal8Bit(account->pw_name));
        qputenv("USER", "desk-login");
        QCOMPARE(UserRepository::systemLogin(), QStringLiteral("desk-login"));
        QCOMPARE(UserRepository::systemName(), gecos.isEmpty() ? QStringLiteral("desk-login") : gecos);

        Result<std::unique_ptr<Database>> personal = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(personal);
        Result<User> me = UserRepository(**personal).signIn();
        if (savedUser.isNull())
            qunsetenv("USER");
        else
            qputenv("USER", savedUser);
        QVERIFY(me);
        QCOMPARE(me->login, QStringLiteral("desk-login"));
        QCOMPARE(me->name, gecos.isEmpty() ? QStringLiteral("desk-login") : gecos);
        QCOMPARE(me->access, TeamRole::Admin);
    }

    void signInGivesTheServersRole()
    {
        for (TeamRole role : kRoles) {
            std::unique_ptr<Database> db = openAs(role);
            QCOMPARE(db->teamRole(), role);
            Result<User> me = UserRepository(*db).signIn();
            QVERIFY(me);
            QCOMPARE(me->login, login(role));
            QCOMPARE(me->access, role);
        }
    }

    // Raw SQL as each role, each statement in a transaction that is rolled back. minimum: the least role that
    // may run it; rowsMatter: a refused UPDATE is filtered by row-level security (0 rows), not an error.
    void rawSql_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("minimum");
        QTest::addColumn<bool>("rowsMatter");
        const auto row = [](const char *name, const QString &sql, TeamRole minimum, bool rowsMatter = false) {
            QTest::newRow(name) << sql << static_cast<int>(minimum) << rowsMatter;
        };
        row("read contacts", QStringLiteral("SELECT count(*) FROM contacts"), TeamRole::Viewer);
        row("read the audit log", QStringLiteral("SELECT count(*) FROM audit_log"), TeamRole::Viewer);
        row("create a contact",
            QStringLiteral("INSERT INTO contacts (display_name, created_at, updated_at) VALUES ('New', 0, 0)"),
            TeamRole::Member);
        row("edit a contact", QStringLiteral("UPDATE contacts SET title = 'Editor', version = version + 1 WHERE id = %1")
                                  .arg(m_contact),
            TeamRole::Member, true);
        row("log an interaction",
            QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, created_at, "
                           "updated_at) VALUES (%1, 'call', 'outbound', 0, 0, 0)")
                .arg(m_contact),
            TeamRole::Member);
        // Schema v20: the search's counts of common prefixes are written by the server's own functions, which
        // run as the schema's owner; editing or erasing a conversation records its slack through them.
        row("read the search's prefix counts", QStringLiteral("SELECT count(*) FROM interaction_prefix_floors"),
            TeamRole::Viewer);
        const TeamRole nobody = static_cast<TeamRole>(static_cast<int>(TeamRole::Admin) + 1);
        row("forge a search prefix count", QStringLiteral("INSERT INTO interaction_prefix_floors VALUES ('zz', 100000)"),
            nobody);
        row("forget the search's slack", QStringLiteral("DELETE FROM interaction_prefix_slack"), nobody);
        row("count the search prefixes again", QStringLiteral("SELECT rapport_count_interaction_prefixes(2000)"),
            TeamRole::Manager);
        row("edit a conversation's text",
            QStringLiteral("DO $$ DECLARE i bigint; BEGIN INSERT INTO interactions (contact_id, channel, direction, "
                           "occurred_at, body, created_at, updated_at) VALUES (%1, 'call', 'outbound', 0, 'hello', 0, 0) "
                           "RETURNING id INTO i; UPDATE interactions SET body = 'goodbye' WHERE id = i; "
                           "IF (SELECT sum(removed) FROM interaction_prefix_slack) IS NULL THEN RAISE 'no slack'; "
                           "END IF; END $$")
                .arg(m_contact),
            TeamRole::Member);
        row("trash 100 contacts at once",
            QStringLiteral("UPDATE contacts SET deleted_at = 1, version = version + 1 WHERE id IN (SELECT id FROM "
                           "contacts WHERE id <> %1 ORDER BY id LIMIT 100)")
                .arg(m_contact),
            TeamRole::Member, true);
        row("change 101 contacts at once",
            QStringLiteral("UPDATE contacts SET kind = 'editor', version = version + 1 WHERE id IN (SELECT id FROM "
                           "contacts ORDER BY id LIMIT 101)"),
            TeamRole::Manager, true);
        row("erase a contact", QStringLiteral("DELETE FROM contacts WHERE id = %1").arg(m_contact), TeamRole::Manager,
            true);
        row("record a merge",
            QStringLiteral("INSERT INTO audit_log (at, action, entity, entity_id) VALUES (0, 'merge', 'contact', %1)")
                .arg(m_contact),
            TeamRole::Manager);
        row("record an edit",
            QStringLiteral("INSERT INTO audit_log (at, action, entity, entity_id) VALUES (0, 'update', 'contact', %1)")
                .arg(m_contact),
            TeamRole::Member);
        row("rewrite the audit log", QStringLiteral("UPDATE audit_log SET details = 'nothing happened'"),
            TeamRole::Admin, true);
        row("empty the audit log", QStringLiteral("DELETE FROM audit_log"), TeamRole::Admin, true);
        row("rewrite the field history", QStringLiteral("UPDATE audit_changes SET new_value = 'x'"), TeamRole::Admin);
        row("edit one's own campaign",
            QStringLiteral("UPDATE campaigns SET name = 'Renamed', version = version + 1 WHERE id = %1")
                .arg(m_memberCampaign),
            TeamRole::Member, true);
        row("edit somebody else's campaign",
            QStringLiteral("UPDATE campaigns SET name = 'Renamed', version = version + 1 WHERE id = %1")
                .arg(m_theirCampaign),
            TeamRole::Manager, true);
        row("pitch on one's own campaign",
            QStringLiteral("INSERT INTO pitches (campaign_id, contact_id, created_at, updated_at) VALUES (%1, %2, 0, 0)")
                .arg(m_memberCampaign)
                .arg(m_contact),
            TeamRole::Member);
        row("pitch on somebody else's campaign",
            QStringLiteral("INSERT INTO pitches (campaign_id, contact_id, created_at, updated_at) VALUES (%1, %2, 0, 0)")
                .arg(m_theirCampaign)
                .arg(m_contact),
            TeamRole::Manager);
        row("add a user row", QStringLiteral("INSERT INTO users (name, login, access, created_at, updated_at) VALUES "
                                             "('Mallory', 'mallory', 'admin', 0, 0)"),
            TeamRole::Admin);
        row("make oneself admin", QStringLiteral("UPDATE users SET access = 'admin' WHERE login = session_user"),
            TeamRole::Admin, true);
        row("add a user through the server",
            QStringLiteral("SELECT rapport_add_user('mallory_%1', 'Mallory', NULL, 'admin', NULL)")
                .arg(QCoreApplication::applicationPid()),
            TeamRole::Admin);
    }

    void rawSql()
    {
        QFETCH(QString, sql);
        QFETCH(int, minimum);
        QFETCH(bool, rowsMatter);
        for (TeamRole role : kRoles) {
            const QString name = QStringLiteral("raw-%1").arg(TeamRoles::key(role));
            {
                QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                raw.setHostName(m_admin.host);
                raw.setPort(m_admin.port);
                raw.setDatabaseName(m_admin.databaseName);
                raw.setUserName(login(role));
                raw.setPassword(password(role));
                QVERIFY2(raw.open(), qPrintable(raw.lastError().text()));
                QSqlQuery q(raw);
                QVERIFY(q.exec(QStringLiteral("BEGIN")));
                const bool ran = q.exec(sql);
                const bool allowed = ran && (!rowsMatter || q.numRowsAffected() > 0);
                const QString why = ran ? QStringLiteral("%1 rows").arg(q.numRowsAffected()) : q.lastError().text();
                const bool expected = static_cast<int>(role) >= minimum;
                QVERIFY2(allowed == expected,
                    qPrintable(QStringLiteral("%1: %2 (%3)")
                                   .arg(TeamRoles::key(role), expected ? u"refused"_s : u"allowed"_s, why)));
                if (!ran && !q.lastError().nativeErrorCode().startsWith(u"23"))
                    QCOMPARE(q.lastError().nativeErrorCode(), u"42501"_s); // refused for its role, not broken
                QVERIFY(QSqlQuery(raw).exec(QStringLiteral("ROLLBACK")));
                raw.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    }

    // What the window does, as a member and a viewer: the server's refusal comes back as Forbidden, with words.
    void repositoriesAsMemberAndViewer()
    {
        std::unique_ptr<Database> viewer = openAs(TeamRole::Viewer);
        Contact c;
        c.displayName = QStringLiteral("Not allowed");
        Status created = ContactRepository(*viewer).create(c);
        QVERIFY(!created);
        QCOMPARE(created.error().code, Error::Code::Forbidden);
        QVERIFY2(created.error().message.contains(u"role"), qPrintable(created.error().message));

        std::unique_ptr<Database> member = openAs(TeamRole::Member);
        Contact mine;
        mine.displayName = QStringLiteral("Member's contact");
        QVERIFY(ContactRepository(*member).create(mine));
        Result<QList<qint64>> tagged = BulkContactRepository(*member).addTag(m_bulk.mid(0, 100), u"press"_s, u"tag"_s);
        QVERIFY2(tagged, tagged ? "" : qPrintable(tagged.error().message));
        Result<QList<qint64>> tooMany = BulkContactRepository(*member).addTag(m_bulk, u"launch"_s, u"tag"_s);
        QVERIFY(!tooMany);
        QCOMPARE(tooMany.error().code, Error::Code::Forbidden);
        Result<MergeRecord> merged = DuplicateRepository(*member).merge(m_bulk.at(0), m_bulk.at(1));
        QVERIFY(!merged);
        QCOMPARE(merged.error().code, Error::Code::Forbidden);

        std::unique_ptr<Database> manager = openAs(TeamRole::Manager);
        QVERIFY(BulkContactRepository(*manager).addTag(m_bulk, u"launch"_s, u"tag"_s));
        Result<MergeRecord> managerMerge = DuplicateRepository(*manager).merge(m_bulk.at(0), m_bulk.at(1));
        QVERIFY2(managerMerge, managerMerge ? "" : qPrintable(managerMerge.error().message));
    }

    void commandLine()
    {
        const QString newcomer = m_prefix + u"newcomer"_s;
        // A member may list but not add.
        Run list = rapport({ u"--db"_s, urlAs(TeamRole::Member), u"users"_s, u"list"_s, u"--json"_s });
        QCOMPARE(list.exitCode, 0);
        const QJsonArray people = QJsonDocument::fromJson(list.out.toUtf8()).array();
        bool sawViewer = false;
        for (const QJsonValue &p : people)
            if (p[u"login"_s].toString() == login(TeamRole::Viewer))
                sawViewer = p[u"role"_s].toString() == u"viewer" && p[u"active"_s].toBool();
        QVERIFY2(sawViewer, qPrintable(list.out));

        Run refused = rapport({ u"--db"_s, urlAs(TeamRole::Member), u"users"_s, u"add"_s, newcomer, u"--role"_s,
                                  u"viewer"_s },
            "newcomer-password\n");
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"admin"), qPrintable(refused.err));

        Run bad = rapport({ u"--db"_s, urlAs(TeamRole::Admin), u"users"_s, u"add"_s, newcomer, u"--role"_s,
                              u"boss"_s },
            "x\n");
        QCOMPARE(bad.exitCode, 2);

        Run added = rapport({ u"--db"_s, urlAs(TeamRole::Admin), u"users"_s, u"add"_s, newcomer, u"--role"_s,
                                u"viewer"_s, u"--name"_s, u"New Comer"_s },
            "newcomer-password\n");
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        // The newcomer signs in with that password, as a viewer.
        DatabaseLocation asNewcomer = m_admin;
        asNewcomer.user = newcomer;
        asNewcomer.password = u"newcomer-password"_s;
        {
            Result<std::unique_ptr<Database>> db = Database::open(asNewcomer);
            QVERIFY2(db, db ? "" : qPrintable(db.error().message));
            QVERIFY(UserRepository(**db).signIn());
            QCOMPARE((*db)->teamRole(), TeamRole::Viewer);
        }
        Run promoted = rapport({ u"--db"_s, urlAs(TeamRole::Admin), u"users"_s, u"set-role"_s, newcomer,
            u"manager"_s });
        QVERIFY2(promoted.exitCode == 0, qPrintable(promoted.err));
        {
            Result<std::unique_ptr<Database>> db = Database::open(asNewcomer);
            QVERIFY(db);
            QVERIFY(UserRepository(**db).signIn());
            QCOMPARE((*db)->teamRole(), TeamRole::Manager);
        }
        Run memberDeactivates = rapport({ u"--db"_s, urlAs(TeamRole::Member), u"users"_s, u"deactivate"_s, newcomer });
        QCOMPARE(memberDeactivates.exitCode, 1);
        Run deactivated = rapport({ u"--db"_s, urlAs(TeamRole::Admin), u"users"_s, u"deactivate"_s, newcomer });
        QVERIFY2(deactivated.exitCode == 0, qPrintable(deactivated.err));
        QVERIFY(!Database::open(asNewcomer)); // the server no longer lets them in

        Run after = rapport({ u"--db"_s, urlAs(TeamRole::Viewer), u"users"_s, u"list"_s });
        QCOMPARE(after.exitCode, 0);
        QVERIFY2(after.out.contains(newcomer), qPrintable(after.out));

        // SQLite: one person, an admin; no team to manage.
        const QString file = TestDatabase::tempDir() + u"/personal.sqlite"_s;
        Run personal = rapport({ u"--db"_s, file, u"users"_s, u"list"_s, u"--json"_s });
        QCOMPARE(personal.exitCode, 0);
        const QJsonArray one = QJsonDocument::fromJson(personal.out.toUtf8()).array();
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.at(0)[u"role"_s].toString(), u"admin"_s);
        Run noTeam = rapport({ u"--db"_s, file, u"users"_s, u"add"_s, u"someone"_s, u"--role"_s, u"member"_s },
            "pw\n");
        QCOMPARE(noTeam.exitCode, 1);
        QVERIFY2(noTeam.err.contains(u"PostgreSQL"), qPrintable(noTeam.err));
    }

    // docs/TEAM.md's setup: the schema is made by rapport_owner, a role with CREATEROLE but not a superuser,
    // which owns the database. Row-level security is forced on the owner too, so this is the case where a
    // policy or a trigger that reads a protected table would fail; the superuser of the other tests bypasses it.
    void aNonSuperuserOwnerMigratesAndAddsPeople()
    {
        const QString owner = m_prefix + u"owner"_s;
        const QString agency = m_prefix + u"agency"_s;
        {
            QSqlQuery q(m_db->connection());
            QVERIFY2(q.exec(u"CREATE ROLE %1 LOGIN CREATEROLE PASSWORD 'owner-secret'"_s.arg(owner)),
                qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(u"CREATE DATABASE %1 OWNER %2"_s.arg(agency, owner)), qPrintable(q.lastError().text()));
        }
        DatabaseLocation asOwner = m_admin;
        asOwner.databaseName = agency;
        asOwner.user = owner;
        asOwner.password = u"owner-secret"_s;
        Result<std::unique_ptr<Database>> ownerDb = Database::open(asOwner); // migrates to the latest version
        QVERIFY2(ownerDb, ownerDb ? "" : qPrintable(ownerDb.error().message));
        Result<User> me = UserRepository(**ownerDb).signIn();
        QVERIFY2(me, me ? "" : qPrintable(me.error().message));
        QCOMPARE((*ownerDb)->teamRole(), TeamRole::Admin); // made an admin by the migration
        {
            QSqlQuery q((*ownerDb)->connection());
            QVERIFY(q.exec(u"SELECT rolsuper FROM pg_roles WHERE rolname = current_user"_s) && q.next());
            QVERIFY(!q.value(0).toBool());
        }

        const QString person = m_prefix + u"agency_member"_s;
        Result<qint64> added = UserRepository(**ownerDb).add(person, u"Agency Member"_s, QString(), TeamRole::Member,
            u"member-secret"_s);
        QVERIFY2(added, added ? "" : qPrintable(added.error().message));
        DatabaseLocation asMember = asOwner;
        asMember.user = person;
        asMember.password = u"member-secret"_s;
        Result<std::unique_ptr<Database>> memberDb = Database::open(asMember);
        QVERIFY2(memberDb, memberDb ? "" : qPrintable(memberDb.error().message));
        QVERIFY(UserRepository(**memberDb).signIn());
        QCOMPARE((*memberDb)->teamRole(), TeamRole::Member);
        Contact c;
        c.displayName = u"Written by a member"_s;
        Status created = ContactRepository(**memberDb).create(c);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        c.title = u"Editor"_s;
        Status updated = ContactRepository(**memberDb).update(c);
        QVERIFY2(updated, updated ? "" : qPrintable(updated.error().message));
        // The member's write is in the owner's view of the field history, under the member's name.
        QSqlQuery q((*ownerDb)->connection());
        QVERIFY(q.exec(u"SELECT count(*) FROM audit_changes ch JOIN users u ON u.id = ch.user_id WHERE ch.entity = "
                       "'contact' AND ch.entity_id = %1 AND ch.field = 'title' AND ch.new_value = 'Editor' AND u.login = '%2'"_s
                           .arg(c.id)
                           .arg(person)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        // A write with psql, which does not say who: the server knows, and the history says so.
        QVERIFY(QSqlQuery((*memberDb)->connection())
                    .exec(u"UPDATE contacts SET city = 'Lyon', version = version + 1 WHERE id = %1"_s.arg(c.id)));
        QVERIFY(q.exec(u"SELECT u.login FROM audit_changes ch LEFT JOIN users u ON u.id = ch.user_id WHERE ch.entity = "
                       "'contact' AND ch.entity_id = %1 AND ch.field = 'city'"_s.arg(c.id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), person);
        QSqlQuery erase((*memberDb)->connection());
        QVERIFY(!erase.exec(u"DELETE FROM contacts WHERE id = %1"_s.arg(c.id)));
        QCOMPARE(erase.lastError().nativeErrorCode(), u"42501"_s);
        QVERIFY(ContactRepository(**ownerDb).get(c.id));
    }
};

QTEST_GUILESS_MAIN(TestTeamRoles)
#include "tst_teamroles.moc"
