#pragma once

#include "commandline.h"
#include "core/result.h"
#include "storage/database.h"

#include <QJsonObject>
#include <QString>

#include <memory>

class QTextStream;

// What every command of the command line shares: its exit codes, where it writes, how it says that it failed or
// was called wrongly, and how it opens the database named by --db (or the default one).
namespace CommandContext {

inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;
inline constexpr int kUsage = 2;

struct Context
{
    const Invocation &inv;
    QTextStream &out;
    QTextStream &err;

    // "rapport: <message>" on standard error; returns kFailed.
    int fail(const QString &message) const;
    int fail(const Error &error) const { return fail(error.message); }
    // The message and "Try “rapport --help”." on standard error; returns kUsage.
    int usage(const QString &message) const;
    void printJson(const QJsonObject &object) const;
};

// The database of --db (a path or a postgresql:// URL) or the default one, signed in (UserRepository::signIn: on
// SQLite the system user, on PostgreSQL the login role with the server's Rapport role) so that what the command
// writes is attributed; a login role without a Rapport role is refused.
Result<std::unique_ptr<Database>> openDatabase(const Invocation &inv, Database::OpenFlags flags = Database::OpenFlag::CreateIfMissing);

} // namespace CommandContext
