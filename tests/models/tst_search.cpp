#include "domain/text.h"
#include "storage/contactrepository.h"
#include "storage/searchrepository.h"
#include "testdatabase.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace {

qint64 addContact(Database &db, const QString &name, const QString &title, const QString &email,
                  const QStringList &beats = {}, const QString &notes = {})
{
    Contact c;
    c.displayName = name;
    c.title = title;
    if (!email.isEmpty())
        c.emails = {{QStringLiteral("work"), email}};
    c.beats = beats;
    c.notes = notes;
    const Status s = ContactRepository(db).create(c);
    return s.ok() ? c.id : -1;
}

QList<qint64> ids(const QList<ContactHit> &hits)
{
    QList<qint64> out;
    for (const ContactHit &h : hits)
        out << h.id;
    return out;
}


// A deterministic made-up vocabulary: words of 1 to 9 letters, some with digits or diacritics, so that
// prefixes of every length, rare and common ones, and words that are not plain a-z all occur.
QStringList vocabulary()
{
    QRandomGenerator rng(1414);
    const QStringList syllables = {QStringLiteral("ma"), QStringLiteral("so"), QStringLiteral("ol"), QStringLiteral("th"),
                                   QStringLiteral("re"), QStringLiteral("an"), QStringLiteral("ki"), QStringLiteral("lu"),
                                   QStringLiteral("gr"), QStringLiteral("e"), QStringLiteral("o"), QStringLiteral("zé"),
                                   QStringLiteral("ñu"), QStringLiteral("ł"), QStringLiteral("7"), QStringLiteral("x")};
    QStringList words;
    while (words.size() < 400) {
        QString w;
        const int parts = 1 + rng.bounded(4);
        for (int i = 0; i < parts; ++i)
            w += syllables.at(rng.bounded(int(syllables.size())));
        if (!words.contains(w))
            words << w;
    }
    return words;
}

QString phrase(QRandomGenerator &rng, const QStringList &words, int count)
{
    QStringList out;
    for (int i = 0; i < count; ++i) {
        QString w = words.at(rng.bounded(int(words.size())));
        if (rng.bounded(4) == 0)
            w[0] = w.at(0).toUpper();
        out << w;
    }
    return out.join(rng.bounded(3) == 0 ? QStringLiteral("-") : QStringLiteral(" "));
}

