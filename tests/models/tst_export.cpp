#include "demo/demogenerator.h"
#include "interchange/exportfile.h"
#include "interchange/importfile.h"
#include "privacyfixture.h"
#include "storage/contactrepository.h"
#include "storage/exportrepository.h"
#include "storage/importrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <unistd.h>

using namespace Qt::StringLiterals;

// ExportRepository on both backends. The round trip: every contact of the small demo exported as vCard 4.0, as
// vCard 3.0 and as Rapport CSV, imported into an empty database with the import of issue 13, gives back the
// same profiles field by field. The JSON of one person holds everything about them and nothing of others; the
// whole database's JSON holds every table. A full disk leaves no half file.
class TestExport final : public QObject
{
    Q_OBJECT

    static QString tempFile(const QString &name) { return TestDatabase::tempDir() + u'/' + name; }

    static QList<qint64> idsInOrder(Database &db)
    {
        QSqlQuery q(db.connection());
        q.exec(u"SELECT id FROM contacts WHERE deleted_at IS NULL ORDER BY id"_s);
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        return ids;
    }

    static QHash<qint64, QString> users(Database &db)
    {
        QHash<qint64, QString> names;
        QSqlQuery q(db.connection());
        q.exec(u"SELECT id, name FROM users"_s);
        while (q.next())
            names.insert(q.value(0).toLongLong(), q.value(1).toString());
        return names;
    }

    static QStringList sorted(QStringList list)
    {
        std::sort(list.begin(), list.end());
        return list;
    }

    // Every field the import reads, of one contact, as text (the owner by name).
    static QStringList profile(const Contact &c, const QHash<qint64, QString> &owners)
    {
        QStringList emails, phones, handles;
        for (const ContactEmail &e : c.emails)
            emails.append(e.label + u'=' + e.email);
        for (const ContactPhone &p : c.phones)
            phones.append(p.label + u'=' + p.phone);
        for (const Handle &h : c.handles)
            handles.append(h.network + u'=' + h.normalized);
        return { u"first: "_s + c.firstName, u"last: "_s + c.lastName, u"name: "_s + c.displayName,
            u"title: "_s + c.title, u"outlet: "_s + c.organizationName, u"kind: "_s + c.kind,
            u"emails: "_s + emails.join(u", "_s), u"phones: "_s + phones.join(u", "_s),
            u"handles: "_s + sorted(handles).join(u", "_s), u"beats: "_s + sorted(c.beats).join(u", "_s),
            u"tags: "_s + sorted(c.tags).join(u", "_s), u"city: "_s + c.city, u"country: "_s + c.country,
            u"tz: "_s + c.timeZone, u"reach: "_s + QString::number(c.reach), u"notes: "_s + c.notes.trimmed(),
            u"dnc: "_s + (c.doNotContact ? u"yes"_s : u"no"_s), u"consent: "_s + c.consentBasis,
            u"owner: "_s + owners.value(c.ownerId) };
    }

private slots:
    void roundTripOfTheSmallDemo_data()
    {
        TestDatabase::addBackends();
    }
    void roundTripOfTheSmallDemo()
    {
        OPEN_TEST_DATABASE(source);
        DemoGenerator::Options demo;
        demo.anchor = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        QVERIFY(DemoGenerator::generate(*source, demo).ok());
        ExportRepository exporter(*source);
        const Result<QList<qint64>> ids = exporter.allContactIds();
        QVERIFY(ids.ok());
        QVERIFY(ids->size() > 50);
        const Result<QList<Contact>> originals = ContactRepository(*source).getMany(*ids);
        QVERIFY(originals.ok());
        QCOMPARE(originals->size(), ids->size());
        const QHash<qint64, QString> sourceUsers = users(*source);
        const Result<QList<User>> userList = UserRepository(*source).all();
        QVERIFY(userList.ok());

        struct Case
        {
            QString name;
            ContactExportOptions options;
        };
        const QList<Case> cases = {
            { u"people-4.vcf"_s, { ExportFormat::VCard, CsvLayout::Rapport, VCardWriter::Version::V40 } },
            { u"people-3.vcf"_s, { ExportFormat::VCard, CsvLayout::Rapport, VCardWriter::Version::V30 } },
            { u"people.csv"_s, { ExportFormat::Csv, CsvLayout::Rapport, VCardWriter::Version::V40 } },
        };
        for (const Case &c : cases) {
            const QString path = tempFile(QString::fromLatin1(QTest::currentDataTag()) + c.name);
            qint64 written = 0;
            const Status s = ExportFile::write(path, [&](QIODevice &out) -> Status {
                Result<qint64> n = exporter.writeContacts(*ids, c.options, out);
                if (!n)
                    return n.error();
                written = *n;
                return {};
            });
            QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
            QCOMPARE(written, ids->size());

            // Into an empty database that knows the same account managers.
            auto targetOpened = TestDatabase::create(QString::fromLatin1(QTest::currentDataTag()));
            QVERIFY(targetOpened.ok());
            Database &target = **targetOpened;
            for (const User &u : *userList)
                QVERIFY(UserRepository(target).ensureUser(u.login, u.name).ok());
            Result<ImportFile::Contents> contents = ImportFile::read(path, {});
            QVERIFY2(contents.ok(), contents.ok() ? "" : qPrintable(contents.error().message));
            if (c.options.format == ExportFormat::Csv)
                QCOMPARE(contents->mapping.preset, u"rapport"_s);
            QCOMPARE(contents->records.size(), ids->size());
            for (const ImportRecord &r : contents->records)
                QVERIFY2(!r.hasProblems(), qPrintable(c.name + u": "_s + r.problems.join(u'\n')));
            ImportRequest request;
            request.fileName = c.name;
            request.format = ImportFile::formatKey(contents->format);
            request.records = contents->records;
            request.onDuplicate = DuplicateAction::Create; // the demo's likely duplicates are two people
            Result<ImportSummary> summary = ImportRepository(target).run(request);
            QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().message));
            QCOMPARE(summary->created, ids->size());

