#include "interchange/csvreader.h"
#include "interchange/importrecord.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/importrepository.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

// ImportRepository on both backends: one batch in one transaction, duplicates against the database (skip,
// fill, overwrite, create) and inside the file (merged), a cancel that leaves nothing, a dry run that writes
// nothing, and undo: created rows removed, changed rows restored, later edits reported as conflicts.
class TestImportRepository final : public QObject
{
    Q_OBJECT

    static qint64 scalar(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }

    static QList<ImportRecord> records(const QByteArray &csv)
    {
        QByteArray copy = csv;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        auto header = reader.next();
        const ColumnMapping mapping = ImportPresets::guess(**header);
        QList<ImportRecord> result;
        int row = 0;
        while (auto fields = reader.next()) {
            if (!fields->has_value())
                break;
            result.append(ImportRecords::fromRow(mapping, **fields, ++row, reader.lineNumber()));
        }
        return result;
    }

    static qint64 addContact(Database &db, const QString &name, const QString &email, const QString &title = {})
    {
        Contact c;
        c.displayName = name;
        c.title = title;
        c.emails = { { u"work"_s, email } };
        if (Status s = ContactRepository(db).create(c); !s)
            qFatal("creating a contact failed: %s", qPrintable(s.error().message));
        return c.id;
    }

