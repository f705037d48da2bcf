#include "organizationlistmodel.h"
#include "itemmodels/rowdiff.h"
#include "storage/changenotifier.h"
#include <QTimer>

#include "domain/contact.h"
#include "domain/text.h"

#include <QCollator>
#include <QLocale>

#include <algorithm>

namespace {

QString shortDate(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat) : QString();
}

} // namespace

OrganizationListModel::OrganizationListModel(Database &db, QObject *parent, Load load)
    : IdTableModel(parent)
    , m_query(db)
    , m_cache([this](const QList<qint64> &ids) { return m_query.rows(ids); },
          [this](
              const Error &error) { Q_EMIT const_cast<OrganizationListModel *>(this)->errorOccurred(error.message); })
{
    // Sort kinds by what the user reads, not by the stored key.
    QStringList kinds = Organization::kinds();
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(kinds.begin(), kinds.end(),
        [&](const QString &a, const QString &b) { return collator.compare(kindLabel(a), kindLabel(b)) < 0; });
    m_query.setKindOrder(kinds);
    if (load == Load::Now)
        reload();
    // Changed here or by someone else: one read of the ids for a burst of notifications.
    connect(ChangeNotifier::instance(), &ChangeNotifier::organizationsChanged, this, [this] {
        if (m_reconcileQueued)
            return;
        m_reconcileQueued = true;
        QTimer::singleShot(50, this, [this] {
            m_reconcileQueued = false;
            reconcile();
        });
    });
}

void OrganizationListModel::load()
{
    if (!m_loaded)
        refresh();
}

OrganizationListModel::~OrganizationListModel() = default;

QString OrganizationListModel::kindLabel(const QString &kind)
{
    if (kind == u"newspaper")
        return tr("Newspaper");
    if (kind == u"magazine")
        return tr("Magazine");
    if (kind == u"online")
        return tr("Online outlet");
    if (kind == u"broadcaster")
        return tr("Broadcaster");
    if (kind == u"podcast")
        return tr("Podcast");
    if (kind == u"blog")
        return tr("Blog");
    if (kind == u"agency")
        return tr("Agency", "news or PR agency");
    if (kind == u"client")
        return tr("Client", "a client of the PR agency");
    if (kind == u"other")
        return tr("Other", "organization kind");
    return kind;
}

int OrganizationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

int OrganizationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrganizationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind", "newspaper, magazine, client...");
    case CityColumn:
        return tr("City");
    case CountryColumn:
        return tr("Country");
    case ReachColumn:
        return tr("Reach", "audience size");
    case PeopleColumn:
        return tr("People", "contacts working at the organization");
    case UpdatedColumn:
        return tr("Updated");
    default:
        return {};
    }
}

QVariant OrganizationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrganizationListRow *row = rowAt(index.row());
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row->name;
        case KindColumn:
            return kindLabel(row->kind);
        case CityColumn:
            return row->city;
        case CountryColumn:
            return row->country;
        case ReachColumn:
            return row->reach > 0 ? QLocale().toString(row->reach) : QString();
        case PeopleColumn:
            return QLocale().toString(row->peopleCount);
        case UpdatedColumn:
            return shortDate(row->updatedAt);
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case KindColumn:
            return row->kind;
        case ReachColumn:
            return row->reach;
        case PeopleColumn:
            return row->peopleCount;
        case UpdatedColumn:
            return row->updatedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (index.column() == ReachColumn || index.column() == PeopleColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && !row->website.isEmpty())
            return row->website;
        if (index.column() == UpdatedColumn && row->updatedAt.isValid())
            return QLocale().toString(row->updatedAt.toLocalTime(), QLocale::LongFormat);
        return {};
    case IdRole:
        return row->id;
    default:
        return {};
    }
}

const OrganizationListRow *OrganizationListModel::rowAt(int row) const
{
    return m_cache.rowAt(m_ids, row);
}

