#include "itemmodels/importbatchlistmodel.h"

#include "itemmodels/columnheaders.h"
#include "itemmodels/rowdiff.h"

#include <QLocale>

namespace {

const char *const kTitles[] = {
    QT_TRANSLATE_NOOP("ImportBatchListModel", "File"),
    QT_TRANSLATE_NOOP("ImportBatchListModel", "Imported"),
    QT_TRANSLATE_NOOP("ImportBatchListModel", "By"),
    QT_TRANSLATE_NOOP("ImportBatchListModel", "Created"),
    QT_TRANSLATE_NOOP("ImportBatchListModel", "Updated"),
    QT_TRANSLATE_NOOP("ImportBatchListModel", "Skipped"),
    QT_TRANSLATE_NOOP("ImportBatchListModel", "Problems"),
    QT_TRANSLATE_NOOP("ImportBatchListModel", "Undone"),
};
static_assert(std::size(kTitles) == ImportBatchListModel::ColumnCount);

QString when(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

bool sameShown(const ImportBatch &a, const ImportBatch &b)
{
    return a.fileName == b.fileName && a.userName == b.userName && a.startedAt == b.startedAt
        && a.created == b.created && a.updated == b.updated && a.skipped == b.skipped && a.problems == b.problems
        && a.undoneAt == b.undoneAt;
}

} // namespace

ImportBatchListModel::ImportBatchListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ImportBatchListModel::setBatches(const QList<ImportBatch> &fresh)
{
    RowDiff::Hooks<ImportBatch> h;
    h.beginRemove = [this](int row) { beginRemoveRows({}, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this](int row) { beginInsertRows({}, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this](int row, const ImportBatch &old, const ImportBatch &b) {
        if (!sameShown(old, b))
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    };
    RowDiff::apply(
        m_batches, fresh, [](const ImportBatch &b) { return b.id; }, h);
}

const ImportBatch *ImportBatchListModel::batchAt(int row) const
{
    return row >= 0 && row < m_batches.size() ? &m_batches.at(row) : nullptr;
}

int ImportBatchListModel::rowOf(qint64 id) const
{
    for (int r = 0; r < m_batches.size(); ++r)
        if (m_batches.at(r).id == id)
            return r;
    return -1;
}

int ImportBatchListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_batches.size());
}

int ImportBatchListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportBatchListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_batches.size())
        return {};
    const ImportBatch &b = m_batches.at(index.row());
    if (role == IdRole)
        return b.id;
    if (role == UndoneRole)
        return b.undoneAt.isValid();
    if (role == Qt::TextAlignmentRole && index.column() >= CreatedColumn && index.column() <= ProblemsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == FileColumn)
        return tr("Import %1 (%2)").arg(b.id).arg(b.format == QLatin1String("vcard") ? tr("vCard") : tr("CSV"));
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case FileColumn:
        return b.fileName;
    case ImportedColumn:
        return when(b.startedAt);
    case UserColumn:
        return b.userName;
    case CreatedColumn:
        return locale.toString(b.created);
    case UpdatedColumn:
        return locale.toString(b.updated);
    case SkippedColumn:
        return locale.toString(b.skipped);
    case ProblemsColumn:
        return locale.toString(b.problems);
    case StateColumn:
        return b.undoneAt.isValid() ? when(b.undoneAt) : QString();
    }
    return {};
}

QVariant ImportBatchListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return ColumnHeaders::data("ImportBatchListModel", kTitles, section, orientation, role,
        { CreatedColumn, UpdatedColumn, SkippedColumn, ProblemsColumn });
}
