#pragma once

#include "core/result.h"
#include "dashboardchart.h"

#include <QSizeF>

class ChartTableModel;
class QPainter;
class QPalette;
class QRectF;

// Charts drawn outside a window: into a PNG or SVG file, or onto any QPainter (the PDF exports, where they stay
// vector drawings). Each builds a fresh chart of the model at the asked size, so what is written does not
// depend on the window's size. Files are written through QSaveFile: a failed write leaves nothing behind.
namespace ChartExport {

// Paints the chart of `model` into `target` of `painter`.
void render(DashboardChart::Kind kind, ChartTableModel *model, const QPalette &palette, QPainter *painter,
    const QRectF &target);
// Writes the chart as PNG (at twice the size, for high-DPI screens) or SVG, by the path's suffix.
Status save(DashboardChart::Kind kind, ChartTableModel *model, const QPalette &palette, const QSizeF &size,
    const QString &path);
// The palette of paper: dark text on white (PDF reports and exported files always print well).
QPalette paperPalette();

} // namespace ChartExport
