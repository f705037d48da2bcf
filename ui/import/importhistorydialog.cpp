#include "importhistorydialog.h"

#include "common/messagebox.h"
#include "import/importundo.h"
#include "itemmodels/importbatchlistmodel.h"
#include "storage/database.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

ImportHistoryDialog::ImportHistoryDialog(Database &db, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_model(new ImportBatchListModel(this))
    , m_table(new QTableView(this))
    , m_empty(new QLabel(tr("Nothing was imported into this database yet."), this))
{
    setObjectName(QStringLiteral("importHistoryDialog"));
    setWindowTitle(tr("Import History"));
    setAttribute(Qt::WA_DeleteOnClose);

    auto *intro = new QLabel(tr("Every import is one batch. Undoing one removes the contacts it created and "
                                "restores those it changed; contacts edited since are kept and listed."),
        this);
    intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("importBatchesTableView"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->setVisible(false);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setStretchLastSection(true);
    const int ch = fontMetrics().averageCharWidth();
    columns->resizeSection(ImportBatchListModel::FileColumn, 30 * ch);
    columns->resizeSection(ImportBatchListModel::ImportedColumn, 24 * ch);
    columns->resizeSection(ImportBatchListModel::UserColumn, 14 * ch);
    for (int column : { ImportBatchListModel::CreatedColumn, ImportBatchListModel::UpdatedColumn,
             ImportBatchListModel::SkippedColumn, ImportBatchListModel::ProblemsColumn }) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        columns->resizeSection(column, qMax(9 * ch, columns->fontMetrics().horizontalAdvance(title) + 3 * ch));
    }
    m_empty->setObjectName(QStringLiteral("noImportsLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_undo = buttons->addButton(tr("&Undo Import"), QDialogButtonBox::ActionRole);
    m_undo->setObjectName(QStringLiteral("undoImportButton"));
    m_undo->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_undo, &QPushButton::clicked, this, &ImportHistoryDialog::undoSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &ImportHistoryDialog::updateButtons);
    resize(qMax(120 * ch, 900), qMax(22 * fontMetrics().height(), 380));
    reload();
}

ImportHistoryDialog *ImportHistoryDialog::openFor(QWidget *parent, Database &db)
{
    auto *dialog = parent->findChild<ImportHistoryDialog *>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog)
        dialog = new ImportHistoryDialog(db, parent);
    else
        dialog->reload();
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

void ImportHistoryDialog::reload()
{
    Result<QList<ImportBatch>> batches = ImportRepository(m_db).batches();
    if (!batches) {
        MessageBox::critical(this, tr("Import History"), batches.error().message);
        return;
    }
    m_model->setBatches(*batches);
    const bool empty = m_model->rowCount() == 0;
    m_table->setVisible(!empty);
    m_empty->setVisible(empty);
    if (!empty && !m_table->currentIndex().isValid())
        m_table->setCurrentIndex(m_model->index(0, 0));
    updateButtons();
}

void ImportHistoryDialog::updateButtons()
{
    const ImportBatch *batch = m_model->batchAt(m_table->currentIndex().row());
    m_undo->setEnabled(batch && !batch->undoneAt.isValid() && !m_db.isReadOnly());
}

void ImportHistoryDialog::undoSelected()
{
    const ImportBatch *current = m_model->batchAt(m_table->currentIndex().row());
    if (!current || current->undoneAt.isValid() || m_db.isReadOnly())
        return;
    const ImportBatch batch = *current;
    const QLocale locale;
    MessageBox::question(this, tr("Undo this import?"),
        tr("Undo the import of %1 from %2?\n\nContacts it created, to be removed: %L3. Contacts it changed, to be "
           "restored: %L4. Contacts someone edited since are kept as they are.")
            .arg(batch.fileName, locale.toString(batch.startedAt.toLocalTime(), QLocale::ShortFormat))
            .arg(batch.created)
            .arg(batch.updated),
        { { QMessageBox::Yes, tr("&Undo Import") }, { QMessageBox::Cancel, tr("Cancel") } }, QMessageBox::Cancel,
        this,
        [this, batch](MessageBox::Button answer) {
            if (answer != QMessageBox::Yes)
                return;
            Result<ImportUndoReport> report
                = ImportUndo::run(this, m_db, batch.id, batch.fileName, batch.created + batch.updated);
            reload();
            if (!report) {
                MessageBox::critical(this, tr("Import not undone"),
                    tr("The import of %1 could not be undone: %2").arg(batch.fileName, report.error().message));
                return;
            }
            ImportUndo::publish(*report);
            Q_EMIT batchUndone(batch.id);
            MessageBox::information(this, tr("Import undone"), ImportUndo::describe(batch.fileName, *report));
        });
}