// The match sets and result lists of the plain prefix query on search_vector (the SQL of SearchRepository before
// schema v17) against what SearchRepository and SearchRepository::postgresMatch answer now.
void comparePostgresWithPlainQuery(Database &db, const QStringList &queries)
{
    SearchRepository search(db);
    const auto idsOf = [&db](const QString &sql, const QList<QPair<QString, QString>> &binds) {
        QSqlQuery q(db.connection());
        q.prepare(sql);
        for (const auto &[name, value] : binds)
            q.bindValue(name, value);
        QList<qint64> out;
        if (!q.exec())
            qWarning() << q.lastError().text() << sql;
        while (q.next())
            out << q.value(0).toLongLong();
        return out;
    };
    int ranked = 0;
    int broad = 0;
    for (const QString &query : queries) {
        const QStringList words = SearchRepository::terms(query);
        if (words.isEmpty())
            continue;
        QStringList prefixes;
        QStringList namePrefixes;
        for (const QString &w : words) {
            prefixes << w + QStringLiteral(":*");
            namePrefixes << w + QStringLiteral(":*A");
        }
        const QString plain = prefixes.join(QStringLiteral(" & "));
        const QList<QPair<QString, QString>> plainBind{{QStringLiteral(":q"), plain}};
        const QString context = QStringLiteral("query \"%1\"").arg(query);

        // The same rows match, in any field and in names, contacts and interactions, trash included.
        for (const QString &table : {QStringLiteral("contacts"), QStringLiteral("interactions")}) {
            const SearchRepository::PostgresMatch now = SearchRepository::postgresMatch(QStringLiteral("t"), words, QStringLiteral("m"));
            QCOMPARE_GE(idsOf(QStringLiteral("SELECT count(*) FROM %1").arg(table), {}).value(0, -1), 0);
            const QList<qint64> before = idsOf(
                QStringLiteral("SELECT id FROM %1 WHERE search_vector @@ to_tsquery('simple', :q) ORDER BY id").arg(table), plainBind);
            const QList<qint64> after = idsOf(QStringLiteral("SELECT id FROM %1 t WHERE %2 ORDER BY id").arg(table, now.condition), now.binds);
            QVERIFY2(before == after, qPrintable(context + u' ' + table));
        }
        const SearchRepository::PostgresMatch names =
            SearchRepository::postgresMatch(QStringLiteral("t"), words, QStringLiteral("n"), true);
        const QList<qint64> nameMatches = idsOf(
            QStringLiteral("SELECT id FROM contacts WHERE search_vector @@ to_tsquery('simple', :q) ORDER BY id"),
            {{QStringLiteral(":q"), namePrefixes.join(QStringLiteral(" & "))}});
        QVERIFY2(nameMatches == idsOf(QStringLiteral("SELECT id FROM contacts t WHERE %1 ORDER BY id").arg(names.condition), names.binds),
                 qPrintable(context + QStringLiteral(" names")));
        if (words.size() == 1 && SearchRepository::isPrefixLexeme(words.first())) {
            // contact_name_prefixes: the live name matches, each with its contact's sort name.
            const QList<qint64> live = idsOf(
                QStringLiteral("SELECT id FROM contacts WHERE search_vector @@ to_tsquery('simple', :q) AND deleted_at IS NULL "
                               "ORDER BY sort_name, id"),
                {{QStringLiteral(":q"), namePrefixes.first()}});
            QVERIFY2(live == idsOf(QStringLiteral("SELECT p.contact_id FROM contact_name_prefixes p JOIN contacts c ON c.id = p.contact_id "
                                                  "AND c.sort_name = p.sort_name WHERE p.prefix = :p ORDER BY p.sort_name, p.contact_id"),
                                   {{QStringLiteral(":p"), words.first()}}),
                     qPrintable(context + QStringLiteral(" contact_name_prefixes")));
        }

        // SearchRepository's answers: the same contacts and conversations, in the same order, with the same rank.
        const bool rank = idsOf(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM contacts WHERE search_vector @@ "
                                               "to_tsquery('simple', :q) LIMIT 2001) m"), plainBind).value(0) <= 2000;
        (rank ? ranked : broad) += 1;
        QSqlQuery q(db.connection());
        if (rank) {
            q.prepare(QStringLiteral("SELECT c.id, -ts_rank(c.search_vector, query) FROM contacts c CROSS JOIN to_tsquery('simple', :q) "
                                     "query LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.search_vector @@ query "
                                     "AND c.deleted_at IS NULL ORDER BY 2, c.sort_name, c.id LIMIT 300"));
            q.bindValue(QStringLiteral(":q"), plain);
        } else {
            q.prepare(QStringLiteral("SELECT c.id, 0.0 FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id "
                                     "WHERE c.search_vector @@ to_tsquery('simple', :q) AND c.deleted_at IS NULL "
                                     "ORDER BY c.sort_name, c.id LIMIT 300"));
            q.bindValue(QStringLiteral(":q"), namePrefixes.join(QStringLiteral(" & ")));
        }
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QList<QPair<qint64, double>> expected;
        while (q.next())
            expected.append({q.value(0).toLongLong(), q.value(1).toDouble()});
        const Result<QList<ContactHit>> hits = search.searchContacts(query, 300);
        QVERIFY2(hits.ok(), qPrintable(context));
        QList<QPair<qint64, double>> actual;
        for (const ContactHit &h : *hits)
            actual.append({h.id, h.rank});
        QVERIFY2(actual == expected, qPrintable(context + QStringLiteral(" contacts")));

        const bool rankInteractions = idsOf(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM interactions WHERE search_vector @@ "
                                                           "to_tsquery('simple', :q) LIMIT 2001) m"), plainBind).value(0) <= 2000;
        q.prepare(rankInteractions
                      ? QStringLiteral("SELECT i.id, -ts_rank(i.search_vector, query) FROM interactions i CROSS JOIN to_tsquery('simple', :q) "
                                       "query LEFT JOIN contacts c ON c.id = i.contact_id WHERE i.search_vector @@ query AND "
                                       "i.deleted_at IS NULL ORDER BY 2, i.occurred_at DESC, i.id DESC LIMIT 300")
                      : QStringLiteral("SELECT i.id, 0.0 FROM (SELECT id FROM interactions WHERE search_vector @@ to_tsquery('simple', :q) "
                                       "ORDER BY id DESC LIMIT 300) m JOIN interactions i ON i.id = m.id LEFT JOIN contacts c ON "
                                       "c.id = i.contact_id WHERE i.deleted_at IS NULL ORDER BY i.occurred_at DESC, i.id DESC LIMIT 300"));
        q.bindValue(QStringLiteral(":q"), plain);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        expected.clear();
        while (q.next())
            expected.append({q.value(0).toLongLong(), q.value(1).toDouble()});
        const Result<QList<InteractionHit>> found = search.searchInteractions(query, 300);
        QVERIFY2(found.ok(), qPrintable(context));
        actual.clear();
        for (const InteractionHit &h : *found)
            actual.append({h.id, h.rank});
        QVERIFY2(actual == expected, qPrintable(context + QStringLiteral(" interactions")));
    }
    // Both orders were exercised.
    QVERIFY(ranked > 10);
    QVERIFY(broad > 3);
}

