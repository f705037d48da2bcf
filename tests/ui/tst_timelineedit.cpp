#include "common/messagebox.h"
#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "interactions/quicklogdialog.h"
#include "interactions/timelineview.h"
#include "itemmodels/timelinemodel.h"
#include "mainwindow.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/interactionrepository.h"
#include "testdatabase.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

// Editing and deleting logged conversations from a profile's timeline with the keyboard: Enter opens the
// entry in the quick-log dialog, Ctrl+Enter saves, Delete trashes; Ctrl+Z / Ctrl+Shift+Z undo and redo
// both through the window's undo stack. Synced items open read-only; someone else's change is a conflict.
class TestTimelineEdit final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_ada = 0;
    QList<qint64> m_ids; // oldest first
    Interaction m_before;

    qint64 log(const QString &subject, const QDateTime &at, const QString &source = QStringLiteral("manual"))
    {
        Interaction i;
        i.contactId = m_ada;
        i.channel = QStringLiteral("email");
        i.occurredAt = at.toUTC();
        i.subject = subject;
        i.source = source;
        if (source != u"manual")
            i.externalId = QStringLiteral("https://example.social/@ada/1");
        if (Status s = InteractionRepository(*m_db).create(i); !s)
            qFatal("%s", qPrintable(s.error().message));
        return i.id;
    }
    Interaction stored(qint64 id) { return InteractionRepository(*m_db).get(id).value(); }
    TimelineView *timeline() { return m_window->contactsView()->findChild<ContactEditor *>()->timeline(); }
    QListView *focusTimelineRow(int row)
    {
        QListView *list = timeline()->listView();
        list->setFocus();
        list->setCurrentIndex(timeline()->model()->index(row));
        return QTest::qWaitFor([list] { return list->hasFocus(); }, 2000) ? list : nullptr;
    }
    QuickLogDialog *dialog() { return m_window->findChild<QuickLogDialog *>(); }
    // Enter on the current row; the dialog once it is open with the channel focused.
    QuickLogDialog *openEditor()
    {
        key(Qt::Key_Return);
        QuickLogDialog *d = dialog();
        auto *channel = d ? d->findChild<QComboBox *>(QStringLiteral("channelComboBox")) : nullptr;
        if (channel && QTest::qWaitForWindowActive(d)
            && QTest::qWaitFor([channel] { return QApplication::focusWidget() == channel; }, 2000))
            return d;
        return nullptr;
    }
    static void key(Qt::Key k, Qt::KeyboardModifiers m = {}) { QTest::keyClick(QApplication::focusWidget(), k, m); }

