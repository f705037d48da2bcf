#include "itemmodels/importduplicatesmodel.h"

#include "itemmodels/columnheaders.h"

#include <QFont>

using namespace Qt::StringLiterals;

namespace {

const char *const kTitles[] = {
    QT_TRANSLATE_NOOP("ImportDuplicatesModel", "Row"),
    QT_TRANSLATE_NOOP("ImportDuplicatesModel", "In the file"),
    QT_TRANSLATE_NOOP("ImportDuplicatesModel", "Already in Rapport"),
    QT_TRANSLATE_NOOP("ImportDuplicatesModel", "Why"),
    QT_TRANSLATE_NOOP("ImportDuplicatesModel", "Action"),
};
static_assert(std::size(kTitles) == ImportDuplicatesModel::ColumnCount);

QString describe(const ImportRecord &record)
{
    const Contact &c = record.contact;
    QString name = c.displayName.isEmpty() ? QStringList { c.firstName, c.lastName }.join(u' ').trimmed()
                                           : c.displayName;
    // The email is in the reason when it is why they match; the outlet tells two people of one name apart.
    return c.organizationName.isEmpty() ? name : name + u" ("_s + c.organizationName + u')';
}

} // namespace

ImportDuplicatesModel::ImportDuplicatesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ImportDuplicatesModel::setMatches(const QList<ImportMatch> &matches, const QList<ImportRecord> &records)
{
    beginResetModel();
    m_rows.clear();
    for (const ImportMatch &m : matches) {
        const ImportRecord record = records.value(m.index);
        m_rows.append({ m, record.row, describe(record), std::nullopt });
    }
    endResetModel();
}

void ImportDuplicatesModel::setDefaultAction(DuplicateAction action)
{
    m_default = action;
    for (Row &row : m_rows)
        row.action.reset();
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, ActionColumn), index(int(m_rows.size()) - 1, ActionColumn));
}

DuplicateAction ImportDuplicatesModel::actionAt(int row) const
{
    return m_rows.value(row).action.value_or(m_default);
}

QHash<int, DuplicateAction> ImportDuplicatesModel::perRecord() const
{
    QHash<int, DuplicateAction> result;
    for (const Row &row : m_rows)
        if (row.action)
            result.insert(row.match.index, *row.action);
    return result;
}

int ImportDuplicatesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportDuplicatesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportDuplicatesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == ContactIdRole)
        return row.match.contactId;
    if (role == ChoicesRole && index.column() == ActionColumn) {
        QVariantList choices;
        for (DuplicateAction a : DuplicateActions::all())
            choices.append(QVariant(QVariantList { DuplicateActions::label(a), DuplicateActions::key(a) }));
        return choices;
    }
    if (role == Qt::TextAlignmentRole && index.column() == RowColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && index.column() == ActionColumn && row.action) {
        QFont bold;
        bold.setBold(true); // chosen for this row, not the default
        return bold;
    }
    if (role == Qt::ToolTipRole && index.column() == ActionColumn)
        return row.action ? tr("Chosen for this row") : tr("The action for all duplicates");
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case RowColumn:
        return row.fileRow;
    case IncomingColumn:
        return row.incoming;
    case ExistingColumn:
        return row.match.contactName;
    case ReasonColumn:
        return row.match.reason;
    case ActionColumn: {
        const DuplicateAction action = row.action.value_or(m_default);
        return role == Qt::EditRole ? DuplicateActions::key(action) : DuplicateActions::label(action);
    }
    }
    return {};
}

bool ImportDuplicatesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_rows.size()
        || index.column() != ActionColumn || role != Qt::EditRole)
        return false;
    const auto action = DuplicateActions::fromKey(value.toString());
    if (!action)
        return false;
    m_rows[index.row()].action = *action;
    Q_EMIT dataChanged(index, index);
    return true;
}

Qt::ItemFlags ImportDuplicatesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_rows.size())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == ActionColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ImportDuplicatesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return ColumnHeaders::data("ImportDuplicatesModel", kTitles, section, orientation, role, { RowColumn });
}
