#pragma once

class QTextStream;
struct Invocation;

// `rapport campaign suggest ID [--limit N] [--json]`: the who-to-pitch list of a campaign with the reasons
// (PitchSuggestions, docs/PITCHING.md). Same exit statuses as the other commands (0 ok, 1 failed, 2 usage).
namespace SuggestCommand {

// The arguments after "campaign": "suggest" ID.
int run(const Invocation &invocation, QTextStream &out, QTextStream &err);

} // namespace SuggestCommand
