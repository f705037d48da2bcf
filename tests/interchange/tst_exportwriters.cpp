#include "interchange/contentline.h"
#include "interchange/csvreader.h"
#include "interchange/csvwriter.h"
#include "interchange/icswriter.h"
#include "interchange/importrecord.h"
#include "interchange/vcardreader.h"
#include "interchange/vcardwriter.h"

#include <QBuffer>
#include <QTest>

using namespace Qt::StringLiterals;

// The writers of the export, each read back by the import's own readers: CSV quoting (RFC 4180) and the three
// column layouts the import recognises; vCard 4.0 and 3.0 (folding at 75 octets without splitting UTF-8,
// escapes, TYPE and PREF, X-SOCIALPROFILE); iCalendar follow-ups (CRLF, folding, escapes, a stable UID).
class TestExportWriters final : public QObject
{
    Q_OBJECT

    static Contact sample()
    {
        Contact c;
        c.firstName = u"Anna"_s;
        c.lastName = u"Müller-Łukasiewicz"_s;
        c.displayName = u"Dr. Anna Müller-Łukasiewicz"_s;
        c.title = u"Editor, \"Tech; Science\""_s;
        c.organizationName = u"Tagesblatt; Berlin, Edition"_s;
        c.kind = u"editor"_s;
        c.city = u"Berlin"_s;
        c.country = u"Germany"_s;
        c.timeZone = u"Europe/Berlin"_s;
        c.reach = 125000;
        c.notes = u"Line one, with a comma; and a semicolon\nLine two with a backslash \\ and ümläuts that go on "
                  "and on so the line has to be folded more than once by the writer, at 75 octets each"_s;
        c.doNotContact = true;
        c.consentBasis = u"legitimate interest"_s;
        c.emails = { { u"work"_s, u"anna@tagesblatt.example"_s }, { u"home"_s, u"anna@home.example"_s },
            { u"newsletter"_s, u"news@anna.example"_s } };
        c.phones = { { u"mobile"_s, u"+49 170 1234567"_s }, { u"work"_s, u"+49 30 555"_s } };
        c.handles = { { u"mastodon"_s, u"@anna@social.example"_s, QString() },
            { u"bluesky"_s, u"anna.bsky.social"_s, QString() }, { u"x"_s, u"annam"_s, QString() },
            { u"website"_s, u"https://anna.example/"_s, QString() } };
        c.beats = { u"consumer tech"_s, u"science"_s };
        c.tags = { u"press"_s, u"vip"_s };
        return c;
    }

    static ImportRecord readCsv(const QByteArray &bytes, QString *preset = nullptr)
    {
        QByteArray copy = bytes;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        auto header = reader.next();
        if (!header || !header->has_value())
            qFatal("no header");
        const ColumnMapping mapping = ImportPresets::guess(**header);
        if (preset)
            *preset = mapping.preset;
        auto fields = reader.next();
        if (!fields || !fields->has_value())
            qFatal("no row");
        return ImportRecords::fromRow(mapping, **fields, 1, reader.lineNumber());
    }

    static void checkLines(const QByteArray &bytes)
    {
        QVERIFY(bytes.endsWith("\r\n"));
        const QList<QByteArray> lines = bytes.chopped(1).split('\n');
        for (const QByteArray &line : lines) {
            QVERIFY2(line.endsWith('\r'), line.constData()); // CRLF, never a bare LF
            const QByteArray content = line.chopped(1);
            QVERIFY2(content.size() <= 75, content.constData());
            QVERIFY2(!content.contains('\r'), content.constData());
            // Each physical line is valid UTF-8 on its own: no sequence was cut.
            QVERIFY2(QString::fromUtf8(content).toUtf8() == content, content.constData());
        }
    }

private slots:
    void csvQuotesAsRfc4180()
    {
        QCOMPARE(Csv::field(u"plain"_s), u"plain"_s);
        QCOMPARE(Csv::field(u"a,b"_s), u"\"a,b\""_s);
        QCOMPARE(Csv::field(u"say \"hi\""_s), u"\"say \"\"hi\"\"\""_s);
        QCOMPARE(Csv::field(u"two\nlines"_s), u"\"two\nlines\""_s);
        QCOMPARE(Csv::field(u"cr\r"_s), u"\"cr\r\""_s);
        QCOMPARE(Csv::record({ u"a"_s, u"b,c"_s, QString() }), QByteArray("a,\"b,c\",\r\n"));
    }

