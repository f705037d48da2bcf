#pragma once

#include <QDialog>

class Database;
class ImportBatchListModel;
class QLabel;
class QPushButton;
class QTableView;

// File → Import History…: every import batch (file, time, user, counts, undone or not) with Undo Import for
// any batch not undone yet, days later too. Undoing asks first, runs on a worker connection when large, and
// says in words what was kept because someone changed it since. Non-modal, deleted on close.
class ImportHistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportHistoryDialog)

public:
    ImportHistoryDialog(Database &db, QWidget *parent = nullptr);

    // Shows the window's history dialog, raising the one already open.
    static ImportHistoryDialog *openFor(QWidget *parent, Database &db);
    void reload();

Q_SIGNALS:
    // A batch was undone from here (the undo stack forgets its step for it).
    void batchUndone(qint64 batchId);

private:
    void undoSelected();
    void updateButtons();

    Database &m_db;
    ImportBatchListModel *m_model;
    QTableView *m_table;
    QPushButton *m_undo;
    QLabel *m_empty;
};
