// The one description of each network (domain/network.h), the one definition of an account's state
// (SocialAccount::State) and the one way user input becomes a SocialAccount (domain/accountinput.h), shared by
// the account editor and `rapport accounts add`.
#include "domain/accountinput.h"
#include "domain/network.h"
#include "domain/socialaccount.h"

#include <QSet>
#include <QTest>

class TestNetwork final : public QObject
{
    Q_OBJECT

private slots:
    void everyNetworkIsDescribedOnce()
    {
        QSet<QString> keys;
        for (Network n : Networks::all()) {
            const NetworkTraits &t = Networks::traits(n);
            QCOMPARE(t.network, n);
            QVERIFY(!t.key.isEmpty());
            QVERIFY(!keys.contains(t.key));
            keys.insert(t.key);
            QVERIFY(Networks::fromKey(t.key) == n);
            QVERIFY(Networks::fromKey(QString(u' ' + t.key.toUpper())) == n);
            QVERIFY(!Networks::label(n).isEmpty());
            // The secret a user gives is one of those removed with the account.
            if (!t.secretName.isEmpty())
                QVERIFY(t.secretNames.contains(t.secretName));
            QCOMPARE(t.ownedByUser, !t.serverIsFeedUrl);
        }
        QCOMPARE(
            keys, (QSet<QString> { QStringLiteral("mastodon"), QStringLiteral("bluesky"), QStringLiteral("feed") }));
        QVERIFY(!Networks::fromKey(u"myspace"));
        // Bluesky keeps its session between runs: removing the account must remove it too.
        const QStringList bluesky = Networks::traits(Network::Bluesky).secretNames;
        QVERIFY(bluesky.contains(QStringLiteral("access_jwt")));
        QVERIFY(bluesky.contains(QStringLiteral("refresh_jwt")));
        QVERIFY(Networks::traits(Network::Feed).secretNames.isEmpty());
        QCOMPARE(Networks::traits(Network::Bluesky).defaultServer, QStringLiteral("https://bsky.social"));
    }

    // Issue 9: one spelling per state — stored key, command-line key, label — and old rows still read.
    void accountStatesHaveOneDefinition()
    {
        using State = SocialAccount::State;
        const QList<State> states { State::Ok, State::Error, State::SignInRequired, State::Disabled };
        QSet<QString> storage, cli, labels;
        for (State s : states) {
            QCOMPARE(SocialAccount::stateFromStorageKey(SocialAccount::stateStorageKey(s)), s);
            storage.insert(SocialAccount::stateStorageKey(s));
            cli.insert(SocialAccount::stateCliKey(s));
            labels.insert(SocialAccount::stateLabel(s));
        }
        QCOMPARE(storage.size(), 4);
        QCOMPARE(cli.size(), 4);
        QCOMPARE(labels.size(), 4);
        // What version 2 of the schema stores (and its CHECK constraint allows) stays the storage key.
        QCOMPARE(SocialAccount::stateStorageKey(State::SignInRequired), QStringLiteral("signin"));
        QCOMPARE(SocialAccount::stateFromStorageKey(u"signin"), State::SignInRequired);
        QCOMPARE(SocialAccount::stateCliKey(State::SignInRequired), QStringLiteral("sign_in_required"));
        QCOMPARE(SocialAccount::stateFromStorageKey(u"sign_in_required"), State::SignInRequired);
        QCOMPARE(SocialAccount::stateFromStorageKey(u"nonsense"), State::Ok);

        SocialAccount a;
        QCOMPARE(a.statusLabel(), QStringLiteral("Not synced yet"));
        a.lastSyncAt = QDateTime::currentDateTimeUtc();
        QCOMPARE(a.statusLabel(), SocialAccount::stateLabel(State::Ok));
        a.state = State::SignInRequired;
        QCOMPARE(a.statusLabel(), QStringLiteral("Sign in again"));
        a.enabled = false;
        QCOMPARE(a.statusLabel(), QStringLiteral("Paused"));
    }

    void mastodonInput()
    {
        SocialAccount base;
        base.network = Network::Mastodon;
        AccountInput in;
        in.server = QStringLiteral(" mastodon.example/ ");
        in.handle = QStringLiteral("@Agency@Mastodon.Example");
        in.secret = QStringLiteral(" tok ");
        in.intervalMinutes = 30;
        AccountDraft d = makeAccount(base, in);
        QVERIFY(d.ok());
        QCOMPARE(d.account.serverUrl, QStringLiteral("https://mastodon.example"));
        QCOMPARE(d.account.handle, QStringLiteral("agency@mastodon.example"));
        QCOMPARE(d.account.displayName, QStringLiteral("agency@mastodon.example"));
        QCOMPARE(d.account.syncIntervalS, 1800);
        QCOMPARE(d.secret, QStringLiteral("tok"));

        in.handle.clear();
        d = makeAccount(base, in);
        QVERIFY(d.ok()); // the handle is optional on Mastodon
        QCOMPARE(d.account.displayName, QStringLiteral("mastodon.example"));

        in.secret.clear();
        d = makeAccount(base, in);
        QVERIFY(d.problem(QStringLiteral("secret")));
        base.id = 5; // editing keeps the stored secret
        QVERIFY(makeAccount(base, in).ok());

        in.server = QStringLiteral("ftp://x");
        in.handle = QStringLiteral("not a handle");
        in.intervalMinutes = 0;
        d = makeAccount(base, in);
        QVERIFY(d.problem(QStringLiteral("serverUrl")));
        QVERIFY(d.problem(QStringLiteral("handle")));
        QVERIFY(d.problem(QStringLiteral("syncInterval")));
        QCOMPARE(d.problems.size(), 3);
    }

    void blueskyInput()
    {
        SocialAccount base;
        base.network = Network::Bluesky;
        AccountInput in;
        in.secret = QStringLiteral("abcd-efgh-ijkl-mnop");
        AccountDraft d = makeAccount(base, in);
        QVERIFY(d.problem(QStringLiteral("handle"))); // Bluesky signs in with it
        in.handle = QStringLiteral("Agency.bsky.social");
        d = makeAccount(base, in);
        QVERIFY(d.ok());
        QCOMPARE(d.account.serverUrl, QStringLiteral("https://bsky.social"));
        QCOMPARE(d.account.handle, QStringLiteral("agency.bsky.social"));
    }

    void feedInput()
    {
        SocialAccount base;
        base.network = Network::Feed;
        AccountInput in;
        in.server = QStringLiteral("https://blog.example/feed.xml/");
        in.handle = QStringLiteral("ignored");
        AccountDraft d = makeAccount(base, in);
        QVERIFY(d.problem(QStringLiteral("owner")));
        QVERIFY(!d.problem(QStringLiteral("secret"))); // feeds have none
        in.contactId = 3;
        in.organizationId = 4;
        QVERIFY(makeAccount(base, in).problem(QStringLiteral("owner")));
        in.organizationId = 0;
        d = makeAccount(base, in);
        QVERIFY(d.ok());
        QCOMPARE(d.account.serverUrl, QStringLiteral("https://blog.example/feed.xml/")); // a feed's URL as typed
        QCOMPARE(d.account.handle, QString());
        QCOMPARE(d.account.contactId, qint64(3));
        QCOMPARE(d.account.displayName, QStringLiteral("blog.example/feed.xml/"));
    }
};

QTEST_GUILESS_MAIN(TestNetwork)
#include "tst_network.moc"
