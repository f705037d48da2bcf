#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

class Database;

// What `rapport campaign show` prints beside the brief: how many pitches are in each status, and the
// coverage with its outlet and author. Pitches and coverage in the trash are left out.
class CampaignSummaryQuery final
{
public:
    struct CoverageLine
    {
        qint64 id = 0;
        QString title;
        QString url;
        QString outlet;
        QString author;
        QDateTime publishedAt;
        qint64 reach = -1; // -1 unknown
        int sentiment = 0;
        bool sentimentKnown = false;
    };

    explicit CampaignSummaryQuery(Database &db)
        : m_db(db)
    {
    }

    // Every pitch status (Pitch::statuses()) with its count, zeros included.
    Result<QMap<QString, qint64>> pitchCounts(qint64 campaignId);
    // The campaign's coverage, newest first.
    Result<QList<CoverageLine>> coverage(qint64 campaignId);
    // Every user's name, by id.
    Result<QMap<qint64, QString>> userNames();

private:
    Database &m_db;
};
