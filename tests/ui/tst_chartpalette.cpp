// The dashboard's palette stays distinguishable: every pair of its colours is at least kMinDistance apart
// (CIE76 ΔE) for normal vision and as readers with protanopia, deuteranopia or tritanopia see them (Machado
// et al. 2009 simulation), on the light and on the dark theme.
#include "dashboard/chartpalette.h"

#include <QTest>

class TestChartPalette final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void distinguishable_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<int>("deficiency");
        const char *names[] = { "normal", "protanopia", "deuteranopia", "tritanopia" };
        for (bool dark : { false, true })
            for (int d = 0; d < 4; ++d)
                QTest::addRow("%s %s", dark ? "dark" : "light", names[d]) << dark << d;
    }

    void distinguishable()
    {
        constexpr double kMinDistance = 15.0; // about four times a just noticeable difference
        QFETCH(bool, dark);
        QFETCH(int, deficiency);
        const QList<QColor> colors = ChartPalette::colors(dark);
        QCOMPARE(colors.size(), ChartPalette::kColors);
        double closest = 1e9;
        for (int i = 0; i < colors.size(); ++i)
            for (int j = i + 1; j < colors.size(); ++j) {
                const double d = ChartPalette::distance(
                    ChartPalette::simulate(colors[i], deficiency), ChartPalette::simulate(colors[j], deficiency));
                closest = qMin(closest, d);
                QVERIFY2(d >= kMinDistance,
                    qPrintable(QStringLiteral("%1 and %2: ΔE %3").arg(colors[i].name(), colors[j].name()).arg(d)));
            }
        qInfo("closest pair: ΔE %.1f", closest);
    }

    void simulationIsSane()
    {
        // Red and green, far apart for normal vision, nearly merge for a deuteranope: the check can fail.
        const QColor red(200, 60, 40), green(80, 140, 40);
        QVERIFY(ChartPalette::distance(ChartPalette::simulate(red, 0), ChartPalette::simulate(green, 0)) > 40);
        QVERIFY(ChartPalette::distance(ChartPalette::simulate(red, 2), ChartPalette::simulate(green, 2)) < 15);
    }

    void seriesPastTheEighthAreHatched()
    {
        QCOMPARE(ChartPalette::color(8, false), ChartPalette::color(0, false));
        QVERIFY(ChartPalette::brushStyle(8) != Qt::SolidPattern);
        QCOMPARE(ChartPalette::brushStyle(3), Qt::SolidPattern);
        QVERIFY(ChartPalette::brushStyle(3, true) != Qt::SolidPattern);
        // Black disappears on a dark background: the dark palette has a light grey instead.
        QVERIFY(ChartPalette::color(7, true).lightnessF() > 0.7);
    }
};

QTEST_MAIN(TestChartPalette)
#include "tst_chartpalette.moc"
