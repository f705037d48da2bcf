// The window says when it cannot read the database, instead of showing an empty list.
#include "mainwindow.h"
#include "testdatabase.h"

#include <QLabel>
#include <QStatusBar>
#include <QTest>

class TestMainWindowErrors final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("RapportTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowerrors"));
    }

    void failedFirstLoadIsShown()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        // Break the list's query the way an old or damaged database would.
        QVERIFY((*db)->exec(QStringLiteral("DROP INDEX contacts_live_sort_name"), QStringLiteral("test")).ok());
        QVERIFY((*db)->exec(QStringLiteral("ALTER TABLE contacts DROP COLUMN sort_name"), QStringLiteral("test")).ok());
        MainWindow window(**db);
        window.show();
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("sorting the contact list")));
    }
};

QTEST_MAIN(TestMainWindowErrors)
#include "tst_mainwindowerrors.moc"