    void csvLayoutsImportBack_data()
    {
        QTest::addColumn<int>("layout");
        QTest::addColumn<QString>("preset");
        QTest::newRow("rapport") << int(CsvLayout::Rapport) << u"rapport"_s;
        QTest::newRow("google") << int(CsvLayout::Google) << u"google"_s;
        QTest::newRow("outlook") << int(CsvLayout::Outlook) << u"outlook"_s;
    }
    void csvLayoutsImportBack()
    {
        QFETCH(int, layout);
        QFETCH(QString, preset);
        const ContactCsvWriter writer { CsvLayout(layout) };
        const Contact c = sample();
        const QByteArray bytes = writer.preamble() + writer.headerRecord() + writer.record(c, u"Mara Owner"_s);
        QCOMPARE(writer.header().size(), writer.fields(c, QString()).size());
        QString detected;
        const ImportRecord r = readCsv(bytes, &detected);
        QCOMPARE(detected, preset); // the import recognises the layout by its header
        QVERIFY2(!r.hasProblems(), qPrintable(r.problems.join(u'\n')));
        const Contact &back = r.contact;
        QCOMPARE(back.firstName, c.firstName);
        QCOMPARE(back.lastName, c.lastName);
        QCOMPARE(back.title, c.title);
        QCOMPARE(back.organizationName, c.organizationName);
        QCOMPARE(back.notes, c.notes);
        QCOMPARE(back.tags, c.tags);
        QCOMPARE(back.emails.first().email, c.emails.first().email);
        if (CsvLayout(layout) == CsvLayout::Outlook) {
            QCOMPARE(back.emails.size(), 3);
            QCOMPARE(back.phones.size(), 2);
            return; // Outlook has no email labels, beats, handles, kind or reach
        }
        QCOMPARE(back.emails, c.emails);
        QCOMPARE(back.phones, c.phones);
        QCOMPARE(back.city, c.city);
        QCOMPARE(back.country, c.country);
        if (CsvLayout(layout) == CsvLayout::Google)
            return;
        QCOMPARE(back.displayName, c.displayName);
        QCOMPARE(back.kind, c.kind);
        QCOMPARE(back.beats, c.beats);
        QCOMPARE(back.reach, c.reach);
        QCOMPARE(back.timeZone, c.timeZone);
        QCOMPARE(back.doNotContact, c.doNotContact);
        QCOMPARE(back.consentBasis, c.consentBasis);
        QCOMPARE(r.ownerName, u"Mara Owner"_s);
        QCOMPARE(back.handles.size(), c.handles.size());
    }

    void outlookHasByteOrderMark()
    {
        QVERIFY(ContactCsvWriter(CsvLayout::Outlook).preamble().startsWith("\xEF\xBB\xBF"));
        QVERIFY(ContactCsvWriter(CsvLayout::Rapport).preamble().isEmpty());
    }

    void foldsAt75OctetsWithoutSplittingUtf8()
    {
        // 'ü' is two octets: a cut at 75 would fall inside one of them.
        const QByteArray line = "NOTE:" + QString(u"ü"_s).repeated(100).toUtf8();
        const QByteArray folded = ContentLine::folded(line);
        checkLines(folded);
        QByteArray unfolded = folded;
        unfolded.replace("\r\n ", "");
        QCOMPARE(unfolded, line + "\r\n");
        QCOMPARE(ContentLine::folded("SHORT:x"), QByteArray("SHORT:x\r\n"));
    }

