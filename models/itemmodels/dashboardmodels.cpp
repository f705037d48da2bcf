#include "dashboardmodels.h"

#include "domain/interaction.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DashboardModels)
};

QString csvField(const QString &s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n') && !s.contains(u'\r'))
        return s;
    QString quoted = s;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

// Percent with one decimal, or an empty cell when there is nothing to divide by.
QVariant percent(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return QVariant();
    return std::round(1000.0 * double(part) / double(whole)) / 10.0;
}

} // namespace

ChartTableModel::ChartTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ChartTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChartTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant ChartTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariant &v = m_rows.at(index.row()).value(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case RawValueRole:
        return v;
    case Qt::TextAlignmentRole:
        return index.column() == 0 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ChartTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_headers.size())
        return m_headers.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

void ChartTableModel::setResult(const DashboardData &data)
{
    m_filter = data.filter;
    QStringList headers;
    QList<QVariantList> rows;
    m_pendingHidden = -1;
    build(data, headers, rows);
    const bool sameShape = headers == m_headers && rows.size() == m_rows.size();
    if (sameShape) {
        m_rows = rows;
        m_hiddenColumn = m_pendingHidden;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_headers = headers;
    m_rows = rows;
    m_hiddenColumn = m_pendingHidden;
    endResetModel();
}

double ChartTableModel::value(int row, int column) const
{
    if (row < 0 || row >= m_rows.size())
        return 0;
    const QVariant v = m_rows.at(row).value(column);
    return v.typeId() == QMetaType::QString ? 0.0 : v.toDouble();
}

bool ChartTableModel::isEmpty() const
{
    for (int r = 0; r < m_rows.size(); ++r)
        for (int c = 1; c < m_headers.size(); ++c)
            if (c != m_hiddenColumn && value(r, c) != 0)
                return false;
    return true;
}

std::optional<DashboardDrill> ChartTableModel::drillFor(int, int) const
{
    return std::nullopt;
}

QString ChartTableModel::toCsv() const
{
    QString csv;
    QStringList line;
    for (int c = 0; c < m_headers.size(); ++c)
        if (c != m_hiddenColumn)
            line << csvField(m_headers.at(c));
    csv += line.join(u',') + QStringLiteral("\r\n");
    for (const QVariantList &row : m_rows) {
        line.clear();
        for (int c = 0; c < m_headers.size(); ++c) {
            if (c == m_hiddenColumn)
                continue;
            const QVariant v = row.value(c);
            // Numbers in the C locale, so a spreadsheet in any language reads them.
            line << csvField(v.typeId() == QMetaType::Double ? QString::number(v.toDouble(), 'f', 1) : v.toString());
        }
        csv += line.join(u',') + QStringLiteral("\r\n");
    }
    return csv;
}

QString ChartTableModel::bucketLabel(const DashboardFilter &filter, int bucket)
{
    const QList<QDate> starts = filter.bucketStarts();
    if (bucket < 0 || bucket >= starts.size())
        return {};
    const QDate d = starts.at(bucket);
    const QLocale locale;
    return filter.bucket() == DashboardFilter::Bucket::Week ? locale.toString(d, QStringLiteral("d MMM"))
                                                            : locale.toString(d, QStringLiteral("MMM yy"));
}

void ChartTableModel::addIndexColumn(QStringList &headers, QList<QVariantList> &rows)
{
    m_pendingHidden = int(headers.size());
    headers << QStringLiteral("x");
    for (int r = 0; r < rows.size(); ++r)
        rows[r] << double(r) + 0.0;
}

std::optional<DashboardDrill> ChartTableModel::bucketDrill(int row) const
{
    const auto [from, to] = m_filter.bucketDays(row);
    if (!from.isValid())
        return std::nullopt;
    DashboardDrill d;
    d.from = from;
    d.to = to;
    return d;
}

// --- KPI tiles ---

void KpiModel::build(const DashboardData &d, QStringList &headers, QList<QVariantList> &rows)
{
    headers = { Tr::tr("Figure"), Tr::tr("This period"), Tr::tr("Previous period"), Tr::tr("Change (%)") };
    const auto row = [&](const QString &label, const QVariant &now, const QVariant &before) {
        QVariant change;
        if (now.isValid() && before.isValid() && before.toDouble() != 0)
            change = std::round(1000.0 * (now.toDouble() - before.toDouble()) / before.toDouble()) / 10.0;
        rows << QVariantList { label, now, before, change };
    };
    const auto rate = [](const DashboardKpis &k) {
        return k.replyRate() < 0 ? QVariant() : QVariant(std::round(k.replyRate() * 1000.0) / 10.0);
    };
    row(Tr::tr("Interactions"), d.kpis.interactions, d.previousKpis.interactions);
    row(Tr::tr("Pitches sent"), d.kpis.pitchesSent, d.previousKpis.pitchesSent);
    row(Tr::tr("Reply rate (%)"), rate(d.kpis), rate(d.previousKpis));
    row(Tr::tr("Coverage pieces"), d.kpis.coveragePieces, d.previousKpis.coveragePieces);
    row(Tr::tr("Total reach"), d.kpis.reach, d.previousKpis.reach);
    row(Tr::tr("New contacts"), d.kpis.newContacts, d.previousKpis.newContacts);
}

std::optional<DashboardDrill> KpiModel::drillFor(int row, int) const
{
    DashboardDrill d;
    switch (row) {
    case Interactions:
        d.kind = DashboardDrill::Kind::Interactions;
        return d;
    case PitchesSent:
        d.kind = DashboardDrill::Kind::Pitches;
        return d;
    case ReplyRate:
        d.kind = DashboardDrill::Kind::Pitches;
        d.repliedOnly = true;
        return d;
    case CoveragePieces:
    case Reach:
        d.kind = DashboardDrill::Kind::Coverage;
        return d;
    default:
        return std::nullopt;
    }
}

QString KpiModel::valueText(int row) const
{
    const QVariant v = data(index(row, NowColumn));
    if (!v.isValid())
        return QStringLiteral("–");
    if (row == ReplyRate)
        return QLocale().toString(v.toDouble(), 'f', 1) + QStringLiteral(" %");
    return QLocale().toString(v.toLongLong());
}

QString KpiModel::changeText(int row) const
{
    const QVariant change = data(index(row, ChangeColumn));
    const QVariant now = data(index(row, NowColumn));
    const QVariant before = data(index(row, PreviousColumn));
    if (!change.isValid()) {
        if (now.isValid() && now.toDouble() > 0 && before.isValid() && before.toDouble() == 0)
            return Tr::tr("new", "a figure that was zero in the previous period");
        return QString();
    }
    const double c = change.toDouble();
    const QString number = QLocale().toString(std::abs(c), 'f', std::abs(c) < 10 ? 1 : 0);
    return (c > 0 ? QStringLiteral("+") : c < 0 ? QStringLiteral("−") : QString()) + number + QStringLiteral(" %");
}

// --- Interactions over time ---

void InteractionsOverTimeModel::build(const DashboardData &d, QStringList &headers, QList<QVariantList> &rows)
{
    m_columns.clear();
    headers = { Tr::tr("Period") };
    // Only the channels that have rows, so the legend stays short; outbound then inbound for each.
    for (int c = 0; c < d.channels.size(); ++c) {
        qint64 out = 0, in = 0;
        for (int b = 0; b < d.buckets.size(); ++b) {
            out += d.outbound[b][c];
            in += d.inbound[b][c];
        }
        const QString label = Interaction::channelLabel(d.channels.at(c));
        if (out > 0) {
            m_columns << qMakePair(d.channels.at(c), QStringLiteral("outbound"));
            headers << Tr::tr("%1 (out)", "channel, outbound").arg(label);
        }
        if (in > 0) {
            m_columns << qMakePair(d.channels.at(c), QStringLiteral("inbound"));
            headers << Tr::tr("%1 (in)", "channel, inbound").arg(label);
        }
    }
    for (int b = 0; b < d.buckets.size(); ++b) {
        QVariantList row { bucketLabel(d.filter, b) };
        for (const auto &[channel, direction] : std::as_const(m_columns)) {
            const int c = int(d.channels.indexOf(channel));
            row << (direction == u"outbound" ? d.outbound[b][c] : d.inbound[b][c]);
        }
        rows << row;
    }
}

std::optional<DashboardDrill> InteractionsOverTimeModel::drillFor(int row, int column) const
{
    auto d = bucketDrill(row);
    if (!d || column < 1 || column > m_columns.size())
        return std::nullopt;
    d->kind = DashboardDrill::Kind::Interactions;
    d->channel = channelOf(column);
    d->direction = directionOf(column);
    return d;
}

// --- Reply rate ---

void ReplyRateModel::build(const DashboardData &d, QStringList &headers, QList<QVariantList> &rows)
{
    m_median = d.medianReplyMs;
    headers = { Tr::tr("Period"), Tr::tr("Pitches sent"),
        Tr::tr("Replied within %n day(s)", nullptr, DashboardQuery::kReplyDays), Tr::tr("Reply rate (%)") };
    for (int b = 0; b < d.buckets.size(); ++b) {
        // No pitch sent: no rate (an empty cell and a gap in the line), not 0 %.
        rows << QVariantList { bucketLabel(d.filter, b), d.pitched.value(b), d.replied.value(b),
            percent(d.replied.value(b), d.pitched.value(b)) };
    }
    addIndexColumn(headers, rows);
}

std::optional<DashboardDrill> ReplyRateModel::drillFor(int row, int column) const
{
    auto d = bucketDrill(row);
    if (!d || column < SentColumn || column > RateColumn)
        return std::nullopt;
    d->kind = DashboardDrill::Kind::Pitches;
    d->repliedOnly = column != SentColumn;
    return d;
}

// --- Funnel ---

QString FunnelModel::stageLabel(int stage)
{
    switch (stage) {
    case 0:
        return Tr::tr("Planned", "pitch stage");
    case 1:
        return Tr::tr("Pitched", "pitch stage");
    case 2:
        return Tr::tr("Replied", "pitch stage");
    case 3:
        return Tr::tr("Interested", "pitch stage");
    case 4:
        return Tr::tr("Covered", "pitch stage");
    default:
        return {};
    }
}

void FunnelModel::build(const DashboardData &d, QStringList &headers, QList<QVariantList> &rows)
{
    headers = { Tr::tr("Stage"), Tr::tr("Pitches"), Tr::tr("Share of planned (%)") };
    const qint64 planned = d.funnel.value(0);
    for (int s = 0; s < 5; ++s) {
        const QVariant share = percent(d.funnel.value(s), planned);
        rows << QVariantList { stageLabel(s), d.funnel.value(s), share.isValid() ? share : QVariant(0.0) };
    }
}

std::optional<DashboardDrill> FunnelModel::drillFor(int row, int) const
{
    if (row < 0 || row >= 5)
        return std::nullopt;
    DashboardDrill d;
    d.kind = DashboardDrill::Kind::Pitches;
    d.stage = row;
    return d;
}

// --- Coverage ---

void CoverageModel::build(const DashboardData &d, QStringList &headers, QList<QVariantList> &rows)
{
    headers = { Tr::tr("Period"), Tr::tr("Positive"), Tr::tr("Neutral"), Tr::tr("Negative"),
        Tr::tr("Unrated", "sentiment not set"), Tr::tr("Pieces"), Tr::tr("Reach") };
    for (int b = 0; b < d.buckets.size(); ++b)
        rows << QVariantList { bucketLabel(d.filter, b), d.positive.value(b), d.neutral.value(b), d.negative.value(b),
            d.unrated.value(b), d.coverage.value(b), d.coverageReach.value(b) };
    addIndexColumn(headers, rows);
}

std::optional<DashboardDrill> CoverageModel::drillFor(int row, int column) const
{
    auto d = bucketDrill(row);
    if (!d || column < PositiveColumn || column > ReachColumn)
        return std::nullopt;
    d->kind = DashboardDrill::Kind::Coverage;
    if (column == PositiveColumn)
        d->sentiment = 1;
    else if (column == NeutralColumn)
        d->sentiment = 0;
    else if (column == NegativeColumn)
        d->sentiment = -1;
    else if (column == UnratedColumn)
        d->sentiment = 3;
    return d;
}

// --- Relationships ---

RelationshipsModel::RelationshipsModel(Kind kind, QObject *parent)
    : ChartTableModel(parent)
    , m_kind(kind)
{
}

void RelationshipsModel::build(const DashboardData &d, QStringList &headers, QList<QVariantList> &rows)
{
    m_ids.clear();
    const QLocale locale;
    if (m_kind == Kind::Top) {
        headers = { Tr::tr("Contact"), Tr::tr("Interactions"), Tr::tr("Health") };
        for (const DashboardPerson &p : d.topRelationships) {
            m_ids << p.id;
            rows << QVariantList { p.name, p.count, p.health >= 0 ? QVariant(p.health) : QVariant() };
        }
    } else {
        headers = { Tr::tr("Contact"), Tr::tr("Health"), Tr::tr("Last contacted") };
        for (const DashboardPerson &p : d.coolingRelationships) {
            m_ids << p.id;
            rows << QVariantList { p.name, p.health,
                locale.toString(p.lastContactedAt.toLocalTime().date(), QLocale::ShortFormat) };
        }
    }
}

std::optional<DashboardDrill> RelationshipsModel::drillFor(int row, int) const
{
    if (row < 0 || row >= m_ids.size())
        return std::nullopt;
    DashboardDrill d;
    d.kind = DashboardDrill::Kind::Interactions;
    d.contactId = m_ids.at(row);
    if (m_kind == Kind::Cooling) {
        // Their whole last half year: the conversations that went quiet.
        d.to = m_filter.to;
        d.from = m_filter.to.addDays(-DashboardQuery::kCoolingOldestDays);
    }
    return d;
}

// --- Top outlets ---

void TopOutletsModel::build(const DashboardData &d, QStringList &headers, QList<QVariantList> &rows)
{
    m_ids.clear();
    headers = { Tr::tr("Outlet"), Tr::tr("Pieces"), Tr::tr("Reach") };
    for (const DashboardOutlet &o : d.topOutlets) {
        m_ids << o.id;
        rows << QVariantList { o.name, o.pieces, o.reach };
    }
}

std::optional<DashboardDrill> TopOutletsModel::drillFor(int row, int) const
{
    if (row < 0 || row >= m_ids.size())
        return std::nullopt;
    DashboardDrill d;
    d.kind = DashboardDrill::Kind::Coverage;
    d.organizationId = m_ids.at(row);
    return d;
}

// --- Team activity ---

void TeamActivityModel::build(const DashboardData &d, QStringList &headers, QList<QVariantList> &rows)
{
    m_users.clear();
    m_channels.clear();
    headers = { Tr::tr("Account manager") };
    QList<int> used;
    for (int c = 0; c < d.channels.size(); ++c) {
        qint64 total = 0;
        for (const DashboardTeamRow &t : d.team)
            total += t.perChannel.value(c);
        if (total > 0) {
            used << c;
            m_channels << d.channels.at(c);
            headers << Interaction::channelLabel(d.channels.at(c));
        }
    }
    for (const DashboardTeamRow &t : d.team) {
        m_users << t.userId;
        QVariantList row { t.name };
        for (int c : std::as_const(used))
            row << t.perChannel.value(c);
        rows << row;
    }
}

std::optional<DashboardDrill> TeamActivityModel::drillFor(int row, int column) const
{
    if (row < 0 || row >= m_users.size() || column < 1 || column > m_channels.size())
        return std::nullopt;
    DashboardDrill d;
    d.kind = DashboardDrill::Kind::Interactions;
    d.userId = m_users.at(row);
    d.channel = m_channels.at(column - 1);
    return d;
}

// --- Social engagement ---

void SocialEngagementModel::build(const DashboardData &d, QStringList &headers, QList<QVariantList> &rows)
{
    headers = { Tr::tr("Period"), Tr::tr("Mentions"), Tr::tr("Replies"), Tr::tr("Likes"), Tr::tr("Boosts"),
        Tr::tr("Follows") };
    for (int b = 0; b < d.buckets.size(); ++b)
        rows << QVariantList { bucketLabel(d.filter, b), d.mentions.value(b), d.replies.value(b), d.likes.value(b),
            d.boosts.value(b), d.follows.value(b) };
    addIndexColumn(headers, rows);
}

std::optional<DashboardDrill> SocialEngagementModel::drillFor(int row, int column) const
{
    auto d = bucketDrill(row);
    if (!d || column < 1 || column > 2) // likes, boosts and follows are no conversations: nothing to list
        return std::nullopt;
    d->kind = DashboardDrill::Kind::Interactions;
    d->channel = QStringLiteral("social");
    return d;
}

// --- Drill-down rows ---

DrillDownModel::DrillDownModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int DrillDownModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DrillDownModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DrillDownModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DashboardDrillRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhenColumn:
            return QLocale().toString(r.when.toLocalTime(), QLocale::ShortFormat);
        case ContactColumn:
            return r.contactName;
        case CampaignColumn:
            return r.campaignName;
        case TextColumn:
            return r.text;
        case DetailColumn:
            return r.detail;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == TextColumn ? QVariant(r.text) : QVariant();
    case ContactIdRole:
        return r.contactId;
    case CampaignIdRole:
        return r.campaignId;
    case RowIdRole:
        return r.id;
    default:
        return {};
    }
}

QVariant DrillDownModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case WhenColumn:
        return Tr::tr("When");
    case ContactColumn:
        return Tr::tr("Contact");
    case CampaignColumn:
        return Tr::tr("Campaign");
    case TextColumn:
        return Tr::tr("What");
    case DetailColumn:
        return Tr::tr("Detail");
    }
    return {};
}

void DrillDownModel::setRows(const QList<DashboardDrillRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}
