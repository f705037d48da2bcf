// SyncRepository on both backends: ingesting synced pages (matching, Inbox, ignore, duplicates, cursor in
// the same transaction), Inbox triage (link/unlink, ignore/unignore, suggestions), accounts, and schema v2.
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/migrator.h"
#include "storage/syncrepository.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>

namespace {

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

qint64 contact(Database &db, const QString &name, const QList<Handle> &handles = {},
               const QStringList &emails = {})
{
    Contact c;
    c.displayName = name;
    c.handles = handles;
    for (const QString &e : emails)
        c.emails.append({QStringLiteral("work"), e});
    Status s = ContactRepository(db).create(c);
    if (!s)
        qWarning() << s.error().message;
    return c.id;
}

SyncItem post(const QString &id, const QString &author, const QDateTime &at, const QString &network = QStringLiteral("mastodon"))
{
    SyncItem i;
    i.source = network;
    i.externalId = QStringLiteral("https://example.social/statuses/") + id;
    i.authorNetwork = network;
    i.authorHandle = author;
    i.authorName = QStringLiteral("Name of ") + author;
    i.occurredAt = at;
    i.text = QStringLiteral("Text of ") + id;
    i.url = i.externalId;
    return i;
}

SocialAccount mastodonAccount(Database &db)
{
    SocialAccount a;
    a.network = Network::Mastodon;
    a.serverUrl = QStringLiteral("https://example.social/");
    a.handle = QStringLiteral("@Agency@Example.social");
    Status s = SyncRepository(db).createAccount(a);
    if (!s)
        qWarning() << s.error().message;
    return a;
}

template<typename T>
QString message(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().message;
}

const QDateTime kBase = QDateTime::currentDateTimeUtc().addDays(-3);

} // namespace

