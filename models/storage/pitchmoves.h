#pragma once

#include "core/result.h"

#include <QString>

class Database;

// A pitch moved as a side effect of another write, inside that write's transaction: linking coverage moves
// its pitch to `covered` (and undoing the link moves it back). One UPDATE conflict-free on the row as it is
// now (the caller's transaction holds it), one pitch_moves row (who, when), health recomputed, one audit entry.
// The pitched_at / replied_at stamps are left alone, so PitchRepository's rule "a pitch has its logged pitch
// interaction exactly while pitched_at is set" holds. PitchRepository::move can call this for its own
// UPDATE + pitch_moves steps.
namespace PitchMoves {

struct Moved
{
    qint64 contactId = 0;
    qint64 campaignId = 0;
    QString fromStatus; // what the pitch was before (empty: it did not move, it already had `toStatus`)
};

// Moves the live pitch to `toStatus`; NotFound when it is gone or in the trash. A pitch already in
// `toStatus` is left as it is (fromStatus empty).
Result<Moved> moveInTransaction(Database &db, qint64 pitchId, const QString &toStatus);

} // namespace PitchMoves
