#include "contacts/contacteditor.h"
#include "contacts/contactform.h"
#include "contacts/contactsview.h"
#include "core/clock.h"
#include "interactions/healthpanel.h"
#include "interactions/quicklogdialog.h"
#include "itemmodels/contactlistmodel.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "storage/timelinequery.h"
#include "testdatabase.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

// The quick log driven by the keyboard as a person would: Ctrl+L, a name, Tab, a letter for the channel,
// Tab..., Ctrl+Enter; the row lands in the database and Ctrl+Z takes it back.
class TestQuickLog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_ada = 0, m_bob = 0;

    qint64 add(const QString &first, const QString &last)
    {
        Contact c;
        c.firstName = first;
        c.lastName = last;
        if (Status s = ContactRepository(*m_db).create(c); !s)
            qFatal("%s", qPrintable(s.error().message));
        return c.id;
    }
    QList<TimelineEntry> timeline(qint64 contactId)
    {
        TimelineFilter filter;
        filter.scopeId = contactId;
        auto page = TimelineQuery(*m_db, filter).page(std::nullopt, 50);
        if (!page)
            qFatal("%s", qPrintable(page.error().message));
        return *page;
    }
    QuickLogDialog *openByKeyboard()
    {
        QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
        auto *dialog = m_window->findChild<QuickLogDialog *>();
        auto *contacts = dialog ? dialog->findChild<QLineEdit *>(QStringLiteral("contactsLineEdit")) : nullptr;
        if (contacts && QTest::qWaitForWindowActive(dialog)
            && QTest::qWaitFor([contacts] { return QApplication::focusWidget() == contacts; }, 2000))
            return dialog;
        return nullptr;
    }
    static void type(const QString &text) { QTest::keyClicks(QApplication::focusWidget(), text); }
    static void key(Qt::Key k, Qt::KeyboardModifiers m = {}) { QTest::keyClick(QApplication::focusWidget(), k, m); }

