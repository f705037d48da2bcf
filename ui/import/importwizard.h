#pragma once

#include "import/importsession.h"

#include <QWizard>

#include <memory>

class Database;
class ImportRunPage;
class QLabel;

// File → Import…: the import wizard. Pages: the file (format, encoding, delimiter, header row), the column
// mapping (CSV only, with presets), the preview with problems that can be fixed in place, the duplicates and
// what to do with them, and the run on a worker thread with progress and Cancel, ending in a summary. The
// reading, matching and writing are the model layer's (ImportFile, ImportRepository); the wizard only shows
// and asks. Opens window-modal and never blocks (open(), deleted on close).
//
// imported() is emitted once the batch is committed; ImportController makes it an undo step.
class ImportWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportWizard)

public:
    enum PageId { FilePage, MappingPage, PreviewPage, DuplicatesPage, RunPage };

    explicit ImportWizard(Database &db, QWidget *parent = nullptr);
    ~ImportWizard() override;

    // The file to start with (a drop, or the command palette); the first page reads it at once.
    void setFile(const QString &path);
    const ImportSession &session() const { return *m_session; }
    bool isRunning() const;

    // Errors in the wizard's pages: red text under what it is about (as the contact form shows them).
    static void styleAsError(QLabel *label);
    // Escape or Cancel while the import runs cancels the import (nothing is written) instead of closing.
    void reject() override;

Q_SIGNALS:
    void imported(const ImportSummary &summary, const QString &fileName);

private:
    std::unique_ptr<ImportSession> m_session;
    ImportRunPage *m_runPage = nullptr;
};
