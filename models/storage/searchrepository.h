#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

class Database;

struct ContactHit
{
    qint64 id = 0;
    QString displayName;
    QString title;
    QString organizationName;
    double rank = 0; // lower is better
};

struct InteractionHit
{
    qint64 id = 0;
    qint64 contactId = 0;
    QString contactName;
    QString channel;
    QString subject;
    QDateTime occurredAt;
    double rank = 0;
};

// Full-text search as you type over contacts (name, email, handles, title, outlet, beats, notes) and
// interactions (subject, body). Every word of the query is a prefix; all words must match.
// SQLite: FTS5. PostgreSQL: tsvector with GIN indexes.
class SearchRepository final
{
public:
    explicit SearchRepository(Database &db) : m_db(db) {}

    Result<QList<ContactHit>> searchContacts(const QString &query, int limit = 50);
    Result<QList<InteractionHit>> searchInteractions(const QString &query, int limit = 50);

    // The words of a query as the index sees them (letters and digits); empty if nothing searchable.
    static QStringList terms(const QString &query);

private:
    // Whether `countSql` (with :q and :cap) counts at most `cap` matches: rank them, or take a cheaper order.
    Result<bool> matchesAtMost(const QString &countSql, const QString &matchQuery, int cap);

    Database &m_db;
};
