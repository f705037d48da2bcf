// Screenshots of a campaign's Content and Coverage tabs for looking at them (issue 11), not a test: opens the
// tabs on a database, picks the campaign with the most coverage (or --campaign ID), shows the Content tab with
// its first item, its History page, and the Coverage tab, and saves each as a PNG. --qm loads a compiled
// translation (lrelease translations/rapport_de.ts -qm /tmp/rapport_de.qm) for the German look. Run under Xvfb:
//
//   xvfb-run -a -s "-screen 0 1400x900x24" ./build/dev/tests/ui/shoot_campaign_content --db /tmp/small.sqlite --out /tmp/shots [--qm /tmp/rapport_de.qm]
#include "campaigns/contenttab.h"
#include "campaigns/coveragetab.h"
#include "storage/database.h"
#include "storage/userrepository.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLocale>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <QUndoStack>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("db"), QStringLiteral("SQLite file."), QStringLiteral("path") });
    parser.addOption({ QStringLiteral("out"), QStringLiteral("Folder for the PNGs."), QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("qm"), QStringLiteral("A compiled translation."), QStringLiteral("file") });
    parser.addOption({ QStringLiteral("campaign"), QStringLiteral("Campaign id."), QStringLiteral("id") });
    parser.addOption({ QStringLiteral("prefix"), QStringLiteral("File name prefix."), QStringLiteral("text") });
    parser.process(app);
    QTranslator translator;
    if (parser.isSet(QStringLiteral("qm")) && translator.load(parser.value(QStringLiteral("qm")))) {
        QCoreApplication::installTranslator(&translator);
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    }
    auto db = Database::open(DatabaseLocation::sqlite(parser.value(QStringLiteral("db"))), Database::OpenFlag::None);
    if (!db) {
        qCritical("%s", qPrintable(db.error().message));
        return 1;
    }
    (void)UserRepository(**db).ensureUser(
        UserRepository::systemLogin(), UserRepository::systemLogin()); // a name for the shots only
    qint64 campaign = parser.value(QStringLiteral("campaign")).toLongLong();
    if (campaign <= 0) {
        QSqlQuery q((*db)->connection());
        if (q.exec(QStringLiteral("SELECT campaign_id FROM coverage WHERE deleted_at IS NULL GROUP BY campaign_id "
                                  "ORDER BY count(*) DESC, campaign_id LIMIT 1"))
            && q.next())
            campaign = q.value(0).toLongLong();
    }
    const QDir out(parser.value(QStringLiteral("out")));
    QDir().mkpath(out.path());
    const QString prefix = parser.value(QStringLiteral("prefix"));
    QUndoStack stack;
    QTabWidget tabs;
    auto *content = new ContentTab(**db, &stack);
    auto *coverage = new CoverageTab(**db, &stack);
    tabs.addTab(content, content->title());
    tabs.addTab(coverage, coverage->title());
    tabs.resize(1400, 860);
    tabs.show();
    QElapsedTimer t;
    t.start();
    content->setCampaign(campaign);
    qInfo("content tab opened campaign %lld in %lld ms", campaign, t.elapsed());
    QTest::qWait(300);
    tabs.grab().save(out.filePath(prefix + QStringLiteral("content.png")));
    if (auto *pages = content->findChild<QTabWidget *>(QStringLiteral("contentPagesTabWidget"))) {
        pages->setCurrentIndex(1);
        QTest::qWait(200);
        tabs.grab().save(out.filePath(prefix + QStringLiteral("content-history.png")));
        pages->setCurrentIndex(0);
    }
    tabs.setCurrentIndex(1);
    t.restart();
    coverage->setCampaign(campaign);
    qInfo("coverage tab opened campaign %lld in %lld ms", campaign, t.elapsed());
    QTest::qWait(300);
    tabs.grab().save(out.filePath(prefix + QStringLiteral("coverage.png")));
    return 0;
}
