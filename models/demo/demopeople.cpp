// DemoBuilder, part 2: users, tags, organizations and contacts with their emails, phones and handles.
#include "domain/text.h"
#include "demo/demobuilder.h"
#include "demo/democorpus.h"
#include "domain/validation.h"
#include "storage/bulkinserter.h"
#include "storage/contactrepository.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

using namespace DemoCorpus;

namespace {

enum Stream : quint32 { ContactStream = 11, OrgDetailStream };

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)
};

QVariant ms(qint64 t)
{
    return t ? QVariant(t) : QVariant(QMetaType::fromType<qint64>());
}

const QStringList kContactColumns { QStringLiteral("id"), QStringLiteral("first_name"), QStringLiteral("last_name"),
    QStringLiteral("display_name"), QStringLiteral("title"), QStringLiteral("organization_id"),
    QStringLiteral("organization_role"), QStringLiteral("kind"), QStringLiteral("city"), QStringLiteral("country"),
    QStringLiteral("time_zone"), QStringLiteral("reach"), QStringLiteral("preferred_channel"), QStringLiteral("notes"),
    QStringLiteral("do_not_contact"), QStringLiteral("do_not_contact_reason"), QStringLiteral("consent_basis"),
    QStringLiteral("consent_at"), QStringLiteral("consent_source"), QStringLiteral("owner_id"),
    QStringLiteral("last_contacted_at"), QStringLiteral("search_extra"), QStringLiteral("sort_name"), QStringLiteral("created_at"),
    QStringLiteral("updated_at"), QStringLiteral("version") };

// Keeps handles unique per (network, normalized), as the schema requires: a clash gets a number appended.
class HandleBook
{
public:
    // `make(n)` builds the handle text for attempt n (0 = the plain form).
    template <typename Make> Handle take(const QString &network, Make make)
    {
        QSet<QString> &used = m_used[network];
        for (int n = 0;; ++n) {
            const QString text = make(n);
            Result<QString> normalized = Validation::normalizeHandle(network, text);
            if (normalized && !used.contains(*normalized)) {
                used.insert(*normalized);
                return Handle { network, text, *normalized };
            }
        }
    }

private:
    QHash<QString, QSet<QString>> m_used;
};

QString numbered(const QString &base, int n)
{
    return n ? QString(base + QString::number(n + 1)) : base;
}

} // namespace

Status DemoBuilder::writeUsers()
{
    setPhase(Tr::tr("Writing users"));
    BulkInserter ins(m_db, QStringLiteral("users"),
        { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("login"),
            QStringLiteral("role"), QStringLiteral("created_at"), QStringLiteral("updated_at") });
    for (int u = 0; u < m_userNames.size(); ++u) {
        const QString &name = m_userNames.at(u);
        const QString login
            = QStringLiteral("demo.") + slug(name.section(u' ', 0, 0)) + u'.' + slug(name.section(u' ', 1));
        const QString role = u == 0 ? QStringLiteral("manager")
            : u == 1                ? QStringLiteral("admin")
                                    : QStringLiteral("account_manager");
        const qint64 created = m_anchor - qint64(m_scale.historyDays + 400 - u) * day();
        if (Status s = ins.add({ m_userBase + u, name, QString(login.mid(5) + QStringLiteral("@northstar-pr.example")),
                login, role, created, created });
            !s)
            return s;
        if (Status s = advance(); !s)
            return s;
    }
    m_stats.users = m_userNames.size();
    return ins.finish();
}

Status DemoBuilder::writeTags()
{
    BulkInserter ins(
        m_db, QStringLiteral("tags"), { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("kind") });
    qint64 id = m_tagBase;
    for (const QString &b : beats())
        if (Status s = ins.add({ id++, b, QStringLiteral("beat") }); !s)
            return s;
    for (const QString &t : tags())
        if (Status s = ins.add({ id++, t, QStringLiteral("tag") }); !s)
            return s;
    return ins.finish();
}

