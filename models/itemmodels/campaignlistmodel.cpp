#include "campaignlistmodel.h"

#include "domain/campaign.h"
#include "domain/campaignstatus.h"
#include "domain/text.h"
#include "storage/changenotifier.h"

#include <QLocale>
#include <QSet>

#include <algorithm>

namespace {

QString shortDate(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat) : QString();
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

CampaignListModel::CampaignListModel(Database &db, QObject *parent, Load load)
    : IdTableModel(parent)
    , m_query(db)
    , m_cache([this](const QList<qint64> &ids) { return m_query.rows(ids); },
          [this](const Error &error) { Q_EMIT const_cast<CampaignListModel *>(this)->errorOccurred(error.message); })
{
    // Statuses in the order a campaign goes through them, not alphabetically.
    m_query.setStatusOrder(Campaign::statuses());
    connect(ChangeNotifier::instance(), &ChangeNotifier::campaignsChanged, this, &CampaignListModel::campaignsChanged);
    if (load == Load::Now)
        reload();
}

CampaignListModel::~CampaignListModel() = default;

void CampaignListModel::load()
{
    if (!m_loaded)
        refresh();
}

QString CampaignListModel::statusLabel(const QString &status)
{
    return CampaignStatus::label(status);
}

int CampaignListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

int CampaignListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CampaignListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case OnListColumn:
            return tr("People on the campaign's media list");
        case PitchedColumn:
            return tr("People pitched (every pitch past “planned”)");
        case RepliedColumn:
            return tr("Pitches that got a reply (replied, interested, declined or covered)");
        case CoveredColumn:
            return tr("Pitches that led to coverage");
        case ReachColumn:
            return tr("The audience of the campaign's coverage, added up");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Campaign");
    case ClientColumn:
        return tr("Client", "a client of the PR agency");
    case StatusColumn:
        return tr("Status");
    case OwnerColumn:
        return tr("Owner");
    case StartsColumn:
        return tr("Starts");
    case EndsColumn:
        return tr("Ends");
    case OnListColumn:
        return tr("On list", "people on the media list");
    case PitchedColumn:
        return tr("Pitched");
    case RepliedColumn:
        return tr("Replied");
    case CoveredColumn:
        return tr("Covered");
    case ReachColumn:
        return tr("Reach", "audience size");
    default:
        return {};
    }
}

QVariant CampaignListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CampaignListRow *row = rowAt(index.row());
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row->name;
        case ClientColumn:
            return row->client;
        case StatusColumn:
            return statusLabel(row->status);
        case OwnerColumn:
            return row->owner;
        case StartsColumn:
            return shortDate(row->startsAt);
        case EndsColumn:
            return shortDate(row->endsAt);
        case OnListColumn:
            return count(row->onList);
        case PitchedColumn:
            return count(row->pitched);
        case RepliedColumn:
            return count(row->replied);
        case CoveredColumn:
            return count(row->covered);
        case ReachColumn:
            return row->reach > 0 ? count(row->reach) : QString();
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case StatusColumn:
            return row->status;
        case StartsColumn:
            return row->startsAt;
        case EndsColumn:
            return row->endsAt;
        case OnListColumn:
            return row->onList;
        case PitchedColumn:
            return row->pitched;
        case RepliedColumn:
            return row->replied;
        case CoveredColumn:
            return row->covered;
        case ReachColumn:
            return row->reach;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (index.column() >= OnListColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && row->deletedAt.isValid())
            return tr("In the trash since %1")
                .arg(QLocale().toString(row->deletedAt.toLocalTime(), QLocale::ShortFormat));
        if ((index.column() == StartsColumn || index.column() == EndsColumn)) {
            const QDateTime at = index.column() == StartsColumn ? row->startsAt : row->endsAt;
            return at.isValid() ? QLocale().toString(at.toLocalTime().date(), QLocale::LongFormat) : QString();
        }
        return {};
    case IdRole:
        return row->id;
    case ClientIdRole:
        return row->clientId;
    case StatusRole:
        return row->status;
    default:
        return {};
    }
}

const CampaignListRow *CampaignListModel::rowAt(int row) const
{
    return m_cache.rowAt(m_ids, row);
}

CampaignListQuery::SortKey CampaignListModel::sortKey() const
{
    using K = CampaignListQuery::SortKey;
    switch (m_sortColumn) {
    case ClientColumn:
        return K::Client;
    case StatusColumn:
        return K::Status;
    case OwnerColumn:
        return K::Owner;
    case StartsColumn:
        return K::Starts;
    case EndsColumn:
        return K::Ends;
    case OnListColumn:
        return K::OnList;
    case PitchedColumn:
        return K::Pitched;
    case RepliedColumn:
        return K::Replied;
    case CoveredColumn:
        return K::Covered;
    case ReachColumn:
        return K::Reach;
    default:
        return K::Name;
    }
}

bool CampaignListModel::reload()
{
    m_loaded = true;
    m_cache.clear();
    Result<QList<qint64>> ids = m_query.orderedIds(m_filter, sortKey(), m_sortOrder);
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

void CampaignListModel::loadSearchTexts()
{
    if (const QString error = m_search.setTexts(m_query.searchTexts()); !error.isEmpty())
        Q_EMIT errorOccurred(error);
}

void CampaignListModel::setFilterText(const QString &text)
{
    if (!m_search.setText(text) || !m_loaded)
        return;
    beginResetModel();
    m_cache.clear();
    if (!m_search.textsLoaded() && m_search.isActive())
        loadSearchTexts();
    m_ids = m_search.apply(m_allIds);
    endResetModel();
    Q_EMIT rowsReloaded();
}

void CampaignListModel::setFilter(const CampaignListFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    if (!m_loaded)
        return;
    refresh();
}

void CampaignListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount || (column == m_sortColumn && order == m_sortOrder))
        return;
    const int oldColumn = m_sortColumn;
    const Qt::SortOrder oldOrder = m_sortOrder;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_loaded)
        return;
    Result<QList<qint64>> sorted = m_query.orderedIds(m_filter, sortKey(), m_sortOrder);
    if (!sorted) {
        m_sortColumn = oldColumn;
        m_sortOrder = oldOrder;
        Q_EMIT errorOccurred(sorted.error().message);
        return;
    }
    QList<qint64> ids = m_search.apply(*sorted);
    showOrdered(m_ids, ids, [&] {
        m_cache.clear();
        m_allIds = std::move(sorted).value();
        m_ids = std::move(ids);
    });
}

void CampaignListModel::refresh()
{
    beginResetModel();
    reload();
    endResetModel();
    Q_EMIT rowsReloaded();
}

void CampaignListModel::campaignsChanged(const QList<qint64> &changed)
{
    if (!m_loaded)
        return;
    Result<QList<qint64>> sorted = m_query.orderedIds(m_filter, sortKey(), m_sortOrder);
    if (!sorted) {
        Q_EMIT errorOccurred(sorted.error().message);
        return;
    }
    if (m_search.textsLoaded())
        loadSearchTexts(); // a name or description may have changed
    QList<qint64> ids = m_search.apply(*sorted);
    if (ids != m_ids) {
        beginResetModel();
        m_cache.clear();
        m_allIds = std::move(sorted).value();
        m_ids = std::move(ids);
        endResetModel();
        Q_EMIT rowsReloaded();
        return;
    }
    const QSet<qint64> changedSet(changed.cbegin(), changed.cend());
    for (int row = 0; row < m_ids.size(); ++row) {
        if (!changedSet.contains(m_ids.at(row)))
            continue;
        m_cache.dropBlockOf(row);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}
