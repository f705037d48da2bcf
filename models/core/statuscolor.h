#pragma once

#include <QColor>

class QPalette;

// Colours that carry a meaning (overdue, an error, a success) on any theme. One hue per meaning, in two
// shades: a deep one for light backgrounds and a light one for dark backgrounds, picked by the palette's
// Base so that text in it keeps a WCAG contrast of at least 4.5:1 on Base and AlternateBase (tst_theme).
namespace StatusColor {

// Overdue dates, errors, "do not contact".
QColor danger(const QPalette &palette);
// "Connection works", positive sentiment.
QColor success(const QPalette &palette);
// The application's current palette.
QColor danger();
QColor success();

} // namespace StatusColor