    void vcardRoundTrip_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("4.0") << int(VCardWriter::Version::V40);
        QTest::newRow("3.0") << int(VCardWriter::Version::V30);
    }
    void vcardRoundTrip()
    {
        QFETCH(int, version);
        const auto v = VCardWriter::Version(version);
        const Contact c = sample();
        const QByteArray bytes = VCardWriter::write(c, u"Mara Owner"_s, v);
        checkLines(bytes);
        QVERIFY(bytes.startsWith(QByteArray("BEGIN:VCARD\r\nVERSION:" + VCardWriter::versionKey(v).toLatin1() + "\r\n")));
        QVERIFY(bytes.endsWith("END:VCARD\r\n"));
        QByteArray unfolded = bytes;
        unfolded.replace("\r\n ", "");
        // Escapes and parameters as the RFCs write them.
        QVERIFY(unfolded.contains("ORG:Tagesblatt\\; Berlin\\, Edition\r\n"));
        QVERIFY(unfolded.contains("NOTE:Line one\\, with a comma\\; and a semicolon\\nLine two with a backslash \\\\ "));
        QVERIFY(unfolded.contains("X-SOCIALPROFILE;TYPE=mastodon:@anna@social.example\r\n"));
        QVERIFY(unfolded.contains("X-SOCIALPROFILE;TYPE=x;X-USER=annam:https://x.com/annam\r\n"));
        QVERIFY(unfolded.contains("item1.EMAIL"));
        QVERIFY(unfolded.contains("item1.X-ABLABEL:newsletter\r\n"));
        if (v == VCardWriter::Version::V40) {
            QVERIFY(unfolded.contains("EMAIL;TYPE=work;PREF=1:anna@tagesblatt.example\r\n"));
            QVERIFY(unfolded.contains("TEL;TYPE=cell;PREF=1:+49 170 1234567\r\n"));
            QVERIFY(unfolded.contains("TZ:Europe/Berlin\r\n"));
        } else {
            QVERIFY(unfolded.contains("EMAIL;TYPE=internet,work,pref:anna@tagesblatt.example\r\n"));
            QVERIFY(unfolded.contains("TEL;TYPE=cell,pref:+49 170 1234567\r\n"));
            QVERIFY(unfolded.contains("TZ;VALUE=text:Europe/Berlin\r\n"));
        }

        const auto cards = VCardReader::readAll(bytes);
        QVERIFY2(cards.ok(), cards.ok() ? "" : qPrintable(cards.error().message));
        QCOMPARE(cards->size(), 1);
        QCOMPARE(cards->first().version, VCardWriter::versionKey(v));
        const ImportRecord r = ImportRecords::fromVCard(cards->first(), 1);
        QVERIFY2(!r.hasProblems(), qPrintable(r.problems.join(u'\n')));
        const Contact &back = r.contact;
        QCOMPARE(back.firstName, c.firstName);
        QCOMPARE(back.lastName, c.lastName);
        QCOMPARE(back.displayName, c.displayName);
        QCOMPARE(back.title, c.title);
        QCOMPARE(back.organizationName, c.organizationName);
        QCOMPARE(back.kind, c.kind);
        QCOMPARE(back.notes, c.notes);
        QCOMPARE(back.emails, c.emails);
        QCOMPARE(back.phones, c.phones);
        QCOMPARE(back.city, c.city);
        QCOMPARE(back.country, c.country);
        QCOMPARE(back.timeZone, c.timeZone);
        QCOMPARE(back.reach, c.reach);
        QCOMPARE(back.beats, c.beats);
        QCOMPARE(back.tags, c.tags);
        QCOMPARE(back.doNotContact, c.doNotContact);
        QCOMPARE(back.consentBasis, c.consentBasis);
        QCOMPARE(r.ownerName, u"Mara Owner"_s);
        QCOMPARE(back.handles.size(), c.handles.size());
        for (const Handle &h : c.handles) {
            bool found = false;
            for (const Handle &b : back.handles)
                found = found || (b.network == h.network && b.handle == h.handle);
            QVERIFY2(found, qPrintable(h.network + u' ' + h.handle));
        }
    }

    void icsTodo()
    {
        FollowUp f;
        f.id = 42;
        f.contactName = u"Anna Müller; Tagesblatt"_s;
        f.note = u"Ask about the launch, the embargo;\nand the photos. "_s + QString(u"ö"_s).repeated(60);
        f.dueAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
        f.createdAt = QDateTime(QDate(2026, 2, 1), QTime(10, 30), Qt::UTC);
        f.updatedAt = QDateTime(QDate(2026, 2, 2), QTime(11, 0), Qt::UTC);
        const QByteArray ics = IcsWriter::begin() + IcsWriter::todo(f) + IcsWriter::end();
        checkLines(ics);
        QByteArray unfolded = ics;
        unfolded.replace("\r\n ", "");
        QVERIFY(unfolded.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        QVERIFY(unfolded.contains(QByteArray("BEGIN:VTODO\r\nUID:rapport-follow-up-42-"
            + QByteArray::number(f.createdAt.toMSecsSinceEpoch()) + "@rapport.invalid\r\n")));
        QVERIFY(unfolded.contains("DUE:20260301T090000Z\r\n"));
        QVERIFY(unfolded.contains("DTSTAMP:20260202T110000Z\r\n"));
        QVERIFY(unfolded.contains("STATUS:NEEDS-ACTION\r\n"));
        QVERIFY(unfolded.contains("SUMMARY:Follow up with Anna Müller\\; Tagesblatt\r\n"));
        QVERIFY(unfolded.contains("DESCRIPTION:Ask about the launch\\, the embargo\\;\\nand the photos. "));
        QVERIFY(unfolded.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"));
        QVERIFY(unfolded.contains("TRIGGER;RELATED=END:PT0S\r\nEND:VALARM\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"));

        // The UID stays when the follow-up changes (snoozed, note edited): a calendar updates its task.
        FollowUp later = f;
        later.dueAt = f.dueAt.addDays(7);
        later.note = u"Snoozed"_s;
        later.updatedAt = f.updatedAt.addDays(1);
        QCOMPARE(IcsWriter::uid(later), IcsWriter::uid(f));
        FollowUp other = f;
        other.id = 43;
        QVERIFY(IcsWriter::uid(other) != IcsWriter::uid(f));
        // Exporting the same follow-up again gives the same bytes.
        QCOMPARE(IcsWriter::todo(f), IcsWriter::todo(f));

        FollowUp done = f;
        done.doneAt = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC);
        const QByteArray completed = IcsWriter::todo(done);
        QVERIFY(completed.contains("STATUS:COMPLETED\r\nCOMPLETED:20260302T080000Z\r\n"));
        QVERIFY(!completed.contains("VALARM"));
    }
};

QTEST_GUILESS_MAIN(TestExportWriters)
#include "tst_exportwriters.moc"
