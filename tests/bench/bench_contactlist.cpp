// The contact list on a large database, as the window uses it: opening (ids sorted in SQL, first page painted
// in a real QTableView), a sort by every column, search as you type (200 random 2–4 letter prefixes of real
// names, as bench_search; each keystroke = setFilter() plus the data of the first screenful), scrolling from
// top to bottom a screenful at a time, and the memory held afterwards.
//
//   bench_contactlist --db large.sqlite [--runs 200] [--only open,sort,keystrokes,scroll]
//                                                        (QT_QPA_PLATFORM=offscreen works)
//
// Each keystroke is also timed in CPU time of the GUI thread, which a busy machine inflates far less than
// the wall clock. Instruction counts of the keystrokes alone, whatever the load (the work of the worker
// thread that completes a broad result is left out):
//   valgrind --tool=callgrind --toggle-collect='*measuredKeystroke*' bench_contactlist --db F --runs 50
//       --only keystrokes --keystroke-sorts outlet
#include "benchprefixes.h"
#include "benchutil.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>

namespace {

constexpr int kScreenful = 40;

// What a view does for one screenful: every visible cell's text.
void readScreen(const ContactListModel &model, int first)
{
    const int last = qMin(model.rowCount(), first + kScreenful);
    for (int row = first; row < last; ++row)
        for (int column = 0; column < ContactListModel::ColumnCount; ++column)
            (void)model.index(row, column).data();
}

double ms(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e6;
}

// What one keystroke costs the GUI thread: the new filter and the first screenful. Not inlined, so callgrind
// can collect just this (--toggle-collect).
Q_NEVER_INLINE void measuredKeystroke(ContactListModel &model, const ContactFilter &filter)
{
    model.setFilter(filter);
    readScreen(model, 0);
}

qint64 rssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() / 1024;
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    if (!args.contains(QStringLiteral("--db"))) {
        QTextStream(stderr) << "usage: bench_contactlist --db large.sqlite [--runs N]\n";
        return 2;
    }
    const QString dbPath = args.value(args.indexOf(QStringLiteral("--db")) + 1);
    const int runs = args.contains(QStringLiteral("--runs")) ? args.value(args.indexOf(QStringLiteral("--runs")) + 1).toInt() : 200;
    const QStringList only = args.contains(QStringLiteral("--only"))
        ? args.value(args.indexOf(QStringLiteral("--only")) + 1).split(u',')
        : QStringList { QStringLiteral("open"), QStringLiteral("sort"), QStringLiteral("keystrokes"), QStringLiteral("scroll") };
    auto db = Database::open(DatabaseLocation::sqlite(dbPath), Database::OpenFlag::None);
    if (!db) {
        QTextStream(stderr) << db.error().message << '\n';
        return 1;
    }

    // Opening the section: the model (ids in name order) and the table's first paint.
    QElapsedTimer open;
    open.start();
    ContactListModel model(**db);
    const double modelMs = ms(open);
    QTableView view;
    view.resize(1200, 800);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.setModel(&model);
    struct PaintWatch : QObject
    {
        bool painted = false;
        bool eventFilter(QObject *, QEvent *e) override
        {
            if (e->type() == QEvent::Paint)
                painted = true;
            return false;
        }
    } watch;
    view.viewport()->installEventFilter(&watch);
    view.show();
    while (!watch.painted)
        QCoreApplication::processEvents();
    const double paintedMs = ms(open);
    out << QStringLiteral("contacts: %L1\n").arg(model.rowCount());
    out << QStringLiteral("open: model %1 ms, first page painted %2 ms\n").arg(modelMs, 0, 'f', 1).arg(paintedMs, 0, 'f', 1);

