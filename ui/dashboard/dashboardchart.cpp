#include "dashboardchart.h"

#include "chartpalette.h"
#include "domain/interaction.h"
#include "itemmodels/dashboardmodels.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPalette>
#include <QStackedBarSeries>
#include <QVXYModelMapper>
#include <QValueAxis>

#include <algorithm>
#include <memory>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DashboardChart)
};

// Names beside horizontal bars longer than this are shortened with an ellipsis, so that the bars keep most of a
// half-width panel (the table view and Copy as CSV give them whole).
constexpr int kRowLabelChars = 24;

// The category labels: one per row, each different, since QBarCategoryAxis drops a repeated category (two
// contacts of the same name were one label for two bars). A repeat gets zero-width spaces, which do not show.
// `rows` (the categories of horizontal bars): long names shortened, last row first (as mapBars' `topDown`).
QStringList labels(const ChartTableModel *model, bool rows)
{
    QStringList list;
    for (int r = 0; r < model->rowCount(); ++r) {
        QString label = model->index(r, 0).data().toString();
        if (rows && label.size() > kRowLabelChars)
            label = label.left(kRowLabelChars - 1).trimmed() + QChar(0x2026);
        while (list.contains(label))
            label += QChar(0x200B);
        list << label;
    }
    if (rows)
        std::reverse(list.begin(), list.end());
    return list;
}

// Gives `set` these values. A bar series lays out all its bars again after each change of a set (Qt Charts 6.4):
// a few changed values are replaced one by one, more at once (two layouts: the old values out, the new ones in).
void setValues(QBarSet *set, const QList<qreal> &values)
{
    const qsizetype n = set->count();
    if (n == values.size()) {
        QList<int> changed;
        for (int i = 0; i < n; ++i)
            if (set->at(i) != values.at(i))
                changed << i;
        if (changed.size() <= 2) {
            for (int i : std::as_const(changed))
                set->replace(i, values.at(i));
            return;
        }
    }
    if (n > 0)
        set->remove(0, int(n));
    set->append(values);
}

// The bar sets of `series` read columns first..last of the model, one set per column (named by its header, as
// QVBarModelMapper names them), up to the model's last column; they follow every reset and change of the model.
// Unlike QVBarModelMapper, which deletes every set and appends new ones one by one on a reset (and the legend then
// makes all its markers again after each: 210 markers for the twenty sets of the interactions chart, most of a
// filter change's time on the GUI thread, docs/PERFORMANCE.md), the sets stay and take the new values; sets are
// added or taken away only when the columns change, all in one call. `style` colours a set (again after a change
// of columns, when a set may show another column); hover and click are wired to the model's cells. `topDown`
// (horizontal bars): the sets hold the rows last to first, since a horizontal bar chart draws its first category
// at the bottom and QBarCategoryAxis::setReverse() does not turn the bars over in Qt 6.4: a ranking reads from the
// top.
void mapBars(QChart *chart, QAbstractBarSeries *series, ChartTableModel *model, int first, int last,
    std::function<void(QBarSet *, int column)> style, const DashboardChart::ElementCallback &element,
    bool topDown = false)
{
    const auto sync = [series, model, first, last, style, topDown] {
        const int rows = model->rowCount();
        const int end = rows > 0 ? qMin(last, model->columnCount() - 1) : first - 1;
        const int wanted = qMax(0, end - first + 1);
        QList<QBarSet *> sets = series->barSets();
        bool columnsChanged = sets.size() != wanted;
        if (sets.size() == wanted + 1) {
            series->remove(sets.takeLast());
        } else if (sets.size() > wanted) {
            // Taking sets away one by one would make the legend's markers again after each: all out at once, and
            // new ones in in one call.
            series->clear();
            sets.clear();
        }
        QList<QBarSet *> added;
        for (int i = 0; i < wanted; ++i) {
            const int column = first + i;
            QList<qreal> values;
            values.reserve(rows);
            for (int r = 0; r < rows; ++r)
                values << model->value(topDown ? rows - 1 - r : r, column);
            const QString label = model->headerData(column, Qt::Horizontal).toString();
            QBarSet *set = i < sets.size() ? sets.at(i) : nullptr;
            if (!set) {
                set = new QBarSet(label);
                set->append(values);
                added << set;
                style(set, column);
                continue;
            }
            if (set->label() != label) {
                set->setLabel(label);
                columnsChanged = true;
            }
            setValues(set, values);
        }
        if (!added.isEmpty())
            series->append(added);
        if (columnsChanged) {
            const QList<QBarSet *> now = series->barSets();
            for (int i = 0; i < now.size(); ++i)
                style(now.at(i), first + i);
        }
    };
    sync();
    QObject::connect(model, &QAbstractItemModel::modelReset, series, sync);
    QObject::connect(model, &QAbstractItemModel::dataChanged, series, sync);
    if (element) {
        const auto row = [model, topDown](int index) { return topDown ? model->rowCount() - 1 - index : index; };
        QObject::connect(series, &QAbstractBarSeries::hovered, chart,
            [series, first, element, row](bool inside, int index, QBarSet *set) {
                element(row(index), first + int(series->barSets().indexOf(set)), false, inside);
            });
        QObject::connect(
            series, &QAbstractBarSeries::clicked, chart, [series, first, element, row](int index, QBarSet *set) {
                element(row(index), first + int(series->barSets().indexOf(set)), true, true);
            });
    }
}

