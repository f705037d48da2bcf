#pragma once

class QApplication;
class QElapsedTimer;
struct Invocation;

namespace Gui {
// The composition root of the window: opens the database (a clear message if it cannot), creates the
// main window and offers demo data on first run; starts the sync and the daily backup once the first screen
// is up. File → Restore From Backup… ends with the window closing: the backup is put in place with every
// connection closed, and a new window opens on the restored file and says how it went. Returns the exit status.
int run(QApplication &app, const Invocation &invocation, const QElapsedTimer &sinceStart);
}
