#include "contactlistmodel.h"

#include "itemmodels/rowdiff.h"

#include "contactsnapshotloader.h"

#include "core/logging.h"
#include "domain/contact.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/searchrepository.h"

#include <QCollator>
#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace {

// A small "no entry" sign marking contacts who asked not to be contacted. Drawn, not loaded, so it looks
// the same with every icon theme.
QIcon doNotContactIcon()
{
    static const QIcon icon = [] {
        QIcon result;
        for (int size : { 16, 24, 32 }) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0xc0, 0x1c, 0x28));
            const qreal margin = size / 8.0;
            p.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
            p.setBrush(Qt::white);
            const qreal barHeight = size / 6.0;
            p.drawRect(QRectF(size * 0.28, (size - barHeight) / 2, size * 0.44, barHeight));
            p.end();
            result.addPixmap(pixmap);
        }
        return result;
    }();
    return icon;
}

QString shortDate(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat) : QString();
}

} // namespace

ContactListModel::ContactListModel(Database &db, QObject *parent)
    : IdTableModel(parent)
    , m_query(db)
    , m_cache([this](const QList<qint64> &ids) { return m_query.rows(ids); },
          [this](const Error &error) {
              qCWarning(lcStorage) << "contact list: loading rows failed:" << error.message;
              Q_EMIT errorOccurred(error.message);
          })
    , m_loader(new ContactSnapshotLoader(db.location(), this))
{
    connect(m_loader, &ContactSnapshotLoader::loaded, this, &ContactListModel::completeSnapshot);
    connect(m_loader, &ContactSnapshotLoader::failed, this, [this](quint64 generation, const QString &message) {
        if (generation != m_pendingSnapshot)
            return;
        m_complete = true;
        Q_EMIT errorOccurred(message);
        Q_EMIT snapshotCompleted();
    });
    // Sort kinds by what the user reads, not by the stored key.
    QStringList kinds = Contact::kinds();
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(kinds.begin(), kinds.end(),
        [&](const QString &a, const QString &b) { return collator.compare(kindLabel(a), kindLabel(b)) < 0; });
    m_query.setKindOrder(kinds);
    reloadIds();
    // A conversation moves the last-contacted date and the health score; a save changes the fields.
    connect(ChangeNotifier::instance(), &ChangeNotifier::interactionsChanged, this, &ContactListModel::updateRows);
    connect(ChangeNotifier::instance(), &ChangeNotifier::contactsChanged, this, [this](const QList<qint64> &ids) {
        updateRows(ids);
        // Added, trashed, restored or renamed (maybe by someone else): the rows follow, in place.
        scheduleReconcile();
    });
}

ContactListModel::~ContactListModel() = default;

QString ContactListModel::kindLabel(const QString &kind)
{
    if (kind == u"journalist")
        return tr("Journalist");
    if (kind == u"editor")
        return tr("Editor");
    if (kind == u"blogger")
        return tr("Blogger");
    if (kind == u"influencer")
        return tr("Influencer");
    if (kind == u"analyst")
        return tr("Analyst");
    if (kind == u"client_contact")
        return tr("Client contact");
    if (kind == u"customer")
        return tr("Customer");
    if (kind == u"other")
        return tr("Other", "contact kind");
    return kind;
}

QString ContactListModel::columnKey(int column)
{
    static const char *const keys[]
        = { "name", "outlet", "title", "kind", "owner", "lastContacted", "health", "email", "updated", "tags" };
    static_assert(std::size(keys) == ColumnCount);
    return column >= 0 && column < ColumnCount ? QString::fromLatin1(keys[column]) : QString();
}

int ContactListModel::columnFromKey(const QString &key)
{
    for (int column = 0; column < ColumnCount; ++column)
        if (columnKey(column) == key)
            return column;
    return -1;
}

bool ContactListModel::isSortable(int column)
{
    return column >= 0 && column < ColumnCount && column != EmailColumn && column != TagsColumn;
}

int ContactListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

int ContactListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContactListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == HealthColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case OutletColumn:
        return tr("Outlet");
    case TitleColumn:
        return tr("Title", "job title");
    case KindColumn:
        return tr("Kind", "journalist, editor, blogger...");
    case OwnerColumn:
        return tr("Owner", "account manager in charge of the contact");
    case LastContactedColumn:
        return tr("Last contacted");
    case HealthColumn:
        return tr("Health", "relationship health score column");
    case EmailColumn:
        return tr("Email");
    case UpdatedColumn:
        return tr("Updated");
    case TagsColumn:
        return tr("Tags");
    default:
        return {};
    }
}