    // A sort by every sortable column, both directions, each followed by the first screenful.
    for (int column = 0; column < ContactListModel::ColumnCount && only.contains(QStringLiteral("sort")); ++column) {
        if (!ContactListModel::isSortable(column))
            continue;
        for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            model.sort(ContactListModel::NameColumn, order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
            QElapsedTimer t;
            t.start();
            model.sort(column, order);
            readScreen(model, 0);
            out << QStringLiteral("sort %1 %2: %3 ms\n")
                       .arg(model.headerData(column, Qt::Horizontal).toString(), -15)
                       .arg(order == Qt::AscendingOrder ? QStringLiteral("asc ") : QStringLiteral("desc"))
                       .arg(ms(t), 0, 'f', 1);
        }
    }

    // Search as you type.
    const QStringList prefixes = Bench::randomPrefixes(**db, runs);
    auto keystrokes = [&](int sortColumn) {
        model.setFilter({});
        model.sort(sortColumn, Qt::AscendingOrder);
        QList<double> samples;
        QList<double> cpu;
        QList<double> completions;
        for (const QString &p : prefixes) {
            ContactFilter filter;
            filter.text = p;
            QElapsedTimer t;
            t.start();
            const double cpu0 = Bench::threadCpuMs();
            measuredKeystroke(model, filter);
            samples << ms(t);
            cpu << Bench::threadCpuMs() - cpu0;
            if (!model.isComplete()) {
                QSignalSpy done(&model, &ContactListModel::snapshotCompleted);
                done.wait(10000);
                completions << ms(t);
            }
        }
        Bench::print(out, QStringLiteral("keystroke, sorted by %1").arg(model.headerData(sortColumn, Qt::Horizontal).toString()),
            Bench::summarize(samples));
        Bench::print(out, QStringLiteral("  CPU (GUI thread)"), Bench::summarize(cpu));
        Bench::print(out, QStringLiteral("  whole snapshot in background (%1 broad)").arg(completions.size()),
            Bench::summarize(completions));
    };
    for (const QString &p : prefixes.mid(0, only.contains(QStringLiteral("keystrokes")) ? 20 : 0)) { // warm the page cache as a second keystroke would find it
        ContactFilter f;
        f.text = p;
        model.setFilter(f);
    }
    // --keystroke-sorts name,outlet,last: the orders to type in (all three by default).
    const QStringList sorts = args.contains(QStringLiteral("--keystroke-sorts"))
        ? args.value(args.indexOf(QStringLiteral("--keystroke-sorts")) + 1).split(u',')
        : QStringList { QStringLiteral("name"), QStringLiteral("outlet"), QStringLiteral("last") };
    if (only.contains(QStringLiteral("keystrokes"))) {
        if (sorts.contains(QStringLiteral("name")))
            keystrokes(ContactListModel::NameColumn);
        if (sorts.contains(QStringLiteral("outlet")))
            keystrokes(ContactListModel::OutletColumn);
        if (sorts.contains(QStringLiteral("last")))
            keystrokes(ContactListModel::LastContactedColumn);
    }

    // Scrolling from top to bottom a screenful at a time.
    model.setFilter({});
    model.sort(ContactListModel::NameColumn, Qt::AscendingOrder);
    QList<double> screens;
    QElapsedTimer all;
    all.start();
    for (int first = 0; first < model.rowCount() && only.contains(QStringLiteral("scroll")); first += kScreenful) {
        QElapsedTimer t;
        t.start();
        readScreen(model, first);
        screens << ms(t);
    }
    const Bench::Summary scroll = Bench::summarize(screens);
    out << QStringLiteral("scroll %L1 rows in %2 screens: total %3 ms, longest screen %4 ms, rows held %5\n")
               .arg(model.rowCount())
               .arg(screens.size())
               .arg(ms(all), 0, 'f', 0)
               .arg(scroll.max, 0, 'f', 1)
               .arg(model.cachedRowCount());
    Bench::print(out, QStringLiteral("  per screen"), scroll);
    out << QStringLiteral("memory: VmRSS %1 MiB\n").arg(rssMiB());
    return 0;
}
