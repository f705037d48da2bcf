#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "core/clock.h"
#include "followups/contactfollowupspanel.h"
#include "followups/followupsview.h"
#include "itemmodels/followupmodel.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/followuprepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

// The Follow-ups section on a fixed clock: completing and snoozing move rows between the groups and
// change the database; undo puts them back; the sidebar shows the overdue count.
class TestFollowUpsView final : public QObject
{
    Q_OBJECT

private:
    // Wednesday 18 November 2026, 10:00 local time: Overdue < today < Today < tomorrow ... This week < Monday.
    const QDateTime m_now = QDateTime(QDate(2026, 11, 18), QTime(10, 0));
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MainWindow> m_window;
    FollowUpsView *m_view = nullptr;
    qint64 m_overdue = 0, m_today = 0, m_later = 0;

    qint64 followUp(qint64 contact, const QDateTime &due, const QString &note)
    {
        FollowUp f;
        f.contactId = contact;
        f.assigneeId = m_db->currentUserId();
        f.dueAt = due.toUTC();
        f.note = note;
        if (Status s = FollowUpRepository(*m_db).create(f); !s)
            qFatal("%s", qPrintable(s.error().message));
        return f.id;
    }
    FollowUp stored(qint64 id) { return *FollowUpRepository(*m_db).get(id); }

private Q_SLOTS:
    void init()
    {
        m_clock = std::make_unique<FixedClock>(m_now);
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        QVERIFY(UserRepository(*m_db).ensureUser(QStringLiteral("me"), QStringLiteral("Mia Manager")));
        Contact c;
        c.firstName = QStringLiteral("Ada");
        c.lastName = QStringLiteral("Lovelace");
        QVERIFY(ContactRepository(*m_db).create(c));
        m_overdue = followUp(c.id, m_now.addDays(-2), QStringLiteral("Send the press kit"));
        m_today = followUp(c.id, m_now.addSecs(5 * 3600), QStringLiteral("Call about the interview"));
        m_later = followUp(c.id, m_now.addDays(20), QStringLiteral("Ask about the year-end issue"));
        m_window = std::make_unique<MainWindow>(*m_db);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_view = m_window->followUpsView();
        QVERIFY(m_view);
        m_window->showSection(MainWindow::Section::FollowUps);
        QTRY_COMPARE(m_view->idsIn(FollowUp::Bucket::Overdue), QList<qint64>{ m_overdue });
    }
    void cleanup()
    {
        m_window.reset();
        m_db.reset();
        m_clock.reset();
    }

