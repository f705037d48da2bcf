#pragma once

#include "storage/databasebackup.h"
#include "storage/workerconnection.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPushButton;

// File → Restore From Backup…, second step: what the chosen backup holds before anything happens — when it was
// taken, its size, its schema version against this build's, its contacts, conversations and campaigns, and
// whether it passed SQLite's quick check. The file is read on a worker thread (a large backup takes a moment);
// Restore is enabled only for a readable backup whose schema this version knows (an older one is upgraded on
// restore; a newer one is refused with the reason). Opens with open(); Restore emits restoreConfirmed().
class RestorePreviewDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestorePreviewDialog)

public:
    RestorePreviewDialog(const QString &backupFile, QWidget *parent = nullptr);
    ~RestorePreviewDialog() override;

    QString backupFile() const { return m_file; }
    bool isInspected() const { return m_inspected; }
    // The backup's facts once read (empty while reading, or when the file could not be read).
    const std::optional<BackupSummary> &summary() const { return m_summary; }
    QPushButton *restoreButton() const { return m_restore; }
    QString statusText() const;

Q_SIGNALS:
    void inspected();
    void restoreConfirmed(const QString &backupFile);

private:
    void showResult(Result<BackupSummary> result);

    QString m_file;
    WorkerConnection m_job;
    QFormLayout *m_form = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_restore = nullptr;
    std::optional<BackupSummary> m_summary;
    bool m_inspected = false;
};
