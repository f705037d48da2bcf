#include "campaigncoveragemodel.h"

#include "domain/contentlabels.h"
#include "domain/pitchstatus.h"
#include "itemmodels/rowdiff.h"

#include <QLocale>

CampaignCoverageModel::CampaignCoverageModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

CampaignCoverageModel::~CampaignCoverageModel() = default;

void CampaignCoverageModel::setRows(const QList<CoverageRepository::Row> &fresh)
{
    using Row = CoverageRepository::Row;
    RowDiff::Hooks<Row> h;
    h.beginRemove = [this](int row) { beginRemoveRows({}, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this](int row) { beginInsertRows({}, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this](int row, const Row &old, const Row &r) {
        if (old.coverage.version != r.coverage.version || old.outlet != r.outlet || old.author != r.author
            || old.pitchContact != r.pitchContact || old.pitchStatus != r.pitchStatus)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    };
    RowDiff::apply(
        m_rows, fresh, [](const Row &r) { return r.coverage.id; }, h);
}

int CampaignCoverageModel::rowOf(qint64 id) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows.at(r).coverage.id == id)
            return r;
    return -1;
}

int CampaignCoverageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CampaignCoverageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CampaignCoverageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CoverageRepository::Row &r = m_rows.at(index.row());
    const Coverage &c = r.coverage;
    switch (role) {
    case IdRole:
        return c.id;
    case UrlRole:
        return c.url;
    case Qt::TextAlignmentRole:
        return index.column() == ReachColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == HeadlineColumn && !c.url.isEmpty() ? QVariant(c.title + u'\n' + c.url) : QVariant();
    case SortRole:
        switch (index.column()) {
        case HeadlineColumn:
            return c.title;
        case OutletColumn:
            return r.outlet;
        case AuthorColumn:
            return r.author;
        case DateColumn:
            return c.publishedAt;
        case ReachColumn:
            return c.reach;
        case SentimentColumn:
            return c.sentimentKnown ? c.sentiment : -2;
        case PitchColumn:
            return r.pitchContact;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case HeadlineColumn:
            return c.title;
        case OutletColumn:
            return r.outlet;
        case AuthorColumn:
            return r.author;
        case DateColumn:
            return c.publishedAt.isValid()
                ? QLocale().toString(c.publishedAt.toLocalTime().date(), QLocale::ShortFormat)
                : QString();
        case ReachColumn:
            return c.reach >= 0 ? QLocale().toString(c.reach) : QString();
        case SentimentColumn:
            return ContentLabels::sentimentLabel(c.sentimentKnown, c.sentiment);
        case PitchColumn:
            // The pitch's person only when it is not the author (a colleague's pitch, an editor's desk).
            if (r.pitchContact.isEmpty())
                return QString();
            if (r.pitchContact == r.author)
                return PitchStatus::label(r.pitchStatus);
            return tr("%1 (%2)", "pitch: person (status)").arg(r.pitchContact, PitchStatus::label(r.pitchStatus));
        }
        return {};
    }
    return {};
}

QVariant CampaignCoverageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case HeadlineColumn:
        return tr("Headline");
    case OutletColumn:
        return tr("Outlet");
    case AuthorColumn:
        return tr("Author");
    case DateColumn:
        return tr("Date");
    case ReachColumn:
        return tr("Reach");
    case SentimentColumn:
        return tr("Sentiment");
    case PitchColumn:
        return tr("Pitch");
    }
    return {};
}
