#pragma once

#include "domain/contact.h"
#include "interchange/vcard.h"

#include <QByteArray>
#include <QString>

#include <optional>

// Writes vCards: 4.0 (RFC 6350) by default, 3.0 (RFC 2426) on request. UTF-8, CRLF, lines folded at 75 octets
// (ContentLine), text escaped (\\ \, \; \n) and parameter values quoted where they must be.
//
// A contact becomes N, FN, ORG, TITLE, EMAIL and TEL with TYPE parameters (work, home, cell; the first of each
// preferred: PREF=1 in 4.0, TYPE=pref in 3.0; a label vCard has no TYPE for goes in Apple's item1.X-ABLabel),
// ADR (city, country), TZ, NOTE, URL (websites), X-SOCIALPROFILE (Mastodon, Bluesky, X with X-USER, LinkedIn,
// feeds), CATEGORIES (tags) and Rapport's own X-RAPPORT-KIND, -BEATS, -REACH, -DO-NOT-CONTACT, -CONSENT and
// -OWNER, which ImportRecords::fromVCard reads back: an export imports as the same profile.
namespace VCardWriter {

enum class Version { V30, V40 };

std::optional<Version> versionFromKey(QStringView key); // "3.0", "4.0" (also "3", "4")
QString versionKey(Version version);

VCard::Card fromContact(const Contact &contact, const QString &ownerName, Version version);
// BEGIN:VCARD … END:VCARD with the VERSION line; `card.version` is not used.
QByteArray write(const VCard::Card &card, Version version);
inline QByteArray write(const Contact &contact, const QString &ownerName, Version version)
{
    return write(fromContact(contact, ownerName, version), version);
}

} // namespace VCardWriter
