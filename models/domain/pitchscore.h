#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// Who to pitch: how well one person fits one campaign, 0-100, with the reasons in words (docs/PITCHING.md
// has the formula and why). PitchScore::compute() is pure: it scores the signals that PitchSuggestions
// (storage/pitchsuggestions.h) gathers with SQL, so crafted cases can be tested without a database
// (tests/models/tst_pitchscore.cpp).
struct PitchSignals
{
    QStringList beats; // the person's beats that match the campaign's topics
    QStringList tags; // the person's tags that match them
    int matchingPosts = 0; // their posts and articles of the last kPostDays that mention a topic
    QDateTime latestMatchingPost;
    QString latestPostTopic; // the topic the latest of them mentions
    int healthScore = -1; // contacts.health_score; -1 never scored
    int pitchesSent = 0; // pitches with a pitched_at, for any campaign
    int pitchesAnswered = 0; // of those, answered (replied_at, or a status past "pitched")
    int pitchesCovered = 0; // of those, covered
    int clientCoverage = 0; // coverage they wrote for this campaign's client (any of its campaigns)
    QString clientName;
    int recentPitches = 0; // pitches to them by anyone in the last kFatigueDays, for any campaign
    QDateTime lastPitchedAt; // the latest pitch to them
    QDateTime clientDeclinedAt; // the latest pitch for this client they declined, within kDeclineDays
    QString preferredChannel;
    bool hasConsent = true; // a consent basis is recorded
};

struct PitchScore
{
    // One reason, as the list shows it; points are what it added (or, negative, took away).
    struct Reason
    {
        enum class Kind { Plus, Minus, Note };
        QString text; // translated, lower case, no full stop ("covers consumer tech")
        int points = 0;
        Kind kind = Kind::Plus;
    };

    int score = 0; // 0..100
    // Each component 0..1 before weighting, and the fatigue points taken away, for the reasons and for tests.
    double topic = 0, writing = 0, health = 0, response = 0, coverage = 0, client = 0, channel = 0;
    int fatigue = 0;
    QList<Reason> reasons;

    // Whether the person is a candidate at all: a beat or tag matches a topic, a recent post mentions one,
    // or they covered the client before. Nobody else is suggested, however healthy the relationship.
    static bool isRelevant(const PitchSignals &in);
    // withReasons false skips the sentences (ranking 20,000 candidates needs only the numbers).
    static PitchScore compute(const PitchSignals &in, const QDateTime &now, bool withReasons = true);
    // The reasons in one line, joined by "; ".
    QString reasonText() const;
    // "today", "yesterday", "5 days ago", "3 weeks ago", "2 months ago" (calendar days where the user is).
    static QString ago(const QDateTime &when, const QDateTime &now);
    // "email", "phone calls", "Mastodon", … for a preferred channel key.
    static QString channelLabel(const QString &channel);

    static constexpr double kTopicWeight = 30, kWritingWeight = 25, kHealthWeight = 15, kResponseWeight = 10,
                            kCoverageWeight = 10, kClientWeight = 5, kChannelWeight = 5;
    static constexpr int kPostDays = 90; // posts older than this are not read
    static constexpr double kPostDecayDays = 60; // a matching post counts 37% after 60 days
    static constexpr int kFatigueDays = 14;
    static constexpr int kFatiguePoints = 15; // per pitch in the last kFatigueDays
    static constexpr int kMaxFatiguePoints = 30;
    static constexpr int kDeclineDays = 180;
    static constexpr int kDeclinePoints = 15;
};
