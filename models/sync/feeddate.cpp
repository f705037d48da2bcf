#include "sync/feeddate.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace {

// Minutes east of UTC for the zone names feeds use: RFC 822 §5.1 plus common ones seen in the wild.
bool namedZoneOffsetMinutes(QStringView zone, int *minutes)
{
    // clang-format off
    static const struct { const char *name; int minutes; } zones[] = {
        {"UT", 0}, {"UTC", 0}, {"GMT", 0}, {"Z", 0}, {"WET", 0},
        {"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
        {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
        {"AKST", -540}, {"AKDT", -480}, {"HST", -600}, {"AST", -240}, {"ADT", -180},
        {"BST", 60}, {"IST", 60}, {"CET", 60}, {"CEST", 120}, {"MET", 60}, {"MEST", 120},
        {"WEST", 60}, {"EET", 120}, {"EEST", 180}, {"MSK", 180},
        {"JST", 540}, {"KST", 540}, {"HKT", 480}, {"SGT", 480},
        {"AEST", 600}, {"AEDT", 660}, {"ACST", 570}, {"AWST", 480}, {"NZST", 720}, {"NZDT", 780},
    };
    // clang-format on
    for (const auto &z : zones) {
        if (zone.compare(QLatin1String(z.name), Qt::CaseInsensitive) == 0) {
            *minutes = z.minutes;
            return true;
        }
    }
    // RFC 2822 §4.3: the military letters (RFC 822 got their signs wrong) and other alphabetic zones whose
    // meaning is not known are equivalent to -0000, i.e. UTC.
    if (zone.size() <= 5) {
        *minutes = 0;
        return true;
    }
    return false;
}

int monthFromName(QStringView name)
{
    static const char *const months[] = { "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december" };
    if (name.size() < 3)
        return 0;
    for (int i = 0; i < 12; ++i) {
        const QLatin1String full(months[i]);
        if (name.compare(full, Qt::CaseInsensitive) == 0 || name.compare(full.left(3), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return name.compare(u"sept", Qt::CaseInsensitive) == 0 ? 9 : 0;
}

// "+0100", "-05:00", "+01", "+1" (hours may have one digit only when `shortHours`) → minutes east of UTC.
bool numericZone(QStringView zone, int *minutes, bool shortHours = false)
{
    if (zone.size() < 2 || (zone.at(0) != u'+' && zone.at(0) != u'-'))
        return false;
    QString digits = zone.mid(1).toString();
    const qsizetype colon = digits.indexOf(u':');
    if (colon == 1 || (digits.size() == 1 || digits.size() == 3)) {
        if (!shortHours)
            return false;
        digits.prepend(u'0'); // "+1", "+1:00", "+100"
    }
    digits.remove(u':');
    if (digits.size() == 2)
        digits += QStringLiteral("00");
    if (digits.size() != 4)
        return false;
    for (const QChar c : digits) {
        if (!c.isDigit())
            return false;
    }
    const int hh = digits.left(2).toInt();
    const int mm = digits.mid(2).toInt();
    if (hh > 23 || mm > 59)
        return false;
    *minutes = (hh * 60 + mm) * (zone.at(0) == u'-' ? -1 : 1);
    return true;
}

// Any zone this parser accepts → minutes east of UTC at that local date and time.
bool zoneOffset(QStringView zone, const QDate &date, const QTime &time, int *minutes)
{
    *minutes = 0;
    if (zone.isEmpty())
        return true; // no zone: UTC, as RFC 3339 readers commonly assume
    if (zone.at(0) == u'+' || zone.at(0) == u'-')
        return numericZone(zone, minutes);
    if (zone.startsWith(u"Etc/", Qt::CaseInsensitive)) {
        // tzdata's Etc zones: Etc/GMT+5 is five hours *behind* UTC (POSIX signs).
        static const QRegularExpression etc(
            QStringLiteral(R"(^Etc/(?:GMT|UTC|UCT|Zulu|Universal|Greenwich)(?:([+-])(\d{1,2}))?$)"),
            QRegularExpression::CaseInsensitiveOption);
        const auto m = etc.match(zone.toString());
        if (!m.hasMatch())
            return false;
        if (m.hasCaptured(2)) {
            const int hours = m.capturedView(2).toInt();
            if (hours > 14)
                return false;
            *minutes = (m.capturedView(1) == u"+" ? -60 : 60) * hours;
        }
        return true;
    }
    static const QRegularExpression utcPlus(
        QStringLiteral(R"(^(?:GMT|UTC|UT)([+-]\d{1,2}(?::?\d{2})?)$)"), QRegularExpression::CaseInsensitiveOption);
    if (const auto m = utcPlus.match(zone.toString()); m.hasMatch())
        return numericZone(m.capturedView(1), minutes, true);
    if (zone.contains(u'/')) { // an IANA name
        const QTimeZone tz(zone.toLatin1());
        if (!tz.isValid())
            return false;
        *minutes = QDateTime(date, time, tz).offsetFromUtc() / 60;
        return true;
    }
    for (const QChar c : zone) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')))
            return false;
    }
    return namedZoneOffsetMinutes(zone, minutes);
}

QDateTime build(int year, int month, int day, int hour, int minute, int second, int msec, QStringView zone)
{
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 60)
        return {};
    const QTime time(hour, minute, qMin(second, 59), msec); // a leap second becomes :59
    if (!time.isValid())
        return {};
    int offset = 0;
    if (!zoneOffset(zone, date, time, &offset))
        return {};
    return QDateTime(date, time, Qt::UTC).addSecs(-qint64(offset) * 60);
}

int milliseconds(QStringView fraction)
{
    return fraction.isEmpty() ? 0 : QString(fraction.toString() + QStringLiteral("00")).left(3).toInt();
}

// W3C-DTF (https://www.w3.org/TR/NOTE-datetime) and RFC 3339, with the deviations listed in the header.
QDateTime parseIso(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?)?)?$)"));
    const auto m = re.match(s);
    if (!m.hasMatch())
        return {};
    const int month = m.hasCaptured(2) ? m.capturedView(2).toInt() : 1;
    const int day = m.hasCaptured(3) ? m.capturedView(3).toInt() : 1;
    QStringView zone = m.capturedView(8);
    if (zone == u"Z" || zone == u"z")
        zone = {};
    return build(m.capturedView(1).toInt(), month, day, m.capturedView(4).toInt(), m.capturedView(5).toInt(),
        m.capturedView(6).toInt(), milliseconds(m.capturedView(7)), zone);
}

