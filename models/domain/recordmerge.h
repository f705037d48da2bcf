#pragma once

#include "domain/campaign.h"
#include "domain/contact.h"
#include "domain/fieldmerge.h"

#include <functional>

// The field lists of FieldMerge for organizations, campaigns and pitches (contacts: ContactMerge). The texts
// compared are the texts shown in the conflict dialog: a kind or status by its translated label, a date in the
// short format, a client, owner or team member by name (the caller says how ids become names).
namespace RecordMerge {

using Conflict = FieldMerge::Conflict;
template <typename T>
using Outcome = FieldMerge::Outcome<T>;

// How the dialog names the people and organizations a record points to; an empty function shows the id.
struct Names
{
    std::function<QString(qint64)> organization;
    std::function<QString(qint64)> user;
};

// Organizations: name, kind, website, reach, city, country, notes.
QList<FieldMerge::Field<Organization>> organizationFields();
Outcome<Organization> merge(const Organization &original, const Organization &mine, const Organization &theirs);

// Campaigns: the brief (name, client, status, dates, owner, description, goals, key messages, topics, team).
QList<FieldMerge::Field<Campaign>> campaignFields(const Names &names = {});
Outcome<Campaign> merge(
    const Campaign &original, const Campaign &mine, const Campaign &theirs, const Names &names = {});

// Pitches: status (a move), pitched and replied dates, who pitches, the content item used, notes.
QList<FieldMerge::Field<Pitch>> pitchFields(const Names &names = {});
Outcome<Pitch> merge(const Pitch &original, const Pitch &mine, const Pitch &theirs, const Names &names = {});

} // namespace RecordMerge
