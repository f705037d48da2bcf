#pragma once

#include "core/result.h"
#include "domain/interaction.h"

#include <QList>

#include <array>

class Database;

// Follow-ups: dated tasks about a contact and/or a campaign, with an assignee. Every write is one
// transaction with an audit log entry; updates are conflict-checked by version.
//
// The buckets (Overdue, Today, This week, Later) are relative to Clock::now() in local time, the week
// starting on the locale's first day. Open follow-ups only; done and trashed ones are left out.
class FollowUpRepository final
{
public:
    explicit FollowUpRepository(Database &db)
        : m_db(db)
    {
    }

    Status create(FollowUp &followUp);
    Status update(FollowUp &followUp);
    Result<FollowUp> get(qint64 id);
    Status complete(qint64 id);
    Status reopen(qint64 id);
    // Moves the due time to `until` (snooze 1 day: Clock::now().addDays(1), or any picked time).
    Status snooze(qint64 id, const QDateTime &until);
    Status reassign(qint64 id, qint64 assigneeId);
    Status moveToTrash(qint64 id);
    Status restore(qint64 id);

    struct Buckets
    {
        QList<FollowUp> overdue, today, thisWeek, later;
        // Exact counts per bucket (indexed by FollowUp::Bucket), beyond the listed limit too.
        std::array<int, 4> counts = {};
        int overdueCount = 0; // counts[Overdue]
    };
    // Open follow-ups by bucket, earliest due first, at most `limitPerBucket` each; assigneeId 0 = everybody.
    Result<Buckets> buckets(qint64 assigneeId = 0, int limitPerBucket = 200);
    Result<QList<FollowUp>> bucket(FollowUp::Bucket bucket, qint64 assigneeId = 0, int limit = 200);
    // How many open follow-ups each bucket holds, exactly, in one pass (indexed by FollowUp::Bucket).
    Result<std::array<int, 4>> counts(qint64 assigneeId = 0);
    // Overdue open follow-ups, exactly; with cap > 0 counting stops there (a result equal to cap means
    // "cap or more").
    Result<int> overdueCount(qint64 assigneeId = 0, int cap = 0);
    // One contact's open follow-ups, earliest due first (the profile's list).
    Result<QList<FollowUp>> openForContact(qint64 contactId, int limit = 100);

    // Start of today, of tomorrow and of next week (local time) around `now`: the bucket boundaries.
    struct Bounds
    {
        QDateTime startOfToday, startOfTomorrow, startOfNextWeek;
    };
    static Bounds bounds(const QDateTime &now, Qt::DayOfWeek firstDayOfWeek);
    // The bucket a follow-up due at `due` falls in at `now` (the locale's week).
    static FollowUp::Bucket bucketOf(const QDateTime &due, const QDateTime &now);

    // Inserts inside the caller's transaction (InteractionRepository's quick log uses it).
    static Status insertRow(Database &db, FollowUp &followUp);
    static Status validate(const FollowUp &followUp);

private:
    Status change(
        qint64 id, const QString &set, const QString &action, const QVariantMap &values, const QString &doing);

    Database &m_db;
};
