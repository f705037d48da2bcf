// The bare baseline for bench_startup: a QMainWindow with a QTableView on a QSqlQueryModel over one page
// of contacts, nothing else. Like `rapport --benchmark-startup` it prints, once the table's viewport has
// painted for the first time, the time since main() and the peak resident memory, then quits:
//
//   first-paint-ms N
//   peak-rss-kib N
//
//   bench_bare_window --db FILE.sqlite | postgresql://user[:password]@host[:port]/database
//
// A zero-timer armed after show() fires before the first paint (PLATFORM.md), so first paint is taken from
// a paint event on the viewport, reported from a queued call after that paint has finished (as MainWindow
// does for contactListPainted).
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMainWindow>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QTableView>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

namespace {

qint64 peakMemoryKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines)
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

class FirstPaint final : public QObject
{
public:
    explicit FirstPaint(const QElapsedTimer &sinceStart)
        : m_sinceStart(sinceStart)
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_done && event->type() == QEvent::Paint) {
            m_done = true;
            watched->removeEventFilter(this);
            QMetaObject::invokeMethod(
                this,
                [this] {
                    QTextStream(stdout) << "first-paint-ms " << m_sinceStart.nsecsElapsed() / 1e6 << Qt::endl
                                        << "peak-rss-kib " << peakMemoryKiB() << Qt::endl;
                    QTimer::singleShot(0, qApp, &QCoreApplication::quit);
                },
                Qt::QueuedConnection);
        }
        return false;
    }

private:
    const QElapsedTimer &m_sinceStart;
    bool m_done = false;
};

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--db"));
    const QString target = at > 0 ? args.value(at + 1) : QString();
    if (target.isEmpty()) {
        QTextStream(stderr) << "usage: bench_bare_window --db FILE.sqlite|postgresql://...\n";
        return 2;
    }

    QSqlDatabase db;
    if (target.startsWith(QStringLiteral("postgres"))) {
        const QUrl url(target);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"));
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password(QUrl::FullyDecoded));
        db.setDatabaseName(url.path().mid(1));
    } else {
        if (!QFile::exists(target)) {
            QTextStream(stderr) << "bench_bare_window: no such file: " << target << '\n';
            return 1;
        }
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"));
        db.setDatabaseName(target);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    }
    if (!db.open()) {
        QTextStream(stderr) << "bench_bare_window: " << db.lastError().text() << '\n';
        return 1;
    }

    int rc = 0;
    {
        QSqlQueryModel model;
        model.setQuery(QSqlQuery(QStringLiteral("SELECT display_name, title FROM contacts ORDER BY display_name LIMIT 256"), db));
        if (model.lastError().isValid()) {
            QTextStream(stderr) << "bench_bare_window: " << model.lastError().text() << '\n';
            return 1;
        }
        QMainWindow window;
        auto *view = new QTableView(&window);
        view->setModel(&model);
        window.setCentralWidget(view);
        window.resize(1280, 800); // MainWindow's default size
        FirstPaint firstPaint(sinceStart);
        view->viewport()->installEventFilter(&firstPaint);
        window.show();
        rc = QApplication::exec();
        view->setModel(nullptr);
    }
    db.close();
    return rc;
}
