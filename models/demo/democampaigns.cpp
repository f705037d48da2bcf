// DemoBuilder, part 3: campaigns, their content, media lists, pitches and the coverage they won.
#include "demo/demobuilder.h"
#include "demo/democorpus.h"
#include "domain/url.h"
#include "storage/bulkinserter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>

using namespace DemoCorpus;

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)
};

enum Stream : quint32 { CampaignDetailStream = 21, PitchDetailStream, ContentDetailStream = 41, BriefDetailStream = 51 };

QVariant ms(qint64 t)
{
    return t ? QVariant(t) : QVariant(QMetaType::fromType<qint64>());
}

// "How Lumora Health wants to change AI" -> "how-lumora-health-wants-to-change-ai"
QString urlSlug(const QString &title)
{
    QStringList words = title.split(u' ', Qt::SkipEmptyParts);
    for (QString &w : words)
        w = slug(w);
    words.removeAll(QString());
    return words.join(u'-');
}

// The Markdown body of a content item (docs/ARCHITECTURE.md, "Content items"), written as an agency would:
// a press release with highlights and boilerplate, a pitch email, a social post, a media kit, a blog post.
// `draft` gives the shorter first draft kept as an earlier version.
QString contentBody(int kind, const QString &title, const QString &client, const QString &product, const QString &beat,
    const QString &domain, bool draft)
{
    const QString newsroom = QStringLiteral("https://newsroom.") + domain + u'/';
    const QString press = QStringLiteral("press@") + domain;
    switch (kind) {
    case 0: // press release
        if (draft)
            return Tr::tr("# %1\n\n%2 today announced the %3. TODO: quote from the CEO, availability, price.\n")
                .arg(title, client, product);
        return Tr::tr("# %1\n\n**%2 today announced the %3**, designed for people who want %4 that simply works. "
                      "It goes on sale next month.\n\n## Highlights\n\n- Set up in under five minutes\n"
                      "- A week of battery life on one charge\n- Works with the apps people already use\n\n"
                      "> “We built the %3 because our customers asked for something calmer,” said the CEO of %2.\n\n"
                      "## Availability\n\nThe %3 will be sold online and in selected stores. Images and the fact "
                      "sheet are in the [newsroom](%5).\n\n## About %2\n\n%2 makes everyday technology that "
                      "gets out of the way.\n\n**Press contact:** %6\n")
            .arg(title, client, product, beat, newsroom, press);
    case 1: // pitch email
        if (draft)
            return Tr::tr("Hi,\n\nwould you like an early look at the %1 from %2?\n").arg(product, client);
        return Tr::tr("Hi,\n\nyou have been writing about %1, so I thought of you first: %2 is launching the "
                      "**%3**, and we can offer you an *exclusive first look* before the announcement.\n\n"
                      "1. A hands-on sample, delivered this week\n2. Thirty minutes with the product lead\n"
                      "3. Embargoed data from the customer study\n\nThe press release and images are in the "
                      "[newsroom](%4). Would Tuesday or Thursday suit you?\n\nBest regards\n")
            .arg(beat, client, product, newsroom);
    case 2: // social post
        return Tr::tr("Meet the **%1** from %2: calmer %3, a week of battery, five-minute setup. "
                      "More in our [newsroom](%4) #launch\n")
            .arg(product, client, beat, newsroom);
    case 3: // media kit
        return Tr::tr("# %1 media kit\n\n## What is inside\n\n- High-resolution product images\n"
                      "- The fact sheet of the %2\n- Biographies of our spokespeople\n- The press release\n\n"
                      "## Spokespeople\n\n- **The CEO** on why %1 built the %2\n- **The product lead** on the "
                      "design\n\nDownload everything from the [newsroom](%3); interviews through %4.\n")
            .arg(client, product, newsroom, press);
    default: // blog post
        if (draft)
            return Tr::tr("# %1\n\nNotes: the customer interviews, the prototypes, what we left out.\n").arg(title);
        return Tr::tr("# %1\n\nTwo years ago we sat down with forty customers and asked what annoyed them about "
                      "%2. The answers were surprisingly similar.\n\n## What we heard\n\n- *Too many settings.*\n"
                      "- *Too many notifications.*\n- *It stops working when the app updates.*\n\n"
                      "## What we built\n\nThe %3 does less, on purpose. Read the announcement in our "
                      "[newsroom](%4).\n")
            .arg(title, beat, product, newsroom);
    }
}

