#include "inbox/inboxview.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSqlQuery>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

// The Inbox section driven by the keyboard: Enter links an author to the first suggested contact, Ctrl+Shift+N
// makes a contact of them, Delete ignores them; each is undone with Ctrl+Z and checked in the database.
class TestInboxView final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MainWindow> m_window;
    InboxView *m_view = nullptr;
    qint64 m_ana = 0;
    SocialAccount m_account;

    SyncItem item(const QString &handle, const QString &name, const QString &id, const QString &text, int minutesAgo)
    {
        SyncItem i;
        i.source = QStringLiteral("mastodon");
        i.externalId = QStringLiteral("https://news.social/statuses/") + id;
        i.channel = QStringLiteral("mention");
        i.occurredAt = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
        i.text = text;
        i.url = i.externalId;
        i.authorNetwork = QStringLiteral("mastodon");
        i.authorHandle = handle;
        i.authorName = name;
        return i;
    }
    // Interactions in a contact's timeline (0: in the Inbox) by an author.
    int itemsOf(const QString &handle, qint64 contactId)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(contactId ? QStringLiteral("SELECT COUNT(*) FROM interactions WHERE author_handle = :h AND "
                                             "contact_id = :c AND deleted_at IS NULL")
                            : QStringLiteral("SELECT COUNT(*) FROM interactions WHERE author_handle = :h AND "
                                             "contact_id IS NULL AND deleted_at IS NULL"));
        q.bindValue(QStringLiteral(":h"), handle);
        if (contactId)
            q.bindValue(QStringLiteral(":c"), contactId);
        if (!q.exec() || !q.next())
            qFatal("%s", qPrintable(m_db->errorFrom(q, QStringLiteral("count")).message));
        return q.value(0).toInt();
    }
    bool hasHandle(qint64 contactId, const QString &handle)
    {
        Result<Contact> c = ContactRepository(*m_db).get(contactId);
        if (!c)
            return false;
        for (const Handle &h : c->handles) {
            if (h.network == u"mastodon" && h.normalized == handle)
                return true;
        }
        return false;
    }
    QStringList inboxHandles()
    {
        QStringList handles;
        const Result<QList<InboxEntry>> inbox = SyncRepository(*m_db).inbox();
        for (const InboxEntry &e : *inbox)
            handles.append(e.handle);
        handles.sort();
        return handles;
    }
    QString sidebarText()
    {
        auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebarListWidget"));
        return sidebar->item(int(MainWindow::Section::Inbox))->text();
    }
    void undo() { QTest::keyClick(m_view->treeView(), Qt::Key_Z, Qt::ControlModifier); }
    void redo() { QTest::keyClick(m_view->treeView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier); }

