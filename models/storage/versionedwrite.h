#pragma once

#include "core/result.h"
#include "storage/sqlhelpers.h"

#include <QString>

#include <functional>

class Database;
class QSqlQuery;

// The one way a repository creates or edits an entity row (beside SoftDelete, which trashes and restores):
//
//     (the repository validates, which may normalize the entity) → transaction → INSERT, or
//     UPDATE … WHERE id = :id AND version = :version → the repository's own steps (children, search text,
//     health) → audit log entry → commit
//
// The helper writes created_at / updated_at / updated_by (the connection's current user) and version; an
// update whose version is stale (someone saved meanwhile), whose row is gone, or (liveOnly) in the trash
// changes nothing and fails with Error::Code::Conflict and the repository's own message. On success the
// entity's id (create), version and times are set as the database now has them.
namespace VersionedWrite {

using Bind = std::function<void(QSqlQuery &)>;
using Step = std::function<Status()>;

struct Write
{
    QString table; // from the repository, never from input
    QString columns; // "name, kind": what is written, each from the placeholder of its name (":name, :kind")
    Bind bind; // binds those placeholders
    QString auditEntity; // "organization"
    QString auditDetails; // what the audit entry says about the row (usually its name)
    QString doing; // "saving the organization", for error messages
    QString conflict; // update: the message for a stale version
    bool liveOnly = false; // update: a row in the trash is a conflict too
    Step before; // in the transaction, before the row is written
    Step after; // in the transaction, after the row is written (a new entity's id is set by then)
};

namespace detail {
enum class Kind { Create, CreateInTransaction, Update };
// Runs the whole sequence; `created` receives a new row's id before `after` runs. Returns the time written.
Result<qint64> write(
    Database &db, const Write &w, Kind kind, qint64 id, int version, const std::function<void(qint64)> &created);
} // namespace detail

// Inserts a new row in a transaction of its own. Entity has id, version, createdAt and updatedAt.
template <typename Entity> Status create(Database &db, Entity &e, const Write &w)
{
    Result<qint64> at = detail::write(db, w, detail::Kind::Create, 0, 0, [&e](qint64 id) { e.id = id; });
    if (!at)
        return at.error();
    e.version = 1;
    e.createdAt = e.updatedAt = Sql::time(QVariant(*at));
    return {};
}

// The same inside the caller's open transaction (several rows that are saved together).
template <typename Entity> Status createInTransaction(Database &db, Entity &e, const Write &w)
{
    Result<qint64> at = detail::write(db, w, detail::Kind::CreateInTransaction, 0, 0, [&e](qint64 id) { e.id = id; });
    if (!at)
        return at.error();
    e.version = 1;
    e.createdAt = e.updatedAt = Sql::time(QVariant(*at));
    return {};
}

// Writes the edited row if it still has e.version, in a transaction of its own.
template <typename Entity> Status update(Database &db, Entity &e, const Write &w)
{
    Result<qint64> at = detail::write(db, w, detail::Kind::Update, e.id, e.version, {});
    if (!at)
        return at.error();
    e.version += 1;
    e.updatedAt = Sql::time(QVariant(*at));
    return {};
}

} // namespace VersionedWrite
