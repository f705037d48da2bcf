#pragma once

#include "core/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

class Database;

// Changes to many contacts at once (the bulk actions on a multi-selection of the contact list). Each call is
// ONE transaction with set-based SQL: the ids travel as one parameter (a JSON array for SQLite, an array
// literal for PostgreSQL), so tagging 10,000 contacts is a handful of statements, not 10,000 updates.
//
// Every call touches only the contacts whose state really changes (not in the trash, not already in the
// wanted state), bumps their version, updated_at and updated_by, refreshes their search text where it
// depends on the change (an added tag's name is appended in one statement; after a removal the text is
// recomputed), and returns exactly what it changed, so an undo command can put back the previous state of each
// contact and nothing else. The cost that remains per contact is the full-text index's own (FTS5 deletes and
// re-inserts a row whose search text changed): on the large demo database ~0.2-0.5 ms per tagged contact.
//
// Audit log: one row per changed contact (action bulk_tag, bulk_untag, bulk_owner, bulk_kind, trash,
// restore; details is a small JSON object with the tag or the new value and the size of the batch),
// written with one INSERT … SELECT, so a contact's history stays complete when looked up by
// audit_log(entity, entity_id).
class BulkContactRepository final
{
public:
    enum class Field { Owner, Kind };

    explicit BulkContactRepository(Database &db)
        : m_db(db)
    {
    }

    // Adds (or removes) the tag `name` of `kind` ("tag" or "beat") to (from) the contacts; creates the tag
    // if needed. Returns the ids of the contacts that did not have it (had it), i.e. those changed.
    Result<QList<qint64>> addTag(const QList<qint64> &ids, const QString &name, const QString &kind);
    Result<QList<qint64>> removeTag(const QList<qint64> &ids, const QString &name, const QString &kind);

    // Sets the owner (a user id, 0 for nobody) or the kind of the contacts. Returns the previous value of
    // each contact that changed (owner: qint64, 0 for nobody; kind: QString).
    Result<QHash<qint64, QVariant>> setField(const QList<qint64> &ids, Field field, const QVariant &value);
    // Puts back the values setField() returned (one UPDATE per distinct previous value).
    Status restoreField(Field field, const QHash<qint64, QVariant> &previous);

    // Moves the contacts to the trash; returns the ids that were not already there.
    Result<QList<qint64>> moveToTrash(const QList<qint64> &ids);
    Status restoreFromTrash(const QList<qint64> &ids);

    // Tag names of this kind, in name order (for completion).
    Result<QStringList> tagNames(const QString &kind);

    // Recomputes contacts.search_extra (see ContactRepository::searchExtra) for these contacts with a few
    // set-based reads and one prepared UPDATE per contact whose text changed. Inside the caller's
    // transaction.
    Status refreshSearchExtra(const QList<qint64> &ids);

    // The one-parameter id list and the condition using it (":ids"), for set-based statements.
    static QString idList(const Database &db, const QList<qint64> &ids);
    static QString idCondition(const Database &db, const QString &column);

private:
    Result<QList<qint64>> setTag(const QList<qint64> &ids, const QString &name, const QString &kind, bool present);
    Result<qint64> tagId(const QString &name, const QString &kind, bool create);
    Result<QList<qint64>> selectIds(
        const QString &sql, const QList<qint64> &ids, const QList<std::pair<QString, QVariant>> &binds = {});
    Status touch(const QList<qint64> &ids, const QString &set = QString(), const QVariant &value = QVariant());
    Status audit(const QList<qint64> &ids, const QString &action, const QString &details);

    Database &m_db;
};
