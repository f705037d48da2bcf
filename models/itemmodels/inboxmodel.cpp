#include "inboxmodel.h"

#include "itemmodels/columnheaders.h"

#include <iterator>

#include "domain/network.h"
#include "itemmodels/rowdiff.h"

#include <QLocale>

namespace {

QString keyOf(const InboxEntry &e)
{
    return e.network + u'\n' + e.handle;
}

bool sameShown(const InboxEntry &a, const InboxEntry &b)
{
    return a.authorName == b.authorName && a.itemCount == b.itemCount && a.latestAt == b.latestAt
        && a.latestText == b.latestText && a.latestUrl == b.latestUrl;
}

} // namespace

InboxModel::InboxModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

InboxModel::~InboxModel() = default;

QString InboxModel::whenText(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    const QDateTime local = when.toLocalTime();
    const QDate today = QDate::currentDate();
    const QString time = local.time().toString(QStringLiteral("HH:mm"));
    if (local.date() == today)
        return tr("Today %1").arg(time);
    if (local.date() == today.addDays(-1))
        return tr("Yesterday %1").arg(time);
    return QLocale().toString(local.date(), QLocale::ShortFormat);
}

QString InboxModel::authorText(const InboxEntry &e)
{
    const QString name = e.authorName.trimmed();
    return name.isEmpty() || name == e.handle ? e.handle
                                              : tr("%1 (%2)", "inbox author: name (handle)").arg(name, e.handle);
}

void InboxModel::setEntries(const QList<InboxEntry> &fresh)
{
    RowDiff::Hooks<InboxEntry> h;
    h.beginRemove = [this](int row) { beginRemoveRows({}, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this](int row) { beginInsertRows({}, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this](int row, const InboxEntry &old, const InboxEntry &e) {
        if (!sameShown(old, e))
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    };
    RowDiff::apply(m_entries, fresh, keyOf, h);
}

const InboxEntry *InboxModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int InboxModel::rowOf(const QString &network, const QString &handle) const
{
    for (int r = 0; r < m_entries.size(); ++r)
        if (m_entries.at(r).network == network && m_entries.at(r).handle == handle)
            return r;
    return -1;
}

int InboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int InboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InboxEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case AuthorColumn:
            return authorText(e);
        case NetworkColumn:
            if (const std::optional<Network> network = Networks::fromKey(e.network))
                return Networks::label(*network);
            return e.network;
        case ItemsColumn:
            return QLocale().toString(e.itemCount);
        case NewestColumn:
            return whenText(e.latestAt);
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == AuthorColumn ? QVariant(e.latestText.left(200)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == ItemsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case NetworkRole:
        return e.network;
    case HandleRole:
        return e.handle;
    case SortRole:
        switch (index.column()) {
        case AuthorColumn:
            return authorText(e).toCaseFolded();
        case NetworkColumn:
            return e.network;
        case ItemsColumn:
            return e.itemCount;
        case NewestColumn:
            return e.latestAt;
        }
        return {};
    default:
        return {};
    }
}

QVariant InboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Column order (Column); the titles in this model's translation context.
    static const char *const kTitles[]
        = { QT_TRANSLATE_NOOP("InboxModel", "Author"), QT_TRANSLATE_NOOP("InboxModel", "Network"),
              QT_TRANSLATE_NOOP("InboxModel", "Items"), QT_TRANSLATE_NOOP("InboxModel", "Newest") };
    static_assert(std::size(kTitles) == ColumnCount);
    return ColumnHeaders::data("InboxModel", kTitles, section, orientation, role, { ItemsColumn });
}