// PostgreSQL (schema v20): every floor less the slack is at most the true number of conversations with that
// prefix, in this snapshot; returns the floors that prove more than 2,000 now.
QStringList checkPrefixFloors(Database &db)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT f.prefix, f.floor - coalesce((SELECT sum(removed) FROM interaction_prefix_slack), 0), "
                               "(SELECT count(*) FROM interactions i WHERE i.search_prefixes @@ quote_literal(f.prefix)::tsquery) "
                               "FROM interaction_prefix_floors f ORDER BY f.prefix"))) {
        qWarning() << q.lastError().text();
        return {QStringLiteral("(error)")};
    }
    QStringList proving;
    while (q.next()) {
        const QString prefix = q.value(0).toString();
        if (q.value(1).toLongLong() > q.value(2).toLongLong()) {
            qWarning() << "floor above the count:" << prefix << q.value(1).toLongLong() << q.value(2).toLongLong();
            return {QStringLiteral("(floor above the count)")};
        }
        if (q.value(1).toLongLong() > 2000)
            proving << prefix;
    }
    return proving;
}

} // namespace

class TestSearch final : public QObject
{
    Q_OBJECT

private slots:
    void terms()
    {
        QCOMPARE(SearchRepository::terms(QStringLiteral("  Müller, \"tech\"* OR  ")),
                 (QStringList{QStringLiteral("muller"), QStringLiteral("tech"), QStringLiteral("or")}));
        QVERIFY(SearchRepository::terms(QStringLiteral("*\"()-:")).isEmpty());
    }

    void contactsByPrefix_data() { TestDatabase::addBackends(); }
    void contactsByPrefix()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 amara = addContact(*db, QStringLiteral("Amara Okafor"), QStringLiteral("Technology Correspondent"),
                                        QStringLiteral("amara@ledger.example"), {QStringLiteral("consumer tech")});
        const qint64 tomas = addContact(*db, QStringLiteral("Tomás Herrera"), QStringLiteral("Retail Editor"),
                                        QStringLiteral("tomas@retailpulse.example"), {QStringLiteral("retail")},
                                        QStringLiteral("Met at the Amsterdam fintech summit"));
        const qint64 other = addContact(*db, QStringLiteral("Retta Amsel"), QStringLiteral("Podcast host"), QString());
        QVERIFY(amara > 0 && tomas > 0 && other > 0);
        SearchRepository search(*db);

        QCOMPARE(ids(*search.searchContacts(QStringLiteral("ama"))), QList<qint64>{amara});
        // Diacritics do not matter; all words must match.
        QCOMPARE(ids(*search.searchContacts(QStringLiteral("tomas herr"))), QList<qint64>{tomas});
        QCOMPARE(ids(*search.searchContacts(QStringLiteral("retailpulse"))), QList<qint64>{tomas});
        QCOMPARE(ids(*search.searchContacts(QStringLiteral("consumer"))), QList<qint64>{amara});
        QCOMPARE(ids(*search.searchContacts(QStringLiteral("fintech"))), QList<qint64>{tomas});
        // A name match ranks above a match in the notes or title.
        const QList<qint64> ret = ids(*search.searchContacts(QStringLiteral("ret")));
        QCOMPARE(ret.size(), 2);
        QCOMPARE(ret.first(), other);
        // Query syntax characters are not syntax.
        QVERIFY(search.searchContacts(QStringLiteral("\"ama*  OR (")).ok());
        QVERIFY(search.searchContacts(QStringLiteral("")).value().isEmpty());

