#pragma once

#include "storage/workerconnection.h"

#include <QWizardPage>

struct ImportSession;
class QCheckBox;
class QLabel;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;

// Page 3 of the import wizard: the whole file read with the mapping (on a worker thread, with progress), each
// row as it will be stored with its problems in words and its row number. A row with problems is left out
// unless fixed in place (double-click or F2 on a cell); any row can be left out by unchecking it.
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
