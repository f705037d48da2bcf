#include "interchange/csvwriter.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CsvLayouts)
};

const QString kMulti = u" ::: "_s; // Google's separator of several values in one cell, read back by the import

// The handle networks the Rapport layout has a column for ("handle:<network>"); websites have their own.
const QStringList &handleNetworks()
{
    static const QStringList networks { u"email"_s, u"mastodon"_s, u"bluesky"_s, u"x"_s, u"linkedin"_s, u"feed"_s };
    return networks;
}

QStringList handlesOf(const Contact &c, const QString &network)
{
    QStringList values;
    for (const Handle &h : c.handles)
        if (h.network == network)
            values.append(h.handle);
    return values;
}

// "work" -> "Work" as Google and Outlook write labels; custom labels as they are.
QString labelWord(const QString &label)
{
    if (label.isEmpty())
        return u"Other"_s;
    return label.at(0).toUpper() + label.mid(1);
}

QString reachText(qint64 reach)
{
    return reach > 0 ? QString::number(reach) : QString();
}

QStringList rapportHeader()
{
    QStringList h { u"display_name"_s, u"first_name"_s, u"last_name"_s, u"title"_s, u"organization"_s, u"kind"_s,
        u"email"_s, u"email_label"_s, u"phone"_s, u"phone_label"_s };
    for (const QString &network : handleNetworks())
        h.append(u"handle:"_s + network);
    h += { u"website"_s, u"beats"_s, u"tags"_s, u"city"_s, u"country"_s, u"time_zone"_s, u"reach"_s, u"notes"_s,
        u"owner"_s, u"do_not_contact"_s, u"consent"_s };
    return h;
}

QStringList rapportFields(const Contact &c, const QString &owner)
{
    QStringList emails, emailLabels, phones, phoneLabels;
    for (const ContactEmail &e : c.emails) {
        emails.append(e.email);
        emailLabels.append(e.label);
    }
    for (const ContactPhone &p : c.phones) {
        phones.append(p.phone);
        phoneLabels.append(p.label);
    }
    QStringList f { c.displayName, c.firstName, c.lastName, c.title, c.organizationName, c.kind, emails.join(kMulti),
        emailLabels.join(kMulti), phones.join(kMulti), phoneLabels.join(kMulti) };
    for (const QString &network : handleNetworks())
        f.append(handlesOf(c, network).join(kMulti));
    f += { handlesOf(c, u"website"_s).join(kMulti), c.beats.join(kMulti), c.tags.join(kMulti), c.city, c.country,
        c.timeZone, reachText(c.reach), c.notes, owner, c.doNotContact ? u"yes"_s : u"no"_s, c.consentBasis };
    return f;
}

QStringList googleHeader()
{
    return { u"First Name"_s, u"Middle Name"_s, u"Last Name"_s, u"Phonetic First Name"_s, u"Phonetic Middle Name"_s,
        u"Phonetic Last Name"_s, u"Name Prefix"_s, u"Name Suffix"_s, u"Nickname"_s, u"File As"_s,
        u"Organization Name"_s, u"Organization Title"_s, u"Organization Department"_s, u"Birthday"_s, u"Notes"_s,
        u"Photo"_s, u"Labels"_s, u"E-mail 1 - Label"_s, u"E-mail 1 - Value"_s, u"E-mail 2 - Label"_s,
        u"E-mail 2 - Value"_s, u"Phone 1 - Label"_s, u"Phone 1 - Value"_s, u"Phone 2 - Label"_s, u"Phone 2 - Value"_s,
        u"Address 1 - Label"_s, u"Address 1 - City"_s, u"Address 1 - Country"_s, u"Website 1 - Label"_s,
        u"Website 1 - Value"_s };
}

QStringList googleFields(const Contact &c)
{
    // The first value of each kind is the primary one ("* Work"); the others share the second group, one label per
    // value, as Google writes several values of one group.
    auto groups = [](const QStringList &values, const QStringList &labels) {
        QStringList out(4);
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QString label = labelWord(labels.at(i));
            if (i == 0) {
                out[0] = u"* "_s + label;
                out[1] = values.at(i);
            } else {
                out[2] = out[2].isEmpty() ? label : out[2] + kMulti + label;
                out[3] = out[3].isEmpty() ? values.at(i) : out[3] + kMulti + values.at(i);
            }
        }
        return out;
    };
    QStringList emails, emailLabels, phones, phoneLabels;
    for (const ContactEmail &e : c.emails) {
        emails.append(e.email);
        emailLabels.append(e.label);
    }
    for (const ContactPhone &p : c.phones) {
        phones.append(p.phone);
        phoneLabels.append(p.label);
    }
    QStringList labels = c.tags;
    labels.append(u"* myContacts"_s);
    QString first = c.firstName;
    if (first.isEmpty() && c.lastName.isEmpty())
        first = c.displayName; // Google has no column for a name that is not given and family name
    const QStringList websites = handlesOf(c, u"website"_s);
    const bool address = !c.city.isEmpty() || !c.country.isEmpty();
    return QStringList { first, QString(), c.lastName, QString(), QString(), QString(), QString(), QString(),
               QString(), QString(), c.organizationName, c.title, QString(), QString(), c.notes, QString(),
               labels.join(kMulti) }
        + groups(emails, emailLabels) + groups(phones, phoneLabels)
        + QStringList { address ? u"Work"_s : QString(), c.city, c.country,
              websites.isEmpty() ? QString() : u"Profile"_s, websites.join(kMulti) };
}

