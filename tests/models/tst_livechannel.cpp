#include "itemmodels/contactlistmodel.h"
#include "itemmodels/organizationlistmodel.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/livechannel.h"
#include "storage/livelistener.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// Team mode's live channel (issue 14) against the real PostgreSQL of tests/run-tests.sh: two connections to
// one database, as two people; what one writes (through the repositories, which publish nothing themselves)
// reaches the other's models only through the server's notifications.
namespace {

constexpr int kWait = 20000; // generous: the machine may be busy; nothing asserts how fast

struct Pair
{
    std::unique_ptr<Database> writer;
    std::unique_ptr<Database> reader;
};

// Two connections to one fresh PostgreSQL database; skips where PostgreSQL is not configured.
std::optional<Pair> openPair()
{
    Result<DatabaseLocation> location = TestDatabase::freshLocation(QStringLiteral("postgres"));
    if (!location)
        return std::nullopt;
    Result<std::unique_ptr<Database>> a = Database::open(*location);
    Result<std::unique_ptr<Database>> b = Database::open(*location);
    if (!a || !b)
        qFatal("opening the test database twice failed");
    return Pair { std::move(a).value(), std::move(b).value() };
}

#define OPEN_PAIR(p)                                                                                                   \
    std::optional<Pair> p = openPair();                                                                                \
    if (!p) {                                                                                                          \
        if (TestDatabase::postgresRequired())                                                                          \
            QFAIL("RAPPORT_TEST_PG_URL is not set");                                                                   \
        QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");                                               \
    }

qint64 addContact(Database &db, const QString &name, const QString &title = QString())
{
    Contact c;
    c.displayName = name;
    c.title = title;
    if (Status s = ContactRepository(db).create(c); !s)
        qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    return c.id;
}

void rename(Database &db, qint64 id, const QString &title)
{
    Result<Contact> c = ContactRepository(db).get(id);
    QVERIFY(c);
    c->title = title;
    QVERIFY2(ContactRepository(db).update(*c), "update failed");
}

QString titleInRow(const ContactListModel &model, qint64 id)
{
    const int row = model.rowOfId(id);
    return row < 0 ? QString() : model.index(row, ContactListModel::TitleColumn).data().toString();
}

// The backend pids of this database's listening connections (LiveListener names itself rapport-live).
QList<qint64> listenerPids(Database &db)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name = 'rapport-live' "
                          "AND datname = current_database()"));
    QList<qint64> pids;
    while (q.next())
        pids.append(q.value(0).toLongLong());
    return pids;
}

bool terminate(Database &db, qint64 pid)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT pg_terminate_backend(:pid)"));
    q.bindValue(QStringLiteral(":pid"), pid);
    return q.exec() && q.next() && q.value(0).toBool();
}

bool gone(Database &db, qint64 pid)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"));
    q.bindValue(QStringLiteral(":pid"), pid);
    return q.exec() && q.next() && q.value(0).toInt() == 0;
}

// Remote or catch-up changes of `table` naming `id`, as ChangeNotifier::changed reported them.
int changesNaming(const QSignalSpy &spy, Change::Table table, qint64 id, Change::Origin origin)
{
    int n = 0;
    for (const QList<QVariant> &args : spy) {
        const Change c = args.at(0).value<Change>();
        if (c.table == table && c.origin == origin && (c.ids.contains(id) || c.contactIds.contains(id)))
            ++n;
    }
    return n;
}

} // namespace

class TestLiveChannel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesPayloads();
    void triggersOnlyOnPostgres_data() { TestDatabase::addBackends(); }
    void triggersOnlyOnPostgres();
    void anotherConnectionsEditsReachTheModels();
    void ownWritesAreSkipped();
    void catchesUpAfterALostConnection();
    void reconnectsByItself();
    void teamRolesUnderRowLevelSecurity();
};