    void groupsAndSidebarCount()
    {
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Today), QList<qint64>{ m_today });
        QVERIFY(m_view->idsIn(FollowUp::Bucket::ThisWeek).isEmpty());
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Later), QList<qint64>{ m_later });
        auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebarListWidget"));
        QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(), QStringLiteral("Follow-ups (1)"));
        QAbstractItemModel *model = m_view->treeView()->model();
        const QModelIndex overdue = model->index(0, 0);
        QCOMPARE(overdue.data().toString(), QStringLiteral("Overdue (1)"));
        QCOMPARE(model->index(0, FollowUpModel::NoteColumn, overdue).data().toString(),
            QStringLiteral("Send the press kit"));
        QCOMPARE(
            model->index(0, FollowUpModel::ContactColumn, overdue).data().toString(), QStringLiteral("Ada Lovelace"));
        // The empty group (This week) is not shown.
        QVERIFY(m_view->treeView()->isRowHidden(int(FollowUp::Bucket::ThisWeek), QModelIndex()));
        QVERIFY(!m_view->treeView()->isRowHidden(int(FollowUp::Bucket::Later), QModelIndex()));
    }

    void completeBySpaceAndUndo()
    {
        auto *tree = m_view->treeView();
        tree->setFocus();
        QVERIFY(m_view->selectFollowUp(m_overdue));
        QTest::keyClick(tree, Qt::Key_Space);
        QVERIFY(m_view->idsIn(FollowUp::Bucket::Overdue).isEmpty());
        QVERIFY(stored(m_overdue).doneAt.isValid());
        auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebarListWidget"));
        QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(), QStringLiteral("Follow-ups"));
        // The keyboard stays on a row.
        QCOMPARE(m_view->currentId(), m_today);

        m_window->undoStack()->undo();
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Overdue), QList<qint64>{ m_overdue });
        QVERIFY(!stored(m_overdue).doneAt.isValid());
        QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(), QStringLiteral("Follow-ups (1)"));

        QVERIFY(m_view->selectFollowUp(m_today));
        QTest::keyClick(tree, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(m_view->idsIn(FollowUp::Bucket::Today).isEmpty());
        QVERIFY(stored(m_today).doneAt.isValid());
    }

    void snoozeMovesBetweenGroups()
    {
        QVERIFY(m_view->selectFollowUp(m_overdue));
        m_view->findChild<QAction *>(QStringLiteral("snoozeDayAction"))->trigger();
        // Overdue snoozed a day: due tomorrow from now, which is this week.
        QVERIFY(m_view->idsIn(FollowUp::Bucket::Overdue).isEmpty());
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::ThisWeek), QList<qint64>{ m_overdue });
        QCOMPARE(stored(m_overdue).dueAt, m_now.addDays(1).toUTC());

        QVERIFY(m_view->selectFollowUp(m_today));
        m_view->findChild<QAction *>(QStringLiteral("snoozeWeekAction"))->trigger();
        QVERIFY(m_view->idsIn(FollowUp::Bucket::Today).isEmpty());
        QVERIFY(m_view->idsIn(FollowUp::Bucket::Later).contains(m_today));
        QCOMPARE(stored(m_today).dueAt, m_now.addSecs(5 * 3600).addDays(7).toUTC());

        m_window->undoStack()->undo();
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Today), QList<qint64>{ m_today });
        m_window->undoStack()->undo();
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Overdue), QList<qint64>{ m_overdue });
        QCOMPARE(stored(m_overdue).dueAt, m_now.addDays(-2).toUTC());

        QVERIFY(m_view->selectFollowUp(m_later));
        m_view->snoozeCurrentTo(m_now.addSecs(3600).toUTC());
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Today), (QList<qint64>{ m_later, m_today }));
    }

    void aMinuteLaterTheCountFollowsTheClock()
    {
        m_clock->set(m_now.addSecs(6 * 3600)); // the one due today at 15:00 is now overdue
        m_view->refresh(); // what the minute timer does
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Overdue), (QList<qint64>{ m_overdue, m_today }));
        auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebarListWidget"));
        QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(), QStringLiteral("Follow-ups (2)"));
    }

    // Issue 10: the sidebar and the section said 1,000 overdue where there were 9,907. The counts are exact,
    // and the group says when it lists only the first rows.
    void countsAreExactBeyondAThousand()
    {
        const qint64 contact = stored(m_overdue).contactId;
        QVERIFY(m_db->connection().transaction());
        for (int i = 0; i < 1204; ++i) {
            FollowUp f;
            f.contactId = contact;
            f.assigneeId = m_db->currentUserId();
            f.dueAt = m_now.addSecs(-3600 * (i + 1)).toUTC();
            f.note = QStringLiteral("Backlog %1").arg(i);
            QVERIFY(FollowUpRepository::insertRow(*m_db, f));
        }
        QVERIFY(m_db->connection().commit());
        m_view->refresh();
        const QString n = QLocale().toString(1205);
        auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebarListWidget"));
        QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(), QStringLiteral("Follow-ups (%1)").arg(n));
        QCOMPARE(m_view->overdueCount(), 1205);
        const QModelIndex overdue = m_view->treeView()->model()->index(0, 0);
        QCOMPARE(overdue.data().toString(), QStringLiteral("Overdue (%1, the first 200 shown)").arg(n));
        QCOMPARE(m_view->treeView()->model()->rowCount(overdue), 200);
        // Completing one counts down by exactly one.
        m_view->treeView()->setFocus();
        QVERIFY(m_view->selectFollowUp(m_view->idsIn(FollowUp::Bucket::Overdue).first()));
        QTest::keyClick(m_view->treeView(), Qt::Key_Space);
        QCOMPARE(m_view->overdueCount(), 1204);
        QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(),
            QStringLiteral("Follow-ups (%1)").arg(QLocale().toString(1204)));
    }

    // Issue 10: the profile shows the person's open follow-ups, with Done and snooze, undoable.
    void profileShowsOpenFollowUps()
    {
        m_window->showSection(MainWindow::Section::Contacts);
        QTableView *table = m_window->contactsView()->tableView();
        const QRect row = table->visualRect(table->model()->index(0, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, row.center());
        auto *editor = m_window->contactsView()->findChild<ContactEditor *>();
        QVERIFY(editor);
        ContactFollowUpsPanel *panel = editor->followUpsPanel();
        QTRY_VERIFY(panel->isVisible());
        QCOMPARE(panel->model()->ids(), (QList<qint64> { m_overdue, m_today, m_later }));
        QAbstractItemModel *model = panel->treeView()->model();
        QCOMPARE(model->index(0, FollowUpModel::NoteColumn).data().toString(), QStringLiteral("Send the press kit"));
        QVERIFY(model->index(0, FollowUpModel::DueColumn).data(FollowUpModel::OverdueRole).toBool());
        QCOMPARE(panel->findChild<QLabel *>(QStringLiteral("followUpsTitleLabel"))->text(),
            QStringLiteral("Open follow-ups (3)"));

        // Done on the first (selected): gone here, done in the database, gone from the section; undo.
        auto *done = panel->findChild<QToolButton *>(QStringLiteral("completeToolButton"));
        QCOMPARE(panel->treeView()->currentIndex().data(FollowUpModel::IdRole).toLongLong(), m_overdue);
        QTest::mouseClick(done, Qt::LeftButton);
        QCOMPARE(panel->model()->ids(), (QList<qint64> { m_today, m_later }));
        QVERIFY(stored(m_overdue).doneAt.isValid());
        QVERIFY(m_view->idsIn(FollowUp::Bucket::Overdue).isEmpty());
        m_window->undoStack()->undo();
        QCOMPARE(panel->model()->ids(), (QList<qint64> { m_overdue, m_today, m_later }));
        QVERIFY(!stored(m_overdue).doneAt.isValid());

        // +1 week on today's (clicked): due a week later, still before the one 20 days out.
        const QRect todayRow = panel->treeView()->visualRect(model->index(1, FollowUpModel::NoteColumn));
        QTest::mouseClick(panel->treeView()->viewport(), Qt::LeftButton, {}, todayRow.center());
        QCOMPARE(panel->treeView()->currentIndex().data(FollowUpModel::IdRole).toLongLong(), m_today);
        QTest::mouseClick(panel->findChild<QToolButton *>(QStringLiteral("snoozeWeekToolButton")), Qt::LeftButton);
        QCOMPARE(stored(m_today).dueAt, m_now.addSecs(5 * 3600).addDays(7).toUTC());
        QCOMPARE(panel->treeView()->currentIndex().data(FollowUpModel::IdRole).toLongLong(), m_today);
        m_window->undoStack()->undo();
        QCOMPARE(stored(m_today).dueAt, m_now.addSecs(5 * 3600).toUTC());

        // All done: the panel goes away.
        for (int i = 0; i < 3; ++i) {
            panel->treeView()->setCurrentIndex(model->index(0, 0));
            QTest::mouseClick(done, Qt::LeftButton);
        }
        QVERIFY(!panel->isVisible());
    }

    // Issue 10: "Mine" and one assignee's follow-ups, chosen with the keyboard in the filter above the list.
    void filterMineAndByAssignee()
    {
        const qint64 me = m_db->currentUserId();
        Result<User> bo = UserRepository(*m_db).ensureUser(QStringLiteral("bo"), QStringLiteral("Bo Lindqvist"));
        QVERIFY(bo);
        m_db->setCurrentUserId(me);
        FollowUp f;
        f.contactId = stored(m_overdue).contactId;
        f.assigneeId = bo->id;
        f.dueAt = m_now.addDays(-1).toUTC();
        f.note = QStringLiteral("Bo's call");
        QVERIFY(FollowUpRepository(*m_db).create(f));
        m_view->refresh(); // what the minute timer does
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Overdue), (QList<qint64> { m_overdue, f.id }));
        auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebarListWidget"));
        QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(), QStringLiteral("Follow-ups (2)"));

        auto *filter = m_view->findChild<QComboBox *>(QStringLiteral("assigneeFilterComboBox"));
        QVERIFY(filter);
        QCOMPARE(filter->currentText(), QStringLiteral("Everybody"));
        filter->setFocus();
        QTest::keyClick(filter, Qt::Key_Down);
        QCOMPARE(filter->currentText(), QStringLiteral("Mine"));
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Overdue), QList<qint64> { m_overdue });
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Later), QList<qint64> { m_later });
        QCOMPARE(sidebar->item(int(MainWindow::Section::FollowUps))->text(), QStringLiteral("Follow-ups (1)"));

        QTest::keyClick(filter, Qt::Key_Down); // a user added after the window opened is offered too
        QCOMPARE(filter->currentText(), QStringLiteral("Bo Lindqvist"));
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Overdue), QList<qint64> { f.id });
        QVERIFY(m_view->idsIn(FollowUp::Bucket::Later).isEmpty());
        QVERIFY(m_view->treeView()->isRowHidden(int(FollowUp::Bucket::Later), QModelIndex()));

        QTest::keyClick(filter, Qt::Key_Home);
        QCOMPARE(filter->currentText(), QStringLiteral("Everybody"));
        QCOMPARE(m_view->idsIn(FollowUp::Bucket::Overdue), (QList<qint64> { m_overdue, f.id }));
    }
};

QTEST_MAIN(TestFollowUpsView)
#include "tst_followupsview.moc"
