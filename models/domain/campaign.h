#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// A client's initiative (a launch, an announcement) and the pitches made for it.
struct Campaign
{
    qint64 id = 0;
    qint64 clientId = 0; // the client organization
    QString name;
    QString description;
    QString status = QStringLiteral("planned"); // planned, active, completed, cancelled
    QDateTime startsAt;
    QDateTime endsAt;
    qint64 ownerId = 0;
    QString goals; // paragraphs of plain text
    QString keyMessages; // paragraphs of plain text
    QStringList topics; // keywords for who-to-pitch and coverage proposals (stored one per line)
    QList<qint64> memberIds; // team members besides the owner (campaign_members)
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;

    static QStringList statuses()
    {
        return { QStringLiteral("planned"), QStringLiteral("active"), QStringLiteral("completed"),
            QStringLiteral("cancelled") };
    }
};

// Offering a story to one contact for one campaign: planned → pitched → replied → interested/declined → covered.
struct Pitch
{
    qint64 id = 0;
    qint64 campaignId = 0;
    qint64 contactId = 0;
    QString status = QStringLiteral("planned");
    QDateTime pitchedAt;
    QDateTime repliedAt;
    QString notes;
    int version = 0;
    qint64 contentItemId = 0; // the content item used (usually the pitch email)
    qint64 userId = 0; // who pitches
    QDateTime updatedAt; // with updatedBy: the stamp of the last move
    qint64 updatedBy = 0;
    QDateTime replyDismissedAt; // a proposed "replied" turned down: not proposed again for earlier interactions

    static QStringList statuses()
    {
        return { QStringLiteral("planned"), QStringLiteral("pitched"), QStringLiteral("replied"),
            QStringLiteral("interested"), QStringLiteral("declined"), QStringLiteral("covered") };
    }
};

// One move of a pitch on the board (pitch_moves): who, when, from where to where.
struct PitchMove
{
    qint64 id = 0;
    qint64 pitchId = 0;
    QString fromStatus; // empty when the pitch was created
    QString toStatus;
    QDateTime movedAt;
    qint64 movedBy = 0;
};

// A press release, pitch email, blog post, social post or media kit of a campaign. The body is Markdown
// (QTextDocument::toMarkdown / setMarkdown); every saved state is kept in content_item_versions.
struct ContentItem
{
    qint64 id = 0;
    qint64 campaignId = 0;
    QString kind = QStringLiteral("press_release");
    QString title;
    QString body; // Markdown
    QString status = QStringLiteral("draft");
    QString url;
    QDateTime publishedAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;

    static QStringList kinds()
    {
        return { QStringLiteral("press_release"), QStringLiteral("pitch_email"), QStringLiteral("blog_post"),
            QStringLiteral("social_post"), QStringLiteral("media_kit") };
    }
    static QStringList statuses()
    {
        return { QStringLiteral("draft"), QStringLiteral("in_review"), QStringLiteral("approved"),
            QStringLiteral("published") };
    }
};

// An earlier saved state of a content item.
struct ContentItemVersion
{
    qint64 id = 0;
    qint64 contentItemId = 0;
    int version = 0;
    QString title;
    QString body;
    QString status;
    QString url;
    QDateTime publishedAt;
    QDateTime savedAt;
    qint64 savedBy = 0;
};

// An article or post that came out of a campaign. urlKey is the normalized URL that keeps it unique.
struct Coverage
{
    qint64 id = 0;
    qint64 campaignId = 0;
    qint64 pitchId = 0;
    qint64 contactId = 0; // the author
    qint64 organizationId = 0; // the outlet
    qint64 interactionId = 0; // the synced item it was proposed from
    QString title; // the headline
    QString url;
    QString urlKey;
    QDateTime publishedAt;
    qint64 reach = -1; // -1 unknown
    int sentiment = 0; // -1 negative, 0 neutral, 1 positive
    bool sentimentKnown = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;
};
