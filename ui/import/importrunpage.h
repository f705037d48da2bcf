#pragma once

#include "storage/importrepository.h"
#include "storage/workerconnection.h"

#include <QWizardPage>

struct ImportSession;
class QLabel;
class QProgressBar;
class QPushButton;

// Page 5 of the import wizard: the import runs on a worker thread with its own connection (one transaction,
// ImportRepository::run) while the window keeps painting; the bar and the count follow it, and Cancel stops it
// with nothing written. At the end, a summary: what was created, updated, skipped, merged and left out, and
// how to undo it.
class ImportRunPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportRunPage)

public:
    ImportRunPage(ImportSession &session, QWidget *parent = nullptr);
    ~ImportRunPage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool isRunning() const { return m_job.isRunning(); }
    void cancel();

Q_SIGNALS:
    // The batch was committed.
    void imported(const ImportSummary &summary);

private:
    void finished(Result<ImportSummary> result);

    ImportSession &m_session;
    QLabel *m_status;
    QProgressBar *m_progress;
    QLabel *m_count;
    QPushButton *m_cancel;
    QLabel *m_summary;
    WorkerConnection m_job;
    bool m_done = false;
};
