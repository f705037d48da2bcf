#pragma once

#include "core/result.h"
#include "domain/contact.h"

class Database;

// All reads and writes of contacts and their emails, phones, handles, beats and tags. Each write is one
// transaction that also refreshes the search text and records the change in the audit log.
class ContactRepository final
{
public:
    explicit ContactRepository(Database &db) : m_db(db) {}

    // Validates and inserts; fills in id, version and times.
    Status create(Contact &contact);
    // Validates and saves; fails with Error::Code::Conflict if someone else saved it since it was loaded.
    Status update(Contact &contact);
    Result<Contact> get(qint64 id);
    // Several contacts with everything get() reads, in the order of `ids` (ids that no longer exist are left
    // out): five queries for the lot, so exports read thousands of profiles a second.
    Result<QList<Contact>> getMany(const QList<qint64> &ids);
    Status moveToTrash(qint64 id);
    Status restore(qint64 id);
    Result<qint64> count(bool includeTrash = false);

    // Ids of other contacts sharing an email or handle with this one (for duplicate warnings).
    Result<QList<qint64>> findSharingIdentity(const Contact &contact);

    // Tag or beat names in use (kind "tag" or "beat"), sorted, for completers.
    Result<QStringList> tagNames(const QString &kind);

    struct TrashedContact
    {
        qint64 id = 0;
        QString displayName;
        QDateTime deletedAt;
    };
    // Contacts in the trash, most recently deleted first.
    Result<QList<TrashedContact>> trashed(int limit = 500);

    // Builds the denormalised search text for a contact (emails, handles, outlet, beats, tags).
    static QString searchExtra(const Contact &contact, const QString &organizationName);

private:
    Status writeChildren(const Contact &contact);
    // An update's children: only the rows that differ are deleted, inserted or updated (contactchildren.cpp),
    // so that the history (schema v21) and the triggers see the change and not a rewrite of every row.
    Status updateChildren(const Contact &contact);
    Status refreshSearchExtra(qint64 contactId);
    Status setTrash(qint64 id, bool trash);
    Result<qint64> tagId(const QString &name, const QString &kind);

    Database &m_db;
};
