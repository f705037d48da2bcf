#include "teamrole.h"

#include <QCoreApplication>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TeamRoles)
};

// The member's limit is the server's too (rapport_bulk_guard in schema/v11.sql): change both together.
const QList<TeamRoleTraits> kTraits = {
    { TeamRole::Viewer, QStringLiteral("viewer"), false, false, false, 0, false, false, false },
    { TeamRole::Member, QStringLiteral("member"), true, false, false, 100, false, false, false },
    { TeamRole::Manager, QStringLiteral("manager"), true, true, true, -1, true, false, true },
    { TeamRole::Admin, QStringLiteral("admin"), true, true, true, -1, true, true, true },
};

} // namespace

const QList<TeamRole> &TeamRoles::all()
{
    static const QList<TeamRole> roles = { TeamRole::Admin, TeamRole::Manager, TeamRole::Member, TeamRole::Viewer };
    return roles;
}

const TeamRoleTraits &TeamRoles::traits(TeamRole role)
{
    return kTraits.at(static_cast<int>(role));
}

std::optional<TeamRole> TeamRoles::fromKey(QStringView key)
{
    for (const TeamRoleTraits &t : kTraits)
        if (key.compare(t.key, Qt::CaseInsensitive) == 0)
            return t.role;
    return std::nullopt;
}

QString TeamRoles::label(TeamRole role)
{
    switch (role) {
    case TeamRole::Viewer:
        return Tr::tr("Viewer");
    case TeamRole::Member:
        return Tr::tr("Member");
    case TeamRole::Manager:
        return Tr::tr("Manager");
    case TeamRole::Admin:
        return Tr::tr("Admin");
    }
    return {};
}

QString TeamRoles::summary(TeamRole role)
{
    switch (role) {
    case TeamRole::Viewer:
        return Tr::tr("Reads everything, changes nothing.");
    case TeamRole::Member:
        return Tr::tr("Adds and edits contacts, logs conversations, works on the campaigns they are on; changes at "
                      "most 100 rows at once, cannot erase or merge.");
    case TeamRole::Manager:
        return Tr::tr("Everything on the data: bulk actions, merges, erasing, undoing imports, every campaign.");
    case TeamRole::Admin:
        return Tr::tr("Everything a manager does, and manages the team.");
    }
    return {};
}

QString TeamRoles::keyList()
{
    return Tr::tr("admin, manager, member or viewer");
}

bool TeamRoles::allowsBulk(TeamRole role, qsizetype rows)
{
    const int limit = traits(role).bulkLimit;
    return limit < 0 || rows <= limit;
}
