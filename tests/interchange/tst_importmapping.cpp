#include "interchange/csvreader.h"
#include "interchange/importfile.h"
#include "interchange/importrecord.h"
#include "interchange/vcardreader.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Presets recognised from real headers (Google Contacts current and older, Outlook desktop, outlook.com,
// Google's Outlook CSV, Rapport's own), rows mapped to the profile they will be stored as, problems in words
// with row and line, vCards mapped, and mappings saved as named presets.
class TestImportMapping final : public QObject
{
    Q_OBJECT

    static QList<QStringList> rows(const QByteArray &csv)
    {
        QByteArray copy = csv;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QList<QStringList> result;
        while (auto row = reader.next()) {
            if (!row->has_value())
                break;
            result.append(**row);
        }
        return result;
    }

private slots:
    // ImportFile::Reader hands a file over in chunks of at most the size asked, with the same records (rows,
    // lines, values) as reading it whole, for CSV and vCard; maxRecords stops it (the wizard's first look), and
    // an error in the middle of the file comes with the chunk that reaches it.
    void readerInChunks()
    {
        QTemporaryDir dir;
        QByteArray csv = "Name,E-mail 1 - Value,Organization 1 - Name\n";
        QByteArray vcf;
        for (int i = 0; i < 23; ++i) {
            const QByteArray n = QByteArray::number(i);
            csv += "Person " + n + ",p" + n + "@x.example,\"Outlet\n" + n + "\"\n"; // a line break in a field
            vcf += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person " + n + "\r\nEMAIL:p" + n + "@x.example\r\nEND:VCARD\r\n";
        }
        for (const auto &[name, bytes] : { std::pair { u"people.csv"_s, csv }, std::pair { u"people.vcf"_s, vcf } }) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
            file.close();
            auto whole = ImportFile::read(file.fileName(), {});
            QVERIFY2(whole.ok(), qPrintable(whole.ok() ? QString() : whole.error().message));
            QCOMPARE(whole->records.size(), 23);

            ImportFile::Reader reader(file.fileName(), {});
            QVERIFY(reader.open().ok());
            QCOMPARE(reader.contents().records.size(), 0);
            QList<ImportRecord> chunked;
            int chunks = 0;
            while (true) {
                auto chunk = reader.next(5);
                QVERIFY(chunk.ok());
                if (chunk->isEmpty())
                    break;
                QVERIFY(chunk->size() <= 5);
                ++chunks;
                chunked += *chunk;
            }
            QCOMPARE(chunks, 5);
            QVERIFY(reader.atEnd());
            QCOMPARE(reader.recordsRead(), 23);
            QCOMPARE(reader.bytesRead(), reader.totalBytes());
            QCOMPARE(chunked.size(), whole->records.size());
            for (qsizetype i = 0; i < chunked.size(); ++i) {
                QCOMPARE(chunked.at(i).row, whole->records.at(i).row);
                QCOMPARE(chunked.at(i).line, whole->records.at(i).line);
                QCOMPARE(chunked.at(i).contact.displayName, whole->records.at(i).contact.displayName);
                QCOMPARE(chunked.at(i).contact.emails, whole->records.at(i).contact.emails);
                QCOMPARE(chunked.at(i).contact.organizationName, whole->records.at(i).contact.organizationName);
            }
            QCOMPARE(reader.contents().description, whole->description);

            ImportFile::Options first;
            first.maxRecords = 7;
            ImportFile::Reader look(file.fileName(), first);
            QVERIFY(look.open().ok());
            QCOMPARE(look.next(5)->size(), 5);
            QCOMPARE(look.next(5)->size(), 2);
            QCOMPARE(look.next(5)->size(), 0);
            QVERIFY(!look.contents().complete);
        }

        // An unbalanced quote on line 10: the first chunk is fine, the one that reaches it is the error.
        QFile bad(dir.filePath(u"bad.csv"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("name,email\n");
        for (int i = 0; i < 8; ++i)
            bad.write("P" + QByteArray::number(i) + ",p" + QByteArray::number(i) + "@x.example\n");
        bad.write("Q,\"open\nR,r@x.example\n");
        bad.close();
        ImportFile::Reader reader(bad.fileName(), {});
        QVERIFY(reader.open().ok());
        QCOMPARE(reader.next(5)->size(), 5);
        auto broken = reader.next(5);
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message.contains(u"Line 10"_s), qPrintable(broken.error().message));
    }