    // A contact of an unknown kind is refused (the CHECK of contacts.kind), on the import's connection.
    static void checksEnforced(Database &db)
    {
        QSqlQuery q(db.connection());
        QVERIFY(!q.exec(u"INSERT INTO contacts (display_name, kind, created_at, updated_at) "
                        u"VALUES ('Nobody', 'astronaut', 1, 1)"_s));
        if (!db.isPostgres()) {
            QVERIFY(q.exec(u"PRAGMA ignore_check_constraints"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
    }

    // The records handed over `max` at a time, as ImportFile::Reader does.
    static ImportStream streamOf(const QList<ImportRecord> &records)
    {
        auto at = std::make_shared<qsizetype>(0);
        return { [records, at](int max) -> Result<QList<ImportRecord>> {
                    QList<ImportRecord> chunk = records.mid(*at, max);
                    *at += chunk.size();
                    return chunk;
                },
            [records]() -> qint64 { return records.size(); } };
    }

    static const QByteArray &sample()
    {
        static const QByteArray csv = "name,email,organization,tags,beats,mastodon\n"
                                      "Anna Müller,anna@tagesblatt.example,Tagesblatt,vip,tech,@anna@social.example\n"
                                      "Ben Ortiz,ben@post.example,Daily Post,,retail,\n"
                                      "Broken,not-an-email,,,,\n"
                                      "Anna M.,ANNA@tagesblatt.example,,press,,\n";
        return csv;
    }

private slots:
    void createsOneBatchAndUndoes_data() { TestDatabase::addBackends(); }
    void createsOneBatchAndUndoes()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 contactsBefore = scalar(*db, u"SELECT count(*) FROM contacts"_s);
        int merged = 0;
        const QList<ImportRecord> list = ImportRepository::mergeWithinFile(records(sample()), &merged);
        QCOMPARE(merged, 1); // Anna twice (same email, other case)
        QCOMPARE(list.size(), 3);
        ImportRequest request;
        request.fileName = u"people.csv"_s;
        request.format = u"csv"_s;
        request.records = list;
        auto summary = ImportRepository(*db).run(request);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->created, 2);
        QCOMPARE(summary->problems, 1);
        QCOMPARE(summary->organizationsCreated, 2);
        QVERIFY(summary->batchId > 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), contactsBefore + 2);

        // Stored as the preview showed: the merged Anna has both tags, the handle, the outlet.
        const qint64 anna = scalar(*db,
            u"SELECT contact_id FROM contact_emails WHERE normalized = "
            u"'anna@tagesblatt.example'"_s);
        auto c = ContactRepository(*db).get(anna);
        QVERIFY(c.ok());
        QCOMPARE(c->displayName, u"Anna Müller"_s);
        QCOMPARE(c->organizationName, u"Tagesblatt"_s);
        QCOMPARE(c->tags, (QStringList { u"press"_s, u"vip"_s }));
        QCOMPARE(c->beats, QStringList { u"tech"_s });
        QCOMPARE(c->handles.value(0).normalized, u"anna@social.example"_s);
        // Search finds an imported contact by its outlet (search_extra written).
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts WHERE search_extra LIKE '%Tagesblatt%'"_s), 1);

        auto batches = ImportRepository(*db).batches();
        QVERIFY(batches.ok());
        QCOMPARE(batches->size(), 1);
        QCOMPARE(batches->first().fileName, u"people.csv"_s);
        QCOMPARE(batches->first().created, 2);
        QCOMPARE(batches->first().problems, 1);

        auto undone = ImportRepository(*db).undo(summary->batchId);
        QVERIFY2(undone.ok(), qPrintable(undone.ok() ? QString() : undone.error().message));
        QCOMPARE(undone->removed, 2);
        QCOMPARE(undone->conflicts, QStringList());
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), contactsBefore);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM organizations"_s), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM tags"_s), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM handles"_s), 0);
        QVERIFY(ImportRepository(*db).batches()->first().undoneAt.isValid());
        // Twice is refused in words.
        QCOMPARE(ImportRepository(*db).undo(summary->batchId).error().code, Error::Code::Conflict);
    }

    void duplicateActions_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("action");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("contacts");
        const QList<std::tuple<const char *, DuplicateAction, QString, int>> cases = {
            { "skip", DuplicateAction::Skip, u"Editor"_s, 1 },
            { "fill", DuplicateAction::Fill, u"Editor"_s, 1 },
            { "overwrite", DuplicateAction::Overwrite, u"Chief editor"_s, 1 },
            { "create", DuplicateAction::Create, u"Editor"_s, 2 },
        };
        for (const QString &backend : { u"sqlite"_s, u"postgres"_s })
            for (const auto &[name, action, title, contacts] : cases)
                QTest::newRow(qPrintable(backend + u' ' + QLatin1String(name)))
                    << backend << int(action) << title << contacts;
    }

    void duplicateActions()
    {
        OPEN_TEST_DATABASE(db);
        QFETCH(int, action);
        QFETCH(QString, title);
        QFETCH(int, contacts);
        const qint64 ben = addContact(*db, u"Ben Ortiz"_s, u"ben@post.example"_s, u"Editor"_s);
        const QList<ImportRecord> list
            = records("name,email,title,city\nBenjamin Ortiz,Ben@Post.example,Chief editor,Leeds\n");
        auto matches = ImportRepository(*db).findMatches(list);
        QVERIFY(matches.ok());
        QCOMPARE(matches->size(), 1);
        QCOMPARE(matches->first().contactId, ben);
        QCOMPARE(matches->first().reason, u"same email Ben@Post.example"_s);

        ImportRequest request;
        request.fileName = u"again.csv"_s;
        request.format = u"csv"_s;
        request.records = list;
        request.onDuplicate = DuplicateAction(action);
        auto summary = ImportRepository(*db).run(request);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), contacts);
        auto existing = ContactRepository(*db).get(ben);
        QCOMPARE(existing->title, title);
        QCOMPARE(existing->city,
            DuplicateAction(action) == DuplicateAction::Fill || DuplicateAction(action) == DuplicateAction::Overwrite
                ? u"Leeds"_s
                : QString());
        if (DuplicateAction(action) == DuplicateAction::Skip) {
            QCOMPARE(summary->skipped, 1);
            return;
        }
        // Undo restores the changed contact exactly, or removes the created one.
        auto undone = ImportRepository(*db).undo(summary->batchId);
        QVERIFY(undone.ok());
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 1);
        existing = ContactRepository(*db).get(ben);
        QCOMPARE(existing->title, u"Editor"_s);
        QCOMPARE(existing->city, QString());
        QCOMPARE(existing->displayName, u"Ben Ortiz"_s);
    }

    void laterEditsAreConflicts_data() { TestDatabase::addBackends(); }
    void laterEditsAreConflicts()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 ben = addContact(*db, u"Ben Ortiz"_s, u"ben@post.example"_s);
        ImportRequest request;
        request.fileName = u"x.csv"_s;
        request.format = u"csv"_s;
        request.records = records("name,email,city\nBen Ortiz,ben@post.example,Leeds\nCara Diaz,cara@x.example,\n"
                                  "Dev Rao,dev@x.example,\n");
        request.onDuplicate = DuplicateAction::Fill;
        auto summary = ImportRepository(*db).run(request);
        QVERIFY(summary.ok());
        QCOMPARE(summary->updated, 1);
        QCOMPARE(summary->created, 2);
        // Someone edits Ben and Cara after the import, and logs a call with Dev.
        auto b = ContactRepository(*db).get(ben);
        b->title = u"Editor"_s;
        QVERIFY(ContactRepository(*db).update(*b).ok());
        const qint64 cara = scalar(*db, u"SELECT contact_id FROM contact_emails WHERE normalized = 'cara@x.example'"_s);
        auto c = ContactRepository(*db).get(cara);
        c->title = u"Writer"_s;
        QVERIFY(ContactRepository(*db).update(*c).ok());
        const qint64 dev = scalar(*db, u"SELECT contact_id FROM contact_emails WHERE normalized = 'dev@x.example'"_s);
        QSqlQuery q(db->connection());
        QVERIFY2(q.exec(u"INSERT INTO interactions (contact_id, channel, direction, occurred_at, created_at, "
                        u"updated_at, version) VALUES ("_s
                     + QString::number(dev) + u", 'call', 'outbound', 1, 1, 1, 1)"_s),
            qPrintable(q.lastError().text()));

        auto undone = ImportRepository(*db).undo(summary->batchId);
        QVERIFY2(undone.ok(), qPrintable(undone.ok() ? QString() : undone.error().message));
        QCOMPARE(undone->removed, 0);
        QCOMPARE(undone->restored, 0);
        QCOMPARE(undone->conflicts.size(), 3);
        QVERIFY(undone->conflicts.contains(u"“Ben Ortiz” was edited since the import, so the import's changes to it "
                                           u"were kept."_s));
        QVERIFY(undone->conflicts.contains(u"“Cara Diaz” was changed or has conversations since the import, so it was "
                                           u"kept."_s));
        QCOMPARE(ContactRepository(*db).get(ben)->city, u"Leeds"_s);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 3);
    }

    void cancelAndDryRunLeaveNothing_data() { TestDatabase::addBackends(); }
    void cancelAndDryRunLeaveNothing()
    {
        OPEN_TEST_DATABASE(db);
        QByteArray csv = "name,email,organization,tags\n";
        for (int i = 0; i < 1200; ++i)
            csv += "Person " + QByteArray::number(i) + ",p" + QByteArray::number(i) + "@x.example,Outlet "
                + QByteArray::number(i % 7) + ",t" + QByteArray::number(i % 3) + "\n";
        ImportRequest request;
        request.fileName = u"big.csv"_s;
        request.format = u"csv"_s;
        request.records = records(csv);
        int calls = 0;
        auto cancelled = ImportRepository(*db).run(request, [&calls](int done, int total) {
            Q_UNUSED(total);
            ++calls;
            return done < 1000; // the user presses Cancel after 1,000 rows
        });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, Error::Code::Cancelled);
        QVERIFY(calls >= 3);
        for (const QString &table : { u"contacts"_s, u"organizations"_s, u"tags"_s, u"contact_emails"_s,
                 u"import_batches"_s, u"import_batch_items"_s })
            QCOMPARE(scalar(*db, u"SELECT count(*) FROM "_s + table), 0);

        request.dryRun = true;
        auto dry = ImportRepository(*db).run(request);
        QVERIFY(dry.ok());
        QCOMPARE(dry->created, 1200);
        QCOMPARE(dry->organizationsCreated, 7);
        QCOMPARE(dry->batchId, 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM import_batches"_s), 0);

        // And for real: 1,200 rows in one batch, undone in one go.
        request.dryRun = false;
        auto real = ImportRepository(*db).run(request);
        QVERIFY(real.ok());
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 1200);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contact_tags"_s), 1200);
        // A contact added by hand afterwards gets a fresh id (PostgreSQL's identity moved past the batch).
        addContact(*db, u"Later"_s, u"later@x.example"_s);
        auto undone = ImportRepository(*db).undo(real->batchId);
        QVERIFY(undone.ok());
        QCOMPARE(undone->removed, 1200);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM organizations"_s), 0);
    }
    // Streamed two records at a time (as `rapport import` streams 5,000): a person repeated within a chunk and
    // across chunks is merged as when the file is merged whole, also into a contact that was there before
    // (filled), and the batch undoes exactly. Both ways of running give the same contacts.
    void streamedInChunks_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("streamed");
        for (const QString &backend : { u"sqlite"_s, u"postgres"_s }) {
            QTest::newRow(qPrintable(backend + u" whole list"_s)) << backend << false;
            QTest::newRow(qPrintable(backend + u" streamed"_s)) << backend << true;
        }
    }
    void streamedInChunks()
    {
        OPEN_TEST_DATABASE(db);
        QFETCH(bool, streamed);
        const qint64 ben = addContact(*db, u"Ben Ortiz"_s, u"ben@post.example"_s);
        const QList<ImportRecord> list
            = records("name,email,organization,tags,mastodon,city\n"
                      "Anna Müller,anna@tagesblatt.example,Tagesblatt,vip,@anna@social.example,\n"
                      "Ben Ortiz,ben@post.example,Daily Post,,,\n"
                      "Broken,not-an-email,,,,\n"
                      "Cara Diaz,cara@x.example,,,,\n"
                      "Anna M.,ANNA@tagesblatt.example,,press,,Berlin\n"
                      "Dev Rao,dev@x.example,,,,\n"
                      "Cara D.,cara@x.example,Weekly,,,\n"
                      "Ben O.,BEN@post.example,,,,Leeds\n");
        ImportRequest request;
        request.fileName = u"people.csv"_s;
        request.format = u"csv"_s;
        request.onDuplicate = DuplicateAction::Fill;
        request.chunkSize = 2;
        Result<ImportSummary> summary = Error {};
        if (streamed) {
            summary = ImportRepository(*db).run(request, streamOf(list));
        } else {
            request.records = ImportRepository::mergeWithinFile(list, &request.merged);
            summary = ImportRepository(*db).run(request);
        }
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->created, 3); // Anna, Cara, Dev
        QCOMPARE(summary->updated, 1); // Ben
        QCOMPARE(summary->problems, 1);
        QCOMPARE(summary->problemDetails.size(), 1);
        QVERIFY2(summary->problemDetails.first().startsWith(u"Row 3 (line 4)"_s),
            qPrintable(summary->problemDetails.first()));
        QCOMPARE(summary->merged, 3);
        QCOMPARE(ImportRepository(*db).batches()->first().merged, 3);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 4);

        auto contactBy = [&](const QString &email) {
            return *ContactRepository(*db).get(
                scalar(*db, u"SELECT contact_id FROM contact_emails WHERE normalized = '"_s + email + u"'"_s));
        };
        const Contact anna = contactBy(u"anna@tagesblatt.example"_s);
        QCOMPARE(anna.displayName, u"Anna Müller"_s);
        QCOMPARE(anna.organizationName, u"Tagesblatt"_s);
        QCOMPARE(anna.tags, (QStringList { u"press"_s, u"vip"_s }));
        QCOMPARE(anna.city, u"Berlin"_s);
        QCOMPARE(anna.emails.size(), 1);
        QCOMPARE(anna.handles.value(0).normalized, u"anna@social.example"_s);
        const Contact cara = contactBy(u"cara@x.example"_s);
        QCOMPARE(cara.displayName, u"Cara Diaz"_s);
        QCOMPARE(cara.organizationName, u"Weekly"_s);
        const Contact filled = *ContactRepository(*db).get(ben);
        QCOMPARE(filled.displayName, u"Ben Ortiz"_s);
        QCOMPARE(filled.organizationName, u"Daily Post"_s);
        QCOMPARE(filled.city, u"Leeds"_s);
        // Found by its outlet (search_extra) and by the full-text index.
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts WHERE search_extra LIKE '%Weekly%'"_s), 1);

        auto undone = ImportRepository(*db).undo(summary->batchId);
        QVERIFY2(undone.ok(), qPrintable(undone.ok() ? QString() : undone.error().message));
        QCOMPARE(undone->removed, 3);
        QCOMPARE(undone->restored, 1);
        QCOMPARE(undone->conflicts, QStringList());
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM organizations"_s), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM tags"_s), 0);
        QCOMPARE(ContactRepository(*db).get(ben)->city, QString());
    }

    // Repeats of a person far apart in the file (row 2 and row 12,000, chunks of 5,000), the email in other
    // letter cases, and the same name at the same outlet without an email: merged into the first row's
    // contact, with the keys in memory and with them gone to the merge's temporary file after each chunk.
    void farApartRepeatsAreMerged_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("memoryKeys");
        for (const QString &backend : { u"sqlite"_s, u"postgres"_s }) {
            QTest::newRow(qPrintable(backend + u" keys in memory"_s)) << backend << 0;
            QTest::newRow(qPrintable(backend + u" keys in the temporary file"_s)) << backend << 1000;
        }
    }
    void farApartRepeatsAreMerged()
    {
        OPEN_TEST_DATABASE(db);
        QFETCH(int, memoryKeys);
        QByteArray csv = "name,email,organization,tags,city\n"
                         "Anna Müller,anna@tagesblatt.example,Tagesblatt,vip,\n" // row 1
                         "Cara Diaz,,Weekly,,\n"; // row 2
        for (int row = 3; row < 12000; ++row)
            csv += "Person " + QByteArray::number(row) + ",p" + QByteArray::number(row) + "@x.example,Outlet "
                + QByteArray::number(row % 300) + ",,\n";
        csv += "Anna M.,ANNA@Tagesblatt.EXAMPLE,,press,Berlin\n" // row 12,000
               "Cara Diaz,cara@weekly.example,Weekly,,Madrid\n" // row 12,001: same name at the same outlet
               "C. Diaz,Cara@Weekly.example,,,\n"; // row 12,002: the email row 12,001 brought
        const QList<ImportRecord> list = records(csv);
        QCOMPARE(list.size(), 12002);
        ImportRequest request;
        request.fileName = u"far.csv"_s;
        request.format = u"csv"_s;
        request.mergeMemoryKeys = memoryKeys;
        Result<ImportSummary> summary = ImportRepository(*db).run(request, streamOf(list));
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->merged, 3);
        QCOMPARE(summary->created, 12002 - 3);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 12002 - 3);
        auto contactBy = [&](const QString &email) {
            return *ContactRepository(*db).get(
                scalar(*db, u"SELECT contact_id FROM contact_emails WHERE normalized = '"_s + email + u"'"_s));
        };
        const Contact anna = contactBy(u"anna@tagesblatt.example"_s);
        QCOMPARE(anna.displayName, u"Anna Müller"_s);
        QCOMPARE(anna.emails.size(), 1);
        QCOMPARE(anna.tags, (QStringList { u"press"_s, u"vip"_s }));
        QCOMPARE(anna.city, u"Berlin"_s);
        const Contact cara = contactBy(u"cara@weekly.example"_s);
        QCOMPARE(cara.displayName, u"Cara Diaz"_s);
        QCOMPARE(cara.organizationName, u"Weekly"_s);
        QCOMPARE(cara.city, u"Madrid"_s);
        QCOMPARE(cara.emails.size(), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts WHERE display_name LIKE '%Diaz%'"_s), 1);
    }

    // A streamed import large enough for the bulk path (SQLite defers the indexes from 5,000 records), in
    // chunks of 1,000, with people repeated across chunks; a Cancel part-way and a dry run leave nothing; the
    // real run is one batch that undoes in one go.
    void streamedBulkCancelDryRun_data() { TestDatabase::addBackends(); }
    void streamedBulkCancelDryRun()
    {
        OPEN_TEST_DATABASE(db);
        QByteArray csv = "name,email,organization,tags\n";
        for (int i = 0; i < 6000; ++i)
            csv += "Person " + QByteArray::number(i) + ",p" + QByteArray::number(i) + "@x.example,Outlet "
                + QByteArray::number(i % 7) + ",t" + QByteArray::number(i % 3) + "\n";
        for (int i = 0; i < 300; ++i) // each a repeat of a person from an earlier chunk, with a second email
            csv += "P. " + QByteArray::number(i * 17) + ",p" + QByteArray::number(i * 17) + "@x.example ::: second"
                + QByteArray::number(i) + "@y.example,,extra\n";
        const QList<ImportRecord> list = records(csv);
        ImportRequest request;
        request.fileName = u"big.csv"_s;
        request.format = u"csv"_s;
        request.chunkSize = 1000;
        int calls = 0;
        auto cancelled = ImportRepository(*db).run(request, streamOf(list), [&calls](int done, int total) {
            ++calls;
            return done < 2500 && total >= 6000;
        });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, Error::Code::Cancelled);
        QVERIFY(calls >= 5);
        // SQLite's CHECK constraints, off while the indexes were deferred, are back after the cancel.
        checksEnforced(*db);
        for (const QString &table : { u"contacts"_s, u"organizations"_s, u"tags"_s, u"contact_emails"_s,
                 u"import_batches"_s, u"import_batch_items"_s })
            QCOMPARE(scalar(*db, u"SELECT count(*) FROM "_s + table), 0);

        request.dryRun = true;
        auto dry = ImportRepository(*db).run(request, streamOf(list));
        QVERIFY2(dry.ok(), qPrintable(dry.ok() ? QString() : dry.error().message));
        QCOMPARE(dry->created, 6000);
        QCOMPARE(dry->merged, 300);
        QCOMPARE(dry->batchId, 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM import_batches"_s), 0);

        request.dryRun = false;
        auto real = ImportRepository(*db).run(request, streamOf(list));
        QVERIFY2(real.ok(), qPrintable(real.ok() ? QString() : real.error().message));
        QCOMPARE(real->created, 6000);
        QCOMPARE(real->merged, 300);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 6000);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contact_emails"_s), 6300);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM organizations"_s), 7);
        // Person 17 got the second email and the extra tag of its repeat, 5,000 rows later.
        const qint64 p17 = scalar(*db, u"SELECT contact_id FROM contact_emails WHERE normalized = 'p17@x.example'"_s);
        QCOMPARE(scalar(*db, u"SELECT contact_id FROM contact_emails WHERE normalized = 'second1@y.example'"_s), p17);
        auto c = ContactRepository(*db).get(p17);
        QCOMPARE(c->displayName, u"Person 17"_s);
        QCOMPARE(c->tags, (QStringList { u"extra"_s, u"t2"_s }));
        // The indexes are back and used: a search by email goes through contact_emails_normalized.
        if (!db->isPostgres())
            QCOMPARE(scalar(*db, u"SELECT count(*) FROM sqlite_master WHERE name = 'contact_emails_normalized'"_s), 1);
        checksEnforced(*db);

        auto undone = ImportRepository(*db).undo(real->batchId);
        QVERIFY2(undone.ok(), qPrintable(undone.ok() ? QString() : undone.error().message));
        QCOMPARE(undone->removed, 6000);
        QCOMPARE(undone->conflicts, QStringList());
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM organizations"_s), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM tags"_s), 0);
    }
    // A large streamed import (SQLite defers its indexes and triggers) that also fills an existing contact in a
    // later chunk: the change is in that contact's history (audit_changes, written by the v11 triggers, which are
    // back before the first existing contact is changed), the undo puts the old values back, and the rows of the
    // 6,000 new contacts are as they are without the existing one.
    void streamedBulkFillIsAudited_data() { TestDatabase::addBackends(); }
    void streamedBulkFillIsAudited()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 friendId = addContact(*db, u"Old Friend"_s, u"friend@x.example"_s);
        QByteArray csv = "name,email,organization,title\n";
        for (int i = 0; i < 6000; ++i) {
            csv += "Person " + QByteArray::number(i) + ",p" + QByteArray::number(i) + "@x.example,Outlet "
                + QByteArray::number(i % 7) + ",\n";
            if (i == 2500) // in the third chunk
                csv += "Old Friend,FRIEND@x.example,Outlet 3,Columnist\n";
        }
        ImportRequest request;
        request.fileName = u"big.csv"_s;
        request.format = u"csv"_s;
        request.chunkSize = 1000;
        request.onDuplicate = DuplicateAction::Fill;
        auto summary = ImportRepository(*db).run(request, streamOf(records(csv)));
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->created, 6000);
        QCOMPARE(summary->updated, 1);
        auto updated = ContactRepository(*db).get(friendId);
        QCOMPARE(updated->title, u"Columnist"_s);
        QCOMPARE(updated->organizationName, u"Outlet 3"_s);
        QCOMPARE(scalar(*db,
                     u"SELECT count(*) FROM audit_changes WHERE entity = 'contact' AND entity_id = %1 AND field = "
                     u"'title' AND new_value = 'Columnist'"_s.arg(friendId)),
            1);
        QCOMPARE(scalar(*db,
                     u"SELECT count(*) FROM audit_changes WHERE entity = 'contact' AND entity_id = %1 AND field = "
                     u"'organization_id'"_s.arg(friendId)),
            1);
        // New contacts are not changes: no audit_changes rows of their own.
        QCOMPARE(scalar(*db, u"SELECT count(DISTINCT entity_id) FROM audit_changes WHERE entity = 'contact'"_s), 1);
        // The outlet sort key of the new contacts and of the filled one (schema v3's triggers' value).
        QCOMPARE(scalar(*db,
                     u"SELECT count(*) FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE "
                     u"coalesce(c.outlet_sort, '') <> o.name"_s),
            0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts WHERE outlet_sort IS NOT NULL"_s), 6001);
        // Full-text search finds contacts written before and after the existing one was filled.
        if (!db->isPostgres()) {
            QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'person'"_s), 6000);
            QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'columnist'"_s), 1);
        }

        auto undone = ImportRepository(*db).undo(summary->batchId);
        QVERIFY2(undone.ok(), qPrintable(undone.ok() ? QString() : undone.error().message));
        QCOMPARE(undone->removed, 6000);
        QCOMPARE(undone->restored, 1);
        auto restored = ContactRepository(*db).get(friendId);
        QCOMPARE(restored->title, QString());
        QCOMPARE(restored->organizationName, QString());
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 1);
    }

    // A repeat of a person in a later chunk brings a handle that a contact created from another row holds: it is
    // left out with a note (a handle belongs to one contact), and the import goes through.
    void streamedHandleOfAnother_data() { TestDatabase::addBackends(); }
    void streamedHandleOfAnother()
    {
        OPEN_TEST_DATABASE(db);
        ImportRequest request;
        request.fileName = u"handles.csv"_s;
        request.format = u"csv"_s;
        request.chunkSize = 2;
        auto summary = ImportRepository(*db).run(request,
            streamOf(records("name,email,mastodon\n"
                             "Zed Zahn,zed@x.example,@zed@social.example\n"
                             "Yan Yu,yan@x.example,\n"
                             "Yan Y.,yan@x.example,@zed@social.example\n")));
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->created, 2);
        QCOMPARE(summary->merged, 1);
        QCOMPARE(summary->notes,
            QStringList { u"Row 3 (line 4): the handle @zed@social.example belongs to another contact and was left "
                          u"out."_s });
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM handles"_s), 1);
        QCOMPARE(scalar(*db,
                     u"SELECT count(*) FROM handles h JOIN contacts c ON c.id = h.contact_id WHERE c.display_name = "
                     u"'Zed Zahn'"_s),
            1);
    }
};

QTEST_GUILESS_MAIN(TestImportRepository)
#include "tst_importrepository.moc"
