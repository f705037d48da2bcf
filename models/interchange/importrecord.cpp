#include "interchange/importrecord.h"

#include "domain/validation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportRecords)
};

const QString kMultiSeparator = u" ::: "_s;

QStringList splitMulti(const QString &value, ImportField field)
{
    QStringList parts;
    for (const QString &part : value.split(kMultiSeparator)) {
        if (field == ImportField::Beats || field == ImportField::Tags) {
            // Split at every ',' and ';' (what a [,;] regular expression split does, without one per cell).
            qsizetype start = 0;
            for (qsizetype i = 0; i <= part.size(); ++i)
                if (i == part.size() || part.at(i) == u',' || part.at(i) == u';') {
                    parts.append(QStringView(part).sliced(start, i - start).trimmed().toString());
                    start = i + 1;
                }
        } else {
            parts.append(part.trimmed());
        }
    }
    parts.removeAll(QString());
    return parts;
}

std::optional<qint64> parseReach(QString text)
{
    text = text.trimmed().toLower().remove(u' ').remove(u'\u00a0');
    if (text.isEmpty())
        return 0;
    double factor = 1;
    if (text.endsWith(u'k')) {
        factor = 1e3;
        text.chop(1);
    } else if (text.endsWith(u'm')) {
        factor = 1e6;
        text.chop(1);
    }
    if (factor > 1) {
        text.replace(u',', u'.');
        bool ok = false;
        const double v = text.toDouble(&ok);
        return ok && v >= 0 ? std::optional<qint64>(qint64(v * factor + 0.5)) : std::nullopt;
    }
    text.remove(u',').remove(u'.').remove(u'\'');
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    return ok && v >= 0 ? std::optional<qint64>(v) : std::nullopt;
}

std::optional<bool> parseYesNo(const QString &text)
{
    const QString t = text.trimmed().toLower();
    static const QStringList yes { u"yes"_s, u"y"_s, u"true"_s, u"1"_s, u"x"_s, u"ja"_s, u"oui"_s, u"si"_s, u"sí"_s,
        u"wahr"_s };
    static const QStringList no { u"no"_s, u"n"_s, u"false"_s, u"0"_s, u""_s, u"nein"_s, u"non"_s, u"falsch"_s };
    if (yes.contains(t))
        return true;
    if (no.contains(t))
        return false;
    return std::nullopt;
}

QString withScheme(const QString &url)
{
    const QString u = url.trimmed();
    if (u.isEmpty() || u.contains(u"://"_s))
        return u;
    return u"https://"_s + u;
}

void addHandle(ImportRecord &record, const QString &network, const QString &value)
{
    const QString v
        = network == u"website" || network == u"feed" || network == u"linkedin" ? withScheme(value) : value.trimmed();
    for (const Handle &h : record.contact.handles)
        if (h.network == network && h.handle.compare(v, Qt::CaseInsensitive) == 0)
            return;
    record.contact.handles.append(Handle { network, v, QString() });
}

void addEmail(ImportRecord &record, const QString &email, const QString &label, bool primary)
{
    for (const ContactEmail &e : record.contact.emails)
        if (e.email.compare(email, Qt::CaseInsensitive) == 0)
            return;
    const ContactEmail e { label.isEmpty() ? u"work"_s : label, email.trimmed() };
    if (primary)
        record.contact.emails.prepend(e);
    else
        record.contact.emails.append(e);
}

void addPhone(ImportRecord &record, const QString &phone, const QString &label, bool primary)
{
    for (const ContactPhone &p : record.contact.phones)
        if (p.phone == phone)
            return;
    const ContactPhone p { label.isEmpty() ? u"work"_s : label, phone.trimmed() };
    if (primary)
        record.contact.phones.prepend(p);
    else
        record.contact.phones.append(p);
}

QString where(const ImportRecord &record)
{
    return Tr::tr("Row %1 (line %2)").arg(record.row).arg(record.line);
}

