#pragma once

class QString;
class QTextStream;
struct Invocation;

// `rapport import FILE …`, `rapport imports list` and `rapport imports undo BATCH`: imports without the window,
// each one batch that can be undone. Same exit statuses as the other commands (0 ok, 1 failed, 2 usage).
namespace ImportCommands {
int importFile(const Invocation &invocation, QTextStream &out, QTextStream &err);
int imports(const Invocation &invocation, QTextStream &out, QTextStream &err);
// The lines `rapport --help` shows for these commands.
QString usage();
} // namespace ImportCommands