int rfcYear(QStringView digits)
{
    const int year = digits.toInt();
    if (digits.size() == 2)
        return year + (year < 50 ? 2000 : 1900); // RFC 2822 §4.3
    if (digits.size() == 3)
        return year + 1900;
    return year;
}

QDateTime parseRfc822(QString s)
{
    // A trailing comment ("(CEST)", "(Central European Summer Time)") says nothing the zone does not.
    static const QRegularExpression comment(QStringLiteral(R"(\s*\([^()]*\)$)"));
    s.remove(comment);
    s.replace(u',', u' ');
    s = s.simplified();

    // clang-format off
    static const QString weekday = QStringLiteral(R"((?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+)?)");
    static const QString month = QStringLiteral(R"(([a-z]{3,9})\.?)");
    static const QString time = QStringLiteral(R"((\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)");
    static const QString zone = QStringLiteral(R"(([+-]\d{2}(?::?\d{2})?|[a-z][a-z/_]*(?:[+-]\d{1,2}(?::?\d{2})?)?))");
    const auto ci = QRegularExpression::CaseInsensitiveOption;
    // RFC 822: [Weekday] day month year [time [zone]] (also "05-Mar-2024").
    static const QRegularExpression dayMonthYear(u'^' + weekday + QStringLiteral(R"((\d{1,2})[\s-]+)") + month
        + QStringLiteral(R"([\s-]+(\d{2,4}))") + QStringLiteral("(?:\\s+") + time + QStringLiteral(")?(?:\\s+")
        + zone + QStringLiteral(")?$"), ci);
    // JavaScript's Date.toString(): [Weekday] month day year [time [zone]].
    static const QRegularExpression monthDayYear(u'^' + weekday + month + QStringLiteral(R"(\s+(\d{1,2})\s+(\d{4}))")
        + QStringLiteral("(?:\\s+") + time + QStringLiteral(")?(?:\\s+") + zone + QStringLiteral(")?$"), ci);
    // asctime() and date(1): [Weekday] month day time [zone] year.
    static const QRegularExpression asctime(u'^' + weekday + month + QStringLiteral(R"(\s+(\d{1,2})\s+)") + time
        + QStringLiteral("(?:\\s+") + zone + QStringLiteral(R"()?\s+(\d{4})$)"), ci);
    // clang-format on

    if (const auto m = dayMonthYear.match(s); m.hasMatch()) {
        const int mon = monthFromName(m.capturedView(2));
        if (mon == 0)
            return {};
        return build(rfcYear(m.capturedView(3)), mon, m.capturedView(1).toInt(), m.capturedView(4).toInt(),
            m.capturedView(5).toInt(), m.capturedView(6).toInt(), milliseconds(m.capturedView(7)), m.capturedView(8));
    }
    if (const auto m = monthDayYear.match(s); m.hasMatch()) {
        const int mon = monthFromName(m.capturedView(1));
        if (mon == 0)
            return {};
        return build(m.capturedView(3).toInt(), mon, m.capturedView(2).toInt(), m.capturedView(4).toInt(),
            m.capturedView(5).toInt(), m.capturedView(6).toInt(), milliseconds(m.capturedView(7)), m.capturedView(8));
    }
    if (const auto m = asctime.match(s); m.hasMatch()) {
        const int mon = monthFromName(m.capturedView(1));
        if (mon == 0)
            return {};
        return build(m.capturedView(8).toInt(), mon, m.capturedView(2).toInt(), m.capturedView(3).toInt(),
            m.capturedView(4).toInt(), m.capturedView(5).toInt(), milliseconds(m.capturedView(6)), m.capturedView(7));
    }
    return {};
}

} // namespace

QDateTime FeedDate::parse(QStringView text)
{
    const QString s = text.left(100).toString().simplified();
    if (s.isEmpty())
        return {};
    const bool startsWithYear = s.size() >= 4 && s.at(0).isDigit() && s.at(1).isDigit() && s.at(2).isDigit()
        && s.at(3).isDigit() && (s.size() == 4 || s.at(4) == u'-');
    if (startsWithYear)
        return parseIso(s); // a year first is W3C-DTF or nothing: never guessed at
    return parseRfc822(s);
}
