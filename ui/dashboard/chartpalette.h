#pragma once

#include <QColor>
#include <QList>

class QChart;
class QPalette;

// The dashboard's and the report's colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design",
// 2008), whose eight colours stay apart for readers with any of the three common colour-vision deficiencies
// (tst_chartpalette checks it with the Machado et al. 2009 simulation). In the dark theme black becomes light
// grey. A series past the eighth reuses the colours with a hatched brush, so it still differs.
namespace ChartPalette {

constexpr int kColors = 8;

// The palette for a light or dark background.
QList<QColor> colors(bool dark);
// The colour of series `index` (wraps after kColors).
QColor color(int index, bool dark);
// Hatched after the first kColors series (and for inbound bars, to tell them from outbound).
Qt::BrushStyle brushStyle(int index, bool hatched = false);
// True when the palette's window colour is dark.
bool isDark(const QPalette &palette);
// Applies the window's palette to a chart: transparent background, text and grid in the palette's colours,
// animations off (so a chart renders at once into an image or a PDF).
void applyTheme(QChart *chart, const QPalette &palette);

// Colour-vision simulation for the tests: 0 none, 1 protanopia, 2 deuteranopia, 3 tritanopia (Machado 2009,
// severity 1, in linear RGB). Returns the CIE L*a*b* coordinates of what such a reader sees.
struct Lab
{
    double l = 0, a = 0, b = 0;
};
Lab simulate(const QColor &color, int deficiency);
double distance(const Lab &x, const Lab &y); // CIE76 ΔE

} // namespace ChartPalette