Status DemoBuilder::writeOrganizations()
{
    setPhase(Tr::tr("Writing organizations"));
    DemoRandom rng(m_options.seed, OrgDetailStream);
    BulkInserter ins(m_db, QStringLiteral("organizations"),
        { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("kind"), QStringLiteral("website"),
            QStringLiteral("reach"), QStringLiteral("city"), QStringLiteral("country"), QStringLiteral("notes"),
            QStringLiteral("created_at"), QStringLiteral("updated_at") });
    BulkInserter feeds(m_db, QStringLiteral("handles"),
        { QStringLiteral("organization_id"), QStringLiteral("network"), QStringLiteral("handle"),
            QStringLiteral("normalized") });
    feeds.setParent(&ins);
    const QStringList notes { QStringLiteral("Planning meeting on Mondays; pitch before Friday."),
        QStringLiteral("Paywalled; send the PDF with every embargo."), QStringLiteral("Strict no-embargo policy."),
        QString(), QString(), QString() };
    for (int i = 0; i < m_orgs.size(); ++i) {
        const Org &o = m_orgs.at(i);
        const Place &place = places().at(o.place);
        const qint64 created = m_anchor - qint64(m_scale.historyDays + 30 + rng.below(300)) * day();
        const QString website = QStringLiteral("https://www.") + o.domain + u'/';
        const QString &note = notes.at(rng.below(notes.size()));
        if (Status s = ins.add({ m_orgBase + i, o.name, o.kind, website, ms(o.reach), place.city, place.country,
                note.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(note), created, created });
            !s)
            return s;
        if (o.kind != u"client") {
            const QString feed = QStringLiteral("https://www.") + o.domain + QStringLiteral("/rss");
            if (Status s = feeds.add({ m_orgBase + i, QStringLiteral("feed"), feed, feed }); !s)
                return s;
        }
        if (Status s = advance(); !s)
            return s;
    }
    m_stats.organizations = m_orgs.size();
    if (Status s = ins.finish(); !s)
        return s;
    return feeds.finish();
}