    void googleCurrent()
    {
        const QList<QStringList> csv = rows(
            "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,Organization Name,Organization "
            "Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - "
            "Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - City,Address 1 - "
            "Country,Website 1 - Label,Website 1 - Value\r\n"
            "Anna,Maria,M\xC3\xBCller,,,,Tagesblatt,Redakteurin,,,\"Mag Kaffee,\nkeinen Tee\",,* myContacts ::: Tech "
            "::: Energie,* Work ::: Other,anna@tagesblatt.example ::: anna@old.example,Home,anna@home.example,Mobile,"
            "+49 170 1,Work,Berlin,Deutschland,Profile,tagesblatt.example/anna\r\n");
        QCOMPARE(ImportPresets::detect(csv.at(0)), u"google"_s);
        QCOMPARE(ImportPresets::describe(csv.at(0)), u"Google Contacts CSV"_s);
        const ColumnMapping mapping = ImportPresets::guess(csv.at(0));
        const ImportRecord r = ImportRecords::fromRow(mapping, csv.at(1), 1, 2);
        QCOMPARE(r.problems, QStringList());
        QCOMPARE(r.contact.firstName, u"Anna Maria"_s);
        QCOMPARE(r.contact.lastName, u"Müller"_s);
        QCOMPARE(r.contact.displayName, u"Anna Maria Müller"_s);
        QCOMPARE(r.contact.organizationName, u"Tagesblatt"_s);
        QCOMPARE(r.contact.title, u"Redakteurin"_s);
        QCOMPARE(r.contact.notes, u"Mag Kaffee,\nkeinen Tee"_s);
        QCOMPARE(r.contact.tags, (QStringList { u"Tech"_s, u"Energie"_s }));
        QCOMPARE(r.contact.emails,
            (QList<ContactEmail> { { u"work"_s, u"anna@tagesblatt.example"_s }, { u"other"_s, u"anna@old.example"_s },
                { u"home"_s, u"anna@home.example"_s } }));
        QCOMPARE(r.contact.phones, (QList<ContactPhone> { { u"mobile"_s, u"+49 170 1"_s } }));
        QCOMPARE(r.contact.city, u"Berlin"_s);
        QCOMPARE(r.contact.country, u"Deutschland"_s);
        QCOMPARE(r.contact.handles.value(0).network, u"website"_s);
        QCOMPARE(r.contact.handles.value(0).handle, u"https://tagesblatt.example/anna"_s);
    }

    void googleLegacy()
    {
        const QStringList header = (u"Name,Given Name,Additional Name,Family Name,Yomi Name,Notes,Group Membership,"
                                    u"E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - "
                                    u"Type,Organization 1 - Name,Organization 1 - Title"_s)
                                       .split(u',');
        QCOMPARE(ImportPresets::detect(header), u"google-legacy"_s);
        const QStringList row = (u"Ben Ortiz,Ben,,Ortiz,,,* My Contacts ::: Retail,* Home,ben@example.com,Work,+1 555,,"
                                 u"Daily Post,Editor"_s)
                                    .split(u',');
        const ImportRecord r = ImportRecords::fromRow(ImportPresets::guess(header), row, 3, 4);
        QCOMPARE(r.problems, QStringList());
        QCOMPARE(r.contact.displayName, u"Ben Ortiz"_s);
        QCOMPARE(r.contact.tags, QStringList { u"Retail"_s });
        QCOMPARE(r.contact.emails.value(0), (ContactEmail { u"home"_s, u"ben@example.com"_s }));
        QCOMPARE(r.contact.organizationName, u"Daily Post"_s);
        QCOMPARE(r.contact.title, u"Editor"_s);
    }

