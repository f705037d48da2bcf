// The German, French and Spanish translations: complete, placeholders intact, and really used by the binary, the
// layers below it and Qt's own dialogs; dates and numbers follow the chosen language.
#include "domain/campaignstatus.h"
#include "domain/contact.h"
#include "domain/naturaldate.h"
#include "domain/validation.h"
#include "translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run rapport(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RAPPORT_BINARY), args);
    p.closeWriteChannel();
    if (!p.waitForFinished(60'000))
        return {};
    return Run { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

struct Message
{
    QString context;
    QString source;
    QStringList translations; // one, or one per plural form (numerusform)
    QString type; // "" when finished; "unfinished", "obsolete", "vanished" otherwise
};

QList<Message> readTs(const QString &path, QString *error, QString *language = nullptr)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QString context;
    Message current;
    bool numerus = false;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == u"TS" && language)
                *language = xml.attributes().value(QLatin1String("language")).toString();
            else if (xml.name() == u"name")
                context = xml.readElementText();
            else if (xml.name() == u"message") {
                current = Message { context, {}, {}, {} };
                numerus = xml.attributes().value(QLatin1String("numerus")) == u"yes";
            } else if (xml.name() == u"numerusform")
                current.translations << xml.readElementText();
            else if (xml.name() == u"source")
                current.source = xml.readElementText();
            else if (xml.name() == u"translation") {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                // A plural message holds <numerusform> children instead, read one by one above.
                if (!numerus)
                    current.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            messages << current;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(%L?\d+)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    return found;
}

// HTML tags (<b>, </p>, <h3>) in the order they appear; "<%2>" or "URL < file" are not tags.
QStringList tags(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(</?[A-Za-z][A-Za-z0-9]*)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    return found;
}

QString tsPath(const QString &lang = QStringLiteral("de"))
{
    return qEnvironmentVariable("RAPPORT_SOURCE_DIR") + QStringLiteral("/translations/rapport_%1.ts").arg(lang);
}

// What the command line prints for the same thing in every language (a French no-break space before ":" and inside
// guillemets, as French typography wants).
QString tryHelp(const QString &lang)
{
    if (lang == u"de")
        return QStringLiteral("„rapport --help“");
    if (lang == u"fr")
        return QStringLiteral("«\u00a0rapport --help\u00a0»");
    return QStringLiteral("«rapport --help»");
}

QProcessEnvironment systemLanguage(const QString &lang)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "LC_ALL", "LC_MESSAGES", "LANGUAGE" })
        env.remove(QLatin1String(name));
    env.insert(QStringLiteral("LANG"), lang);
    return env;
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void tsFileIsComplete_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("language");
        QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("de_DE");
        QTest::newRow("French") << QStringLiteral("fr") << QStringLiteral("fr_FR");
        QTest::newRow("Spanish") << QStringLiteral("es") << QStringLiteral("es_ES");
    }

    // Every message of every language is finished, keeps its placeholders, lines, accelerators and HTML tags, and
    // a plural message has the two forms French, Spanish and German use (French: 0 and 1 singular).
    void tsFileIsComplete()
    {
        QFETCH(QString, lang);
        QFETCH(QString, language);
        QVERIFY2(qEnvironmentVariableIsSet("RAPPORT_SOURCE_DIR"), "RAPPORT_SOURCE_DIR is set by rapport_add_test");
        QString error;
        QString declared;
        const QList<Message> messages = readTs(tsPath(lang), &error, &declared);
        QVERIFY2(error.isEmpty(), qPrintable(tsPath(lang) + u": " + error));
        QCOMPARE(declared, language);
        QVERIFY2(messages.size() > 100, qPrintable(QString::number(messages.size())));
        // The same messages as the German file, which every helper keeps complete: lupdate updates all three.
        if (lang != u"de") {
            const QList<Message> german = readTs(tsPath(), &error);
            QSet<QString> keys;
            for (const Message &m : german)
                keys << m.context + u'|' + m.source;
            for (const Message &m : messages)
                keys.remove(m.context + u'|' + m.source);
            QVERIFY2(keys.isEmpty(),
                qPrintable(u"missing from rapport_" + lang + u".ts (run update_translations): "
                    + QStringList(keys.cbegin(), keys.cend()).join(u'\n')));
        }

        QStringList problems;
        QSet<QString> contexts;
        for (const Message &m : messages) {
            contexts << m.context;
            const QString where = m.context + u": \"" + m.source.left(60) + u'"';
            if (!m.type.isEmpty())
                problems << where + u" is " + m.type;
            else if (m.translations.isEmpty())
                problems << where + u" has no translation";
            for (const QString &translation : m.translations) {
                if (!m.type.isEmpty())
                    break;
                if (translation.trimmed().isEmpty())
                    problems << where + u" has an empty translation";
                else if (placeholders(m.source) != placeholders(translation))
                    problems << where + u" changes the placeholders";
                else if (m.source.count(u'\n') != translation.count(u'\n'))
                    problems << where + u" changes the number of lines";
                else if (m.source.count(u'&') != translation.count(u'&'))
                    problems << where + u" loses or adds a keyboard accelerator";
                else if (tags(m.source) != tags(translation))
                    problems << where + u" changes the HTML tags";
            }
            if (m.type.isEmpty() && m.translations.size() > 1 && m.translations.size() != 2)
                problems << where + u" has " + QString::number(m.translations.size()) + u" plural forms, not 2";
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        // Strings of every layer were extracted, including the Tr::tr() helpers of models/ and app/.
        for (const char *context : { "MainWindow", "ContactsView", "ContactListModel", "Database", "Migrator",
                 "Validation", "Commands", "CommandLine", "DemoGenerator" })
            QVERIFY2(contexts.contains(QLatin1String(context)), context);
    }

    void helpIsTranslated_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("usage");
        QTest::addColumn<QString>("window");
        QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("Aufruf: rapport")
                                << QStringLiteral("Ohne Befehl öffnet sich das Rapport-Fenster.");
        QTest::newRow("French") << QStringLiteral("fr") << QStringLiteral("Usage\u00a0: rapport")
                                << QStringLiteral("Sans commande, ouvre la fenêtre de Rapport.");
        QTest::newRow("Spanish") << QStringLiteral("es") << QStringLiteral("Uso: rapport")
                                 << QStringLiteral("Sin un comando, abre la ventana de Rapport.");
    }

    void helpIsTranslated()
    {
        QFETCH(QString, lang);
        QFETCH(QString, usage);
        QFETCH(QString, window);
        const Run r = rapport({ QStringLiteral("--lang"), lang, QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(window), qPrintable(r.out));
        QVERIFY2(r.out.startsWith(usage), qPrintable(r.out));
    }

    // Without --lang, the system locale (LANG) chooses the language.
    void systemLocaleSelectsTheLanguage_data() { helpIsTranslated_data(); }

    void systemLocaleSelectsTheLanguage()
    {
        QFETCH(QString, lang);
        QFETCH(QString, usage);
        const Run r = rapport({ QStringLiteral("--help") }, systemLanguage(lang + u'_' + lang.toUpper() + u".UTF-8"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(usage), qPrintable(r.out));
    }

    void errorsAreTranslated_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("noDatabase");
        QTest::addColumn<QString>("noQuery");
        QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("Unter %1 gibt es keine Datenbank.")
                                << QStringLiteral("search erwartet eine SUCHE.");
        QTest::newRow("French") << QStringLiteral("fr")
                                << QStringLiteral("Il n'y a pas de base de données à l'emplacement %1.")
                                << QStringLiteral("search attend une RECHERCHE.");
        QTest::newRow("Spanish") << QStringLiteral("es") << QStringLiteral("No hay ninguna base de datos en %1.")
                                 << QStringLiteral("search necesita una CONSULTA.");
    }

    void errorsAreTranslated()
    {
        QFETCH(QString, lang);
        QFETCH(QString, noDatabase);
        QFETCH(QString, noQuery);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(QStringLiteral("missing.sqlite"));
        const Run r
            = rapport({ QStringLiteral("--lang"), lang, QStringLiteral("--db"), missing, QStringLiteral("stats") });
        QCOMPARE(r.exitCode, 1);
        // A message of models/ (Database), printed by the command line.
        QVERIFY2(r.err.contains(noDatabase.arg(missing)), qPrintable(r.err));
        QVERIFY(!QFile::exists(missing));

        const Run usage = rapport({ QStringLiteral("--lang"), lang, QStringLiteral("search") });
        QCOMPARE(usage.exitCode, 2);
        QVERIFY2(usage.err.contains(noQuery), qPrintable(usage.err));
        QVERIFY2(usage.err.contains(tryHelp(lang)), qPrintable(usage.err));
    }

    // Counts and dates the command line prints are written the way the chosen language writes them
    // ("2 000" and 07/12/2026 in French, "2.000" and 7/12/26 in Spanish, "2.000" and 07.12.26 in German).
    void numbersAndDatesFollowTheLanguage_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::newRow("German") << QStringLiteral("de");
        QTest::newRow("French") << QStringLiteral("fr");
        QTest::newRow("Spanish") << QStringLiteral("es");
    }

    void numbersAndDatesFollowTheLanguage()
    {
        QFETCH(QString, lang);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString db = dir.filePath(QStringLiteral("demo.sqlite"));
        const Run demo
            = rapport({ QStringLiteral("--lang"), lang, QStringLiteral("--db"), db, QStringLiteral("demo") });
        QCOMPARE(demo.exitCode, 0);
        const QLocale locale(lang);

        const Run json = rapport({ QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json") });
        QCOMPARE(json.exitCode, 0);
        const QJsonObject stats = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const qint64 interactions
            = stats.value(QLatin1String("rows")).toObject().value(QLatin1String("interactions")).toInteger();
        QVERIFY2(interactions >= 1000, qPrintable(json.out)); // big enough to need a thousands separator
        const Run text
            = rapport({ QStringLiteral("--lang"), lang, QStringLiteral("--db"), db, QStringLiteral("stats") });
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(locale.toString(interactions)), qPrintable(text.out));

        const Run hits = rapport({ QStringLiteral("--db"), db, QStringLiteral("search"), QStringLiteral("launch"),
            QStringLiteral("--json") });
        QCOMPARE(hits.exitCode, 0);
        const QJsonArray conversations
            = QJsonDocument::fromJson(hits.out.toUtf8()).object().value(QLatin1String("interactions")).toArray();
        QVERIFY2(!conversations.isEmpty(), qPrintable(hits.out));
        const QDateTime when = QDateTime::fromString(
            conversations.first().toObject().value(QLatin1String("occurred_at")).toString(), Qt::ISODateWithMs);
        QVERIFY(when.isValid());
        const Run search = rapport({ QStringLiteral("--lang"), lang, QStringLiteral("--db"), db,
            QStringLiteral("search"), QStringLiteral("launch") });
        QCOMPARE(search.exitCode, 0);
        QVERIFY2(search.out.contains(locale.toString(when.toLocalTime().date(), QLocale::ShortFormat)),
            qPrintable(search.out));
    }

    void englishStaysTheDefault()
    {
        const Run r = rapport({ QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: rapport")), qPrintable(r.out));
    }

    void modelsUseTheCompiledTranslation_data()
    {
        QTest::addColumn<QString>("qm");
        QTest::addColumn<QString>("nameless");
        QTest::addColumn<QString>("tomorrowAtTen");
        QTest::addColumn<QString>("completed");
        QTest::newRow("German") << QStringLiteral(RAPPORT_QM_DE) << QStringLiteral("Ein Kontakt braucht einen Namen.")
                                << QStringLiteral("morgen um 10:00") << QStringLiteral("Abgeschlossen");
        QTest::newRow("French") << QStringLiteral(RAPPORT_QM_FR) << QStringLiteral("Un contact doit avoir un nom.")
                                << QStringLiteral("demain à 10:00") << QStringLiteral("Terminée");
        QTest::newRow("Spanish") << QStringLiteral(RAPPORT_QM_ES) << QStringLiteral("Un contacto necesita un nombre.")
                                 << QStringLiteral("mañana a las 10:00") << QStringLiteral("Finalizada");
    }

    // The .qm built from the .ts, loaded in-process: messages of the models layer come out translated, and the
    // dates a user types in that language are understood.
    void modelsUseTheCompiledTranslation()
    {
        QFETCH(QString, qm);
        QFETCH(QString, nameless);
        QFETCH(QString, tomorrowAtTen);
        QFETCH(QString, completed);
        QTranslator translator;
        QVERIFY2(translator.load(qm), qPrintable(qm));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        Contact contact;
        const Status s = Validation::validateContact(contact);
        const QDateTime now(QDate(2026, 12, 7), QTime(8, 0));
        const std::optional<QDateTime> parsed = NaturalDate::parse(tomorrowAtTen, now);
        // A stored key shown through its table (the campaign list showed "completed" in every language).
        const QString status = CampaignStatus::label(QStringLiteral("completed"));
        QCoreApplication::removeTranslator(&translator);
        QVERIFY(!s);
        QCOMPARE(s.error().message, nameless);
        QVERIFY2(parsed.has_value(), qPrintable(tomorrowAtTen));
        QCOMPARE(*parsed, QDateTime(QDate(2026, 12, 8), QTime(10, 0)));
        QCOMPARE(status, completed);
    }

    void qtTranslationsAreLoaded_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("cancel");
        QTest::addColumn<QLocale::Language>("language");
        QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("Abbrechen") << QLocale::German;
        QTest::newRow("French") << QStringLiteral("fr") << QStringLiteral("Annuler") << QLocale::French;
        QTest::newRow("Spanish") << QStringLiteral("es") << QStringLiteral("Cancelar") << QLocale::Spanish;
    }

    // What main() installs for --lang: Qt's own translations (the standard buttons of every dialog) from
    // qt6-translations-l10n, and the language as the default locale for dates and numbers.
    void qtTranslationsAreLoaded()
    {
        QFETCH(QString, lang);
        QFETCH(QString, cancel);
        QFETCH(QLocale::Language, language);
        const QLocale before;
        const QList<QTranslator *> installed = Translations::install(*QCoreApplication::instance(), lang);
        const QString button = QCoreApplication::translate("QPlatformTheme", "Cancel");
        const QLocale::Language now = QLocale().language();
        for (QTranslator *t : installed) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        QLocale::setDefault(before);
        QCOMPARE(button, cancel);
        QCOMPARE(now, language);
    }

    // English needs plural forms too: "1 contact", not "1 contact(s)".
    void englishPluralForms()
    {
        QTranslator translator;
        QVERIFY2(translator.load(QStringLiteral(RAPPORT_QM_EN)), RAPPORT_QM_EN);
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QString one = QCoreApplication::translate("BulkActions", "Move %n contact(s) to the trash", nullptr, 1);
        const QString many = QCoreApplication::translate("BulkActions", "Move %n contact(s) to the trash", nullptr, 3);
        const QString person = QCoreApplication::translate("OrganizationsView",
            "%n people work at “%1”. They keep their other details and show no organization while it is in the "
            "trash. Move it to the trash?",
            nullptr, 1);
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(one, QStringLiteral("Move 1 contact to the trash"));
        QCOMPARE(many, QStringLiteral("Move 3 contacts to the trash"));
        QVERIFY2(person.startsWith(QStringLiteral("1 person works at")), qPrintable(person));
    }

    // Every plural message of the German file has its English forms in rapport_en.ts.
    void englishCoversEveryPluralMessage()
    {
        QString error;
        const QList<Message> de = readTs(tsPath(), &error);
        const QList<Message> en = readTs(
            qEnvironmentVariable("RAPPORT_SOURCE_DIR") + QStringLiteral("/translations/rapport_en.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> english;
        for (const Message &m : en) {
            QCOMPARE(m.translations.size(), 2);
            english << m.context + u'|' + m.source;
        }
        QStringList missing;
        for (const Message &m : de)
            if (m.translations.size() > 1 && !english.contains(m.context + u'|' + m.source))
                missing << m.context + u": " + m.source;
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
