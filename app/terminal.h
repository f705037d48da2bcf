#pragma once

class QString;
class QTextStream;

namespace Terminal {

// Reads one line from standard input: a secret (token, password). On a terminal it prompts on `err` and
// does not echo what is typed; piped input is read as is. Never from the command line, where other users
// of the machine could read it.
QString readSecret(const QString &prompt, QTextStream &err);

} // namespace Terminal
