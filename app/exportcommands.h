#pragma once

class QString;
class QTextStream;
struct Invocation;

// `rapport export contacts|followups|person ID|all …` and `rapport erase person ID --yes`. Same exit statuses as
// the other commands (0 ok, 1 failed, 2 usage). An export goes to --out FILE (all or nothing, through a
// QSaveFile) or to standard output; what was written is then said on standard error, so the output stays clean.
namespace ExportCommands {
int exportData(const Invocation &invocation, QTextStream &out, QTextStream &err);
int erase(const Invocation &invocation, QTextStream &out, QTextStream &err);
// The lines `rapport --help` shows for these commands.
QString usage();
} // namespace ExportCommands
