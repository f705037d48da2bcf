#pragma once

#include "core/result.h"
#include "domain/interaction.h"

#include <QList>

class Database;

// Reads and writes of logged interactions. Every write is one transaction that also keeps the contact's
// last_contacted_at (the latest live interaction) and health score right, and records the change in the
// audit log. A meeting with several people is stored as one row per contact, with the same fields: the
// schema has one contact per row, and each person's timeline, health and trash then work on their own rows.
//
// Undo: update() returns the conflict-checked new version; keep the previous Interaction to undo an edit
// (update back), and restore() undoes moveToTrash().
class InteractionRepository final
{
public:
    explicit InteractionRepository(Database &db)
        : m_db(db)
    {
    }

    // Validates and inserts one interaction for interaction.contactId; fills in id, version and times. If
    // followUpAt is set, also creates that follow-up (assigned to the current user) in the same transaction.
    Status create(Interaction &interaction);
    // The same interaction for several contacts (a meeting), all or nothing; returns the rows in order.
    Result<QList<Interaction>> createForContacts(const Interaction &interaction, const QList<qint64> &contactIds);
    // Saves changes; Error::Code::Conflict if someone else saved or trashed it since it was loaded.
    Status update(Interaction &interaction);
    Result<Interaction> get(qint64 id);
    Status moveToTrash(qint64 id);
    Status restore(qint64 id);

    // The checks create() and update() make before touching the database (date range, lengths, names).
    static Status validate(const Interaction &interaction);
    // create() inside the caller's open transaction (a pitch marked pitched logs its interaction with the move).
    Status createInTransaction(Interaction &interaction);

private:
    Status insertRow(Interaction &interaction);
    Status checkContactAlive(qint64 contactId);
    Status setTrash(qint64 id, bool trash);

    Database &m_db;
};
