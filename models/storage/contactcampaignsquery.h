#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

class Database;

// A person's part in the campaigns, for the Campaigns tab of their profile: every campaign (not in the
// trash) they are on the media list of, with the pitch's status, and the coverage they wrote.
class ContactCampaignsQuery final
{
public:
    struct CoverageItem
    {
        qint64 id = 0;
        QString title;
        QString url;
        QString outlet;
        QDateTime publishedAt;
        qint64 reach = -1; // -1 unknown
    };
    struct Row
    {
        qint64 campaignId = 0; // 0: coverage by this person not tied to a campaign
        QString campaignName;
        QString client;
        QString campaignStatus;
        QString pitchStatus; // empty when the person was not pitched but wrote coverage for the campaign
        QDateTime pitchedAt;
        QDateTime startsAt;
        QList<CoverageItem> coverage;
    };

    explicit ContactCampaignsQuery(Database &db)
        : m_db(db)
    {
    }

    // The contact's campaigns, the newest start first (campaigns without a start last), each with the
    // coverage the contact wrote for it, newest first.
    Result<QList<Row>> forContact(qint64 contactId);

private:
    Database &m_db;
};