OrganizationListQuery::SortKey OrganizationListModel::sortKey() const
{
    switch (m_sortColumn) {
    case KindColumn:
        return OrganizationListQuery::SortKey::Kind;
    case CityColumn:
        return OrganizationListQuery::SortKey::City;
    case CountryColumn:
        return OrganizationListQuery::SortKey::Country;
    case ReachColumn:
        return OrganizationListQuery::SortKey::Reach;
    case PeopleColumn:
        return OrganizationListQuery::SortKey::People;
    case UpdatedColumn:
        return OrganizationListQuery::SortKey::Updated;
    default:
        return OrganizationListQuery::SortKey::Name;
    }
}

bool OrganizationListModel::reload()
{
    m_loaded = true;
    m_cache.clear();
    Result<QList<qint64>> ids = m_query.orderedIds(sortKey(), m_sortOrder);
    if (!ids) {
        m_allIds.clear();
        m_ids.clear();
        Q_EMIT errorOccurred(ids.error().message);
        return false;
    }
    m_allIds = std::move(ids).value();
    if (m_search.reloadsTexts())
        loadSearchTexts();
    m_ids = m_search.apply(m_allIds);
    return true;
}

void OrganizationListModel::loadSearchTexts()
{
    if (const QString error = m_search.setTexts(m_query.searchTexts()); !error.isEmpty())
        Q_EMIT errorOccurred(error);
}

void OrganizationListModel::prepareSearch()
{
    if (!m_search.textsLoaded())
        loadSearchTexts();
}

void OrganizationListModel::setFilterText(const QString &text)
{
    if (!m_search.setText(text) || !m_loaded)
        return; // unchanged, or applied by load()
    beginResetModel();
    m_cache.clear();
    if (!m_search.textsLoaded() && m_search.isActive())
        reload();
    else
        m_ids = m_search.apply(m_search.narrows() ? m_ids : m_allIds);
    endResetModel();
}

void OrganizationListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount || (column == m_sortColumn && order == m_sortOrder))
        return;
    const int oldColumn = m_sortColumn;
    const Qt::SortOrder oldOrder = m_sortOrder;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_loaded)
        return; // no rows yet: load() reads them in this order
    Result<QList<qint64>> sorted = m_query.orderedIds(sortKey(), m_sortOrder);
    if (!sorted) {
        m_sortColumn = oldColumn;
        m_sortOrder = oldOrder;
        Q_EMIT errorOccurred(sorted.error().message);
        return;
    }
    QList<qint64> ids = m_search.apply(*sorted);
    // Selections and the current item follow their organization to its new row.
    showOrdered(m_ids, ids, [&] {
        m_cache.clear();
        m_allIds = std::move(sorted).value();
        m_ids = std::move(ids);
    });
}

void OrganizationListModel::reconcile()
{
    if (!m_loaded)
        return;
    Result<QList<qint64>> sorted = m_query.orderedIds(sortKey(), m_sortOrder);
    if (!sorted) {
        Q_EMIT errorOccurred(sorted.error().message);
        return;
    }
    if (m_search.textsLoaded())
        loadSearchTexts(); // a name or city may have changed
    const QList<qint64> fresh = m_search.apply(*sorted);
    m_allIds = std::move(sorted).value();
    m_cache.clear();
    if (fresh != m_ids) {
        const RowDiff::Hooks<qint64> hooks {
            [this](int row) { beginRemoveRows({}, row, row); },
            [this](int row) { beginInsertRows({}, row, row); },
            [this] { m_cache.clear(); endRemoveRows(); },
            [this] { m_cache.clear(); endInsertRows(); },
            [this] { m_cache.clear(); endMoveRows(); },
            [this](int from, int to) { beginMoveRows({}, from, from, {}, to); },
            [](int, const qint64 &, const qint64 &) {},
        };
        RowDiff::apply(m_ids, fresh, [](qint64 id) { return id; }, hooks);
        m_cache.clear();
    }
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void OrganizationListModel::refresh()
{
    beginResetModel();
    reload();
    endResetModel();
}