void TestLiveChannel::parsesPayloads()
{
    Change c;
    qint64 pid = 0;
    qint64 audit = 0;
    QVERIFY(LiveListener::parsePayload(
        QStringLiteral(R"({"t":"interactions","p":42,"a":7,"ids":[5,6],"c":[9],"k":[],"i":true})"), &c, &pid, &audit));
    QCOMPARE(c.table, Change::Table::Interactions);
    QCOMPARE(c.ids, (QList<qint64> { 5, 6 }));
    QCOMPARE(c.contactIds, QList<qint64> { 9 });
    QVERIFY(c.campaignIds.isEmpty());
    QVERIFY(c.touchesInbox);
    QCOMPARE(c.origin, Change::Origin::Remote);
    QCOMPARE(pid, 42);
    QCOMPARE(audit, 7);

    // More than 100 rows: null lists, "not known which".
    QVERIFY(LiveListener::parsePayload(
        QStringLiteral(R"({"t":"contacts","p":1,"a":null,"ids":null,"c":null,"k":null,"i":false})"), &c, &pid, &audit));
    QCOMPARE(c.table, Change::Table::Contacts);
    QVERIFY(c.ids.isEmpty());
    QCOMPARE(audit, -1);

    // A content item is its campaign's.
    QVERIFY(LiveListener::parsePayload(
        QStringLiteral(R"({"t":"content_items","p":1,"a":3,"ids":[70],"c":[],"k":[12],"i":false})"), &c, &pid, &audit));
    QCOMPARE(c.table, Change::Table::Campaigns);
    QCOMPARE(c.ids, QList<qint64> { 12 });

    QVERIFY(!LiveListener::parsePayload(QStringLiteral("not json"), &c, &pid, &audit));
    QVERIFY(!LiveListener::parsePayload(QStringLiteral(R"({"t":"users"})"), &c, &pid, &audit));
}

void TestLiveChannel::triggersOnlyOnPostgres()
{
    OPEN_TEST_DATABASE(db);
    QSqlQuery q(db->connection());
    if (db->isPostgres()) {
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%\\_notify\\_%'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 27); // nine tables × insert, update, delete
    } else {
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                                      "'%notify%'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // The channel stays off: one file, one writer.
        LiveChannel channel(*db);
        channel.start();
        QCOMPARE(channel.state(), LiveChannel::State::Off);
    }
}

