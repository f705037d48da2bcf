#include "validation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

#include <optional>

namespace Validation {
namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Validation)
};

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty();
}

// A web address QUrl would give back as written (less one trailing slash after a path), found without parsing it (an import
// checks a website on most rows; QUrl's parse was ~3 % of bench_import): "http://" or "https://", a host of
// lower-case letters, digits, '-' and '.' in labels of 1 to 63 that start and end with a letter or digit, the
// last one starting with a letter (so no IPv4 form), no IDN ("xn--") label, then nothing or a path of
// unreserved characters (letters, digits, - . _ ~) in segments none of which is empty (but the last), "." or
// "..". tst_validation holds it against QUrl.
std::optional<QString> plainHttpUrl(const QString &h)
{
    const QStringView v(h);
    qsizetype i = v.startsWith(u"https://") ? 8 : v.startsWith(u"http://") ? 7 : 0;
    if (i == 0 || v.size() > 2000)
        return std::nullopt;
    auto isLowerAlnum = [](char16_t c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'); };
    const qsizetype hostStart = i;
    qsizetype label = i;
    for (; i < v.size() && v.at(i) != u'/'; ++i) {
        const char16_t c = v.at(i).unicode();
        if (c == u'.') {
            if (i == label || v.at(i - 1) == u'-' || i - label > 63)
                return std::nullopt;
            label = i + 1;
        } else if (c == u'-') {
            if (i == label)
                return std::nullopt;
        } else if (!isLowerAlnum(c)) {
            return std::nullopt;
        }
    }
    const qsizetype hostEnd = i;
    if (hostEnd == label || v.at(hostEnd - 1) == u'-' || hostEnd - label > 63 || hostEnd - hostStart > 253
        || v.at(label) < u'a' || v.at(label) > u'z' || v.sliced(hostStart, hostEnd - hostStart).contains(u"xn--"))
        return std::nullopt;
    qsizetype segment = i; // at a '/' (or the end)
    auto dotSegment = [&v](qsizetype from, qsizetype to) {
        const QStringView s = v.sliced(from, to - from);
        return s == u"." || s == u"..";
    };
    for (; i < v.size(); ++i) {
        const char16_t c = v.at(i).unicode();
        if (c == u'/') {
            if (i > hostEnd && (i == segment + 1 || dotSegment(segment + 1, i)))
                return std::nullopt;
            segment = i;
        } else if (!isLowerAlnum(c) && !(c >= u'A' && c <= u'Z') && c != u'-' && c != u'.' && c != u'_'
            && c != u'~') {
            return std::nullopt;
        }
    }
    if (segment < v.size() && dotSegment(segment + 1, v.size()))
        return std::nullopt;
    // QUrl::StripTrailingSlash keeps a path that is only "/".
    return h.endsWith(u'/') && h.size() - 1 > hostEnd ? h.chopped(1) : h;
}

} // namespace

bool isValidEmail(const QString &email)
{
    static const QRegularExpression re(QStringLiteral(R"(^[^@\s<>(),;:"\[\]]+@[^@\s<>(),;:"\[\]]+\.[^@\s<>(),;:"\[\].]{2,}$)"));
    return email.size() <= 254 && re.match(email).hasMatch();
}

QString normalizeEmail(const QString &email)
{
    return email.trimmed().toLower();
}

