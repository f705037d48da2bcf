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

Result<bool> SearchRepository::matchesAtMost(const QString &countSql, const QString &matchQuery, int cap)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(countSql);
    q.bindValue(QStringLiteral(":q"), matchQuery);
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
    Result<bool> rank = matchesAtMost(
        pg ? QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM contacts WHERE search_vector @@ "
                            "to_tsquery('simple', :q) LIMIT :cap) m")
           : QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH :q LIMIT :cap)"),
        match, kRankLimit);
    if (!rank)
        return rank.error();

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    const QString select = QStringLiteral(
        "SELECT c.id, c.display_name, c.title, o.name, %1 FROM %2 "
        "LEFT JOIN organizations o ON o.id = c.organization_id "
        "WHERE %3 AND c.deleted_at IS NULL ORDER BY %4 LIMIT :limit");
    if (*rank) {
        q.prepare(pg ? select.arg(QStringLiteral("-ts_rank(c.search_vector, query)"),
                                  QStringLiteral("contacts c CROSS JOIN to_tsquery('simple', :q) query"),
                                  QStringLiteral("c.search_vector @@ query"), QStringLiteral("5, c.sort_name, c.id"))
                     : select.arg(QStringLiteral("bm25(contacts_fts, 10.0, 3.0, 5.0, 1.0)"),
                                  QStringLiteral("contacts_fts f JOIN contacts c ON c.id = f.rowid"),
                                  QStringLiteral("contacts_fts MATCH :q"), QStringLiteral("5, c.sort_name, c.id")));
        q.bindValue(QStringLiteral(":q"), match);
    } else if (pg) {
        // Broad prefix: name matches (weight A) in name order.
        QStringList nameTerms;
        for (const QString &w : words)
            nameTerms << w + QStringLiteral(":*A");
        q.prepare(select.arg(QStringLiteral("0.0"), QStringLiteral("contacts c"),
                             QStringLiteral("c.search_vector @@ to_tsquery('simple', :q)"),
                             QStringLiteral("c.sort_name, c.id")));
        q.bindValue(QStringLiteral(":q"), nameTerms.join(QStringLiteral(" & ")));
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
    Result<bool> rank = matchesAtMost(
        pg ? QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM interactions WHERE search_vector @@ "
                            "to_tsquery('simple', :q) LIMIT :cap) m")
           : QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM interactions_fts WHERE interactions_fts MATCH :q "
                            "LIMIT :cap)"),
        match, kRankLimit);
    if (!rank)
        return rank.error();

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    const QString select = QStringLiteral(
        "SELECT i.id, i.contact_id, c.display_name, i.channel, i.subject, i.occurred_at, %1 FROM %2 "
        "LEFT JOIN contacts c ON c.id = i.contact_id "
        "WHERE %3 AND i.deleted_at IS NULL ORDER BY %4 LIMIT :limit");
    if (*rank && pg)
        q.prepare(select.arg(QStringLiteral("-ts_rank(i.search_vector, query)"),
                             QStringLiteral("interactions i CROSS JOIN to_tsquery('simple', :q) query"),
                             QStringLiteral("i.search_vector @@ query"),
                             QStringLiteral("7, i.occurred_at DESC, i.id DESC")));
    else if (*rank)
        q.prepare(select.arg(QStringLiteral("bm25(interactions_fts, 4.0, 1.0)"),
                             QStringLiteral("interactions_fts f JOIN interactions i ON i.id = f.rowid"),
                             QStringLiteral("interactions_fts MATCH :q"),
                             QStringLiteral("7, i.occurred_at DESC, i.id DESC")));
    else if (pg) // Broad: the most recently added matches, walking the primary key backwards.
        q.prepare(select.arg(QStringLiteral("0.0"),
                             QStringLiteral("(SELECT id FROM interactions WHERE search_vector @@ to_tsquery('simple', "
                                            ":q) ORDER BY id DESC LIMIT :limit) m JOIN interactions i ON i.id = m.id"),
                             QStringLiteral("1 = 1"), QStringLiteral("i.occurred_at DESC, i.id DESC")));
    else // Broad: the most recently added matches, walking the FTS rowids backwards.
        q.prepare(select.arg(QStringLiteral("0.0"),
                             QStringLiteral("(SELECT rowid AS id FROM interactions_fts WHERE interactions_fts "
                                            "MATCH :q ORDER BY rowid DESC LIMIT :limit) m "
                                            "JOIN interactions i ON i.id = m.id"),
                             QStringLiteral("1 = 1"), QStringLiteral("i.occurred_at DESC, i.id DESC")));
    q.bindValue(QStringLiteral(":q"), match);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("searching conversations"));
    while (q.next())
        hits.append(InteractionHit{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                                   q.value(3).toString(), q.value(4).toString(), Sql::time(q.value(5)),
                                   q.value(6).toDouble()});
    return hits;
}
