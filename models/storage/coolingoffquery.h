#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

class Database;

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

namespace CoolingOffQuery {

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
// Reads the scores kept on write (contacts.health_score and health_then, schema v7) by one index range:
// milliseconds. They are as of the last rescoring: run HealthRepository::rescoreIfStale() first, on a worker
// thread (seconds once a day on the large dataset; CoolingOffView does both there).
Result<QList<CoolingContact>> find(Database &db, int limit = 50);
// Sets nextFollowUpAt of each (the earliest open follow-up, or invalid): cheap, for after a change.
Status fillNextFollowUps(Database &db, QList<CoolingContact> &contacts);

} // namespace CoolingOffQuery
