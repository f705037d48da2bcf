#include "naturaldate.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(NaturalDate)
};

// "9", "9:30", "09.30", "930"-less: hours 0-23 with optional minutes, and an optional am/pm.
std::optional<QTime> parseTime(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    int hour = m.captured(1).toInt();
    const int minute = m.capturedLength(2) ? m.captured(2).toInt() : 0;
    const QString suffix = m.captured(3).toLower();
    if (!suffix.isEmpty()) {
        if (hour < 1 || hour > 12)
            return std::nullopt;
        const bool pm = suffix.startsWith(QLatin1Char('p'));
        hour = hour % 12 + (pm ? 12 : 0);
    } else if (!m.capturedLength(2) && !m.capturedLength(3)) {
        return std::nullopt; // a bare number is not a time ("15" could be a day)
    }
    const QTime t(hour, minute);
    if (!t.isValid())
        return std::nullopt;
    return t;
}

std::optional<QDate> parseDate(const QString &text, const QDate &today)
{
    const QString word = text.trimmed().toLower();
    const auto is = [&word](const QString &english, const QString &translated) {
        return word == english || (!translated.isEmpty() && word == translated.toLower());
    };
    if (is(QStringLiteral("today"), Tr::tr("today")))
        return today;
    if (is(QStringLiteral("yesterday"), Tr::tr("yesterday")))
        return today.addDays(-1);
    if (is(QStringLiteral("tomorrow"), Tr::tr("tomorrow")))
        return today.addDays(1);
    static const QRegularExpression iso(QStringLiteral("^(\\d{4})-(\\d{1,2})-(\\d{1,2})$"));
    static const QRegularExpression dotted(QStringLiteral("^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})?$"));
    static const QRegularExpression slashed(QStringLiteral("^(\\d{1,2})/(\\d{1,2})/(\\d{4})$"));
    if (const auto m = iso.match(word); m.hasMatch()) {
        const QDate d(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
    }
    if (const auto m = dotted.match(word); m.hasMatch()) {
        const int year = m.capturedLength(3) ? m.captured(3).toInt() : today.year();
        const QDate d(year, m.captured(2).toInt(), m.captured(1).toInt());
        return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
    }
    if (const auto m = slashed.match(word); m.hasMatch()) { // US order, as typed in English
        const QDate d(m.captured(3).toInt(), m.captured(1).toInt(), m.captured(2).toInt());
        return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
    }
    return std::nullopt;
}

} // namespace

std::optional<QDateTime> NaturalDate::parse(const QString &text, const QDateTime &now, QTime defaultTime)
{
    const QDateTime localNow = now.toLocalTime();
    const QString trimmed = text.simplified();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (trimmed.compare(QStringLiteral("now"), Qt::CaseInsensitive) == 0
        || trimmed.compare(Tr::tr("now"), Qt::CaseInsensitive) == 0)
        return localNow;
    // "<date>", "<time>", "<date> <time>" or "<date> at <time>".
    QString rest = trimmed;
    // "at" in English and, typed by habit, in German ("um"), plus the user's language ("à", "a las").
    const QString at = Tr::tr("at", "between a date and a time: tomorrow at 10:00");
    rest.replace(QRegularExpression(QStringLiteral("\\s+(at|um|@|%1)\\s+").arg(QRegularExpression::escape(at)),
                     QRegularExpression::CaseInsensitiveOption),
        QStringLiteral(" "));
    rest.replace(QLatin1Char(','), QLatin1Char(' '));
    rest = rest.simplified();
    if (const auto t = parseTime(rest))
        return QDateTime(localNow.date(), *t);
    if (const auto d = parseDate(rest, localNow.date()))
        return QDateTime(*d, defaultTime);
    // The time is the last word, or the last two ("9 am").
    qsizetype space = rest.size();
    for (int words = 1; words <= 2; ++words) {
        space = rest.lastIndexOf(QLatin1Char(' '), space - 1);
        if (space <= 0)
            break;
        const auto d = parseDate(rest.left(space), localNow.date());
        const auto t = parseTime(rest.mid(space + 1));
        if (d && t)
            return QDateTime(*d, *t);
    }
    return std::nullopt;
}

QString NaturalDate::format(const QDateTime &when, const QDateTime &now)
{
    const QDateTime local = when.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString time = local.time().toString(QStringLiteral("HH:mm"));
    if (local.date() == today)
        return QStringLiteral("%1 %2").arg(Tr::tr("today"), time);
    if (local.date() == today.addDays(-1))
        return QStringLiteral("%1 %2").arg(Tr::tr("yesterday"), time);
    if (local.date() == today.addDays(1))
        return QStringLiteral("%1 %2").arg(Tr::tr("tomorrow"), time);
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}
