#pragma once

#include "core/result.h"

class Database;

// Appends to the audit log inside the caller's transaction: who did what to which row, and when.
namespace AuditLog {
Status record(Database &db, const QString &action, const QString &entity, qint64 entityId,
              const QString &details = QString());
}
