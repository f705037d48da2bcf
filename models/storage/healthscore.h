#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <functional>

class Database;
class DatabaseLocation;
class QObject;

// Relationship health: an explainable score 0-100 per contact (docs/HEALTH.md has the formula and why).
//
// HealthScore::compute() is pure: it scores aggregated inputs (HealthInputs), so crafted histories can be
// unit-tested. The SQL side aggregates a contact's interactions and pitches into those inputs, either for
// one contact (recomputeContact(), run inside the write transaction of an interaction, < 5 ms) or set-based
// for everybody (recomputeAll(), for a worker thread with its own Database: it writes in chunks so other
// writers never wait long).
struct HealthInputs
{
    qint64 contactId = 0;
    qint64 reach = 0;
    // Counted over the latest HealthScore::kWindow live interactions (a long history is judged by its
    // recent years, and a contact with 10,000 interactions costs what one with 500 does).
    int total = 0;
    int recent = 0; // in the last 90 days
    int inbound = 0;
    int outbound = 0;
    int channels = 0; // distinct channels
    int pitchesSent = 0; // pitches with a pitched_at
    int pitchesAnswered = 0;
    QDateTime first; // first interaction
    QDateTime last; // latest interaction
};

struct HealthScore
{
    // One component of the score, as the profile shows it: "Recency 6 of 30: Last spoke 94 days ago."
    struct Part
    {
        QString name; // translated component name ("Recency")
        int points = 0; // weighted contribution, rounded
        int maxPoints = 0; // the component's weight
        QString sentence; // translated, with the numbers behind it
    };

    int score = 0; // 0..100
    // Each component 0..1 before weighting, for the explanation and for tests.
    double recency = 0, frequency = 0, reciprocity = 0, response = 0, breadth = 0, tenure = 0;
    QStringList explanation; // translated sentences with numbers, most telling first
    QList<Part> parts; // the same sentences with each component's points, in the order of docs/HEALTH.md

    // A word for the score band: strong (70+), steady (45+), cooling (20+), cold; "not scored" below 0.
    static QString grade(int score);
    // The whole breakdown as plain text lines ("Health 72 of 100 (strong)", then one line per part), for a
    // tooltip or a label.
    QString describe() const;
    // describe() without its first line: "Recency 6 of 30: Last spoke 94 days ago.", one per part.
    QStringList breakdownLines() const;

    // withExplanation false skips the sentences (recomputing 100,000 scores needs only the numbers).
    static HealthScore compute(const HealthInputs &in, const QDateTime &now, bool withExplanation = true);

    // Window of "recent" interactions, and the weights (sum 100).
    static constexpr int kRecentDays = 90;
    static constexpr int kWindow = 500;
    static constexpr double kRecencyWeight = 30, kFrequencyWeight = 20, kReciprocityWeight = 15, kResponseWeight = 10,
                            kBreadthWeight = 10, kTenureWeight = 15;
};

struct CoolingContact
{
    qint64 contactId = 0;
    QString displayName;
    int scoreThen = 0; // health kCoolingDays ago
    int scoreNow = 0;
    qint64 reach = 0;
    QDateTime lastContactedAt;
    qint64 ownerId = 0; // the account manager, 0 = nobody
    QString ownerName;
    QDateTime nextFollowUpAt; // the earliest open follow-up with them, if any
};

namespace HealthRepository {

// Aggregates one contact's history as of `now` (interactions after `now` are ignored).
Result<HealthInputs> inputs(Database &db, qint64 contactId, const QDateTime &now);
// Computes and stores one contact's score (and last_contacted_at); call inside the caller's transaction.
Status recomputeContact(Database &db, qint64 contactId);
// Explains one contact's current score.
Result<HealthScore> explain(Database &db, qint64 contactId);

struct RecomputeStats
{
    int contacts = 0; // scored
    int changed = 0; // rows written
};
// Recomputes every live contact's score set-based. Meant for a worker thread with its own Database.
Result<RecomputeStats> recomputeAll(Database &db);
// The same as of `now`, written in the caller's open transaction (e.g. right after a bulk load, where the
// whole write is one transaction anyway).
Result<RecomputeStats> recomputeAllInTransaction(Database &db, const QDateTime &now);
// Runs recomputeAll() on a new thread with its own connection to `location`, and calls `done` on the
// thread of `context` (not at all if `context` is gone by then). The window never waits for it.
void recomputeAllInBackground(
    const DatabaseLocation &location, QObject *context, std::function<void(const Result<RecomputeStats> &)> done);

// Cooling off (docs/HEALTH.md): a relationship that was valuable kCoolingDays ago (a score of at least
// kCoolingValuableScore then, or a reach of kCoolingValuableReach with some history), has gone quiet (no
// interaction in the last kCoolingQuietDays, but one in the last kCoolingOldestDays: older silences are
// cold, not cooling) and whose score as of now is at least kCoolingMinDrop below its score as of then.
// Biggest drop first, then reach.
constexpr int kCoolingDays = 90;
constexpr int kCoolingQuietDays = 30;
constexpr int kCoolingOldestDays = 180;
constexpr int kCoolingValuableScore = 50;
constexpr qint64 kCoolingValuableReach = 100000;
constexpr int kCoolingMinDrop = 15;
// One sequential scan of the quiet contacts' interactions: about a second on the large dataset, so the
// window runs it on a worker thread (CoolingOffView).
Result<QList<CoolingContact>> coolingOff(Database &db, int limit = 50);
// Sets nextFollowUpAt of each (the earliest open follow-up, or invalid): cheap, for after a change.
Status fillNextFollowUps(Database &db, QList<CoolingContact> &contacts);

} // namespace HealthRepository
