#include "pitchscore.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PitchScore)
};

constexpr double kDayMs = 86400000.0;

double daysBetween(const QDateTime &from, const QDateTime &to)
{
    return std::max(0.0, double(to.toMSecsSinceEpoch() - from.toMSecsSinceEpoch()) / kDayMs);
}

// "consumer tech", "consumer tech and AI", "AI, consumer tech and gaming" in the user's language.
QString listed(const QStringList &items)
{
    return QLocale().createSeparatedList(items);
}

} // namespace

bool PitchScore::isRelevant(const PitchSignals &in)
{
    return !in.beats.isEmpty() || !in.tags.isEmpty() || in.matchingPosts > 0 || in.clientCoverage > 0;
}

QString PitchScore::ago(const QDateTime &when, const QDateTime &now)
{
    const qint64 days = std::max<qint64>(0, when.toLocalTime().date().daysTo(now.toLocalTime().date()));
    if (days == 0)
        return Tr::tr("today");
    if (days == 1)
        return Tr::tr("yesterday");
    if (days < 14)
        return Tr::tr("%n day(s) ago", nullptr, int(days));
    if (days < 45)
        return Tr::tr("%n week(s) ago", nullptr, int(days / 7));
    if (days < 730)
        return Tr::tr("%n month(s) ago", nullptr, int(std::lround(double(days) / 30.44)));
    return Tr::tr("%n year(s) ago", nullptr, int(days / 365));
}

QString PitchScore::channelLabel(const QString &channel)
{
    // Both the profile's keys (email, phone, mastodon, …) and the interaction channels some imports use.
    if (channel == u"email")
        return Tr::tr("email");
    if (channel == u"phone" || channel == u"call")
        return Tr::tr("phone calls");
    if (channel == u"direct_message")
        return Tr::tr("direct messages");
    if (channel == u"meeting" || channel == u"in_person")
        return Tr::tr("meeting in person");
    if (channel == u"mastodon")
        return Tr::tr("Mastodon");
    if (channel == u"bluesky")
        return Tr::tr("Bluesky");
    if (channel == u"x")
        return Tr::tr("X");
    if (channel == u"linkedin")
        return Tr::tr("LinkedIn");
    return channel;
}

