#include "chartpalette.h"

#include <QChart>
#include <QPalette>
#include <QtMath>

#include <array>
#include <cmath>

QList<QColor> ChartPalette::colors(bool dark)
{
    return { QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73), QColor(0xF0, 0xE4, 0x42),
        QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0xCC, 0x79, 0xA7),
        dark ? QColor(0xDD, 0xDD, 0xDD) : QColor(0x00, 0x00, 0x00) };
}

QColor ChartPalette::color(int index, bool dark)
{
    return colors(dark).at(((index % kColors) + kColors) % kColors);
}

Qt::BrushStyle ChartPalette::brushStyle(int index, bool hatched)
{
    if (hatched)
        return Qt::BDiagPattern;
    return index >= kColors ? Qt::Dense4Pattern : Qt::SolidPattern;
}

bool ChartPalette::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

void ChartPalette::applyTheme(QChart *chart, const QPalette &palette)
{
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundVisible(false);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(palette.color(QPalette::WindowText));
    chart->legend()->setLabelColor(palette.color(QPalette::WindowText));
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.18);
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
        axis->setMinorGridLineColor(grid);
    }
}

namespace {

double toLinear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

using Matrix = std::array<std::array<double, 3>, 3>;

// Machado, Oliveira & Fernandes (2009), severity 1.0.
constexpr Matrix kSimulation[4] = {
    { { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } } },
    { { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } } },
    { { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } } },
    { { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } } },
};

} // namespace

ChartPalette::Lab ChartPalette::simulate(const QColor &color, int deficiency)
{
    const double in[3] = { toLinear(color.redF()), toLinear(color.greenF()), toLinear(color.blueF()) };
    const Matrix &m = kSimulation[qBound(0, deficiency, 3)];
    double rgb[3];
    for (int i = 0; i < 3; ++i)
        rgb[i] = qBound(0.0, m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 1.0);
    const double x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
    const double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    const double z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
    const auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    const double fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883);
    return { 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz) };
}

double ChartPalette::distance(const Lab &x, const Lab &y)
{
    return std::sqrt((x.l - y.l) * (x.l - y.l) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b));
}
