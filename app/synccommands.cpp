#include "synccommands.h"
#include "commandcontext.h"

#include "commandline.h"
#include "terminal.h"
#include "domain/accountinput.h"
#include "domain/network.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "storage/userrepository.h"
#include "sync/secretscope.h"
#include "sync/secretstore.h"
#include "sync/syncmanager.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <string>
#include <unistd.h>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SyncCommands)
};

using namespace CommandContext;

QString isoOrNull(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject accountJson(const SocialAccount &a)
{
    QJsonObject o { { QStringLiteral("id"), a.id }, { QStringLiteral("network"), Networks::key(a.network) },
        { QStringLiteral("name"), a.displayName }, { QStringLiteral("server_url"), a.serverUrl },
        { QStringLiteral("handle"), a.handle }, { QStringLiteral("interval_minutes"), a.syncIntervalS / 60 },
        { QStringLiteral("enabled"), a.enabled }, { QStringLiteral("sync_on_start"), a.syncOnStart },
        { QStringLiteral("state"), SocialAccount::stateCliKey(a.state) },
        { QStringLiteral("last_fetched"), a.lastFetched }, { QStringLiteral("last_error"), a.lastError },
        { QStringLiteral("last_skipped"), a.lastSkipped }, { QStringLiteral("last_skip_note"), a.lastSkipNote } };
    o.insert(QStringLiteral("contact_id"), a.contactId > 0 ? QJsonValue(a.contactId) : QJsonValue());
    o.insert(QStringLiteral("organization_id"), a.organizationId > 0 ? QJsonValue(a.organizationId) : QJsonValue());
    o.insert(QStringLiteral("last_sync_at"), a.lastSyncAt.isValid() ? QJsonValue(isoOrNull(a.lastSyncAt)) : QJsonValue());
    o.insert(QStringLiteral("last_success_at"),
        a.lastSuccessAt.isValid() ? QJsonValue(isoOrNull(a.lastSuccessAt)) : QJsonValue());
    return o;
}

int list(const Context &ctx)
{
    if (ctx.inv.arguments.size() != 1)
        return ctx.usage(Tr::tr("accounts list takes no arguments."));
    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv);
    if (!db)
        return ctx.fail(db.error().message);
    Result<QList<SocialAccount>> accounts = SyncRepository(**db).accounts();
    if (!accounts)
        return ctx.fail(accounts.error().message);
    if (ctx.inv.json) {
        QJsonArray a;
        for (const SocialAccount &account : std::as_const(*accounts))
            a.append(accountJson(account));
        ctx.printJson({{QStringLiteral("database"), (*db)->location().displayName()}, {QStringLiteral("accounts"), a}});
        return kOk;
    }
    if (accounts->isEmpty()) {
        ctx.out << Tr::tr("No accounts. Add one with “rapport accounts add …”.") << Qt::endl;
        return kOk;
    }
    for (const SocialAccount &a : std::as_const(*accounts)) {
        const QString last = a.lastSuccessAt.isValid()
            ? QLocale().toString(a.lastSuccessAt.toLocalTime(), QLocale::ShortFormat)
            : Tr::tr("never");
        ctx.out << QStringLiteral("#%1  %2  %3  %4  ")
                       .arg(a.id)
                       .arg(Networks::key(a.network), -8)
                       .arg(a.displayName, -28)
                       .arg(a.statusLabel(), -14)
                << Tr::tr("last synced %1, %n item(s)", nullptr, a.lastFetched).arg(last);
        if (const QString problem = a.problemText(); !problem.isEmpty())
            ctx.out << QStringLiteral(" — ") << problem;
        ctx.out << Qt::endl;
    }
    return kOk;
}

