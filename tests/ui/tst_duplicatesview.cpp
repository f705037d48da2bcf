#include "common/messagebox.h"
#include "contacts/contactsview.h"
#include "duplicates/duplicatesdialog.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QAction>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

namespace {

struct Crafted
{
    std::unique_ptr<Database> db;
    qint64 amara = 0;
    qint64 copy = 0;
};

Crafted craftedDatabase()
{
    Result<std::unique_ptr<Database>> opened = TestDatabase::create(QStringLiteral("sqlite"));
    if (!opened)
        qFatal("opening a test database failed: %s", qPrintable(opened.error().message));
    Crafted crafted { std::move(opened).value() };
    Database &db = *crafted.db;
    Contact a;
    a.displayName = QStringLiteral("Amara Okafor");
    a.title = QStringLiteral("Technology Correspondent");
    a.emails = { { QStringLiteral("work"), QStringLiteral("amara@ledger.example") } };
    Contact b;
    b.displayName = QStringLiteral("A. Okafor");
    b.emails = { { QStringLiteral("work"), QStringLiteral("Amara@Ledger.example") } };
    b.tags = { QStringLiteral("ai") };
    Contact c;
    c.displayName = QStringLiteral("Zed Zimmer");
    for (Contact *contact : { &a, &b, &c })
        if (Status s = ContactRepository(db).create(*contact); !s)
            qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    crafted.amara = a.id;
    crafted.copy = b.id;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, created_at, "
                             "updated_at) VALUES (:c, 'email', 'inbound', 1, 1, 1)"));
    q.bindValue(QStringLiteral(":c"), b.id);
    if (!q.exec())
        qFatal("inserting an interaction failed");
    return crafted;
}

qint64 interactionsOf(Database &db, qint64 contact)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = :c"));
    q.bindValue(QStringLiteral(":c"), contact);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestDuplicatesView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QSettings().clear();
        MessageBox::setNextAnswer(QMessageBox::NoButton);
    }

    void findsAndMergesAPairAndUndoes()
    {
        Crafted crafted = craftedDatabase();
        Database &db = *crafted.db;
        MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
        QCOMPARE(table->model()->rowCount(), 3);

        auto *find = window.findChild<QAction *>(QStringLiteral("findDuplicatesAction"));
        QVERIFY(find);
        QVERIFY(window.contactsView()->menuActions().contains(find));
        find->trigger();
        auto *dialog = window.findChild<DuplicatesDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QTRY_COMPARE(dialog->pairCount(), 1);
        auto *pairs = dialog->findChild<QTreeView *>(QStringLiteral("pairsTreeView"));
        QVERIFY(pairs);
        QCOMPARE(pairs->model()->index(0, 0).data().toString(), QStringLiteral("Amara Okafor"));
        QCOMPARE(pairs->model()->index(0, 1).data().toString(), QStringLiteral("A. Okafor"));
        QVERIFY(pairs->model()->index(0, 2).data().toString().contains(QStringLiteral("amara@ledger.example")));
        auto *comparison = dialog->findChild<QTableWidget *>(QStringLiteral("comparisonTableWidget"));
        QCOMPARE(comparison->item(1, 0)->text(), QStringLiteral("Technology Correspondent"));
        QCOMPARE(comparison->item(7, 1)->text(), QStringLiteral("ai"));
        // Equally complete and created in the same millisecond: the older id is kept.
        QVERIFY(dialog->findChild<QRadioButton *>(QStringLiteral("keepFirstRadioButton"))->isChecked());

        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("mergeButton")), Qt::LeftButton);
        QCOMPARE(dialog->pairCount(), 0);
        Result<Contact> kept = ContactRepository(db).get(crafted.amara);
        QVERIFY(kept.ok());
        QCOMPARE(kept->tags, QStringList { QStringLiteral("ai") });
        QVERIFY(ContactRepository(db).get(crafted.copy)->inTrash);
        QCOMPARE(interactionsOf(db, crafted.amara), 1);
        QCOMPARE(interactionsOf(db, crafted.copy), 0);
        QCOMPARE(table->model()->rowCount(), 2);

        // Ctrl+Z in the dialog undoes the merge, and the pair is listed again.
        QTest::keyClick(dialog, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!ContactRepository(db).get(crafted.copy)->inTrash);
        QCOMPARE(interactionsOf(db, crafted.copy), 1);
        QVERIFY(ContactRepository(db).get(crafted.amara)->tags.isEmpty());
        QCOMPARE(table->model()->rowCount(), 3);
        QTRY_COMPARE(dialog->pairCount(), 1);

        // Keep the other one this time; close; the window's redo/undo still know the first merge.
        dialog->findChild<QRadioButton *>(QStringLiteral("keepSecondRadioButton"))->click();
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("mergeButton")), Qt::LeftButton);
        QVERIFY(ContactRepository(db).get(crafted.amara)->inTrash);
        QCOMPARE(interactionsOf(db, crafted.copy), 1);
        QCOMPARE(ContactRepository(db).get(crafted.copy)->title, QStringLiteral("Technology Correspondent"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("closeButton")), Qt::LeftButton);
        QTRY_VERIFY(!window.findChild<DuplicatesDialog *>());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!ContactRepository(db).get(crafted.amara)->inTrash);
        QVERIFY(ContactRepository(db).get(crafted.copy)->title.isEmpty());
    }
};

QTEST_MAIN(TestDuplicatesView)
#include "tst_duplicatesview.moc"
