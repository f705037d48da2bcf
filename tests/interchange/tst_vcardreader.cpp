#include "interchange/vcardreader.h"

#include <QBuffer>
#include <QTest>

using namespace Qt::StringLiterals;

// VCardReader over the variants real address books write (Apple 3.0, Google 3.0, Outlook 2.1, Android 2.1,
// RFC 6350 4.0) and the odd corners of RFC 2426, RFC 6350 and the vCard 2.1 specification; bad files refused
// with the line named.
class TestVCardReader final : public QObject
{
    Q_OBJECT

    static QList<VCard::Card> cards(const QByteArray &bytes)
    {
        auto result = VCardReader::readAll(bytes);
        if (!result.ok())
            qWarning() << result.error().message;
        return result.ok() ? *result : QList<VCard::Card>();
    }

    static QString error(const QByteArray &bytes, VCardReader::Options options = VCardReader::Options())
    {
        auto result = VCardReader::readAll(bytes, options);
        return result.ok() ? QString() : result.error().message;
    }

private slots:
    void apple30()
    {
        const QByteArray input = "BEGIN:VCARD\r\n"
                                 "VERSION:3.0\r\n"
                                 "PRODID:-//Apple Inc.//macOS 14.0//EN\r\n"
                                 "N:Müller;Anna;Maria;Dr.;\r\n"
                                 "FN:Dr. Anna Maria Müller\r\n"
                                 "ORG:Tagesblatt;Wirtschaft\r\n"
                                 "TITLE:Redakteurin\r\n"
                                 "EMAIL;type=INTERNET;type=WORK;type=pref:anna@tagesblatt.example\r\n"
                                 "TEL;type=CELL;type=VOICE;type=pref:+49 170 1234567\r\n"
                                 "item1.URL;type=pref:https://tagesblatt.example/anna\r\n"
                                 "item1.X-ABLabel:_$!<HomePage>!$_\r\n"
                                 "item2.EMAIL;type=INTERNET:anna@private.example\r\n"
                                 "item2.X-ABLabel:Newsletter\r\n"
                                 "X-SOCIALPROFILE;type=twitter:https://twitter.com/annam\r\n"
                                 "X-SOCIALPROFILE;type=mastodon;x-user=anna:https://social.example/@anna\r\n"
                                 "NOTE:Mag Kaffee\\, keinen Tee\\nZweite Zeile\r\n"
                                 "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\n"
                                 " AAAQABAAD/2w==\r\n"
                                 "END:VCARD\r\n";
        const QList<VCard::Card> read = cards(input);
        QCOMPARE(read.size(), 1);
        const VCard::Card &card = read.first();
        QCOMPARE(card.version, QStringLiteral("3.0"));
        QCOMPARE(card.firstLine, 1);
        QCOMPARE(card.first(u"N")->components(),
            (QStringList { QStringLiteral("Müller"), u"Anna"_s, u"Maria"_s, u"Dr."_s, u""_s }));
        QCOMPARE(card.first(u"ORG")->components(), (QStringList { u"Tagesblatt"_s, u"Wirtschaft"_s }));
        const QList<VCard::Property> emails = card.all(u"EMAIL");
        QCOMPARE(emails.size(), 2);
        QCOMPARE(emails.at(0).types(), QStringList { u"work"_s });
        QVERIFY(emails.at(0).isPreferred());
        QVERIFY(!emails.at(1).isPreferred());
        QCOMPARE(card.groupLabel(emails.at(1)), QStringLiteral("Newsletter"));
        QCOMPARE(card.groupLabel(*card.first(u"URL")), QStringLiteral("HomePage"));
        QCOMPARE(card.first(u"TEL")->types(), (QStringList { u"cell"_s, u"voice"_s }));
        const QList<VCard::Property> social = card.all(u"X-SOCIALPROFILE");
        QCOMPARE(social.at(1).types(), QStringList { u"mastodon"_s });
        QCOMPARE(social.at(1).parameterValues(u"x-user"), QStringList { u"anna"_s });
        QCOMPARE(card.first(u"NOTE")->text(), QStringLiteral("Mag Kaffee, keinen Tee\nZweite Zeile"));
        const VCard::Property *photo = card.first(u"PHOTO");
        QCOMPARE(photo->mediaType, QStringLiteral("image/jpeg"));
        QCOMPARE(photo->data, QByteArray::fromBase64("/9j/4AAQSkZJRgABAQAAAQABAAD/2w=="));
        QVERIFY(photo->value.isEmpty());
        QCOMPARE(photo->line, 17);
    }

