#pragma once

#include "core/result.h"
#include "domain/healthscore.h"

class Database;

// The SQL side of relationship health (the formula is HealthScore, domain/healthscore.h): aggregates a
// contact's interactions and pitches into HealthInputs, either for one contact (recomputeContact(), run
// inside the write transaction of an interaction, < 5 ms) or set-based for everybody (recomputeAll(), for a
// worker thread with its own Database: it writes in chunks so other writers never wait long).
namespace HealthRepository {

// Aggregates one contact's history as of `now` (interactions after `now` are ignored).
Result<HealthInputs> inputs(Database &db, qint64 contactId, const QDateTime &now);
// Computes and stores one contact's score (and last_contacted_at); call inside the caller's transaction.
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
// Recomputes every live contact's score set-based. Meant for a worker thread with its own Database.
Result<RecomputeStats> recomputeAll(Database &db);
// The same as of `now`, written in the caller's open transaction (e.g. right after a bulk load, where the
// whole write is one transaction anyway).
Result<RecomputeStats> recomputeAllInTransaction(Database &db, const QDateTime &now);

// One contact's inputs as of `nowMs`, counted over its latest HealthScore::kWindow interactions (pitches
// and reach are left as they are). For the queries that score histories longer than the window.
Status aggregateWindow(Database &db, qint64 nowMs, qint64 contactId, HealthInputs &in);

} // namespace HealthRepository
