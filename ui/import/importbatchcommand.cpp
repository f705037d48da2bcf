#include "importbatchcommand.h"

#include "common/messagebox.h"
#include "import/importundo.h"
#include "storage/changenotifier.h"

#include <QMainWindow>
#include <QStatusBar>

ImportBatchCommand::ImportBatchCommand(
    QWidget *window, Database &db, const QString &fileName, const ImportSummary &summary)
    : m_window(window)
    , m_db(db)
    , m_fileName(fileName)
    , m_batchId(summary.batchId)
    , m_items(summary.created + summary.updated)
{
    setText(tr("Import %1").arg(fileName));
}

void ImportBatchCommand::redo()
{
    // The import itself happened before the push; an undone import is obsolete and never redone.
}

void ImportBatchCommand::undo()
{
    setObsolete(true);
    if (!m_window)
        return;
    Result<ImportUndoReport> report = ImportUndo::run(m_window, m_db, m_batchId, m_fileName, m_items);
    auto *main = qobject_cast<QMainWindow *>(m_window.data());
    if (!report && report.error().code == Error::Code::Conflict && main) {
        main->statusBar()->showMessage(report.error().message, 10000); // undone in Import History meanwhile
        return;
    }
    if (!report) {
        ChangeNotifier::instance()->notifyChangeFailed(
            tr("The import of %1 could not be undone: %2").arg(m_fileName, report.error().message));
        return;
    }
    ImportUndo::publish(*report);
    if (!report->conflicts.isEmpty())
        MessageBox::information(m_window, tr("Import undone"), ImportUndo::describe(m_fileName, *report));
    if (main)
        main->statusBar()->showMessage(ImportUndo::statusLine(m_fileName, *report), 10000);
}
