#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

// One touch in a conversation with a contact: logged by hand ("manual") or synced from a network.
// `channel` and `direction` hold the stored names (see Interaction::channels()); labels() gives the words
// to show. A meeting with several people is stored as one row per contact with the same fields.
struct Interaction
{
    qint64 id = 0;
    qint64 contactId = 0;
    QString contactName; // read only: filled when loading
    qint64 userId = 0; // the account manager; 0 = the database's current user on create
    qint64 campaignId = 0;
    QString channel = QStringLiteral("email");
    QString direction = QStringLiteral("outbound");
    QDateTime occurredAt;
    QString subject;
    QString body;
    std::optional<int> sentiment; // -1, 0, 1 or unknown
    QString outcome;
    QString url;
    QString source = QStringLiteral("manual");
    QString externalId;
    // Optional: a follow-up to create with the interaction (quick log), due at this time.
    QDateTime followUpAt;
    qint64 followUpId = 0; // filled by create(): the follow-up it made, so undoing the log can remove it too
    int version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    bool inTrash = false;

    static constexpr int kMaxSubject = 1000;
    static constexpr int kMaxBody = 1000000;

    // Stored channel names, in the order a picker shows them ("post" is for synced items only).
    static const QStringList &channels();
    static QString channelLabel(const QString &channel);
    static const QStringList &directions();
    static QString directionLabel(const QString &direction);
    static QString sentimentLabel(std::optional<int> sentiment);
};

// A dated task about a contact and/or a campaign, assigned to a user.
struct FollowUp
{
    enum class Bucket { Overdue, Today, ThisWeek, Later };

    qint64 id = 0;
    qint64 contactId = 0;
    QString contactName; // read only
    qint64 campaignId = 0;
    QString campaignName; // read only
    qint64 assigneeId = 0;
    QString assigneeName; // read only
    QDateTime dueAt;
    QString note;
    QDateTime doneAt;
    int version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    bool inTrash = false;

    static constexpr int kMaxNote = 100000;
    static QString bucketLabel(Bucket bucket);
};
