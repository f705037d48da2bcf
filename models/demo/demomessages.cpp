// The phrases of the demo conversations (declared in democorpus.h).
#include "democorpus.h"

#include <QHash>

namespace DemoCorpus {
namespace {

using Raw = std::initializer_list<std::pair<const char *, const char *>>;

QList<Message> build(Raw raw)
{
    QList<Message> out;
    for (const auto &[subject, body] : raw)
        out.append({ QString::fromUtf8(subject), QString::fromUtf8(body) });
    return out;
}

QHash<QString, QList<Message>> buildAll()
{
    QHash<QString, QList<Message>> m;
    m.insert(QStringLiteral("email/out"),
        build({ { "Quick follow-up on %2",
                    "Hi %1, just checking you received the note about %2's %3. Happy to set up a call "
                    "with their product lead this week. Best, %5" },
            { "Embargoed: %2 %3 numbers",
                "Hi %1, attached are the embargoed figures for the %3. Embargo lifts Tuesday "
                "09:00 CET. Let me know if you need anything else. %5" },
            { "Interview slot with %2's CEO",
                "Hi %1, the CEO of %2 has 20 minutes on Thursday for your %4 piece. Shall I "
                "pencil you in? %5" },
            { "Images and spokesperson for your %4 story",
                "Hi %1, high-res images of the %3 are in the media kit link "
                "below, plus two spokespeople available in English and German." } }));
    m.insert(QStringLiteral("email/in"),
        build({ { "Re: %2 %3",
                    "Thanks %5, this is interesting. Can you send the full data set and a customer I could talk to?" },
            { "Re: Quick follow-up", "Not for us right now, sorry. Keep me posted on anything %4-related though." },
            { "Request: comment on %4 trends",
                "Hi %5, I'm writing about %4 this week. Could someone at %2 comment by "
                "Thursday noon?" },
            { "Re: Embargoed figures", "Got it, thanks. Planning to run it Tuesday morning, will send the link." } }));
    m.insert(QStringLiteral("call/out"),
        build({ { "Call about the %3",
                    "Walked %1 through the %3. Interested in a hands-on review unit; wants it by the 15th." },
            { "Intro call", "First call with %1. Covers %4, prefers exclusives with data. Not keen on phone pitches." },
            { "Check-in call", "Caught up with %1 about upcoming %4 features; planning list due next month." } }));
    m.insert(QStringLiteral("call/in"),
        build({ { "%1 called about %2",
                    "%1 called asking for a comment from %2 on the latest %4 figures. Sent a quote at 16:00." },
            { "Callback from %1", "Returned our call: will consider the %3 story for the weekend edition." } }));
    m.insert(QStringLiteral("meeting/out"),
        build({ { "Coffee with %1",
                    "Coffee near the newsroom. Talked about the %4 beat, upcoming features, and %2's roadmap." },
            { "Desk-side briefing: %2",
                "Briefed %1 with %2's founder on the %3. Good questions on pricing and privacy." } }));
    m.insert(QStringLiteral("meeting/in"),
        build({ { "Lunch invitation from %1",
            "%1 invited us to the outlet's %4 roundtable lunch; brought the %2 team." } }));
    m.insert(QStringLiteral("event/out"),
        build({ { "%2 launch event", "%1 attended the %3 launch, stayed for the demo, took the press kit." },
            { "Met at a %4 conference",
                "Met %1 at the %4 summit; exchanged cards, promised to send the %2 report." } }));
    m.insert(QStringLiteral("event/in"),
        build({ { "Panel invitation", "%1 invited %2's CEO to speak on a %4 panel in the spring." } }));
    m.insert(QStringLiteral("mention/in"),
        build({ { "Mentioned %2", "%1 mentioned %2 in a post about %4: \"the %3 is one to watch\"." },
            { "Shared our coverage", "%1 shared the article on the %3 with a short comment." },
            { "Asked followers about %4",
                "%1 asked followers for %4 stories; we replied with %2's customer story." } }));
    m.insert(QStringLiteral("mention/out"), build({ { "Tagged %1", "Tagged %1 in %2's post about the %3." } }));
    m.insert(QStringLiteral("reply/in"),
        build(
            { { "Re: %2 pitch", "Thanks %5, this could fit our %4 round-up. Can you share pricing and a launch date?" },
                { "Re: Story idea", "Interesting angle. I'd need an exclusive and a customer on the record." },
                { "Re: %3", "Pass for now, we covered something similar last month." } }));
    m.insert(QStringLiteral("reply/out"),
        build({ { "Re: your request",
            "Here are the details you asked for, %1: price, availability and two customers." } }));
    m.insert(QStringLiteral("direct_message/in"),
        build({ { "DM from %1", "Hey, saw the %3 teaser. Is there an embargo? Would love early access." },
            { "DM: quick question", "Who handles press for %2 in Europe now?" } }));
    m.insert(QStringLiteral("direct_message/out"),
        build({ { "DM to %1", "Hi %1, sending you the %2 deck by email, it has the %4 numbers you asked about." } }));
    m.insert(QStringLiteral("pitch/out"),
        build({ { "Story idea: how %2 is changing %4",
                    "Hi %1, %2 is launching the %3 next month. Three customers saw real "
                    "results; I can offer an exclusive interview and early data." },
            { "Exclusive for %1: %2 %3",
                "Hi %1, given your recent %4 coverage, I thought you'd like the first look at "
                "%2's %3. Embargo until launch day." },
            { "New data on %4 from %2",
                "Hi %1, %2 surveyed 2,000 people about %4. Happy to share the full results." } }));
    m.insert(QStringLiteral("pitch/in"),
        build({ { "Looking for %4 stories",
            "%1 is looking for %4 angles for next month's issue; asked us for ideas." } }));
    m.insert(QStringLiteral("note/out"),
        build({ { "Note", "%1 prefers email before 10:00 and hates follow-up calls." },
            { "Note: beat change", "%1 moved from general news to %4 in the spring." },
            { "Note: holiday", "%1 is away until the end of the month; the deputy covers %4." } }));
    m.insert(QStringLiteral("note/in"),
        build({ { "Note from the team", "Heard from a colleague that %1 is writing a long read on %4." } }));
    return m;
}

} // namespace

const QList<Message> &messages(const QString &channel, bool inbound)
{
    static const QHash<QString, QList<Message>> all = buildAll();
    static const QList<Message> empty;
    const auto it = all.constFind(channel + (inbound ? QStringLiteral("/in") : QStringLiteral("/out")));
    if (it != all.constEnd())
        return *it;
    const auto other = all.constFind(channel + (inbound ? QStringLiteral("/out") : QStringLiteral("/in")));
    return other != all.constEnd() ? *other : empty;
}

const QStringList &outcomes(const QString &channel)
{
    static const QStringList pitch { QStringLiteral("no reply yet"), QStringLiteral("interested"),
        QStringLiteral("declined: not their beat"), QStringLiteral("asked for data"),
        QStringLiteral("booked interview") };
    static const QStringList talk { QStringLiteral("sent materials"), QStringLiteral("booked interview"),
        QStringLiteral("agreed to review"), QStringLiteral("no story"), QStringLiteral("follow up next month") };
    static const QStringList none;
    if (channel == u"pitch" || channel == u"email" || channel == u"reply")
        return pitch;
    if (channel == u"call" || channel == u"meeting" || channel == u"event")
        return talk;
    return none;
}

const QStringList &followUpNotes()
{
    static const QStringList list { QStringLiteral("Send %1 the embargoed %2 figures"),
        QStringLiteral("Check whether %1 got the review unit"), QStringLiteral("Chase %1 for a publication date"),
        QStringLiteral("Offer %1 an interview with %2's CEO"), QStringLiteral("Thank %1 for the coverage"),
        QStringLiteral("Send %1 the %2 media kit"), QStringLiteral("Call %1 about the spring features list") };
    return list;
}

} // namespace DemoCorpus