// Google's system groups ("* myContacts", "* starred") are not tags.
bool isSystemGroup(const QString &label)
{
    return label.startsWith(u"* "_s) || label.compare(u"myContacts"_s, Qt::CaseInsensitive) == 0
        || label.compare(u"starred"_s, Qt::CaseInsensitive) == 0;
}

} // namespace

namespace ImportRecords {

QString normalizeLabel(QString label, bool *primary)
{
    label = label.trimmed();
    const bool star = label.startsWith(u'*');
    if (star)
        label = label.mid(1).trimmed();
    if (primary)
        *primary = star;
    const QString l = label.toLower();
    if (l.isEmpty())
        return QString();
    if (l == u"work" || l == u"business" || l == u"office" || l == u"arbeit" || l == u"geschäftlich" || l == u"travail"
        || l == u"trabajo")
        return u"work"_s;
    if (l == u"home" || l == u"personal" || l == u"private" || l == u"privat" || l == u"domicile" || l == u"casa")
        return u"home"_s;
    if (l == u"mobile" || l == u"cell" || l == u"cellular" || l == u"handy" || l == u"mobil" || l == u"móvil"
        || l == u"portable")
        return u"mobile"_s;
    if (l == u"other" || l == u"andere" || l == u"autre" || l == u"otro")
        return u"other"_s;
    return l;
}

QString normalizeKind(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty())
        return QString();
    if (Contact::kinds().contains(t))
        return t;
    static const QList<std::pair<QString, QStringList>> table = {
        { u"journalist"_s, { u"journalistin"_s, u"journaliste"_s, u"periodista"_s, u"reporter"_s, u"press"_s } },
        { u"editor"_s,
            { u"redakteur"_s, u"redakteurin"_s, u"rédacteur"_s, u"rédactrice"_s, u"redactor"_s, u"editora"_s,
                u"chefredakteur"_s } },
        { u"blogger"_s, { u"bloggerin"_s, u"blogueur"_s, u"bloguero"_s } },
        { u"influencer"_s, { u"influencerin"_s, u"influenceur"_s, u"creator"_s } },
        { u"analyst"_s, { u"analystin"_s, u"analyste"_s, u"analista"_s } },
        { u"client_contact"_s, { u"client"_s, u"client contact"_s, u"kunde"_s, u"kundenkontakt"_s, u"cliente"_s } },
        { u"customer"_s, { u"customers"_s, u"endkunde"_s } },
        { u"other"_s, { u"andere"_s, u"autre"_s, u"otro"_s, u"sonstige"_s } },
    };
    for (const auto &[key, words] : table)
        if (words.contains(t))
            return key;
    return QString();
}