QStringList outlookHeader()
{
    return { u"Title"_s, u"First Name"_s, u"Middle Name"_s, u"Last Name"_s, u"Suffix"_s, u"Company"_s,
        u"Department"_s, u"Job Title"_s, u"Business City"_s, u"Business Country/Region"_s, u"Business Phone"_s,
        u"Business Phone 2"_s, u"Mobile Phone"_s, u"Home Phone"_s, u"Other Phone"_s, u"Categories"_s,
        u"E-mail Address"_s, u"E-mail Type"_s, u"E-mail Display Name"_s, u"E-mail 2 Address"_s, u"E-mail 2 Type"_s,
        u"E-mail 2 Display Name"_s, u"E-mail 3 Address"_s, u"E-mail 3 Type"_s, u"E-mail 3 Display Name"_s,
        u"Notes"_s, u"Web Page"_s };
}

QStringList outlookFields(const Contact &c)
{
    // Outlook has one column per kind of phone; a second work number goes to Business Phone 2, and the first
    // number of any other label to Other Phone.
    QString business, business2, mobile, home, other;
    for (const ContactPhone &p : c.phones) {
        QString *slot = nullptr;
        if (p.label == u"work")
            slot = business.isEmpty() ? &business : &business2;
        else if (p.label == u"mobile")
            slot = &mobile;
        else if (p.label == u"home")
            slot = &home;
        if (!slot || !slot->isEmpty())
            slot = &other;
        if (slot->isEmpty())
            *slot = p.phone;
    }
    QString first = c.firstName;
    if (first.isEmpty() && c.lastName.isEmpty())
        first = c.displayName;
    QStringList f { QString(), first, QString(), c.lastName, QString(), c.organizationName, QString(), c.title,
        c.city, c.country, business, business2, mobile, home, other, c.tags.join(u';') };
    for (int i = 0; i < 3; ++i) {
        const QString email = i < c.emails.size() ? c.emails.at(i).email : QString();
        f += { email, email.isEmpty() ? QString() : u"SMTP"_s,
            email.isEmpty() ? QString() : u"%1 (%2)"_s.arg(c.displayName, email) };
    }
    f += { c.notes, handlesOf(c, u"website"_s).value(0) };
    return f;
}

} // namespace

namespace CsvLayouts {

QList<CsvLayout> all()
{
    return { CsvLayout::Rapport, CsvLayout::Google, CsvLayout::Outlook };
}

QString key(CsvLayout layout)
{
    switch (layout) {
    case CsvLayout::Rapport:
        return u"rapport"_s;
    case CsvLayout::Google:
        return u"google"_s;
    case CsvLayout::Outlook:
        return u"outlook"_s;
    }
    return QString();
}

std::optional<CsvLayout> fromKey(QStringView key)
{
    for (CsvLayout layout : all())
        if (CsvLayouts::key(layout).compare(key, Qt::CaseInsensitive) == 0)
            return layout;
    return std::nullopt;
}

QString label(CsvLayout layout)
{
    switch (layout) {
    case CsvLayout::Rapport:
        return Tr::tr("Rapport (every field)");
    case CsvLayout::Google:
        return Tr::tr("Google Contacts");
    case CsvLayout::Outlook:
        return Tr::tr("Outlook");
    }
    return QString();
}

} // namespace CsvLayouts

namespace Csv {

QString field(const QString &value)
{
    bool quote = false;
    for (const QChar c : value)
        if (c == u',' || c == u'"' || c == u'\r' || c == u'\n') {
            quote = true;
            break;
        }
    if (!quote)
        return value;
    QString out = value;
    out.replace(u'"', u"\"\""_s);
    return u'"' + out + u'"';
}

QByteArray record(const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += u',';
        line += field(fields.at(i));
    }
    line += u"\r\n"_s;
    return line.toUtf8();
}

} // namespace Csv

ContactCsvWriter::ContactCsvWriter(CsvLayout layout)
    : m_layout(layout)
{
}

QByteArray ContactCsvWriter::preamble() const
{
    return m_layout == CsvLayout::Outlook ? QByteArray("\xEF\xBB\xBF") : QByteArray();
}

QStringList ContactCsvWriter::header() const
{
    switch (m_layout) {
    case CsvLayout::Rapport:
        return rapportHeader();
    case CsvLayout::Google:
        return googleHeader();
    case CsvLayout::Outlook:
        return outlookHeader();
    }
    return {};
}

QStringList ContactCsvWriter::fields(const Contact &contact, const QString &ownerName) const
{
    switch (m_layout) {
    case CsvLayout::Rapport:
        return rapportFields(contact, ownerName);
    case CsvLayout::Google:
        return googleFields(contact);
    case CsvLayout::Outlook:
        return outlookFields(contact);
    }
    return {};
}