void TestLiveChannel::anotherConnectionsEditsReachTheModels()
{
    OPEN_PAIR(p);
    const qint64 ada = addContact(*p->writer, QStringLiteral("Ada Lovelace"), QStringLiteral("Editor"));
    const qint64 bob = addContact(*p->writer, QStringLiteral("Bob Dylan"), QStringLiteral("Critic"));
    Organization outlet;
    outlet.name = QStringLiteral("Daily Planet");
    QVERIFY(OrganizationRepository(*p->writer).create(outlet));

    ContactListModel contacts(*p->reader);
    QAbstractItemModelTester contactsTester(&contacts, QAbstractItemModelTester::FailureReportingMode::Fatal);
    OrganizationListModel organizations(*p->reader);
    QAbstractItemModelTester organizationsTester(&organizations, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(contacts.rowCount(), 2);
    QItemSelectionModel selection(&contacts);
    selection.setCurrentIndex(contacts.index(contacts.rowOfId(bob), 0), QItemSelectionModel::SelectCurrent);
    QSignalSpy resets(&contacts, &QAbstractItemModel::modelReset);
    QSignalSpy changed(ChangeNotifier::instance(), &ChangeNotifier::changed);

    LiveChannel channel(*p->reader);
    QSignalSpy states(&channel, &LiveChannel::stateChanged);
    channel.start();
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Live, kWait);

    // A field: the row shows it, in place.
    rename(*p->writer, ada, QStringLiteral("Editor-in-chief"));
    QTRY_COMPARE_WITH_TIMEOUT(titleInRow(contacts, ada), QStringLiteral("Editor-in-chief"), kWait);
    QVERIFY(changesNaming(changed, Change::Table::Contacts, ada, Change::Origin::Remote) >= 1);

    // A new contact: inserted (sorted by name: "Aaron" before Ada), the current row stays Bob's.
    const qint64 aaron = addContact(*p->writer, QStringLiteral("Aaron Swartz"));
    QTRY_COMPARE_WITH_TIMEOUT(contacts.rowCount(), 3, kWait);
    QCOMPARE(contacts.rowOfId(aaron), 0);
    QCOMPARE(contacts.data(selection.currentIndex(), ContactListModel::IdRole).toLongLong(), bob);

    // Trashed elsewhere: the row leaves.
    QVERIFY(ContactRepository(*p->writer).moveToTrash(ada));
    QTRY_COMPARE_WITH_TIMEOUT(contacts.rowCount(), 2, kWait);
    QCOMPARE(contacts.rowOfId(ada), -1);
    QCOMPARE(contacts.data(selection.currentIndex(), ContactListModel::IdRole).toLongLong(), bob);
    QCOMPARE(resets.count(), 0); // never a reset: scroll position and selection stay

    // An organization renamed elsewhere.
    outlet.name = QStringLiteral("The Daily Planet");
    QVERIFY(OrganizationRepository(*p->writer).update(outlet));
    QTRY_COMPARE_WITH_TIMEOUT(
        organizations.index(organizations.rowOf(outlet.id), OrganizationListModel::NameColumn).data().toString(),
        QStringLiteral("The Daily Planet"), kWait);
    QVERIFY(channel.receivedCount() >= 4);
    QCOMPARE(states.count(), 2); // Connecting, Live; never Offline
}

void TestLiveChannel::ownWritesAreSkipped()
{
    OPEN_PAIR(p);
    const qint64 mine = addContact(*p->reader, QStringLiteral("Mine"));
    const qint64 theirs = addContact(*p->writer, QStringLiteral("Theirs"));
    LiveChannel channel(*p->reader);
    channel.start();
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Live, kWait);
    QSignalSpy changed(ChangeNotifier::instance(), &ChangeNotifier::changed);

    // The window's own write first, then someone else's: notifications arrive in commit order, so once the
    // second is here the first would have been too.
    rename(*p->reader, mine, QStringLiteral("by me"));
    rename(*p->writer, theirs, QStringLiteral("by them"));
    QTRY_VERIFY_WITH_TIMEOUT(changesNaming(changed, Change::Table::Contacts, theirs, Change::Origin::Remote) > 0, kWait);
    QCOMPARE(changesNaming(changed, Change::Table::Contacts, mine, Change::Origin::Remote), 0);
}

void TestLiveChannel::catchesUpAfterALostConnection()
{
    OPEN_PAIR(p);
    const qint64 ada = addContact(*p->writer, QStringLiteral("Ada Lovelace"), QStringLiteral("Editor"));
    ContactListModel contacts(*p->reader);
    QAbstractItemModelTester tester(&contacts, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy changed(ChangeNotifier::instance(), &ChangeNotifier::changed);

    // Quick to notice, slow to retry by itself: the test says when to reconnect, so the change below is
    // certainly made while nobody listens (a notification is never replayed).
    LiveChannel::Options options;
    options.heartbeatMs = 100;
    options.firstRetryMs = 600000;
    options.maxRetryMs = 600000;
    LiveChannel channel(*p->reader, options);
    channel.start();
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Live, kWait);

    const QList<qint64> pids = listenerPids(*p->writer);
    QCOMPARE(pids.size(), 1);
    QVERIFY(terminate(*p->writer, pids.first()));
    QTRY_VERIFY_WITH_TIMEOUT(gone(*p->writer, pids.first()), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Offline, kWait);

    rename(*p->writer, ada, QStringLiteral("Changed while offline"));
    QCOMPARE(titleInRow(contacts, ada), QStringLiteral("Editor"));

    channel.reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Live, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(titleInRow(contacts, ada), QStringLiteral("Changed while offline"), kWait);
    QVERIFY(changesNaming(changed, Change::Table::Contacts, ada, Change::Origin::CatchUp) >= 1);
    QCOMPARE(changesNaming(changed, Change::Table::Contacts, ada, Change::Origin::Remote), 0);
    QVERIFY(channel.lastCatchUpEntries() >= 1);
}

