#pragma once

#include "storage/workerconnection.h"

#include <QWizardPage>

struct ImportSession;
class QCheckBox;
class QLabel;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;

// Page 3 of the import wizard: the first rows of the file (ImportSession::kPreviewRows) read with the mapping
// on a worker thread, each as it will be stored with its problems in words and its row number. A row with
// problems is left out unless fixed in place (double-click or F2 on a cell); any row can be left out by
// unchecking it. The rows after those are read only by the run, which leaves out those with problems.
class ImportPreviewPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportPreviewPage)

public:
    ImportPreviewPage(ImportSession &session, QWidget *parent = nullptr);
    ~ImportPreviewPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool isReading() const { return m_job.isRunning(); }

private:
    void read();
    void updateCounts();

    ImportSession &m_session;
    QLabel *m_status;
    QProgressBar *m_progress;
    QLabel *m_error;
    QCheckBox *m_onlyProblems;
    QTableView *m_table;
    QSortFilterProxyModel *m_proxy;
    WorkerConnection m_job;
    bool m_read = false;
};
