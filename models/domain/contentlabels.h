#pragma once

#include <QString>

// The words shown for a content item's kind and status and a coverage row's sentiment (the stored
// names are in ContentItem::kinds() / statuses()): one table each, used by the Content and Coverage tabs, the command
// line and the demo data alike.
namespace ContentLabels {

QString kindLabel(const QString &kind); // "press_release" → "Press release"
QString statusLabel(const QString &status); // "in_review" → "In review"
QString sentimentLabel(bool known, int sentiment); // "Positive", "Neutral", "Negative", "" when unknown

} // namespace ContentLabels
