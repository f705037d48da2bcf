#include "interchange/vcardwriter.h"

#include "interchange/contentline.h"

using namespace Qt::StringLiterals;

namespace {

using VCard::Parameter;
using VCard::Property;

// A parameter value with ':' ';' or ',' must be quoted (RFC 6350 5, RFC 2426 4); a quote cannot appear in one.
QString parameterValue(QString value)
{
    value.remove(u'"');
    value.replace(u'\n', u' ').replace(u'\r', u' ');
    if (value.contains(u':') || value.contains(u';') || value.contains(u','))
        return u'"' + value + u'"';
    return value;
}

QByteArray line(const Property &p)
{
    QString text;
    if (!p.group.isEmpty())
        text += p.group + u'.';
    text += p.name;
    for (const Parameter &param : p.parameters) {
        text += u';' + param.name + u'=';
        for (qsizetype i = 0; i < param.values.size(); ++i) {
            if (i > 0)
                text += u',';
            text += parameterValue(param.values.at(i));
        }
    }
    text += u':' + p.value;
    return text.toUtf8();
}

// The TYPE vCard has for a label of Rapport's, or empty: then the label goes in an X-ABLabel.
QString typeFor(const QString &label, bool phone)
{
    if (label == u"work" || label == u"home")
        return label;
    if (phone && label == u"mobile")
        return u"cell"_s;
    if (!phone && label == u"personal")
        return u"home"_s;
    return QString();
}

// Adds EMAIL or TEL properties in their order; the first is the preferred one.
void addLabelled(VCard::Card &card, const QString &name, const QList<std::pair<QString, QString>> &values,
    VCardWriter::Version version, int &group)
{
    for (qsizetype i = 0; i < values.size(); ++i) {
        const auto &[label, value] = values.at(i);
        Property p = Property::fromText(name, value);
        const QString type = typeFor(label, name == u"TEL");
        if (version == VCardWriter::Version::V30 && name == u"EMAIL")
            p.addType(u"internet"_s);
        if (!type.isEmpty())
            p.addType(type);
        if (i == 0) {
            if (version == VCardWriter::Version::V40)
                p.parameters.append(Parameter { u"PREF"_s, { u"1"_s } });
            else
                p.addType(u"pref"_s);
        }
        // Other apps read TYPE or the X-ABLabel; Rapport reads its label back exactly.
        if (!label.isEmpty() && label != u"work" && label != u"home" && label != u"mobile")
            p.parameters.append(Parameter { u"X-RAPPORT-LABEL"_s, { label } });
        if (type.isEmpty() && !label.isEmpty()) {
            p.group = u"item%1"_s.arg(++group);
            card.properties.append(p);
            Property ab = Property::fromText(u"X-ABLabel"_s, label);
            ab.group = p.group;
            card.properties.append(ab);
        } else {
            card.properties.append(p);
        }
    }
}

Property social(const QString &type, const QString &value)
{
    Property p = Property::fromText(u"X-SOCIALPROFILE"_s, value);
    p.addType(type);
    return p;
}

} // namespace

namespace VCardWriter {

std::optional<Version> versionFromKey(QStringView key)
{
    const QString k = key.trimmed().toString();
    if (k == u"4.0" || k == u"4")
        return Version::V40;
    if (k == u"3.0" || k == u"3")
        return Version::V30;
    return std::nullopt;
}

QString versionKey(Version version)
{
    return version == Version::V40 ? u"4.0"_s : u"3.0"_s;
}

VCard::Card fromContact(const Contact &c, const QString &ownerName, Version version)
{
    VCard::Card card;
    card.version = versionKey(version);
    auto &props = card.properties;
    if (version == Version::V40)
        props.append(Property::fromText(u"KIND"_s, u"individual"_s));
    props.append(Property::fromComponents(u"N"_s, { c.lastName, c.firstName, QString(), QString(), QString() }));
    props.append(Property::fromText(u"FN"_s, c.displayName));
    if (!c.organizationName.isEmpty())
        props.append(Property::fromComponents(u"ORG"_s, { c.organizationName }));
    if (!c.title.isEmpty())
        props.append(Property::fromText(u"TITLE"_s, c.title));
    int group = 0;
    QList<std::pair<QString, QString>> emails, phones;
    for (const ContactEmail &e : c.emails)
        emails.append({ e.label, e.email });
    for (const ContactPhone &p : c.phones)
        phones.append({ p.label, p.phone });
    addLabelled(card, u"EMAIL"_s, emails, version, group);
    addLabelled(card, u"TEL"_s, phones, version, group);
    if (!c.city.isEmpty() || !c.country.isEmpty()) {
        Property adr = Property::fromComponents(
            u"ADR"_s, { QString(), QString(), QString(), c.city, QString(), QString(), c.country });
        adr.addType(u"work"_s);
        props.append(adr);
    }
    if (!c.timeZone.isEmpty()) {
        Property tz = Property::fromText(u"TZ"_s, c.timeZone);
        if (version == Version::V30) // 3.0's TZ is a UTC offset unless it says it is text
            tz.parameters.append(Parameter { u"VALUE"_s, { u"text"_s } });
        props.append(tz);
    }
    for (const Handle &h : c.handles) {
        if (h.network == u"website") {
            props.append(Property::fromText(u"URL"_s, h.handle));
        } else if (h.network == u"x") {
            QString user = h.handle;
            if (user.startsWith(u'@'))
                user = user.mid(1);
            Property p = social(u"x"_s, u"https://x.com/"_s + user);
            p.parameters.append(Parameter { u"X-USER"_s, { h.handle } });
            props.append(p);
        } else if (h.network != u"email") { // email handles are the EMAIL properties' business
            props.append(social(h.network, h.handle));
        }
    }
    if (!c.tags.isEmpty()) {
        QStringList escaped;
        for (const QString &tag : c.tags)
            escaped.append(VCard::escape(tag));
        Property categories;
        categories.name = u"CATEGORIES"_s;
        categories.value = escaped.join(u',');
        props.append(categories);
    }
    if (!c.notes.isEmpty())
        props.append(Property::fromText(u"NOTE"_s, c.notes));
    props.append(Property::fromText(u"X-RAPPORT-KIND"_s, c.kind));
    if (!c.beats.isEmpty()) {
        QStringList escaped;
        for (const QString &beat : c.beats)
            escaped.append(VCard::escape(beat));
        Property beats;
        beats.name = u"X-RAPPORT-BEATS"_s;
        beats.value = escaped.join(u',');
        props.append(beats);
    }
    if (c.reach > 0)
        props.append(Property::fromText(u"X-RAPPORT-REACH"_s, QString::number(c.reach)));
    if (c.doNotContact)
        props.append(Property::fromText(u"X-RAPPORT-DO-NOT-CONTACT"_s, u"yes"_s));
    if (!c.consentBasis.isEmpty())
        props.append(Property::fromText(u"X-RAPPORT-CONSENT"_s, c.consentBasis));
    if (!ownerName.isEmpty())
        props.append(Property::fromText(u"X-RAPPORT-OWNER"_s, ownerName));
    return card;
}

QByteArray write(const VCard::Card &card, Version version)
{
    QByteArray out;
    out.reserve(512);
    out += "BEGIN:VCARD\r\n";
    out += version == Version::V40 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n";
    for (const Property &p : card.properties)
        ContentLine::append(out, line(p));
    out += "END:VCARD\r\n";
    return out;
}

} // namespace VCardWriter