    void outlookVariants_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("variant");
        QTest::newRow("desktop") << u"Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
                                    u"Business Street,Business City,Business Country/Region,Business Phone,Home Phone,"
                                    u"Mobile Phone,Categories,E-mail Address,E-mail Type,E-mail Display Name,Notes,Web "
                                    u"Page"_s
                                 << u"Outlook (desktop export)"_s;
        QTest::newRow("outlook.com") << u"First Name,Middle Name,Last Name,Title,Suffix,Nickname,E-mail Address,"
                                        u"E-mail 2 Address,Home Phone,Business Phone,Mobile Phone,Job Title,Department,"
                                        u"Company,Business City,Business Country/Region,Web Page,Notes,Categories"_s
                                     << u"Outlook.com export"_s;
        QTest::newRow("google's outlook csv")
            << u"First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,"
               u"Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,Mobile Phone,Business Phone,"
               u"Company,Job Title,Business City,Business Country/Region,Categories"_s
            << u"Outlook CSV written by Google Contacts"_s;
    }

    void outlookVariants()
    {
        QFETCH(QString, header);
        QFETCH(QString, variant);
        const QStringList columns = header.split(u',');
        QCOMPARE(ImportPresets::detect(columns), u"outlook"_s);
        QCOMPARE(ImportPresets::describe(columns), variant);
        QStringList row(columns.size());
        auto set
            = [&](const char *column, const QString &value) { row[columns.indexOf(QLatin1String(column))] = value; };
        set("Title", u"Dr."_s);
        set("First Name", u"Chloé"_s);
        set("Last Name", u"Martin"_s);
        set("Job Title", u"Rédactrice"_s);
        set("Company", u"Le Quotidien"_s);
        set("E-mail Address", u"chloe@quotidien.example"_s);
        set("Mobile Phone", u"+33 6 1"_s);
        set("Categories", u"Tech;Santé"_s);
        const ImportRecord r = ImportRecords::fromRow(ImportPresets::guess(columns), row, 1, 2);
        QCOMPARE(r.problems, QStringList());
        QCOMPARE(r.contact.displayName, u"Chloé Martin"_s); // the name prefix is not part of the name
        QCOMPARE(r.contact.title, u"Rédactrice"_s); // Job Title, not Outlook's "Title"
        QCOMPARE(r.contact.organizationName, u"Le Quotidien"_s);
        QCOMPARE(r.contact.emails.value(0), (ContactEmail { u"work"_s, u"chloe@quotidien.example"_s }));
        QCOMPARE(r.contact.phones.value(0), (ContactPhone { u"mobile"_s, u"+33 6 1"_s }));
        QCOMPARE(r.contact.tags, (QStringList { u"Tech"_s, u"Santé"_s }));
    }

    void rapportAndGuessedColumns()
    {
        const QStringList own { u"display_name"_s, u"first_name"_s, u"last_name"_s, u"kind"_s, u"email"_s,
            u"handle:mastodon"_s, u"beats"_s, u"reach"_s, u"do_not_contact"_s, u"owner"_s };
        QCOMPARE(ImportPresets::detect(own), u"rapport"_s);
        const ImportRecord r = ImportRecords::fromRow(ImportPresets::guess(own),
            { u"Zoë Lind"_s, u"Zoë"_s, u"Lind"_s, u"Editor"_s, u"zoe@example.se"_s, u"@zoe@social.example"_s,
                u"climate, energy"_s, u"12.5k"_s, u"yes"_s, u"sam"_s },
            1, 2);
        QCOMPARE(r.problems, QStringList());
        QCOMPARE(r.contact.kind, u"editor"_s);
        QCOMPARE(r.contact.handles.value(0).normalized, u"zoe@social.example"_s);
        QCOMPARE(r.contact.beats, (QStringList { u"climate"_s, u"energy"_s }));
        QCOMPARE(r.contact.reach, 12500);
        QVERIFY(r.contact.doNotContact);
        QCOMPARE(r.ownerName, u"sam"_s);

        // A spreadsheet of one's own, in German.
        const QStringList german { u"Vorname"_s, u"Nachname"_s, u"E-Mail"_s, u"Firma"_s, u"Ressort"_s, u"Spalte X"_s };
        QCOMPARE(ImportPresets::detect(german), QString());
        const ColumnMapping m = ImportPresets::guess(german);
        QCOMPARE(m.targets.at(0).field, ImportField::FirstName);
        QCOMPARE(m.targets.at(2).field, ImportField::Email);
        QCOMPARE(m.targets.at(3).field, ImportField::Organization);
        QCOMPARE(m.targets.at(4).field, ImportField::Beats);
        QCOMPARE(m.targets.at(5).field, ImportField::Ignore);
    }

    void problemsInWords_data()
    {
        QTest::addColumn<QStringList>("row");
        QTest::addColumn<QString>("problem");
        QTest::newRow("invalid email") << QStringList { u"A"_s, u"not-an-email"_s, u""_s, u""_s }
                                       << u"Row 7 (line 9): “not-an-email” is not a valid email address."_s;
        QTest::newRow("missing name") << QStringList { u""_s, u"a@b.example"_s, u""_s, u""_s }
                                      << u"Row 7 (line 9): no name."_s;
        QTest::newRow("unknown kind") << QStringList { u"A"_s, u""_s, u"astronaut"_s, u""_s }
                                      << u"Row 7 (line 9): unknown kind “astronaut” (use journalist, editor, blogger, "
                                         u"influencer, analyst, client contact, customer or other)."_s;
        QTest::newRow("reach") << QStringList { u"A"_s, u""_s, u""_s, u"lots"_s }
                               << u"Row 7 (line 9): the reach “lots” is not a number."_s;
    }

    void problemsInWords()
    {
        QFETCH(QStringList, row);
        QFETCH(QString, problem);
        const ColumnMapping m = ImportPresets::mapping(QString(), { u"name"_s, u"email"_s, u"kind"_s, u"reach"_s });
        ImportRecord r = ImportRecords::fromRow(m, row, 7, 9);
        QCOMPARE(r.problems, QStringList { problem });
        // Fixed in place: the problem goes.
        r.parseProblems.clear();
        r.contact.displayName = u"Fixed"_s;
        r.contact.emails.clear();
        r.revalidate();
        QCOMPARE(r.problems, QStringList());
    }

    void vcardToRecord()
    {
        const QByteArray vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lind;Zoë;;;\r\nFN:Zoë Lind\r\nORG:Dagbladet;Klimat\r\n"
                               "TITLE:Reporter\r\nEMAIL;TYPE=INTERNET;TYPE=WORK:zoe@work.example\r\n"
                               "item1.EMAIL;TYPE=INTERNET;TYPE=pref:zoe@home.example\r\nitem1.X-ABLabel:Newsletter\r\n"
                               "TEL;TYPE=CELL:+46 70 1\r\nURL:https://zoe.example\r\n"
                               "X-SOCIALPROFILE;type=mastodon:https://social.example/@zoe\r\n"
                               "X-SOCIALPROFILE;type=twitter:https://twitter.com/zoelind\r\n"
                               "ADR;TYPE=WORK:;;Storgatan 1;Stockholm;;;Sverige\r\nCATEGORIES:Klimat,Energi\r\n"
                               "X-RAPPORT-KIND:editor\r\nX-RAPPORT-BEATS:climate,energy\r\nX-RAPPORT-REACH:40000\r\n"
                               "NOTE:Line one\\nLine two\r\nEND:VCARD\r\n";
        auto cards = VCardReader::readAll(vcf);
        QVERIFY(cards.ok());
        const ImportRecord r = ImportRecords::fromVCard(cards->first(), 1);
        QCOMPARE(r.problems, QStringList());
        QCOMPARE(r.line, 1);
        QCOMPARE(r.contact.displayName, u"Zoë Lind"_s);
        QCOMPARE(r.contact.organizationName, u"Dagbladet"_s);
        QCOMPARE(r.contact.emails.value(0), (ContactEmail { u"newsletter"_s, u"zoe@home.example"_s })); // pref first
        QCOMPARE(r.contact.emails.value(1), (ContactEmail { u"work"_s, u"zoe@work.example"_s }));
        QCOMPARE(r.contact.phones.value(0), (ContactPhone { u"mobile"_s, u"+46 70 1"_s }));
        QCOMPARE(r.contact.city, u"Stockholm"_s);
        QCOMPARE(r.contact.country, u"Sverige"_s);
        QCOMPARE(r.contact.kind, u"editor"_s);
        QCOMPARE(r.contact.beats, (QStringList { u"climate"_s, u"energy"_s }));
        QCOMPARE(r.contact.reach, 40000);
        QCOMPARE(r.contact.tags, (QStringList { u"Klimat"_s, u"Energi"_s }));
        QCOMPARE(r.contact.notes, u"Line one\nLine two"_s);
        QStringList handles;
        for (const Handle &h : r.contact.handles)
            handles.append(h.network + u'=' + h.normalized);
        QCOMPARE(handles,
            (QStringList { u"website=https://zoe.example"_s, u"mastodon=zoe@social.example"_s, u"x=zoelind"_s }));
    }

    void savedPresets()
    {
        QTemporaryDir dir;
        qputenv("RAPPORT_IMPORT_PRESETS_DIR", dir.path().toUtf8());
        const QStringList header { u"Who"_s, u"Mail"_s, u"Paper"_s };
        ColumnMapping m = ImportPresets::mapping(QString(), header);
        m.targets[0] = { ImportField::DisplayName, QString(), 0 };
        m.targets[2] = { ImportField::Organization, QString(), 0 };
        QVERIFY(ImportPresets::save(u"Agency list"_s, m).ok());
        QCOMPARE(ImportPresets::savedNames(), QStringList { u"Agency list"_s });
        // Applied by column name to a file with the columns in another order.
        auto loaded = ImportPresets::load(u"Agency list"_s, { u"Paper"_s, u"Who"_s, u"Mail"_s, u"Extra"_s });
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->preset, u"Agency list"_s);
        QCOMPARE(loaded->targets.at(0).field, ImportField::Organization);
        QCOMPARE(loaded->targets.at(1).field, ImportField::DisplayName);
        QCOMPARE(loaded->targets.at(2).field, ImportField::Email);
        QCOMPARE(loaded->targets.at(3).field, ImportField::Ignore);
        QCOMPARE(ImportPresets::load(u"google"_s, header)->preset, u"google"_s);
        QVERIFY(!ImportPresets::load(u"nothing"_s, header).ok());
        const auto bad = ColumnMapping::fromJson(
            QJsonDocument::fromJson(R"({"columns":[{"column":"Who","field":"shoe size"}]})").object(), header);
        QCOMPARE(bad.error().message, u"The mapping names an unknown field “shoe size” for the column “Who”."_s);
        qunsetenv("RAPPORT_IMPORT_PRESETS_DIR");
    }
};

QTEST_GUILESS_MAIN(TestImportMapping)
#include "tst_importmapping.moc"
