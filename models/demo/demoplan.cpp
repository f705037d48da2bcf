// DemoBuilder, part 1: plans who is who in memory before anything is written.
#include "demo/demobuilder.h"
#include "demo/democorpus.h"
#include "domain/contact.h"

#include <QSet>

#include <algorithm>
#include <cmath>

using namespace DemoCorpus;

namespace {

enum Stream : quint32 { OrgStream = 1, PeopleStream, CampaignStream, PitchStream, TimelineStream };

QString titleCase(const QString &words)
{
    QStringList parts = words.split(u' ');
    for (QString &p : parts)
        if (!p.isEmpty() && p != u"&")
            p[0] = p[0].toUpper();
    return parts.join(u' ');
}

qint64 reachFor(DemoRandom &rng, const QString &kind)
{
    if (kind == u"newspaper")
        return rng.logUniform(80'000, 2'500'000);
    if (kind == u"magazine")
        return rng.logUniform(20'000, 600'000);
    if (kind == u"online")
        return rng.logUniform(10'000, 4'000'000);
    if (kind == u"broadcaster")
        return rng.logUniform(300'000, 12'000'000);
    if (kind == u"podcast")
        return rng.logUniform(3'000, 400'000);
    if (kind == u"blog")
        return rng.logUniform(1'000, 80'000);
    return 0;
}

} // namespace

void DemoBuilder::planOrganizations()
{
    DemoRandom rng(m_options.seed, OrgStream);
    QSet<QString> domains;
    auto add = [&](const QString &name, const QString &kind) {
        QString base = slug(QString(name).remove(QStringLiteral("The "))).left(40);
        QString domain = base + QStringLiteral(".example");
        for (int n = 2; domains.contains(domain); ++n)
            domain = base + QString::number(n) + QStringLiteral(".example");
        domains.insert(domain);
        m_orgs.append({ name, kind, domain, int(rng.below(places().size())), reachFor(rng, kind) });
        (kind == u"client" ? m_clientIndexes : m_outletIndexes).append(int(m_orgs.size() - 1));
    };

    if (m_options.size == DemoGenerator::Size::Small) {
        for (const Outlet &o : smallOutlets())
            add(o.name, o.kind);
        for (const QString &c : smallClients())
            add(c, QStringLiteral("client"));
        return;
    }
    const QStringList kinds { QStringLiteral("newspaper"), QStringLiteral("magazine"), QStringLiteral("online"),
        QStringLiteral("broadcaster"), QStringLiteral("podcast"), QStringLiteral("blog") };
    const int kindWeights[] = { 20, 15, 30, 8, 12, 15 };
    for (int i = 0; i < m_scale.outlets; ++i) {
        const QString kind = kinds.at(rng.weighted(kindWeights));
        const QString w = rng.pick(outletWords()), n = rng.pick(outletNouns());
        const QString city = places().at(rng.below(places().size())).city;
        const QString beat = titleCase(rng.pick(beats()));
        QString name;
        if (kind == u"newspaper")
            name = rng.chance(0.5) ? QStringLiteral("The %1 %2").arg(w, n) : QStringLiteral("%1 %2").arg(city, n);
        else if (kind == u"magazine")
            name = rng.chance(0.5) ? QStringLiteral("%1 %2 Magazine").arg(w, beat)
                                   : QStringLiteral("%1 Monthly").arg(beat);
        else if (kind == u"online")
            name = n + rng.pick(outletNouns()).toLower();
        else if (kind == u"broadcaster")
            name = rng.chance(0.5) ? QStringLiteral("Radio %1").arg(city) : QStringLiteral("%1 %2 TV").arg(city, w);
        else if (kind == u"podcast")
            name = rng.chance(0.5) ? QStringLiteral("The %1 Podcast").arg(beat)
                                   : QStringLiteral("%1 %2 Podcast").arg(w, n);
        else
            name = rng.chance(0.5) ? QStringLiteral("%1 Notes").arg(beat)
                                   : QStringLiteral("The %1 %2 Blog").arg(w, beat);
        add(name, kind);
    }
    for (int i = 0; i < m_scale.clients; ++i)
        add(rng.pick(clientWords()) + u' ' + rng.pick(clientSuffixes()), QStringLiteral("client"));
}

void DemoBuilder::planPeople()
{
    DemoRandom rng(m_options.seed, PeopleStream);
    const QStringList kinds = Contact::kinds();
    const int journalist = int(kinds.indexOf(QStringLiteral("journalist")));
    const int editor = int(kinds.indexOf(QStringLiteral("editor")));
    const int blogger = int(kinds.indexOf(QStringLiteral("blogger")));
    const int client = int(kinds.indexOf(QStringLiteral("client_contact")));
    const int others[] = { int(kinds.indexOf(QStringLiteral("influencer"))),
        int(kinds.indexOf(QStringLiteral("analyst"))), int(kinds.indexOf(QStringLiteral("customer"))) };

    for (int u = 0; u < m_scale.users; ++u) {
        QString name;
        do
            name = rng.pick(firstNames()) + u' ' + rng.pick(lastNames());
        while (m_userNames.contains(name));
        m_userNames << name;
    }

    m_people.reserve(std::size_t(m_scale.contacts));
    for (int i = 0; i < m_scale.contacts; ++i) {
        Person p {};
        p.first = quint16(rng.below(firstNames().size()));
        p.last = quint16(rng.below(lastNames().size()));
        p.beat = quint8(rng.below(beats().size()));
        p.owner = int(rng.below(m_scale.users));
        const double roll = rng.unit();
        if (roll < 0.07) {
            p.org = m_clientIndexes.at(rng.below(m_clientIndexes.size()));
            p.kind = quint8(client);
        } else if (roll < 0.16) {
            p.org = -1;
            p.kind = quint8(others[rng.below(3)]);
        } else {
            p.org = m_outletIndexes.at(rng.below(m_outletIndexes.size()));
            p.kind = quint8(m_orgs.at(p.org).kind == u"blog" ? blogger : rng.chance(0.25) ? editor : journalist);
        }
        p.dnc = p.kind != client && rng.chance(0.03);
        m_people.push_back(p);
    }
}

void DemoBuilder::planCampaigns()
{
    DemoRandom rng(m_options.seed, CampaignStream);
    const int n = m_scale.campaigns;
    for (int i = 0; i < n; ++i) {
        Campaign c {};
        c.client = m_clientIndexes.at(i % m_clientIndexes.size());
        c.product = int(rng.below(products().size()));
        c.owner = int(rng.below(m_scale.users));
        // Spread the starts evenly over the history; the last ~5 % are still to come.
        const double position = (i + rng.unit()) / n;
        const qint64 span = qint64(m_scale.historyDays - 20) * day();
        c.start = m_anchor - span + qint64(position * double(span + 30 * day()));
        c.start -= c.start % day();
        c.end = c.start + rng.between(30, 120) * day();
        c.name = QString(rng.pick(campaignPatterns()))
                     .replace(QStringLiteral("%1"), m_orgs.at(c.client).name)
                     .replace(QStringLiteral("%2"), products().at(c.product));
        m_campaigns.append(c);
    }
}

void DemoBuilder::planPitches()
{
    DemoRandom rng(m_options.seed, PitchStream);
    std::vector<int> pool; // who can be pitched: media people, never a do-not-contact one
    const int client = int(Contact::kinds().indexOf(QStringLiteral("client_contact")));
    const int customer = int(Contact::kinds().indexOf(QStringLiteral("customer")));
    for (int i = 0; i < int(m_people.size()); ++i)
        if (!m_people[std::size_t(i)].dnc && m_people[std::size_t(i)].kind != client
            && m_people[std::size_t(i)].kind != customer)
            pool.push_back(i);
    const int weights[] = { 10, 30, 12, 13, 20, 15 }; // planned, pitched, replied, interested, declined, covered
    m_pitches.reserve(std::size_t(m_campaigns.size()) * std::size_t(m_scale.pitchesPerCampaign));
    for (int ci = 0; ci < m_campaigns.size(); ++ci) {
        const Campaign &c = m_campaigns.at(ci);
        QSet<int> chosen;
        const int want = qMin<int>(m_scale.pitchesPerCampaign, int(pool.size()));
        while (chosen.size() < want) {
            const int contact = pool[std::size_t(rng.below(qint64(pool.size())))];
            if (chosen.contains(contact))
                continue;
            chosen.insert(contact);
            Pitch p { ci, contact, Planned, 0, 0 };
            const qint64 until = qMin(c.end, m_anchor);
            if (c.start < m_anchor) {
                p.status = quint8(rng.weighted(weights));
                if (p.status != Planned)
                    p.pitchedAt = c.start + rng.below(qMax<qint64>(1, (until - c.start) / 2)) + 9 * 3'600'000LL;
                if (p.status >= Replied) {
                    p.repliedAt = p.pitchedAt + rng.between(2, 144) * 3'600'000LL;
                    if (p.repliedAt >= m_anchor) {
                        p.status = Pitched;
                        p.repliedAt = 0;
                    }
                }
                if (p.pitchedAt >= m_anchor) {
                    p.status = Planned;
                    p.pitchedAt = 0;
                }
            }
            m_pitches.push_back(p);
        }
    }
}

void DemoBuilder::planTimeline()
{
    DemoRandom rng(m_options.seed, TimelineStream);
    m_events.reserve(std::size_t(m_scale.interactions));
    for (int i = 0; i < int(m_pitches.size()); ++i) {
        const Pitch &p = m_pitches[std::size_t(i)];
        if (p.pitchedAt)
            m_events.push_back({ p.pitchedAt, p.contact, i, PitchSent });
        if (p.repliedAt)
            m_events.push_back({ p.repliedAt, p.contact, i, PitchReply });
    }

    const qint64 n = qint64(m_people.size());
    std::vector<int> order(static_cast<std::size_t>(n)); // a shuffled ranking: who is talked to most
    for (qint64 i = 0; i < n; ++i)
        order[std::size_t(i)] = int(i);
    for (qint64 i = n - 1; i > 0; --i)
        std::swap(order[std::size_t(i)], order[std::size_t(rng.below(i + 1))]);
    const int hot = order[0];

    auto randomTime = [&] {
        qint64 t = m_anchor - 1 - rng.below(qint64(m_scale.historyDays) * day());
        qint64 dayStart = t - t % day();
        const qint64 weekday = (dayStart / day() + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
        if ((weekday == 6 || weekday == 0) && rng.chance(0.85))
            dayStart -= (weekday == 6 ? 1 : 2) * day();
        t = dayStart + rng.between(7 * 60, 19 * 60) * 60'000LL + rng.below(60'000);
        return qMin(t, m_anchor - 60'000);
    };
    qint64 hotLeft = m_scale.hotContactInteractions;
    while (qint64(m_events.size()) < m_scale.interactions) {
        int contact;
        if (hotLeft > 0) {
            contact = hot;
            --hotLeft;
        } else if (rng.chance(0.5)) {
            contact = int(rng.below(n));
        } else {
            const double u = rng.unit();
            contact = order[std::size_t(qMin<qint64>(n - 1, qint64(double(n) * u * u)))];
        }
        m_events.push_back({ randomTime(), contact, -1, Random });
    }
    std::stable_sort(m_events.begin(), m_events.end(), [](const Event &a, const Event &b) { return a.at < b.at; });

    m_lastContacted.assign(std::size_t(n), 0);
    for (const Event &e : m_events)
        m_lastContacted[std::size_t(e.contact)] = qMax(m_lastContacted[std::size_t(e.contact)], e.at);
}
