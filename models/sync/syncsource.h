#pragma once

#include "core/result.h"
#include "domain/socialaccount.h"
#include "sync/synchttp.h"

#include <functional>
#include <memory>

class SecretStore;
class SyncRepository;

// What one sync run of one account did.
struct SyncOutcome
{
    int fetched = 0;    // items received from the server (conversation + engagement)
    int inserted = 0;   // new interactions stored
    int toInbox = 0;
    int engagements = 0;
    QList<qint64> contactIds; // contacts whose timeline gained something
};

// Everything a source needs for one run, all owned by the worker thread.
struct SyncContext
{
    SocialAccount account;
    SyncHttp &http;
    SyncRepository &repo;
    SecretStore &secrets;
    const CancelToken &cancel;
    std::function<void(int fetchedSoFar)> progress; // may be empty
};

// One network's protocol: Mastodon, Bluesky or feeds. A source pages through its streams from the stored
// cursors, calling repo.ingestPage() once per page (items + new cursor in one transaction), and checks
// ctx.cancel between pages. Errors: Error::Code::Auth when the credentials are refused (the account then
// waits for the user to sign in again), Network / RateLimited for the rest, Cancelled on cancel.
class SyncSource
{
public:
    virtual ~SyncSource() = default;
    virtual Result<SyncOutcome> sync(SyncContext &ctx) = 0;
    // Checks the server and credentials without storing anything; returns a line for the user
    // ("Signed in as @ana@example.social", "Feed “Tech Desk”, 20 items").
    virtual Result<QString> testConnection(SyncContext &ctx) = 0;

    // The source for account.network (mastodon, bluesky, feed); nullptr for an unknown network.
    static std::unique_ptr<SyncSource> create(const QString &network);

    // Tests: create() asks this factory instead (an empty function restores the real sources). Set it before
    // the sync thread starts; it is called on that thread.
    using Factory = std::function<std::unique_ptr<SyncSource>(const QString &network)>;
    static void setFactoryForTesting(Factory factory);
};