ImportRecord fromRow(const ColumnMapping &mapping, const QStringList &fields, int row, int line)
{
    ImportRecord record;
    record.row = row;
    record.line = line;
    Contact &c = record.contact;
    QString middleName;
    // Labels first, so each value column finds the label of its group.
    QHash<int, QStringList> emailLabels;
    QHash<int, QStringList> phoneLabels;
    for (qsizetype i = 0; i < fields.size() && i < mapping.targets.size(); ++i) {
        const ColumnTarget &t = mapping.targets.at(i);
        if (t.field == ImportField::EmailLabel)
            emailLabels[t.group] = fields.at(i).split(kMultiSeparator);
        else if (t.field == ImportField::PhoneLabel)
            phoneLabels[t.group] = fields.at(i).split(kMultiSeparator);
    }
    for (qsizetype i = 0; i < fields.size() && i < mapping.targets.size(); ++i) {
        const ColumnTarget &t = mapping.targets.at(i);
        const QString value = fields.at(i).trimmed();
        if (value.isEmpty() || t.field == ImportField::Ignore)
            continue;
        auto append = [](QString &into, const QString &text) { into = into.isEmpty() ? text : into + u' ' + text; };
        switch (t.field) {
        case ImportField::Ignore:
        case ImportField::EmailLabel:
        case ImportField::PhoneLabel:
            break;
        case ImportField::FirstName:
            append(c.firstName, value);
            break;
        case ImportField::MiddleName:
            append(middleName, value);
            break;
        case ImportField::LastName:
            append(c.lastName, value);
            break;
        case ImportField::DisplayName:
            c.displayName = value;
            break;
        case ImportField::Title:
            c.title = value;
            break;
        case ImportField::Organization:
            c.organizationName = value;
            break;
        case ImportField::Kind: {
            const QString kind = normalizeKind(value);
            if (!kind.isEmpty())
                c.kind = kind;
            else
                record.addParseProblem(ImportField::Kind,
                    Tr::tr("%1: unknown kind “%2” (use journalist, editor, blogger, influencer, "
                           "analyst, client contact, customer or other).")
                        .arg(where(record), value));
            break;
        }
        case ImportField::Email:
        case ImportField::Phone: {
            const QStringList values = value.split(kMultiSeparator);
            const QStringList labels
                = (t.field == ImportField::Email ? emailLabels : phoneLabels).value(t.group, QStringList());
            for (qsizetype k = 0; k < values.size(); ++k) {
                const QString v = values.at(k).trimmed();
                if (v.isEmpty())
                    continue;
                // One label for the whole cell ("* Work" before "a ::: b") or one per value.
                bool primary = false;
                const QString raw = labels.value(labels.size() == values.size() ? k : 0);
                // Rapport's own export writes its labels as they are stored ("personal" stays "personal").
                QString label = mapping.preset == u"rapport" ? raw.trimmed().toLower() : normalizeLabel(raw, &primary);
                primary = primary && k == 0;
                if (label.isEmpty())
                    label = t.option;
                if (t.field == ImportField::Email)
                    addEmail(record, v, label, primary);
                else
                    addPhone(record, v, label, primary);
            }
            break;
        }
        case ImportField::Handle:
            for (const QString &v : splitMulti(value, t.field))
                addHandle(record, t.option.isEmpty() ? u"website"_s : t.option, v);
            break;
        case ImportField::Website:
            for (const QString &v : splitMulti(value, t.field))
                addHandle(record, u"website"_s, v);
            break;
        case ImportField::Beats:
            for (const QString &v : splitMulti(value, t.field))
                if (!c.beats.contains(v, Qt::CaseInsensitive))
                    c.beats.append(v);
            break;
        case ImportField::Tags:
            for (const QString &v : splitMulti(value, t.field))
                if (!isSystemGroup(v) && !c.tags.contains(v, Qt::CaseInsensitive))
                    c.tags.append(v);
            break;
        case ImportField::City:
            c.city = value;
            break;
        case ImportField::Country:
            c.country = value;
            break;
        case ImportField::TimeZone:
            c.timeZone = value;
            break;
        case ImportField::Reach:
            if (const auto reach = parseReach(value))
                c.reach = *reach;
            else
                record.addParseProblem(
                    ImportField::Reach, Tr::tr("%1: the reach “%2” is not a number.").arg(where(record), value));
            break;
        case ImportField::Notes:
            c.notes = c.notes.isEmpty() ? value : c.notes + u'\n' + value;
            break;
        case ImportField::Owner:
            record.ownerName = value;
            break;
        case ImportField::DoNotContact:
            if (const auto yes = parseYesNo(value))
                c.doNotContact = *yes;
            else
                record.addParseProblem(ImportField::DoNotContact,
                    Tr::tr("%1: “%2” under do not contact is neither yes nor no.").arg(where(record), value));
            break;
        case ImportField::Consent:
            c.consentBasis = value;
            break;
        }
    }
    if (!middleName.isEmpty() && !c.firstName.isEmpty())
        c.firstName += u' ' + middleName;
    else if (!middleName.isEmpty())
        c.firstName = middleName;
    record.revalidate();
    return record;
}

