// The command palette (Ctrl+K): jump to a person, a section, or run a command by typing.
#include "contacts/contactsview.h"
#include "mainwindow.h"
#include "organizations/organizationeditor.h"
#include "organizations/organizationsview.h"
#include "palette/commandpalette.h"
#include "storage/organizationrepository.h"
#include "storage/contactrepository.h"
#include "testdatabase.h"

#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace {

qint64 addContact(Database &db, const QString &name, const QString &title)
{
    Contact c;
    c.displayName = name;
    c.title = title;
    return ContactRepository(db).create(c).ok() ? c.id : -1;
}

} // namespace

class TestCommandPalette final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("RapportTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_commandpalette"));
    }

    void matchScore()
    {
        QVERIFY(CommandPalette::matchScore(QStringLiteral("quit"), QStringLiteral("File › Quit")) >= 1000);
        QVERIFY(CommandPalette::matchScore(QStringLiteral("fq"), QStringLiteral("File › Quit")) > 0);
        QCOMPARE(CommandPalette::matchScore(QStringLiteral("qf"), QStringLiteral("File › Quit")), -1);
        // Word starts beat letters in the middle of words.
        QVERIFY(CommandPalette::matchScore(QStringLiteral("vo"), QStringLiteral("View › Organizations"))
                > CommandPalette::matchScore(QStringLiteral("vo"), QStringLiteral("Previous contact")));
        QVERIFY(CommandPalette::matchScore(QStringLiteral("ORGA"), QStringLiteral("Organizations")) > 0);
    }

    void jumpsToAContactByName()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        for (int i = 0; i < 30; ++i)
            QVERIFY(addContact(**db, QStringLiteral("Filler Person %1").arg(i), QString()) > 0);
        const qint64 amara = addContact(**db, QStringLiteral("Amara Okafor"), QStringLiteral("Tech Editor"));
        MainWindow window(**db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showSection(MainWindow::Section::Dashboard);

        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        auto *palette = window.findChild<CommandPalette *>(QStringLiteral("commandPaletteFrame"));
        QVERIFY(palette);
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->lineEdit(), QStringLiteral("amara ok"));
        QVERIFY(palette->resultList()->count() > 0);
        QVERIFY(palette->resultList()->currentItem()->text().startsWith(QStringLiteral("Amara Okafor")));
        QTest::keyClick(palette->lineEdit(), Qt::Key_Return);

        QVERIFY(!palette->isVisible());
        QCOMPARE(window.currentSection(), MainWindow::Section::Contacts);
        const QModelIndex current = window.contactsView()->tableView()->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.data(Qt::UserRole).toLongLong(), amara);
    }

    void jumpsToAnOrganization()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        Organization outlet;
        outlet.name = QStringLiteral("Retail Pulse Weekly");
        outlet.kind = QStringLiteral("magazine");
        QVERIFY(OrganizationRepository(**db).create(outlet).ok());
        MainWindow window(**db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showCommandPalette();
        auto *palette = window.findChild<CommandPalette *>(QStringLiteral("commandPaletteFrame"));
        QTest::keyClicks(palette->lineEdit(), QStringLiteral("retail pul"));
        QVERIFY(palette->resultList()->currentItem()->text().startsWith(QStringLiteral("Retail Pulse Weekly")));
        QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
        QCOMPARE(window.currentSection(), MainWindow::Section::Organizations);
        QTRY_COMPARE(window.organizationsView()->editor()->organizationId(), outlet.id);
    }

    void runsACommandAndShowsASection()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        MainWindow window(**db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        window.showCommandPalette();
        auto *palette = window.findChild<CommandPalette *>(QStringLiteral("commandPaletteFrame"));
        QVERIFY(palette);
        QTest::keyClicks(palette->lineEdit(), QStringLiteral("dashb"));
        QVERIFY(palette->resultList()->currentItem()->text().contains(QStringLiteral("Dashboard")));
        QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
        QCOMPARE(window.currentSection(), MainWindow::Section::Dashboard);

        // Arrow keys move through the results; Esc closes without running anything.
        window.showCommandPalette();
        QTest::keyClicks(palette->lineEdit(), QStringLiteral("o"));
        const int before = palette->resultList()->currentRow();
        QTest::keyClick(palette->lineEdit(), Qt::Key_Down);
        QCOMPARE(palette->resultList()->currentRow(), (before + 1) % palette->resultList()->count());
        QTest::keyClick(palette, Qt::Key_Escape);
        QVERIFY(!palette->isVisible());
        QCOMPARE(window.currentSection(), MainWindow::Section::Dashboard);
    }
};

QTEST_MAIN(TestCommandPalette)
#include "tst_commandpalette.moc"
