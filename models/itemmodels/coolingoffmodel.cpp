#include "coolingoffmodel.h"

#include "itemmodels/columnheaders.h"

#include <iterator>

#include "core/clock.h"
#include "core/statuscolor.h"
#include "itemmodels/rowdiff.h"

#include <QLocale>

#include <limits>

namespace {

int silentDays(const CoolingContact &c, const QDateTime &now)
{
    return c.lastContactedAt.isValid() ? int(c.lastContactedAt.daysTo(now)) : 0;
}

bool sameButFollowUp(const CoolingContact &a, const CoolingContact &b)
{
    return a.displayName == b.displayName && a.scoreThen == b.scoreThen && a.scoreNow == b.scoreNow
        && a.reach == b.reach && a.lastContactedAt == b.lastContactedAt && a.ownerId == b.ownerId
        && a.ownerName == b.ownerName;
}

} // namespace

CoolingOffModel::CoolingOffModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(Clock::now())
{
}

CoolingOffModel::~CoolingOffModel() = default;

QString CoolingOffModel::reason(const CoolingContact &c, const QDateTime &now)
{
    return tr("Health fell from %1 to %2 over %3 days; last spoke %4 days ago.")
        .arg(c.scoreThen)
        .arg(c.scoreNow)
        .arg(CoolingOffQuery::kCoolingDays)
        .arg(silentDays(c, now));
}

int CoolingOffModel::rowOf(qint64 contactId) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows.at(r).contactId == contactId)
            return r;
    return -1;
}

void CoolingOffModel::setRows(const QList<CoolingContact> &fresh)
{
    const QDateTime before = m_now;
    m_now = Clock::now();
    const bool newDay = before.daysTo(m_now) != 0; // "silent for" moved on
    RowDiff::Hooks<CoolingContact> h;
    h.beginRemove = [this](int row) { beginRemoveRows({}, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this](int row) { beginInsertRows({}, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this, newDay](int row, const CoolingContact &old, const CoolingContact &c) {
        if (!sameButFollowUp(old, c) || newDay)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        else if (old.nextFollowUpAt != c.nextFollowUpAt)
            Q_EMIT dataChanged(index(row, FollowUpColumn), index(row, FollowUpColumn));
    };
    RowDiff::apply(
        m_rows, fresh, [](const CoolingContact &c) { return c.contactId; }, h);
}

int CoolingOffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CoolingOffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CoolingOffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CoolingContact &c = m_rows.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ContactColumn:
            return c.displayName;
        case HealthColumn:
            return tr("%1 → %2 (−%3)").arg(c.scoreThen).arg(c.scoreNow).arg(c.scoreThen - c.scoreNow);
        case SilentColumn:
            return tr("%1 days").arg(silentDays(c, m_now));
        case ReachColumn:
            return c.reach > 0 ? locale.toString(c.reach) : QString();
        case OwnerColumn:
            return c.ownerName.isEmpty() ? tr("nobody", "account manager") : c.ownerName;
        case FollowUpColumn: {
            if (!c.nextFollowUpAt.isValid())
                return QString();
            const QDateTime due = c.nextFollowUpAt.toLocalTime();
            const QString when = locale.toString(due.date(), QLocale::ShortFormat) + u' '
                + due.time().toString(QStringLiteral("HH:mm"));
            return c.nextFollowUpAt < m_now ? tr("Overdue since %1").arg(when) : tr("Due %1").arg(when);
        }
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ContactColumn || index.column() == HealthColumn)
            return reason(c, m_now);
        if (index.column() == FollowUpColumn && c.nextFollowUpAt.isValid())
            return tr("A follow-up is already planned; see Follow-ups.");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ReachColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == FollowUpColumn && c.nextFollowUpAt.isValid() && c.nextFollowUpAt < m_now)
            return StatusColor::danger();
        return {};
    case ContactIdRole:
        return c.contactId;
    case OwnerIdRole:
        return c.ownerId;
    case HasFollowUpRole:
        return c.nextFollowUpAt.isValid();
    case NextFollowUpRole:
        return c.nextFollowUpAt;
    case SortRole:
        switch (index.column()) {
        case ContactColumn:
            return c.displayName.toCaseFolded();
        case HealthColumn:
            return c.scoreThen - c.scoreNow;
        case SilentColumn:
            return silentDays(c, m_now);
        case ReachColumn:
            return c.reach;
        case OwnerColumn:
            return c.ownerName.toCaseFolded();
        case FollowUpColumn:
            return c.nextFollowUpAt.isValid() ? c.nextFollowUpAt.toMSecsSinceEpoch()
                                              : std::numeric_limits<qint64>::max();
        }
        return {};
    default:
        return {};
    }
}

QVariant CoolingOffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Column order (Column); the titles in this model's translation context.
    static const char *const kTitles[] = { QT_TRANSLATE_NOOP("CoolingOffModel", "Contact"),
        QT_TRANSLATE_NOOP("CoolingOffModel", "Health then → now"), QT_TRANSLATE_NOOP("CoolingOffModel", "Silent for"),
        QT_TRANSLATE_NOOP("CoolingOffModel", "Reach"), QT_TRANSLATE_NOOP("CoolingOffModel", "Account manager"),
        QT_TRANSLATE_NOOP("CoolingOffModel", "Follow-up") };
    static_assert(std::size(kTitles) == ColumnCount);
    return ColumnHeaders::data("CoolingOffModel", kTitles, section, orientation, role, { ReachColumn });
}
