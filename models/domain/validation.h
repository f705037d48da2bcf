#pragma once

#include "core/result.h"
#include "domain/contact.h"

// Field rules shared by the repositories, the editors and the importers. Messages are for users.
namespace Validation {

constexpr int kMaxNameLength = 300;
constexpr int kMaxNotesLength = 1'000'000;

bool isValidEmail(const QString &email);
QString normalizeEmail(const QString &email);

// Normalizes a handle for its network, or says what is wrong with it:
// mastodon "@User@Server.social" -> "user@server.social"; bluesky "Name.bsky.social" -> "name.bsky.social"
// or a did:plc:/did:web: DID as is; feed/website/linkedin: an http(s) URL; x: "@name" -> "name".
Result<QString> normalizeHandle(const QString &network, const QString &handle);

// Checks a contact and fills in derived fields (display name, normalized handles).
Status validateContact(Contact &contact);
// The same without the emails and handles, for a caller that checked and normalized those itself (the importer,
// which reports every bad email and handle of a row): validateContact() is this, then the emails (trimmed and
// checked) and handles (trimmed and normalized).
Status validateContactFields(Contact &contact);
Status validateOrganization(Organization &organization);

} // namespace Validation
