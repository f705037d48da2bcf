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
    int score = 0; // 0..100
    // Each component 0..1 before weighting, for the explanation and for tests.
    double recency = 0, frequency = 0, reciprocity = 0, response = 0, breadth = 0, tenure = 0;
    QStringList explanation; // translated sentences with numbers, most telling first

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

// Valuable relationships (high past health or large reach) whose health dropped most over the last
// kCoolingDays. One pass over all interactions (about a second on the large dataset): run it on a worker.
constexpr int kCoolingDays = 90;
Result<QList<CoolingContact>> coolingOff(Database &db, int limit = 50);

} // namespace HealthRepository
