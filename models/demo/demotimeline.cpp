// DemoBuilder, part 4: the interactions of the timeline, and follow-ups around the anchor.
#include "demo/demobuilder.h"
#include "demo/democorpus.h"
#include "storage/bulkinserter.h"

#include <QCoreApplication>

using namespace DemoCorpus;

namespace {

enum Stream : quint32 { InteractionStream = 31, FollowUpStream };

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)
};

struct ChannelMix
{
    const char *channel;
    int weight;
    int inboundPercent;
};

// How an agency's random (non-pitch) touches are spread over channels and directions.
const ChannelMix kMix[] = { { "email", 30, 50 }, { "call", 10, 40 }, { "meeting", 5, 20 }, { "event", 4, 30 },
    { "mention", 15, 90 }, { "reply", 8, 80 }, { "direct_message", 8, 50 }, { "pitch", 8, 5 }, { "note", 12, 0 } };

} // namespace

Status DemoBuilder::writeInteractions()
{
    setPhase(Tr::tr("Writing interactions"));
    DemoRandom rng(m_options.seed, InteractionStream);
    BulkInserter ins(m_db, QStringLiteral("interactions"),
        { QStringLiteral("contact_id"), QStringLiteral("user_id"), QStringLiteral("campaign_id"),
            QStringLiteral("channel"), QStringLiteral("direction"), QStringLiteral("occurred_at"),
            QStringLiteral("subject"), QStringLiteral("body"), QStringLiteral("sentiment"), QStringLiteral("outcome"),
            QStringLiteral("source"), QStringLiteral("external_id"), QStringLiteral("author_name"),
            QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("pitch_id") });
    QStringList channels;
    QList<int> weights;
    for (const ChannelMix &m : kMix) {
        channels << QString::fromLatin1(m.channel);
        weights << m.weight;
    }
    const QString inbound = QStringLiteral("inbound"), outbound = QStringLiteral("outbound");
    const QString manual = QStringLiteral("manual");
    const QString pitchOutcomes[] = { QString(), QStringLiteral("no reply yet"), QStringLiteral("replied"),
        QStringLiteral("interested"), QStringLiteral("declined: not now"), QStringLiteral("covered") };
    const QVariant nullText(QMetaType::fromType<QString>()), nullInt(QMetaType::fromType<qint64>());
    QStringList userFirst;
    for (int u = 0; u < m_userNames.size(); ++u)
        userFirst << userFirstName(u);

    for (qint64 seq = 0; seq < qint64(m_events.size()); ++seq) {
        const Event &e = m_events[std::size_t(seq)];
        const Person &person = m_people[std::size_t(e.contact)];
        const Pitch *pitch = e.pitch >= 0 ? &m_pitches[std::size_t(e.pitch)] : nullptr;
        const int campaign = pitch ? pitch->campaign : int(rng.below(m_campaigns.size()));
        const Campaign &c = m_campaigns.at(campaign);
        const int user = rng.chance(0.7) ? person.owner : int(rng.below(m_scale.users));

        QString channel;
        bool in = false;
        int sentiment = 2; // none
        QString outcome;
        const QList<Message> *templates = nullptr;
        int templateIndex = -1;
        if (e.type == PitchSent) {
            channel = QStringLiteral("pitch");
            outcome = pitchOutcomes[pitch->status];
        } else if (e.type == PitchReply) {
            channel = rng.chance(0.7) ? QStringLiteral("reply") : QStringLiteral("email");
            in = true;
            sentiment = pitch->status == Declined ? -int(rng.below(2)) : pitch->status == Replied ? 0 : 1;
            templates = &messages(QStringLiteral("reply"), true);
            templateIndex = pitch->status == Declined ? 2 : int(rng.below(2));
        } else {
            const int k = rng.weighted(weights);
            channel = channels.at(k);
            in = rng.below(100) < kMix[k].inboundPercent;
            if (in && channel != u"note")
                sentiment = rng.weighted(std::initializer_list<int> { 12, 55, 33 }) - 1;
            const QStringList &choices = outcomes(channel);
            if (!choices.isEmpty() && rng.chance(0.4))
                outcome = rng.pick(choices);
        }
        if (!templates)
            templates = &messages(channel, in);
        const Message &m = templates->at(templateIndex >= 0 ? templateIndex : int(rng.below(templates->size())));
        const QString args[5] = { firstName(person), m_orgs.at(c.client).name, products().at(c.product),
            beats().at(person.beat), userFirst.at(user) };
        tallyInteraction(e.contact, e.at, channel, in);
        const bool synced = channel == u"mention" && in;
        const QString source
            = synced ? (rng.chance(0.5) ? QStringLiteral("mastodon") : QStringLiteral("bluesky")) : manual;
        if (Status s = ins.add({ contactId(e.contact), m_userBase + user,
                pitch ? QVariant(m_campaignBase + campaign) : nullInt, channel, in ? inbound : outbound, e.at,
                DemoCorpus::fill(m.subject, args, 5), DemoCorpus::fill(m.body, args, 5),
                sentiment == 2 ? QVariant(QMetaType::fromType<int>()) : QVariant(sentiment),
                outcome.isEmpty() ? nullText : QVariant(outcome), source,
                synced ? QVariant(QString(QStringLiteral("demo-") + QString::number(seq))) : nullText,
                synced ? QVariant(QString(firstName(person) + u' ' + lastName(person))) : nullText, e.at, e.at,
                // The pitch interaction logged when the pitch was marked pitched (PitchRepository::move).
                e.type == PitchSent ? QVariant(m_pitchBase + e.pitch) : nullInt });
            !s)
            return s;
        if (Status s = advance(); !s)
            return s;
    }
    m_stats.interactions = qint64(m_events.size());
    return ins.finish();
}

