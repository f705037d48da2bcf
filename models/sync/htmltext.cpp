#include "sync/htmltext.h"

#include <QHash>

namespace {

const QHash<QString, char32_t> &namedEntities()
{
    static const QHash<QString, char32_t> entities = {
        {QStringLiteral("amp"), U'&'}, {QStringLiteral("lt"), U'<'}, {QStringLiteral("gt"), U'>'},
        {QStringLiteral("quot"), U'"'}, {QStringLiteral("apos"), U'\''}, {QStringLiteral("nbsp"), 0xA0},
        {QStringLiteral("ndash"), 0x2013}, {QStringLiteral("mdash"), 0x2014}, {QStringLiteral("hellip"), 0x2026},
        {QStringLiteral("lsquo"), 0x2018}, {QStringLiteral("rsquo"), 0x2019}, {QStringLiteral("ldquo"), 0x201C},
        {QStringLiteral("rdquo"), 0x201D}, {QStringLiteral("copy"), 0xA9}, {QStringLiteral("reg"), 0xAE},
        {QStringLiteral("trade"), 0x2122}, {QStringLiteral("euro"), 0x20AC}, {QStringLiteral("pound"), 0xA3},
        {QStringLiteral("laquo"), 0xAB}, {QStringLiteral("raquo"), 0xBB}, {QStringLiteral("middot"), 0xB7},
        {QStringLiteral("bull"), 0x2022}, {QStringLiteral("eacute"), 0xE9}, {QStringLiteral("egrave"), 0xE8},
        {QStringLiteral("aacute"), 0xE1}, {QStringLiteral("agrave"), 0xE0}, {QStringLiteral("ouml"), 0xF6},
        {QStringLiteral("auml"), 0xE4}, {QStringLiteral("uuml"), 0xFC}, {QStringLiteral("Ouml"), 0xD6},
        {QStringLiteral("Auml"), 0xC4}, {QStringLiteral("Uuml"), 0xDC}, {QStringLiteral("szlig"), 0xDF},
        {QStringLiteral("ccedil"), 0xE7}, {QStringLiteral("ntilde"), 0xF1}, {QStringLiteral("iacute"), 0xED},
        {QStringLiteral("oacute"), 0xF3}, {QStringLiteral("uacute"), 0xFA}, {QStringLiteral("shy"), 0xAD},
    };
    return entities;
}

void appendCodePoint(QString &out, char32_t cp)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    const char32_t one[1] = {cp};
    out += QString::fromUcs4(one, 1);
}

bool isBlockTag(QStringView name)
{
    static const char *const blocks[] = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                                         "blockquote", "pre", "ul", "ol", "table", "hr", "section", "article"};
    for (const char *b : blocks) {
        if (name.compare(QLatin1String(b), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QString HtmlText::decodeEntities(const QString &text)
{
    if (!text.contains(u'&'))
        return text;
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c != u'&') {
            out += c;
            continue;
        }
        // Look only a short way ahead for the ';' so that text full of '&' stays linear.
        const qsizetype semi = QStringView(text).mid(i + 1, 12).indexOf(u';') < 0 ? -1 : text.indexOf(u';', i + 1);
        if (semi < 0 || semi - i > 12) {
            out += c;
            continue;
        }
        const QString name = text.mid(i + 1, semi - i - 1);
        bool ok = false;
        char32_t cp = 0;
        if (name.startsWith(u'#')) {
            if (name.size() > 1 && (name.at(1) == u'x' || name.at(1) == u'X'))
                cp = name.mid(2).toUInt(&ok, 16);
            else
                cp = name.mid(1).toUInt(&ok, 10);
        } else {
            const auto it = namedEntities().constFind(name);
            ok = it != namedEntities().constEnd();
            if (ok)
                cp = *it;
        }
        if (!ok) {
            out += c;
            continue;
        }
        appendCodePoint(out, cp);
        i = semi;
    }
    return out;
}

QString HtmlText::toPlainText(const QString &html)
{
    QString raw;
    raw.reserve(html.size());
    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = html.at(i);
        if (c != u'<') {
            raw += c;
            ++i;
            continue;
        }
        if (html.mid(i, 4) == u"<!--") {
            const qsizetype end = html.indexOf(u"-->", i + 4);
            i = end < 0 ? n : end + 3;
            continue;
        }
        const qsizetype close = html.indexOf(u'>', i + 1);
        if (close < 0) { // no '>' anywhere after this: the rest is text (stays linear for text full of '<')
            raw += QStringView(html).mid(i);
            break;
        }
        QStringView tag = QStringView(html).mid(i + 1, close - i - 1).trimmed();
        const bool closing = tag.startsWith(u'/');
        if (closing)
            tag = tag.mid(1);
        qsizetype nameEnd = 0;
        while (nameEnd < tag.size() && (tag.at(nameEnd).isLetterOrNumber()))
            ++nameEnd;
        const QStringView name = tag.left(nameEnd);
        i = close + 1;
        if (!closing && (name.compare(u"script", Qt::CaseInsensitive) == 0
                         || name.compare(u"style", Qt::CaseInsensitive) == 0
                         || name.compare(u"head", Qt::CaseInsensitive) == 0)) {
            const QString end = QStringLiteral("</") + name.toString();
            const qsizetype e = html.indexOf(end, i, Qt::CaseInsensitive);
            if (e < 0) {
                i = n;
            } else {
                const qsizetype g = html.indexOf(u'>', e);
                i = g < 0 ? n : g + 1;
            }
            continue;
        }
        if (isBlockTag(name))
            raw += u'\n';
    }

    const QString decoded = decodeEntities(raw);
    // Collapse spaces within lines and blank-line runs to one empty line.
    QString out;
    out.reserve(decoded.size());
    bool pendingSpace = false;
    int newlines = 0;
    for (const QChar ch : decoded) {
        if (ch == u'\n') {
            pendingSpace = false;
            ++newlines;
            continue;
        }
        if (ch.isSpace() && ch != QChar(0xA0)) {
            pendingSpace = true;
            continue;
        }
        if (!out.isEmpty()) {
            if (newlines > 0)
                out += newlines > 1 ? QStringLiteral("\n\n") : QStringLiteral("\n");
            else if (pendingSpace)
                out += u' ';
        }
        newlines = 0;
        pendingSpace = false;
        out += ch == QChar(0xA0) ? QChar(u' ') : ch;
    }
    return out;
}