private Q_SLOTS:
    void init()
    {
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        Contact ana;
        ana.firstName = QStringLiteral("Ana");
        ana.lastName = QStringLiteral("Silva");
        QVERIFY(ContactRepository(*m_db).create(ana));
        m_ana = ana.id;
        Contact other;
        other.displayName = QStringLiteral("Zoe Quinn");
        QVERIFY(ContactRepository(*m_db).create(other));

        SyncRepository repo(*m_db);
        m_account = SocialAccount{};
        m_account.network = Network::Mastodon;
        m_account.displayName = QStringLiteral("Agency");
        m_account.serverUrl = QStringLiteral("https://agency.social");
        m_account.handle = QStringLiteral("agency@agency.social");
        m_account.userId = m_db->currentUserId();
        QVERIFY2(repo.createAccount(m_account), "createAccount");
        const QList<SyncItem> items{
            item(QStringLiteral("ana@news.social"), QStringLiteral("Ana Silva"), QStringLiteral("1"),
                QStringLiteral("Loved the launch"), 30),
            item(QStringLiteral("ana@news.social"), QStringLiteral("Ana Silva"), QStringLiteral("2"),
                QStringLiteral("Any embargo on the figures?"), 10),
            item(QStringLiteral("bob@tech.example"), QStringLiteral("Bob Builder"), QStringLiteral("3"),
                QStringLiteral("Who makes this?"), 20),
            item(QStringLiteral("spam@bots.example"), QStringLiteral("Cheap Followers"), QStringLiteral("4"),
                QStringLiteral("Buy followers now"), 5),
        };
        Result<IngestReport> report = repo.ingestPage(m_account, QStringLiteral("notifications"), items, SyncCursor{});
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(report->toInbox, 4);

        m_window = std::make_unique<MainWindow>(*m_db);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_view = m_window->inboxView();
        QVERIFY(m_view);
        m_window->showSection(MainWindow::Section::Inbox);
        QTRY_COMPARE(m_view->authorCount(), 3);
        m_view->treeView()->setFocus();
    }
    void cleanup()
    {
        m_window.reset();
        m_db.reset();
    }

    void listAndSidebarCount()
    {
        QCOMPARE(sidebarText(), QStringLiteral("Inbox (3)"));
        QVERIFY(m_view->selectAuthor(QStringLiteral("mastodon"), QStringLiteral("ana@news.social")));
        const QModelIndex current = m_view->treeView()->currentIndex();
        QVERIFY(current.siblingAtColumn(0).data().toString().contains(QStringLiteral("Ana Silva")));
        QCOMPARE(current.siblingAtColumn(2).data().toString(), QStringLiteral("2"));
        // The newest item is shown for the selected author.
        auto *latest = m_view->findChild<QLabel *>(QStringLiteral("latestTextLabel"));
        QCOMPARE(latest->text(), QStringLiteral("Any embargo on the figures?"));
    }

    void enterLinksToFirstSuggestionAndUndo()
    {
        QVERIFY(m_view->selectAuthor(QStringLiteral("mastodon"), QStringLiteral("ana@news.social")));
        QVERIFY(!m_view->currentSuggestions().isEmpty());
        QCOMPARE(m_view->currentSuggestions().first().contactId, m_ana);
        auto *button = m_view->findChild<QPushButton *>(QStringLiteral("linkSuggestion0PushButton"));
        QVERIFY(button);
        QCOMPARE(button->text(), QStringLiteral("Link to Ana Silva"));

        QTest::keyClick(m_view->treeView(), Qt::Key_Return);
        QCOMPARE(itemsOf(QStringLiteral("ana@news.social"), m_ana), 2);
        QCOMPARE(itemsOf(QStringLiteral("ana@news.social"), 0), 0);
        QVERIFY(hasHandle(m_ana, QStringLiteral("ana@news.social")));
        QCOMPARE(m_view->authorCount(), 2);
        QCOMPARE(sidebarText(), QStringLiteral("Inbox (2)"));
        QVERIFY(m_view->currentEntry()); // the keyboard stays on a row

        undo();
        QCOMPARE(itemsOf(QStringLiteral("ana@news.social"), m_ana), 0);
        QCOMPARE(itemsOf(QStringLiteral("ana@news.social"), 0), 2);
        QVERIFY(!hasHandle(m_ana, QStringLiteral("ana@news.social")));
        QCOMPARE(m_view->authorCount(), 3);
        QCOMPARE(sidebarText(), QStringLiteral("Inbox (3)"));

        redo();
        QCOMPARE(itemsOf(QStringLiteral("ana@news.social"), m_ana), 2);
        QCOMPARE(m_view->authorCount(), 2);
    }

    void ctrlShiftNCreatesContactAndUndo()
    {
        QVERIFY(m_view->selectAuthor(QStringLiteral("mastodon"), QStringLiteral("bob@tech.example")));
        const qint64 before = *ContactRepository(*m_db).count();
        QTest::keyClick(m_view->treeView(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(*ContactRepository(*m_db).count(), before + 1);
        QCOMPARE(inboxHandles(), (QStringList{QStringLiteral("ana@news.social"), QStringLiteral("spam@bots.example")}));
        // The new contact carries the author's name and handle, and the item is in its timeline.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM contacts WHERE display_name = 'Bob Builder'")) && q.next());
        const qint64 bob = q.value(0).toLongLong();
        q.finish();
        QVERIFY(hasHandle(bob, QStringLiteral("bob@tech.example")));
        QCOMPARE(itemsOf(QStringLiteral("bob@tech.example"), bob), 1);

        undo();
        QCOMPARE(*ContactRepository(*m_db).count(), before);
        QVERIFY(ContactRepository(*m_db).get(bob)->inTrash);
        QCOMPARE(itemsOf(QStringLiteral("bob@tech.example"), 0), 1);
        QVERIFY(inboxHandles().contains(QStringLiteral("bob@tech.example")));
        QCOMPARE(m_view->authorCount(), 3);

        redo();
        QVERIFY(!ContactRepository(*m_db).get(bob)->inTrash);
        QCOMPARE(itemsOf(QStringLiteral("bob@tech.example"), bob), 1);
        QCOMPARE(m_view->authorCount(), 2);
    }

    void deleteIgnoresAndUndo()
    {
        QVERIFY(m_view->selectAuthor(QStringLiteral("mastodon"), QStringLiteral("spam@bots.example")));
        QTest::keyClick(m_view->treeView(), Qt::Key_Delete);
        QCOMPARE(itemsOf(QStringLiteral("spam@bots.example"), 0), 0);
        QVERIFY(!inboxHandles().contains(QStringLiteral("spam@bots.example")));
        QCOMPARE(m_view->authorCount(), 2);
        // Later items by the ignored author are skipped.
        Result<IngestReport> later = SyncRepository(*m_db).ingestPage(m_account, QStringLiteral("notifications"),
            {item(QStringLiteral("spam@bots.example"), QStringLiteral("Cheap Followers"), QStringLiteral("5"),
                QStringLiteral("Again"), 1)},
            SyncCursor{});
        QVERIFY(later);
        QCOMPARE(later->ignored, 1);

        undo();
        QCOMPARE(itemsOf(QStringLiteral("spam@bots.example"), 0), 1);
        QVERIFY(inboxHandles().contains(QStringLiteral("spam@bots.example")));
        QCOMPARE(m_view->authorCount(), 3);
    }

    void linkToTypedContact()
    {
        QVERIFY(m_view->selectAuthor(QStringLiteral("mastodon"), QStringLiteral("bob@tech.example")));
        auto *edit = m_view->findChild<QLineEdit *>(QStringLiteral("otherContactLineEdit"));
        QTest::keyClicks(edit, QStringLiteral("Nobody Known"));
        QTest::keyClick(edit, Qt::Key_Return);
        auto *error = m_view->findChild<QLabel *>(QStringLiteral("otherContactErrorLabel"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("Nobody Known")), qPrintable(error->text()));
        QCOMPARE(m_view->authorCount(), 3);

        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("Zoe Quinn"));
        QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("linkOtherPushButton")), Qt::LeftButton);
        QCOMPARE(m_view->authorCount(), 2);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM contacts WHERE display_name = 'Zoe Quinn'")) && q.next());
        QCOMPARE(itemsOf(QStringLiteral("bob@tech.example"), q.value(0).toLongLong()), 1);
        QCOMPARE(m_window->undoStack()->count(), 1);
    }
};

QTEST_MAIN(TestInboxView)
#include "tst_inboxview.moc"
