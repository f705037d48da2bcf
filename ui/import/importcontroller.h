#pragma once

#include <QObject>
#include <QPointer>

class Database;
class ImportHistoryDialog;
class ImportWizard;
class QAction;
class QDragEnterEvent;
class QDropEvent;
class QMainWindow;
class QMimeData;
class QUndoStack;

// Import in the window: File → Import… (the wizard), File → Import History…, and a .csv or .vcf file dropped
// on the window (the wizard opens at it). A finished import becomes one step of Edit → Undo
// (ImportBatchCommand) and is published to the lists (ChangeNotifier). MainWindow owns one and forwards its
// drag-and-drop events.
class ImportController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportController)

public:
    ImportController(Database &db, QUndoStack *undoStack, QMainWindow *window);

    QAction *importAction() const { return m_importAction; }
    QAction *historyAction() const { return m_historyAction; }

    // Opens the wizard (at `path` when given), or raises the one already open.
    ImportWizard *openWizard(const QString &path = QString());
    ImportHistoryDialog *showHistory();
    ImportWizard *wizard() const;

    // The one local file in a drag that the wizard can read (.csv, .tsv, .txt, .vcf, .vcard), else empty.
    static QString importablePath(const QMimeData *mime);
    void dragEnter(QDragEnterEvent *event);
    void drop(QDropEvent *event);

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    Database &m_db;
    QUndoStack *m_undoStack;
    QMainWindow *m_window;
    QAction *m_importAction;
    QAction *m_historyAction;
    QPointer<ImportWizard> m_wizard;
};