void mapLine(QChart *chart, QLineSeries *line, ChartTableModel *model, int column,
    const DashboardChart::ElementCallback &element)
{
    auto *mapper = new QVXYModelMapper(line);
    mapper->setYColumn(column);
    mapper->setSeries(line);
    // The x column (the hidden bucket index) and the series' name exist once the model has a table: the mapper
    // gets the model then, and both again after every reset.
    const auto follow = [mapper, line, model, column] {
        if (model->hiddenColumn() < 0)
            return;
        if (mapper->xColumn() != model->hiddenColumn())
            mapper->setXColumn(model->hiddenColumn());
        if (!mapper->model())
            mapper->setModel(model);
        if (column < model->columnCount())
            line->setName(model->headerData(column, Qt::Horizontal).toString());
    };
    follow();
    QObject::connect(model, &QAbstractItemModel::modelReset, line, follow);
    line->setPointsVisible(true);
    if (element) {
        QObject::connect(line, &QXYSeries::hovered, chart,
            [column, element](const QPointF &p, bool inside) { element(qRound(p.x()), column, false, inside); });
        QObject::connect(line, &QXYSeries::clicked, chart,
            [column, element](const QPointF &p) { element(qRound(p.x()), column, true, true); });
    }
}

// A line over the rows of `column` that have a value, one line series (each fed by its own QVXYModelMapper over
// its rows) per run of rows with values: a row without one is a gap in the line, not a point at 0 (a week
// without pitches has no reply rate). The runs follow the model (reset or cells changed); only the first shows
// in the legend.
void mapLineRuns(QChart *chart, ChartTableModel *model, int column, QAbstractAxis *x, QAbstractAxis *y,
    const QPen &pen, const DashboardChart::ElementCallback &element)
{
    auto runsOf = [model, column] {
        QList<QPair<int, int>> runs; // first row, row count
        for (int row = 0; row < model->rowCount(); ++row) {
            if (!model->index(row, column).data().isValid())
                continue;
            if (!runs.isEmpty() && runs.constLast().first + runs.constLast().second == row)
                ++runs.last().second;
            else
                runs << qMakePair(row, 1);
        }
        return runs;
    };
    auto lines = std::make_shared<QList<QLineSeries *>>();
    auto shown = std::make_shared<QList<QPair<int, int>>>();
    const auto rebuild = [=] {
        if (model->hiddenColumn() < 0)
            return;
        const QList<QPair<int, int>> runs = runsOf();
        if (runs == *shown && !lines->isEmpty())
            return; // the mappers follow the changed values
        for (QLineSeries *line : std::as_const(*lines)) {
            chart->removeSeries(line);
            delete line;
        }
        lines->clear();
        *shown = runs;
        for (const auto &[first, count] : runs) {
            auto *line = new QLineSeries(chart);
            chart->addSeries(line);
            auto *mapper = new QVXYModelMapper(line);
            mapper->setXColumn(model->hiddenColumn());
            mapper->setYColumn(column);
            mapper->setFirstRow(first);
            mapper->setRowCount(count);
            mapper->setSeries(line);
            mapper->setModel(model);
            line->setName(model->headerData(column, Qt::Horizontal).toString());
            line->setPen(pen);
            line->setColor(pen.color());
            line->setPointsVisible(true);
            line->attachAxis(x);
            line->attachAxis(y);
            if (!lines->isEmpty())
                for (QLegendMarker *marker : chart->legend()->markers(line))
                    marker->setVisible(false);
            if (element) {
                QObject::connect(line, &QXYSeries::hovered, chart, [column, element](const QPointF &p, bool inside) {
                    element(qRound(p.x()), column, false, inside);
                });
                QObject::connect(line, &QXYSeries::clicked, chart,
                    [column, element](const QPointF &p) { element(qRound(p.x()), column, true, true); });
            }
            *lines << line;
        }
    };
    rebuild();
    QObject::connect(model, &QAbstractItemModel::modelReset, chart, rebuild);
    QObject::connect(model, &QAbstractItemModel::dataChanged, chart, rebuild);
}

