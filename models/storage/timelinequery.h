#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <optional>

class Database;

// One item of a timeline: a logged or synced interaction, a pitch sent, a reply to a pitch, or coverage.
struct TimelineEntry
{
    // Stored order matters: it breaks ties after (at, id) so that the keyset is total.
    enum class Kind { Interaction = 0, Pitch = 1, PitchReply = 2, Coverage = 3 };

    Kind kind = Kind::Interaction;
    qint64 id = 0; // the row id in its own table (interactions, pitches, coverage)
    QDateTime at;
    qint64 contactId = 0;
    QString contactName;
    qint64 userId = 0;
    QString userName; // the account manager who logged it
    QString channel; // an Interaction channel, "pitch" for pitch rows, TimelineFilter::kCoverage for coverage
    QString direction; // inbound, outbound, or empty for coverage
    QString title; // subject, campaign name or article title
    QString snippet; // the start of the body, the pitch notes, or the coverage URL
    std::optional<int> sentiment;
    QString status; // pitch status
    qint64 campaignId = 0;
    QString campaignName;
    QString source; // interactions: "manual" or the network it was synced from; empty for the others
    bool dateUnknown = false; // a synced item without a usable date: `at` is when it was first seen
};

// What a timeline shows: one contact, an organization's people, or everybody (the Activity view).
// Pitches and coverage are merged in for a contact or an organization; Activity and text searches show
// interactions only (pitches and coverage have no full-text index).
struct TimelineFilter
{
    enum class Scope { Contact, Organization, Everybody };
    static inline const QString kCoverage = QStringLiteral("coverage");

    Scope scope = Scope::Contact;
    qint64 scopeId = 0; // the contact or organization
    QStringList channels; // empty = all; "pitch" includes pitch rows, kCoverage includes coverage
    QString text; // every word a prefix, all required (subject and body)
    qint64 userId = 0; // the account manager, 0 = anybody
    QDateTime from; // inclusive
    QDateTime to; // exclusive
};

// Where a page ended: the next page starts strictly after this entry in (at, id, kind) descending order.
struct TimelineCursor
{
    qint64 atMs = 0;
    qint64 id = 0;
    int kind = 0;
    static TimelineCursor after(const TimelineEntry &e) { return { e.at.toMSecsSinceEpoch(), e.id, int(e.kind) }; }
};

// Keyset paging over the merged timeline, newest first: each branch of a UNION ALL reads at most one
// page from its own index, and the union is ordered and cut to the page. A page costs the same whether it
// is the first or the hundredth, and nothing is ever loaded whole.
class TimelineQuery final
{
public:
    TimelineQuery(Database &db, TimelineFilter filter)
        : m_db(db)
        , m_filter(std::move(filter))
    {
    }

    Result<QList<TimelineEntry>> page(const std::optional<TimelineCursor> &after, int limit);
    const TimelineFilter &filter() const { return m_filter; }

private:
    QString interactionBranch(bool keyset) const;
    QString pitchBranch(TimelineEntry::Kind kind, bool keyset) const;
    QString coverageBranch(bool keyset) const;
    bool wants(const QString &channel) const;

    Database &m_db;
    TimelineFilter m_filter;
};