Status DemoBuilder::writeFollowUps()
{
    setPhase(Tr::tr("Writing follow-ups"));
    DemoRandom rng(m_options.seed, FollowUpStream);
    BulkInserter ins(m_db, QStringLiteral("follow_ups"),
        { QStringLiteral("contact_id"), QStringLiteral("campaign_id"), QStringLiteral("assignee_id"),
            QStringLiteral("due_at"), QStringLiteral("note"), QStringLiteral("done_at"), QStringLiteral("created_at"),
            QStringLiteral("updated_at") });
    const qint64 hour = 3'600'000;
    const int kinds[] = { 20, 15, 35, 30 }; // overdue, due today, later, done
    const QVariant nullInt(QMetaType::fromType<qint64>());
    for (int i = 0; i < m_scale.followUps; ++i) {
        // Half follow a pitch (and so a campaign), half a contact alone.
        const Pitch *pitch = rng.chance(0.5) ? &m_pitches[std::size_t(rng.below(qint64(m_pitches.size())))] : nullptr;
        const int contact = pitch ? pitch->contact : int(rng.below(qint64(m_people.size())));
        const Person &person = m_people[std::size_t(contact)];
        const Campaign &c = m_campaigns.at(pitch ? pitch->campaign : int(rng.below(m_campaigns.size())));
        qint64 due = 0, done = 0;
        switch (rng.weighted(kinds)) {
        case 0:
            due = m_anchor - rng.between(1, 14) * day() + rng.between(9, 17) * hour;
            break;
        case 1:
            due = m_anchor + rng.between(9, 17) * hour;
            break;
        case 2:
            due = m_anchor + rng.between(1, 30) * day() + rng.between(9, 17) * hour;
            break;
        default:
            due = m_anchor - rng.between(2, 120) * day() + rng.between(9, 17) * hour;
            done = qMin(due + rng.between(-24, 48) * hour, m_anchor - hour);
            break;
        }
        const qint64 created = qMin(due, m_anchor) - rng.between(1, 10) * day();
        const QString args[2] = { firstName(person), m_orgs.at(c.client).name };
        if (Status s = ins.add({ contactId(contact), pitch ? QVariant(m_campaignBase + pitch->campaign) : nullInt,
                m_userBase + person.owner, due, DemoCorpus::fill(rng.pick(followUpNotes()), args, 2),
                done ? QVariant(done) : nullInt, created, done ? done : created });
            !s)
            return s;
        if (Status s = advance(); !s)
            return s;
    }
    m_stats.followUps = m_scale.followUps;
    return ins.finish();
}
