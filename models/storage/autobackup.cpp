#include "autobackup.h"

#include "core/clock.h"
#include "core/logging.h"

#include <QCoreApplication>
#include <QEvent>

AutoBackup::AutoBackup(DatabaseLocation location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
{
    m_timer.setInterval(15 * 60 * 1000);
    connect(&m_timer, &QTimer::timeout, this, &AutoBackup::check);
    m_sinceInput.start();
}

AutoBackup::~AutoBackup()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
    // m_job's destructor waits for a backup in flight (a VACUUM INTO cannot be stopped halfway), so no
    // connection to the database outlives this object: a restore that follows finds the file free.
}

void AutoBackup::setEnabled(bool enabled)
{
    m_enabled = enabled;
}

void AutoBackup::start()
{
    if (!isSupported())
        return;
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
    m_timer.start();
    runIfDue(); // the start-up backup does not wait for the user to be idle: it runs on its own thread
}

void AutoBackup::check()
{
    if (m_sinceInput.elapsed() >= m_idleMs)
        runIfDue();
}

bool AutoBackup::runIfDue()
{
    if (!m_enabled || !isSupported() || m_job.isRunning())
        return false;
    const QDateTime now = Clock::now();
    if (!BackupFolder(m_location.path).isDue(now))
        return false;
    Q_EMIT backupStarted();
    WorkerConnection::Options options;
    options.priority = QThread::LowPriority;
    options.threadName = QStringLiteral("rapport-backup");
    m_job = WorkerConnection::start<BackupSummary>(
        m_location, this,
        [now](Database &db, const WorkerConnection::Job &) { return BackupFolder(db.location().path).backUp(db, now); },
        [this](Result<BackupSummary> result) {
            if (result) {
                Q_EMIT backupWritten(*result);
            } else {
                qCWarning(lcStorage).noquote() << "the daily backup failed:" << result.error().message;
                Q_EMIT backupFailed(result.error().message);
            }
        },
        options);
    return true;
}

bool AutoBackup::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        m_sinceInput.restart();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}
