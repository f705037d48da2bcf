#pragma once

#include <QString>

// Turns HTML from a server (a Mastodon status, a feed item's description) into plain text safely: nothing
// is rendered, fetched or run. Follows the WHATWG HTML tokenizer where it matters for text: a tag starts only
// with '<' followed by an ASCII letter, '/' or '!' ("<?" is a bogus comment), so "a < b" stays text; quoted
// attribute values may contain '>'; comments, DOCTYPEs and bogus comments are dropped, as are script, style
// and head with their contents. <br>, </p>, </div>, </li> and headings become line breaks, character
// references are decoded (decodeEntities), runs of spaces collapse, and the result is trimmed. Never grows the
// input much, and is linear in its length.
namespace HtmlText {

// Where a character reference stands: in an attribute value, a legacy reference without ';' followed by
// '=' or an ASCII letter or digit is not decoded ("?a=1&copy=2" stays), as the HTML standard says.
enum class EntityContext { Text, Attribute };

QString toPlainText(const QString &html);

// Decodes character references as the HTML tokenizer does (§13.2.5.72–80): every named reference of the
// standard's table (htmlentitytable_p.h), the legacy ones also without ';' ("&amp", "&copy"); decimal and hex
// references with or without ';', where 0, surrogates and values above U+10FFFF become U+FFFD and 0x80–0x9F
// are read as windows-1252 (&#150; is "–"). Anything else, e.g. "&foo;" or a bare '&', stays as written.
QString decodeEntities(const QString &text, EntityContext context = EntityContext::Text);

// The characters a named reference stands for ("eacute" → "é", "nGt" → two code points), or an empty
// string if the standard has no such name. `name` is without '&' and ';'.
QString namedEntity(QStringView name);

} // namespace HtmlText
