#include "bulkcommands.h"

#include "common/backgroundjob.h"

#include "common/messagebox.h"
#include "contacts/contactsview.h"
#include "itemmodels/contactlistmodel.h"

#include <QItemSelectionModel>
#include <QSet>
#include <QTableView>

#include <algorithm>

namespace {

// A few ids are looked up in the model's id snapshot (a linear search each, no rows loaded); many are found
// by scanning the rows, which loads the list block by block (about 1 ms per 256 rows), so only a short one.
constexpr int kLookupLimit = 64;
constexpr int kFullScanLimit = 25'000;

qint64 idAt(const ContactListModel *model, int row)
{
    return model->index(row, 0).data(ContactListModel::IdRole).toLongLong();
}

} // namespace

QList<qint64> ContactSelection::selectedIds(ContactsView *view)
{
    QModelIndexList rows = view->tableView()->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        if (const qint64 id = index.data(ContactListModel::IdRole).toLongLong(); id > 0)
            ids.append(id);
    return ids;
}

void ContactSelection::refreshAndSelect(ContactsView *view, const QList<qint64> &ids)
{
    QTableView *table = view->tableView();
    QList<int> hints;
    for (const QModelIndex &index : table->selectionModel()->selectedRows())
        hints.append(index.row());
    view->refresh();

    const ContactListModel *model = view->model();
    const int rowCount = model->rowCount();
    QSet<qint64> wanted(ids.cbegin(), ids.cend());
    QList<int> rows;
    for (int row : std::as_const(hints)) {
        if (row < rowCount && wanted.remove(idAt(model, row)))
            rows.append(row);
    }
    if (!wanted.isEmpty() && wanted.size() <= kLookupLimit) {
        for (auto it = wanted.begin(); it != wanted.end();) {
            if (const int row = model->rowOfId(*it); row >= 0) {
                rows.append(row);
                it = wanted.erase(it);
            } else {
                ++it;
            }
        }
    }
    if (!wanted.isEmpty() && rowCount <= kFullScanLimit) {
        for (int row = 0; row < rowCount && !wanted.isEmpty(); ++row)
            if (wanted.remove(idAt(model, row)))
                rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    QItemSelection selection;
    const int lastColumn = model->columnCount() - 1;
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        selection.select(model->index(rows.at(i), 0), model->index(rows.at(j), lastColumn));
        i = j + 1;
    }
    QItemSelectionModel *selectionModel = table->selectionModel();
    if (!rows.isEmpty())
        selectionModel->setCurrentIndex(model->index(rows.first(), 0), QItemSelectionModel::NoUpdate);
    selectionModel->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

BulkCommand::BulkCommand(ContactsView *view, QList<qint64> selection, const QString &text)
    : m_view(view)
    , m_selection(std::move(selection))
{
    setText(text);
}

BulkContactRepository BulkCommand::repository() const
{
    return BulkContactRepository(m_view->database());
}

Status BulkCommand::inBackground(int items, const std::function<Status(BulkContactRepository &)> &step)
{
    return BackgroundJob::run(m_view, m_view->database(), tr("Undoing or redoing “%1”…").arg(text()),
        [&step](Database &db) {
            BulkContactRepository bulk(db);
            return step(bulk);
        },
        items);
}

bool BulkCommand::skipFirstRedo()
{
    const bool first = m_firstRedo;
    m_firstRedo = false;
    return first;
}

void BulkCommand::finish(const Status &status)
{
    if (!m_view)
        return;
    if (!status) {
        setObsolete(true);
        MessageBox::critical(m_view, tr("Could not undo or redo"),
            tr("“%1” could not be undone or redone: %2").arg(text(), status.error().message));
    }
    ContactSelection::refreshAndSelect(m_view, m_selection);
}

BulkTagCommand::BulkTagCommand(ContactsView *view, QList<qint64> selection, QString name, QString kind, bool added,
    QList<qint64> changed, const QString &text)
    : BulkCommand(view, std::move(selection), text)
    , m_name(std::move(name))
    , m_kind(std::move(kind))
    , m_added(added)
    , m_changed(std::move(changed))
{
}

void BulkTagCommand::apply(bool present)
{
    if (!ready())
        return;
    finish(inBackground(int(m_changed.size()), [&](BulkContactRepository &bulk) {
        Result<QList<qint64>> done
            = present ? bulk.addTag(m_changed, m_name, m_kind) : bulk.removeTag(m_changed, m_name, m_kind);
        return done ? Status() : Status(done.error());
    }));
}

void BulkTagCommand::undo()
{
    apply(!m_added);
}

void BulkTagCommand::redo()
{
    if (!skipFirstRedo())
        apply(m_added);
}

BulkFieldCommand::BulkFieldCommand(ContactsView *view, QList<qint64> selection, BulkContactRepository::Field field,
    QVariant value, QHash<qint64, QVariant> previous, const QString &text)
    : BulkCommand(view, std::move(selection), text)
    , m_field(field)
    , m_value(std::move(value))
    , m_previous(std::move(previous))
{
}

void BulkFieldCommand::undo()
{
    if (ready())
        finish(inBackground(int(m_previous.size()),
            [this](BulkContactRepository &bulk) { return bulk.restoreField(m_field, m_previous); }));
}

void BulkFieldCommand::redo()
{
    if (skipFirstRedo() || !ready())
        return;
    finish(inBackground(int(m_previous.size()), [this](BulkContactRepository &bulk) {
        Result<QHash<qint64, QVariant>> previous = bulk.setField(m_previous.keys(), m_field, m_value);
        if (!previous)
            return Status(previous.error());
        m_previous = std::move(previous).value();
        return Status();
    }));
}

BulkTrashCommand::BulkTrashCommand(
    ContactsView *view, QList<qint64> selection, QList<qint64> trashed, const QString &text)
    : BulkCommand(view, std::move(selection), text)
    , m_trashed(std::move(trashed))
{
}

void BulkTrashCommand::undo()
{
    if (ready())
        finish(inBackground(int(m_trashed.size()),
            [this](BulkContactRepository &bulk) { return bulk.restoreFromTrash(m_trashed); }));
}

void BulkTrashCommand::redo()
{
    if (skipFirstRedo() || !ready())
        return;
    finish(inBackground(int(m_trashed.size()), [this](BulkContactRepository &bulk) {
        Result<QList<qint64>> trashed = bulk.moveToTrash(m_trashed);
        return trashed ? Status() : Status(trashed.error());
    }));
}
