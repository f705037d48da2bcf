#include "healthscore.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HealthScore)
};

constexpr double kDayMs = 86400000.0;
constexpr double kRecencyDecayDays = 60; // recency falls to 37% after 60 days, 5% after 180
constexpr int kFullFrequency = 12; // 12 touches in 90 days (about one a week) is full marks
constexpr int kFullChannels = 4;
constexpr double kFullTenureYears = 3;
constexpr int kFullTenureDepth = 30; // interactions needed for tenure to count fully

} // namespace

HealthScore HealthScore::compute(const HealthInputs &in, const QDateTime &now, bool withExplanation)
{
    HealthScore h;
    if (in.total == 0 && in.pitchesSent == 0) {
        h.explanation << Tr::tr("No conversations yet.");
        return h;
    }
    const double daysSinceLast
        = in.last.isValid() ? std::max(0.0, double(now.toMSecsSinceEpoch() - in.last.toMSecsSinceEpoch()) / kDayMs) : 0;
    const double daysKnown = in.first.isValid()
        ? std::max(0.0, double(now.toMSecsSinceEpoch() - in.first.toMSecsSinceEpoch()) / kDayMs)
        : 0;

    h.recency = in.last.isValid() ? std::exp(-daysSinceLast / kRecencyDecayDays) : 0;
    h.frequency = std::min(1.0, std::log2(1.0 + in.recent) / std::log2(1.0 + kFullFrequency));
    const int directed = in.inbound + in.outbound;
    h.reciprocity = directed > 0 ? 2.0 * std::min(in.inbound, in.outbound) / directed : 0;
    h.response = in.pitchesSent > 0 ? double(in.pitchesAnswered) / in.pitchesSent : 0.5; // unknown: neutral
    h.breadth = std::min(1.0, double(in.channels) / kFullChannels);
    h.tenure
        = std::min(1.0, daysKnown / 365.25 / kFullTenureYears) * std::min(1.0, double(in.total) / kFullTenureDepth);

    const double sum = kRecencyWeight * h.recency + kFrequencyWeight * h.frequency + kReciprocityWeight * h.reciprocity
        + kResponseWeight * h.response + kBreadthWeight * h.breadth + kTenureWeight * h.tenure;
    h.score = std::clamp(int(std::lround(sum)), 0, 100);
    if (!withExplanation)
        return h;

    // Singular and plural as separate sentences: the project ships no English numerus translation, and
    // "%n day(s)" would show as is.
    auto part = [&h](const QString &name, double value, double weight, const QString &sentence) {
        h.parts.append({ name, int(std::lround(value * weight)), int(weight), sentence });
        h.explanation << sentence;
    };
    if (in.last.isValid()) {
        // Calendar days where the user is, not 24-hour periods: a call at 15:00 yesterday was "yesterday" at
        // 10:00 today, though fewer than 24 hours ago.
        const int days = int(std::max<qint64>(0, in.last.toLocalTime().date().daysTo(now.toLocalTime().date())));
        part(Tr::tr("Recency"), h.recency, kRecencyWeight,
            days == 0       ? Tr::tr("Last spoke today.")
                : days == 1 ? Tr::tr("Last spoke yesterday.")
                            : Tr::tr("Last spoke %1 days ago.").arg(days));
    } else {
        part(Tr::tr("Recency"), h.recency, kRecencyWeight, Tr::tr("No conversation logged, only pitches."));
    }
    part(Tr::tr("Frequency"), h.frequency, kFrequencyWeight,
        in.recent == 1 ? Tr::tr("One interaction in the last %1 days.").arg(kRecentDays)
                       : Tr::tr("%1 interactions in the last %2 days.").arg(in.recent).arg(kRecentDays));
    if (directed > 0) {
        // "Mostly" from 70% one way: 12 of 15 is one-sided, 9 of 15 is a conversation.
        const QString sentence = in.outbound * 10 >= directed * 7
            ? Tr::tr("Mostly outbound: %1 of %2 interactions were ours.").arg(in.outbound).arg(directed)
            : in.inbound * 10 >= directed * 7
            ? Tr::tr("Mostly inbound: %1 of %2 interactions came from them.").arg(in.inbound).arg(directed)
            : Tr::tr("Balanced: %1 of %2 interactions came from them.").arg(in.inbound).arg(directed);
        part(Tr::tr("Reciprocity"), h.reciprocity, kReciprocityWeight, sentence);
    }
    part(Tr::tr("Response"), h.response, kResponseWeight,
        in.pitchesSent > 0 ? Tr::tr("Answers %1 of %2 pitches.").arg(in.pitchesAnswered).arg(in.pitchesSent)
                           : Tr::tr("No pitches sent yet."));
    if (in.channels > 0)
        part(Tr::tr("Breadth"), h.breadth, kBreadthWeight,
            in.channels == 1 ? Tr::tr("Talked on one channel.") : Tr::tr("Talked on %1 channels.").arg(in.channels));
    if (in.first.isValid()) {
        const int years = int(daysKnown / 365.25);
        const int months = int(daysKnown / 30.44);
        part(Tr::tr("Tenure"), h.tenure, kTenureWeight,
            years >= 2        ? Tr::tr("Known for %1 years.").arg(years)
                : years == 1  ? Tr::tr("Known for over a year.")
                : months >= 2 ? Tr::tr("Known for %1 months.").arg(months)
                : months == 1 ? Tr::tr("Known for a month.")
                              : Tr::tr("Known for less than a month."));
    }
    return h;
}

QString HealthScore::grade(int score)
{
    if (score < 0)
        return Tr::tr("not scored", "relationship health");
    if (score >= 70)
        return Tr::tr("strong", "relationship health");
    if (score >= 45)
        return Tr::tr("steady", "relationship health");
    if (score >= 20)
        return Tr::tr("cooling", "relationship health");
    return Tr::tr("cold", "relationship health");
}

QStringList HealthScore::breakdownLines() const
{
    if (parts.isEmpty())
        return explanation;
    QStringList lines;
    for (const Part &p : parts)
        lines << Tr::tr("%1 %2 of %3: %4", "component, points, maximum, sentence")
                     .arg(p.name)
                     .arg(p.points)
                     .arg(p.maxPoints)
                     .arg(p.sentence);
    return lines;
}

QString HealthScore::describe() const
{
    return (
        QStringList { Tr::tr("Relationship health %1 of 100 (%2)").arg(score).arg(grade(score)) } + breakdownLines())
        .join(u'\n');
}
