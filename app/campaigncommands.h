#pragma once

class QTextStream;
struct Invocation;

// `rapport campaigns list [--client ID]` and `rapport campaign show ID`: the Campaigns section without the
// window. Same exit statuses as the other commands (0 ok, 1 failed, 2 usage).
namespace CampaignCommands {

// The campaigns (not in the trash), newest start first, with their figures.
int list(const Invocation &invocation, QTextStream &out, QTextStream &err);
// One campaign: its brief, how many pitches are in each status, and its coverage.
int show(const Invocation &invocation, QTextStream &out, QTextStream &err);

} // namespace CampaignCommands
