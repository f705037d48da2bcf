// The German translation: complete, placeholders intact, and really used by the binary and the layers below it.
#include "domain/contact.h"
#include "domain/validation.h"

#include <QCoreApplication>
#include <QFile>
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

Run rapport(const QStringList &args)
{
    QProcess p;
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

QList<Message> readTs(const QString &path, QString *error)
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
            if (xml.name() == u"name")
                context = xml.readElementText();
            else if (xml.name() == u"message") {
                current = Message { context, {}, {}, {} };
                numerus = xml.attributes().value(QLatin1String("numerus")) == u"yes";
            }
            else if (xml.name() == u"numerusform")
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

QString tsPath()
{
    return qEnvironmentVariable("RAPPORT_SOURCE_DIR") + QStringLiteral("/translations/rapport_de.ts");
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void tsFileIsComplete()
    {
        QVERIFY2(qEnvironmentVariableIsSet("RAPPORT_SOURCE_DIR"), "RAPPORT_SOURCE_DIR is set by rapport_add_test");
        QString error;
        const QList<Message> messages = readTs(tsPath(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(tsPath() + u": " + error));
        QVERIFY2(messages.size() > 100, qPrintable(QString::number(messages.size())));

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
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        // Strings of every layer were extracted, including the Tr::tr() helpers of models/ and app/.
        for (const char *context : { "MainWindow", "ContactsView", "ContactListModel", "Database", "Migrator",
                 "Validation", "Commands", "CommandLine", "DemoGenerator" })
            QVERIFY2(contexts.contains(QLatin1String(context)), context);
    }

    void helpIsGerman()
    {
        const Run r = rapport({ QStringLiteral("--lang"), QStringLiteral("de"), QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Ohne Befehl öffnet sich das Rapport-Fenster.")), qPrintable(r.out));
        QVERIFY2(r.out.startsWith(QStringLiteral("Aufruf: rapport")), qPrintable(r.out));
    }

    void errorsAreGerman()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(QStringLiteral("missing.sqlite"));
        const Run r = rapport({ QStringLiteral("--lang"), QStringLiteral("de"), QStringLiteral("--db"), missing,
            QStringLiteral("stats") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Unter %1 gibt es keine Datenbank.").arg(missing)), qPrintable(r.err));
        QVERIFY(!QFile::exists(missing));

        const Run usage = rapport({ QStringLiteral("--lang"), QStringLiteral("de"), QStringLiteral("search") });
        QCOMPARE(usage.exitCode, 2);
        QVERIFY2(usage.err.contains(QStringLiteral("search erwartet eine SUCHE.")), qPrintable(usage.err));
        QVERIFY2(usage.err.contains(QStringLiteral("„rapport --help“")), qPrintable(usage.err));
    }

    void englishStaysTheDefault()
    {
        const Run r = rapport({ QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: rapport")), qPrintable(r.out));
    }

    void modelsUseTheCompiledTranslation()
    {
        // The .qm built from rapport_de.ts, loaded in-process: a message of the models layer comes out German.
        QTranslator translator;
        QVERIFY2(translator.load(QStringLiteral(RAPPORT_QM_DE)), RAPPORT_QM_DE);
        QVERIFY(QCoreApplication::installTranslator(&translator));
        Contact nameless;
        const Status s = Validation::validateContact(nameless);
        QCoreApplication::removeTranslator(&translator);
        QVERIFY(!s);
        QCOMPARE(s.error().message, QStringLiteral("Ein Kontakt braucht einen Namen."));
    }

    // English needs plural forms too: "1 contact", not "1 contact(s)".
    void englishPluralForms()
    {
        QTranslator translator;
        QVERIFY2(translator.load(QStringLiteral(RAPPORT_QM_EN)), RAPPORT_QM_EN);
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QString one = QCoreApplication::translate("BulkActions", "Move %n contact(s) to the trash", nullptr, 1);
        const QString many = QCoreApplication::translate("BulkActions", "Move %n contact(s) to the trash", nullptr, 3);
        const QString person = QCoreApplication::translate(
            "OrganizationsView",
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
        const QList<Message> en = readTs(qEnvironmentVariable("RAPPORT_SOURCE_DIR") + QStringLiteral("/translations/rapport_en.ts"), &error);
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