class TestSyncRepository final : public QObject
{
    Q_OBJECT

private slots:
    // A version-1 database with rows migrates to version 2 and keeps them; the new columns get defaults.
    void migratesV1ToV2_data() { TestDatabase::addBackends(); }
    void migratesV1ToV2()
    {
        QFETCH(QString, backend);
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(backend);
        if (!loc && loc.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        QVERIFY2(loc.ok(), qPrintable(message(loc)));
        {
            auto db = Database::open(*loc, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
            QVERIFY2(db.ok(), qPrintable(message(db)));
            Migrator v1(**db, {Migrator::standardMigrations().constFirst()});
            QVERIFY(v1.migrate().ok());
            QCOMPARE(*(*db)->schemaVersion(), 1);
            QVERIFY((*db)->exec(QStringLiteral("INSERT INTO social_accounts (network, display_name, server_url, "
                                               "last_sync_at, last_error, created_at, updated_at) VALUES ('feed', "
                                               "'Old feed', 'https://old.example/feed', 5, 'boom', 1, 1)"),
                                QStringLiteral("test"))
                        .ok());
            QVERIFY((*db)->exec(QStringLiteral("INSERT INTO interactions (channel, direction, occurred_at, source, "
                                               "external_id, author_handle, created_at, updated_at) VALUES "
                                               "('post', 'inbound', 10, 'feed', 'x1', 'https://old.example/feed', 1, 1)"),
                                QStringLiteral("test"))
                        .ok());
        }
        auto db = Database::open(*loc); // migrates
        QVERIFY2(db.ok(), qPrintable(message(db)));
        QCOMPARE(*(*db)->schemaVersion(), Migrator::latestVersion());
        QVERIFY(Migrator::latestVersion() >= 2);
        SyncRepository repo(**db);
        Result<QList<SocialAccount>> accounts = repo.accounts();
        QVERIFY2(accounts.ok(), qPrintable(message(accounts)));
        QCOMPARE(accounts->size(), 1);
        const SocialAccount a = accounts->constFirst();
        QCOMPARE(a.displayName, QStringLiteral("Old feed"));
        QCOMPARE(a.lastError, QStringLiteral("boom"));
        QCOMPARE(a.lastSyncAt.toMSecsSinceEpoch(), 5);
        QCOMPARE(a.syncOnStart, false);
        QCOMPARE(a.state, SocialAccount::State::Ok);
        QVERIFY(!a.lastSuccessAt.isValid());
        QCOMPARE(a.lastFetched, 0);
        QCOMPARE(*repo.inboxCount(), 1); // the v1 interaction is in the Inbox
    }

    void ingestMatchesInboxAndDuplicates_data() { TestDatabase::addBackends(); }
    void ingestMatchesInboxAndDuplicates()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 ana = contact(*db, QStringLiteral("Ana Lima"),
                                   {{QStringLiteral("mastodon"), QStringLiteral("@ana@example.social"), {}}});
        const qint64 bo = contact(*db, QStringLiteral("Bo Chen"),
                                  {{QStringLiteral("bluesky"), QStringLiteral("did:plc:abcdefghijklmnopqrstuvwx"), {}}});
        const qint64 cy = contact(*db, QStringLiteral("Cy Feed"));
        const qint64 gone = contact(*db, QStringLiteral("Gone Person"),
                                    {{QStringLiteral("mastodon"), QStringLiteral("@gone@example.social"), {}}});
        QVERIFY(ContactRepository(*db).moveToTrash(gone).ok());
        SyncRepository repo(*db);
        const SocialAccount account = mastodonAccount(*db);

        QList<SyncItem> page;
        page << post(QStringLiteral("1"), QStringLiteral("ana@example.social"), kBase);            // by handle
        SyncItem byDid = post(QStringLiteral("2"), QStringLiteral("bo.example.com"), kBase.addSecs(60),
                              QStringLiteral("bluesky"));
        byDid.authorAltHandle = QStringLiteral("did:plc:abcdefghijklmnopqrstuvwx");               // by DID
        page << byDid;
        SyncItem feed = post(QStringLiteral("3"), QStringLiteral("https://cy.example/feed"), kBase.addSecs(120),
                             QStringLiteral("feed"));
        feed.contactId = cy;                                                                       // given
        feed.channel = QStringLiteral("post");
        feed.subject = QStringLiteral("A title");
        page << feed;
        page << post(QStringLiteral("4"), QStringLiteral("zed@other.social"), kBase.addSecs(180)); // nobody
        page << post(QStringLiteral("5"), QStringLiteral("zed@other.social"), kBase.addSecs(240)); // nobody
        page << post(QStringLiteral("6"), QStringLiteral("gone@example.social"), kBase.addSecs(300)); // trashed
        SyncItem like;
        like.kind = SyncItem::Kind::Engagement;
        like.source = QStringLiteral("mastodon");
        like.externalId = QStringLiteral("notification:example.social/77");
        like.engagement = QStringLiteral("like");
        like.authorNetwork = QStringLiteral("mastodon");
        like.authorHandle = QStringLiteral("ana@example.social");
        like.occurredAt = kBase.addSecs(400);
        page << like;

        SyncCursor cursor{QStringLiteral("110"), {}, {}};
        Result<IngestReport> r = repo.ingestPage(account, QStringLiteral("notifications"), page, cursor);
        QVERIFY2(r.ok(), qPrintable(message(r)));
        QCOMPARE(r->inserted, 6);
        QCOMPARE(r->toInbox, 3);
        QCOMPARE(r->duplicates, 0);
        QCOMPARE(r->engagements, 1);
        QCOMPARE(r->contactIds, (QList<qint64>{ana, bo, cy}));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = %1").arg(ana)), 1);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = %1").arg(bo)), 1);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = %1").arg(cy)), 1);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = %1").arg(gone)), 0);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT last_contacted_at FROM contacts WHERE id = %1").arg(ana)),
                 kBase.toMSecsSinceEpoch());
        QVERIFY(scalar(*db, QStringLiteral("SELECT health_score FROM contacts WHERE id = %1").arg(bo)) > 0);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE subject = 'A title' "
                                            "AND channel = 'post' AND source = 'feed'")),
                 1);
        QCOMPARE(*repo.engagementCount(ana), 1);
        QCOMPARE(*repo.engagementCount(ana, kBase.addSecs(401)), 0);
        QCOMPARE(repo.cursor(account.id, QStringLiteral("notifications"))->cursor, QStringLiteral("110"));
        QVERIFY(repo.cursor(account.id, QStringLiteral("other"))->isEmpty());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'sync'")), 1);

        // The Inbox: two authors, newest first, with the newest item's text.
        Result<QList<InboxEntry>> inbox = repo.inbox();
        QVERIFY2(inbox.ok(), qPrintable(message(inbox)));
        QCOMPARE(inbox->size(), 2);
        QCOMPARE(inbox->at(0).handle, QStringLiteral("gone@example.social"));
        QCOMPARE(inbox->at(1).network, QStringLiteral("mastodon"));
        QCOMPARE(inbox->at(1).handle, QStringLiteral("zed@other.social"));
        QCOMPARE(inbox->at(1).itemCount, 2);
        QCOMPARE(inbox->at(1).latestText, QStringLiteral("Text of 5"));
        QCOMPARE(inbox->at(1).latestAt, kBase.addSecs(240));
        QCOMPARE(inbox->at(1).authorName, QStringLiteral("Name of zed@other.social"));
        QCOMPARE(*repo.inboxCount(), 2);

        // The same page again: nothing new, everything counted as a duplicate, no audit entry.
        r = repo.ingestPage(account, QStringLiteral("notifications"), page, SyncCursor{QStringLiteral("111"), {}, {}});
        QVERIFY2(r.ok(), qPrintable(message(r)));
        QCOMPARE(r->inserted, 0);
        QCOMPARE(r->engagements, 0);
        QCOMPARE(r->duplicates, 7);
        QVERIFY(r->contactIds.isEmpty());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions")), 6);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'sync'")), 1);
        QCOMPARE(repo.cursor(account.id, QStringLiteral("notifications"))->cursor, QStringLiteral("111"));
    }

    // A page that fails half-way stores nothing, and its cursor does not move.
    void failedPageRollsBackWithCursor_data() { TestDatabase::addBackends(); }
    void failedPageRollsBackWithCursor()
    {
        OPEN_TEST_DATABASE(db);
        SyncRepository repo(*db);
        const SocialAccount account = mastodonAccount(*db);
        QVERIFY(repo.ingestPage(account, QStringLiteral("s"), {post(QStringLiteral("1"), QStringLiteral("a@b.social"), kBase)},
                                SyncCursor{QStringLiteral("c1"), {}, {}})
                    .ok());
        QList<SyncItem> page{post(QStringLiteral("2"), QStringLiteral("a@b.social"), kBase),
                             post(QStringLiteral("3"), QStringLiteral("a@b.social"), kBase)};
        page[1].channel = QStringLiteral("carrier_pigeon"); // refused by the CHECK constraint, after item 2
        Result<IngestReport> r = repo.ingestPage(account, QStringLiteral("s"), page, SyncCursor{QStringLiteral("c2"), {}, {}});
        QVERIFY(!r.ok());
        QVERIFY(!r.error().message.isEmpty());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions")), 1);
        QCOMPARE(repo.cursor(account.id, QStringLiteral("s"))->cursor, QStringLiteral("c1"));

        // An item without a date is refused before anything is written.
        QList<SyncItem> undated{post(QStringLiteral("4"), QStringLiteral("a@b.social"), QDateTime())};
        r = repo.ingestPage(account, QStringLiteral("s"), undated, SyncCursor{QStringLiteral("c3"), {}, {}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::Validation);
        QCOMPARE(repo.cursor(account.id, QStringLiteral("s"))->cursor, QStringLiteral("c1"));

        // The database still works: a good page goes through.
        QVERIFY(repo.ingestPage(account, QStringLiteral("s"), {page[0]}, SyncCursor{QStringLiteral("c4"), {QStringLiteral("\"e\"")}, {}}).ok());
        QCOMPARE(repo.cursor(account.id, QStringLiteral("s"))->etag, QStringLiteral("\"e\""));
        // An empty cursor leaves the stored one alone.
        QVERIFY(repo.ingestPage(account, QStringLiteral("s"), {}, SyncCursor{}).ok());
        QCOMPARE(repo.cursor(account.id, QStringLiteral("s"))->cursor, QStringLiteral("c4"));
    }

    void ignoreAndUnignore_data() { TestDatabase::addBackends(); }
    void ignoreAndUnignore()
    {
        OPEN_TEST_DATABASE(db);
        SyncRepository repo(*db);
        const SocialAccount account = mastodonAccount(*db);
        const QString spam = QStringLiteral("spam@bots.social");
        QVERIFY(repo.ingestPage(account, QStringLiteral("s"),
                                {post(QStringLiteral("1"), spam, kBase), post(QStringLiteral("2"), spam, kBase.addSecs(1)),
                                 post(QStringLiteral("3"), QStringLiteral("ok@people.social"), kBase)},
                                {})
                    .ok());
        QCOMPARE(*repo.inboxCount(), 2);
        QVERIFY(repo.ignore(QStringLiteral("mastodon"), spam).ok());
        QVERIFY(repo.ignore(QStringLiteral("mastodon"), spam).ok()); // twice is harmless
        QCOMPARE(*repo.inboxCount(), 1);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE deleted_at IS NOT NULL")), 2);

        // New items by the ignored handle (or its DID) are skipped.
        SyncItem again = post(QStringLiteral("9"), spam, kBase.addSecs(5));
        SyncItem viaDid = post(QStringLiteral("10"), QStringLiteral("x.bsky.social"), kBase, QStringLiteral("bluesky"));
        viaDid.authorAltHandle = QStringLiteral("did:plc:zzzzzzzzzzzzzzzzzzzzzzzz");
        QVERIFY(repo.ignore(QStringLiteral("bluesky"), viaDid.authorAltHandle).ok());
        Result<IngestReport> r = repo.ingestPage(account, QStringLiteral("s"), {again, viaDid}, {});
        QVERIFY2(r.ok(), qPrintable(message(r)));
        QCOMPARE(r->ignored, 2);
        QCOMPARE(r->inserted, 0);

        QVERIFY(repo.unignore(QStringLiteral("mastodon"), spam).ok());
        QCOMPARE(*repo.inboxCount(), 2);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE deleted_at IS NOT NULL")), 0);
        r = repo.ingestPage(account, QStringLiteral("s"), {again}, {});
        QCOMPARE(r->inserted, 1);
    }

    void linkAndUnlink_data() { TestDatabase::addBackends(); }
    void linkAndUnlink()
    {
        OPEN_TEST_DATABASE(db);
        SyncRepository repo(*db);
        const SocialAccount account = mastodonAccount(*db);
        const qint64 ana = contact(*db, QStringLiteral("Ana Lima"));
        const qint64 other = contact(*db, QStringLiteral("Other"),
                                     {{QStringLiteral("mastodon"), QStringLiteral("@taken@x.social"), {}}});
        const QString zed = QStringLiteral("zed@other.social");
        SyncItem boost;
        boost.kind = SyncItem::Kind::Engagement;
        boost.source = QStringLiteral("mastodon");
        boost.externalId = QStringLiteral("notification:other.social/1");
        boost.engagement = QStringLiteral("boost");
        boost.authorNetwork = QStringLiteral("mastodon");
        boost.authorHandle = zed;
        boost.occurredAt = kBase;
        QVERIFY(repo.ingestPage(account, QStringLiteral("s"),
                                {post(QStringLiteral("1"), zed, kBase), post(QStringLiteral("2"), zed, kBase.addSecs(9)), boost},
                                {})
                    .ok());
        const int versionBefore = ContactRepository(*db).get(ana)->version;

        Result<int> moved = repo.linkToContact(QStringLiteral("mastodon"), zed, ana);
        QVERIFY2(moved.ok(), qPrintable(message(moved)));
        QCOMPARE(*moved, 2);
        QCOMPARE(*repo.inboxCount(), 0);
        QCOMPARE(*repo.engagementCount(ana), 1);
        Result<Contact> c = ContactRepository(*db).get(ana);
        QCOMPARE(c->handles.size(), 1);
        QCOMPARE(c->handles[0].normalized, zed);
        QVERIFY(c->version > versionBefore);
        QCOMPARE(c->lastContactedAt, kBase.addSecs(9));
        QVERIFY(scalar(*db, QStringLiteral("SELECT search_extra FROM contacts WHERE id = %1").arg(ana)) != -1);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM contacts WHERE id = %1 AND search_extra LIKE '%zed@other.social%'").arg(ana)), 1);

        // From now on the handle matches at ingest.
        Result<IngestReport> r = repo.ingestPage(account, QStringLiteral("s"), {post(QStringLiteral("3"), zed, kBase.addSecs(20))}, {});
        QCOMPARE(r->contactIds, QList<qint64>{ana});

        // A handle that belongs to someone else is refused in words.
        QVERIFY(repo.ingestPage(account, QStringLiteral("s"), {post(QStringLiteral("4"), QStringLiteral("nobody@x.social"), kBase)}, {}).ok());
        Result<int> conflict = repo.linkToContact(QStringLiteral("mastodon"), QStringLiteral("taken@x.social"), ana);
        QVERIFY(!conflict.ok());
        QCOMPARE(conflict.error().code, Error::Code::Conflict);
        QVERIFY2(conflict.error().message.contains(QStringLiteral("Other")), qPrintable(conflict.error().message));
        Q_UNUSED(other);

        // Undo puts everything back: items (including the one matched through the new handle) in the Inbox,
        // the engagement unmatched, the handle gone, last contacted cleared.
        QVERIFY(repo.unlinkFromContact(QStringLiteral("mastodon"), zed, ana).ok());
        Result<QList<InboxEntry>> inbox = repo.inbox();
        QCOMPARE(inbox->size(), 2);
        QCOMPARE(inbox->at(0).handle, zed);
        QCOMPARE(inbox->at(0).itemCount, 3);
        QCOMPARE(*repo.engagementCount(ana), 0);
        c = ContactRepository(*db).get(ana);
        QVERIFY(c->handles.isEmpty());
        QVERIFY(!c->lastContactedAt.isValid());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM contacts WHERE id = %1 AND search_extra LIKE '%zed%'").arg(ana)), 0);

        // Linking to a contact that already had the handle keeps the handle on undo.
        const qint64 bo = contact(*db, QStringLiteral("Bo"));
        const QString late = QStringLiteral("late@x.social");
        QVERIFY(repo.ingestPage(account, QStringLiteral("s"), {post(QStringLiteral("5"), late, kBase)}, {}).ok());
        Result<Contact> boC = ContactRepository(*db).get(bo);
        boC->handles.append({QStringLiteral("mastodon"), late, {}});
        QVERIFY(ContactRepository(*db).update(*boC).ok());
        QCOMPARE(*repo.linkToContact(QStringLiteral("mastodon"), late, bo), 1);
        QVERIFY(repo.unlinkFromContact(QStringLiteral("mastodon"), late, bo).ok());
        QCOMPARE(ContactRepository(*db).get(bo)->handles.size(), 1);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id IS NULL AND author_handle = '%1'").arg(late)), 1);
        // Nothing to undo for a link that never happened.
        QCOMPARE(repo.unlinkFromContact(QStringLiteral("mastodon"), QStringLiteral("never@x.social"), bo).error().code,
                 Error::Code::NotFound);
    }

    void suggestions_data() { TestDatabase::addBackends(); }
    void suggestions()
    {
        OPEN_TEST_DATABASE(db);
        SyncRepository repo(*db);
        const qint64 ana = contact(*db, QStringLiteral("Ána Lima"));
        const qint64 anaMail = contact(*db, QStringLiteral("A. Lima"), {}, {QStringLiteral("analima@paper.example")});
        const qint64 desk = contact(*db, QStringLiteral("Desk Editor"), {}, {QStringLiteral("desk@outlet.example")});
        contact(*db, QStringLiteral("Unrelated Person"));
        InboxEntry e;
        e.network = QStringLiteral("mastodon");
        e.handle = QStringLiteral("analima@journo.social");
        e.authorName = QStringLiteral("Ana Lima 🌻");
        Result<QList<ContactSuggestion>> s = repo.suggestions(e);
        QVERIFY2(s.ok(), qPrintable(message(s)));
        QCOMPARE(s->size(), 2);
        QCOMPARE(s->at(0).contactId, ana);
        QVERIFY(!s->at(0).reason.isEmpty());
        QCOMPARE(s->at(1).contactId, anaMail);

        InboxEntry f;
        f.network = QStringLiteral("feed");
        f.handle = QStringLiteral("https://www.outlet.example/feed.xml");
        f.authorName = QStringLiteral("The Outlet");
        s = repo.suggestions(f);
        QCOMPARE(s->size(), 1);
        QCOMPARE(s->at(0).contactId, desk);
        QCOMPARE(repo.suggestions(e, 1)->size(), 1);
    }

    void accounts_data() { TestDatabase::addBackends(); }
    void accounts()
    {
        OPEN_TEST_DATABASE(db);
        SyncRepository repo(*db);
        SocialAccount m = mastodonAccount(*db);
        QVERIFY(m.id > 0);
        QCOMPARE(m.version, 1);
        QCOMPARE(m.handle, QStringLiteral("agency@example.social"));
        QCOMPARE(m.serverUrl, QStringLiteral("https://example.social"));
        QCOMPARE(m.displayName, QStringLiteral("agency@example.social"));

        SocialAccount b;
        b.network = Network::Bluesky;
        b.handle = QStringLiteral("Agency.bsky.social");
        b.syncOnStart = true;
        QVERIFY(repo.createAccount(b).ok());
        QCOMPARE(b.serverUrl, QStringLiteral("https://bsky.social"));
        QCOMPARE(repo.account(b.id)->syncOnStart, true);

        // Validation, each naming its field.
        auto fieldOf = [&](SocialAccount a) { Status s = repo.createAccount(a); return s.ok() ? QString() : s.error().field; };
        SocialAccount bad;
        bad.network = Network::Feed;
        bad.serverUrl = QStringLiteral("ftp://x.example/feed");
        QCOMPARE(fieldOf(bad), QStringLiteral("serverUrl"));
        bad.serverUrl = QStringLiteral("https://x.example/feed");
        QCOMPARE(fieldOf(bad), QStringLiteral("owner"));
        bad.contactId = contact(*db, QStringLiteral("Feed Owner"));
        bad.syncIntervalS = 10;
        QCOMPARE(fieldOf(bad), QStringLiteral("syncIntervalS"));
        bad.syncIntervalS = 3600;
        QCOMPARE(fieldOf(bad), QString()); // now valid
        SocialAccount noHandle;
        noHandle.network = Network::Bluesky;
        QCOMPARE(fieldOf(noHandle), QStringLiteral("handle"));
        noHandle.handle = QStringLiteral("not a handle");
        QCOMPARE(fieldOf(noHandle), QStringLiteral("handle"));
        QCOMPARE(repo.accounts()->size(), 3);

        // Update with conflict detection; sync results do not bump the version.
        SocialAccount stale = m;
        m.displayName = QStringLiteral("Agency Mastodon");
        m.enabled = false;
        QVERIFY(repo.updateAccount(m).ok());
        QCOMPARE(m.version, 2);
        stale.displayName = QStringLiteral("Someone else");
        QCOMPARE(repo.updateAccount(stale).error().code, Error::Code::Conflict);
        QVERIFY(repo.recordSyncResult(m.id, Error{QStringLiteral("refused")}, 0, SocialAccount::State::SignInRequired).ok());
        SocialAccount loaded = *repo.account(m.id);
        QCOMPARE(loaded.state, SocialAccount::State::SignInRequired);
        QCOMPARE(loaded.lastError, QStringLiteral("refused"));
        QVERIFY(loaded.lastSyncAt.isValid());
        QVERIFY(!loaded.lastSuccessAt.isValid());
        QCOMPARE(loaded.version, 2);
        QCOMPARE(loaded.enabled, false);
        QVERIFY(repo.recordSyncResult(m.id, Status(), 42).ok());
        loaded = *repo.account(m.id);
        QCOMPARE(loaded.state, SocialAccount::State::Ok);
        QVERIFY(loaded.lastError.isEmpty());
        QCOMPARE(loaded.lastFetched, 42);
        QVERIFY(loaded.lastSuccessAt.isValid());
        QVERIFY(repo.updateAccount(loaded).ok()); // still the version the dialog had

        // Removing keeps the synced interactions and engagement, drops the cursors.
        SyncItem like = post(QStringLiteral("l"), QStringLiteral("z@z.social"), kBase);
        like.kind = SyncItem::Kind::Engagement;
        like.engagement = QStringLiteral("like");
        QVERIFY(repo.ingestPage(loaded, QStringLiteral("s"), {post(QStringLiteral("1"), QStringLiteral("z@z.social"), kBase), like},
                                SyncCursor{QStringLiteral("9"), {}, {}})
                    .ok());
        QVERIFY(repo.removeAccount(m.id).ok());
        QCOMPARE(repo.account(m.id).error().code, Error::Code::NotFound);
        QCOMPARE(repo.removeAccount(m.id).error().code, Error::Code::NotFound);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM sync_state")), 0);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions")), 1);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM engagement_events")), 1);
    }

    // 10,000 items in pages of 40-100, a fifth matched to 40 contacts (whose health is recomputed with every
    // page): under 5 s on SQLite even on a loaded machine (about 2 s with the build machine's two cores busy,
    // a third of it recomputing health).
    void ingestIsFast()
    {
        auto opened = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY2(opened.ok(), qPrintable(message(opened)));
        Database &db = **opened;
        QList<QString> handles;
        for (int i = 0; i < 200; ++i) {
            const QString h = QStringLiteral("known%1@example.social").arg(i);
            handles << h;
            contact(db, QStringLiteral("Known %1").arg(i), {{QStringLiteral("mastodon"), h, {}}});
        }
        SyncRepository repo(db);
        const SocialAccount account = mastodonAccount(db);
        QElapsedTimer timer;
        timer.start();
        int n = 0, pages = 0, inserted = 0;
        while (n < 10000) {
            const int size = 40 + (pages * 37) % 61;
            QList<SyncItem> page;
            for (int i = 0; i < size && n < 10000; ++i, ++n) {
                const QString author = n % 5 == 0 ? handles[n % 200] : QStringLiteral("stranger%1@far.social").arg(n % 1500);
                page << post(QString::number(n), author, kBase.addSecs(n));
            }
            Result<IngestReport> r = repo.ingestPage(account, QStringLiteral("s"), page, SyncCursor{QString::number(n), {}, {}});
            QVERIFY2(r.ok(), qPrintable(message(r)));
            inserted += r->inserted;
            ++pages;
        }
        const qint64 ms = timer.elapsed();
        qInfo("ingested %d items in %d pages in %lld ms", inserted, pages, ms);
        QCOMPARE(inserted, 10000);
        // The time is reported, not asserted: the target is measured by tests/bench/bench_sync (PERFORMANCE.md).
        QCOMPARE(*repo.inboxCount(), 1200); // n % 1500 keeps n % 5, so 4 of 5 strangers appear
        QElapsedTimer inboxTimer;
        inboxTimer.start();
        QCOMPARE(repo.inbox(500)->size(), 500);
        qInfo("inbox of 8000 items by 1200 authors read in %lld ms", inboxTimer.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestSyncRepository)
#include "tst_syncrepository.moc"
