#pragma once

#include "storage/workerconnection.h"

#include <QWizardPage>

struct ImportSession;
class QComboBox;
class QLabel;
class QTableView;

// Page 4 of the import wizard: rows of the file that are the same person are merged, and each incoming
// person who is in Rapport already (same email or handle; same name at the same outlet) is listed with why.
// One choice applies to all of them (skip, fill empty fields, overwrite, create anyway); a row can have its
// own. Matching reads the database on a worker thread. This is the commit page: Import starts the run.
class ImportDuplicatesPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDuplicatesPage)

public:
    ImportDuplicatesPage(ImportSession &session, QWidget *parent = nullptr);
    ~ImportDuplicatesPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

private:
    void match();
    void explain();

    ImportSession &m_session;
    QLabel *m_status;
    QLabel *m_error;
    QComboBox *m_forAll;
    QLabel *m_forAllLabel;
    QLabel *m_explanation;
    QTableView *m_table;
    WorkerConnection m_job;
    bool m_matched = false;
};