PitchScore PitchScore::compute(const PitchSignals &in, const QDateTime &now, bool withReasons)
{
    PitchScore p;
    // Topic fit: a beat is what they cover; a tag is weaker evidence (someone's label, not their desk).
    p.topic = !in.beats.isEmpty() ? 1.0 : !in.tags.isEmpty() ? 0.6 : 0.0;
    // Writing: full marks at three matching posts, diminishing returns, decaying with the latest one's age.
    if (in.matchingPosts > 0 && in.latestMatchingPost.isValid())
        p.writing = std::min(1.0, std::log2(1.0 + in.matchingPosts) / 2.0)
            * std::exp(-daysBetween(in.latestMatchingPost, now) / kPostDecayDays);
    p.health = in.healthScore > 0 ? std::min(100, in.healthScore) / 100.0 : 0.0;
    // Response: answered pitches with one answered and one unanswered imagined, so no history is neutral
    // (0.5) and one lucky answer is not a perfect record.
    p.response = double(in.pitchesAnswered + 1) / double(in.pitchesSent + 2);
    // Coverage: covering half of the pitches is full marks.
    p.coverage = in.pitchesSent > 0 ? std::min(1.0, 2.0 * in.pitchesCovered / in.pitchesSent) : 0.0;
    p.client = in.clientCoverage > 0 ? 1.0 : 0.0;
    p.channel = in.preferredChannel.isEmpty() ? 0.0 : 1.0;
    p.fatigue = std::min(kMaxFatiguePoints, kFatiguePoints * in.recentPitches)
        + (in.clientDeclinedAt.isValid() && daysBetween(in.clientDeclinedAt, now) <= kDeclineDays ? kDeclinePoints : 0);

    const double sum = kTopicWeight * p.topic + kWritingWeight * p.writing + kHealthWeight * p.health
        + kResponseWeight * p.response + kCoverageWeight * p.coverage + kClientWeight * p.client
        + kChannelWeight * p.channel - p.fatigue;
    p.score = std::clamp(int(std::lround(sum)), 0, 100);
    if (!withReasons)
        return p;

    auto plus = [&p](double value, double weight, const QString &text) {
        p.reasons.append({ text, int(std::lround(value * weight)), Reason::Kind::Plus });
    };
    if (!in.beats.isEmpty())
        plus(p.topic, kTopicWeight, Tr::tr("covers %1").arg(listed(in.beats)));
    else if (!in.tags.isEmpty())
        plus(p.topic, kTopicWeight, Tr::tr("tagged %1").arg(listed(in.tags)));
    if (in.matchingPosts > 0 && in.latestMatchingPost.isValid()) {
        const QString when = ago(in.latestMatchingPost, now);
        plus(p.writing, kWritingWeight,
            in.matchingPosts == 1
                ? Tr::tr("wrote about %1 %2").arg(in.latestPostTopic, when)
                : Tr::tr("wrote about %1 %2 (%n matching posts in %3 days)", nullptr, in.matchingPosts)
                      .arg(in.latestPostTopic, when)
                      .arg(kPostDays));
    }
    if (in.clientCoverage > 0)
        plus(p.client, kClientWeight,
            Tr::tr("covered %1 %n time(s) before", nullptr, in.clientCoverage).arg(in.clientName));
    plus(p.response, kResponseWeight,
        in.pitchesSent > 0 ? Tr::tr("replied to %1 of %n pitch(es)", nullptr, in.pitchesSent).arg(in.pitchesAnswered)
                           : Tr::tr("not pitched before"));
    if (in.pitchesCovered > 0)
        plus(p.coverage, kCoverageWeight,
            Tr::tr("covered %1 of %n pitch(es)", nullptr, in.pitchesSent).arg(in.pitchesCovered));
    plus(p.health, kHealthWeight,
        in.healthScore <= 0        ? Tr::tr("no conversations yet")
            : in.healthScore >= 70 ? Tr::tr("relationship strong (%1)").arg(in.healthScore)
            : in.healthScore >= 45 ? Tr::tr("relationship steady (%1)").arg(in.healthScore)
            : in.healthScore >= 20 ? Tr::tr("relationship cooling (%1)").arg(in.healthScore)
                                   : Tr::tr("relationship cold (%1)").arg(in.healthScore));
    if (in.recentPitches > 0 && in.lastPitchedAt.isValid()) {
        const int points = std::min(kMaxFatiguePoints, kFatiguePoints * in.recentPitches);
        p.reasons.append(
            { in.recentPitches == 1 ? Tr::tr("pitched %1").arg(ago(in.lastPitchedAt, now))
                                    : Tr::tr("pitched %n times in the last %1 days, last %2", nullptr, in.recentPitches)
                                          .arg(kFatigueDays)
                                          .arg(ago(in.lastPitchedAt, now)),
                -points, Reason::Kind::Minus });
    }
    if (in.clientDeclinedAt.isValid() && daysBetween(in.clientDeclinedAt, now) <= kDeclineDays)
        p.reasons.append({ Tr::tr("declined a %1 pitch %2").arg(in.clientName, ago(in.clientDeclinedAt, now)),
            -kDeclinePoints, Reason::Kind::Minus });
    if (!in.preferredChannel.isEmpty())
        plus(p.channel, kChannelWeight, Tr::tr("prefers %1").arg(channelLabel(in.preferredChannel)));
    if (!in.hasConsent)
        p.reasons.append({ Tr::tr("no recorded consent"), 0, Reason::Kind::Note });
    return p;
}

QString PitchScore::reasonText() const
{
    QStringList texts;
    for (const Reason &r : reasons)
        texts << r.text;
    return texts.join(QStringLiteral("; "));
}