// A category axis that follows the model's first column; at the left (horizontal bars), last row first.
QBarCategoryAxis *categoryAxis(QChart *chart, ChartTableModel *model, Qt::Alignment alignment)
{
    auto *axis = new QBarCategoryAxis(chart);
    const bool rows = alignment == Qt::AlignLeft;
    axis->setCategories(labels(model, rows));
    // Qt Charts cuts a label taller than its row's share of the axis less padding, whatever its width: ten rows
    // in a half-width panel leave 7 px for a 13 px line, and every name read "...". Rows are never that close
    // (a bar is at least a line high); the labels' width is kept in bounds by kRowLabelChars.
    if (rows)
        axis->setTruncateLabels(false);
    // Twelve months or thirteen weeks under a half-width chart left a few letters of each label ("D…", "Ja…"):
    // upright, they stay whole. (A horizontal chart's categories are rows: they keep their angle.)
    const auto slant = [axis, alignment] {
        if (alignment == Qt::AlignBottom)
            axis->setLabelsAngle(axis->count() > 8 ? -90 : 0);
    };
    slant();
    const auto update = [axis, model, slant, rows] {
        const QStringList now = labels(model, rows);
        if (axis->categories() != now) {
            axis->clear();
            axis->append(now);
        }
        slant();
    };
    QObject::connect(model, &QAbstractItemModel::modelReset, axis, update);
    QObject::connect(model, &QAbstractItemModel::dataChanged, axis, update);
    chart->addAxis(axis, alignment);
    return axis;
}

QValueAxis *valueAxis(QChart *chart, Qt::Alignment alignment, const QString &title = QString())
{
    auto *axis = new QValueAxis(chart);
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setTitleText(title);
    chart->addAxis(axis, alignment);
    return axis;
}

// Value axes start at 0 and end a little above the largest value, rounded to a readable number; refitted
// after every change of the model (queued, so that the series have taken the new values).
void fitValueAxis(QValueAxis *axis, ChartTableModel *model, const std::function<double()> &maximum)
{
    const auto fit = [axis, maximum] {
        const double top = qMax(4.0, maximum());
        axis->setRange(0, top * 1.05);
        axis->applyNiceNumbers();
        axis->setMin(0);
    };
    fit();
    QObject::connect(model, &QAbstractItemModel::modelReset, axis, fit, Qt::QueuedConnection);
    QObject::connect(model, &QAbstractItemModel::dataChanged, axis, fit, Qt::QueuedConnection);
}

