#include "url.h"

#include <QCoreApplication>
#include <QList>
#include <QUrl>

#include <algorithm>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Url)
};

constexpr int kMaxLength = 8000;

// Parameters that say how a reader arrived, never which page it is. Compared in lower case; utm_* is a
// prefix rule (below).
const char *const kTracking[] = {
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "twclid",
    "yclid",
    "ttclid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "igshid",
    "igsh",
    "_hsenc",
    "_hsmi",
    "__hstc",
    "__hssc",
    "__hsfp",
    "hsctatracking",
    "ref_src",
    "ref_url",
    "_ga",
    "_gl",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "vero_conv",
    "s_cid",
    "wt.mc_id",
    "ocid",
    "cmpid",
    "sr_share",
    "spm",
    "at_medium",
    "at_campaign",
    "rss",
    "ncid",
    "cmp",
    "src_trk",
    "__twitter_impression",
};

bool isTracking(const QString &name)
{
    const QString lower = name.toLower();
    if (lower.startsWith(u"utm_") || lower.startsWith(u"pk_") || lower.startsWith(u"mtm_"))
        return true;
    for (const char *t : kTracking)
        if (lower == QLatin1StringView(t))
            return true;
    return false;
}

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '~';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// RFC 3986 §6.2.2.1/§6.2.2.2: escapes of unreserved characters decoded, the others in upper-case hex; any
// byte outside printable ASCII escaped (the input is already UTF-8 encoded by QUrl).
QByteArray canonicalEscapes(const QByteArray &in)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '%' && i + 2 < in.size() && hexValue(in.at(i + 1)) >= 0 && hexValue(in.at(i + 2)) >= 0) {
            const char decoded = char(hexValue(in.at(i + 1)) * 16 + hexValue(in.at(i + 2)));
            if (isUnreserved(decoded)) {
                out += decoded;
            } else {
                out += '%';
                out += hex[(uchar(decoded) >> 4) & 0xF];
                out += hex[uchar(decoded) & 0xF];
            }
            i += 2;
        } else if (uchar(c) <= 0x20 || uchar(c) >= 0x7F) {
            out += '%';
            out += hex[(uchar(c) >> 4) & 0xF];
            out += hex[uchar(c) & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

// RFC 3986 §5.2.4 remove_dot_segments on an absolute path (QUrl::NormalizePathSegments in Qt 6.4 leaves an
// empty segment behind for "/a/./b/../c").
QByteArray removeDotSegments(const QByteArray &path)
{
    QList<QByteArray> out;
    const QList<QByteArray> segments = path.split('/');
    for (qsizetype i = 1; i < segments.size(); ++i) {
        const QByteArray &s = segments.at(i);
        const bool last = i == segments.size() - 1;
        if (s == ".") {
            if (last)
                out.append(QByteArray());
        } else if (s == "..") {
            if (!out.isEmpty())
                out.removeLast();
            if (last)
                out.append(QByteArray());
        } else {
            out.append(s);
        }
    }
    QByteArray result;
    for (const QByteArray &s : std::as_const(out))
        result += '/' + s;
    return result;
}

Error notAUrl(const QString &input)
{
    return Error::validation(QStringLiteral("url"),
        Tr::tr("“%1” is not a web address. Enter the article's address, for example "
               "https://www.example.com/2026/05/story.")
            .arg(input.size() > 80 ? input.left(77) + QStringLiteral("…") : input));
}

struct Param
{
    QByteArray name;
    QByteArray raw; // canonical "name=value" or "name"
};

} // namespace

QString Url::withScheme(const QString &input)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(QStringLiteral("://")))
        return trimmed;
    if (trimmed.startsWith(QStringLiteral("//")))
        return QStringLiteral("https:") + trimmed;
    return QStringLiteral("https://") + trimmed;
}

Result<QString> Url::coverageKey(const QString &input)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return Error::validation(QStringLiteral("url"), Tr::tr("Enter the article's web address."));
    if (trimmed.size() > kMaxLength)
        return Error::validation(
            QStringLiteral("url"), Tr::tr("The web address is longer than %1 characters.").arg(kMaxLength));
    for (QChar c : trimmed)
        if (c.isSpace())
            return notAUrl(trimmed);

    QString text = trimmed;
    const qsizetype colon = text.indexOf(u':');
    const bool hasScheme = text.contains(QStringLiteral("://"))
        || (colon > 0 && !text.left(colon).contains(u'.') && !text.left(colon).contains(u'/')
            && !(colon + 1 < text.size() && text.at(colon + 1).isDigit()));
    if (!hasScheme) // "example.com/story", "//example.com/story", "example.com:8080/story"
        text = withScheme(text);

    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid())
        return notAUrl(trimmed);
    if (scheme != u"http" && scheme != u"https")
        return Error::validation(QStringLiteral("url"),
            Tr::tr("Only web addresses (http:// or https://) can be recorded as coverage, not “%1”.")
                .arg(trimmed.left(80)));

    // Host: QUrl lower-cases it and maps IDN to Unicode (nameprep); toAce gives the one ASCII form.
    QString host = url.host(QUrl::FullyDecoded);
    while (host.endsWith(u'.'))
        host.chop(1);
    if (host.isEmpty())
        return notAUrl(trimmed);
    QByteArray ace = QUrl::toAce(host);
    if (ace.isEmpty())
        return notAUrl(trimmed);
    ace = ace.toLower();
    const bool ipv6 = ace.contains(':');
    if (!ipv6 && !ace.contains('.') && ace != "localhost")
        return notAUrl(trimmed);
    if (ace.startsWith("www.") && ace.count('.') >= 2)
        ace = ace.mid(4);

    QByteArray key = ipv6 ? '[' + ace + ']' : ace;
    const int port = url.port();
    if (port > 0 && port != 80 && port != 443)
        key += ':' + QByteArray::number(port);

    // Path: dot segments removed (QUrl::NormalizePathSegments), escapes canonical, no trailing slash.
    QByteArray path = removeDotSegments(canonicalEscapes(url.path(QUrl::FullyEncoded).toUtf8()));
    while (path.endsWith('/'))
        path.chop(1);
    key += path;

    if (url.hasQuery()) {
        QList<Param> params;
        const QByteArray query = url.query(QUrl::FullyEncoded).toUtf8();
        for (const QByteArray &part : query.split('&')) {
            if (part.isEmpty())
                continue;
            const qsizetype eq = part.indexOf('=');
            const QByteArray name = canonicalEscapes(eq < 0 ? part : part.left(eq));
            if (name.isEmpty())
                continue;
            if (isTracking(QUrl::fromPercentEncoding(name)))
                continue;
            const QByteArray value = eq < 0 ? QByteArray() : canonicalEscapes(part.mid(eq + 1));
            params.append({ name, eq < 0 ? name : name + '=' + value });
        }
        std::stable_sort(params.begin(), params.end(), [](const Param &a, const Param &b) { return a.name < b.name; });
        for (qsizetype i = 0; i < params.size(); ++i)
            key += (i == 0 ? '?' : '&') + params.at(i).raw;
    }
    return QString::fromLatin1(key);
}
