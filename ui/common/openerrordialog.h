#pragma once

class QString;

// Shown when Rapport cannot open its database at start-up (missing driver, corrupt or newer file,
// unreachable server, wrong password): the reason in words and where the database is. Blocks until closed,
// since there is no window yet to be modal to.
namespace OpenErrorDialog {
void exec(const QString &location, const QString &message);
}
