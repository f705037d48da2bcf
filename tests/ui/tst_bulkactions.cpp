#include "common/backgroundjob.h"
#include "common/messagebox.h"
#include "contacts/bulkactions.h"
#include "contacts/contactsview.h"
#include "heartbeat.h"
#include "itemmodels/contactlistmodel.h"
#include "mainwindow.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

#include <atomic>

namespace {

const QStringList kNames { QStringLiteral("Al Avery"), QStringLiteral("Bea Brook"), QStringLiteral("Cy Crane"),
    QStringLiteral("Di Dorn"), QStringLiteral("Ed Eyre") };

std::unique_ptr<Database> databaseWithContacts()
{
    Result<std::unique_ptr<Database>> db = TestDatabase::create(QStringLiteral("sqlite"));
    if (!db)
        qFatal("opening a test database failed: %s", qPrintable(db.error().message));
    for (const QString &name : kNames) {
        Contact c;
        c.displayName = name;
        if (Status s = ContactRepository(**db).create(c); !s)
            qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    }
    return std::move(db).value();
}

QStringList namesWithTag(Database &db, const QString &tag)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT c.display_name FROM contacts c JOIN contact_tags ct ON ct.contact_id = c.id "
                             "JOIN tags t ON t.id = ct.tag_id WHERE t.name = :tag ORDER BY c.display_name"));
    q.bindValue(QStringLiteral(":tag"), tag);
    QStringList names;
    if (q.exec())
        while (q.next())
            names << q.value(0).toString();
    return names;
}

QStringList selectedNames(QTableView *table)
{
    QStringList names;
    for (const QModelIndex &index : table->selectionModel()->selectedRows(ContactListModel::NameColumn))
        names << index.data().toString();
    names.sort();
    return names;
}

void clickRow(QTableView *table, int row, Qt::KeyboardModifiers modifiers = {})
{
    const QRect rect = table->visualRect(table->model()->index(row, ContactListModel::NameColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, rect.center());
}

} // namespace

