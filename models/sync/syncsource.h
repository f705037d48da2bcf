#pragma once

#include "core/result.h"
#include "domain/socialaccount.h"
#include "domain/syncitem.h"
#include "sync/synchttp.h"

#include <QStringList>

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
    // Items the server sent that could not be read (a mention whose post was deleted, a malformed entry): left
    // out, the rest of their page stored. At most kMaxSkipNotes reasons are kept, without repeats.
    int skipped = 0;
    QStringList skipNotes;
    static constexpr int kMaxSkipNotes = 5;
    void addSkipped(int count, const QStringList &notes);
    // Adds a page's report (inserted, Inbox, engagements, contacts without repeats).
    void add(const IngestReport &report);
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
    SyncOutcome outcome = {}; // what the run stored so far, kept when it fails midway
};

// One network's protocol: Mastodon, Bluesky or feeds. A source pages through its streams from the stored
// cursors, calling repo.ingestPage() once per page (items + new cursor in one transaction), and checks
// ctx.cancel between pages. Errors: Error::Code::Auth when the credentials are refused (the account then
// waits for the user to sign in again), Network / RateLimited for the rest, Cancelled on cancel.
// One item that cannot be mapped never fails a run: it is left out and counted in SyncOutcome::skipped, the
// rest of its page is stored and the cursor moves past it. Only an answer that is not the network's JSON or
// XML at all fails the stream.
//
// A run that fails after pages were stored still reports what they did: sync() writes into ctx.outcome as it
// goes (and returns it on success), so the worker can refresh the timelines of contacts that gained items.
class SyncSource
{
public:
    virtual ~SyncSource() = default;
    virtual Result<SyncOutcome> sync(SyncContext &ctx) = 0;
    // Checks the server and credentials without storing anything; returns a line for the user
    // ("Signed in as @ana@example.social", "Feed “Tech Desk”, 20 items").
    virtual Result<QString> testConnection(SyncContext &ctx) = 0;

    // The source for account.network (nullptr only from a test factory that has none).
    static std::unique_ptr<SyncSource> create(Network network);

    // Tests: create() asks this factory instead (an empty function restores the real sources). Set it before
    // the sync thread starts; it is called on that thread.
    using Factory = std::function<std::unique_ptr<SyncSource>(Network network)>;
    static void setFactoryForTesting(Factory factory);
};