private Q_SLOTS:
    void init()
    {
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        m_ada = add(QStringLiteral("Ada"), QStringLiteral("Lovelace"));
        m_bob = add(QStringLiteral("Bob"), QStringLiteral("Brown"));
        add(QStringLiteral("Bea"), QStringLiteral("Brown"));
        m_window = std::make_unique<MainWindow>(*m_db);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_db.reset();
    }

    void logsACallByKeyboardAndUndoes()
    {
        QAction *action = m_window->findChild<QAction *>(QStringLiteral("quickLogAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
        QuickLogDialog *dialog = openByKeyboard();
        QVERIFY(dialog);
        auto *contacts = dialog->findChild<QLineEdit *>(QStringLiteral("contactsLineEdit"));
        QTRY_COMPARE(QApplication::focusWidget(), contacts);

        type(QStringLiteral("Ada Lovelace"));
        key(Qt::Key_Tab);
        auto *channel = dialog->findChild<QComboBox *>(QStringLiteral("channelComboBox"));
        QTRY_COMPARE(QApplication::focusWidget(), channel);
        type(QStringLiteral("c"));
        QCOMPARE(channel->currentData().toString(), QStringLiteral("call"));
        key(Qt::Key_Tab); // direction
        type(QStringLiteral("i"));
        key(Qt::Key_Tab); // when
        auto *when = dialog->findChild<QLineEdit *>(QStringLiteral("whenLineEdit"));
        QCOMPARE(QApplication::focusWidget(), when);
        when->selectAll();
        type(QStringLiteral("yesterday 15:00"));
        key(Qt::Key_Tab); // subject
        type(QStringLiteral("Wants the exclusive"));
        key(Qt::Key_Tab); // notes
        QCOMPARE(QApplication::focusWidget(), dialog->findChild<QPlainTextEdit *>(QStringLiteral("notesPlainTextEdit")));
        type(QStringLiteral("Call back with numbers"));
        key(Qt::Key_Return, Qt::ControlModifier);

        QTRY_VERIFY(!dialog->isVisible());
        const QList<TimelineEntry> rows = timeline(m_ada);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().channel, QStringLiteral("call"));
        QCOMPARE(rows.first().direction, QStringLiteral("inbound"));
        QCOMPARE(rows.first().title, QStringLiteral("Wants the exclusive"));
        QCOMPARE(rows.first().at.toLocalTime(),
            QDateTime(QDate::currentDate().addDays(-1), QTime(15, 0)));

        QCOMPARE(m_window->undoStack()->count(), 1);
        m_window->findChild<QAction *>(QStringLiteral("undoAction"))->trigger();
        QVERIFY(timeline(m_ada).isEmpty());
        m_window->undoStack()->redo();
        QCOMPARE(timeline(m_ada).size(), 1);
    }

    void meetingWithSeveralContacts()
    {
        QuickLogDialog *dialog = openByKeyboard();
        QVERIFY(dialog);
        type(QStringLiteral("Ada Lovelace, Bob Brown"));
        key(Qt::Key_Tab);
        type(QStringLiteral("m"));
        key(Qt::Key_Enter, Qt::ControlModifier);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(timeline(m_ada).size(), 1);
        QCOMPARE(timeline(m_bob).size(), 1);
        QCOMPARE(timeline(m_bob).first().channel, QStringLiteral("meeting"));
        m_window->undoStack()->undo();
        QVERIFY(timeline(m_ada).isEmpty());
        QVERIFY(timeline(m_bob).isEmpty());
    }

    void tabTakesTheFirstSuggestion()
    {
        QuickLogDialog *dialog = openByKeyboard();
        QVERIFY(dialog);
        type(QStringLiteral("Bob"));
        key(Qt::Key_Tab);
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("contactsLineEdit"))->text(), QStringLiteral("Bob Brown"));
        QCOMPARE(QApplication::focusWidget(), dialog->findChild<QComboBox *>(QStringLiteral("channelComboBox")));
    }

    void errorsStayNextToTheFields()
    {
        QuickLogDialog *dialog = openByKeyboard();
        QVERIFY(dialog);
        type(QStringLiteral("Nobody Here"));
        key(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(dialog->isVisible());
        auto *contactError = dialog->findChild<QLabel *>(QStringLiteral("contactIdErrorLabel"));
        QVERIFY(contactError->isVisible());
        QVERIFY(contactError->text().contains(QStringLiteral("Nobody Here")));

        // Two Browns: the surname alone is ambiguous.
        auto *contacts = dialog->findChild<QLineEdit *>(QStringLiteral("contactsLineEdit"));
        contacts->setText(QStringLiteral("Brown"));
        auto *when = dialog->findChild<QLineEdit *>(QStringLiteral("whenLineEdit"));
        when->setText(QStringLiteral("someday"));
        QVERIFY(!dialog->save());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("occurredAtErrorLabel"))->isVisible());
        QVERIFY(contactError->text().contains(QStringLiteral("Several")));

        contacts->setText(QStringLiteral("Bob Brown"));
        when->setText(QStringLiteral("today 9:30"));
        QVERIFY(dialog->save());
        QVERIFY(!dialog->isVisible());
        QCOMPARE(timeline(m_bob).size(), 1);
        QCOMPARE(m_window->undoStack()->count(), 1);
    }

    void profileButtonPrefillsTheContact()
    {
        QVERIFY(m_window->showContact(m_bob));
        auto *editor = m_window->contactsView()->findChild<ContactEditor *>();
        auto *log = editor->findChild<QPushButton *>(QStringLiteral("logPushButton"));
        QVERIFY(log && log->isVisible());
        QElapsedTimer timer;
        timer.start();
        log->click();
        auto *dialog = m_window->findChild<QuickLogDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        qInfo("quick log opened in %lld ms", timer.elapsed()); // shown by click() itself, without waiting
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("contactsLineEdit"))->text(), QStringLiteral("Bob Brown"));
        QTRY_COMPARE(QApplication::focusWidget(), dialog->findChild<QComboBox *>(QStringLiteral("channelComboBox")));
        type(QStringLiteral("n"));
        auto *followUp = dialog->findChild<QLineEdit *>(QStringLiteral("followUpLineEdit"));
        followUp->setFocus();
        type(QStringLiteral("tomorrow 10:00"));
        key(Qt::Key_Return); // Enter in the last field saves
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(timeline(m_bob).size(), 1);
        QCOMPARE(timeline(m_bob).first().channel, QStringLiteral("note"));
        QCOMPARE(liveFollowUps(m_bob), 1);

        // Undoing the log removes the follow-up it made too; redo brings both back.
        m_window->undoStack()->undo();
        QCOMPARE(timeline(m_bob).size(), 0);
        QCOMPARE(liveFollowUps(m_bob), 0);
        m_window->undoStack()->redo();
        QCOMPARE(timeline(m_bob).size(), 1);
        QCOMPARE(liveFollowUps(m_bob), 1);
    }

    // Issue 10: a call logged as "yesterday 15:00" at 10:00 today is yesterday's, in the profile's health line,
    // in its "last contacted" line and in the list's Last contacted column, at once; undo takes it back in all
    // three.
    void loggingUpdatesTheProfileAndTheListAtOnce()
    {
        const QDate today = QDate::currentDate();
        FixedClock clock(QDateTime(today, QTime(10, 0)));
        ContactsView *view = m_window->contactsView();
        QVERIFY(m_window->showContact(m_ada));
        auto *editor = view->findChild<ContactEditor *>();
        QCOMPARE(editor->contactId(), m_ada);
        const int row = view->model()->rowOfId(m_ada);
        const QModelIndex cell = view->model()->index(row, ContactListModel::LastContactedColumn);
        QVERIFY(!cell.data(ContactListModel::SortRole).toDateTime().isValid()); // never, and painted so
        view->tableView()->viewport()->repaint();

        QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("logPushButton")), Qt::LeftButton);
        auto *dialog = m_window->findChild<QuickLogDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        auto *channel = dialog->findChild<QComboBox *>(QStringLiteral("channelComboBox"));
        QTRY_COMPARE(QApplication::focusWidget(), channel);
        type(QStringLiteral("c"));
        key(Qt::Key_Tab); // direction
        key(Qt::Key_Tab); // when
        auto *when = dialog->findChild<QLineEdit *>(QStringLiteral("whenLineEdit"));
        QCOMPARE(QApplication::focusWidget(), when);
        when->selectAll();
        type(QStringLiteral("yesterday 15:00"));
        key(Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!dialog->isVisible());

        const QDateTime yesterday(today.addDays(-1), QTime(15, 0));
        QVERIFY2(editor->healthPanel()->breakdownText().contains(QStringLiteral("Last spoke yesterday")),
            qPrintable(editor->healthPanel()->breakdownText()));
        QCOMPARE(cell.data(ContactListModel::SortRole).toDateTime().toLocalTime(), yesterday);
        QCOMPARE(cell.data(Qt::DisplayRole).toString(), QLocale().toString(yesterday.date(), QLocale::ShortFormat));
        auto *info = editor->form()->findChild<QLabel *>(QStringLiteral("infoLabel"));
        QVERIFY2(info->text().contains(QLocale().toString(yesterday, QLocale::ShortFormat)), qPrintable(info->text()));

        m_window->undoStack()->undo();
        QVERIFY(!cell.data(ContactListModel::SortRole).toDateTime().isValid());
        QVERIFY(!editor->healthPanel()->breakdownText().contains(QStringLiteral("Last spoke")));
        QVERIFY2(info->text().contains(QStringLiteral("never")), qPrintable(info->text()));
        m_window->undoStack()->redo();
        QCOMPARE(cell.data(ContactListModel::SortRole).toDateTime().toLocalTime(), yesterday);
    }

    // Issue 10: Ctrl+L with a contact selected starts with that contact, selected, so the keys stay the same:
    // Tab goes on with them, typing a name replaces them.
    void ctrlLPrefillsTheOpenContact()
    {
        QVERIFY(m_window->showContact(m_bob));
        m_window->contactsView()->tableView()->setFocus();
        QuickLogDialog *dialog = openByKeyboard();
        QVERIFY(dialog);
        auto *contacts = dialog->findChild<QLineEdit *>(QStringLiteral("contactsLineEdit"));
        QCOMPARE(contacts->text(), QStringLiteral("Bob Brown"));
        QCOMPARE(contacts->selectedText(), QStringLiteral("Bob Brown"));
        key(Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), dialog->findChild<QComboBox *>(QStringLiteral("channelComboBox")));
        type(QStringLiteral("m"));
        key(Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(timeline(m_bob).size(), 1);

        // Typing over the prefilled name logs with the person typed.
        m_window->activateWindow(); // as the window manager does when a dialog closes
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        dialog = openByKeyboard();
        QVERIFY(dialog);
        QCOMPARE(contacts->text(), QStringLiteral("Bob Brown"));
        type(QStringLiteral("Ada Lovelace"));
        QCOMPARE(contacts->text(), QStringLiteral("Ada Lovelace"));
        key(Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(timeline(m_ada).size(), 1);
        QCOMPARE(timeline(m_bob).size(), 1);
    }

    // Issue 10: namesakes are told apart in the completion by title and outlet, as in Ctrl+K, and the one
    // picked is the one logged.
    void completionTellsNamesakesApart()
    {
        Organization times;
        times.name = QStringLiteral("The Times");
        QVERIFY(OrganizationRepository(*m_db).create(times));
        auto namesake = [&](const QString &title, qint64 organization) {
            Contact c;
            c.firstName = QStringLiteral("Adaeze");
            c.lastName = QStringLiteral("Achterberg");
            c.title = title;
            c.organizationId = organization;
            if (Status s = ContactRepository(*m_db).create(c); !s)
                qFatal("%s", qPrintable(s.error().message));
            return c.id;
        };
        const qint64 editor = namesake(QStringLiteral("Editor"), times.id);
        const qint64 freelancer = namesake(QStringLiteral("Freelancer"), 0);
        QuickLogDialog *dialog = openByKeyboard();
        QVERIFY(dialog);
        type(QStringLiteral("Adaeze"));
        QAbstractItemView *popup = dialog->findChild<QCompleter *>(QStringLiteral("contactsCompleter"))->popup();
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(popup->model()->rowCount(), 2);
        QStringList shown;
        int freelancerRow = -1;
        for (int i = 0; i < popup->model()->rowCount(); ++i) {
            shown << popup->model()->index(i, 0).data(Qt::DisplayRole).toString();
            if (shown.last().contains(QStringLiteral("Freelancer")))
                freelancerRow = i;
        }
        QVERIFY2(shown.contains(QStringLiteral("Adaeze Achterberg — Editor, The Times")), qPrintable(shown.join(u'|')));
        QVERIFY2(freelancerRow >= 0, qPrintable(shown.join(u'|')));
        for (int i = 0; i <= freelancerRow; ++i)
            QTest::keyClick(popup, Qt::Key_Down);
        QTest::keyClick(popup, Qt::Key_Return);
        auto *contacts = dialog->findChild<QLineEdit *>(QStringLiteral("contactsLineEdit"));
        QTRY_COMPARE(contacts->text(), QStringLiteral("Adaeze Achterberg"));
        key(Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(timeline(freelancer).size(), 1);
        QCOMPARE(timeline(editor).size(), 0);
    }

    int liveFollowUps(qint64 contactId)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM follow_ups WHERE contact_id = :c AND deleted_at IS NULL"));
        q.bindValue(QStringLiteral(":c"), contactId);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }
};

QTEST_MAIN(TestQuickLog)
#include "tst_quicklog.moc"
