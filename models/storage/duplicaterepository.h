#pragma once

#include "core/result.h"
#include "domain/contact.h"

#include <QList>
#include <QString>

class Database;

// Two contacts that are likely the same person, and why.
struct DuplicatePair
{
    enum class Reason { SameEmail, SameHandle, SimilarName };

    qint64 firstId = 0; // the smaller id
    qint64 secondId = 0;
    QString firstName;
    QString secondName;
    Reason reason = Reason::SameEmail;
    QString detail; // the shared address or handle, or the outlet's name
};

// What merge() did, so that unmerge() can undo exactly that: the ids of every row it moved from the other
// contact to the kept one, the kept contact's fields before, and the versions both rows had afterwards
// (an unmerge after someone else changed either contact is refused instead of overwriting their change).
struct MergeRecord
{
    qint64 keepId = 0;
    qint64 otherId = 0;
    Contact keptBefore; // scalar fields only
    QString otherNotesBefore;
    int keptVersionAfter = 0;
    int otherVersionAfter = 0;
    int emailOffset = 0; // added to the position of moved emails and phones, after the kept ones
    int phoneOffset = 0;
    QList<qint64> emailIds, phoneIds, handleIds, interactionIds, pitchIds, coverageIds, followUpIds, engagementIds,
        socialAccountIds;
    QList<qint64> tagIds; // contact_tags rows (other, tag) moved to the kept contact
    QList<qint64> mediaListIds; // media_list_members rows (list, other) moved likewise
};

// Finds likely duplicate contacts and merges two into one.
//
// findPairs() uses three rules, each one indexed SQL query plus cheap work in memory:
//  - the same email address (contact_emails.normalized, lower case);
//  - the same handle: handles are unique per (network, normalized) across all contacts, so a handle can only
//    be shared across tables: one contact's "email" handle is another's email address;
//  - a similar name at the same outlet: contacts are read grouped by organization and compared within the
//    group: the same folded name, the same last name and first initial, or a folded name at most 1 edit
//    apart (2 for names of 10 characters or more).
// Contacts in the trash are left out. A pair is listed once, with the first rule that matched.
//
// merge() is one transaction: it moves emails and phones (except those the kept contact already has),
// handles, tags, media list memberships and pitches (except for campaigns the kept contact is already
// pitched in, because pitches are unique per campaign and contact), interactions, coverage, follow-ups,
// engagement events and feeds to the kept contact; fills the kept contact's empty fields from the other;
// appends the other's notes; moves the other to the trash with a note saying where it went; and writes a
// "merge" audit entry whose details (JSON) name both contacts and every moved row.
class DuplicateRepository final
{
public:
    explicit DuplicateRepository(Database &db)
        : m_db(db)
    {
    }

    Result<QList<DuplicatePair>> findPairs(int maxPairs = 10'000);

    Result<MergeRecord> merge(qint64 keepId, qint64 otherId);
    Status unmerge(const MergeRecord &record);

    // The contact to keep by default: the more complete one (clearly), otherwise the older one.
    static qint64 suggestedKeep(const Contact &a, const Contact &b);
    static int completeness(const Contact &contact);
    // The name rule of findPairs() for two display names (or first/last names when known).
    static bool similarNames(const QString &a, const QString &b);
    static int editDistance(const QString &a, const QString &b, int limit);

private:
    Status moveRows(
        const QString &table, const QList<qint64> &ids, qint64 to, int positionShift = 0, bool positioned = false);
    Status moveKeyedRows(
        const QString &table, const QString &keyColumn, const QList<qint64> &keys, qint64 from, qint64 to);
    Status writeFields(const Contact &contact, const QVariant &deletedAt = {}, bool setDeleted = false);
    Result<QList<qint64>> ids(const QString &sql, const QList<std::pair<QString, QVariant>> &binds);
    Result<int> version(qint64 id);

    Database &m_db;
};
