#include "pitchsuggestionmodel.h"

#include "core/statuscolor.h"
#include "itemmodels/rowdiff.h"

#include <QLocale>

namespace {

bool same(const PitchSuggestion &a, const PitchSuggestion &b)
{
    return a.displayName == b.displayName && a.outletName == b.outletName && a.title == b.title
        && a.score.score == b.score.score && a.score.reasonText() == b.score.reasonText()
        && a.in.hasConsent == b.in.hasConsent && a.reach == b.reach;
}

} // namespace

PitchSuggestionModel::PitchSuggestionModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

PitchSuggestionModel::~PitchSuggestionModel() = default;

int PitchSuggestionModel::rowOf(qint64 contactId) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows.at(r).contactId == contactId)
            return r;
    return -1;
}

QString PitchSuggestionModel::breakdown(const PitchSuggestion &s)
{
    QStringList lines { tr("Score %1 of 100").arg(s.score.score) };
    for (const PitchScore::Reason &r : s.score.reasons) {
        if (r.kind == PitchScore::Reason::Kind::Note)
            lines << tr("Note: %1", "a who-to-pitch reason without points").arg(r.text);
        else
            lines << tr("%1 %2", "points, reason")
                         .arg(r.points >= 0 ? u'+' + QString::number(r.points)
                                            : QString(u'−' + QString::number(-r.points)),
                             r.text);
    }
    return lines.join(u'\n');
}

void PitchSuggestionModel::setRows(const QList<PitchSuggestion> &fresh)
{
    RowDiff::Hooks<PitchSuggestion> h;
    h.beginRemove = [this](int row) { beginRemoveRows({}, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this](int row) { beginInsertRows({}, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this](int row, const PitchSuggestion &old, const PitchSuggestion &s) {
        if (!same(old, s))
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    };
    RowDiff::apply(
        m_rows, fresh, [](const PitchSuggestion &s) { return s.contactId; }, h);
}

int PitchSuggestionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PitchSuggestionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PitchSuggestionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PitchSuggestion &s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ConsentColumn:
            return s.in.hasConsent ? QString() : tr("No consent", "short marker in the who-to-pitch list");
        case ScoreColumn:
            return s.score.score;
        case NameColumn:
            return s.displayName;
        case OutletColumn:
            return s.outletName;
        case ReasonsColumn:
            return s.score.reasonText();
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ConsentColumn:
            return s.in.hasConsent
                ? QString()
                : tr("No consent or other legal basis is recorded for %1: check before pitching.").arg(s.displayName);
        case NameColumn:
            return s.title.isEmpty() ? s.displayName : tr("%1, %2", "name, job title").arg(s.displayName, s.title);
        case OutletColumn:
            return s.reach > 0 ? tr("%1, reach %2").arg(s.outletName, QLocale().toString(s.reach)) : s.outletName;
        default:
            return breakdown(s);
        }
    case Qt::AccessibleTextRole:
        if (index.column() == ConsentColumn)
            return s.in.hasConsent ? tr("Consent recorded") : tr("No recorded consent");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ScoreColumn)
            return QVariant(Qt::AlignRight | Qt::AlignTop);
        return QVariant(Qt::AlignLeft | Qt::AlignTop);
    case Qt::ForegroundRole:
        if (index.column() == ConsentColumn && !s.in.hasConsent)
            return StatusColor::danger();
        return {};
    case ContactIdRole:
        return s.contactId;
    case ScoreRole:
        return s.score.score;
    case HasConsentRole:
        return s.in.hasConsent;
    default:
        return {};
    }
}

QVariant PitchSuggestionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section == ScoreColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && section == ConsentColumn)
        return tr("Marked when no consent or other legal basis is recorded");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ConsentColumn:
        return tr("Consent");
    case ScoreColumn:
        return tr("Score");
    case NameColumn:
        return tr("Name");
    case OutletColumn:
        return tr("Outlet");
    case ReasonsColumn:
        return tr("Why");
    }
    return {};
}