QVariant ContactListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ContactListRow *row = rowAt(index.row());
    if (!row)
        return {};

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row->name;
        case OutletColumn:
            return row->outlet;
        case TitleColumn:
            return row->title;
        case KindColumn:
            return kindLabel(row->kind);
        case OwnerColumn:
            return row->owner;
        case LastContactedColumn:
            return shortDate(row->lastContactedAt);
        case HealthColumn:
            return row->healthScore ? QLocale().toString(*row->healthScore) : QString();
        case EmailColumn:
            return row->email;
        case UpdatedColumn:
            return shortDate(row->updatedAt);
        case TagsColumn:
            return row->tags;
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case KindColumn:
            return row->kind;
        case LastContactedColumn:
            return row->lastContactedAt;
        case HealthColumn:
            return row->healthScore ? QVariant(*row->healthScore) : QVariant(QMetaType::fromType<int>());
        case UpdatedColumn:
            return row->updatedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (index.column() == HealthColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (row->doNotContact)
            return tr("%1 asked not to be contacted.").arg(row->name);
        if (index.column() == LastContactedColumn && row->lastContactedAt.isValid())
            return QLocale().toString(row->lastContactedAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == HealthColumn && row->healthScore) {
            // The stored score, then why, as of now (they differ only until the next recompute). Asked only when
            // the pointer rests on the cell: one contact's explanation costs well under a millisecond.
            QString tip = tr("Relationship health: %1 of 100").arg(QLocale().toString(*row->healthScore));
            if (Result<HealthScore> h = HealthRepository::explain(m_query.database(), row->id))
                tip += u'\n' + h->breakdownLines().join(u'\n');
            return tip;
        }
        if (index.column() == UpdatedColumn && row->updatedAt.isValid())
            return QLocale().toString(row->updatedAt.toLocalTime(), QLocale::LongFormat);
        return {};
    case Qt::DecorationRole:
        if (index.column() == NameColumn && row->doNotContact)
            return doNotContactIcon();
        return {};
    case IdRole:
        return row->id;
    case DoNotContactRole:
        return row->doNotContact;
    default:
        return {};
    }
}

void ContactListModel::setPaging(int blockSize, int maxBlocks)
{
    m_cache.setPaging(blockSize, maxBlocks);
}

ContactListQuery::SortKey ContactListModel::sortKey() const
{
    switch (m_sortColumn) {
    case OutletColumn:
        return ContactListQuery::SortKey::Outlet;
    case TitleColumn:
        return ContactListQuery::SortKey::Title;
    case KindColumn:
        return ContactListQuery::SortKey::Kind;
    case OwnerColumn:
        return ContactListQuery::SortKey::Owner;
    case LastContactedColumn:
        return ContactListQuery::SortKey::LastContacted;
    case HealthColumn:
        return ContactListQuery::SortKey::Health;
    case UpdatedColumn:
        return ContactListQuery::SortKey::Updated;
    default:
        return ContactListQuery::SortKey::Name;
    }
}

bool ContactListModel::reloadIds()
{
    m_loader->cancel();
    m_complete = true;
    Result<QList<qint64>> ids = m_query.orderedIds(sortKey(), m_sortOrder);
    m_cache.clear();
    if (!ids) {
        m_ids.clear();
        m_loadError = ids.error().message;
        Q_EMIT errorOccurred(ids.error().message);
        return false;
    }
    m_loadError.clear();
    m_ids = std::move(ids).value();
    return true;
}

void ContactListModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column) || (column == m_sortColumn && order == m_sortOrder))
        return;
    const int oldColumn = m_sortColumn;
    const Qt::SortOrder oldOrder = m_sortOrder;
    m_sortColumn = column;
    m_sortOrder = order;
    // A sort reads the whole snapshot at once (within the sort budget), overtaking any pending one.
    m_loader->cancel();
    const bool wasComplete = m_complete;
    m_complete = true;
    Result<QList<qint64>> ids = m_query.orderedIds(sortKey(), m_sortOrder);
    if (!ids) {
        m_sortColumn = oldColumn;
        m_sortOrder = oldOrder;
        m_complete = wasComplete;
        Q_EMIT errorOccurred(ids.error().message);
        return;
    }
    // Selections and the current item follow their contact to its new row.
    const bool reset = showOrdered(m_ids, *ids, [&] {
        m_cache.clear();
        m_ids = std::move(ids).value();
    });
    if (reset && !wasComplete)
        Q_EMIT snapshotCompleted();
}