void TestLiveChannel::reconnectsByItself()
{
    OPEN_PAIR(p);
    const qint64 ada = addContact(*p->writer, QStringLiteral("Ada Lovelace"), QStringLiteral("Editor"));
    ContactListModel contacts(*p->reader);
    LiveChannel::Options options;
    options.heartbeatMs = 100;
    options.firstRetryMs = 100;
    LiveChannel channel(*p->reader, options);
    QList<LiveChannel::State> seen;
    connect(&channel, &LiveChannel::stateChanged, this, [&seen](LiveChannel::State s) { seen.append(s); });
    channel.start();
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Live, kWait);

    // Both of the reader's connections are cut, as by a restarted server.
    const qint64 windowPid = p->reader->backendPid();
    const QList<qint64> pids = listenerPids(*p->writer);
    QCOMPARE(pids.size(), 1);
    QVERIFY(terminate(*p->writer, pids.first()));
    QVERIFY(terminate(*p->writer, windowPid));
    QTRY_VERIFY_WITH_TIMEOUT(seen.contains(LiveChannel::State::Offline), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Live, kWait);

    // The window's connection was opened again (a new server process) and works.
    QVERIFY(p->reader->backendPid() != windowPid);
    QVERIFY(p->reader->ping());
    rename(*p->writer, ada, QStringLiteral("After the outage"));
    QTRY_COMPARE_WITH_TIMEOUT(titleInRow(contacts, ada), QStringLiteral("After the outage"), kWait);
    rename(*p->reader, ada, QStringLiteral("Written by the window again"));
    QCOMPARE(ContactRepository(*p->writer).get(ada)->title, QStringLiteral("Written by the window again"));
}

