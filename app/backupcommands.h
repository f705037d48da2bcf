#pragma once

class QString;
class QTextStream;
struct Invocation;

// `rapport backup [--out FILE]` and `rapport restore BACKUP --yes`: backups of the embedded SQLite database
// without the window (issue 13; docs/BACKUP.md). On PostgreSQL both say to use pg_dump / pg_restore.
// Same exit statuses as the other commands (0 ok, 1 failed, 2 usage).
namespace BackupCommands {
int backup(const Invocation &invocation, QTextStream &out, QTextStream &err);
int restore(const Invocation &invocation, QTextStream &out, QTextStream &err);
// The lines `rapport --help` shows for these commands.
QString usage();
} // namespace BackupCommands
