// DemoBuilder, part 3: campaigns, their content, media lists, pitches and the coverage they won.
#include "demo/demobuilder.h"
#include "demo/democorpus.h"
#include "storage/bulkinserter.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace DemoCorpus;

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)
};

enum Stream : quint32 { CampaignDetailStream = 21, PitchDetailStream };

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

// Five content items per campaign, in this order; pitches use the pitch email (position 1).
constexpr int kContentPerCampaign = 5;
const char *const kContentKinds[kContentPerCampaign]
    = { "press_release", "pitch_email", "social_post", "media_kit", "blog_post" };

} // namespace

Status DemoBuilder::writeCampaigns()
{
    setPhase(Tr::tr("Writing campaigns"));
    DemoRandom rng(m_options.seed, CampaignDetailStream);
    BulkInserter campaigns(m_db, QStringLiteral("campaigns"),
        { QStringLiteral("id"), QStringLiteral("client_id"), QStringLiteral("name"), QStringLiteral("description"),
            QStringLiteral("status"), QStringLiteral("starts_at"), QStringLiteral("ends_at"),
            QStringLiteral("owner_id"), QStringLiteral("created_at"), QStringLiteral("updated_at") });
    BulkInserter content(m_db, QStringLiteral("content_items"),
        { QStringLiteral("id"), QStringLiteral("campaign_id"), QStringLiteral("kind"), QStringLiteral("title"),
            QStringLiteral("body"), QStringLiteral("url"), QStringLiteral("published_at"), QStringLiteral("created_at"),
            QStringLiteral("updated_at") });
    BulkInserter lists(m_db, QStringLiteral("media_lists"),
        { QStringLiteral("id"), QStringLiteral("campaign_id"), QStringLiteral("name"), QStringLiteral("created_at"),
            QStringLiteral("updated_at") });
    content.setParent(&campaigns);
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
        const QString description = Tr::tr("Get the %1 %2 into the press that matters: tier-one %3 coverage, two "
                                           "broadcast interviews and a steady drumbeat on social.")
                                        .arg(client.name, product, beats().at(rng.below(beats().size())));
        if (Status s = campaigns.add({ m_campaignBase + ci, m_orgBase + c.client, c.name, description, status, c.start,
                c.end, m_userBase + c.owner, created, created });
            !s)
            return s;

        const QString newsroom = QStringLiteral("https://newsroom.") + client.domain + u'/';
        const QString titles[kContentPerCampaign] = { Tr::tr("%1 introduces the %2").arg(client.name, product),
            Tr::tr("Pitch: an exclusive first look at the %1").arg(product),
            Tr::tr("Meet the %1 from %2 #launch").arg(product, client.name),
            Tr::tr("%1 media kit: images, fact sheet, spokespeople").arg(client.name),
            Tr::tr("Why we built the %1").arg(product) };
        for (int k = 0; k < kContentPerCampaign; ++k) {
            const bool published = k != 1 && c.start < m_anchor;
            const QString url = k == 0 || k == 4 ? newsroom + urlSlug(titles[k]) : QString();
            const QString body = Tr::tr("%1. %2 today announced the %3, available from next month. "
                                        "Contact the press office for samples and interviews.")
                                     .arg(titles[k], client.name, product);
            if (Status s = content.add({ m_contentBase + ci * kContentPerCampaign + k, m_campaignBase + ci,
                    QString::fromLatin1(kContentKinds[k]), titles[k], body,
                    url.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(url),
                    ms(published ? c.start + 9 * 3'600'000LL : 0), created, created });
                !s)
                return s;
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
    for (BulkInserter *ins : { &campaigns, &content, &lists })
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
            QStringLiteral("created_at"), QStringLiteral("updated_at") });
    coverage.setParent(&pitches);
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
        if (p.status == Covered) {
            const Org *org = person.org >= 0 ? &m_orgs.at(person.org) : nullptr;
            const QString args[3] = { m_orgs.at(c.client).name, products().at(c.product), beats().at(person.beat) };
            const QString title = fill(rng.pick(headlines), args, 3);
            const qint64 published = qMin(p.repliedAt + rng.between(2, 14) * day(), m_anchor - 3'600'000);
            const QDate date = QDateTime::fromMSecsSinceEpoch(published, Qt::UTC).date();
            const QString site = org ? org->domain : QStringLiteral("medium.example");
            const QString url = QStringLiteral("https://www.%1/%2/%3/%4")
                                    .arg(site, QString::number(date.year()),
                                        QString::number(date.month()).rightJustified(2, u'0'), urlSlug(title));
            const int sentiment = rng.weighted(std::initializer_list<int> { 8, 30, 62 }) - 1;
            if (Status s = coverage.add({ m_campaignBase + p.campaign, m_pitchBase + i, contactId(p.contact),
                    org ? QVariant(m_orgBase + person.org) : ms(0), title, url, published,
                    org ? ms(org->reach) : ms(rng.logUniform(1'000, 50'000)), sentiment, published, published });
                !s)
                return s;
            ++m_stats.coverage;
        }
        if (Status s = advance(2); !s)
            return s;
    }
    m_stats.pitches = qint64(m_pitches.size());
    for (BulkInserter *ins : { &members, &pitches, &coverage })
        if (Status s = ins->finish(); !s)
            return s;
    return {};
}
