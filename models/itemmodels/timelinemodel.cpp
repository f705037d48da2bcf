#include "timelinemodel.h"

#include "domain/interaction.h"

#include <QScopedValueRollback>

TimelineModel::TimelineModel(Database &db, QObject *parent)
    : QAbstractListModel(parent)
    , m_db(db)
{
}

TimelineModel::~TimelineModel() = default;

void TimelineModel::setFilter(const TimelineFilter &filter)
{
    m_filter = filter;
    reload();
}

void TimelineModel::reload()
{
    const QScopedValueRollback guard(m_announcing, true);
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    m_rows = loadPage();
    endResetModel();
}

QList<TimelineEntry> TimelineModel::loadPage()
{
    std::optional<TimelineCursor> after;
    if (!m_rows.isEmpty())
        after = TimelineCursor::after(m_rows.constLast());
    Result<QList<TimelineEntry>> page = TimelineQuery(m_db, m_filter).page(after, m_pageSize);
    if (!page) {
        m_atEnd = true; // do not retry in a loop as the view keeps asking
        emit loadFailed(page.error().message);
        return {};
    }
    if (page->size() < m_pageSize)
        m_atEnd = true;
    return std::move(page).value();
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool TimelineModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void TimelineModel::fetchMore(const QModelIndex &parent)
{
    // A view or tester that asks for more while we announce a change would nest one change in another.
    if (parent.isValid() || m_atEnd || m_announcing)
        return;
    const QScopedValueRollback guard(m_announcing, true);
    QList<TimelineEntry> more = loadPage();
    if (more.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(more.size()) - 1);
    m_rows.append(std::move(more));
    endInsertRows();
}

QString TimelineModel::displayText(const TimelineEntry &e) const
{
    switch (e.kind) {
    case TimelineEntry::Kind::Interaction:
        return e.title.isEmpty() ? Interaction::channelLabel(e.channel) : e.title;
    case TimelineEntry::Kind::Pitch:
        return tr("Pitched “%1”").arg(e.campaignName);
    case TimelineEntry::Kind::PitchReply:
        return tr("Replied to the pitch “%1”").arg(e.campaignName);
    case TimelineEntry::Kind::Coverage:
        return tr("Coverage: %1").arg(e.title);
    }
    return QString();
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const TimelineEntry &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(e);
    case Qt::ToolTipRole:
        return e.snippet.isEmpty() ? QVariant() : QVariant(e.snippet);
    case KindRole:
        return int(e.kind);
    case IdRole:
        return e.id;
    case AtRole:
        return e.at;
    case DayRole:
        return e.at.toLocalTime().date();
    case FirstOfDayRole:
        return index.row() == 0 || m_rows.at(index.row() - 1).at.toLocalTime().date() != e.at.toLocalTime().date();
    case ChannelRole:
        return e.channel;
    case DirectionRole:
        return e.direction;
    case TitleRole:
        return e.title;
    case SnippetRole:
        return e.snippet;
    case ContactIdRole:
        return e.contactId;
    case ContactNameRole:
        return e.contactName;
    case CampaignNameRole:
        return e.campaignName;
    case SentimentRole:
        return e.sentiment ? QVariant(*e.sentiment) : QVariant();
    case StatusRole:
        return e.status;
    case UserIdRole:
        return e.userId;
    case SourceRole:
        return e.source;
    case UserNameRole:
        return e.userName;
    case DateUnknownRole:
        return e.dateUnknown;
    case EditableRole:
        return e.kind == TimelineEntry::Kind::Interaction && (e.source.isEmpty() || e.source == u"manual");
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({ { KindRole, "kind" }, { IdRole, "entryId" }, { AtRole, "at" }, { DayRole, "day" },
        { FirstOfDayRole, "firstOfDay" }, { ChannelRole, "channel" }, { DirectionRole, "direction" },
        { TitleRole, "title" }, { SnippetRole, "snippet" }, { ContactIdRole, "contactId" },
        { ContactNameRole, "contactName" }, { CampaignNameRole, "campaignName" }, { SentimentRole, "sentiment" },
        { StatusRole, "status" }, { UserIdRole, "userId" }, { SourceRole, "source" }, { EditableRole, "editable" },
        { UserNameRole, "userName" }, { DateUnknownRole, "dateUnknown" } });
    return names;
}
