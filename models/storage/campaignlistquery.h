#pragma once

#include "core/result.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

class Database;

// One line of the Campaigns list: the campaign and its figures.
struct CampaignListRow
{
    qint64 id = 0;
    QString name;
    qint64 clientId = 0;
    QString client; // the client organization's name (empty without one, or when it is in the trash)
    QString status; // raw value (planned, active, completed, cancelled)
    qint64 ownerId = 0;
    QString owner; // the owning user's name
    QDateTime startsAt;
    QDateTime endsAt;
    QDateTime updatedAt;
    QDateTime deletedAt; // set for campaigns in the trash
    // The figures, over the campaign's pitches not in the trash: on the media list (every pitch), pitched
    // (every pitch past "planned"), replied (replied, interested, declined or covered), covered; and the sum
    // of the known reach of its coverage not in the trash.
    qint64 onList = 0;
    qint64 pitched = 0;
    qint64 replied = 0;
    qint64 covered = 0;
    qint64 reach = 0;
};

// What the list shows: every criterion set narrows it. The search text is not here: the model matches it
// against searchTexts() in memory (see CampaignListQuery).
struct CampaignListFilter
{
    qint64 clientId = 0; // 0: every client
    QString status; // empty: every status
    qint64 ownerId = 0; // 0: every owner
    // Campaigns running at some time in [from, to] (either may be null: open-ended); a campaign without
    // dates is running always.
    QDate from;
    QDate to;
    bool trash = false; // the campaigns in the trash instead of the live ones

    bool operator==(const CampaignListFilter &) const = default;
};

// The SQL behind the Campaigns list, paged as ContactListQuery and OrganizationListQuery are: orderedIds()
// filters and sorts in SQL once per sort, filter or refresh and returns only the ids; rows() loads a block
// of them by primary key with their figures (one grouped read of the block's pitches and coverage).
//
// Search does not run SQL per keystroke: searchTexts() returns one folded line per campaign (name, client,
// description), which the model keeps and filters its ids with, as the organization list does.
//
// Text columns put empty values last in both directions; a missing date counts as the earliest.
class CampaignListQuery final
{
public:
    enum class SortKey { Name, Client, Status, Owner, Starts, Ends, OnList, Pitched, Replied, Covered, Reach, Updated };

    explicit CampaignListQuery(Database &db)
        : m_db(db)
    {
    }

    // The order of statuses when sorting by status (e.g. planned, active, completed, cancelled).
    void setStatusOrder(const QStringList &statuses) { m_statusOrder = statuses; }

    // The ids of the campaigns the filter lets through, in this order; the id breaks ties.
    Result<QList<qint64>> orderedIds(const CampaignListFilter &filter, SortKey key, Qt::SortOrder order);
    // The rows with these ids, in the order given; ids no longer there are left out.
    Result<QList<CampaignListRow>> rows(const QList<qint64> &ids);
    // For every campaign (trash included): its id and Text::fold() of "name client description".
    Result<QList<std::pair<qint64, QString>>> searchTexts();
    // The organizations the client filter offers: every client organization (kind "client") and every
    // organization that is the client of a campaign, not in the trash, by name: (id, name).
    Result<QList<std::pair<qint64, QString>>> clients();
    // How many campaigns are not in the trash, and how many are.
    Result<std::pair<qint64, qint64>> counts();

private:
    QString orderBy(SortKey key, Qt::SortOrder order) const;

    Database &m_db;
    QStringList m_statusOrder;
};