        // Trash is not searched; an edit is searchable at once.
        QVERIFY(ContactRepository(*db).moveToTrash(amara).ok());
        QVERIFY(search.searchContacts(QStringLiteral("ama"))->isEmpty());
        Contact t = *ContactRepository(*db).get(tomas);
        t.displayName = QStringLiteral("Tomasz Zieliński");
        QVERIFY(ContactRepository(*db).update(t).ok());
        QCOMPARE(ids(*search.searchContacts(QStringLiteral("zieli"))), QList<qint64>{tomas});
        QVERIFY(search.searchContacts(QStringLiteral("herrera"))->isEmpty());
    }

    // A prefix that matches thousands of contacts is not ranked (too slow for a keystroke): name matches
    // come in name order instead.
    void broadPrefixListsNameMatchesInNameOrder_data() { TestDatabase::addBackends(); }
    void broadPrefixListsNameMatchesInNameOrder()
    {
        OPEN_TEST_DATABASE(db);
        {
            Transaction tx(*db);
            QSqlQuery q(db->connection());
            q.prepare(QStringLiteral("INSERT INTO contacts (display_name, sort_name, notes, created_at, updated_at) "
                                     "VALUES (:name, :sort, 'Grows maple trees', 1, 1)"));
            for (int i = 0; i < 2100; ++i) {
                q.bindValue(QStringLiteral(":name"), QStringLiteral("Person %1").arg(i));
                q.bindValue(QStringLiteral(":sort"), QStringLiteral("person %1").arg(i));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            QVERIFY(tx.commit().ok());
        }
        const qint64 maeve = addContact(*db, QStringLiteral("Maeve Zhou"), QString(), QString());
        const qint64 mabel = addContact(*db, QStringLiteral("Mabel Ortiz"), QString(), QString());
        const qint64 emile = addContact(*db, QStringLiteral("Émile Mazur"), QString(), QString());
        Result<QList<ContactHit>> hits = SearchRepository(*db).searchContacts(QStringLiteral("ma"), 10);
        QVERIFY(hits.ok());
        QCOMPARE(ids(*hits), (QList<qint64>{emile, mabel, maeve})); // "emile" sorts before "mabel"
        // A narrower query (111 matches) is ranked again.
        Result<QList<ContactHit>> narrow = SearchRepository(*db).searchContacts(QStringLiteral("person 20"), 200);
        QVERIFY(narrow.ok());
        QCOMPARE(narrow->size(), 111);
        QVERIFY(narrow->first().rank != 0.0);
    }

    // PostgreSQL (schema v17): the prefix vector and contact_name_prefixes give exactly what the plain prefix
    // query on search_vector gives (match sets, results, order, rank) on a generated dataset, before and after
    // writes of every kind (update, trash, restore, delete, insert).
    void postgresPrefixIndexMatchesPlainQuery_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }
    void postgresPrefixIndexMatchesPlainQuery()
    {
        OPEN_TEST_DATABASE(db);
        const QStringList words = vocabulary();
        QRandomGenerator rng(2026);
        QList<qint64> contactIds;
        {
            Transaction tx(*db);
            QSqlQuery q(db->connection());
            q.prepare(QStringLiteral("INSERT INTO organizations (name, kind, created_at, updated_at) VALUES ('Outlet Ma', 'online', 1, 1)"));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            q.prepare(QStringLiteral("INSERT INTO contacts (display_name, sort_name, title, search_extra, notes, organization_id, "
                                     "deleted_at, created_at, updated_at) VALUES (:name, :sort, :title, :extra, :notes, "
                                     "(SELECT min(id) FROM organizations), :deleted, 1, 1) RETURNING id"));
            for (int i = 0; i < 2400; ++i) {
                const QString name = phrase(rng, words, 2 + rng.bounded(2));
                q.bindValue(QStringLiteral(":name"), name);
                q.bindValue(QStringLiteral(":sort"), Text::sortKey(name));
                q.bindValue(QStringLiteral(":title"), phrase(rng, words, rng.bounded(3)));
                q.bindValue(QStringLiteral(":extra"), QString(phrase(rng, words, 1 + rng.bounded(4)) + QStringLiteral(" x7@example.org")));
                // "press" in every contact's notes: its prefixes match more than 2,000 contacts (the broad order).
                q.bindValue(QStringLiteral(":notes"), QString(QStringLiteral("press ") + phrase(rng, words, rng.bounded(12))));
                q.bindValue(QStringLiteral(":deleted"), rng.bounded(20) == 0 ? QVariant(qint64(5)) : QVariant(QMetaType(QMetaType::LongLong)));
                QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
                contactIds << q.value(0).toLongLong();
            }
            q.prepare(QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, subject, body, deleted_at, "
                                     "created_at, updated_at) VALUES (:c, 'email', 'outbound', :at, :subject, :body, :deleted, 1, 1)"));
            for (int i = 0; i < 2400; ++i) {
                q.bindValue(QStringLiteral(":c"), contactIds.at(rng.bounded(int(contactIds.size()))));
                q.bindValue(QStringLiteral(":at"), qint64(1'700'000'000'000) + rng.bounded(1000) * qint64(3'600'000));
                q.bindValue(QStringLiteral(":subject"), phrase(rng, words, 1 + rng.bounded(4)));
                q.bindValue(QStringLiteral(":body"), QString(QStringLiteral("update ") + phrase(rng, words, rng.bounded(20))));
                q.bindValue(QStringLiteral(":deleted"), rng.bounded(20) == 0 ? QVariant(qint64(5)) : QVariant(QMetaType(QMetaType::LongLong)));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            QVERIFY(tx.commit().ok());
        }
        QVERIFY(QSqlQuery(db->connection()).exec(QStringLiteral("ANALYZE")));
        // Schema v20: the prefixes in more than 2,000 conversations ("update" is in every body) have a floor,
        // exactly their count; a search for them skips counting.
        QVERIFY(SearchRepository::countCommonPrefixes(*db).ok());
        QCOMPARE(checkPrefixFloors(*db), (QStringList{QStringLiteral("up"), QStringLiteral("upd"), QStringLiteral("upda")}));

        // Every word's prefixes of 1 to 5 letters, a few of several words, and some that are not plain a-z.
        QStringList queries = {QStringLiteral("pr"), QStringLiteral("pres"), QStringLiteral("up"), QStringLiteral("upd"),
                               QStringLiteral("x7"), QStringLiteral("ex"), QStringLiteral("example"), QStringLiteral("ma so"),
                               QStringLiteral("pr ma"), QStringLiteral("Zé"), QStringLiteral("ñu"), QStringLiteral("łu"),
                               QStringLiteral("7"), QStringLiteral("77"), QStringLiteral("m"), QStringLiteral("zz"),
                               QStringLiteral("outlet"), QStringLiteral("th re"), QStringLiteral("Ma-So")};
        for (int i = 0; i < 80; ++i) {
            const QString w = Text::fold(words.at(rng.bounded(int(words.size()))));
            queries << w.left(1 + rng.bounded(5));
        }
        comparePostgresWithPlainQuery(*db, queries);

        // Writes of every kind keep both exact: renames through the repository and in raw SQL, trash and
        // restore, a hard delete, new rows, edited conversations.
        ContactRepository contacts(*db);
        for (int i = 0; i < 40; ++i) {
            const qint64 id = contactIds.at(rng.bounded(int(contactIds.size())));
            Result<Contact> c = contacts.get(id);
            if (!c || c->inTrash)
                continue;
            c->displayName = phrase(rng, words, 2);
            QVERIFY(contacts.update(*c).ok());
        }
        QSqlQuery w(db->connection());
        QVERIFY(w.exec(QStringLiteral("UPDATE contacts SET display_name = 'Grolu Thma', sort_name = 'grolu thma' WHERE id % 17 = 3")));
        QVERIFY(w.exec(QStringLiteral("UPDATE contacts SET deleted_at = 9 WHERE id % 13 = 1")));
        QVERIFY(w.exec(QStringLiteral("UPDATE contacts SET deleted_at = NULL WHERE id % 19 = 2")));
        QVERIFY(w.exec(QStringLiteral("UPDATE contacts SET sort_name = 'aaa ' || sort_name WHERE id % 23 = 4")));
        QVERIFY(w.exec(QStringLiteral("DELETE FROM interactions WHERE contact_id % 29 = 5")));
        QVERIFY(w.exec(QStringLiteral("DELETE FROM contacts WHERE id % 29 = 5")));
        QVERIFY(w.exec(QStringLiteral("UPDATE interactions SET subject = 'Solumare grok', body = 'olé 77' WHERE id % 11 = 0")));
        QVERIFY(w.exec(QStringLiteral("UPDATE interactions SET deleted_at = 9 WHERE id % 7 = 0")));
        const qint64 added = addContact(*db, QStringLiteral("Solveig Ólafsdóttir"), QStringLiteral("Grant writer"), QString());
        QVERIFY(added > 0);
        queries << QStringLiteral("so") << QStringLiteral("sol") << QStringLiteral("solv") << QStringLiteral("ola")
                << QStringLiteral("gro") << QStringLiteral("thma") << QStringLiteral("grok") << QStringLiteral("ole")
                << QStringLiteral("aaa");
        comparePostgresWithPlainQuery(*db, queries);
        QCOMPARE(ids(*SearchRepository(*db).searchContacts(QStringLiteral("solv gra"))), QList<qint64>{added});

        // The deletes and edits above took "update" from ~300 conversations: the floors, less the slack, still
        // prove more than 2,000. Taking it from a third more brings the true count under 2,000, so the search
        // ranks again, and only the slack tells (the floors alone still say 2,400).
        QCOMPARE(checkPrefixFloors(*db), (QStringList{QStringLiteral("up"), QStringLiteral("upd"), QStringLiteral("upda")}));
        QVERIFY(w.exec(QStringLiteral("UPDATE interactions SET body = 'quiet' WHERE id % 3 = 1")));
        QVERIFY(w.exec(QStringLiteral("SELECT count(*) FROM interactions WHERE search_prefixes @@ 'up'::tsquery")) && w.next());
        QCOMPARE_LE(w.value(0).toInt(), 2000);
        QVERIFY(w.exec(QStringLiteral("SELECT floor FROM interaction_prefix_floors WHERE prefix = 'up'")) && w.next());
        QCOMPARE_GT(w.value(0).toInt(), 2000);
        QCOMPARE(checkPrefixFloors(*db), QStringList{});
        const QStringList up = {QStringLiteral("up"), QStringLiteral("upd"), QStringLiteral("upda"), QStringLiteral("qu")};
        comparePostgresWithPlainQuery(*db, up + queries);
        // Counting again gives the new floors and empties the slack; a truncate takes both away.
        QVERIFY(SearchRepository::countCommonPrefixes(*db).ok());
        QVERIFY(w.exec(QStringLiteral("SELECT count(*) FROM interaction_prefix_slack")) && w.next());
        QCOMPARE(w.value(0).toInt(), 0);
        QCOMPARE(checkPrefixFloors(*db), QStringList{});
        QVERIFY(w.exec(QStringLiteral("TRUNCATE interactions CASCADE")));
        QVERIFY(w.exec(QStringLiteral("SELECT count(*) FROM interaction_prefix_floors")) && w.next());
        QCOMPARE(w.value(0).toInt(), 0);
    }

    void interactions_data() { TestDatabase::addBackends(); }
    void interactions()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 amara = addContact(*db, QStringLiteral("Amara Okafor"), QString(), QString());
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, subject, body, "
                                 "created_at, updated_at) VALUES (:c, :channel, 'outbound', :at, :subject, :body, 1, 1)"));
        const QList<QPair<QString, QString>> rows = {
            {QStringLiteral("Embargoed briefing: Lumina X launch"), QStringLiteral("Sent the deck and the embargo terms.")},
            {QStringLiteral("Follow-up call"), QStringLiteral("She asked for battery benchmarks for Lumina.")},
            {QStringLiteral("Coffee"), QStringLiteral("Talked about her new podcast.")},
        };
        qint64 at = 1'700'000'000'000;
        for (const auto &[subject, body] : rows) {
            q.bindValue(QStringLiteral(":c"), amara);
            q.bindValue(QStringLiteral(":channel"), QStringLiteral("email"));
            q.bindValue(QStringLiteral(":at"), at += 86'400'000);
            q.bindValue(QStringLiteral(":subject"), subject);
            q.bindValue(QStringLiteral(":body"), body);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        Result<QList<InteractionHit>> hits = SearchRepository(*db).searchInteractions(QStringLiteral("lumin"));
        QVERIFY(hits.ok());
        QCOMPARE(hits->size(), 2);
        QCOMPARE(hits->first().subject, rows[0].first); // the subject match ranks first
        QCOMPARE(hits->first().contactName, QStringLiteral("Amara Okafor"));
        QCOMPARE(SearchRepository(*db).searchInteractions(QStringLiteral("podcast"))->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
