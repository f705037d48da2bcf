#include "searchrepository.h"

#include "core/logging.h"
#include "domain/text.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlQuery>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SearchRepository)
};

// Ranking sorts every match, which costs ~30 ms when a short prefix matches most of 100k rows
// (PLATFORM.md). Below this many matches we rank by relevance; above it we return name matches first
// in name order, which is what a person typing a name expects anyway.
constexpr int kRankLimit = 2000;

// FTS5: every term a quoted prefix ("term"*), all required.
QString ftsQuery(const QStringList &terms)
{
    QStringList parts;
    for (const QString &t : terms)
        parts << u'"' + t + QStringLiteral("\"*");
    return parts.join(u' ');
}

// PostgreSQL tsquery: term:* & term:*
QString tsQuery(const QStringList &terms)
{
    QStringList parts;
    for (const QString &t : terms)
        parts << t + QStringLiteral(":*");
    return parts.join(QStringLiteral(" & "));
}

} // namespace

QStringList SearchRepository::terms(const QString &query)
{
    static const QRegularExpression nonWord(QStringLiteral("[^\\p{L}\\p{N}]+"));
    // Fold diacritics as the indexes do (FTS5 remove_diacritics, rapport_fold() on PostgreSQL).
    QStringList out;
    for (const QString &t : Text::fold(query).split(nonWord, Qt::SkipEmptyParts))
        if (!out.contains(t))
            out << t;
    // A search box answers as you type: cap the work a pasted paragraph can cause.
    if (out.size() > 8)
        out.resize(8);
    return out;
}

bool SearchRepository::isPrefixLexeme(const QString &word)
{
    // Only these are sure to be their own lexeme in to_tsquery('simple', ...) on any server locale, and a
    // lexeme starts with 2 to 4 such characters exactly when one of its 2-, 3- or 4-letter prefixes is that word.
    static const QRegularExpression exact(QStringLiteral("^[a-z0-9]{2,4}$"));
    return exact.match(word).hasMatch();
}

SearchRepository::PostgresMatch SearchRepository::postgresMatch(const QString &alias, const QStringList &words,
                                                               const QString &bind, bool namesOnly)
{
    QStringList lexemes;
    QStringList prefixes;
    for (const QString &w : words) {
        if (isPrefixLexeme(w))
            lexemes << u'\'' + (namesOnly ? QStringLiteral("#") : QString()) + w + u'\'';
        else
            prefixes << w + (namesOnly ? QStringLiteral(":*A") : QStringLiteral(":*"));
    }
    PostgresMatch m;
    QStringList conditions;
    if (!lexemes.isEmpty()) {
        conditions << QStringLiteral("%1.search_prefixes @@ rapport_search_lexemes(:%2x)").arg(alias, bind);
        m.binds.append({u':' + bind + u'x', lexemes.join(QStringLiteral(" & "))});
    }
    if (!prefixes.isEmpty()) {
        conditions << QStringLiteral("%1.search_vector @@ to_tsquery('simple', :%2p)").arg(alias, bind);
        m.binds.append({u':' + bind + u'p', prefixes.join(QStringLiteral(" & "))});
    }
    m.condition = conditions.join(QStringLiteral(" AND "));
    return m;
}

Status SearchRepository::countCommonPrefixes(Database &db)
{
    if (!db.isPostgres())
        return {};
    return db.exec(QStringLiteral("SELECT rapport_count_interaction_prefixes(%1)").arg(kRankLimit),
                   Tr::tr("counting the common words of the conversations"));
}

Result<bool> SearchRepository::matchesAtMost(const QString &countSql, const QList<QPair<QString, QString>> &binds,
                                             int cap)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(countSql);
    for (const auto &[name, value] : binds)
        q.bindValue(name, value);
    q.bindValue(QStringLiteral(":cap"), cap + 1);
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, Tr::tr("searching"));
    return q.value(0).toInt() <= cap;
}