int add(const Context &ctx)
{
    const QStringList &args = ctx.inv.arguments;
    if (args.size() < 3)
        return ctx.usage(Tr::tr("accounts add needs a kind (%1) and its address.").arg(Networks::keyList()));
    const std::optional<Network> network = Networks::fromKey(args.at(1));
    if (!network)
        return ctx.usage(Tr::tr("Unknown kind of account “%1”: use %2.").arg(args.at(1), Networks::keyList()));
    const NetworkTraits &traits = Networks::traits(*network);
    if (args.size() > 3) {
        return ctx.usage(traits.serverIsFeedUrl
                ? Tr::tr("accounts add feed takes one URL.")
                : Tr::tr("Too many arguments. The secret is read from standard input, never from the command line."));
    }
    if (*network != Network::Bluesky && ctx.inv.hasOption(QStringLiteral("server")))
        return ctx.usage(Tr::tr("--server is for Bluesky accounts only."));

    AccountInput input;
    input.name = ctx.inv.option(QStringLiteral("name"));
    input.syncOnStart = ctx.inv.hasOption(QStringLiteral("sync-on-start"));
    if (ctx.inv.hasOption(QStringLiteral("interval"))) {
        bool ok = false;
        input.intervalMinutes = ctx.inv.option(QStringLiteral("interval")).toInt(&ok);
        if (!ok || input.intervalMinutes < 1 || input.intervalMinutes > 7 * 24 * 60)
            return ctx.usage(Tr::tr("--interval needs a number of minutes from 1 to 10080."));
    }
    const auto idOption = [&](const QString &name, qint64 *id) {
        bool ok = false;
        *id = ctx.inv.option(name).toLongLong(&ok);
        return ok && *id > 0;
    };
    switch (*network) {
    case Network::Feed: {
        input.server = args.at(2);
        const bool contact = ctx.inv.hasOption(QStringLiteral("contact"));
        const bool organization = ctx.inv.hasOption(QStringLiteral("organization"));
        if (contact == organization)
            return ctx.usage(Tr::tr("A feed belongs to a contact or an organization: give --contact ID or --organization ID."));
        if (contact && !idOption(QStringLiteral("contact"), &input.contactId))
            return ctx.usage(Tr::tr("--contact needs a contact's id."));
        if (organization && !idOption(QStringLiteral("organization"), &input.organizationId))
            return ctx.usage(Tr::tr("--organization needs an organization's id."));
        break;
    }
    case Network::Mastodon:
        input.server = args.at(2);
        input.handle = ctx.inv.option(QStringLiteral("handle"));
        break;
    case Network::Bluesky:
        input.handle = args.at(2);
        input.server = ctx.inv.option(QStringLiteral("server"));
        break;
    }

    // The same rules as the window's account editor; the secret comes last, from standard input.
    SocialAccount base;
    base.network = *network;
    AccountDraft draft = makeAccount(base, input);
    for (const Error &problem : std::as_const(draft.problems)) {
        if (problem.field == u"handle")
            return ctx.usage(problem.message); // as typed on the command line
        if (problem.field != u"secret")
            return ctx.fail(problem.message); // a value the database would refuse
    }
    SocialAccount account = draft.account;

    QString secret;
    const QString secretName = traits.secretName;
    if (!secretName.isEmpty()) {
        const bool mastodon = *network == Network::Mastodon;
        secret = Terminal::readSecret(mastodon ? Tr::tr("Access token: ") : Tr::tr("App password: "), ctx.err);
        if (secret.isEmpty()) {
            return ctx.fail(mastodon
                    ? Tr::tr(
                        "No access token on standard input. Pipe it in: rapport accounts add mastodon URL < token.txt")
                    : Tr::tr("No app password on standard input. Pipe it in: rapport accounts add bluesky HANDLE < "
                             "password.txt"));
        }
    }

    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv);
    if (!db)
        return ctx.fail(db.error().message);
    account.userId = traits.ownedByUser ? (*db)->currentUserId() : 0;
    SyncRepository repo(**db);
    if (const Status s = repo.createAccount(account); !s)
        return ctx.fail(s.error().message);
    if (!secretName.isEmpty()) {
        SecretStore store(SecretScope::forLocation((*db)->location()));
        const Status w = store.write(account.secretKey(secretName), secret);
        if (!w || SecretStore::usingMemoryFallback()) {
            (void)store.remove(account.secretKey(secretName));
            (void)repo.removeAccount(account.id);
            return ctx.fail(w ? Tr::tr("No keyring is available, so the secret cannot be kept after this command "
                                       "ends; the account was not added.")
                              : Tr::tr("The secret could not be stored in the keyring (%1); the account was not added.")
                                    .arg(w.error().message));
        }
    }
    if (ctx.inv.json) {
        ctx.printJson(accountJson(account));
        return kOk;
    }
    ctx.out << Tr::tr("Added %1 account #%2 “%3”.").arg(traits.key).arg(account.id).arg(account.displayName)
            << Qt::endl;
    return kOk;
}

