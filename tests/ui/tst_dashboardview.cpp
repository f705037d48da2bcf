// The Dashboard section in the real window on a fixed clock and a small agency with known figures: Ctrl+7
// opens it, the KPI tiles say the figures, a click on a bar opens the rows behind it and Enter opens the
// contact, hover says the exact value, the table toggle and "Copy as CSV" read the same model, an empty period
// says so, the filter is remembered, PNG/SVG/PDF exports are written, and a dark theme reaches the charts.
#include "common/filedialog.h"
#include "common/theme.h"
#include "core/clock.h"
#include "domain/interaction.h"
#include "dashboard/chartpalette.h"
#include "dashboard/chartpanel.h"
#include "dashboard/dashboardchart.h"
#include "dashboard/dashboardfilterbar.h"
#include "dashboard/dashboardview.h"
#include "dashboard/drilldowndialog.h"
#include "dashboard/kpitiles.h"
#include "dashboardfixture.h"
#include "itemmodels/dashboardmodels.h"
#include "mainwindow.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QAbstractBarSeries>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QScopeGuard>

using namespace DashboardFixture;

class TestDashboardView final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MainWindow> m_window;
    DashboardView *m_view = nullptr;
    QTemporaryDir m_settingsDir;

    bool waitForResult()
    {
        return QTest::qWaitFor([this] { return !m_view->isComputing() && m_view->data().filter.isValid(); }, 10000);
    }

    DrillDownDialog *openDialog() const
    {
        const auto dialogs = m_view->findChildren<DrillDownDialog *>();
        return dialogs.isEmpty() ? nullptr : dialogs.last();
    }

    // The centre of bar `bucket` of the set for `column` in a stacked bar chart, in the view's viewport.
    static QPoint barCentre(ChartPanel *panel, int bucket, double from, double to)
    {
        QChart *chart = panel->chartView()->chart();
        QAbstractSeries *series = chart->series().first();
        const QPointF scene = chart->mapToScene(chart->mapToPosition(QPointF(bucket, (from + to) / 2), series));
        return panel->chartView()->mapFromScene(scene);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setDefaultFormat(QSettings::NativeFormat);
    }

    void init()
    {
        QSettings().clear();
        m_clock = std::make_unique<FixedClock>(kNow.toUTC());
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        QVERIFY(UserRepository(*m_db).ensureUser(QStringLiteral("me"), QStringLiteral("Mia Manager")));
        QVERIFY(populate(*m_db));
        m_window = std::make_unique<MainWindow>(*m_db);
        m_window->resize(1300, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_7, Qt::ControlModifier);
        QCOMPARE(m_window->currentSection(), MainWindow::Section::Dashboard);
        m_view = m_window->dashboardView();
        QVERIFY(m_view && m_view->isVisible());
        QVERIFY(waitForResult());
    }

    // Issue 15: in French and Spanish the filter bar in one row was wider than a 1400 px screen and forced the window
    // wider than the screen. In two rows the section fits a window of 1000 px in every language, and the filters
    // show their first choice in full. The window's minimum is that of its widest section: the Follow-ups toolbar
    // (its actions now on a row of their own) was the next one, at 1085 px in French.
    void fitsANarrowWindowInEveryLanguage_data()
    {
        QTest::addColumn<QString>("qm");
        QTest::newRow("en") << QString();
        QTest::newRow("de") << QStringLiteral(RAPPORT_QM_DE);
        QTest::newRow("fr") << QStringLiteral(RAPPORT_QM_FR);
        QTest::newRow("es") << QStringLiteral(RAPPORT_QM_ES);
    }
    void fitsANarrowWindowInEveryLanguage()
    {
        QFETCH(QString, qm);
        m_window.reset();
        QTranslator translator;
        if (!qm.isEmpty()) {
            QVERIFY2(translator.load(qm), qPrintable(qm));
            QVERIFY(QCoreApplication::installTranslator(&translator));
        }
        const auto uninstall = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
        MainWindow window(*m_db);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_7, Qt::ControlModifier);
        DashboardView *view = window.dashboardView();
        QVERIFY(view && view->isVisible());
        QVERIFY(QTest::qWaitFor([view] { return !view->isComputing(); }, 10000));
        const int sectionWidth = view->minimumSizeHint().width();
        QVERIFY2(sectionWidth <= 800, qPrintable(QStringLiteral("the Dashboard needs %1 px").arg(sectionWidth)));
        QVERIFY2(window.minimumSizeHint().width() <= 1000,
            qPrintable(QStringLiteral("the window needs %1 px").arg(window.minimumSizeHint().width())));
        QCOMPARE(window.width(), 1000);
        for (auto *combo : view->findChild<DashboardFilterBar *>()->findChildren<QComboBox *>()) {
            const QString first = combo->itemText(0);
            QVERIFY2(combo->width() >= combo->fontMetrics().horizontalAdvance(first) + 20,
                qPrintable(QStringLiteral("“%1” is cut: %2 px").arg(first).arg(combo->width())));
        }
    }

    void cleanup()
    {
        m_window.reset();
        m_db.reset();
        m_clock.reset();
    }

    void kpiTilesSayTheFigures()
    {
        QAbstractItemModelTester tester(m_view->panel(DashboardChart::Kind::Coverage)->model(),
            QAbstractItemModelTester::FailureReportingMode::Fatal);
        KpiTiles *tiles = m_view->kpiTiles();
        QCOMPARE(tiles->valueText(KpiModel::Interactions), QStringLiteral("6"));
        QCOMPARE(tiles->valueText(KpiModel::PitchesSent), QStringLiteral("2"));
        QCOMPARE(tiles->valueText(KpiModel::ReplyRate), QStringLiteral("50.0 %"));
        QCOMPARE(tiles->valueText(KpiModel::CoveragePieces), QStringLiteral("2"));
        QCOMPARE(tiles->valueText(KpiModel::Reach), QStringLiteral("520,000"));
        QCOMPARE(tiles->valueText(KpiModel::NewContacts), QStringLiteral("3"));
        // Nothing before: no percentage to give.
        QCOMPARE(tiles->changeText(KpiModel::Interactions), QStringLiteral("new on the previous period"));
        // A click on the coverage tile lists the two pieces.
        QTest::mouseClick(tiles->tile(KpiModel::CoveragePieces), Qt::LeftButton);
        QTRY_VERIFY(openDialog());
        QTRY_COMPARE(openDialog()->model()->rowCount(), 2);
        QCOMPARE(openDialog()->model()->index(0, DrillDownModel::TextColumn).data().toString(),
            QStringLiteral("Acme tested"));
    }

    void clickingABarOpensItsRowsAndEnterTheContact()
    {
        ChartPanel *panel = m_view->panel(DashboardChart::Kind::InteractionsOverTime);
        QVERIFY(panel->chartView()->isVisible());
        auto *model = static_cast<InteractionsOverTimeModel *>(panel->model());
        // Weeks from Monday 19 October: Ada's three emails on 10 November are in bucket 3, "Email (out)" column 1.
        QCOMPARE(model->channelOf(1), QStringLiteral("email"));
        QCOMPARE(model->directionOf(1), QStringLiteral("outbound"));
        QCOMPARE(model->value(3, 1), 3.0);
        const QPoint bar = barCentre(panel, 3, 0, 3);
        QTest::mouseMove(panel->chartView()->viewport(), bar);
        QTRY_COMPARE(panel->hoverText(), QStringLiteral("Email (out), 9 Nov: 3"));
        QTest::mouseClick(panel->chartView()->viewport(), Qt::LeftButton, {}, bar);
        QTRY_VERIFY(openDialog());
        DrillDownDialog *dialog = openDialog();
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Email (out), 9 Nov: 3"));
        QTRY_COMPARE(dialog->model()->rowCount(), 3);
        for (int r = 0; r < 3; ++r) {
            QCOMPARE(dialog->model()->index(r, DrillDownModel::ContactColumn).data().toString(),
                QStringLiteral("Ada Lovelace"));
            QVERIFY(dialog->model()
                        ->index(r, DrillDownModel::TextColumn)
                        .data()
                        .toString()
                        .startsWith(u"Embargoed numbers"));
        }
        // Enter on the current row opens Ada's profile in the Contacts section.
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        dialog->activateWindow();
        dialog->tableView()->setFocus();
        QTest::keyClick(dialog->tableView(), Qt::Key_Return);
        QTRY_COMPARE(m_window->currentSection(), MainWindow::Section::Contacts);
    }

    void funnelBarsAndTableToggle()
    {
        ChartPanel *panel = m_view->panel(DashboardChart::Kind::Funnel);
        QCOMPARE(panel->model()->value(0, FunnelModel::CountColumn), 3.0); // planned: all three
        QCOMPARE(panel->model()->value(1, FunnelModel::CountColumn), 2.0); // pitched
        QCOMPARE(panel->model()->value(4, FunnelModel::CountColumn), 1.0); // covered
        // The table shows the same model; Enter on a cell drills like a click on its bar.
        auto *toggle = panel->findChild<QToolButton *>(QStringLiteral("tableToggleButton"));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(panel->isShowingTable());
        QTRY_VERIFY(panel->tableView()->isVisible());
        QCOMPARE(panel->tableView()->model(), panel->model());
        panel->tableView()->setFocus();
        panel->tableView()->setCurrentIndex(panel->model()->index(1, FunnelModel::CountColumn));
        QTest::keyClick(panel->tableView(), Qt::Key_Return);
        QTRY_VERIFY(openDialog());
        QTRY_COMPARE(openDialog()->model()->rowCount(), 2);
        // Copy as CSV: the model's numbers.
        QTest::mouseClick(panel->findChild<QToolButton *>(QStringLiteral("copyCsvButton")), Qt::LeftButton);
        const QString csv = QApplication::clipboard()->text();
        QVERIFY2(csv.startsWith(
                     QStringLiteral("Stage,Pitches,Share of planned (%)\r\nPlanned,3,100.0\r\nPitched,2,66.7\r\n")),
            qPrintable(csv));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QTRY_VERIFY(panel->chartView()->isVisible());
    }

    void emptyPeriodSaysSoAndTheFilterIsRemembered()
    {
        DashboardFilterBar *bar = m_view->filterBar();
        auto *from = bar->findChild<QDateEdit *>(QStringLiteral("fromDateEdit"));
        auto *to = bar->findChild<QDateEdit *>(QStringLiteral("toDateEdit"));
        from->setDate(QDate(2001, 1, 1));
        to->setDate(QDate(2001, 2, 1));
        QCOMPARE(bar->periodCombo()->currentData().toInt(), int(DashboardFilter::Period::Custom));
        QTRY_COMPARE(m_view->data().filter.to, QDate(2001, 2, 1));
        QVERIFY(waitForResult());
        for (ChartPanel *panel : m_view->panels()) {
            if (panel->kind() == DashboardChart::Kind::CoolingRelationships)
                continue; // cooling looks at the relationships as of now
            QVERIFY2(panel->isShowingEmptyState(), qPrintable(DashboardChart::title(panel->kind())));
        }
        auto *label = m_view->panel(DashboardChart::Kind::InteractionsOverTime)
                          ->findChild<QLabel *>(QStringLiteral("emptyStateLabel"));
        QCOMPARE(label->text(), QStringLiteral("No interactions in this period."));
        QVERIFY(label->isVisible());
        QCOMPARE(m_view->kpiTiles()->valueText(KpiModel::Interactions), QStringLiteral("0"));

        // Another bar (as after a restart) shows the same filter.
        DashboardFilterBar again(*m_db);
        QCOMPARE(again.filter().period, DashboardFilter::Period::Custom);
        QCOMPARE(again.filter().from, QDate(2001, 1, 1));
        QCOMPARE(again.filter().to, QDate(2001, 2, 1));

        // Last 12 months from the combo box, remembered too.
        bar->periodCombo()->setCurrentIndex(bar->periodCombo()->findData(int(DashboardFilter::Period::Last12Months)));
        QTRY_COMPARE(m_view->data().filter.from, QDate(2025, 11, 19));
        DashboardFilterBar third(*m_db);
        QCOMPARE(third.filter().period, DashboardFilter::Period::Last12Months);
        QCOMPARE(third.filter().from, QDate(2025, 11, 19));
    }

    void clientFilterNarrowsEverything()
    {
        auto *client = m_view->filterBar()->findChild<QComboBox *>(QStringLiteral("clientComboBox"));
        const int acme = client->findText(QStringLiteral("Acme Robotics"));
        QVERIFY(acme > 0);
        client->setCurrentIndex(acme);
        QTRY_COMPARE(m_view->data().filter.clientId, kClient);
        QVERIFY(waitForResult());
        // No interaction belongs to an Acme campaign or an Acme employee; the pitches and coverage do.
        QCOMPARE(m_view->kpiTiles()->valueText(KpiModel::Interactions), QStringLiteral("0"));
        QCOMPARE(m_view->kpiTiles()->valueText(KpiModel::PitchesSent), QStringLiteral("2"));
        QCOMPARE(m_view->kpiTiles()->valueText(KpiModel::CoveragePieces), QStringLiteral("2"));
    }

    // A week without pitches has no reply rate: the line has a gap there (two runs), no point at 0 %.
    void replyRateLineHasGaps()
    {
        DashboardData d;
        d.filter = DashboardFilter::forPeriod(DashboardFilter::Period::Last30Days, kNow.date());
        d.buckets = d.filter.bucketStarts();
        const int n = int(d.buckets.size());
        QVERIFY(n >= 4);
        d.pitched = QList<qint64>(n, 0);
        d.replied = QList<qint64>(n, 0);
        d.pitched[0] = 4;
        d.replied[0] = 1;
        d.pitched[n - 1] = 2;
        d.replied[n - 1] = 2;
        ReplyRateModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setResult(d);
        QVERIFY(!model.data(model.index(1, ReplyRateModel::RateColumn)).isValid());
        QVERIFY(model.toCsv().split(QStringLiteral("\r\n")).value(2).endsWith(u','));
        std::unique_ptr<QChart> chart(DashboardChart::create(DashboardChart::Kind::ReplyRate, &model, QPalette()));
        const auto ratePoints = [&] {
            QList<QList<QPointF>> runs;
            for (QAbstractSeries *series : chart->series())
                if (auto *line = qobject_cast<QLineSeries *>(series))
                    runs << line->points();
            return runs;
        };
        QCOMPARE(ratePoints(), (QList<QList<QPointF>> { { QPointF(0, 25) }, { QPointF(n - 1, 100) } }));
        // The same shape with a pitch in every week: one line through all of them, following the model.
        for (int b = 0; b < n; ++b)
            d.pitched[b] = 1;
        model.setResult(d);
        QCOMPARE(ratePoints().size(), 1);
        QCOMPARE(ratePoints().constFirst().size(), n);
        QCOMPARE(ratePoints().constFirst().at(1), QPointF(1, 0));
    }

    // The conversations' legend names each channel once (inbound is the hatching), so the names fit.
    // The bar charts keep their sets across filter changes (a reset of the model gives them new values instead of
    // new sets: the legend is not made again) and always show exactly the model: one set per value column, named by
    // its header, holding its column; sets come and go when the columns do (a channel filter, an empty period).
    void barSetsFollowEveryFilterChange()
    {
        const auto check = [this](const QString &when) {
            for (ChartPanel *panel : m_view->panels()) {
                ChartTableModel *model = panel->model();
                for (QAbstractSeries *series : panel->chartView()->chart()->series()) {
                    auto *bars = qobject_cast<QAbstractBarSeries *>(series);
                    if (!bars)
                        continue;
                    const QList<QBarSet *> sets = bars->barSets();
                    const int first = panel->kind() == DashboardChart::Kind::ReplyRate ? int(ReplyRateModel::SentColumn)
                        : panel->kind() == DashboardChart::Kind::Coverage               ? int(CoverageModel::PositiveColumn)
                        : panel->kind() == DashboardChart::Kind::Funnel                 ? int(FunnelModel::CountColumn)
                                                                                        : 1;
                    const QString what = when + QStringLiteral(": ") + DashboardChart::title(panel->kind());
                    const int columns = panel->kind() == DashboardChart::Kind::InteractionsOverTime
                            || panel->kind() == DashboardChart::Kind::TeamActivity
                        ? model->columnCount() - 1
                        : panel->kind() == DashboardChart::Kind::ReplyRate ? 2
                        : panel->kind() == DashboardChart::Kind::Coverage  ? 4
                                                                           : 1;
                    QVERIFY2(sets.size() == (model->rowCount() > 0 ? columns : 0),
                        qPrintable(QStringLiteral("%1: %2 sets").arg(what).arg(sets.size())));
                    // Horizontal bars hold the rows last to first (the first row is the top bar).
                    const bool topDown = qobject_cast<QHorizontalBarSeries *>(bars)
                        || qobject_cast<QHorizontalStackedBarSeries *>(bars);
                    const int rows = model->rowCount();
                    for (int i = 0; i < sets.size(); ++i) {
                        QCOMPARE(sets.at(i)->label(), model->headerData(first + i, Qt::Horizontal).toString());
                        QVERIFY2(sets.at(i)->count() == rows, qPrintable(what));
                        for (int r = 0; r < rows; ++r)
                            QVERIFY2(sets.at(i)->at(r) == model->value(topDown ? rows - 1 - r : r, first + i),
                                qPrintable(QStringLiteral("%1, set %2, row %3").arg(what).arg(i).arg(r)));
                    }
                }
            }
        };
        check(QStringLiteral("30 days"));
        if (QTest::currentTestFailed())
            return;
        ChartPanel *overTime = m_view->panel(DashboardChart::Kind::InteractionsOverTime);
        auto *series = qobject_cast<QAbstractBarSeries *>(overTime->chartView()->chart()->series().first());
        QVERIFY(series);
        const QList<QBarSet *> before = series->barSets();
        QVERIFY(before.size() >= 2);
        const QList<QLegendMarker *> markers = overTime->chartView()->chart()->legend()->markers(series);
        DashboardFilterBar *bar = m_view->filterBar();
        // Twelve months: more rows, the same channels: the same sets and legend markers, new values.
        bar->periodCombo()->setCurrentIndex(bar->periodCombo()->findData(int(DashboardFilter::Period::Last12Months)));
        QTRY_COMPARE(m_view->data().filter.period, DashboardFilter::Period::Last12Months);
        QVERIFY(waitForResult());
        check(QStringLiteral("12 months"));
        QCOMPARE(series->barSets(), before);
        QCOMPARE(overTime->chartView()->chart()->legend()->markers(series), markers);
        QCOMPARE(series->barSets().first()->count(), 13);
        // One channel: fewer columns, fewer sets.
        auto *channel = bar->findChild<QComboBox *>(QStringLiteral("channelComboBox"));
        QVERIFY(channel);
        channel->setCurrentIndex(channel->findData(QStringLiteral("email")));
        QTRY_COMPARE(m_view->data().filter.channel, QStringLiteral("email"));
        QVERIFY(waitForResult());
        check(QStringLiteral("email"));
        QCOMPARE(series->barSets().size(), 1);
        // All channels again, then a period without anything, then back.
        channel->setCurrentIndex(0);
        QTRY_VERIFY(m_view->data().filter.channel.isEmpty());
        QVERIFY(waitForResult());
        check(QStringLiteral("all channels"));
        QCOMPARE(series->barSets().size(), before.size());
        bar->findChild<QDateEdit *>(QStringLiteral("fromDateEdit"))->setDate(QDate(2001, 1, 1));
        bar->findChild<QDateEdit *>(QStringLiteral("toDateEdit"))->setDate(QDate(2001, 2, 1));
        QTRY_COMPARE(m_view->data().filter.to, QDate(2001, 2, 1));
        QVERIFY(waitForResult());
        check(QStringLiteral("empty"));
        bar->periodCombo()->setCurrentIndex(bar->periodCombo()->findData(int(DashboardFilter::Period::Last30Days)));
        QTRY_COMPARE(m_view->data().filter.period, DashboardFilter::Period::Last30Days);
        QVERIFY(waitForResult());
        check(QStringLiteral("30 days again"));
        // The colours follow the channels again: email's set is the first, in email's colour.
        QCOMPARE(series->barSets().first()->color(), ChartPalette::color(0, false));
    }

    void interactionsLegendNamesChannelsOnce()
    {
        ChartPanel *panel = m_view->panel(DashboardChart::Kind::InteractionsOverTime);
        QVERIFY(panel);
        auto *model = static_cast<InteractionsOverTimeModel *>(panel->model());
        QStringList expected, shown;
        for (int c = 1; c < model->columnCount(); ++c) {
            if (c == model->hiddenColumn())
                continue;
            const QString label = Interaction::channelLabel(model->channelOf(c));
            if (!expected.contains(label))
                expected << label;
        }
        QVERIFY(expected.size() >= 2);
        for (QLegendMarker *marker : panel->chartView()->chart()->legend()->markers())
            if (marker->isVisible() && marker->series()->type() == QAbstractSeries::SeriesTypeStackedBar)
                shown << marker->label();
        QCOMPARE(shown, expected);
    }

    void exports()
    {
        QTemporaryDir dir;
        ChartPanel *panel = m_view->panel(DashboardChart::Kind::Coverage);
        auto *save = panel->findChild<QToolButton *>(QStringLiteral("saveChartButton"));
        const QString png = dir.filePath(QStringLiteral("coverage.png"));
        FileDialog::setNextFileName(png);
        save->menu()->findChild<QAction *>(QStringLiteral("savePngAction"))->trigger();
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 400);
        const QString svg = dir.filePath(QStringLiteral("coverage.svg"));
        FileDialog::setNextFileName(svg);
        save->menu()->findChild<QAction *>(QStringLiteral("saveSvgAction"))->trigger();
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray drawing = svgFile.readAll();
        QVERIFY(drawing.contains("<svg"));
        QVERIFY(drawing.contains("Positive"));

        // Export PDF…: written off the GUI thread; the button cancels meanwhile and a canceled export leaves no file.
        auto *exportButton = m_view->findChild<QPushButton *>(QStringLiteral("exportPdfButton"));
        QSignalSpy exported(m_view, &DashboardView::exportFinished);
        const QString canceled = dir.filePath(QStringLiteral("canceled.pdf"));
        FileDialog::setNextFileName(canceled);
        QTest::mouseClick(exportButton, Qt::LeftButton);
        QVERIFY(m_view->isExporting());
        QCOMPARE(exportButton->text(), QStringLiteral("Cancel Export"));
        QTest::mouseClick(exportButton, Qt::LeftButton);
        QCOMPARE(exported.size(), 1);
        QCOMPARE(exported.first().first().toBool(), false);
        QVERIFY(!m_view->isExporting());
        QCOMPARE(exportButton->text(), QStringLiteral("Export PDF…"));
        QTest::qWait(200);
        QVERIFY(!QFile::exists(canceled));
        const QString pdf = dir.filePath(QStringLiteral("dashboard.pdf"));
        FileDialog::setNextFileName(pdf);
        QTest::mouseClick(exportButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 2, 60000);
        QVERIFY(exported.last().first().toBool());
        QVERIFY(QFile::exists(pdf));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") });
        QVERIFY(text.waitForFinished(20000));
        const QString words = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(words.contains(QStringLiteral("Pitch funnel")), qPrintable(words));
        QVERIFY(words.contains(QStringLiteral("Top outlets")));
        QVERIFY(words.contains(QStringLiteral("Daily Planet")));
    }

    // Seen on the large dataset: every name beside the bars of Top relationships, Cooling relationships, Top
    // outlets and Team activity read "...". Qt Charts cuts a label that is taller than its row's share of the axis
    // less padding (10 rows in a half-width panel leave 7 px for a 13 px line), whatever the width. And a name
    // two contacts share was one category for two bars (QBarCategoryAxis drops a repeated category).
    void horizontalChartsNameEveryRow()
    {
        DashboardData data;
        data.filter = m_view->data().filter;
        const QStringList names { QStringLiteral("Emeka Hernández"), QStringLiteral("Priya Kowalski"),
            QStringLiteral("Adaeze Abiodun"), QStringLiteral("Adaeze Abiodun"), QStringLiteral("Eitan Costa"),
            QStringLiteral("Elif Thompson"), QStringLiteral("Maya Jansen"), QStringLiteral("Wanjiru Campbell"),
            QStringLiteral("Bartholomew Featherstonehaugh-Montgomery"), QStringLiteral("Li Wei") };
        for (int i = 0; i < names.size(); ++i)
            data.topRelationships << DashboardPerson { i + 1, names.at(i), 100 - i * 7, 90 - i, QDateTime() };
        RelationshipsModel model(RelationshipsModel::Kind::Top);
        model.setResult(data);
        QChartView view;
        int clickedRow = -1;
        view.setChart(DashboardChart::create(DashboardChart::Kind::TopRelationships, &model, view.palette(),
            [&clickedRow](int row, int, bool click, bool) {
                if (click)
                    clickedRow = row;
            }));
        view.resize(420, 240);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();
        QBarCategoryAxis *axis = nullptr;
        for (QAbstractAxis *a : view.chart()->axes())
            if (auto *c = qobject_cast<QBarCategoryAxis *>(a))
                axis = c;
        QVERIFY(axis);
        QCOMPARE(axis->count(), names.size());
        QTRY_VERIFY(view.chart()->plotArea().width() > 0);
        QVERIFY2(!axis->labelsTruncated(), qPrintable(axis->categories().join(u'|')));
        // The names read as themselves; only the longest is shortened, with an ellipsis, to leave the bars room.
        // (Categories count from the bottom: the first row is the last category.)
        QCOMPARE(axis->categories().at(9), names.at(0));
        QCOMPARE(axis->categories().at(7), names.at(2));
        QCOMPARE(QString(axis->categories().at(6)).remove(QChar(0x200B)), names.at(3));
        QVERIFY(axis->categories().at(1).endsWith(QChar(0x2026)));
        QVERIFY2(view.chart()->plotArea().width() >= 200, qPrintable(QString::number(view.chart()->plotArea().width())));
        // A ranking reads from the top: the first row's bar is the highest.
        auto *bars = qobject_cast<QAbstractBarSeries *>(view.chart()->series().first());
        QVERIFY(bars);
        QCOMPARE(bars->barSets().first()->at(9), 100.0); // the first row's value, in the top bar
        QCOMPARE(bars->barSets().first()->at(0), 37.0);
        QVERIFY(view.chart()->mapToPosition(QPointF(0, 9), bars).y() < view.chart()->mapToPosition(QPointF(0, 0), bars).y());
        // A click on the top bar is the first row (the contact the drill-down opens).
        Q_EMIT bars->clicked(9, bars->barSets().first());
        QCOMPARE(clickedRow, 0);
        Q_EMIT bars->clicked(0, bars->barSets().first());
        QCOMPARE(clickedRow, 9);
    }

    void darkThemeReachesTheCharts()
    {
        Theme::apply(Theme::Kind::Dark);
        ChartPanel *panel = m_view->panel(DashboardChart::Kind::InteractionsOverTime);
        QTRY_VERIFY(ChartPalette::isDark(panel->palette()));
        QChart *chart = panel->chartView()->chart();
        QCOMPARE(chart->legend()->labelColor(), panel->palette().color(QPalette::WindowText));
        auto *bars = qobject_cast<QStackedBarSeries *>(chart->series().first());
        QVERIFY(bars);
        QVERIFY(!bars->barSets().isEmpty());
        QCOMPARE(bars->barSets().first()->color(), ChartPalette::color(0, true)); // email: orange
        Theme::apply(Theme::Kind::Light);
        QTRY_VERIFY(!ChartPalette::isDark(panel->palette()));
    }
};

QTEST_MAIN(TestDashboardView)
#include "tst_dashboardview.moc"
