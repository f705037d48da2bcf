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

// Ties the unclaimed changes of this transaction to the audit entry just written for one row, or (claimMany)
// to each row's latest audit entry. Does nothing for entities without a trail.
Status claim(Database &db, qint64 auditId, const QString &entity, qint64 entityId);
Status claimMany(Database &db, const QString &entity, const QList<qint64> &entityIds);

} // namespace AuditTrail
