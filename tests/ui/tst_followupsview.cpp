#include "core/clock.h"
#include "followups/followupsview.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/followuprepository.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QListWidget>
#include <QTest>
#include <QTreeWidget>
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
        auto *tree = m_view->treeWidget();
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("Overdue (1)"));
        QCOMPARE(tree->topLevelItem(0)->child(0)->text(2), QStringLiteral("Send the press kit"));
        QCOMPARE(tree->topLevelItem(0)->child(0)->text(1), QStringLiteral("Ada Lovelace"));
    }

    void completeBySpaceAndUndo()
    {
        auto *tree = m_view->treeWidget();
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
};

QTEST_MAIN(TestFollowUpsView)
#include "tst_followupsview.moc"
