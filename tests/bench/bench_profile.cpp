// Opening a profile on a large database: selecting a row in the contact list until the ContactEditor shows
// that contact (ContactRepository::get + filling the form), then painting the editor. Random contacts, plus
// the contact with the most interactions (about 10,000 in the large demo data), which must open as fast.
//
//   bench_profile --db large.sqlite [--runs 200] [--only paint]   (QT_QPA_PLATFORM=offscreen works; nothing is written)
//
// Instruction counts of opening profiles (select a row -> shown and painted), whatever the machine's load:
//   valgrind --tool=callgrind --toggle-collect='*measuredOpen*' bench_profile --db F --runs 50 --only paint
#include "benchutil.h"
#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/contactrepository.h"
#include "storage/database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTableView>


namespace {

using Bench::threadCpuMs;

// Selecting a contact in the list until its profile is shown (and painted). Not inlined, so callgrind can
// collect just this (--toggle-collect).
Q_NEVER_INLINE void measuredOpen(ContactsView &view, ContactEditor *editor, qint64 id, bool paint)
{
    view.selectContact(id);
    if (paint)
        editor->repaint();
}

qint64 busiestContact(Database &db)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT contact_id FROM interactions WHERE contact_id IS NOT NULL GROUP BY contact_id "
                          "ORDER BY count(*) DESC LIMIT 1"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    const QString dbPath = args.value(args.indexOf(QStringLiteral("--db")) + 1);
    const int runs = args.contains(QStringLiteral("--runs")) ? args.value(args.indexOf(QStringLiteral("--runs")) + 1).toInt() : 200;
    if (!args.contains(QStringLiteral("--db")) || dbPath.isEmpty()) {
        QTextStream(stderr) << "usage: bench_profile --db large.sqlite [--runs N]\n";
        return 2;
    }
    auto db = Database::open(DatabaseLocation::sqlite(dbPath), Database::OpenFlag::NoMigrate);
    if (!db) {
        QTextStream(stderr) << db.error().message << '\n';
        return 1;
    }
    ContactsView view(**db);
    auto *editor = new ContactEditor(view);
    view.resize(1400, 900);
    view.show();
    app.processEvents();

    ContactListModel *model = view.model();
    const int rows = model->rowCount();
    const qint64 busiest = busiestContact(**db);
    QList<qint64> ids;
    QRandomGenerator rng(7);
    while (ids.size() < runs && rows > 0) {
        const QModelIndex index = model->index(rng.bounded(rows), 0);
        ids.append(index.data(ContactListModel::IdRole).toLongLong()); // loads the row's block before timing
    }
    out << "contacts in the list: " << rows << ", busiest contact: " << busiest << '\n';

    auto open = [&](qint64 id, bool paint) {
        QElapsedTimer t;
        t.start();
        measuredOpen(view, editor, id, paint);
        const double ms = t.nsecsElapsed() / 1e6;
        if (editor->contactId() != id)
            qFatal("the editor did not open contact %lld", id);
        return ms;
    };
    ContactRepository repo(**db);
    for (qint64 id : ids.mid(0, 10))
        (void)open(id, true); // warm the page cache and the widgets once
    QList<double> get, show, select, paint, paintCpu, busiestOpen;
    if (args.contains(QStringLiteral("--only")) && args.value(args.indexOf(QStringLiteral("--only")) + 1) == u"paint") {
        for (qint64 id : std::as_const(ids)) {
            const double cpu = threadCpuMs();
            paint.append(open(id, true));
            paintCpu.append(threadCpuMs() - cpu);
        }
        Bench::print(out, QStringLiteral("select row -> profile shown and painted"), Bench::summarize(paint));
        Bench::print(out, QStringLiteral("CPU: select row -> shown and painted"), Bench::summarize(paintCpu));
        return 0;
    }
    for (qint64 id : std::as_const(ids)) {
        QElapsedTimer t;
        t.start();
        editor->showContact(id);
        show.append(t.nsecsElapsed() / 1e6);
    }
    for (qint64 id : std::as_const(ids)) {
        QElapsedTimer t;
        t.start();
        (void)repo.get(id);
        get.append(t.nsecsElapsed() / 1e6);
    }
    for (qint64 id : std::as_const(ids))
        select.append(open(id, false));
    for (qint64 id : std::as_const(ids)) {
        const double cpu = threadCpuMs();
        paint.append(open(id, true));
        paintCpu.append(threadCpuMs() - cpu);
    }
    // Alt+Down through the list: the next row is on screen already, so no block of the list is loaded.
    QList<double> next, nextCpu, busiestCpu;
    view.selectContact(ids.value(0));
    for (int i = 0; i < ids.size(); ++i) {
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        editor->nextContact();
        editor->repaint();
        next.append(t.nsecsElapsed() / 1e6);
        nextCpu.append(threadCpuMs() - cpu);
    }
    for (int i = 0; i < 50 && busiest > 0; ++i) {
        (void)open(ids.value(i % ids.size()), false); // fewer runs than 50: wrap around
        const double cpu = threadCpuMs();
        (void)open(busiest, true);
        busiestCpu.append(threadCpuMs() - cpu);
    }
    for (int i = 0; i < 50 && busiest > 0; ++i) {
        (void)open(ids.value(i % ids.size()), false); // fewer runs than 50: wrap around
        busiestOpen.append(open(busiest, true));
    }
    Bench::print(out, QStringLiteral("ContactRepository::get"), Bench::summarize(get));
    Bench::print(out, QStringLiteral("ContactEditor::showContact"), Bench::summarize(show));
    Bench::print(out, QStringLiteral("select row -> profile shown"), Bench::summarize(select));
    Bench::print(out, QStringLiteral("select row -> profile shown and painted"), Bench::summarize(paint));
    Bench::print(out, QStringLiteral("Alt+Down -> next profile shown and painted"), Bench::summarize(next));
    Bench::print(out, QStringLiteral("busiest contact, shown and painted"), Bench::summarize(busiestOpen));
    Bench::print(out, QStringLiteral("CPU: select row -> shown and painted"), Bench::summarize(paintCpu));
    Bench::print(out, QStringLiteral("CPU: Alt+Down -> shown and painted"), Bench::summarize(nextCpu));
    Bench::print(out, QStringLiteral("CPU: busiest contact, shown and painted"), Bench::summarize(busiestCpu));
    return 0;
}
