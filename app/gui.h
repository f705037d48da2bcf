#pragma once

class QApplication;
class QElapsedTimer;
struct Invocation;

namespace Gui {
// The composition root of the window: opens the database (a clear message if it cannot), creates the
// main window and offers demo data on first run. Returns the exit status.
int run(QApplication &app, const Invocation &invocation, const QElapsedTimer &sinceStart);
}
