#pragma once

#include <QString>

class QMenu;
class QObject;

// Light and dark palettes. "System" keeps the platform's style and palette; Light and Dark use the Fusion
// style with palettes whose text contrast is at least 4.5:1 (WCAG AA) on every background role used.
// The choice is kept in the settings (appearance/theme) and applied at start-up.
namespace Theme {

enum class Kind { System, Light, Dark };

Kind current();
void apply(Kind kind);
// Applies the theme saved in the settings; call once after the QApplication exists.
void applySaved();
// Adds a "Theme" submenu (System / Light / Dark, checkable) to `menu`.
QMenu *addMenu(QMenu *menu, QObject *context);

} // namespace Theme
