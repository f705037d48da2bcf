#pragma once

class QTextStream;
struct Invocation;

// `rapport users list|add|set-role|deactivate`: the team of a team database (issue 14). The server decides:
// only an admin may add people, change roles and deactivate; everybody may list. Same exit statuses as the
// other commands (0 ok, 1 failed, 2 usage).
namespace UserCommands {

int run(const Invocation &invocation, QTextStream &out, QTextStream &err);

} // namespace UserCommands
