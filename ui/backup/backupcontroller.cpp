#include "backupcontroller.h"

#include "backup/restorepreviewdialog.h"
#include "common/filedialog.h"
#include "common/messagebox.h"
#include "storage/autobackup.h"
#include "storage/database.h"

#include <QAction>
#include <QDir>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QWidget>

namespace {

const QString kDailyKey = QStringLiteral("backup/daily");

} // namespace

BackupController::BackupController(Database &db, QWidget *window)
    : QObject(window)
    , m_db(db)
    , m_window(window)
    , m_auto(new AutoBackup(db.location(), this))
{
    m_backUp = new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("&Back Up Database…"), this);
    m_backUp->setObjectName(QStringLiteral("backUpAction"));
    m_backUp->setToolTip(tr("Save a copy of the whole database to a file, safe while you and the sync keep working"));
    connect(m_backUp, &QAction::triggered, this, &BackupController::backUp);

    m_restore = new QAction(QIcon::fromTheme(QStringLiteral("document-revert")), tr("Res&tore From Backup…"), this);
    m_restore->setObjectName(QStringLiteral("restoreAction"));
    m_restore->setToolTip(tr("Put a backup in the place of this database; the current file is kept aside"));
    connect(m_restore, &QAction::triggered, this, &BackupController::chooseBackup);

    m_daily = new QAction(tr("Back Up &Daily"), this);
    m_daily->setObjectName(QStringLiteral("dailyBackupAction"));
    m_daily->setCheckable(true);
    const bool sqlite = !m_db.isPostgres();
    m_daily->setChecked(sqlite && QSettings().value(kDailyKey, true).toBool());
    m_daily->setEnabled(sqlite && !m_db.isReadOnly());
    m_daily->setToolTip(sqlite ? tr("Once a day, keep a backup in %1 (the last %2)")
                                     .arg(QDir::toNativeSeparators(m_auto->folder().path()))
                                     .arg(BackupFolder::kDefaultKeep)
                               : tr("A PostgreSQL database is backed up on its server, with pg_dump"));
    m_auto->setEnabled(m_daily->isChecked());
    connect(m_daily, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kDailyKey, on);
        m_auto->setEnabled(on);
        Q_EMIT statusMessage(on ? tr("A backup will be kept every day.") : tr("Daily backups are turned off."), 5000);
        if (on)
            m_auto->runIfDue();
    });
    if (m_db.isReadOnly())
        m_restore->setEnabled(false); // the file cannot be replaced; backing up still works

    connect(m_auto, &AutoBackup::backupWritten, this, [this](const BackupSummary &s) {
        Q_EMIT statusMessage(tr("Today's backup was saved in %1.").arg(QDir::toNativeSeparators(s.path)), 8000);
    });
    connect(m_auto, &AutoBackup::backupFailed, this, [this](const QString &message) {
        Q_EMIT statusMessage(tr("Today's backup failed: %1").arg(message), 15000);
        if (m_autoFailureShown)
            return;
        m_autoFailureShown = true; // retried when idle; one box per session is enough
        MessageBox::critical(m_window, tr("Daily backup failed"),
            tr("Today's backup could not be written. The earlier backups were left as they were.\n\n%1").arg(message));
    });
}

BackupController::~BackupController() = default;

void BackupController::startAutomaticBackups()
{
    if (m_db.isPostgres() || m_db.isReadOnly())
        return;
    m_auto->start();
}

void BackupController::showPostgresNote()
{
    MessageBox::information(m_window, tr("Back up with pg_dump"),
        DatabaseBackup::postgresUnsupported().message.toHtmlEscaped());
}

void BackupController::backUp()
{
    if (m_db.isPostgres()) {
        showPostgresNote();
        return;
    }
    if (m_job.isRunning())
        return;
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const QString name = tr("Rapport backup %1.sqlite", "file name").arg(QDate::currentDate().toString(Qt::ISODate));
    FileDialog::getSaveFileName(m_window, tr("Back Up Database"), folder + u'/' + name,
        tr("Rapport databases (*.sqlite);;All files (*)"), [this](const QString &path) { backUpTo(path); });
}

void BackupController::backUpTo(const QString &path)
{
    if (m_db.isPostgres()) {
        showPostgresNote();
        return;
    }
    m_backUp->setEnabled(false);
    Q_EMIT statusMessage(tr("Backing up the database to %1…").arg(QDir::toNativeSeparators(path)), 0);
    WorkerConnection::Options options;
    options.threadName = QStringLiteral("rapport-backup");
    m_job = WorkerConnection::start<BackupSummary>(
        m_db.location(), this,
        [path](Database &db, const WorkerConnection::Job &) { return DatabaseBackup::write(db, path); },
        [this](Result<BackupSummary> result) {
            m_backUp->setEnabled(true);
            if (!result) {
                Q_EMIT statusMessage(tr("The backup failed."), 8000);
                MessageBox::critical(m_window, tr("Backup failed"), result.error().message);
                Q_EMIT backupFinished(false, result.error().message);
                return;
            }
            const QString message = tr("Backed up %n contact(s) to %1 (%2).", nullptr, int(result->contacts))
                                        .arg(QDir::toNativeSeparators(result->path),
                                            QLocale().formattedDataSize(result->sizeBytes));
            Q_EMIT statusMessage(message, 10000);
            Q_EMIT backupFinished(true, message);
        },
        options);
}

void BackupController::chooseBackup()
{
    if (m_db.isPostgres()) {
        showPostgresNote();
        return;
    }
    QString folder = m_auto->folder().path();
    if (!QDir(folder).exists())
        folder = QFileInfo(m_db.location().path).absolutePath();
    FileDialog::getOpenFileName(m_window, tr("Restore From Backup"), folder,
        tr("Rapport databases (*.sqlite *.db);;All files (*)"), [this](const QString &path) {
            auto *preview = new RestorePreviewDialog(path, m_window);
            connect(preview, &RestorePreviewDialog::restoreConfirmed, this, &BackupController::restoreConfirmed);
            preview->open();
        });
}