ImportRecord fromVCard(const VCard::Card &card, int row)
{
    ImportRecord record;
    record.row = row;
    record.line = card.firstLine;
    record.warnings = card.warnings;
    Contact &c = record.contact;
    if (const VCard::Property *n = card.first(u"N")) {
        const QStringList parts = n->components();
        c.lastName = parts.value(0).trimmed();
        c.firstName = QStringList { parts.value(1).trimmed(), parts.value(2).trimmed() }.join(u' ').trimmed();
    }
    if (const VCard::Property *fn = card.first(u"FN"))
        c.displayName = fn->text().trimmed();
    if (const VCard::Property *org = card.first(u"ORG"))
        c.organizationName = org->components().value(0).trimmed();
    if (const VCard::Property *title = card.first(u"TITLE"))
        c.title = title->text().trimmed();
    if (const VCard::Property *note = card.first(u"NOTE"))
        c.notes = note->text().trimmed();
    if (const VCard::Property *tz = card.first(u"TZ"))
        c.timeZone = tz->text().trimmed();
    if (const VCard::Property *adr = card.first(u"ADR")) {
        const QStringList parts = adr->components();
        c.city = parts.value(3).trimmed();
        c.country = parts.value(6).trimmed();
    }
    // Preferred first (PREF=1 before PREF=2 before none), then file order.
    auto byPreference = [](QList<VCard::Property> list) {
        std::stable_sort(list.begin(), list.end(),
            [](const VCard::Property &a, const VCard::Property &b) { return a.preference() < b.preference(); });
        return list;
    };
    auto labelOf = [&card](const VCard::Property &p) {
        // Rapport's own export names its label exactly (X-RAPPORT-LABEL), beside the TYPE other apps read.
        if (const QStringList own = p.parameterValues(u"X-RAPPORT-LABEL"); !own.isEmpty() && !own.first().isEmpty())
            return own.first().trimmed().toLower();
        QString label = card.groupLabel(p);
        if (label.isEmpty()) {
            for (const QString &type : p.types()) {
                if (type == u"voice" || type == u"text" || type == u"msg")
                    continue;
                label = type;
                break;
            }
        }
        if (label == u"cell")
            label = u"mobile"_s;
        return normalizeLabel(label);
    };
    for (const VCard::Property &p : byPreference(card.all(u"EMAIL")))
        if (!p.text().trimmed().isEmpty())
            addEmail(record, p.text().trimmed(), labelOf(p), false);
    for (const VCard::Property &p : byPreference(card.all(u"TEL"))) {
        QString number = p.text().trimmed();
        if (number.startsWith(u"tel:"_s, Qt::CaseInsensitive))
            number = number.mid(4);
        if (!number.isEmpty())
            addPhone(record, number, labelOf(p), false);
    }
    for (const VCard::Property &p : card.all(u"URL")) {
        const QString url = p.text().trimmed();
        if (!url.isEmpty())
            addHandle(record, u"website"_s, url);
    }
    static const QStringList networks { u"mastodon"_s, u"bluesky"_s, u"x"_s, u"linkedin"_s, u"feed"_s };
    for (const VCard::Property &p : card.all(u"X-SOCIALPROFILE")) {
        QString network = p.types().value(0);
        if (network == u"twitter")
            network = u"x"_s;
        if (!networks.contains(network))
            continue;
        QString value = p.text().trimmed();
        const QString user = p.parameterValues(u"X-USER").value(0);
        if (network == u"x") {
            // https://twitter.com/name or x.com/name -> name
            const qsizetype slash = value.lastIndexOf(u'/');
            value = !user.isEmpty() ? user : value.mid(slash + 1);
        } else if (network == u"mastodon" && value.startsWith(u"http"_s)) {
            // https://server/@name -> @name@server
            const QUrl url(value);
            const QString path = url.path();
            if (path.startsWith(u"/@"_s))
                value = path.mid(1) + u'@' + url.host();
        } else if (network == u"bluesky" && value.startsWith(u"http"_s)) {
            value = value.mid(value.lastIndexOf(u'/') + 1);
        }
        if (!value.isEmpty())
            addHandle(record, network, value);
    }
    for (const VCard::Property &p : card.all(u"IMPP")) {
        // RFC 6350 IMPP: only the networks Rapport knows; xmpp, sip, skype are not handles here.
        const QString value = p.text().trimmed();
        const QString service = p.parameterValues(u"X-SERVICE-TYPE").value(0).toLower();
        if (service == u"mastodon" || value.startsWith(u"mastodon:"_s))
            addHandle(record, u"mastodon"_s, value.section(u':', value.startsWith(u"mastodon:"_s) ? 1 : 0));
        else if (service == u"bluesky" || value.startsWith(u"at:"_s))
            addHandle(record, u"bluesky"_s, value.startsWith(u"at:"_s) ? value.mid(3).remove(u'/') : value);
    }
    for (const VCard::Property &p : card.all(u"CATEGORIES"))
        for (const QString &tag : p.listValues())
            if (!isSystemGroup(tag) && !c.tags.contains(tag, Qt::CaseInsensitive))
                c.tags.append(tag);
    // Rapport's own properties (written by the export).
    if (const VCard::Property *kind = card.first(u"X-RAPPORT-KIND"); kind && !normalizeKind(kind->text()).isEmpty())
        c.kind = normalizeKind(kind->text());
    if (const VCard::Property *beats = card.first(u"X-RAPPORT-BEATS"))
        c.beats = beats->listValues();
    if (const VCard::Property *reach = card.first(u"X-RAPPORT-REACH"))
        c.reach = parseReach(reach->text()).value_or(0);
    if (const VCard::Property *dnc = card.first(u"X-RAPPORT-DO-NOT-CONTACT"))
        c.doNotContact = parseYesNo(dnc->text()).value_or(false);
    if (const VCard::Property *consent = card.first(u"X-RAPPORT-CONSENT"))
        c.consentBasis = consent->text().trimmed();
    if (const VCard::Property *owner = card.first(u"X-RAPPORT-OWNER"))
        record.ownerName = owner->text().trimmed();
    record.revalidate();
    return record;
}

} // namespace ImportRecords

