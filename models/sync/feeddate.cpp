#include "sync/feeddate.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace {

// Minutes east of UTC for the zone names feeds use; RFC 822 §5.1 plus common ones seen in the wild.
int namedZoneOffsetMinutes(QStringView zone, bool *known)
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
            *known = true;
            return z.minutes;
        }
    }
    *known = false;
    return 0; // military letters and unknown names: RFC 2822 §4.3 says treat as -0000 (UTC)
}

int monthFromName(QStringView name)
{
    static const char *const months[]
        = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
    if (name.size() < 3)
        return 0;
    const QStringView prefix = name.left(3);
    for (int i = 0; i < 12; ++i) {
        if (prefix.compare(QLatin1String(months[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

// "+0100", "-05:00", "+01" → minutes east of UTC; false if malformed or out of range.
bool numericZone(QStringView zone, int *minutes)
{
    if (zone.size() < 3 || (zone.at(0) != u'+' && zone.at(0) != u'-'))
        return false;
    QString digits = zone.mid(1).toString();
    digits.remove(u':');
    if (digits.size() == 2)
        digits += QStringLiteral("00");
    if (digits.size() != 4)
        return false;
    bool ok = false;
    const int hh = digits.left(2).toInt(&ok);
    if (!ok)
        return false;
    const int mm = digits.mid(2).toInt(&ok);
    if (!ok || hh > 23 || mm > 59)
        return false;
    *minutes = (hh * 60 + mm) * (zone.at(0) == u'-' ? -1 : 1);
    return true;
}

QDateTime build(int year, int month, int day, int hour, int minute, int second, int msec, int offsetMinutes)
{
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 60)
        return {};
    const QTime time(hour, minute, qMin(second, 59), msec); // a leap second becomes :59
    if (!time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC).addSecs(-qint64(offsetMinutes) * 60);
}

QDateTime parseIso(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$)"));
    const auto m = re.match(s);
    if (!m.hasMatch())
        return {};
    int offset = 0;
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && (zone.at(0) == u'+' || zone.at(0) == u'-') && !numericZone(zone, &offset))
        return {};
    const QString fraction = m.captured(7);
    const int msec = fraction.isEmpty() ? 0 : QString(fraction + QStringLiteral("00")).left(3).toInt();
    return build(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt(),
        m.captured(5).toInt(), m.captured(6).toInt(), msec, offset);
}

QDateTime parseRfc822(const QString &s)
{
    // [Weekday[,]] day month year [hh:mm[:ss[.fff]]] [zone]
    static const QRegularExpression re(QStringLiteral(
        R"(^(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:\(?([A-Za-z]{1,5})\)?|([+-]\d{2}:?\d{2}))?(?:\s*\(.*\))?$)"));
    const auto m = re.match(s);
    if (!m.hasMatch())
        return {};
    const int month = monthFromName(m.capturedView(2));
    if (month == 0)
        return {};
    int year = m.captured(3).toInt();
    const int yearDigits = int(m.capturedLength(3));
    if (yearDigits == 2)
        year += year < 50 ? 2000 : 1900;
    else if (yearDigits == 3)
        year += 1900; // RFC 2822 §4.3
    int offset = 0;
    if (m.hasCaptured(8)) {
        if (!numericZone(m.capturedView(8), &offset))
            return {};
    } else if (m.hasCaptured(7)) {
        bool known = false;
        offset = namedZoneOffsetMinutes(m.capturedView(7), &known);
    }
    return build(year, month, m.captured(1).toInt(), m.captured(4).toInt(), m.captured(5).toInt(),
        m.captured(6).toInt(), 0, offset);
}

} // namespace

QDateTime FeedDate::parse(QStringView text)
{
    const QString s = text.left(100).toString().simplified();
    if (s.isEmpty())
        return {};
    if (s.at(0).isDigit() && s.size() >= 5 && s.at(4) == u'-') {
        if (QDateTime iso = parseIso(s); iso.isValid())
            return iso;
    }
    return parseRfc822(s);
}
