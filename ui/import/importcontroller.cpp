#include "importcontroller.h"

#include "import/importbatchcommand.h"
#include "import/importhistorydialog.h"
#include "import/importundo.h"
#include "import/importwizard.h"
#include "storage/database.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMainWindow>
#include <QMimeData>
#include <QUndoStack>
#include <QUrl>

ImportController::ImportController(Database &db, QUndoStack *undoStack, QMainWindow *window)
    : QObject(window)
    , m_db(db)
    , m_undoStack(undoStack)
    , m_window(window)
    , m_importAction(new QAction(QIcon::fromTheme(QStringLiteral("document-import")), tr("&Import…"), this))
    , m_historyAction(new QAction(tr("Import &History…"), this))
{
    m_importAction->setObjectName(QStringLiteral("importAction"));
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_importAction->setToolTip(tr("Import contacts from a CSV or vCard file (%1); dropping the file on the window "
                                  "does the same")
                                   .arg(m_importAction->shortcut().toString(QKeySequence::NativeText)));
    m_importAction->setEnabled(!m_db.isReadOnly());
    m_historyAction->setObjectName(QStringLiteral("importHistoryAction"));
    m_historyAction->setToolTip(tr("Every import, with Undo Import for any of them"));
    connect(m_importAction, &QAction::triggered, this, [this] { openWizard(); });
    connect(m_historyAction, &QAction::triggered, this, &ImportController::showHistory);
}

ImportWizard *ImportController::openWizard(const QString &path)
{
    if (m_db.isReadOnly())
        return nullptr;
    if (m_wizard) {
        if (!path.isEmpty() && !m_wizard->isRunning()) {
            m_wizard->restart();
            m_wizard->setFile(path);
        }
        m_wizard->raise();
        m_wizard->activateWindow();
        return m_wizard;
    }
    m_wizard = new ImportWizard(m_db, m_window);
    connect(m_wizard, &ImportWizard::imported, this,
        [this](const ImportSummary &summary, const QString &fileName) {
            ImportUndo::publishImported(summary);
            m_undoStack->push(new ImportBatchCommand(m_window, m_db, fileName, summary));
            Q_EMIT statusMessage(tr("Imported %1: %L2 created, %L3 updated.")
                                     .arg(fileName)
                                     .arg(summary.created)
                                     .arg(summary.updated));
        });
    if (!path.isEmpty())
        m_wizard->setFile(path);
    m_wizard->open();
    return m_wizard;
}

ImportWizard *ImportController::wizard() const
{
    return m_wizard;
}

ImportHistoryDialog *ImportController::showHistory()
{
    return ImportHistoryDialog::openFor(m_window, m_db);
}

QString ImportController::importablePath(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return QString();
    const QUrl url = mime->urls().first();
    if (!url.isLocalFile())
        return QString();
    const QString path = url.toLocalFile();
    static const QStringList suffixes { QStringLiteral("csv"), QStringLiteral("tsv"), QStringLiteral("txt"),
        QStringLiteral("vcf"), QStringLiteral("vcard") };
    return suffixes.contains(QFileInfo(path).suffix().toLower()) ? path : QString();
}

void ImportController::dragEnter(QDragEnterEvent *event)
{
    if (!m_db.isReadOnly() && !importablePath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ImportController::drop(QDropEvent *event)
{
    const QString path = importablePath(event->mimeData());
    if (m_db.isReadOnly() || path.isEmpty())
        return;
    event->acceptProposedAction();
    openWizard(path);
}