Status DemoBuilder::writeContacts()
{
    setPhase(Tr::tr("Writing contacts"));
    DemoRandom rng(m_options.seed, ContactStream);
    BulkInserter contacts(m_db, QStringLiteral("contacts"), kContactColumns);
    BulkInserter emails(m_db, QStringLiteral("contact_emails"),
        { QStringLiteral("contact_id"), QStringLiteral("label"), QStringLiteral("email"), QStringLiteral("normalized"),
            QStringLiteral("position") });
    BulkInserter phones(m_db, QStringLiteral("contact_phones"),
        { QStringLiteral("contact_id"), QStringLiteral("label"), QStringLiteral("phone"), QStringLiteral("position") });
    BulkInserter handles(m_db, QStringLiteral("handles"),
        { QStringLiteral("contact_id"), QStringLiteral("network"), QStringLiteral("handle"),
            QStringLiteral("normalized") });
    BulkInserter tagLinks(
        m_db, QStringLiteral("contact_tags"), { QStringLiteral("contact_id"), QStringLiteral("tag_id") });
    for (BulkInserter *child : { &emails, &phones, &handles, &tagLinks })
        child->setParent(&contacts);

    const QStringList kinds = Contact::kinds();
    const QStringList channels { QStringLiteral("email"), QStringLiteral("call"), QStringLiteral("direct_message"),
        QStringLiteral("meeting"), QString() };
    const int channelWeights[] = { 60, 10, 15, 5, 10 };
    const QStringList notes { QStringLiteral("Prefers embargoed news on Tuesdays."),
        QStringLiteral("Met at Web Summit 2025; loves data-led stories."),
        QStringLiteral("Writes a weekly newsletter as well."),
        QStringLiteral("Do not call before 10:00 — morning conference."),
        QStringLiteral("Ask about the podcast spin-off.") };
    HandleBook book;
    QSet<QString> usedEmails;

    for (int i = 0; i < int(m_people.size()); ++i) {
        const Person &p = m_people[std::size_t(i)];
        const qint64 id = contactId(i);
        const Org *org = p.org >= 0 ? &m_orgs.at(p.org) : nullptr;
        Contact c;
        c.firstName = firstName(p);
        c.lastName = lastName(p);
        c.displayName = c.firstName + u' ' + c.lastName;
        c.kind = kinds.at(p.kind);
        const Place &place = places().at(org && rng.chance(0.8) ? org->place : int(rng.below(places().size())));
        c.city = place.city;
        c.country = place.country;
        const QString f = slug(c.firstName), l = slug(c.lastName);

        const QString mailDomain = org ? org->domain : QStringLiteral("fastmail.example");
        QString email;
        for (int n = 0; email.isEmpty() || usedEmails.contains(email.toLower()); ++n)
            email = numbered(f + u'.' + l, n) + u'@' + mailDomain;
        usedEmails.insert(email.toLower());
        c.emails.append({ QStringLiteral("work"), email });
        if (rng.chance(0.2))
            c.emails.append({ QStringLiteral("personal"),
                f + l + QString::number(rng.between(10, 99)) + QStringLiteral("@mailbox.example") });
        if (rng.chance(0.35)) {
            const QString server = rng.pick(mastodonServers());
            c.handles.append(book.take(QStringLiteral("mastodon"),
                [&](int n) -> QString { return u'@' + numbered(f + u'_' + l, n) + u'@' + server; }));
        }
        if (rng.chance(0.45))
            c.handles.append(book.take(QStringLiteral("bluesky"),
                [&](int n) -> QString { return numbered(f + u'-' + l, n) + QStringLiteral(".bsky.social"); }));
        if (org && org->kind != u"client" && rng.chance(0.3))
            c.handles.append(book.take(QStringLiteral("feed"), [&](int n) -> QString {
                return QStringLiteral("https://www.") + org->domain + QStringLiteral("/author/")
                    + numbered(f + u'-' + l, n) + QStringLiteral("/feed");
            }));
        if (c.kind == u"blogger" || c.kind == u"influencer" || rng.chance(0.05))
            c.handles.append(book.take(QStringLiteral("website"), [&](int n) -> QString {
                return QStringLiteral("https://") + numbered(f + l, n) + QStringLiteral(".example/");
            }));
        if (rng.chance(0.25))
            c.handles.append(book.take(QStringLiteral("linkedin"), [&](int n) -> QString {
                return QStringLiteral("https://www.linkedin.com/in/") + numbered(f + u'-' + l, n);
            }));

        c.beats << beats().at(p.beat);
        for (qint64 extra = rng.below(3); extra > 0; --extra)
            if (const QString b = rng.pick(beats()); !c.beats.contains(b))
                c.beats << b;
        for (qint64 extra = rng.chance(0.4) ? rng.between(1, 2) : 0; extra > 0; --extra)
            if (const QString t = rng.pick(tags()); !c.tags.contains(t))
                c.tags << t;
        // In the order ContactRepository::get() loads them, so search_extra matches what it would write.
        c.beats.sort();
        c.tags.sort();

        const qint64 created = m_anchor - qint64(m_scale.historyDays + 1 + rng.below(400)) * day();
        const bool client = c.kind == u"client_contact";
        const QString title = rng.pick(titlesFor(c.kind, org ? org->kind : QString()));
        const QString role = !org || client ? QString()
            : rng.chance(0.8)               ? QStringLiteral("staff")
                                            : QStringLiteral("contributor");
        const qint64 reach = c.kind == u"influencer" ? rng.logUniform(10'000, 2'000'000) : rng.logUniform(300, 150'000);
        const QString basis = client ? QStringLiteral("contract")
            : rng.chance(0.15)       ? QStringLiteral("consent")
                                     : QStringLiteral("legitimate_interest");
        const QString searchExtra = ContactRepository::searchExtra(c, org ? org->name : QString());
        const QVariant nullText(QMetaType::fromType<QString>());
        const QString &channel = channels.at(rng.weighted(channelWeights));
        if (Status s = contacts.add({ id, c.firstName, c.lastName, c.displayName, title,
                org ? QVariant(m_orgBase + p.org) : ms(0), role.isEmpty() ? nullText : QVariant(role), c.kind, c.city,
                c.country, place.timeZone, reach, channel.isEmpty() ? nullText : QVariant(channel),
                rng.chance(0.25) ? QVariant(rng.pick(notes)) : nullText, p.dnc ? 1 : 0,
                p.dnc ? QVariant(rng.pick(doNotContactReasons())) : nullText, basis, created,
                client ? QStringLiteral("Client contract") : rng.pick(consentSources()), m_userBase + p.owner,
                ms(m_lastContacted[std::size_t(i)]), searchExtra, Text::sortKey(c.displayName), created, created, 1 });
            !s)
            return s;

        for (int e = 0; e < c.emails.size(); ++e)
            if (Status s = emails.add({ id, c.emails.at(e).label, c.emails.at(e).email,
                    Validation::normalizeEmail(c.emails.at(e).email), e });
                !s)
                return s;
        const int phoneCount = rng.chance(0.7) ? (rng.chance(0.3) ? 2 : 1) : 0;
        for (int n = 0; n < phoneCount; ++n) {
            const QString phone = place.phonePrefix + u' ' + QString::number(rng.between(2000, 9999)) + u' '
                + QString::number(rng.between(1000, 9999));
            if (Status s = phones.add({ id, n ? QStringLiteral("mobile") : QStringLiteral("work"), phone, n }); !s)
                return s;
        }
        for (const Handle &h : std::as_const(c.handles))
            if (Status s = handles.add({ id, h.network, h.handle, h.normalized }); !s)
                return s;
        for (const QString &b : std::as_const(c.beats))
            if (Status s = tagLinks.add({ id, m_tagBase + beats().indexOf(b) }); !s)
                return s;
        for (const QString &t : std::as_const(c.tags))
            if (Status s = tagLinks.add({ id, m_tagBase + beats().size() + tags().indexOf(t) }); !s)
                return s;
        if (Status s = advance(6); !s)
            return s;
    }
    m_stats.contacts = qint64(m_people.size());
    for (BulkInserter *ins : { &contacts, &emails, &phones, &handles, &tagLinks })
        if (Status s = ins->finish(); !s)
            return s;
    return {};
}
