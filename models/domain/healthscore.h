#pragma once

#include <QDateTime>
#include <QList>
#include <QStringList>

// Relationship health: an explainable score 0-100 per contact (docs/HEALTH.md has the formula and why).
//
// HealthScore::compute() is pure: it scores aggregated inputs (HealthInputs), so crafted histories can be
// unit-tested. The SQL that aggregates a contact's interactions and pitches into those inputs, and stores
// the scores, is HealthRepository (storage/healthrepository.h); the Cooling off list is CoolingOffQuery
// (storage/coolingoffquery.h).
struct HealthInputs
{
    qint64 contactId = 0;
    qint64 reach = 0;
    // Counted over the latest HealthScore::kWindow live interactions (a long history is judged by its
    // recent years, and a contact with 10,000 interactions costs what one with 500 does).
    int total = 0;
    int recent = 0; // in the last 90 days
    int inbound = 0;
    int outbound = 0;
    int channels = 0; // distinct channels
    int pitchesSent = 0; // pitches with a pitched_at
    int pitchesAnswered = 0;
    QDateTime first; // first interaction
    QDateTime last; // latest interaction
};

struct HealthScore
{
    // One component of the score, as the profile shows it: "Recency 6 of 30: Last spoke 94 days ago."
    struct Part
    {
        QString name; // translated component name ("Recency")
        int points = 0; // weighted contribution, rounded
        int maxPoints = 0; // the component's weight
        QString sentence; // translated, with the numbers behind it
    };

    int score = 0; // 0..100
    // Each component 0..1 before weighting, for the explanation and for tests.
    double recency = 0, frequency = 0, reciprocity = 0, response = 0, breadth = 0, tenure = 0;
    QStringList explanation; // translated sentences with numbers, most telling first
    QList<Part> parts; // the same sentences with each component's points, in the order of docs/HEALTH.md

    // A word for the score band: strong (70+), steady (45+), cooling (20+), cold; "not scored" below 0.
    static QString grade(int score);
    // The whole breakdown as plain text lines ("Health 72 of 100 (strong)", then one line per part), for a
    // tooltip or a label.
    QString describe() const;
    // describe() without its first line: "Recency 6 of 30: Last spoke 94 days ago.", one per part.
    QStringList breakdownLines() const;

    // withExplanation false skips the sentences (recomputing 100,000 scores needs only the numbers).
    static HealthScore compute(const HealthInputs &in, const QDateTime &now, bool withExplanation = true);

    // Window of "recent" interactions, and the weights (sum 100).
    static constexpr int kRecentDays = 90;
    // Cooling off compares the score with the one this many days before (contacts.health_then).
    static constexpr int kThenDays = 90;
    static constexpr int kWindow = 500;
    static constexpr double kRecencyWeight = 30, kFrequencyWeight = 20, kReciprocityWeight = 15, kResponseWeight = 10,
                            kBreadthWeight = 10, kTenureWeight = 15;
};
