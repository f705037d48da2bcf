#pragma once

#include "storage/importrepository.h"

#include <QCoreApplication>
#include <QPointer>
#include <QUndoCommand>

class Database;
class QWidget;

// An import as one step of Edit → Undo. Pushed after the batch was committed, so its first redo() does
// nothing; undo() undoes the batch (ImportUndo::run: what it created is removed, what it changed restored,
// later edits kept and said in words). An undone batch cannot be redone (import the file again instead), so
// undo() leaves the stack (setObsolete); so does a batch undone meanwhile in File → Import History….
class ImportBatchCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(ImportBatchCommand)

public:
    ImportBatchCommand(QWidget *window, Database &db, const QString &fileName, const ImportSummary &summary);
    Q_DISABLE_COPY_MOVE(ImportBatchCommand)

    void undo() override;
    void redo() override;
    qint64 batchId() const { return m_batchId; }

private:
    QPointer<QWidget> m_window;
    Database &m_db;
    QString m_fileName;
    qint64 m_batchId;
    int m_items;
};