// Five content items per campaign, in this order; pitches use the pitch email (position 1).
constexpr int kContentPerCampaign = 5;
const char *const kContentKinds[kContentPerCampaign]
    = { "press_release", "pitch_email", "social_post", "media_kit", "blog_post" };

} // namespace

Status DemoBuilder::writeCampaigns()
{
    setPhase(Tr::tr("Writing campaigns"));
    DemoRandom rng(m_options.seed, CampaignDetailStream);
    DemoRandom contentRng(m_options.seed, ContentDetailStream);
    BulkInserter campaigns(m_db, QStringLiteral("campaigns"),
        { QStringLiteral("id"), QStringLiteral("client_id"), QStringLiteral("name"), QStringLiteral("description"),
            QStringLiteral("status"), QStringLiteral("starts_at"), QStringLiteral("ends_at"),
            QStringLiteral("owner_id"), QStringLiteral("created_at"), QStringLiteral("updated_at"),
            QStringLiteral("topics"), QStringLiteral("goals"), QStringLiteral("key_messages") });
    BulkInserter members(m_db, QStringLiteral("campaign_members"), { QStringLiteral("campaign_id"), QStringLiteral("user_id") });
    members.setParent(&campaigns);
    // The brief's goals, key messages and team come from a stream of their own, so the rest of the demo stays
    // as it was for a seed.
    DemoRandom briefRng(m_options.seed, BriefDetailStream);
    BulkInserter content(m_db, QStringLiteral("content_items"),
        { QStringLiteral("id"), QStringLiteral("campaign_id"), QStringLiteral("kind"), QStringLiteral("title"),
            QStringLiteral("body"), QStringLiteral("url"), QStringLiteral("published_at"), QStringLiteral("created_at"),
            QStringLiteral("updated_at"), QStringLiteral("status"), QStringLiteral("version"),
            QStringLiteral("updated_by") });
    BulkInserter versions(m_db, QStringLiteral("content_item_versions"),
        { QStringLiteral("content_item_id"), QStringLiteral("version"), QStringLiteral("title"), QStringLiteral("body"),
            QStringLiteral("status"), QStringLiteral("url"), QStringLiteral("published_at"), QStringLiteral("saved_at"),
            QStringLiteral("saved_by") });
    BulkInserter lists(m_db, QStringLiteral("media_lists"),
        { QStringLiteral("id"), QStringLiteral("campaign_id"), QStringLiteral("name"), QStringLiteral("created_at"),
            QStringLiteral("updated_at") });
    content.setParent(&campaigns);
    versions.setParent(&content);
    lists.setParent(&campaigns);

    for (int ci = 0; ci < m_campaigns.size(); ++ci) {
        const Campaign &c = m_campaigns.at(ci);
        const Org &client = m_orgs.at(c.client);
        const QString &product = products().at(c.product);
        const QString status = c.start > m_anchor ? QStringLiteral("planned")
            : c.end >= m_anchor                   ? QStringLiteral("active")
            : rng.chance(0.05)                    ? QStringLiteral("cancelled")
                                                  : QStringLiteral("completed");
        const qint64 created = c.start - rng.between(14, 45) * day();
        const QString &beat = beats().at(rng.below(beats().size()));
        const QString description = Tr::tr("Get the %1 %2 into the press that matters: tier-one %3 coverage, two "
                                           "broadcast interviews and a steady drumbeat on social.")
                                        .arg(client.name, product, beat);
        // The brief's keywords (one per line) for who to pitch and the coverage proposals: the product and the beat.
        const QString topics = product + u'\n' + beat;
        const int articles = int(briefRng.between(4, 15));
        const int interviews = int(briefRng.between(2, 4));
        const QString goals = Tr::tr("%1 articles in tier-one %3 outlets within six weeks of the launch.\n\n"
                                     "%2 broadcast or podcast interviews with the product lead.\n\n"
                                     "A share of voice ahead of the two closest competitors.")
                                  .arg(articles)
                                  .arg(interviews)
                                  .arg(beat);
        const QString keyMessages = briefRng.chance(0.5)
            ? Tr::tr("The %1 sets up in five minutes and then stays out of the way.\n\n"
                     "It works with the apps people already use.\n\n"
                     "%2 designed it with forty customers, not for them.")
                  .arg(product, client.name)
            : Tr::tr("%1 makes %2 calmer: fewer settings, fewer notifications.\n\n"
                     "The %3 runs for a week on one charge.\n\n"
                     "Independent testers rated it the easiest in its class.")
                  .arg(client.name, beat, product);
        if (Status s = campaigns.add({ m_campaignBase + ci, m_orgBase + c.client, c.name, description, status, c.start,
                c.end, m_userBase + c.owner, created, created, topics, goals, keyMessages });
            !s)
            return s;
        // One to three colleagues besides the owner (when the agency has them).
        QSet<int> team;
        const int wanted = int(briefRng.between(1, 3));
        for (int t = 0; t < wanted * 3 && team.size() < wanted && m_scale.users > 1; ++t) {
            const int user = int(briefRng.below(m_scale.users));
            if (user != c.owner)
                team.insert(user);
        }
        for (int user : std::as_const(team)) {
            if (Status s = members.add({ m_campaignBase + ci, m_userBase + user }); !s)
                return s;
        }

        const QString newsroom = QStringLiteral("https://newsroom.") + client.domain + u'/';
        const QString titles[kContentPerCampaign] = { Tr::tr("%1 introduces the %2").arg(client.name, product),
            Tr::tr("Pitch: an exclusive first look at the %1").arg(product),
            Tr::tr("Meet the %1 from %2 #launch").arg(product, client.name),
            Tr::tr("%1 media kit: images, fact sheet, spokespeople").arg(client.name),
            Tr::tr("Why we built the %1").arg(product) };
        const bool started = c.start < m_anchor;
        const QVariant nullText(QMetaType::fromType<QString>());
        for (int k = 0; k < kContentPerCampaign; ++k) {
            // A started campaign's announcement is out; before the start the team is still writing.
            QString itemStatus;
            if (k == 1 || k == 3)
                itemStatus
                    = started || contentRng.chance(0.5) ? QStringLiteral("approved") : QStringLiteral("in_review");
            else
                itemStatus = started         ? QStringLiteral("published")
                    : contentRng.chance(0.4) ? QStringLiteral("in_review")
                                             : QStringLiteral("draft");
            const bool published = itemStatus == u"published";
            const QString url = k == 0 || k == 4 ? newsroom + urlSlug(titles[k]) : QString();
            const QString body = contentBody(
                k, titles[k], client.name, product, beats().at(contentRng.below(beats().size())), client.domain, false);
            // The press release, the pitch email and the blog post went through review: their first draft and
            // the reviewed text are earlier versions.
            const bool reviewed = (k == 0 || k == 1 || k == 4) && itemStatus != u"draft";
            const qint64 id = m_contentBase + ci * kContentPerCampaign + k;
            const qint64 owner = m_userBase + c.owner;
            const qint64 updated = created + (reviewed ? 6 : 0) * day();
            if (Status s = content.add({ id, m_campaignBase + ci, QString::fromLatin1(kContentKinds[k]), titles[k],
                    body, url.isEmpty() ? nullText : QVariant(url), ms(published ? c.start + 9 * 3'600'000LL : 0),
                    created, updated, itemStatus, reviewed ? 3 : 1, owner });
                !s)
                return s;
            if (reviewed) {
                const QString draft
                    = contentBody(k, titles[k], client.name, product, beats().at(0), client.domain, true);
                if (Status s = versions.add(
                        { id, 1, titles[k], draft, QStringLiteral("draft"), nullText, ms(0), created, owner });
                    !s)
                    return s;
                if (Status s = versions.add({ id, 2, titles[k], body, QStringLiteral("in_review"),
                        url.isEmpty() ? nullText : QVariant(url), ms(0), created + 3 * day(), owner });
                    !s)
                    return s;
            }
        }
        if (Status s = lists.add(
                { m_listBase + ci, m_campaignBase + ci, Tr::tr("%1 — media list").arg(c.name), created, created });
            !s)
            return s;
        if (Status s = advance(7); !s)
            return s;
    }
    m_stats.campaigns = m_campaigns.size();
    m_stats.contentItems = qint64(m_campaigns.size()) * kContentPerCampaign;
    for (BulkInserter *ins : { &campaigns, &members, &content, &versions, &lists })
        if (Status s = ins->finish(); !s)
            return s;
    return {};
}

