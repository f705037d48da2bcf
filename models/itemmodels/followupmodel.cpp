#include "followupmodel.h"

#include "itemmodels/columnheaders.h"

#include <iterator>

#include "core/clock.h"
#include "core/statuscolor.h"
#include "itemmodels/rowdiff.h"
#include "storage/followuprepository.h"

#include <QFont>
#include <QLocale>
#include <QSet>

namespace {

constexpr quintptr kGroupRow = 0;

bool sameShown(const FollowUp &a, const FollowUp &b)
{
    return a.dueAt == b.dueAt && a.note == b.note && a.contactName == b.contactName && a.campaignName == b.campaignName
        && a.assigneeId == b.assigneeId && a.assigneeName == b.assigneeName && a.contactId == b.contactId
        && a.version == b.version;
}

} // namespace

FollowUpModel::FollowUpModel(Database &db, Mode mode, QObject *parent)
    : QAbstractItemModel(parent)
    , m_db(db)
    , m_mode(mode)
    , m_now(Clock::now())
{
}

FollowUpModel::~FollowUpModel() = default;

QString FollowUpModel::dueText(const QDateTime &due, const QDateTime &now)
{
    const QDateTime local = due.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString time = local.time().toString(QStringLiteral("HH:mm"));
    if (local.date() == today)
        return tr("Today %1").arg(time);
    if (local.date() == today.addDays(-1))
        return tr("Yesterday %1").arg(time);
    if (local.date() == today.addDays(1))
        return tr("Tomorrow %1").arg(time);
    if (local.date().year() == today.year())
        return QLocale().toString(local, QStringLiteral("ddd d MMM, ")) + time;
    return QLocale().toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}

QList<qint64> FollowUpModel::idsIn(FollowUp::Bucket bucket) const
{
    QList<qint64> ids;
    for (const FollowUp &f : m_groups[int(bucket)].rows)
        ids.append(f.id);
    return ids;
}

std::optional<FollowUp> FollowUpModel::followUp(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == kGroupRow)
        return std::nullopt;
    return m_groups[index.internalId() - 1].rows.value(index.row());
}

QModelIndex FollowUpModel::indexOf(qint64 id, int column) const
{
    if (id <= 0)
        return {};
    for (int g = 0; g < int(m_groups.size()); ++g) {
        const QList<FollowUp> &rows = m_groups[g].rows;
        for (int r = 0; r < rows.size(); ++r)
            if (rows.at(r).id == id)
                return createIndex(r, column, quintptr(g + 1));
    }
    return {};
}

QModelIndex FollowUpModel::groupIndex(FollowUp::Bucket bucket) const
{
    return m_mode == Mode::Grouped ? createIndex(int(bucket), 0, kGroupRow) : QModelIndex();
}

QModelIndex FollowUpModel::parentOfGroup(int group) const
{
    return m_mode == Mode::Grouped ? createIndex(group, 0, kGroupRow) : QModelIndex();
}

QModelIndex FollowUpModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (m_mode == Mode::Flat)
        return createIndex(row, column, quintptr(1));
    if (!parent.isValid())
        return createIndex(row, column, kGroupRow);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex FollowUpModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupRow || m_mode == Mode::Flat)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupRow);
}

int FollowUpModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    if (m_mode == Mode::Flat)
        return parent.isValid() ? 0 : int(m_groups[0].rows.size());
    if (!parent.isValid())
        return int(m_groups.size());
    return parent.internalId() == kGroupRow ? int(m_groups[parent.row()].rows.size()) : 0;
}

int FollowUpModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString FollowUpModel::groupLabel(int group) const
{
    const QString label = FollowUp::bucketLabel(FollowUp::Bucket(group));
    const Group &g = m_groups[group];
    if (g.count == 0)
        return label;
    if (g.count > g.rows.size())
        return tr("%1 (%L2, the first %L3 shown)").arg(label).arg(g.count).arg(g.rows.size());
    return tr("%1 (%L2)").arg(label).arg(g.count);
}

