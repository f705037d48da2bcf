#include "duplicatepairmodel.h"

#include "itemmodels/columnheaders.h"

#include <iterator>

#include "itemmodels/rowdiff.h"

namespace {

QString keyOf(const DuplicatePair &p)
{
    return QString::number(p.firstId) + u':' + QString::number(p.secondId);
}

} // namespace

DuplicatePairModel::DuplicatePairModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

DuplicatePairModel::~DuplicatePairModel() = default;

QString DuplicatePairModel::reasonText(const DuplicatePair &pair)
{
    switch (pair.reason) {
    case DuplicatePair::Reason::SameEmail:
        return tr("Same email: %1").arg(pair.detail);
    case DuplicatePair::Reason::SameHandle:
        return tr("Same handle: %1").arg(pair.detail);
    case DuplicatePair::Reason::SimilarName:
        return tr("Similar name at %1").arg(pair.detail);
    }
    return {};
}

void DuplicatePairModel::setPairs(const QList<DuplicatePair> &fresh)
{
    RowDiff::Hooks<DuplicatePair> h;
    h.beginRemove = [this](int row) { beginRemoveRows({}, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this](int row) { beginInsertRows({}, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this](int row, const DuplicatePair &old, const DuplicatePair &p) {
        if (old.firstName != p.firstName || old.secondName != p.secondName || old.reason != p.reason
            || old.detail != p.detail)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    };
    RowDiff::apply(m_pairs, fresh, keyOf, h);
}

int DuplicatePairModel::removePairsWith(qint64 contactId)
{
    int removed = 0;
    for (int r = int(m_pairs.size()) - 1; r >= 0; --r) {
        if (m_pairs.at(r).firstId != contactId && m_pairs.at(r).secondId != contactId)
            continue;
        beginRemoveRows({}, r, r);
        m_pairs.removeAt(r);
        endRemoveRows();
        ++removed;
    }
    return removed;
}

int DuplicatePairModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pairs.size());
}

int DuplicatePairModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DuplicatePairModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DuplicatePair &p = m_pairs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case FirstColumn:
            return p.firstName;
        case SecondColumn:
            return p.secondName;
        case ReasonColumn:
            return reasonText(p);
        }
        return {};
    case FirstIdRole:
        return p.firstId;
    case SecondIdRole:
        return p.secondId;
    case ReasonRole:
        return int(p.reason);
    case SortRole:
        switch (index.column()) {
        case FirstColumn:
            return p.firstName.toCaseFolded();
        case SecondColumn:
            return p.secondName.toCaseFolded();
        case ReasonColumn:
            return int(p.reason);
        }
        return {};
    default:
        return {};
    }
}

QVariant DuplicatePairModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Column order (Column); the titles in this model's translation context.
    static const char *const kTitles[] = { QT_TRANSLATE_NOOP("DuplicatePairModel", "Contact"),
        QT_TRANSLATE_NOOP("DuplicatePairModel", "Possible duplicate"), QT_TRANSLATE_NOOP("DuplicatePairModel", "Why") };
    static_assert(std::size(kTitles) == ColumnCount);
    return ColumnHeaders::data("DuplicatePairModel", kTitles, section, orientation, role);
}
