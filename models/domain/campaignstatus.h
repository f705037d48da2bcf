#pragma once

#include <QString>

// A campaign's statuses, described once (STYLE.md: a concept with variants is one table): the stored key
// (Campaign::status) and the word shown for it, translated. Order: planned → active → completed / cancelled.
namespace CampaignStatus {

int count();
QString key(int index); // "planned" … "cancelled"; empty when out of range
int indexOf(const QString &key); // -1 when unknown
QString label(const QString &key); // "Active", translated; an unknown key is shown as it is
QString label(int index);

} // namespace CampaignStatus
