#pragma once

#include <QString>

#include <functional>

class ChartTableModel;
class QChart;
class QPalette;

// Builds the Qt Charts chart of one dashboard table: the series read the model (bar sets one per column, kept
// across resets and given the new values; lines through QVXYModelMapper), so the chart follows every change of
// the model; the categories follow its first column,
// and the colours come from ChartPalette. Used by the Dashboard section and, with no callback, by the PDF
// report and the exports.
namespace DashboardChart {

enum class Kind {
    InteractionsOverTime, // stacked bars per channel; inbound hatched
    ReplyRate, // bars (sent, replied) and the rate as a line on a second axis
    Funnel, // horizontal bars, planned at the top
    Coverage, // stacked bars per sentiment and the reach as a line on a second axis
    TopRelationships, // horizontal bars (interactions)
    CoolingRelationships, // horizontal bars (health)
    TopOutlets, // horizontal bars (pieces)
    TeamActivity, // horizontal stacked bars per channel
    SocialEngagement, // one line per kind
};

// Called when the pointer enters or leaves a chart element (click = false, `inside` tells which) or
// clicks it (click = true), with the model cell behind the element.
using ElementCallback = std::function<void(int row, int column, bool click, bool inside)>;

QChart *create(Kind kind, ChartTableModel *model, const QPalette &palette, ElementCallback element = {});
// The chart's title, and what its empty state says.
QString title(Kind kind);
QString emptyText(Kind kind);

} // namespace DashboardChart
