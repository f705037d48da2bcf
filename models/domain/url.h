#pragma once

#include "core/result.h"

#include <QString>

// Web addresses as coverage keeps them apart (issue 11: "the same URL is never recorded twice").
namespace Url {

// The key that decides whether two addresses name the same article (coverage.url_key), following RFC 3986
// §6.2.2 (syntax-based normalization) and §6.2.3 (scheme-based normalization), plus what the trade adds:
//   - the scheme is not part of the key: http and https of the same page are the same article (sites
//     redirect one to the other; a person pasting either means the same piece). Only http and https are
//     accepted; an address without a scheme ("example.com/story") is taken as https;
//   - host: lower case, IDN in its ASCII (punycode) form, a trailing dot and a leading "www." removed
//     (www.example.com and example.com serve the same article in practice); user info dropped;
//   - the port is kept unless it is 80 or 443;
//   - path: percent-encoding canonical (unreserved characters decoded, other escapes in upper-case hex,
//     non-ASCII as UTF-8 escapes), "." and ".." segments removed (§5.2.4), the trailing slash removed; case kept;
//   - query: tracking parameters removed (utm_*, fbclid, gclid, … see the table in url.cpp; names compared
//     without case), empty parameters dropped, the rest sorted by name (stable, so repeated names keep
//     their order) with canonical percent-encoding;
//   - the fragment is dropped.
// The result reads like an address without its scheme: "example.com/news/story?id=3".
// Anything that is not an http(s) address with a host is Error::Code::Validation on field "url" with a
// message a user can read.
Result<QString> coverageKey(const QString &input);

// The input trimmed and, without a scheme, with https:// in front: what a coverage row stores as its URL
// (so "Open" works), once coverageKey() accepted it.
QString withScheme(const QString &input);

} // namespace Url