class TestBulkActions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QSettings().clear();
        MessageBox::setNextAnswer(QMessageBox::NoButton);
    }

    void tagsThreeSelectedRowsAndUndoes()
    {
        auto db = databaseWithContacts();
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
        auto *addTag = window.findChild<QAction *>(QStringLiteral("addTagAction"));
        QVERIFY(table && addTag);
        QVERIFY(!addTag->isEnabled()); // nothing selected yet
        QVERIFY(table->actions().contains(addTag)); // in the context menu too
        QCOMPARE(table->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY(addTag->toolTip().contains(addTag->shortcut().toString(QKeySequence::NativeText)));

        clickRow(table, 0);
        clickRow(table, 2, Qt::ShiftModifier);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 3);
        QVERIFY(addTag->isEnabled());

        // The real dialog: type a tag and press OK.
        addTag->trigger();
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QDialog *>(QStringLiteral("bulkInputDialog"))) && dialog->isVisible());
        auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("bulkInputComboBox"));
        QVERIFY(combo && combo->isEditable());
        QTest::keyClicks(combo->lineEdit(), QStringLiteral("Launch list"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);

        const QStringList firstThree { kNames.at(0), kNames.at(1), kNames.at(2) };
        QCOMPARE(namesWithTag(*db, QStringLiteral("Launch list")), firstThree);
        QCOMPARE(selectedNames(table), firstThree); // the list refreshed and kept the selection

        // Edit → Undo (Ctrl+Z) takes the tag off again; redo puts it back.
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(namesWithTag(*db, QStringLiteral("Launch list")).isEmpty());
        QCOMPARE(selectedNames(table), firstThree);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(namesWithTag(*db, QStringLiteral("Launch list")), firstThree);

        // Removing it from rows 2-4 touches only the two that have it; undo gives it back to exactly those.
        clickRow(table, 1);
        clickRow(table, 3, Qt::ShiftModifier);
        BulkActions::setNextInput(QStringLiteral("Launch list"));
        window.findChild<QAction *>(QStringLiteral("removeTagAction"))->trigger();
        QCOMPARE(namesWithTag(*db, QStringLiteral("Launch list")), QStringList { kNames.at(0) });
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(namesWithTag(*db, QStringLiteral("Launch list")), firstThree);
    }

    void setsOwnerAndKindAndTrashesWithUndo()
    {
        auto db = databaseWithContacts();
        Result<User> kim = UserRepository(*db).ensureUser(QStringLiteral("kim"), QStringLiteral("Kim Lee"));
        QVERIFY(kim.ok());
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
        QVERIFY(table);
        clickRow(table, 1);
        clickRow(table, 3, Qt::ControlModifier);

        BulkActions::setNextInput(QStringLiteral("kim"));
        window.findChild<QAction *>(QStringLiteral("setOwnerAction"))->trigger();
        QCOMPARE(table->model()->index(1, ContactListModel::OwnerColumn).data().toString(), QStringLiteral("Kim Lee"));
        QCOMPARE(table->model()->index(3, ContactListModel::OwnerColumn).data().toString(), QStringLiteral("Kim Lee"));
        QVERIFY(table->model()->index(2, ContactListModel::OwnerColumn).data().toString().isEmpty());

        BulkActions::setNextInput(QStringLiteral("editor"));
        window.findChild<QAction *>(QStringLiteral("setKindAction"))->trigger();
        QCOMPARE(table->model()->index(3, ContactListModel::KindColumn).data().toString(), QStringLiteral("Editor"));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(
            table->model()->index(3, ContactListModel::KindColumn).data().toString(), QStringLiteral("Journalist"));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(table->model()->index(1, ContactListModel::OwnerColumn).data().toString().isEmpty());

        window.findChild<QAction *>(QStringLiteral("deleteContactAction"))->trigger();
        QCOMPARE(table->model()->rowCount(), 3);
        QCOMPARE(*ContactRepository(*db).count(), 3);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(table->model()->rowCount(), 5);
        QCOMPARE(selectedNames(table), (QStringList { kNames.at(1), kNames.at(3) })); // selected again
    }

    // Issue 10: a multi-selection showed no count and no hint of the bulk actions; Undo and Redo did not say
    // what they did; the Contact menu had both "Move Selected to Trash" and "Delete to trash".
    void addsTheSelectionToACampaignSkippingDoNotContact()
    {
        auto db = databaseWithContacts();
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE contacts SET do_not_contact = 1, do_not_contact_reason = 'asked in "
                                      "writing' WHERE display_name = 'Bea Brook'")));
        Campaign campaign;
        campaign.name = QStringLiteral("Spring launch");
        QVERIFY(CampaignRepository(*db).create(campaign).ok());
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
        auto *add = window.findChild<QAction *>(QStringLiteral("addToCampaignAction"));
        QVERIFY(table && add);
        QVERIFY(table->actions().contains(add)); // in the context menu too
        clickRow(table, 0);
        clickRow(table, 2, Qt::ShiftModifier);
        QVERIFY(window.findChild<QToolButton *>(QStringLiteral("addToCampaignToolButton"))->isVisible());

        // The real dialog: the campaign is picked from the list, then OK.
        add->trigger();
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QDialog *>(QStringLiteral("bulkInputDialog"))) && dialog->isVisible());
        auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("bulkInputComboBox"));
        QCOMPARE(combo->currentText(), QStringLiteral("Spring launch"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);

        const auto listed = [&db] {
            QSqlQuery p(db->connection());
            QStringList names;
            if (p.exec(QStringLiteral("SELECT c.display_name FROM pitches p JOIN contacts c ON c.id = p.contact_id "
                                      "WHERE p.deleted_at IS NULL AND p.status = 'planned' ORDER BY 1")))
                while (p.next())
                    names << p.value(0).toString();
            return names;
        };
        QCOMPARE(listed(), (QStringList { kNames.at(0), kNames.at(2) }));
        // The skipped person is named with the reason, in the status bar and in a box.
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Bea Brook asked not to be contacted")),
            qPrintable(window.statusBar()->currentMessage()));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("rapportMessageBox"))) && box->isVisible());
        QVERIFY(box->text().contains(QStringLiteral("asked in writing")));
        box->close();

        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(listed().isEmpty());
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(listed(), (QStringList { kNames.at(0), kNames.at(2) }));
    }

    void selectionBarUndoStatusAndOneTrashEntry()
    {
        auto db = databaseWithContacts();
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
        auto *bar = window.findChild<QWidget *>(QStringLiteral("selectionBarFrame"));
        auto *count = window.findChild<QLabel *>(QStringLiteral("selectionCountLabel"));
        QVERIFY(table && bar && count);
        QVERIFY(!bar->isVisible());

        clickRow(table, 0);
        QVERIFY(!bar->isVisible()); // one contact: its profile, no bar
        clickRow(table, 4, Qt::ShiftModifier);
        QTRY_VERIFY(bar->isVisible());
        QCOMPARE(count->text(), QStringLiteral("5 selected"));
        clickRow(table, 2, Qt::ControlModifier);
        QCOMPARE(count->text(), QStringLiteral("4 selected"));
        clickRow(table, 2, Qt::ControlModifier);
        QCOMPARE(count->text(), QStringLiteral("5 selected"));
        // The bulk actions are there as buttons, enabled.
        for (const char *name : { "addTagToolButton", "removeTagToolButton", "setOwnerToolButton", "setKindToolButton",
                 "deleteContactToolButton" }) {
            auto *button = bar->findChild<QToolButton *>(QString::fromLatin1(name));
            QVERIFY2(button && button->isVisible() && button->isEnabled(), name);
        }

        // One trash entry in the Contact menu (besides "Show trash…").
        int trashEntries = 0;
        for (QAction *action : window.contactsView()->menuActions())
            if (action->text().remove(u'&').contains(QStringLiteral("Trash"), Qt::CaseInsensitive)
                && action->objectName() != QStringLiteral("showTrashAction"))
                ++trashEntries;
        QCOMPARE(trashEntries, 1);
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("trashSelectedAction")), nullptr);

        // The bar's Move to Trash moves all five; Ctrl+Z says what it undid, Ctrl+Shift+Z what it redid.
        QTest::mouseClick(bar->findChild<QToolButton *>(QStringLiteral("deleteContactToolButton")), Qt::LeftButton);
        QTRY_COMPARE(*ContactRepository(*db).count(), 0);
        const QString what = window.undoStack()->command(window.undoStack()->index() - 1)->text();
        QVERIFY2(what.startsWith(QStringLiteral("Move 5 contact")), qPrintable(what));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(*ContactRepository(*db).count(), 5);
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Undid: %1").arg(what));
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(*ContactRepository(*db).count(), 0);
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Redid: %1").arg(what));
    }

    // Issue 10: a Tags column, offered in the column chooser (hidden at first), shows the tags just added.
    void tagsColumnFromTheColumnChooser()
    {
        auto db = databaseWithContacts();
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
        QHeaderView *header = table->horizontalHeader();
        QVERIFY(header->isSectionHidden(ContactListModel::TagsColumn));
        clickRow(table, 1);
        clickRow(table, 3, Qt::ControlModifier);
        BulkActions::setNextInput(QStringLiteral("press-list"));
        window.findChild<QAction *>(QStringLiteral("addTagAction"))->trigger();
        clickRow(table, 3);
        BulkActions::setNextInput(QStringLiteral("awards"));
        window.findChild<QAction *>(QStringLiteral("addTagAction"))->trigger();

        Q_EMIT header->customContextMenuRequested(QPoint(5, 5));
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = header->findChild<QMenu *>(QStringLiteral("contactColumnsMenu"))));
        auto *tags = menu->findChild<QAction *>(QStringLiteral("tagsColumnAction"));
        QVERIFY(tags);
        QVERIFY(!tags->isChecked());
        QCOMPARE(tags->text(), QStringLiteral("Tags"));
        tags->trigger();
        menu->close();
        QVERIFY(!header->isSectionHidden(ContactListModel::TagsColumn));
        QTRY_VERIFY(table->visualRect(table->model()->index(0, ContactListModel::TagsColumn)).width() > 0);
        QCOMPARE(
            table->model()->index(1, ContactListModel::TagsColumn).data().toString(), QStringLiteral("press-list"));
        QCOMPARE(table->model()->index(3, ContactListModel::TagsColumn).data().toString(),
            QStringLiteral("awards, press-list"));
        QVERIFY(table->model()->index(0, ContactListModel::TagsColumn).data().toString().isEmpty());
        QVERIFY(!ContactListModel::isSortable(ContactListModel::TagsColumn));
    }

    // A change of many contacts runs on a worker connection: the window keeps handling events, the change
    // lands in the same database, and undo/redo go the same way.
    void largeSelectionRunsOffTheGuiThread()
    {
        auto db = databaseWithContacts();
        {
            ContactRepository repo(*db);
            for (int i = 0; i < 1200; ++i) {
                Contact c;
                c.displayName = QStringLiteral("Bulk Person %1").arg(i, 4, 10, QLatin1Char('0'));
                QVERIFY(repo.create(c).ok());
            }
        }
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableView *>(QStringLiteral("contactsTableView"));
        table->setFocus();
        table->selectAll();
        QTRY_COMPARE(table->selectionModel()->selectedRows().size(), 1205);

        // The busy dialog shows at once (as on a slow machine) and gives the keyboard back afterwards.
        BackgroundJob::setDialogDelayForTesting(0);
        BulkActions::setNextInput(QStringLiteral("Everyone"));
        Heartbeat beat;
        beat.start();
        window.findChild<QAction *>(QStringLiteral("addTagAction"))->trigger();
        beat.stop();
        qInfo("tagging 1,205 contacts, the window: %s", qPrintable(beat.report()));
        QCOMPARE(namesWithTag(*db, QStringLiteral("Everyone")).size(), 1205);
        QVERIFY(BackgroundJob::lastWorkerThread() != QThread::currentThread());
        QVERIFY(!window.findChild<QWidget *>(QStringLiteral("backgroundJobDialog")));
        QTRY_VERIFY(window.isActiveWindow()); // the keyboard is back in the window

        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(namesWithTag(*db, QStringLiteral("Everyone")).isEmpty());
        QVERIFY(BackgroundJob::lastWorkerThread() != QThread::currentThread());
        QTRY_VERIFY(window.isActiveWindow());
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(namesWithTag(*db, QStringLiteral("Everyone")).size(), 1205);
        BackgroundJob::setDialogDelayForTesting(300);
    }

    void windowHandlesEventsWhileTheJobRuns()
    {
        // The work waits on the worker until the window's thread has handled a timer that fires after the
        // job started: if run() blocked that thread, the work would give up (after 30 s) and fail.
        auto db = databaseWithContacts();
        QWidget window;
        window.show();
        std::atomic_bool ticked { false };
        QTimer tick;
        tick.setSingleShot(true);
        connect(&tick, &QTimer::timeout, &window, [&ticked] { ticked = true; });
        tick.start(0);
        const Status s = BackgroundJob::run(
            &window, *db, QStringLiteral("Waiting…"),
            [&ticked](Database &) -> Status {
                QDeadlineTimer patience(30000);
                while (!ticked && !patience.hasExpired())
                    QThread::msleep(1);
                return ticked ? Status() : Status(Error { QStringLiteral("the window never ticked") });
            },
            1000);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QVERIFY(BackgroundJob::lastWorkerThread() != QThread::currentThread());
    }
};

QTEST_MAIN(TestBulkActions)
#include "tst_bulkactions.moc"
