#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QString>

#include <functional>

class Database;

struct DemoStats
{
    qint64 users = 0;
    qint64 organizations = 0;
    qint64 contacts = 0;
    qint64 interactions = 0;
    qint64 campaigns = 0;
    qint64 contentItems = 0;
    qint64 pitches = 0;
    qint64 coverage = 0;
    qint64 followUps = 0;
    qint64 historyEntries = 0; // audit log entries: who added and changed what (Activity → Changes)
};

// Fills an empty database with a realistic, deterministic (seeded) PR agency: outlets, journalists,
// conversations, campaigns, pitches, coverage and follow-ups. The same seed and size give the same data.
class DemoGenerator final
{
public:
    enum class Size { Small, Large };

    struct Options
    {
        Size size = Size::Small;
        quint32 seed = 20261122;
        // The moment the data is built around: interactions lie before it, follow-ups around it (overdue,
        // due today, later). Invalid means the start of the current UTC day, so a newcomer always sees
        // recent activity and overdue items; pass a fixed time for byte-identical data on any day.
        QDateTime anchor;
        // Empty the database first (every row of every table, in the same transaction) instead of refusing
        // a database that already holds contacts, organizations, interactions, campaigns or tags.
        bool force = false;
        // Called now and then with a fraction done (0..1) and what is being written; return false to cancel.
        std::function<bool(double, const QString &)> progress;
    };

    static Result<Size> parseSize(const QString &text);

    // Writes everything in one transaction: on failure or cancel the database is left as it was.
    // Same seed, size and anchor give identical rows. Refuses a database holding data unless `force`.
    static Result<DemoStats> generate(Database &db, const Options &options);
};