double columnMax(const ChartTableModel *model, int first, int last, bool stacked)
{
    double top = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        double sum = 0;
        for (int c = first; c <= last; ++c) {
            top = qMax(top, model->value(r, c));
            sum += model->value(r, c);
        }
        if (stacked)
            top = qMax(top, sum);
    }
    return top;
}

void styleSet(QBarSet *set, const QColor &color, Qt::BrushStyle style, const QPalette &palette)
{
    if (style == Qt::SolidPattern) {
        set->setBrush(color);
        set->setBorderColor(color);
    } else {
        // A hatch of the colour over a pale ground: still the channel's colour, and not the same bar.
        QBrush brush(color, style);
        set->setBrush(brush);
        set->setBorderColor(color);
    }
    set->setLabelColor(palette.color(QPalette::WindowText));
}

// Horizontal bars of one column, first row at the top.
QChart *horizontalBars(QChart *chart, ChartTableModel *model, int column, const QColor &color, const QPalette &palette,
    const DashboardChart::ElementCallback &element)
{
    auto *series = new QHorizontalBarSeries(chart);
    chart->addSeries(series);
    series->setBarWidth(0.7);
    mapBars(
        chart, series, model, column, column,
        [color, palette](QBarSet *set, int) { styleSet(set, color, Qt::SolidPattern, palette); }, element, true);
    QBarCategoryAxis *names = categoryAxis(chart, model, Qt::AlignLeft);
    series->attachAxis(names);
    QValueAxis *values = valueAxis(chart, Qt::AlignBottom);
    series->attachAxis(values);
    fitValueAxis(values, model, [model, column] { return columnMax(model, column, column, false); });
    chart->legend()->setVisible(false);
    return chart;
}

} // namespace

QString DashboardChart::title(Kind kind)
{
    switch (kind) {
    case Kind::InteractionsOverTime:
        return Tr::tr("Interactions by channel");
    case Kind::ReplyRate:
        return Tr::tr("Pitches and reply rate");
    case Kind::Funnel:
        return Tr::tr("Pitch funnel");
    case Kind::Coverage:
        return Tr::tr("Coverage, sentiment and reach");
    case Kind::TopRelationships:
        return Tr::tr("Top relationships");
    case Kind::CoolingRelationships:
        return Tr::tr("Cooling relationships");
    case Kind::TopOutlets:
        return Tr::tr("Top outlets");
    case Kind::TeamActivity:
        return Tr::tr("Team activity");
    case Kind::SocialEngagement:
        return Tr::tr("Social engagement");
    }
    return {};
}

QString DashboardChart::emptyText(Kind kind)
{
    switch (kind) {
    case Kind::InteractionsOverTime:
    case Kind::TopRelationships:
    case Kind::TeamActivity:
        return Tr::tr("No interactions in this period.");
    case Kind::ReplyRate:
        return Tr::tr("No pitches were sent in this period.");
    case Kind::Funnel:
        return Tr::tr("No pitches in this period.");
    case Kind::Coverage:
    case Kind::TopOutlets:
        return Tr::tr("No coverage in this period.");
    case Kind::CoolingRelationships:
        return Tr::tr("No valuable relationship has gone quiet.");
    case Kind::SocialEngagement:
        return Tr::tr("No mentions, replies, likes, boosts or follows were synced in this period.");
    }
    return {};
}