QVariant FollowUpModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kGroupRow) {
        const int g = index.row();
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            return index.column() == 0 ? groupLabel(g) : QVariant();
        case Qt::FontRole: {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        case IdRole:
            return qint64(0);
        case BucketRole:
            return g;
        case IsGroupRole:
            return true;
        case GroupCountRole:
            return m_groups[g].count;
        case OverdueRole:
            return g == int(FollowUp::Bucket::Overdue);
        default:
            return {};
        }
    }
    const int g = int(index.internalId() - 1);
    const FollowUp &f = m_groups[g].rows.at(index.row());
    const bool overdue = f.dueAt < m_now;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DueColumn:
            return dueText(f.dueAt, m_now);
        case ContactColumn:
            return f.contactName.isEmpty() ? f.campaignName : f.contactName;
        case NoteColumn:
            return f.note.simplified();
        case AssigneeColumn:
            return f.assigneeName;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DueColumn)
            return QLocale().toString(f.dueAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == NoteColumn)
            return f.note;
        return {};
    case Qt::ForegroundRole:
        if (index.column() == DueColumn && overdue)
            return StatusColor::danger();
        return {};
    case IdRole:
        return f.id;
    case ContactIdRole:
        return f.contactId;
    case AssigneeIdRole:
        return f.assigneeId;
    case DueRole:
        return f.dueAt;
    case BucketRole:
        return m_mode == Mode::Grouped ? g : int(FollowUpRepository::bucketOf(f.dueAt, m_now));
    case OverdueRole:
        return overdue;
    case IsGroupRole:
        return false;
    default:
        return {};
    }
}

QVariant FollowUpModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Column order (Column); the titles in this model's translation context.
    static const char *const kTitles[]
        = { QT_TRANSLATE_NOOP("FollowUpModel", "Due"), QT_TRANSLATE_NOOP("FollowUpModel", "Contact"),
              QT_TRANSLATE_NOOP("FollowUpModel", "Note"), QT_TRANSLATE_NOOP("FollowUpModel", "Assignee") };
    static_assert(std::size(kTitles) == ColumnCount);
    return ColumnHeaders::data("FollowUpModel", kTitles, section, orientation, role);
}

Qt::ItemFlags FollowUpModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == kGroupRow)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

bool FollowUpModel::refresh()
{
    FollowUpRepository repo(m_db);
    const QDateTime before = m_now;
    std::array<QString, 4> labels;
    if (m_mode == Mode::Grouped)
        for (int g = 0; g < 4; ++g)
            labels[g] = groupLabel(g);
    if (m_mode == Mode::Flat) {
        Result<QList<FollowUp>> rows
            = m_contactId > 0 ? repo.openForContact(m_contactId, m_limit) : Result<QList<FollowUp>>(QList<FollowUp>());
        if (!rows) {
            Q_EMIT errorOccurred(rows.error().message);
            return false;
        }
        m_now = Clock::now();
        apply(0, *rows, int(rows->size()));
    } else {
        Result<FollowUpRepository::Buckets> b = repo.buckets(m_assigneeId, m_limit);
        if (!b) {
            Q_EMIT errorOccurred(b.error().message);
            return false;
        }
        m_now = Clock::now();
        const QList<FollowUp> *lists[] = { &b->overdue, &b->today, &b->thisWeek, &b->later };
        // Removals first in every group, so that a row moving between groups never shows twice.
        for (int g = 0; g < 4; ++g)
            RowDiff::removeAbsent(m_groups[g].rows, *lists[g], &FollowUpModel::keyOf, hooks(g));
        for (int g = 0; g < 4; ++g)
            apply(g, *lists[g], b->counts[g]);
    }
    if (m_mode == Mode::Grouped) {
        for (int g = 0; g < 4; ++g) {
            if (groupLabel(g) != labels[g]) {
                const QModelIndex group = createIndex(g, 0, kGroupRow);
                Q_EMIT dataChanged(group, group);
            }
        }
    }
    // Texts like "Today 15:00" depend on the day: after midnight every row's due text may change.
    if (before.toLocalTime().date() != m_now.toLocalTime().date()) {
        for (int g = 0; g < int(m_groups.size()); ++g)
            if (!m_groups[g].rows.isEmpty())
                Q_EMIT dataChanged(index(0, DueColumn, parentOfGroup(g)),
                    index(int(m_groups[g].rows.size()) - 1, DueColumn, parentOfGroup(g)));
    }
    return true;
}

qint64 FollowUpModel::keyOf(const FollowUp &f)
{
    return f.id;
}

RowDiff::Hooks<FollowUp> FollowUpModel::hooks(int group)
{
    const QModelIndex parent = parentOfGroup(group);
    RowDiff::Hooks<FollowUp> h;
    h.beginRemove = [this, parent](int row) { beginRemoveRows(parent, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this, parent](int row) { beginInsertRows(parent, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this, parent](int from, int to) { beginMoveRows(parent, from, from, parent, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this, parent](int row, const FollowUp &old, const FollowUp &fresh) {
        if (!sameShown(old, fresh))
            Q_EMIT dataChanged(index(row, 0, parent), index(row, ColumnCount - 1, parent));
    };
    return h;
}

void FollowUpModel::apply(int group, const QList<FollowUp> &fresh, int count)
{
    RowDiff::apply(m_groups[group].rows, fresh, &FollowUpModel::keyOf, hooks(group));
    m_groups[group].count = count;
}
