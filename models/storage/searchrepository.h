#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QPair>
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

    // PostgreSQL: the condition that a row of the table aliased `alias` has every word as the prefix of one of
    // its words (namesOnly: of its name's words, weight A), and the values to bind (named `:<bind>x`,
    // `:<bind>p`). Words of 2 to 4 letters a-z or digits are exact lexemes of `search_prefixes` (schema v17: one
    // posting list each); other words are prefix lexemes of `search_vector` ("word:*"). Either way a row
    // matches exactly when `search_vector @@ to_tsquery('simple', 'word:*' & ...)` (weight A for namesOnly).
    struct PostgresMatch
    {
        QString condition;
        QList<QPair<QString, QString>> binds;
    };
    // Whether a word is one of the lexemes of search_prefixes (2 to 4 letters a-z or digits).
    static bool isPrefixLexeme(const QString &word);
    static PostgresMatch postgresMatch(const QString &alias, const QStringList &words, const QString &bind,
                                       bool namesOnly = false);

    // PostgreSQL (schema v20): counts again how many conversations each 2- to 4-letter prefix is in, keeping
    // those in more than the ranking's limit (interaction_prefix_floors), so that a search for one of them
    // need not count. Reads every conversation (~10 s for a million) and holds off writes to them meanwhile:
    // for after a bulk load. Nothing to do on SQLite. Without it, searches count and give the same results.
    static Status countCommonPrefixes(Database &db);

private:
    // Whether `countSql` (with `binds` and :cap) counts at most `cap` matches: rank them, or take a cheaper order.
    Result<bool> matchesAtMost(const QString &countSql, const QList<QPair<QString, QString>> &binds, int cap);

    Database &m_db;
};
