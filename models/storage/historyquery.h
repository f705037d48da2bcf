#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

class Database;

// One changed field of a history entry: stored values as text, plus the names of referenced rows (an outlet,
// an account manager, a contact, a campaign) read with them.
struct FieldChange
{
    QString field; // the column: "title", "organization_id"
    QString oldValue;
    QString newValue;
    QString oldName; // for a reference: the name of the row oldValue points at, if it still exists
    QString newName;
};

// One entry of the history: an audit log entry with the fields it changed, or (auditId 0) changes that no
// audit entry claimed.
struct HistoryEntry
{
    qint64 auditId = 0;
    QDateTime at;
    qint64 userId = 0;
    QString userName; // empty: unknown (the sync, or a user since removed)
    QString action; // audit_log.action: create, update, trash, restore, merge, import, tag, …
    QString entity;
    qint64 entityId = 0;
    QString details;
    QList<FieldChange> changes;
};

struct HistoryFilter
{
    QString entity; // empty: every entity (Activity → Changes)
    qint64 entityId = 0; // with entity: that row's history
    qint64 userId = 0; // 0: everybody
    QDateTime from; // invalid: no bound
    QDateTime to; // exclusive
    int limit = 500;
};

// Reads the history of one row, or of the whole team, newest first (schema version 11: audit_log and the
// audit_changes the triggers keep). Uses the indexes audit_log_entity / audit_log_at / audit_changes_*.
class HistoryQuery final
{
public:
    explicit HistoryQuery(Database &db) : m_db(db) {}

    Result<QList<HistoryEntry>> load(const HistoryFilter &filter);

    // A write that replaced a contact's children leaves one removal and one addition per row (schema v21):
    // a value removed and added again is no change and goes; the rest pair up per field in their order, so
    // "a@x" removed and "b@x" added read "a@x → b@x". Other fields stay as they are, first.
    static void foldChildChanges(QList<FieldChange> &changes);

private:
    Status attachChanges(QList<HistoryEntry> &entries);
    Status addUnclaimed(QList<HistoryEntry> &entries, const HistoryFilter &filter);
    Status resolveNames(QList<HistoryEntry> &entries);

    Database &m_db;
};
