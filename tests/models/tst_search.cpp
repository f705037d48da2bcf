#include "storage/contactrepository.h"
#include "storage/searchrepository.h"
#include "testdatabase.h"

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
