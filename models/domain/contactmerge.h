#pragma once

#include "domain/contact.h"
#include "domain/fieldmerge.h"

#include <QList>
#include <QString>

// Field-level merging of two edits of one contact (issue 14; EspoCRM's optimistic concurrency is the anchor):
// `original` is the contact as the editor loaded it, `mine` what the person typed, `theirs` what somebody else
// saved meanwhile. A field only one side changed takes that side's value; a field both changed to different
// values is a conflict for the person to decide (mine, theirs or the original). Nothing is overwritten
// silently. Lists (emails, phones, handles, beats, tags) count as one field each.
namespace ContactMerge {

using Conflict = FieldMerge::Conflict; // the key of the field ("title") and its three texts
using Outcome = FieldMerge::Outcome<Contact>;

// The contact's fields as FieldMerge compares and copies them.
const QList<FieldMerge::Field<Contact>> &fields();
// FieldMerge::merge with these fields; the merged contact also takes theirs' time of change and last contact.
Outcome merge(const Contact &original, const Contact &mine, const Contact &theirs);
// Copies one field (a key of merge()'s conflicts) from `source` into `target`.
void take(Contact &target, const QString &field, const Contact &source);
// The field's label as the profile shows it (translated).
QString label(const QString &field);

} // namespace ContactMerge