Result<QString> normalizeHandle(const QString &network, const QString &handle)
{
    const QString h = handle.trimmed();
    if (h.isEmpty())
        return Error::validation(network, Tr::tr("The handle is empty."));
    if (network == u"email") {
        if (!isValidEmail(h))
            return Error::validation(network, Tr::tr("“%1” is not a valid email address.").arg(h));
        return normalizeEmail(h);
    }
    if (network == u"mastodon") {
        static const QRegularExpression re(QStringLiteral(R"(^@?([A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$)"));
        const auto m = re.match(h);
        if (!m.hasMatch())
            return Error::validation(
                network, Tr::tr("“%1” is not a Mastodon handle: write it as @user@server.").arg(h));
        return QString(m.captured(1).toLower() + u'@' + m.captured(2).toLower());
    }
    if (network == u"bluesky") {
        static const QRegularExpression did(QStringLiteral(R"(^did:(plc:[a-z2-7]{24}|web:[A-Za-z0-9.-]+)$)"));
        if (did.match(h).hasMatch())
            return h;
        static const QRegularExpression re(QStringLiteral(R"(^@?((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)$)"));
        const auto m = re.match(h);
        if (!m.hasMatch() || h.size() > 253)
            return Error::validation(
                network, Tr::tr("“%1” is not a Bluesky handle or DID (like name.bsky.social).").arg(h));
        return m.captured(1).toLower();
    }
    if (network == u"feed" || network == u"website" || network == u"linkedin") {
        if (std::optional<QString> plain = plainHttpUrl(h))
            return *plain;
        // Parsed once, strictly (isHttpUrl's test): what passes parses the same in the tolerant mode, which
        // only repairs what the strict one rejects.
        QUrl url(h, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            return Error::validation(
                network, Tr::tr("“%1” is not a web address starting with http:// or https://.").arg(h));
        url.setHost(url.host().toLower());
        return url.toString(QUrl::StripTrailingSlash);
    }
    if (network == u"x") {
        static const QRegularExpression re(QStringLiteral(R"(^@?([A-Za-z0-9_]{1,15})$)"));
        const auto m = re.match(h);
        if (!m.hasMatch())
            return Error::validation(
                network, Tr::tr("“%1” is not an X handle (up to 15 letters, digits or _).").arg(h));
        return m.captured(1).toLower();
    }
    return Error::validation(network, Tr::tr("Unknown network “%1”.").arg(network));
}

Status validateContact(Contact &c)
{
    if (Status s = validateContactFields(c); !s)
        return s;
    for (ContactEmail &e : c.emails) {
        e.email = e.email.trimmed();
        if (!isValidEmail(e.email))
            return Error::validation(
                QStringLiteral("emails"), Tr::tr("“%1” is not a valid email address.").arg(e.email));
    }
    for (Handle &h : c.handles) {
        Result<QString> n = normalizeHandle(h.network, h.handle);
        if (!n)
            return n.error();
        h.handle = h.handle.trimmed();
        h.normalized = *n;
    }
    return {};
}

Status validateContactFields(Contact &c)
{
    c.firstName = c.firstName.trimmed();
    c.lastName = c.lastName.trimmed();
    c.displayName = c.displayName.trimmed();
    if (c.displayName.isEmpty())
        c.displayName = QStringList{c.firstName, c.lastName}.join(u' ').trimmed();
    if (c.displayName.isEmpty())
        return Error::validation(QStringLiteral("displayName"), Tr::tr("A contact needs a name."));
    if (c.displayName.size() > kMaxNameLength || c.firstName.size() > kMaxNameLength
        || c.lastName.size() > kMaxNameLength || c.title.size() > kMaxNameLength)
        return Error::validation(QStringLiteral("displayName"),
            Tr::tr("Names and titles can be at most %1 characters long.").arg(kMaxNameLength));
    if (c.notes.size() > kMaxNotesLength)
        return Error::validation(QStringLiteral("notes"), Tr::tr("The notes are longer than one million characters."));
    if (!Contact::kinds().contains(c.kind))
        return Error::validation(QStringLiteral("kind"), Tr::tr("Unknown kind of contact “%1”.").arg(c.kind));
    if (c.reach < 0)
        return Error::validation(QStringLiteral("reach"), Tr::tr("The reach cannot be negative."));
    return {};
}

Status validateOrganization(Organization &o)
{
    o.name = o.name.trimmed();
    if (o.name.isEmpty())
        return Error::validation(QStringLiteral("name"), Tr::tr("An organization needs a name."));
    if (o.name.size() > kMaxNameLength)
        return Error::validation(
            QStringLiteral("name"), Tr::tr("The name can be at most %1 characters long.").arg(kMaxNameLength));
    if (!Organization::kinds().contains(o.kind))
        return Error::validation(QStringLiteral("kind"), Tr::tr("Unknown kind of organization “%1”.").arg(o.kind));
    if (!o.website.isEmpty() && !isHttpUrl(o.website))
        return Error::validation(QStringLiteral("website"),
            Tr::tr("“%1” is not a web address starting with http:// or https://.").arg(o.website));
    return {};
}

} // namespace Validation
