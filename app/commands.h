#pragma once

class QTextStream;
struct Invocation;

// The headless subcommands. Each returns the process exit status: 0 ok, 1 failed (message on err),
// 2 bad usage.
namespace Commands {

int run(const Invocation &invocation, QTextStream &out, QTextStream &err);

} // namespace Commands
