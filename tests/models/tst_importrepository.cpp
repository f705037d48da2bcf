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
};

QTEST_GUILESS_MAIN(TestImportRepository)
#include "tst_importrepository.moc"
