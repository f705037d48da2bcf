#pragma once

#include "core/result.h"
#include "domain/healthscore.h"

class Database;

// The SQL side of relationship health (the formula is HealthScore, domain/healthscore.h): aggregates a
// contact's interactions and pitches into HealthInputs, either for one contact (recomputeContact(), run
// inside the write transaction of an interaction, < 5 ms) or set-based for everybody (recomputeAll(), for a
// worker thread with its own Database: it writes in chunks so other writers never wait long).
//
// Every write stores two scores: contacts.health_score as of now, and contacts.health_then as of
// HealthScore::kThenDays before (NULL without an interaction by then), which Cooling off compares
// (CoolingOffQuery). Both move with the day alone, so health_state notes when everybody was last scored and
// rescoreIfStale() rescores everybody once the day has changed.
namespace HealthRepository {

// Aggregates one contact's history as of `now` (interactions after `now` are ignored).
Result<HealthInputs> inputs(Database &db, qint64 contactId, const QDateTime &now);
// Computes and stores one contact's scores (now and then, and last_contacted_at); call inside the caller's
// transaction.
Status recomputeContact(Database &db, qint64 contactId);
// recomputeContact() for several contacts with one aggregate query for all of them and one prepared UPDATE
// (a sync page rescoring its 40 authors prepared four statements per contact): the same scores.
Status recomputeContacts(Database &db, const QList<qint64> &contactIds);
// Explains one contact's current score.
Result<HealthScore> explain(Database &db, qint64 contactId);

struct RecomputeStats
{
    int contacts = 0; // scored
    int changed = 0; // rows written
};
// Recomputes every live contact's scores set-based and notes the time (scoredAt()). Meant for a worker
// thread with its own Database.
Result<RecomputeStats> recomputeAll(Database &db);
// The same as of `now`, written in the caller's open transaction (e.g. right after a bulk load, where the
// whole write is one transaction anyway).
Result<RecomputeStats> recomputeAllInTransaction(Database &db, const QDateTime &now);

// When everybody's scores were last computed together (invalid: never, e.g. right after the version-7
// migration), and noting it (recomputeAll() and the demo's scoring do).
Result<QDateTime> scoredAt(Database &db);
Status setScoredAt(Database &db, const QDateTime &at);
// recomputeAll() unless everybody was scored earlier on the same (local) day; true when it rescored. Seconds
// on the large dataset once a day, otherwise one small read: for a worker thread (CoolingOffView).
Result<bool> rescoreIfStale(Database &db);

// One contact's inputs as of `nowMs`, counted over its latest HealthScore::kWindow interactions (pitches
// and reach are left as they are). For the queries that score histories longer than the window.
Status aggregateWindow(Database &db, qint64 nowMs, qint64 contactId, HealthInputs &in);

} // namespace HealthRepository
