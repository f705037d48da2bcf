#include "medialistmodel.h"

#include "domain/pitchstatus.h"
#include "domain/text.h"
#include "itemmodels/rowdiff.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace {

bool sameRow(const PitchRepository::MediaListRow &a, const PitchRepository::MediaListRow &b)
{
    return a.pitchId == b.pitchId && a.version == b.version && a.name == b.name && a.title == b.title
        && a.outlet == b.outlet && a.beats == b.beats && a.health == b.health && a.lastContactedAt == b.lastContactedAt
        && a.status == b.status && a.doNotContact == b.doNotContact && a.doNotContactReason == b.doNotContactReason
        && a.consentRecorded == b.consentRecorded && a.recentlyPitchedAt == b.recentlyPitchedAt
        && a.recentlyPitchedCampaign == b.recentlyPitchedCampaign;
}

} // namespace

MediaListModel::MediaListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

MediaListModel::~MediaListModel() = default;

void MediaListModel::setRows(const QList<PitchRepository::MediaListRow> &fresh)
{
    if (m_rows.isEmpty() || fresh.isEmpty()) {
        beginResetModel();
        m_rows = fresh;
        endResetModel();
        return;
    }
    RowDiff::Hooks<PitchRepository::MediaListRow> hooks;
    hooks.beginRemove = [this](int r) { beginRemoveRows({}, r, r); };
    hooks.endRemove = [this] { endRemoveRows(); };
    hooks.beginInsert = [this](int r) { beginInsertRows({}, r, r); };
    hooks.endInsert = [this] { endInsertRows(); };
    hooks.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    hooks.endMove = [this] { endMoveRows(); };
    hooks.changed = [this](int r, const PitchRepository::MediaListRow &old, const PitchRepository::MediaListRow &row) {
        if (!sameRow(old, row))
            Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
    };
    RowDiff::apply(
        m_rows, fresh, [](const PitchRepository::MediaListRow &r) { return r.pitchId; }, hooks);
}

int MediaListModel::rowOfContact(qint64 contactId) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows.at(r).contactId == contactId)
            return r;
    return -1;
}

int MediaListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MediaListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MediaListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PitchRepository::MediaListRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r.title.isEmpty() ? r.name : tr("%1 (%2)", "name (title)").arg(r.name, r.title);
        case OutletColumn:
            return r.outlet;
        case BeatsColumn:
            return r.beats.join(QStringLiteral(", "));
        case HealthColumn:
            return r.health < 0 ? QVariant() : QVariant(r.health);
        case LastContactedColumn:
            return r.lastContactedAt.isValid()
                ? QLocale().toString(r.lastContactedAt.toLocalTime().date(), QLocale::ShortFormat)
                : tr("never");
        case StatusColumn:
            return PitchStatus::label(r.status);
        case WarningsColumn:
            return r.warnings().join(u' ');
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == WarningsColumn || index.column() == NameColumn) {
            const QStringList w = r.warnings();
            return w.isEmpty() ? QVariant() : QVariant(w.join(u'\n'));
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == WarningsColumn && r.doNotContact)
            return QBrush(QColor(0xb0, 0x1c, 0x1c));
        return {};
    case PitchIdRole:
        return r.pitchId;
    case ContactIdRole:
        return r.contactId;
    case HasWarningRole:
        return !r.warnings().isEmpty();
    case DoNotContactRole:
        return r.doNotContact;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return Text::sortKey(r.name);
        case OutletColumn:
            return Text::sortKey(r.outlet);
        case BeatsColumn:
            return r.beats.join(u',');
        case HealthColumn:
            return r.health;
        case LastContactedColumn:
            return r.lastContactedAt.isValid() ? r.lastContactedAt.toMSecsSinceEpoch() : qint64(-1);
        case StatusColumn:
            return PitchStatus::indexOf(r.status);
        case WarningsColumn:
            return int(
                (r.doNotContact ? 4 : 0) + (!r.consentRecorded ? 2 : 0) + (r.recentlyPitchedAt.isValid() ? 1 : 0));
        }
        return {};
    }
    return {};
}

QVariant MediaListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case OutletColumn:
        return tr("Outlet");
    case BeatsColumn:
        return tr("Beats");
    case HealthColumn:
        return tr("Health");
    case LastContactedColumn:
        return tr("Last contacted");
    case StatusColumn:
        return tr("Pitch");
    case WarningsColumn:
        return tr("Warnings");
    }
    return {};
}
