#pragma once

#include "core/result.h"
#include "domain/contact.h"

class Database;

// All reads and writes of organizations (outlets, clients, other companies). Each write is one transaction
// with its audit log entry. Renaming an organization refreshes the search text of its people.
class OrganizationRepository final
{
public:
    explicit OrganizationRepository(Database &db) : m_db(db) {}

    Status create(Organization &organization);
    // Fails with Error::Code::Conflict if someone else saved it since it was loaded.
    Status update(Organization &organization);
    Result<Organization> get(qint64 id);
    Status moveToTrash(qint64 id);
    Status restore(qint64 id);
    Result<qint64> count(bool includeTrash = false);

    struct NameHit
    {
        qint64 id = 0;
        QString name;
        QString kind;
    };
    // Organizations whose name starts with (or has a word starting with) `prefix`, for completers.
    Result<QList<NameHit>> findByName(const QString &prefix, int limit = 20);
    // The people (contacts not in the trash) who work at the organization, by name.
    struct Person
    {
        qint64 id = 0;
        QString name;
        QString title;
        QString role; // organization_role
    };
    Result<QList<Person>> people(qint64 organizationId);
    Result<qint64> peopleCount(qint64 organizationId);

    // The organization with exactly this name (case-insensitive), if any: to pick instead of creating twice.
    Result<qint64> idByName(const QString &name);

private:
    Status setTrash(qint64 id, bool trash);
    Status refreshPeopleSearchText(qint64 organizationId);

    Database &m_db;
};