    void outlook21QuotedPrintable()
    {
        // Outlook's 2.1: bare parameters, QUOTED-PRINTABLE with CHARSET and soft line breaks (the continuation
        // starts without whitespace), a BASE64 photo folded with indented lines and ended by a blank line.
        const QByteArray input
            = "BEGIN:VCARD\r\n"
              "VERSION:2.1\r\n"
              "N;LANGUAGE=de;CHARSET=Windows-1252:M\xFCller;J\xFCrgen\r\n"
              "FN;CHARSET=Windows-1252:J\xFCrgen M\xFCller\r\n"
              "TEL;WORK;VOICE:+49 30 123\r\n"
              "TEL;CELL;PREF:+49 171 999\r\n"
              "EMAIL;PREF;INTERNET:juergen@example.com\r\n"
              "ADR;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:;;Hauptstra=DFe 1;Berlin;;10115;=\r\n"
              "Deutschland\r\n"
              "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Erste Zeile=0D=0AZweite Zeile mit =C3=\r\n"
              "=BC und =3D\r\n"
              "PHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n"
              "    /9j/4AAQSkZJRgABAQ\r\n"
              "    AAAQABAAD/2w==\r\n"
              "\r\n"
              "END:VCARD\r\n";
        const QList<VCard::Card> read = cards(input);
        QCOMPARE(read.size(), 1);
        const VCard::Card &card = read.first();
        QCOMPARE(card.version, QStringLiteral("2.1"));
        QCOMPARE(card.first(u"N")->components(), (QStringList { QStringLiteral("Müller"), QStringLiteral("Jürgen") }));
        const QList<VCard::Property> tels = card.all(u"TEL");
        QCOMPARE(tels.at(0).types(), (QStringList { u"work"_s, u"voice"_s }));
        QVERIFY(!tels.at(0).isPreferred());
        QCOMPARE(tels.at(1).types(), QStringList { u"cell"_s });
        QVERIFY(tels.at(1).isPreferred());
        QVERIFY(card.first(u"EMAIL")->isPreferred());
        QCOMPARE(card.first(u"ADR")->components(),
            (QStringList {
                u""_s, u""_s, QStringLiteral("Hauptstraße 1"), u"Berlin"_s, u""_s, u"10115"_s, u"Deutschland"_s }));
        QCOMPARE(card.first(u"NOTE")->text(), QStringLiteral("Erste Zeile\r\nZweite Zeile mit ü und ="));
        QCOMPARE(card.first(u"PHOTO")->data, QByteArray::fromBase64("/9j/4AAQSkZJRgABAQAAAQABAAD/2w=="));
    }