Status DemoBuilder::writePitches()
{
    setPhase(Tr::tr("Writing pitches and coverage"));
    DemoRandom rng(m_options.seed, PitchDetailStream);
    BulkInserter members(
        m_db, QStringLiteral("media_list_members"), { QStringLiteral("media_list_id"), QStringLiteral("contact_id") });
    BulkInserter pitches(m_db, QStringLiteral("pitches"),
        { QStringLiteral("id"), QStringLiteral("campaign_id"), QStringLiteral("contact_id"),
            QStringLiteral("content_item_id"), QStringLiteral("user_id"), QStringLiteral("status"),
            QStringLiteral("pitched_at"), QStringLiteral("replied_at"), QStringLiteral("notes"),
            QStringLiteral("created_at"), QStringLiteral("updated_at") });
    BulkInserter coverage(m_db, QStringLiteral("coverage"),
        { QStringLiteral("campaign_id"), QStringLiteral("pitch_id"), QStringLiteral("contact_id"),
            QStringLiteral("organization_id"), QStringLiteral("title"), QStringLiteral("url"),
            QStringLiteral("published_at"), QStringLiteral("reach"), QStringLiteral("sentiment"),
            QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("url_key") });
    coverage.setParent(&pitches);
    // Every move of every pitch (who moved it, when): created as planned, then along its path.
    BulkInserter moves(m_db, QStringLiteral("pitch_moves"),
        { QStringLiteral("pitch_id"), QStringLiteral("from_status"), QStringLiteral("to_status"),
            QStringLiteral("moved_at"), QStringLiteral("moved_by") });
    moves.setParent(&pitches);
    QSet<QString> urlKeys; // the same article is never recorded twice (coverage_url_key)
    const QStringList statuses { QStringLiteral("planned"), QStringLiteral("pitched"), QStringLiteral("replied"),
        QStringLiteral("interested"), QStringLiteral("declined"), QStringLiteral("covered") };
    const QStringList headlines { QStringLiteral("How %1 wants to change %3"), QStringLiteral("%1's %2, reviewed"),
        QStringLiteral("First look: the %2 from %1"), QStringLiteral("%1 bets on %3 with a new %2"),
        QStringLiteral("Why %3 is having a moment") };
    const QStringList pitchNotes { QStringLiteral("Offered an exclusive."), QStringLiteral("Sent the embargoed data."),
        QStringLiteral("Wants a customer on the record."), QString(), QString() };
    const QVariant nullText(QMetaType::fromType<QString>());

    for (int i = 0; i < int(m_pitches.size()); ++i) {
        const Pitch &p = m_pitches[std::size_t(i)];
        tallyPitch(p);
        const Campaign &c = m_campaigns.at(p.campaign);
        const Person &person = m_people[std::size_t(p.contact)];
        const qint64 created = c.start - rng.between(1, 10) * day();
        const QString &note = pitchNotes.at(rng.below(pitchNotes.size()));
        if (Status s = members.add({ m_listBase + p.campaign, contactId(p.contact) }); !s)
            return s;
        const qint64 updated = qMax(created, qMax(p.pitchedAt, p.repliedAt));
        if (Status s = pitches.add({ m_pitchBase + i, m_campaignBase + p.campaign, contactId(p.contact),
                m_contentBase + p.campaign * kContentPerCampaign + 1, m_userBase + c.owner, statuses.at(p.status),
                ms(p.pitchedAt), ms(p.repliedAt), note.isEmpty() ? nullText : QVariant(note), created, updated });
            !s)
            return s;
        {
            // The path to the pitch's status: planned → pitched → replied → interested / declined → covered. The
            // owner moves most pitches; a teammate some. Moves after the reply happen hours to days later.
            const qint64 pitchId = m_pitchBase + i;
            const qint64 mover = m_userBase + (rng.chance(0.8) ? c.owner : int(rng.below(m_scale.users)));
            const QVariant none(QMetaType::fromType<QString>());
            QList<std::pair<int, qint64>> path { { Planned, created } };
            if (p.pitchedAt)
                path.append({ Pitched, p.pitchedAt });
            if (p.repliedAt && p.status >= Replied)
                path.append({ Replied, p.repliedAt });
            qint64 later = p.repliedAt ? p.repliedAt : p.pitchedAt;
            if (p.status == Interested || p.status == Declined || p.status == Covered) {
                later = qMin(later + rng.between(2, 48) * 3'600'000, m_anchor - 60'000);
                path.append({ p.status == Declined ? Declined : Interested, later });
            }
            if (p.status == Covered)
                path.append({ Covered, qMin(later + rng.between(1, 10) * day(), m_anchor - 60'000) });
            for (int m = 0; m < path.size(); ++m) {
                if (Status s = moves.add({ pitchId, m == 0 ? none : QVariant(statuses.at(path[m - 1].first)),
                        statuses.at(path[m].first), qMax(path[m].second, m > 0 ? path[m - 1].second : 0), mover });
                    !s)
                    return s;
            }
        }
        if (p.status == Covered) {
            const Org *org = person.org >= 0 ? &m_orgs.at(person.org) : nullptr;
            const QString args[3] = { m_orgs.at(c.client).name, products().at(c.product), beats().at(person.beat) };
            const QString title = fill(rng.pick(headlines), args, 3);
            const qint64 published = qMin(p.repliedAt + rng.between(2, 14) * day(), m_anchor - 3'600'000);
            const QDate date = QDateTime::fromMSecsSinceEpoch(published, Qt::UTC).date();
            const QString site = org ? org->domain : QStringLiteral("medium.example");
            const QString base = QStringLiteral("https://www.%1/%2/%3/%4")
                                     .arg(site, QString::number(date.year()),
                                         QString::number(date.month()).rightJustified(2, u'0'), urlSlug(title));
            // Two people at one outlet may write the same headline in a month: their articles get "-2", "-3".
            QString url = base;
            QString key = Url::coverageKey(url).value();
            for (int n = 2; urlKeys.contains(key); ++n) {
                url = base + u'-' + QString::number(n);
                key = Url::coverageKey(url).value();
            }
            urlKeys.insert(key);
            const int sentiment = rng.weighted(std::initializer_list<int> { 8, 30, 62 }) - 1;
            if (Status s = coverage.add({ m_campaignBase + p.campaign, m_pitchBase + i, contactId(p.contact),
                    org ? QVariant(m_orgBase + person.org) : ms(0), title, url, published,
                    org ? ms(org->reach) : ms(rng.logUniform(1'000, 50'000)), sentiment, published, published, key });
                !s)
                return s;
            ++m_stats.coverage;
        }
        if (Status s = advance(2); !s)
            return s;
    }
    m_stats.pitches = qint64(m_pitches.size());
    for (BulkInserter *ins : { &members, &pitches, &coverage, &moves })
        if (Status s = ins->finish(); !s)
            return s;
    return {};
}
