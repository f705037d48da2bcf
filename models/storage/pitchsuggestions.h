#pragma once

#include "core/result.h"
#include "domain/pitchscore.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

class Database;

// One suggested person for a campaign: who, where, and why (PitchScore).
struct PitchSuggestion
{
    qint64 contactId = 0;
    QString displayName;
    QString title;
    QString outletName;
    qint64 reach = -1; // -1 unknown
    PitchSignals in;
    PitchScore score;
};

struct PitchSuggestionList
{
    qint64 campaignId = 0;
    QString campaignName;
    QStringList topics; // as parsed from the brief; empty: nothing can be suggested yet
    int candidates = 0; // people considered (relevant, not excluded) before the limit
    QList<PitchSuggestion> rows; // best first
};

// Who to pitch for a campaign (docs/PITCHING.md): the people whose beats or tags match the campaign's
// topics, who recently wrote about them (the full-text index over synced posts and articles), or who covered
// the client before, scored by PitchScore and ranked best first (then by reach, then name). Never listed:
// do-not-contact people, the trash, client contacts and customers (not press), and people already on the
// campaign's media list. About 100 ms on the large dataset, so the window runs it on a worker thread
// (WhoToPitchTab).
namespace PitchSuggestions {

constexpr int kDefaultLimit = 100;

// `now` decides recency and fatigue (Clock::now() in production). A campaign that does not exist, or is in the
// trash, is Error::Code::NotFound.
Result<PitchSuggestionList> find(Database &db, qint64 campaignId, int limit, const QDateTime &now);

} // namespace PitchSuggestions
