#pragma once

#include "core/result.h"
#include "domain/dashboardfilter.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

class Database;

// The KPI figures of one period.
struct DashboardKpis
{
    qint64 interactions = 0; // live interactions with a contact, in the period
    qint64 pitchesSent = 0; // pitches whose pitched_at is in the period
    qint64 pitchesReplied = 0; // of those, replied within kReplyDays
    qint64 coveragePieces = 0; // coverage published in the period
    qint64 reach = 0; // their reach, each outlet counted once (its largest figure)
    qint64 newContacts = 0; // contacts created in the period
    // Replies per pitch sent, 0..1; -1 when nothing was pitched.
    double replyRate() const { return pitchesSent > 0 ? double(pitchesReplied) / double(pitchesSent) : -1.0; }
};

struct DashboardPerson
{
    qint64 id = 0;
    QString name;
    qint64 count = 0; // interactions in the period (top relationships)
    int health = -1; // the stored health score, -1 = none
    QDateTime lastContactedAt;
};

struct DashboardOutlet
{
    qint64 id = 0;
    QString name;
    qint64 pieces = 0;
    qint64 reach = 0;
};

struct DashboardTeamRow
{
    qint64 userId = 0; // 0 = nobody (synced items)
    QString name;
    QList<qint64> perChannel; // in DashboardData::channels order
};

// Everything the dashboard shows for one filter, computed by DashboardQuery::load(). Time series are
// indexed by the filter's buckets (DashboardFilter::bucketStarts()).
struct DashboardData
{
    DashboardFilter filter;
    DashboardKpis kpis;
    DashboardKpis previousKpis; // the same length of time just before
    QList<QDate> buckets;
    QStringList channels; // Interaction::channels(), or just the filter's channel
    // [bucket][channel]
    QList<QList<qint64>> inbound;
    QList<QList<qint64>> outbound;
    // Pitches sent per bucket and how many of them had a reply within kReplyDays.
    QList<qint64> pitched;
    QList<qint64> replied;
    qint64 medianReplyMs = -1; // median time from pitch to reply (replies within the period's pitches), -1 = none
    // The pitch funnel: planned, pitched, replied, interested, covered (each stage counts the pitches that
    // reached it; declined pitches count as replied).
    QList<qint64> funnel;
    // Coverage per bucket.
    QList<qint64> coverage;
    QList<qint64> coverageReach;
    QList<qint64> positive, neutral, negative, unrated;
    QList<DashboardPerson> topRelationships;
    QList<DashboardPerson> coolingRelationships;
    QList<DashboardOutlet> topOutlets;
    QList<DashboardTeamRow> team;
    // Social engagement per bucket: synced mentions (quotes included), synced replies, likes, boosts, follows.
    QList<qint64> mentions, replies, likes, boosts, follows;
};

// What a click on a chart asks for: the rows behind one bar, slice or point.
struct DashboardDrill
{
    enum class Kind { Interactions, Pitches, Coverage };
    Kind kind = Kind::Interactions;
    QDate from; // a narrower range of days (one bucket); invalid = the filter's period
    QDate to;
    QString channel; // interactions: one channel; "social" = synced mentions and replies
    QString direction; // interactions: "inbound" / "outbound"
    qint64 userId = -1; // interactions: one account manager (0 = nobody); -1 = the filter's
    qint64 contactId = 0;
    int stage = -1; // pitches: the funnel stage reached (0 planned … 4 covered); -1 = pitches sent in the range
    bool repliedOnly = false; // pitches: only those replied within kReplyDays
    int sentiment = 2; // coverage: -1, 0, 1; 2 = any; 3 = unrated
    qint64 organizationId = 0; // coverage: one outlet
};

// One row of a drill-down list.
struct DashboardDrillRow
{
    DashboardDrill::Kind kind = DashboardDrill::Kind::Interactions;
    qint64 id = 0;
    QDateTime when;
    qint64 contactId = 0;
    QString contactName;
    qint64 campaignId = 0;
    QString campaignName;
    QString text; // subject, headline
    QString detail; // channel and direction, pitch status, outlet
    qint64 reach = -1;
    QString url;
};

// One coverage piece for the client report's table.
struct CoverageRow
{
    QDateTime publishedAt;
    QString title;
    QString outlet;
    qint64 reach = -1;
    int sentiment = 2; // -1, 0, 1; 2 = unrated
    QString url;
    QString campaign;
};

// The dashboard's figures. The counts per bucket (interactions by channel, direction and account manager;
// pitches by status; coverage by sentiment with reach; social engagement) sum the rollups that triggers keep
// on every write (daily: schema v10; monthly: v13; storage/rollups.h; how a period is cut into them:
// dashboardslices.h); what needs each row (top relationships and outlets, the
// median time to reply, reach with each outlet once, new and cooling contacts) reads the rows by index
// (docs/PERFORMANCE.md has the timings). Buckets are local days, each edge a local midnight. Filters: the period always; the account manager, client, campaign
// and channel where the rows carry them (see docs/DASHBOARD.md for which filter applies to which chart).
namespace DashboardQuery {

constexpr int kReplyDays = 14; // a reply counts when it came within this many days of the pitch
constexpr int kTopRows = 10;
constexpr int kCoolingQuietDays = 30; // cooling: valuable relationships quiet for at least this long,
constexpr int kCoolingOldestDays = 180; // but contacted within this many days
constexpr int kCoolingMinHealth = 50;

// Where the counts come from: the rollups, monthly (schema v13) for the UTC months that fall in one bucket and
// daily (schema v10) for the other days (and the raw rows of the UTC days a bucket edge cuts, of a client's
// interactions, of per-row figures); the daily rollups alone (v10's reads: the benchmark's baseline); or only the
// raw rows (the benchmark's other baseline, and the tests' second opinion). All give the same figures.
enum class Source { Rollups, DailyRollups, Rows };
Result<DashboardData> load(Database &db, const DashboardFilter &filter, Source source = Source::Rollups);
Result<DashboardKpis> kpis(Database &db, const DashboardFilter &filter, Source source = Source::Rollups);
// The rows behind a bar, slice or point, newest first, at most `limit`.
Result<QList<DashboardDrillRow>> drill(
    Database &db, const DashboardFilter &filter, const DashboardDrill &drill, int limit = 1000);
// The coverage of the period (client report), newest first.
Result<QList<CoverageRow>> coverageRows(Database &db, const DashboardFilter &filter, int limit = 500);
// Names for the filter bar and the report.
struct Choice
{
    qint64 id = 0;
    QString name;
};
Result<QList<Choice>> accountManagers(Database &db);
Result<QList<Choice>> clients(Database &db);
Result<QList<Choice>> campaigns(Database &db, qint64 clientId = 0);
// The client of a campaign (0 if none) and a name for an id (empty if none).
Result<qint64> clientOfCampaign(Database &db, qint64 campaignId);
Result<QString> organizationName(Database &db, qint64 id);
Result<QString> campaignName(Database &db, qint64 id);

} // namespace DashboardQuery