void ImportRecord::addParseProblem(ImportField field, const QString &problem)
{
    parseProblems.append(problem);
    parseProblemFields.append(field);
}

void ImportRecord::clearParseProblems(ImportField field)
{
    for (qsizetype i = parseProblems.size() - 1; i >= 0; --i)
        if (parseProblemFields.value(i, ImportField::Ignore) == field) {
            parseProblems.removeAt(i);
            parseProblemFields.removeAt(i);
        }
}

void ImportRecord::revalidate()
{
    problems = parseProblems;
    Contact copy = contact;
    if (copy.displayName.trimmed().isEmpty() && copy.firstName.trimmed().isEmpty()
        && copy.lastName.trimmed().isEmpty()) {
        problems.append(Tr::tr("%1: no name.").arg(where(*this)));
        return;
    }
    // Every bad email and handle is named; each is checked (and normalized) once, as validateContact() would.
    for (ContactEmail &e : copy.emails) {
        const QString email = e.email.trimmed();
        if (!Validation::isValidEmail(email))
            problems.append(Tr::tr("%1: “%2” is not a valid email address.").arg(where(*this), e.email));
        e.email = email;
    }
    for (Handle &h : copy.handles) {
        if (Result<QString> n = Validation::normalizeHandle(h.network, h.handle); !n) {
            problems.append(Tr::tr("%1: %2").arg(where(*this), n.error().message));
        } else {
            h.handle = h.handle.trimmed();
            h.normalized = *n;
        }
    }
    if (!problems.isEmpty())
        return;
    if (const Status s = Validation::validateContactFields(copy); !s)
        problems.append(Tr::tr("%1: %2").arg(where(*this), s.error().message));
    else
        contact = std::move(copy);
}
