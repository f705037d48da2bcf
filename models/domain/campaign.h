#pragma once

#include <QDateTime>
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
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;

    static QStringList statuses()
    {
        return {QStringLiteral("planned"), QStringLiteral("active"), QStringLiteral("completed"),
                QStringLiteral("cancelled")};
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

    static QStringList statuses()
    {
        return {QStringLiteral("planned"), QStringLiteral("pitched"), QStringLiteral("replied"),
                QStringLiteral("interested"), QStringLiteral("declined"), QStringLiteral("covered")};
    }
};
