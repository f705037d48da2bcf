#pragma once

#include "core/result.h"

class Database;

// Moving a row of an entity table to the trash and back (deleted_at), as one transaction with its audit
// log entry; the row's version and updated_at/updated_by change like any other edit.
namespace SoftDelete {

struct Entity
{
    QString table;        // e.g. "contacts"
    QString auditName;    // e.g. "contact"
    QString trashing;     // "moving the contact to the trash", for error messages
    QString restoring;    // "restoring the contact"
    QString notFound;     // "The contact no longer exists."
};

Status setTrashed(Database &db, const Entity &entity, qint64 id, bool trash);

// How many rows the table has, without (or with) those in the trash; `doing` is for the error message.
Result<qint64> count(Database &db, const QString &table, bool includeTrash, const QString &doing);

// Whether the row is in the trash (false for a row that is not there at all).
Result<bool> isTrashed(Database &db, const QString &table, qint64 id);

} // namespace SoftDelete
