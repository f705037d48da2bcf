#pragma once

class QTextStream;
struct Invocation;

// `rapport sync` and `rapport accounts …`: the social sync without the window. Same exit statuses as the
// other commands (0 ok, 1 failed, 2 usage).
namespace SyncCommands {

// Runs one sync of one or every enabled account through a SyncManager (periodic off) and waits until it is idle.
int sync(const Invocation &invocation, QTextStream &out, QTextStream &err);
// accounts list | add feed|mastodon|bluesky … | remove ID. Secrets only ever come from standard input.
int accounts(const Invocation &invocation, QTextStream &out, QTextStream &err);

} // namespace SyncCommands
