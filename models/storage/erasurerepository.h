#pragma once

#include "core/result.h"

#include <QList>
#include <QString>

class Database;

// What erasing a person removes, for the confirmation and the audit line.
struct ErasureCounts
{
    QString displayName; // for the confirmation only; never stored
    int interactions = 0; // logged and synced conversations, their Inbox items included
    int pitches = 0;
    int followUps = 0;
    int handles = 0;
    int emails = 0;
    int phones = 0;
    int coverage = 0; // coverage they wrote: kept for the campaign's figures, no longer linked to them
    int engagementEvents = 0;
    int feeds = 0;
    int auditEntries = 0; // entries about them removed, plus entries whose stored values named them, cleared
    int ignoredHandles = 0; // handles added to the ignore list (erase only)
    QList<std::pair<QString, QString>> syncedHandles; // (network, normalized) the sync could bring back
};

// Erasing a person on request (the right to erasure, GDPR article 17): in ONE transaction, on SQLite and
// PostgreSQL, the contact goes with their emails, phones, handles, tags, interactions (and Inbox items by their
// handles), pitches and their moves, follow-ups, media list places, engagement events, feeds and the import
// records that kept their old values; coverage they wrote stays for the campaign but is unlinked from them.
// Their text leaves the full-text indexes with the rows (SQLite: the FTS5 tables' triggers, then the indexes
// are optimized so that no old segment keeps a deleted term; PostgreSQL: the generated tsvector columns).
// The audit log loses the entries about them and their rows; entries of other rows whose stored values
// named them (a name, an email, a handle) keep their line but lose the values. What remains is one audit line
// "erase contact" with the counts and no personal data. Optionally their Mastodon and Bluesky handles go on the
// ignore list, so that the sync does not bring them back to the Inbox. Not undoable.
class ErasureRepository final
{
public:
    explicit ErasureRepository(Database &db)
        : m_db(db)
    {
    }

    // What erase() would remove (nothing is changed).
    Result<ErasureCounts> preview(qint64 contactId);
    Result<ErasureCounts> erase(qint64 contactId, bool ignoreHandles);

private:
    Result<ErasureCounts> count(qint64 contactId);

    Database &m_db;
};
