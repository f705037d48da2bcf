#pragma once

#include "core/result.h"
#include "domain/campaign.h"

#include <QList>

class Database;

// Campaigns and their pitches. Each write is one transaction with its audit log entry; campaigns go to
// the trash like contacts. A do-not-contact person is never pitched.
class CampaignRepository final
{
public:
    explicit CampaignRepository(Database &db) : m_db(db) {}

    // create, update and get write and read the team (memberIds) with the campaign, in the same transaction.
    Status create(Campaign &campaign);
    // Fails with Error::Code::Conflict if someone else saved it since it was loaded.
    Status update(Campaign &campaign);
    Result<Campaign> get(qint64 id);
    Status moveToTrash(qint64 id);
    Status restore(qint64 id);
    // A client's campaigns, newest start first (all clients when clientId is 0); trash left out.
    Result<QList<Campaign>> list(qint64 clientId = 0);

    // Adds the contact to the campaign's pitch list (status planned); refuses a do-not-contact person.
    Result<Pitch> addPitch(qint64 campaignId, qint64 contactId);
    // Moves a pitch to `status`, stamping pitched_at / replied_at the first time it reaches those stages.
    Status setPitchStatus(qint64 pitchId, const QString &status);
    Result<QList<Pitch>> pitches(qint64 campaignId);

private:
    Database &m_db;
};
