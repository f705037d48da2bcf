#pragma once

#include <QString>

// Turns HTML from a server (a Mastodon status, a feed item's description) into plain text safely: nothing
// is rendered, fetched or run. Tags are dropped (script, style, head and their contents entirely), <br>,
// </p>, </div>, </li> and headings become line breaks, entities are decoded (named, decimal, hex; unknown
// ones kept as written), runs of spaces collapse, and the result is trimmed. Never grows the input much,
// and is linear in its length.
namespace HtmlText {
QString toPlainText(const QString &html);
// Decodes entities only (&amp; &#233; &#x1F600; &eacute; …).
QString decodeEntities(const QString &text);
}