    void android21()
    {
        const QByteArray input = "BEGIN:VCARD\n"
                                 "VERSION:2.1\n"
                                 "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96zt=C3=BCrk;Ay=C5=9Fe;;;\n"
                                 "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ay=C5=9Fe =C3=96zt=C3=BCrk\n"
                                 "TEL;CELL:+90 555 000\n"
                                 "TEL;X-Redaktion:+90 212 000\n"
                                 "EMAIL;HOME:ayse@example.org\n"
                                 "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Ayşe;1;;;;;;;;;;;;;\n"
                                 "END:VCARD\n";
        const QList<VCard::Card> read = cards(input);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.first().first(u"FN")->text(), QStringLiteral("Ayşe Öztürk"));
        QCOMPARE(read.first().all(u"TEL").at(1).types(), QStringList { u"x-redaktion"_s });
    }

    void google30()
    {
        const QByteArray input = "BEGIN:VCARD\nVERSION:3.0\nFN:Ben Ortiz\nN:Ortiz;Ben;;;\n"
                                 "EMAIL;TYPE=INTERNET;TYPE=WORK:ben@outlet.example\n"
                                 "item1.EMAIL;TYPE=INTERNET:ben.o@example.com\nitem1.X-ABLabel:Substack\n"
                                 "CATEGORIES:myContacts,Tech Press\nEND:VCARD\n"
                                 "BEGIN:VCARD\nVERSION:3.0\nFN:Second\nEND:VCARD\n";
        const QList<VCard::Card> read = cards(input);
        QCOMPARE(read.size(), 2);
        QCOMPARE(read.first().first(u"CATEGORIES")->listValues(), (QStringList { u"myContacts"_s, u"Tech Press"_s }));
        QCOMPARE(read.first().groupLabel(read.first().all(u"EMAIL").at(1)), QStringLiteral("Substack"));
        QCOMPARE(read.at(1).firstLine, 10);
    }

    void rfc6350()
    {
        // 4.0: PREF=n, TYPE lists in quotes, IMPP, a data: URI photo, folding that splits a UTF-8 word, and an
        // RFC 6868 escape in a parameter.
        const QByteArray input = "BEGIN:VCARD\r\n"
                                 "VERSION:4.0\r\n"
                                 "FN:Zoë Lind\r\n"
                                 "N:Lind;Zoë;;;\r\n"
                                 "KIND:individual\r\n"
                                 "EMAIL;PREF=2;TYPE=work:zoe@work.example\r\n"
                                 "EMAIL;PREF=1;TYPE=\"home,x-newsletter\":zoe@home.example\r\n"
                                 "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+46-70-123\r\n"
                                 "IMPP;PREF=1:xmpp:zoe@jabber.example\r\n"
                                 "ADR;LABEL=\"Storgatan 1\\n^'Hus B^'\";TYPE=work:;;Storgatan 1;Stockholm;;;Sverige\r\n"
                                 "NOTE:Skriver om klimat och ener\r\n"
                                 " gi\\; ibland om Zo\xC3\r\n"
                                 " \xAB.\r\n"
                                 "PHOTO:data:image/png;base64,iVBORw0KGgo=\r\n"
                                 "END:VCARD\r\n";
        const QList<VCard::Card> read = cards(input);
        QCOMPARE(read.size(), 1);
        const VCard::Card &card = read.first();
        const QList<VCard::Property> emails = card.all(u"EMAIL");
        QCOMPARE(emails.at(0).preference(), 2);
        QCOMPARE(emails.at(1).preference(), 1);
        QCOMPARE(emails.at(1).types(), (QStringList { u"home"_s, u"x-newsletter"_s }));
        QCOMPARE(card.first(u"TEL")->types(), (QStringList { u"voice"_s, u"cell"_s }));
        QCOMPARE(card.first(u"IMPP")->text(), QStringLiteral("xmpp:zoe@jabber.example"));
        QCOMPARE(card.first(u"ADR")->parameterValues(u"LABEL"), QStringList { u"Storgatan 1\\n\"Hus B\""_s });
        QCOMPARE(card.first(u"NOTE")->text(), QStringLiteral("Skriver om klimat och energi; ibland om Zoë."));
        QCOMPARE(card.first(u"PHOTO")->mediaType, QStringLiteral("image/png"));
        QCOMPARE(card.first(u"PHOTO")->data, QByteArray::fromBase64("iVBORw0KGgo="));
    }

    void escapes()
    {
        QCOMPARE(VCard::unescape(u"a\\,b\\;c\\nd\\\\e\\Nf"), QStringLiteral("a,b;c\nd\\e\nf"));
        QCOMPARE(VCard::unescape(u"C:\\Users\\x"), QStringLiteral("C:\\Users\\x")); // not escapes: kept
        QCOMPARE(VCard::escape(QStringLiteral("a,b;c\nd\\")), QStringLiteral("a\\,b\\;c\\nd\\\\"));
        const VCard::Property p
            = VCard::Property::fromComponents(QStringLiteral("n"), { u"O;Brien"_s, u"Pat"_s, u""_s });
        QCOMPARE(p.name, QStringLiteral("N"));
        QCOMPARE(p.value, QStringLiteral("O\\;Brien;Pat;"));
        QCOMPARE(p.components(), (QStringList { u"O;Brien"_s, u"Pat"_s, u""_s }));
        QCOMPARE(VCard::splitEscaped(u"a\\;b;c", u';'), (QStringList { u"a\\;b"_s, u"c"_s }));
    }

    void versionTwoOneKeepsFoldingWhitespace()
    {
        // vCard 2.1 folds before whitespace and keeps it; 3.0 and 4.0 drop the one character.
        const QByteArray v21 = "BEGIN:VCARD\nVERSION:2.1\nNOTE:one\n two\nEND:VCARD\n";
        const QByteArray v30 = "BEGIN:VCARD\nVERSION:3.0\nNOTE:one\n two\nEND:VCARD\n";
        QCOMPARE(cards(v21).value(0).first(u"NOTE")->text(), QStringLiteral("one two"));
        QCOMPARE(cards(v30).value(0).first(u"NOTE")->text(), QStringLiteral("onetwo"));
    }

    void agentCardIsSkipped()
    {
        const QByteArray input = "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Assistant\n"
                                 "END:VCARD\nTEL:123\nEND:VCARD\n";
        const QList<VCard::Card> read = cards(input);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.first().all(u"FN").size(), 1);
        QCOMPARE(read.first().first(u"TEL")->text(), QStringLiteral("123"));
    }

    void oversizedPhotoIsLeftOutWithAWarning()
    {
        VCardReader::Options options;
        options.maxBinaryBytes = 1024;
        const QByteArray photo = QByteArray(4096, 'A').toBase64();
        const QByteArray input = "BEGIN:VCARD\nVERSION:3.0\nFN:Big\nPHOTO;ENCODING=b;TYPE=JPEG:" + photo
            + "\nEMAIL:big@example.com\nEND:VCARD\n";
        auto read = VCardReader::readAll(input, options);
        QVERIFY(read.ok());
        const VCard::Card &card = read->first();
        QCOMPARE(card.first(u"PHOTO"), nullptr);
        QCOMPARE(card.first(u"EMAIL")->text(), QStringLiteral("big@example.com"));
        QCOMPARE(card.warnings.size(), 1);
        QVERIFY2(card.warnings.first().startsWith(QStringLiteral("Line 4: the PHOTO property is larger than")),
            qPrintable(card.warnings.first()));
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << u"The file is empty."_s;
        QTest::newRow("missing END at the end")
            << QByteArray("BEGIN:VCARD\nVERSION:3.0\nFN:A\n") << u"The card that begins on line 1 has no END:VCARD"_s;
        QTest::newRow("missing END before the next card")
            << QByteArray("BEGIN:VCARD\nVERSION:3.0\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n")
            << u"The card that begins on line 1 has no END:VCARD before the next card begins on line 4"_s;
        QTest::newRow("not a vCard") << QByteArray("name,email\nA,a@b.c\n") << u"Line 1 is not part of a vCard"_s;
        QTest::newRow("text after a card")
            << QByteArray("BEGIN:VCARD\nFN:A\nEND:VCARD\ngarbage:x\n") << u"Line 4 is not part of a vCard"_s;
    }

    void badFiles()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        const QString text = error(input);
        QVERIFY2(text.startsWith(message), qPrintable(text));
    }

    void utf16File()
    {
        const QString text = QStringLiteral("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Łukasz\r\nEND:VCARD\r\n");
        QByteArray bytes("\xFF\xFE");
        for (const QChar c : text)
            bytes.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        QVERIFY(VCardReader::looksLikeVCard(bytes));
        QCOMPARE(cards(bytes).value(0).first(u"FN")->text(), QStringLiteral("Łukasz"));
    }

    void streamsCardByCard()
    {
        QByteArray input;
        for (int i = 0; i < 2000; ++i)
            input += "BEGIN:VCARD\nVERSION:3.0\nFN:Person " + QByteArray::number(i) + "\nEND:VCARD\n";
        QBuffer buffer(&input);
        buffer.open(QIODevice::ReadOnly);
        VCardReader reader(&buffer);
        auto first = reader.next();
        QVERIFY(first.ok() && first->has_value());
        // Only the first block has been read for the first card, not the whole file.
        QVERIFY(reader.bytesRead() < input.size());
        int count = 1;
        while (auto card = reader.next()) {
            if (!card->has_value())
                break;
            ++count;
        }
        QCOMPARE(count, 2000);
    }
};

QTEST_GUILESS_MAIN(TestVCardReader)
#include "tst_vcardreader.moc"