int remove(const Context &ctx)
{
    bool ok = false;
    const qint64 id = ctx.inv.arguments.value(1).toLongLong(&ok);
    if (ctx.inv.arguments.size() != 2 || !ok || id <= 0)
        return ctx.usage(Tr::tr("accounts remove needs one account id (see “rapport accounts list”)."));
    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv);
    if (!db)
        return ctx.fail(db.error().message);
    SyncRepository repo(**db);
    Result<SocialAccount> account = repo.account(id);
    if (!account)
        return ctx.fail(account.error().code == Error::Code::NotFound ? Tr::tr("There is no account #%1.").arg(id)
                                                                      : account.error().message);
    if (const Status s = repo.removeAccount(id); !s)
        return ctx.fail(s.error().message);
    QString warning;
    if (const QStringList names = Networks::traits(account->network).secretNames; !names.isEmpty()) {
        SecretStore store(SecretScope::forLocation((*db)->location()));
        for (const QString &name : names) {
            const Status s = store.remove(account->secretKey(name));
            if (!s && s.error().code != Error::Code::NotFound)
                warning = s.error().message;
        }
    }
    if (ctx.inv.json)
        ctx.printJson({{QStringLiteral("removed"), id}, {QStringLiteral("warning"), warning}});
    else
        ctx.out << Tr::tr("Removed account #%1 “%2”.").arg(id).arg(account->displayName) << Qt::endl;
    if (!warning.isEmpty())
        ctx.err << Tr::tr("rapport: the sign-in could not be deleted from the keyring: %1").arg(warning) << Qt::endl;
    return kOk;
}

struct AccountRun
{
    qint64 id = 0;
    bool done = false;
    bool ok = false;
    QString message;
    SyncOutcome outcome;
};

} // namespace

int SyncCommands::accounts(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const Context ctx{inv, out, err};
    const QString sub = inv.arguments.value(0);
    if (sub == u"list")
        return list(ctx);
    if (sub == u"add")
        return add(ctx);
    if (sub == u"remove")
        return remove(ctx);
    return ctx.usage(sub.isEmpty() ? Tr::tr("accounts needs list, add or remove.")
                                   : Tr::tr("Unknown accounts command “%1”: use list, add or remove.").arg(sub));
}