private Q_SLOTS:
    void init()
    {
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        Contact c;
        c.firstName = QStringLiteral("Ada");
        c.lastName = QStringLiteral("Lovelace");
        QVERIFY(ContactRepository(*m_db).create(c).ok());
        m_ada = c.id;
        const QDateTime now(QDate::currentDate(), QTime(10, 15, 37)); // seconds the dialog does not show
        m_ids = { log(QStringLiteral("First pitch"), now.addDays(-3)),
            log(QStringLiteral("Follow-up call"), now.addDays(-2)),
            log(QStringLiteral("Numbers sent"), now.addDays(-1)) };
        m_window = std::make_unique<MainWindow>(*m_db);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(m_window->showContact(m_ada));
        auto *editor = m_window->contactsView()->findChild<ContactEditor *>();
        editor->findChild<QTabWidget *>(QStringLiteral("profileTabWidget"))->setCurrentWidget(timeline());
        QTRY_COMPARE(timeline()->model()->rowCount(), 3);
    }
    void cleanup()
    {
        m_window.reset();
        m_db.reset();
    }

    void editByKeyboardAndUndo()
    {
        m_before = stored(m_ids.last());
        QCOMPARE(m_before.occurredAt.toLocalTime().time().second(), 37);
        QVERIFY(focusTimelineRow(0));
        key(Qt::Key_Return);
        QuickLogDialog *d = dialog();
        QVERIFY(d);
        QTRY_VERIFY(d->isVisible());
        QVERIFY(d->isEditing());
        QVERIFY(!d->isReadOnly());
        QCOMPARE(d->windowTitle(), QStringLiteral("Edit a conversation"));
        auto *contacts = d->findChild<QLineEdit *>(QStringLiteral("contactsLineEdit"));
        QCOMPARE(contacts->text(), QStringLiteral("Ada Lovelace"));
        QVERIFY(contacts->isReadOnly());
        auto *subject = d->findChild<QLineEdit *>(QStringLiteral("subjectLineEdit"));
        QCOMPARE(subject->text(), QStringLiteral("Numbers sent"));
        QVERIFY(!d->findChild<QLineEdit *>(QStringLiteral("followUpLineEdit"))->isVisible());

        // The channel has focus: "c" picks Call; then to the subject and retype it.
        QTRY_COMPARE(QApplication::focusWidget(), d->findChild<QComboBox *>(QStringLiteral("channelComboBox")));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("c"));
        subject->setFocus();
        subject->selectAll();
        QTest::keyClicks(subject, QStringLiteral("Numbers sent, corrected"));
        key(Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!d->isVisible());

        const qint64 id = m_ids.last();
        QCOMPARE(stored(id).subject, QStringLiteral("Numbers sent, corrected"));
        QCOMPARE(stored(id).channel, QStringLiteral("call"));
        QCOMPARE(stored(id).version, 2);
        // The date was not touched: it keeps its seconds although the field shows minutes.
        QCOMPARE(stored(id).occurredAt, m_before.occurredAt);
        QTRY_COMPARE(timeline()->model()->index(0).data(TimelineModel::TitleRole).toString(),
            QStringLiteral("Numbers sent, corrected"));
        QCOMPARE(m_window->undoStack()->count(), 1);
        QVERIFY(m_window->undoStack()->undoText().contains(QStringLiteral("Numbers sent, corrected")));

        // Ctrl+Z in the window puts the old values back (a new version), Ctrl+Shift+Z the new ones again.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(focusTimelineRow(0));
        key(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(stored(id).subject, QStringLiteral("Numbers sent"));
        QCOMPARE(stored(id).channel, QStringLiteral("email"));
        QCOMPARE(stored(id).version, 3);
        QCOMPARE(
            timeline()->model()->index(0).data(TimelineModel::TitleRole).toString(), QStringLiteral("Numbers sent"));
        key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(stored(id).subject, QStringLiteral("Numbers sent, corrected"));
        QCOMPARE(stored(id).version, 4);
    }

    void deleteByKeyboardAndUndo()
    {
        QVERIFY(focusTimelineRow(1));
        key(Qt::Key_Delete);
        QCOMPARE(timeline()->model()->rowCount(), 2);
        QVERIFY(stored(m_ids[1]).inTrash);
        QCOMPARE(
            timeline()->model()->index(1).data(TimelineModel::TitleRole).toString(), QStringLiteral("First pitch"));
        // The selection stays where the deleted entry was.
        QCOMPARE(timeline()->listView()->currentIndex().row(), 1);
        QCOMPARE(m_window->undoStack()->count(), 1);
        m_window->undoStack()->undo();
        QVERIFY(!stored(m_ids[1]).inTrash);
        QCOMPARE(timeline()->model()->rowCount(), 3);
        QCOMPARE(
            timeline()->model()->index(1).data(TimelineModel::TitleRole).toString(), QStringLiteral("Follow-up call"));
        m_window->undoStack()->redo();
        QVERIFY(stored(m_ids[1]).inTrash);
        QCOMPARE(timeline()->model()->rowCount(), 2);
    }

    void syncedItemIsReadOnlyButCanBeDeleted()
    {
        const qint64 synced = log(QStringLiteral("A toot about the launch"), QDateTime::currentDateTime().addSecs(-600),
            QStringLiteral("mastodon"));
        ChangeNotifier::instance()->notifyInteractions({ m_ada }); // as the sync worker will
        QTRY_COMPARE(timeline()->model()->rowCount(), 4);
        QCOMPARE(timeline()->model()->index(0).data(TimelineModel::SourceRole).toString(), QStringLiteral("mastodon"));
        QVERIFY(!timeline()->model()->index(0).data(TimelineModel::EditableRole).toBool());
        QVERIFY(timeline()->model()->index(1).data(TimelineModel::EditableRole).toBool());
        QVERIFY(focusTimelineRow(0));
        QCOMPARE(timeline()->editAction()->text(), QStringLiteral("&View Conversation…"));
        key(Qt::Key_Return);
        QuickLogDialog *d = dialog();
        QTRY_VERIFY(d && d->isVisible());
        QVERIFY(d->isReadOnly());
        QVERIFY(!d->findChild<QPushButton *>(QStringLiteral("logPushButton"))->isVisible());
        auto *note = d->findChild<QLabel *>(QStringLiteral("noteLabel"));
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(QStringLiteral("mastodon")));
        QVERIFY(d->findChild<QLineEdit *>(QStringLiteral("subjectLineEdit"))->isReadOnly());
        QVERIFY(!d->save()); // Ctrl+Enter does nothing either
        QCOMPARE(stored(synced).version, 1);
        d->reject();
        QTRY_VERIFY(!d->isVisible());

        QVERIFY(focusTimelineRow(0));
        key(Qt::Key_Delete);
        QVERIFY(stored(synced).inTrash);
        QCOMPARE(timeline()->model()->rowCount(), 3);

        // Reused for a new log afterwards, the dialog is back to its ordinary self.
        QuickLogDialog::openFor(m_window.get(), *m_db, m_window->undoStack(), m_ada);
        QVERIFY(!d->isEditing() && !d->isReadOnly());
        QVERIFY(d->findChild<QPushButton *>(QStringLiteral("logPushButton"))->isVisible());
        QVERIFY(!d->findChild<QLineEdit *>(QStringLiteral("contactsLineEdit"))->isReadOnly());
        QCOMPARE(d->windowTitle(), QStringLiteral("Log a conversation"));
        d->reject();
    }

    void conflictWhenSomeoneElseChangedIt()
    {
        QVERIFY(focusTimelineRow(0));
        QuickLogDialog *d = openEditor();
        QVERIFY(d);
        // Meanwhile a colleague edits the same conversation.
        Interaction theirs = stored(m_ids.last());
        theirs.subject = QStringLiteral("Their version");
        QVERIFY(InteractionRepository(*m_db).update(theirs).ok());

        auto *subject = d->findChild<QLineEdit *>(QStringLiteral("subjectLineEdit"));
        subject->setFocus();
        subject->selectAll();
        QTest::keyClicks(subject, QStringLiteral("My version"));
        key(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(d->isVisible()); // not saved, not closed
        auto *error = d->findChild<QLabel *>(QStringLiteral("contactIdErrorLabel"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("someone else")), qPrintable(error->text()));
        QCOMPARE(stored(m_ids.last()).subject, QStringLiteral("Their version"));
        QCOMPARE(m_window->undoStack()->count(), 0);
        d->reject();
    }

    void conflictOnUndoIsReported()
    {
        QVERIFY(focusTimelineRow(0));
        QuickLogDialog *d = openEditor();
        QVERIFY(d);
        auto *subject = d->findChild<QLineEdit *>(QStringLiteral("subjectLineEdit"));
        subject->setFocus();
        subject->selectAll();
        QTest::keyClicks(subject, QStringLiteral("Mine"));
        key(Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!d->isVisible());
        Interaction theirs = stored(m_ids.last());
        theirs.subject = QStringLiteral("Theirs, later");
        QVERIFY(InteractionRepository(*m_db).update(theirs).ok());

        MessageBox::setNextAnswer(QMessageBox::Ok);
        m_window->undoStack()->undo();
        QCOMPARE(stored(m_ids.last()).subject, QStringLiteral("Theirs, later")); // not overwritten
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("someone else")),
            qPrintable(m_window->statusBar()->currentMessage()));
    }
};

QTEST_MAIN(TestTimelineEdit)
#include "tst_timelineedit.moc"