Result<QList<ContactHit>> SearchRepository::searchContacts(const QString &query, int limit)
{
    const QStringList words = terms(query);
    QList<ContactHit> hits;
    if (words.isEmpty())
        return hits;
    const bool pg = m_db.isPostgres();
    const QString match = pg ? tsQuery(words) : ftsQuery(words);
    // PostgreSQL: the words of 2-4 letters are exact lexemes of the prefix vector (schema v17); the ranking
    // still reads search_vector with the prefix query.
    const PostgresMatch pgMatch = pg ? postgresMatch(QStringLiteral("c"), words, QStringLiteral("m")) : PostgresMatch{};
    Result<bool> rank = matchesAtMost(
        pg ? QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM contacts c WHERE %1 LIMIT :cap) m").arg(pgMatch.condition)
           : QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH :q LIMIT :cap)"),
        pg ? pgMatch.binds : QList<QPair<QString, QString>>{{QStringLiteral(":q"), match}}, kRankLimit);
    if (!rank)
        return rank.error();

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    const QString select = QStringLiteral(
        "SELECT c.id, c.display_name, c.title, o.name, %1 FROM %2 "
        "LEFT JOIN organizations o ON o.id = c.organization_id "
        "WHERE %3 AND c.deleted_at IS NULL ORDER BY %4 LIMIT :limit");
    if (*rank) {
        // PostgreSQL: the outlets are looked up for the 50 shown, not hashed for all ranked matches.
        q.prepare(pg ? QStringLiteral("SELECT c.id, c.display_name, c.title, o.name, c.rank FROM (SELECT c.id, "
                                      "c.display_name, c.title, c.organization_id, c.sort_name, "
                                      "-ts_rank(c.search_vector, query) AS rank FROM contacts c CROSS JOIN "
                                      "to_tsquery('simple', :q) query WHERE %1 AND c.deleted_at IS NULL "
                                      "ORDER BY 6, c.sort_name, c.id LIMIT :limit) c "
                                      "LEFT JOIN organizations o ON o.id = c.organization_id "
                                      "ORDER BY c.rank, c.sort_name, c.id")
                           .arg(pgMatch.condition)
                     : select.arg(QStringLiteral("bm25(contacts_fts, 10.0, 3.0, 5.0, 1.0)"),
                                  QStringLiteral("contacts_fts f JOIN contacts c ON c.id = f.rowid"),
                                  QStringLiteral("contacts_fts MATCH :q"), QStringLiteral("5, c.sort_name, c.id")));
        q.bindValue(QStringLiteral(":q"), match);
        for (const auto &[name, value] : pgMatch.binds)
            q.bindValue(name, value);
    } else if (pg && words.size() == 1 && isPrefixLexeme(words.first())) {
        // Broad prefix, one word of 2-4 letters: the names starting with it in name order are a range of
        // contact_name_prefixes' primary key (schema v17), whose sort_name is the contact's.
        q.prepare(select.arg(QStringLiteral("0.0"),
                             QStringLiteral("contact_name_prefixes p JOIN contacts c ON c.id = p.contact_id"),
                             QStringLiteral("p.prefix = :prefix"), QStringLiteral("p.sort_name, p.contact_id")));
        q.bindValue(QStringLiteral(":prefix"), words.first());
    } else if (pg) {
        // Broad prefix: name matches (weight A) in name order.
        const PostgresMatch names = postgresMatch(QStringLiteral("c"), words, QStringLiteral("n"), true);
        q.prepare(select.arg(QStringLiteral("0.0"), QStringLiteral("contacts c"), names.condition,
                             QStringLiteral("c.sort_name, c.id")));
        for (const auto &[name, value] : names.binds)
            q.bindValue(name, value);
    } else {
        // Broad prefix: name matches in name order, using the FTS index restricted to the name column.
        q.prepare(select.arg(QStringLiteral("0.0"), QStringLiteral("contacts c"),
                             QStringLiteral("c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :q)"),
                             QStringLiteral("c.sort_name, c.id")));
        q.bindValue(QStringLiteral(":q"), QString(QStringLiteral("display_name : (") + match + u')'));
    }
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("searching contacts"));
    while (q.next())
        hits.append(ContactHit{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                               q.value(3).toString(), q.value(4).toDouble()});
    return hits;
}

