#include "pitchboardmodel.h"

#include "domain/pitchstatus.h"
#include "domain/text.h"
#include "itemmodels/rowdiff.h"

#include <QLocale>

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

bool sameRow(const PitchRepository::BoardRow &a, const PitchRepository::BoardRow &b)
{
    return a.pitchId == b.pitchId && a.contactId == b.contactId && a.name == b.name && a.outlet == b.outlet
        && a.status == b.status && a.version == b.version && a.pitchedAt == b.pitchedAt && a.repliedAt == b.repliedAt
        && a.movedAt == b.movedAt && a.movedBy == b.movedBy;
}

bool nameLess(const PitchRepository::BoardRow &a, const PitchRepository::BoardRow &b)
{
    const QString ka = Text::sortKey(a.name);
    const QString kb = Text::sortKey(b.name);
    return ka != kb ? ka < kb : a.pitchId < b.pitchId;
}

} // namespace

PitchBoardModel::PitchBoardModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

PitchBoardModel::~PitchBoardModel() = default;

void PitchBoardModel::reindex()
{
    m_rowOf.clear();
    m_rowOf.reserve(m_rows.size());
    for (int r = 0; r < m_rows.size(); ++r)
        m_rowOf.insert(m_rows.at(r).pitchId, r);
}

void PitchBoardModel::setRows(const QList<PitchRepository::BoardRow> &fresh)
{
    if (m_rows.isEmpty() || fresh.isEmpty()) {
        // Opening a campaign (or closing it): one reset is the cheap exact operation.
        beginResetModel();
        m_rows = fresh;
        reindex();
        endResetModel();
        return;
    }
    RowDiff::Hooks<PitchRepository::BoardRow> hooks;
    hooks.beginRemove = [this](int r) { beginRemoveRows({}, r, r); };
    hooks.endRemove = [this] { endRemoveRows(); };
    hooks.beginInsert = [this](int r) { beginInsertRows({}, r, r); };
    hooks.endInsert = [this] { endInsertRows(); };
    hooks.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    hooks.endMove = [this] { endMoveRows(); };
    hooks.changed = [this](int r, const PitchRepository::BoardRow &old, const PitchRepository::BoardRow &row) {
        if (!sameRow(old, row))
            Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
    };
    RowDiff::apply(
        m_rows, fresh, [](const PitchRepository::BoardRow &r) { return r.pitchId; }, hooks);
    reindex();
}

void PitchBoardModel::updateRow(const PitchRepository::BoardRow &row)
{
    const int r = rowOf(row.pitchId);
    if (r >= 0) {
        if (m_rows.at(r).name == row.name) {
            m_rows[r] = row;
            Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
            return;
        }
        removePitch(row.pitchId); // renamed meanwhile: goes to its new place
    }
    const auto at = std::lower_bound(m_rows.cbegin(), m_rows.cend(), row, nameLess);
    const int pos = int(at - m_rows.cbegin());
    beginInsertRows({}, pos, pos);
    m_rows.insert(pos, row);
    reindex();
    endInsertRows();
}

void PitchBoardModel::removePitch(qint64 pitchId)
{
    const int r = rowOf(pitchId);
    if (r < 0)
        return;
    beginRemoveRows({}, r, r);
    m_rows.removeAt(r);
    reindex();
    endRemoveRows();
}

void PitchBoardModel::setProposedReplies(const QSet<qint64> &pitchIds)
{
    const QSet<qint64> changed = (m_proposed - pitchIds) + (pitchIds - m_proposed);
    m_proposed = pitchIds;
    for (qint64 id : changed) {
        const int r = rowOf(id);
        if (r >= 0)
            Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1), { ReplyProposedRole, Qt::ToolTipRole });
    }
}

int PitchBoardModel::rowOf(qint64 pitchId) const
{
    return m_rowOf.value(pitchId, -1);
}

int PitchBoardModel::countIn(const QString &status) const
{
    int n = 0;
    for (const PitchRepository::BoardRow &r : m_rows)
        n += r.status == status ? 1 : 0;
    return n;
}

QString PitchBoardModel::stamp(const PitchRepository::BoardRow &row)
{
    if (!row.movedAt.isValid())
        return {};
    return row.movedBy.isEmpty() ? tr("Moved on %1").arg(when(row.movedAt))
                                 : tr("Moved by %1 on %2").arg(row.movedBy, when(row.movedAt));
}

int PitchBoardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PitchBoardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PitchBoardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PitchRepository::BoardRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case OutletColumn:
            return r.outlet;
        case StatusColumn:
            return PitchStatus::label(r.status);
        case PitchedColumn:
            return when(r.pitchedAt);
        case RepliedColumn:
            return when(r.repliedAt);
        case MovedColumn:
            return r.movedBy.isEmpty() ? when(r.movedAt) : tr("%1, %2").arg(r.movedBy, when(r.movedAt));
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = r.name;
        if (!r.outlet.isEmpty())
            tip += QStringLiteral(" · ") + r.outlet;
        tip += u'\n' + PitchStatus::label(r.status);
        const QString s = stamp(r);
        if (!s.isEmpty())
            tip += QStringLiteral(" · ") + s;
        if (m_proposed.contains(r.pitchId))
            tip += u'\n' + tr("A reply came in after the pitch: accept it above the board.");
        return tip;
    }
    case PitchIdRole:
        return r.pitchId;
    case ContactIdRole:
        return r.contactId;
    case StatusRole:
        return r.status;
    case StatusIndexRole:
        return PitchStatus::indexOf(r.status);
    case VersionRole:
        return r.version;
    case StampRole:
        return stamp(r);
    case CardStampRole: {
        const QString date = r.movedAt.isValid()
            ? QLocale().toString(r.movedAt.toLocalTime().date(), QLocale::ShortFormat)
            : QString();
        // The day first: on a narrow column the name is what gets cut.
        return r.movedBy.isEmpty() ? date : tr("%1 · %2", "card: date · who moved it").arg(date, r.movedBy);
    }
    case ReplyProposedRole:
        return m_proposed.contains(r.pitchId);
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return index.row(); // the rows are kept in name order (sort_name, then id)
        case OutletColumn:
            return Text::sortKey(r.outlet);
        case StatusColumn:
            return PitchStatus::indexOf(r.status);
        case PitchedColumn:
            return r.pitchedAt.isValid() ? r.pitchedAt.toMSecsSinceEpoch() : -1;
        case RepliedColumn:
            return r.repliedAt.isValid() ? r.repliedAt.toMSecsSinceEpoch() : -1;
        case MovedColumn:
            return r.movedAt.isValid() ? r.movedAt.toMSecsSinceEpoch() : -1;
        }
        return {};
    }
    return {};
}

QVariant PitchBoardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case OutletColumn:
        return tr("Outlet");
    case StatusColumn:
        return tr("Status");
    case PitchedColumn:
        return tr("Pitched");
    case RepliedColumn:
        return tr("Replied");
    case MovedColumn:
        return tr("Last moved");
    }
    return {};
}