            // The import created them in file order, so ids ascending follow the export's order.
            const Result<QList<Contact>> imported = ContactRepository(target).getMany(idsInOrder(target));
            QVERIFY(imported.ok());
            QCOMPARE(imported->size(), originals->size());
            const QHash<qint64, QString> targetUsers = users(target);
            for (qsizetype i = 0; i < originals->size(); ++i) {
                const QStringList want = profile(originals->at(i), sourceUsers);
                const QStringList got = profile(imported->at(i), targetUsers);
                for (qsizetype f = 0; f < want.size(); ++f)
                    QVERIFY2(want.at(f) == got.at(f),
                        qPrintable(u"%1, contact %2: %3 became %4"_s.arg(c.name, originals->at(i).displayName,
                            want.at(f), got.at(f))));
            }
        }
    }

    void personJsonHoldsEverythingAndNothingOfOthers_data() { TestDatabase::addBackends(); }
    void personJsonHoldsEverythingAndNothingOfOthers()
    {
        OPEN_TEST_DATABASE(db);
        const PrivacyFixture::Ids ids = PrivacyFixture::create(*db);
        QByteArray bytes;
        {
            const QString path = tempFile(u"person-"_s + QString::fromLatin1(QTest::currentDataTag()) + u".json"_s);
            const Status s = ExportFile::write(path, [&](QIODevice &out) { return ExportRepository(*db).writePerson(ids.x, out); });
            QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            bytes = f.readAll();
        }
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(bytes, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(json.value(u"format"_s).toString(), u"rapport-person"_s);
        const QJsonObject contact = json.value(u"contact"_s).toObject();
        QCOMPARE(contact.value(u"display_name"_s).toString(), PrivacyFixture::kXName);
        QVERIFY(contact.value(u"created_at"_s).toString().endsWith(u'Z')); // times as ISO 8601, UTC
        QVERIFY(!contact.contains(u"search_vector"_s));
        QCOMPARE(json.value(u"emails"_s).toArray().first().toObject().value(u"email"_s).toString(), PrivacyFixture::kXEmail);
        QCOMPARE(json.value(u"phones"_s).toArray().size(), 1);
        QCOMPARE(json.value(u"handles"_s).toArray().size(), 1);
        QCOMPARE(json.value(u"tags"_s).toArray(), QJsonArray { u"vip"_s });
        QCOMPARE(json.value(u"beats"_s).toArray(), QJsonArray { u"consumer tech"_s });
        QCOMPARE(json.value(u"interactions"_s).toArray().size(), 1);
        QVERIFY(json.value(u"interactions"_s).toArray().first().toObject().value(u"body"_s).toString().contains(
            PrivacyFixture::kXWord));
        QCOMPARE(json.value(u"pitches"_s).toArray().size(), 1);
        QCOMPARE(json.value(u"pitches"_s).toArray().first().toObject().value(u"campaign_name"_s).toString(),
            u"Lantern Launch"_s);
        QCOMPARE(json.value(u"pitch_moves"_s).toArray().size(), 1);
        QCOMPARE(json.value(u"coverage"_s).toArray().size(), 1);
        QCOMPARE(json.value(u"follow_ups"_s).toArray().size(), 1);
        QCOMPARE(json.value(u"media_lists"_s).toArray().size(), 1);
        QCOMPARE(json.value(u"engagement_events"_s).toArray().size(), 1);
        QCOMPARE(json.value(u"import_records"_s).toArray().size(), 1);
        // create + update of the contact, the interaction, the pitch and the follow-up.
        QCOMPARE(json.value(u"audit_log"_s).toArray().size(), 5);
        // Nothing of the other person.
        for (const QString &other : { PrivacyFixture::kYName, PrivacyFixture::kYEmail, PrivacyFixture::kYWord,
                 u"@yo@social.example"_s, u"Review y"_s, u"List y"_s })
            QVERIFY2(!bytes.contains(other.toUtf8()), qPrintable(other));
    }

    void databaseJsonHoldsEveryTable_data() { TestDatabase::addBackends(); }
    void databaseJsonHoldsEveryTable()
    {
        OPEN_TEST_DATABASE(db);
        PrivacyFixture::create(*db);
        const QString path = tempFile(u"all-"_s + QString::fromLatin1(QTest::currentDataTag()) + u".json"_s);
        const Status s = ExportFile::write(path, [&](QIODevice &out) { return ExportRepository(*db).writeDatabase(out); });
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(f.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject tables = json.value(u"tables"_s).toObject();
        QCOMPARE(tables.value(u"contacts"_s).toArray().size(), 2);
        QCOMPARE(tables.value(u"interactions"_s).toArray().size(), 4);
        QCOMPARE(tables.value(u"pitches"_s).toArray().size(), 2);
        QVERIFY(tables.contains(u"audit_log"_s));
        QVERIFY(tables.contains(u"rapport_schema"_s));
        for (const QString &table : tables.keys())
            QVERIFY2(!table.contains(u"fts"_s) && !table.contains(u"prefix"_s), qPrintable(table));
        for (const QJsonValue &row : tables.value(u"contacts"_s).toArray())
            QVERIFY(!row.toObject().contains(u"search_vector"_s) && !row.toObject().contains(u"search_prefixes"_s));
        QVERIFY(json.value(u"schema_version"_s).toInt() >= 9);
    }

    void fullDiskLeavesNoHalfFile()
    {
        if (geteuid() != 0)
            QSKIP("mounting a tmpfs needs root");
        QTemporaryDir dir;
        QProcess mount;
        mount.start(u"mount"_s, { u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=64k"_s, u"tmpfs"_s, dir.path() });
        if (!mount.waitForFinished(10000) || mount.exitCode() != 0)
            QSKIP("cannot mount a tmpfs here");
        auto unmount = qScopeGuard([&] { QProcess::execute(u"umount"_s, { u"-l"_s, dir.path() }); });
        auto opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened.ok());
        DemoGenerator::Options demo;
        demo.anchor = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        QVERIFY(DemoGenerator::generate(**opened, demo).ok());
        ExportRepository exporter(**opened);
        const QList<qint64> ids = *exporter.allContactIds();
        const QString path = dir.path() + u"/people.vcf"_s;
        const Status s = ExportFile::write(path, [&](QIODevice &out) -> Status {
            Result<qint64> n = exporter.writeContacts(ids, {}, out);
            return n ? Status() : Status(n.error());
        });
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.startsWith(u"Could not write people.vcf:"_s), qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(u"space"_s), qPrintable(s.error().message));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
