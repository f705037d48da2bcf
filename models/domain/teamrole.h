#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

// What a person may do on a team database (issue 14). The PostgreSQL server enforces it (group roles
// rapport_viewer < rapport_member < rapport_manager < rapport_admin, privileges and row-level security, see
// schema/v11.sql); the window reads the same table to hide or disable what the role cannot do. On an SQLite
// file the one person at the desk is an admin.
enum class TeamRole { Viewer, Member, Manager, Admin };

struct TeamRoleTraits
{
    TeamRole role;
    QString key; // users.access and the group role's suffix: "viewer", "member", "manager", "admin"
    bool edit; // create and edit contacts, organizations and follow-ups, log interactions, triage the Inbox
    bool erase; // erase rows for good, undo an import
    bool merge; // merge and unmerge duplicates
    int bulkLimit; // most rows a bulk action may change at once; -1: no limit
    bool allCampaigns; // work on every campaign (else only on those one owns or is on)
    bool manageTeam; // Settings → Team: invite, change roles, deactivate
    bool seeTeamChanges; // Activity → Changes (the whole team's history)
};

namespace TeamRoles {

const QList<TeamRole> &all();
const TeamRoleTraits &traits(TeamRole role);
std::optional<TeamRole> fromKey(QStringView key);
inline QString key(TeamRole role)
{
    return traits(role).key;
}
// "Viewer", "Member", "Manager", "Admin" (translated).
QString label(TeamRole role);
// One line on what the role may do (translated), for Settings → Team and `rapport users`.
QString summary(TeamRole role);
// "admin, manager, member or viewer", for messages.
QString keyList();
// May a role with these traits change `rows` rows at once?
bool allowsBulk(TeamRole role, qsizetype rows);

} // namespace TeamRoles