Result<QList<InteractionHit>> SearchRepository::searchInteractions(const QString &query, int limit)
{
    const QStringList words = terms(query);
    QList<InteractionHit> hits;
    if (words.isEmpty())
        return hits;
    const bool pg = m_db.isPostgres();
    const QString match = pg ? tsQuery(words) : ftsQuery(words);
    const PostgresMatch pgMatch = pg ? postgresMatch(QStringLiteral("i"), words, QStringLiteral("m")) : PostgresMatch{};
    QString pgCount = QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM interactions i WHERE %1 LIMIT :cap) m")
                          .arg(pgMatch.condition);
    QList<QPair<QString, QString>> pgBinds = pgMatch.binds;
    if (pg && words.size() == 1 && isPrefixLexeme(words.first())) {
        // One word of 2-4 letters: if its floor (schema v20) less what deletes and edits may have removed
        // since is above the limit, so is the count, which is then not needed. Otherwise (no floor, or too
        // close to the limit) count. Both in one statement, one snapshot; the count only runs when needed.
        pgCount = QStringLiteral("SELECT CASE WHEN coalesce((SELECT f.floor FROM interaction_prefix_floors f "
                                 "WHERE f.prefix = :floor), 0) - coalesce((SELECT sum(s.removed) FROM "
                                 "interaction_prefix_slack s), 0) >= :cap THEN :cap ELSE (%1) END")
                      .arg(pgCount);
        pgBinds.append({QStringLiteral(":floor"), words.first()});
    }
    Result<bool> rank = matchesAtMost(
        pg ? pgCount
           : QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM interactions_fts WHERE interactions_fts MATCH :q "
                            "LIMIT :cap)"),
        pg ? pgBinds : QList<QPair<QString, QString>>{{QStringLiteral(":q"), match}}, kRankLimit);
    if (!rank)
        return rank.error();

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    const QString select = QStringLiteral(
        "SELECT i.id, i.contact_id, c.display_name, i.channel, i.subject, i.occurred_at, %1 FROM %2 "
        "LEFT JOIN contacts c ON c.id = i.contact_id "
        "WHERE %3 AND i.deleted_at IS NULL ORDER BY %4 LIMIT :limit");
    if (*rank && pg) {
        q.prepare(select.arg(QStringLiteral("-ts_rank(i.search_vector, query)"),
                             QStringLiteral("interactions i CROSS JOIN to_tsquery('simple', :q) query"),
                             pgMatch.condition, QStringLiteral("7, i.occurred_at DESC, i.id DESC")));
        q.bindValue(QStringLiteral(":q"), match);
        for (const auto &[name, value] : pgMatch.binds)
            q.bindValue(name, value);
    } else if (*rank) {
        q.prepare(select.arg(QStringLiteral("bm25(interactions_fts, 4.0, 1.0)"),
                             QStringLiteral("interactions_fts f JOIN interactions i ON i.id = f.rowid"),
                             QStringLiteral("interactions_fts MATCH :q"),
                             QStringLiteral("7, i.occurred_at DESC, i.id DESC")));
        q.bindValue(QStringLiteral(":q"), match);
    } else if (pg) { // Broad: the most recently added matches, walking the primary key backwards.
        const PostgresMatch newest = postgresMatch(QStringLiteral("x"), words, QStringLiteral("m"));
        q.prepare(select.arg(QStringLiteral("0.0"),
                             QStringLiteral("(SELECT x.id FROM interactions x WHERE %1 ORDER BY x.id DESC "
                                            "LIMIT :limit) m JOIN interactions i ON i.id = m.id")
                                 .arg(newest.condition),
                             QStringLiteral("1 = 1"), QStringLiteral("i.occurred_at DESC, i.id DESC")));
        for (const auto &[name, value] : newest.binds)
            q.bindValue(name, value);
    } else { // Broad: the most recently added matches, walking the FTS rowids backwards.
        q.prepare(select.arg(QStringLiteral("0.0"),
                             QStringLiteral("(SELECT rowid AS id FROM interactions_fts WHERE interactions_fts "
                                            "MATCH :q ORDER BY rowid DESC LIMIT :limit) m "
                                            "JOIN interactions i ON i.id = m.id"),
                             QStringLiteral("1 = 1"), QStringLiteral("i.occurred_at DESC, i.id DESC")));
        q.bindValue(QStringLiteral(":q"), match);
    }
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("searching conversations"));
    while (q.next())
        hits.append(InteractionHit{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                                   q.value(3).toString(), q.value(4).toString(), Sql::time(q.value(5)),
                                   q.value(6).toDouble()});
    return hits;
}
