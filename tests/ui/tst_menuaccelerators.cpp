// Every menu's accelerators (the underlined letters) are distinct, in English and in each translation: two
// items with one letter make the key only select the first, and File → Connect to &Team Database… once took
// Res&tore From Backup…'s T that way. Loads the .qm files the build made for the rapport executable.
#include "mainwindow.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeySequence>
#include <QMap>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

namespace {

// "File: T for “Connect to &Team Database…” and “Res&tore From Backup…”" for each clash in `menu`.
void collectClashes(QMenu *menu, const QString &path, QStringList &problems)
{
    QMap<QString, QString> byKey;
    for (QAction *action : menu->actions()) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        if (action->menu())
            collectClashes(action->menu(), path + u" → " + action->text(), problems);
        const QString key = QKeySequence::mnemonic(action->text()).toString();
        if (key.isEmpty())
            continue;
        if (byKey.contains(key))
            problems << QStringLiteral("%1: %2 for “%3” and “%4”").arg(path, key, byKey.value(key), action->text());
        else
            byKey.insert(key, action->text());
    }
}

} // namespace

class TestMenuAccelerators final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void eachMenuHasDistinctAccelerators_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("backend");
        for (const char *language : { "en", "de", "fr", "es" })
            for (const char *backend : { "sqlite", "postgres" }) // the team database adds Use Local Database
                QTest::addRow("%s-%s", language, backend) << QString::fromLatin1(language)
                                                         << QString::fromLatin1(backend);
    }

    void eachMenuHasDistinctAccelerators()
    {
        QFETCH(QString, language);
        QFETCH(QString, backend);
        QTranslator translator;
        if (language != u"en") {
            QVERIFY(translator.load(QStringLiteral(RAPPORT_QM_DIR "/rapport_%1.qm").arg(language)));
            QCoreApplication::installTranslator(&translator);
        }
        Result<std::unique_ptr<Database>> db = TestDatabase::create(backend);
        if (!db) {
            QCoreApplication::removeTranslator(&translator);
            if (backend == u"sqlite" || TestDatabase::postgresRequired())
                QFAIL(qPrintable(db.error().message));
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        }
        QStringList problems;
        {
            MainWindow window(**db);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QMap<QString, QString> menus;
            for (QAction *top : window.menuBar()->actions()) {
                const QString key = QKeySequence::mnemonic(top->text()).toString();
                if (!key.isEmpty() && menus.contains(key))
                    problems << QStringLiteral("menu bar: %1 for “%2” and “%3”").arg(key, menus.value(key), top->text());
                menus.insert(key, top->text());
                if (top->menu())
                    collectClashes(top->menu(), top->text(), problems);
            }
        }
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
};

QTEST_MAIN(TestMenuAccelerators)
#include "tst_menuaccelerators.moc"