void ContactListModel::setTagsShown(bool shown)
{
    if (shown == m_query.includesTags())
        return;
    m_query.setIncludeTags(shown);
    if (!shown || m_ids.isEmpty())
        return;
    // The blocks in memory were read without tags: read them again as they are shown.
    m_cache.clear();
    Q_EMIT dataChanged(index(0, TagsColumn), index(rowCount() - 1, TagsColumn));
}

void ContactListModel::refresh()
{
    beginResetModel();
    reloadIds();
    endResetModel();
}

void ContactListModel::updateRows(const QList<qint64> &ids)
{
    if (m_ids.isEmpty())
        return;
    if (ids.isEmpty()) { // "some, not known which" (ChangeNotifier): every row is read again when shown
        m_cache.clear();
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    const QSet<qint64> wanted(ids.cbegin(), ids.cend());
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_ids.size(); ++row) {
        if (!wanted.contains(m_ids.at(row)))
            continue;
        m_cache.dropBlockOf(row);
        if (first < 0)
            first = row;
        last = row;
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void ContactListModel::scheduleReconcile()
{
    if (m_reconcileQueued)
        return;
    m_reconcileQueued = true;
    // One read of the ids for a burst of changes (a save publishes several, the server one per statement).
    QTimer::singleShot(50, this, [this] {
        m_reconcileQueued = false;
        reconcile();
    });
}

void ContactListModel::reconcile()
{
    // While the rest of a filtered list is still being read, its arrival brings the fresh ids.
    if (!m_complete)
        return;
    Result<QList<qint64>> fresh = m_query.orderedIds(sortKey(), m_sortOrder);
    if (!fresh) {
        Q_EMIT errorOccurred(fresh.error().message);
        return;
    }
    if (*fresh == m_ids)
        return;
    m_cache.clear();
    const RowDiff::Hooks<qint64> hooks {
        [this](int row) { beginRemoveRows({}, row, row); },
        [this](int row) { beginInsertRows({}, row, row); },
        [this] { m_cache.clear(); endRemoveRows(); },
        [this] { m_cache.clear(); endInsertRows(); },
        [this] { m_cache.clear(); endMoveRows(); },
        [this](int from, int to) { beginMoveRows({}, from, from, {}, to); },
        [](int, const qint64 &, const qint64 &) {},
    };
    RowDiff::apply(m_ids, *fresh, [](qint64 id) { return id; }, hooks);
    // Blocks read while the rows moved may hold the wrong rows for their place: read what is shown again.
    m_cache.clear();
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ContactListModel::setFilter(const ContactFilter &filter)
{
    m_query.setFilter(filter);
    m_searchTerms = SearchRepository::terms(filter.text);
    m_loader->cancel();
    // The first screenful now; the rest, if there is more, from the worker thread.
    Result<QList<qint64>> ids = m_query.orderedIds(sortKey(), m_sortOrder, m_firstSliceSize);
    beginResetModel();
    m_cache.clear();
    if (ids) {
        m_ids = std::move(ids).value();
        m_complete = m_ids.size() < m_firstSliceSize;
    } else {
        m_ids.clear();
        m_complete = true;
    }
    endResetModel();
    Q_EMIT filterChanged();
    if (!ids) {
        Q_EMIT errorOccurred(ids.error().message);
        return;
    }
    if (m_complete) {
        Q_EMIT snapshotCompleted();
        return;
    }
    m_pendingSnapshot = m_loader->load({ filter, m_query.kindOrder(), sortKey(), m_sortOrder });
}

void ContactListModel::completeSnapshot(quint64 generation, const QList<qint64> &ids)
{
    if (generation != m_pendingSnapshot || m_complete)
        return;
    m_complete = true;
    const qsizetype have = m_ids.size();
    if (ids.size() >= have && std::equal(m_ids.cbegin(), m_ids.cend(), ids.cbegin())) {
        if (ids.size() > have) {
            // The last block of the slice may be short: block() reads it again once the rows are there.
            beginInsertRows(QModelIndex(), int(have), int(ids.size() - 1));
            m_ids = ids;
            endInsertRows();
        }
    } else {
        // Contacts changed between the two reads: show the newer, complete snapshot.
        beginResetModel();
        m_cache.clear();
        m_ids = ids;
        endResetModel();
    }
    Q_EMIT snapshotCompleted();
}
