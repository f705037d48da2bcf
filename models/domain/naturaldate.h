#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

// Reads the date and time a person types when logging a conversation: "now", "today 9:30",
// "yesterday 15:00", "tomorrow", "15:00" (today), "2026-11-20 14:00", "20.11.2026 14:00", "11/20/2026".
// English words always work and the translated words ("heute", ...) work too. Times are local; a day
// without a time means `defaultTime` (noon unless given). Returns nothing when the text cannot be read.
namespace NaturalDate {

std::optional<QDateTime> parse(const QString &text, const QDateTime &now, QTime defaultTime = QTime(12, 0));
// The way parse() reads back best: "today 14:05", "yesterday 09:00" or "2026-11-20 14:00" (local time).
QString format(const QDateTime &when, const QDateTime &now);

} // namespace NaturalDate
