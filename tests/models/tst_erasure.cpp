#include "privacyfixture.h"
#include "storage/contactrepository.h"
#include "storage/erasurerepository.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Qt::StringLiterals;

// ErasureRepository on both backends: after erasing X, no table and no full-text index holds X's name, email or
// words (checked with the test's own SQL over every column of every table), Y is untouched, coverage X wrote is
// kept without them, the audit log keeps one line that an erasure happened (no personal data), and X's handle
// is on the ignore list when asked.
class TestErasure final : public QObject
{
    Q_OBJECT

    static qint64 scalar(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }

    static QStringList tables(Database &db)
    {
        QSqlQuery q(db.connection());
        q.exec(db.isPostgres() ? u"SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                 "current_schema() AND table_type = 'BASE TABLE'"_s
                               : u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"_s);
        QStringList names;
        while (q.next())
            names.append(q.value(0).toString());
        return names;
    }

    // Rows of any table with `needle` in any column (as text, case folded): "table.column" for each hit.
    static QStringList holding(Database &db, const QString &needle)
    {
        QStringList hits;
        for (const QString &table : tables(db)) {
            QSqlQuery columns(db.connection());
            if (!columns.exec(u"SELECT * FROM "_s + table + u" LIMIT 0"_s))
                continue; // FTS5's shadow tables are read through their virtual table below
            const QSqlRecord record = columns.record();
            for (int i = 0; i < record.count(); ++i) {
                const QString column = record.fieldName(i);
                QSqlQuery q(db.connection());
                const QString text = db.isPostgres() ? u"CAST(\"%1\" AS TEXT)"_s.arg(column) : u"CAST(\"%1\" AS TEXT)"_s.arg(column);
                q.prepare(u"SELECT count(*) FROM %1 WHERE lower(%2) LIKE :needle"_s.arg(table, text));
                q.bindValue(u":needle"_s, QString(u'%' + needle.toLower() + u'%'));
                if (q.exec() && q.next() && q.value(0).toLongLong() > 0)
                    hits.append(table + u'.' + column);
            }
        }
        return hits;
    }

    // Rows the full-text indexes find for a word.
    static qint64 indexed(Database &db, const QString &word)
    {
        if (db.isPostgres())
            return scalar(db, u"SELECT count(*) FROM contacts WHERE search_vector @@ to_tsquery('simple', '%1')"_s.arg(word))
                + scalar(db, u"SELECT count(*) FROM interactions WHERE search_vector @@ to_tsquery('simple', '%1')"_s.arg(word));
        qint64 n = scalar(db, u"SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH '%1'"_s.arg(word))
            + scalar(db, u"SELECT count(*) FROM interactions_fts WHERE interactions_fts MATCH '%1'"_s.arg(word));
        // The index's own vocabulary: a term only deleted (not merged away) would still be listed in a segment.
        QSqlQuery q(db.connection());
        for (const QString &fts : { u"contacts_fts"_s, u"interactions_fts"_s }) {
            q.exec(u"CREATE VIRTUAL TABLE IF NOT EXISTS temp.%1_vocab USING fts5vocab(main, %1, 'row')"_s.arg(fts));
            n += scalar(db, u"SELECT count(*) FROM temp.%1_vocab WHERE term = '%2'"_s.arg(fts, word));
        }
        return n;
    }

private slots:
    void erasesEveryTraceAndKeepsOthers_data() { TestDatabase::addBackends(); }
    void erasesEveryTraceAndKeepsOthers()
    {
        OPEN_TEST_DATABASE(db);
        const PrivacyFixture::Ids ids = PrivacyFixture::create(*db);
        const QStringList xNeedles { u"vantablack"_s, u"quillon"_s, PrivacyFixture::kXEmail, PrivacyFixture::kXWord };
        // Before: the checks find X (so they can fail).
        for (const QString &needle : xNeedles)
            QVERIFY2(!holding(*db, needle).isEmpty(), qPrintable(needle));
        QVERIFY(indexed(*db, u"vantablack"_s) > 0);
        QVERIFY(indexed(*db, PrivacyFixture::kXWord) > 0);
        const qint64 auditBefore = scalar(*db, u"SELECT count(*) FROM audit_log"_s);
        // The history holds their values too: the fields an edit changed, and (schema v21) the email an edit
        // replaced.
        ContactRepository contacts(*db);
        Contact x = *contacts.get(ids.x);
        x.emails = { { u"work"_s, u"quillon.new@secret.example"_s } };
        QVERIFY(contacts.update(x));
        QVERIFY(holding(*db, PrivacyFixture::kXEmail).contains(u"audit_changes.old_value"_s));
        QVERIFY(scalar(*db, u"SELECT count(*) FROM audit_changes WHERE entity = 'contact' AND entity_id = %1"_s.arg(ids.y)) > 0);

        const Result<ErasureCounts> preview = ErasureRepository(*db).preview(ids.x);
        QVERIFY(preview.ok());
        QCOMPARE(preview->displayName, PrivacyFixture::kXName);
        QCOMPARE(preview->interactions, 2); // the logged one and the Inbox item by their handle
        QCOMPARE(preview->pitches, 1);
        QCOMPARE(preview->followUps, 1);
        QCOMPARE(preview->coverage, 1);
        QCOMPARE(preview->handles, 1);
        QCOMPARE(preview->syncedHandles.size(), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 2); // a preview changes nothing

        const Result<ErasureCounts> erased = ErasureRepository(*db).erase(ids.x, true);
        QVERIFY2(erased.ok(), erased.ok() ? "" : qPrintable(erased.error().message));
        QCOMPARE(erased->interactions, 2);
        QCOMPARE(erased->ignoredHandles, 1);

        // After: no table, no column, no index holds X.
        for (const QString &needle : xNeedles)
            QVERIFY2(holding(*db, needle).isEmpty(), qPrintable(needle + u": "_s + holding(*db, needle).join(u", "_s)));
        QCOMPARE(indexed(*db, u"vantablack"_s), 0);
        QCOMPARE(indexed(*db, u"quillon"_s), 0);
        QCOMPARE(indexed(*db, PrivacyFixture::kXWord), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts WHERE id = %1"_s.arg(ids.x)), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM audit_changes WHERE entity = 'contact' AND entity_id = %1"_s.arg(ids.x)), 0);
        QVERIFY(holding(*db, u"quillon.new@secret"_s).isEmpty());
        for (const QString &table : { u"handles"_s, u"contact_emails"_s, u"contact_phones"_s, u"contact_tags"_s,
                 u"interactions"_s, u"pitches"_s, u"follow_ups"_s, u"media_list_members"_s, u"engagement_events"_s })
            QCOMPARE(scalar(*db, u"SELECT count(*) FROM %1 WHERE contact_id = %2"_s.arg(table).arg(ids.x)), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM import_batch_items"_s), 0);

        // Coverage X wrote stays for the campaign, without them.
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM coverage WHERE title = 'Review x' AND contact_id IS NULL"_s), 1);
        // The sync will not bring them back.
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM ignored_handles WHERE network = 'mastodon'"_s), 1);

        // One line says an erasure happened, with counts and nothing personal.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"SELECT entity_id, details FROM audit_log WHERE action = 'erase'"_s));
        QVERIFY(q.next());
        QVERIFY(q.value(0).isNull());
        const QJsonObject details = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        QCOMPARE(details.value(u"interactions"_s).toInt(), 2);
        QCOMPARE(details.value(u"pitches"_s).toInt(), 1);
        QVERIFY(!q.next());
        // The other row's entry that named X is kept, without its values.
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM audit_log WHERE action = 'ignore' AND details IS NULL"_s), 1);
        QVERIFY(scalar(*db, u"SELECT count(*) FROM audit_log"_s) < auditBefore);

        // Y is untouched.
        QVERIFY(!holding(*db, u"otherperson"_s).isEmpty());
        QVERIFY(indexed(*db, PrivacyFixture::kYWord) > 0);
        for (const QString &table : { u"handles"_s, u"contact_emails"_s, u"interactions"_s, u"pitches"_s,
                 u"follow_ups"_s, u"media_list_members"_s, u"engagement_events"_s, u"coverage"_s })
            QCOMPARE(scalar(*db, u"SELECT count(*) FROM %1 WHERE contact_id = %2"_s.arg(table).arg(ids.y)), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM interactions WHERE contact_id IS NULL"_s), 1); // Y's Inbox item
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM audit_log WHERE entity = 'contact' AND entity_id = %1"_s.arg(ids.y)), 2);
        QVERIFY(scalar(*db, u"SELECT count(*) FROM audit_changes WHERE entity = 'contact' AND entity_id = %1"_s.arg(ids.y)) > 0);
    }

    void withoutIgnoringAndTwice_data() { TestDatabase::addBackends(); }
    void withoutIgnoringAndTwice()
    {
        OPEN_TEST_DATABASE(db);
        const PrivacyFixture::Ids ids = PrivacyFixture::create(*db);
        QVERIFY(ErasureRepository(*db).erase(ids.x, false).ok());
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM ignored_handles"_s), 0);
        const Result<ErasureCounts> again = ErasureRepository(*db).erase(ids.x, false);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, Error::Code::NotFound);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM audit_log WHERE action = 'erase'"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestErasure)
#include "tst_erasure.moc"
