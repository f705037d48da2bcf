#include "interchange/vcard.h"

#include <algorithm>

namespace VCard {

QString escape(const QString &text)
{
    // Most values need no escape: they are shared, not copied character by character.
    const auto special = [](QChar c) {
        return c == u'\\' || c == u',' || c == u';' || c == u'\r' || c == u'\n';
    };
    if (std::none_of(text.cbegin(), text.cend(), special))
        return text;
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u',':
            out += QLatin1String("\\,");
            break;
        case u';':
            out += QLatin1String("\\;");
            break;
        case u'\r':
            if (i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            out += QLatin1String("\\n");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString unescape(QStringView escaped)
{
    QString out;
    out.reserve(escaped.size());
    for (qsizetype i = 0; i < escaped.size(); ++i) {
        const QChar c = escaped.at(i);
        if (c != u'\\' || i + 1 >= escaped.size()) {
            out += c;
            continue;
        }
        const QChar n = escaped.at(++i);
        if (n == u'n' || n == u'N')
            out += u'\n';
        else if (n == u',' || n == u';' || n == u'\\' || n == u':')
            out += n;
        else {
            // Not an escape vCard defines (a Windows path in a NOTE): kept as written.
            out += c;
            out += n;
        }
    }
    return out;
}

QStringList splitEscaped(QStringView value, QChar separator)
{
    QStringList parts;
    qsizetype start = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value.at(i) == u'\\') {
            ++i;
            continue;
        }
        if (value.at(i) == separator) {
            parts.append(value.mid(start, i - start).toString());
            start = i + 1;
        }
    }
    parts.append(value.mid(start).toString());
    return parts;
}

QStringList Property::parameterValues(QStringView parameterName) const
{
    QStringList values;
    for (const Parameter &p : parameters)
        if (p.name.compare(parameterName, Qt::CaseInsensitive) == 0)
            values += p.values;
    return values;
}

bool Property::hasParameter(QStringView parameterName) const
{
    for (const Parameter &p : parameters)
        if (p.name.compare(parameterName, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QStringList Property::types() const
{
    QStringList result;
    for (const QString &value : parameterValues(u"TYPE")) {
        const QString type = value.trimmed().toLower();
        if (type.isEmpty() || type == u"pref" || type == u"internet" || type == u"x400" || result.contains(type))
            continue;
        result.append(type);
    }
    return result;
}

int Property::preference() const
{
    for (const QString &value : parameterValues(u"PREF")) {
        bool ok = false;
        const int n = value.toInt(&ok);
        return ok && n >= 1 && n <= 100 ? n : 1;
    }
    for (const QString &value : parameterValues(u"TYPE"))
        if (value.trimmed().compare(u"pref", Qt::CaseInsensitive) == 0)
            return 1;
    return 100;
}

bool Property::isPreferred() const
{
    return preference() < 100;
}

QString Property::text() const
{
    return unescape(value);
}

QStringList Property::components() const
{
    QStringList parts = splitEscaped(value, u';');
    for (QString &part : parts)
        part = unescape(part);
    return parts;
}

QStringList Property::listValues() const
{
    QStringList parts = splitEscaped(value, u',');
    for (QString &part : parts)
        part = unescape(part).trimmed();
    parts.removeAll(QString());
    return parts;
}

void Property::addType(const QString &type)
{
    for (Parameter &p : parameters) {
        if (p.name == u"TYPE") {
            p.values.append(type);
            return;
        }
    }
    parameters.append(Parameter { QStringLiteral("TYPE"), { type } });
}

Property Property::fromText(const QString &name, const QString &text)
{
    Property p;
    p.name = name.toUpper();
    p.value = escape(text);
    return p;
}

Property Property::fromComponents(const QString &name, const QStringList &components)
{
    Property p;
    p.name = name.toUpper();
    QStringList escaped;
    for (const QString &c : components)
        escaped.append(escape(c));
    p.value = escaped.join(u';');
    return p;
}

QList<Property> Card::all(QStringView name) const
{
    QList<Property> result;
    for (const Property &p : properties)
        if (p.name.compare(name, Qt::CaseInsensitive) == 0)
            result.append(p);
    return result;
}

const Property *Card::first(QStringView name) const
{
    for (const Property &p : properties)
        if (p.name.compare(name, Qt::CaseInsensitive) == 0)
            return &p;
    return nullptr;
}

QString Card::groupLabel(const Property &property) const
{
    if (property.group.isEmpty())
        return QString();
    for (const Property &p : properties)
        if (p.name == u"X-ABLABEL" && p.group.compare(property.group, Qt::CaseInsensitive) == 0) {
            QString label = p.text().trimmed();
            // Apple's built-in labels are written as _$!<HomePage>!$_.
            if (label.startsWith(QLatin1String("_$!<")) && label.endsWith(QLatin1String(">!$_")))
                label = label.mid(4, label.size() - 8);
            return label;
        }
    return QString();
}

} // namespace VCard