QChart *DashboardChart::create(Kind kind, ChartTableModel *model, const QPalette &palette, ElementCallback element)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    // Axis numbers as the language writes them, with thousands grouped ("800.000.000", not "800000000" beside a
    // reach of a year). Value axes' formats must then be "%.Nf" plus a suffix (Qt's localized form).
    chart->setLocale(QLocale());
    chart->setLocalizeNumbers(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    const bool dark = ChartPalette::isDark(palette);

    switch (kind) {
    case Kind::InteractionsOverTime: {
        auto *series = new QStackedBarSeries(chart);
        chart->addSeries(series);
        auto *overTime = static_cast<InteractionsOverTimeModel *>(model);
        const int last = qMax(1, model->columnCount() - 1);
        mapBars(
            chart, series, model, 1, 1 + int(Interaction::channels().size()) * 2 - 1,
            [overTime, dark, palette](QBarSet *set, int column) {
                const int channel = int(Interaction::channels().indexOf(overTime->channelOf(column)));
                styleSet(set, ChartPalette::color(channel, dark),
                    ChartPalette::brushStyle(channel, overTime->directionOf(column) == u"inbound"), palette);
            },
            element);
        // One legend entry per channel, named by the channel alone: twenty entries ("Email (out)", "Email (in)",
        // …) were cut to "Email …" in a legend one chart wide. Inbound is told by the hatching (the table and
        // the hover say the direction).
        const auto legendPerChannel = [chart, series, overTime] {
            const QList<QLegendMarker *> markers = chart->legend()->markers(series);
            for (int i = 0; i < markers.size(); ++i) {
                const int column = 1 + i;
                // An inbound set shows only for a channel without outbound rows (mentions, replies).
                const bool outboundBefore = column > 1 && overTime->channelOf(column - 1) == overTime->channelOf(column);
                const bool visible = overTime->directionOf(column) != u"inbound" || !outboundBefore;
                const QString label = Interaction::channelLabel(overTime->channelOf(column));
                // Unchanged markers are left alone: each new label is laid out again.
                if (markers.at(i)->isVisible() != visible)
                    markers.at(i)->setVisible(visible);
                if (markers.at(i)->label() != label)
                    markers.at(i)->setLabel(label);
            }
        };
        legendPerChannel();
        QObject::connect(model, &QAbstractItemModel::modelReset, chart, legendPerChannel);
        Q_UNUSED(last)
        series->attachAxis(categoryAxis(chart, model, Qt::AlignBottom));
        QValueAxis *values = valueAxis(chart, Qt::AlignLeft);
        series->attachAxis(values);
        fitValueAxis(values, model, [model] { return columnMax(model, 1, model->columnCount() - 1, true); });
        break;
    }
    case Kind::ReplyRate: {
        auto *bars = new QBarSeries(chart);
        chart->addSeries(bars);
        mapBars(
            chart, bars, model, ReplyRateModel::SentColumn, ReplyRateModel::RepliedColumn,
            [dark, palette](QBarSet *set, int column) {
                styleSet(set, ChartPalette::color(column == ReplyRateModel::SentColumn ? 1 : 4, dark), Qt::SolidPattern,
                    palette);
            },
            element);
        QBarCategoryAxis *x = categoryAxis(chart, model, Qt::AlignBottom);
        bars->attachAxis(x);
        QValueAxis *count = valueAxis(chart, Qt::AlignLeft, Tr::tr("Pitches"));
        bars->attachAxis(count);
        fitValueAxis(count, model, [model] { return columnMax(model, 1, 2, false); });
        // The rate's axis says "%" at each label instead of a title: under a half-width chart the title was cut
        // to "Antwortquo…" in German; the legend names the line.
        QValueAxis *percent = valueAxis(chart, Qt::AlignRight);
        percent->setLabelFormat(QStringLiteral("%.0f %")); // localized numbers: "%.Nf" and a literal suffix
        percent->setRange(0, 100);
        // Weeks or months without pitches have no rate: gaps in the line.
        mapLineRuns(chart, model, ReplyRateModel::RateColumn, x, percent, QPen(ChartPalette::color(5, dark), 2.5),
            element);
        break;
    }
    case Kind::Funnel:
        horizontalBars(chart, model, FunnelModel::CountColumn, ChartPalette::color(4, dark), palette, element);
        break;
    case Kind::Coverage: {
        auto *series = new QStackedBarSeries(chart);
        chart->addSeries(series);
        mapBars(
            chart, series, model, CoverageModel::PositiveColumn, CoverageModel::UnratedColumn,
            [dark, palette](QBarSet *set, int column) {
                const int colour = column == CoverageModel::PositiveColumn ? 2
                    : column == CoverageModel::NeutralColumn               ? 1
                    : column == CoverageModel::NegativeColumn              ? 5
                                                                           : 7;
                styleSet(set, ChartPalette::color(colour, dark),
                    column == CoverageModel::UnratedColumn ? Qt::BDiagPattern : Qt::SolidPattern, palette);
            },
            element);
        auto *reach = new QLineSeries(chart);
        chart->addSeries(reach);
        mapLine(chart, reach, model, CoverageModel::ReachColumn, element);
        reach->setPen(QPen(ChartPalette::color(0, dark), 2.5));
        reach->setColor(ChartPalette::color(0, dark));
        QBarCategoryAxis *x = categoryAxis(chart, model, Qt::AlignBottom);
        series->attachAxis(x);
        reach->attachAxis(x);
        QValueAxis *pieces = valueAxis(chart, Qt::AlignLeft, Tr::tr("Pieces"));
        series->attachAxis(pieces);
        fitValueAxis(pieces, model, [model] { return columnMax(model, 1, 4, true); });
        // No title: the legend names the line, and a title left the reach of a year ("800.000.000") cut to
        // "800.000.0…" in a half-width chart.
        QValueAxis *reachAxis = valueAxis(chart, Qt::AlignRight);
        reachAxis->setTruncateLabels(false);
        reach->attachAxis(reachAxis);
        fitValueAxis(reachAxis, model,
            [model] { return columnMax(model, CoverageModel::ReachColumn, CoverageModel::ReachColumn, false); });
        break;
    }
    case Kind::TopRelationships:
        horizontalBars(chart, model, 1, ChartPalette::color(2, dark), palette, element);
        break;
    case Kind::CoolingRelationships:
        horizontalBars(chart, model, 1, ChartPalette::color(5, dark), palette, element);
        break;
    case Kind::TopOutlets:
        horizontalBars(chart, model, 1, ChartPalette::color(0, dark), palette, element);
        break;
    case Kind::TeamActivity: {
        auto *series = new QHorizontalStackedBarSeries(chart);
        chart->addSeries(series);
        mapBars(
            chart, series, model, 1, int(Interaction::channels().size()),
            [model, dark, palette](QBarSet *set, int column) {
                const QString label = model->headerData(column, Qt::Horizontal).toString();
                int channel = 0;
                for (int c = 0; c < Interaction::channels().size(); ++c)
                    if (Interaction::channelLabel(Interaction::channels().at(c)) == label)
                        channel = c;
                styleSet(set, ChartPalette::color(channel, dark), ChartPalette::brushStyle(channel), palette);
            },
            element, true);
        series->attachAxis(categoryAxis(chart, model, Qt::AlignLeft));
        QValueAxis *values = valueAxis(chart, Qt::AlignBottom);
        series->attachAxis(values);
        fitValueAxis(values, model, [model] { return columnMax(model, 1, model->columnCount() - 1, true); });
        break;
    }
    case Kind::SocialEngagement: {
        QBarCategoryAxis *x = categoryAxis(chart, model, Qt::AlignBottom);
        QValueAxis *y = valueAxis(chart, Qt::AlignLeft);
        for (int c = 1; c <= 5; ++c) {
            auto *line = new QLineSeries(chart);
            chart->addSeries(line);
            mapLine(chart, line, model, c, element);
            const QColor colour = ChartPalette::color(c - 1, dark);
            line->setPen(QPen(colour, 2.0, c > 3 ? Qt::DashLine : Qt::SolidLine));
            line->setColor(colour);
            line->attachAxis(x);
            line->attachAxis(y);
        }
        fitValueAxis(y, model, [model] { return columnMax(model, 1, 5, false); });
        break;
    }
    }
    // Axis labels and the legend a little smaller than the window's text, so that a year of months and the
    // channels' names fit.
    QFont small = chart->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    chart->legend()->setFont(small);
    for (QAbstractAxis *axis : chart->axes())
        axis->setLabelsFont(small);
    ChartPalette::applyTheme(chart, palette);
    return chart;
}
