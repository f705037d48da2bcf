// The Campaigns list on the large dataset (issue 11): the Campaigns section opened until its list is painted
// (CampaignListModel sorted in SQL, the first block of rows with their figures read, the table painted), the list
// re-sorted by a figure column (on list, reach) and painted, and one search keystroke. Beside them, in the same
// run, a bare-window baseline: a plain QTableView over a QStandardItemModel of 2,000 rows × 11 columns created,
// filled and painted. Reads only.
//
//   QT_QPA_PLATFORM=offscreen bench_campaigns --db large.sqlite [--runs 20]
#include "benchutil.h"
#include "campaigns/campaignsview.h"
#include "itemmodels/campaignlistmodel.h"
#include "storage/database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

namespace {

Q_NEVER_INLINE void measuredOpen(CampaignsView &view)
{
    view.show();
    view.tableView()->repaint();
}

Q_NEVER_INLINE void measuredSort(CampaignsView &view, int column, Qt::SortOrder order)
{
    view.model()->sort(column, order);
    view.tableView()->repaint();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    const QString dbPath = args.value(args.indexOf(QStringLiteral("--db")) + 1);
    const int runs
        = args.contains(QStringLiteral("--runs")) ? args.value(args.indexOf(QStringLiteral("--runs")) + 1).toInt() : 20;
    if (!args.contains(QStringLiteral("--db")) || dbPath.isEmpty()) {
        QTextStream(stderr) << "usage: bench_campaigns --db large.sqlite [--runs N]\n";
        return 2;
    }
    auto db = Database::open(DatabaseLocation::sqlite(dbPath));
    if (!db) {
        QTextStream(stderr) << db.error().message << '\n';
        return 1;
    }

    // The baseline: a bare table of 2,000 rows × 11 columns, created, filled and painted.
    QList<double> bare;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        QStandardItemModel model(2000, CampaignListModel::ColumnCount);
        for (int row = 0; row < 2000; ++row)
            for (int column = 0; column < CampaignListModel::ColumnCount; ++column)
                model.setItem(row, column, new QStandardItem(QStringLiteral("Cell %1/%2").arg(row).arg(column)));
        QTableView view;
        view.setModel(&model);
        view.resize(1400, 800);
        view.show();
        view.repaint();
        bare << t.nsecsElapsed() / 1e6;
    }

    QUndoStack undo;
    { // warm the page cache and the prepared statements once
        CampaignsView warm(**db, &undo);
        warm.resize(1400, 800);
        measuredOpen(warm);
        out << "campaigns listed: " << warm.model()->rowCount() << "\n";
    }
    QList<double> open, openCpu;
    for (int r = 0; r < runs; ++r) {
        CampaignsView view(**db, &undo);
        view.resize(1400, 800);
        QElapsedTimer t;
        const double cpu0 = Bench::threadCpuMs();
        t.start();
        measuredOpen(view);
        open << t.nsecsElapsed() / 1e6;
        openCpu << Bench::threadCpuMs() - cpu0;
    }

    CampaignsView view(**db, &undo);
    view.resize(1400, 800);
    measuredOpen(view);
    QList<double> sortList, sortListCpu, sortReach, search;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        const double cpu0 = Bench::threadCpuMs();
        t.start();
        measuredSort(view, CampaignListModel::OnListColumn, r % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
        sortList << t.nsecsElapsed() / 1e6;
        sortListCpu << Bench::threadCpuMs() - cpu0;
        t.restart();
        measuredSort(view, CampaignListModel::ReachColumn, r % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
        sortReach << t.nsecsElapsed() / 1e6;
    }
    auto *field = view.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    const QString typed = QStringLiteral("launch");
    for (int r = 0; r < runs; ++r) {
        field->clear();
        QElapsedTimer t;
        t.start();
        QTest::keyClick(field, typed.at(r % typed.size()).toLatin1());
        view.tableView()->repaint();
        search << t.nsecsElapsed() / 1e6;
    }

    Bench::print(out, QStringLiteral("bare QTableView 2,000 × 11 filled + painted"), Bench::summarize(bare));
    Bench::print(out, QStringLiteral("Campaigns section opened + list painted"), Bench::summarize(open));
    Bench::print(out, QStringLiteral("  (thread CPU)"), Bench::summarize(openCpu));
    Bench::print(out, QStringLiteral("sort by On list + paint"), Bench::summarize(sortList));
    Bench::print(out, QStringLiteral("  (thread CPU)"), Bench::summarize(sortListCpu));
    Bench::print(out, QStringLiteral("sort by Reach + paint"), Bench::summarize(sortReach));
    Bench::print(out, QStringLiteral("search keystroke + paint"), Bench::summarize(search));
    return 0;
}
