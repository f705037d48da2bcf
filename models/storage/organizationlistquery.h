#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

class Database;

// One line of the organization list: only what the list shows.
struct OrganizationListRow
{
    qint64 id = 0;
    QString name;
    QString kind; // raw value (newspaper, magazine, ...)
    QString city;
    QString country;
    QString website;
    qint64 reach = 0;
    qint64 peopleCount = 0; // contacts not in the trash who work here
    QDateTime updatedAt;
};

// The SQL behind the organization list, paged the same way as ContactListQuery: orderedIds() sorts once
// per sort or refresh and returns only the ids, rows() loads any block of them by primary key.
// Organizations in the trash are left out. Text columns put empty values last in both directions.
//
// Search does not run SQL per keystroke: searchTexts() returns one short folded line per organization
// (name, city, country, website; about 80 characters), which a model keeps and filters its ids with. On the
// large demo (20,000 organizations) a LIKE scan over the four columns costs 15-25 ms of CPU in SQLite
// (more under load), over the 16 ms budget; filtering the folded lines costs about 2 ms.
class OrganizationListQuery final
{
public:
    enum class SortKey { Name, Kind, City, Country, Reach, People, Updated };

    explicit OrganizationListQuery(Database &db)
        : m_db(db)
    {
    }

    // The order of kinds when sorting by kind (e.g. by their translated labels); empty: by the raw value.
    void setKindOrder(const QStringList &kinds) { m_kindOrder = kinds; }

    Result<qint64> count();
    // The ids of all organizations not in the trash, in this order; the id breaks ties.
    Result<QList<qint64>> orderedIds(SortKey key, Qt::SortOrder order);
    // The rows with these ids, in the order given; ids no longer there are left out.
    Result<QList<OrganizationListRow>> rows(const QList<qint64> &ids);
    // For every organization not in the trash: its id and Text::fold() of "name city country website".
    Result<QList<std::pair<qint64, QString>>> searchTexts();

private:
    QString orderBy(SortKey key, Qt::SortOrder order) const;

    Database &m_db;
    QStringList m_kindOrder;
};