int SyncCommands::sync(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const Context ctx{inv, out, err};
    if (!inv.arguments.isEmpty())
        return ctx.usage(Tr::tr("sync takes no arguments; choose an account with --account ID."));
    const QString which = inv.option(QStringLiteral("account"), QStringLiteral("all"));
    qint64 only = 0;
    if (which != u"all") {
        bool ok = false;
        only = which.toLongLong(&ok);
        if (!ok || only <= 0)
            return ctx.usage(Tr::tr("--account needs an account id or “all”."));
    }
    Result<std::unique_ptr<Database>> db = openDatabase(inv);
    if (!db)
        return ctx.fail(db.error().message);
    if ((*db)->isReadOnly())
        return ctx.fail(Tr::tr("The database is read-only, so nothing synced could be stored."));
    SyncRepository repo(**db);
    Result<QList<SocialAccount>> all = repo.accounts();
    if (!all)
        return ctx.fail(all.error().message);
    QList<AccountRun> runs;
    QHash<qint64, SocialAccount> byId;
    for (const SocialAccount &a : std::as_const(*all)) {
        byId.insert(a.id, a);
        if (only ? a.id == only : a.enabled) {
            AccountRun run;
            run.id = a.id;
            runs.append(run);
        }
    }
    if (only && runs.isEmpty())
        return ctx.fail(Tr::tr("There is no account #%1.").arg(only));

    if (!runs.isEmpty()) {
        SyncManager::Options options;
        options.periodic = false;
        options.syncOnStart = false;
        SyncManager manager((*db)->location(), SecretScope::forLocation((*db)->location()), options);
        const bool showProgress = !inv.json && isatty(STDERR_FILENO);
        int pending = int(runs.size());
        bool anythingStarted = false;
        QObject::connect(&manager, &SyncManager::syncStarted, &manager, [&](qint64) { anythingStarted = true; });
        QObject::connect(&manager, &SyncManager::progress, &manager, [&](qint64 id, int fetched) {
            if (showProgress)
                err << '\r' << Tr::tr("Syncing %1… %n item(s)", nullptr, fetched).arg(byId.value(id).displayName)
                    << "\x1b[K" << Qt::flush;
        });
        QObject::connect(&manager, &SyncManager::accountSynced, &manager,
            [&](qint64 id, bool ok, const QString &message, const SyncOutcome &outcome) {
                anythingStarted = true;
                for (AccountRun &run : runs) {
                    if (run.id == id && !run.done) {
                        run = AccountRun{id, true, ok, message, outcome};
                        if (--pending == 0)
                            QCoreApplication::quit();
                    }
                }
            });
        // A run the worker skipped (e.g. an account waiting for sign-in) never reports: idle ends the wait.
        // An idle before anything started is the worker announcing it is up; give the requests time to arrive.
        QObject::connect(&manager, &SyncManager::idle, &manager, [&] {
            if (anythingStarted)
                QCoreApplication::quit();
            else
                QTimer::singleShot(3000, &manager, [&] {
                    if (!anythingStarted && !manager.isSyncing())
                        QCoreApplication::quit();
                });
        });
        manager.start();
        QTimer::singleShot(0, &manager, [&] {
            for (const AccountRun &run : std::as_const(runs))
                manager.syncNow(run.id);
        });
        QCoreApplication::exec();
        manager.stop();
        if (showProgress)
            err << '\r' << "\x1b[K" << Qt::flush;
    }

    const Result<int> inboxCount = repo.inboxCount();
    const int inbox = inboxCount ? *inboxCount : -1;
    bool allOk = true;
    QJsonArray results;
    for (const AccountRun &run : std::as_const(runs)) {
        const SocialAccount &a = byId[run.id];
        const bool ok = run.done && run.ok;
        allOk = allOk && ok;
        const QString message = run.done ? run.message : Tr::tr("not synced (the account waits for a new sign-in or is paused)");
        if (inv.json) {
            results.append(
                QJsonObject { { QStringLiteral("id"), run.id }, { QStringLiteral("network"), Networks::key(a.network) },
                    { QStringLiteral("name"), a.displayName }, { QStringLiteral("ok"), ok },
                    { QStringLiteral("message"), message }, { QStringLiteral("fetched"), run.outcome.fetched },
                    { QStringLiteral("inserted"), run.outcome.inserted },
                    { QStringLiteral("to_inbox"), run.outcome.toInbox },
                    { QStringLiteral("engagements"), run.outcome.engagements } });
        } else if (ok) {
            out << Tr::tr("#%1 %2: fetched %3, %4 new, %5 to the Inbox")
                       .arg(run.id)
                       .arg(a.displayName)
                       .arg(run.outcome.fetched)
                       .arg(run.outcome.inserted)
                       .arg(run.outcome.toInbox)
                << Qt::endl;
        } else {
            err << Tr::tr("rapport: #%1 %2: %3").arg(run.id).arg(a.displayName, message) << Qt::endl;
        }
    }
    if (inv.json) {
        ctx.printJson({{QStringLiteral("database"), (*db)->location().displayName()},
            {QStringLiteral("ok"), allOk},
            {QStringLiteral("accounts"), results},
            {QStringLiteral("inbox_authors"), inbox}});
    } else if (runs.isEmpty()) {
        out << Tr::tr("No enabled accounts to sync.") << Qt::endl;
    } else if (inbox > 0) {
        out << Tr::tr("%n author(s) waiting in the Inbox.", nullptr, inbox) << Qt::endl;
    }
    return allOk ? kOk : kFailed;
}