// docs/TEAM.md's setup, not the superuser of the other tests (who bypasses row-level security): the schema
// made by rapport_owner (CREATEROLE, not a superuser), a member who writes and a viewer who watches, each on
// a connection of their own. The notification trigger reads max(audit_log.id) as the function's owner, where
// row-level security would hide rows silently (no error, just NULL); the viewer's catch-up reads the audit log.
void TestLiveChannel::teamRolesUnderRowLevelSecurity()
{
    Result<DatabaseLocation> server = TestDatabase::freshLocation(QStringLiteral("postgres"));
    if (!server) {
        if (TestDatabase::postgresRequired())
            QFAIL(qPrintable(server.error().message));
        QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
    }
    const QString prefix = QStringLiteral("live%1_").arg(QCoreApplication::applicationPid());
    DatabaseLocation asOwner = *server;
    asOwner.user = prefix + QStringLiteral("owner");
    asOwner.password = QStringLiteral("owner-secret");
    asOwner.databaseName = prefix + QStringLiteral("agency");
    // The superuser of run-tests.sh sets the server up, as the administrator does in docs/TEAM.md, and later
    // plays the network that cuts the viewer's connection: cutting another role's session takes superuser or
    // pg_signal_backend, which the owner does not have and Rapport never needs.
    std::unique_ptr<Database> super = std::move(Database::open(*server, Database::OpenFlag::NoMigrate)).value();
    {
        QSqlQuery q(super->connection());
        QVERIFY2(q.exec(QStringLiteral("CREATE ROLE %1 LOGIN CREATEROLE PASSWORD 'owner-secret'").arg(asOwner.user)),
            qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(asOwner.databaseName, asOwner.user)),
            qPrintable(q.lastError().text()));
    }
    Result<std::unique_ptr<Database>> owner = Database::open(asOwner); // migrates: v12's function is the owner's
    QVERIFY2(owner, owner ? "" : qPrintable(owner.error().message));
    QVERIFY(UserRepository(**owner).signIn());
    QCOMPARE((*owner)->teamRole(), TeamRole::Admin);
    for (const auto &[who, role] : { std::pair { QStringLiteral("member"), TeamRole::Member },
             std::pair { QStringLiteral("viewer"), TeamRole::Viewer } }) {
        Result<qint64> added = UserRepository(**owner).add(prefix + who, who, QString(), role, who + QStringLiteral("-pw"));
        QVERIFY2(added, added ? "" : qPrintable(added.error().message));
    }
    const auto openAs = [&](const QString &who) {
        DatabaseLocation l = asOwner;
        l.user = prefix + who;
        l.password = who + QStringLiteral("-pw");
        Result<std::unique_ptr<Database>> db = Database::open(l);
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        if (!UserRepository(**db).signIn())
            qFatal("signing in as %s failed", qPrintable(who));
        return std::move(db).value();
    };
    std::unique_ptr<Database> member = openAs(QStringLiteral("member"));
    std::unique_ptr<Database> viewer = openAs(QStringLiteral("viewer"));
    QCOMPARE(member->teamRole(), TeamRole::Member);
    QCOMPARE(viewer->teamRole(), TeamRole::Viewer);

    const qint64 ada = addContact(*member, QStringLiteral("Ada Lovelace"), QStringLiteral("Editor"));
    ContactListModel contacts(*viewer);
    QAbstractItemModelTester tester(&contacts, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(titleInRow(contacts, ada), QStringLiteral("Editor"));
    LiveChannel::Options options;
    options.heartbeatMs = 100;
    options.firstRetryMs = 600000; // the test says when to reconnect (below)
    options.maxRetryMs = 600000;
    LiveChannel channel(*viewer, options);
    channel.start();
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Live, kWait);
    QSignalSpy changed(ChangeNotifier::instance(), &ChangeNotifier::changed);

    qint64 auditBefore = 0;
    {
        QSqlQuery q((*owner)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT max(id) FROM audit_log")) && q.next());
        auditBefore = q.value(0).toLongLong();
    }
    QVERIFY(auditBefore > 0); // the users added and the contact created
    rename(*member, ada, QStringLiteral("Editor-in-chief"));
    QTRY_COMPARE_WITH_TIMEOUT(titleInRow(contacts, ada), QStringLiteral("Editor-in-chief"), kWait);
    QVERIFY(changesNaming(changed, Change::Table::Contacts, ada, Change::Origin::Remote) >= 1);
    // The trigger saw the audit log through row-level security (hidden rows would have made this null).
    QVERIFY2(channel.lastAuditId() >= auditBefore, qPrintable(QString::number(channel.lastAuditId())));

    // A write while the viewer's listener is away reaches the viewer by the catch-up from the audit log.
    QSqlQuery find(super->connection());
    QVERIFY(find.exec(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name = 'rapport-live' "
                                     "AND datname = '%1'").arg(asOwner.databaseName)));
    QList<qint64> pids;
    while (find.next())
        pids.append(find.value(0).toLongLong());
    QCOMPARE(pids.size(), 1);
    // Not as the owner: "must be a superuser or a member of pg_signal_backend" (see above).
    QVERIFY(!terminate(**owner, pids.first()));
    QVERIFY(terminate(*super, pids.first()));
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Offline, kWait);
    rename(*member, ada, QStringLiteral("Changed while the viewer was away"));
    channel.reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), LiveChannel::State::Live, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(titleInRow(contacts, ada), QStringLiteral("Changed while the viewer was away"), kWait);
    QVERIFY(changesNaming(changed, Change::Table::Contacts, ada, Change::Origin::CatchUp) >= 1);
}

QTEST_GUILESS_MAIN(TestLiveChannel)
#include "tst_livechannel.moc"
