#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

class Database;

// The field-level history (issue 14, schema version 11): triggers on the tracked tables write one
// audit_changes row per changed field (old → new, as text), whoever writes: the editor, bulk actions, merges,
// imports, undo and the sync. The audit_log entry written in the same transaction claims those rows
// (AuditLog::record does it), so the History tab shows "who did what" with each field it changed.
namespace AuditTrail {

struct Tracked
{
    QString entity; // the audit_log entity name: "contact"
    QString table; // "contacts"
    QStringList fields; // the columns whose changes are kept
};

// The tracked tables and their fields, in the order the History tab lists them.
const QList<Tracked> &tracked();
const Tracked *trackedEntity(const QString &entity);

// Creates the triggers on both backends (migration 11).
Status installTriggers(Database &db);

// A contact's child rows (schema version 21): email addresses, phone numbers, handles, beats and tags. Each
// added or removed row is one audit_changes row of the contact (entity "contact"): field "email", "phone",
// "beat", "tag" or "handle:<network>", the value as old_value (removed) or new_value (added). The same save
// that replaced "a@x" by "b@x" thus leaves a removal and an addition, which HistoryQuery shows as one change
// "a@x → b@x" (and drops a value removed and added again, as a save that rewrites every child row does).
// Rows written while their contact is still at version 1 are its creation (the editor's new contact, an
// import's new rows, the demo) and are not recorded, as a creation's fields are not: every writer that
// changes an existing contact's children bumps the contact's version first. A contact deleted for good takes
// its rows along without a record.
struct ChildTrail
{
    QString table; // "contact_emails"
    QString field; // SQL for the field name, %1 the row ("new", "old", or a transition table's alias)
    QString value; // SQL for the value, %1 the row
    QStringList watched; // the columns whose update changes what is recorded
};
const QList<ChildTrail> &childTrails();
// "email", "phone", "beat", "tag", "handle:mastodon": a field a child trail writes.
bool isChildField(const QString &field);

// Creates the child rows' triggers on both backends (migration 21).
Status installChildTriggers(Database &db);

// Ties the unclaimed changes of this transaction to the audit entry just written for one row, or (claimMany)
// to each row's latest audit entry. Does nothing for entities without a trail.
Status claim(Database &db, qint64 auditId, const QString &entity, qint64 entityId);
Status claimMany(Database &db, const QString &entity, const QList<qint64> &entityIds);

} // namespace AuditTrail
