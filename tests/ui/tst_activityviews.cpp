#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "followups/coolingoffview.h"
#include "interactions/activitysection.h"
#include "interactions/activityview.h"
#include "interactions/healthpanel.h"
#include "interactions/timelineview.h"
#include "itemmodels/contactlistmodel.h"
#include "itemmodels/coolingoffmodel.h"
#include "itemmodels/timelinemodel.h"
#include "mainwindow.h"
#include "organizations/organizationeditor.h"
#include "organizations/organizationsview.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/followuprepository.h"
#include "storage/interactionrepository.h"
#include "storage/organizationrepository.h"
#include "storage/syncrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

// The views of the history beyond one profile: an organization's merged timeline, the Activity section
// (the team's latest conversations with its filters; Cooling off with its one-click follow-up) and the
// health breakdown in the profile and the list's tooltip.
class TestActivityViews final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_org = 0, m_ada = 0, m_bob = 0, m_cara = 0;
    qint64 m_me = 0, m_colleague = 0;

    qint64 add(const QString &first, const QString &last, qint64 organizationId = 0, qint64 ownerId = 0)
    {
        Contact c;
        c.firstName = first;
        c.lastName = last;
        c.organizationId = organizationId;
        c.ownerId = ownerId;
        if (Status s = ContactRepository(*m_db).create(c); !s)
            qFatal("%s", qPrintable(s.error().message));
        return c.id;
    }
    void log(qint64 contact, const QString &channel, const QDateTime &at, const QString &subject, qint64 user = 0,
        const QString &direction = QStringLiteral("outbound"))
    {
        Interaction i;
        i.contactId = contact;
        i.channel = channel;
        i.direction = direction;
        i.occurredAt = at.toUTC();
        i.subject = subject;
        i.userId = user;
        if (Status s = InteractionRepository(*m_db).create(i); !s)
            qFatal("%s", qPrintable(s.error().message));
    }
    static QStringList titles(const TimelineModel *model)
    {
        QStringList out;
        for (int r = 0; r < model->rowCount(); ++r)
            out << model->index(r).data(TimelineModel::ContactNameRole).toString() + QStringLiteral(": ")
                    + model->index(r).data(TimelineModel::TitleRole).toString();
        return out;
    }
    void openWindow()
    {
        m_window = std::make_unique<MainWindow>(*m_db);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        m_me = m_db->currentUserId();
        m_colleague = UserRepository(*m_db).ensureUser(QStringLiteral("cora"), QStringLiteral("Cora Colleague"))->id;
        m_db->setCurrentUserId(m_me);
        Organization o;
        o.name = QStringLiteral("Daily Ledger");
        o.kind = QStringLiteral("newspaper");
        QVERIFY(OrganizationRepository(*m_db).create(o).ok());
        m_org = o.id;
        m_ada = add(QStringLiteral("Ada"), QStringLiteral("Lovelace"), m_org);
        m_bob = add(QStringLiteral("Bob"), QStringLiteral("Brown"), m_org);
        m_cara = add(QStringLiteral("Cara"), QStringLiteral("Elsewhere"));
        const QDateTime now = QDateTime::currentDateTime();
        log(m_ada, QStringLiteral("email"), now.addDays(-40), QStringLiteral("Ada, long ago"));
        log(m_bob, QStringLiteral("call"), now.addDays(-3), QStringLiteral("Bob called"), m_colleague,
            QStringLiteral("inbound"));
        log(m_ada, QStringLiteral("meeting"), now.addDays(-2), QStringLiteral("Lunch with Ada"));
        log(m_cara, QStringLiteral("call"), now.addDays(-1), QStringLiteral("Cara elsewhere"), m_colleague);
    }
    void cleanup()
    {
        m_window.reset();
        m_db.reset();
    }

    void organizationTimelineMergesItsPeopleInOrder()
    {
        openWindow();
        m_window->showSection(MainWindow::Section::Organizations);
        m_window->organizationsView()->showOrganization(m_org);
        OrganizationEditor *editor = m_window->organizationsView()->editor();
        editor->tabWidget()->setCurrentWidget(editor->timeline());
        TimelineView *timeline = editor->timeline();
        QTRY_VERIFY(timeline->isVisible());
        QCOMPARE(titles(timeline->model()),
            QStringList({ QStringLiteral("Ada Lovelace: Lunch with Ada"), QStringLiteral("Bob Brown: Bob called"),
                QStringLiteral("Ada Lovelace: Ada, long ago") }));
        // Ctrl+Enter opens the entry's person.
        timeline->listView()->setFocus();
        timeline->listView()->setCurrentIndex(timeline->model()->index(1));
        QTRY_VERIFY(timeline->listView()->hasFocus());
        QTest::keyClick(timeline->listView(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_window->currentSection(), MainWindow::Section::Contacts);
        QCOMPARE(m_window->contactsView()->findChild<ContactEditor *>()->contactId(), m_bob);

        // A conversation logged with one of its people shows on the organization's timeline.
        m_window->showSection(MainWindow::Section::Organizations);
        QTRY_VERIFY(timeline->isVisible());
        log(m_bob, QStringLiteral("email"), QDateTime::currentDateTime().addSecs(-60), QStringLiteral("Bob, today"));
        Interaction i;
        i.channel = QStringLiteral("note");
        i.occurredAt = QDateTime::currentDateTimeUtc().addSecs(-30);
        i.subject = QStringLiteral("Note on Bob");
        QVERIFY(InteractionRepository(*m_db).createForContacts(i, { m_bob }).ok());
        ChangeNotifier::instance()->notifyInteractions({ m_bob });
        QTRY_COMPARE(timeline->model()->rowCount(), 5);
        QCOMPARE(titles(timeline->model()).first(), QStringLiteral("Bob Brown: Note on Bob"));
    }

    void activityFilters()
    {
        openWindow();
        m_window->showSection(MainWindow::Section::Activity);
        ActivityView *activity = m_window->activitySection()->activityView();
        QTRY_VERIFY(activity->isVisible());
        TimelineModel *model = activity->model();
        QCOMPARE(titles(model),
            QStringList(
                { QStringLiteral("Cara Elsewhere: Cara elsewhere"), QStringLiteral("Ada Lovelace: Lunch with Ada"),
                    QStringLiteral("Bob Brown: Bob called"), QStringLiteral("Ada Lovelace: Ada, long ago") }));

        auto *who = activity->findChild<QComboBox *>(QStringLiteral("userComboBox"));
        who->setCurrentIndex(who->findData(m_colleague));
        QCOMPARE(titles(model),
            QStringList({ QStringLiteral("Cara Elsewhere: Cara elsewhere"), QStringLiteral("Bob Brown: Bob called") }));
        QCOMPARE(model->index(0).data(TimelineModel::UserNameRole).toString(), QStringLiteral("Cora Colleague"));
        // By keyboard: the channel box, "m" for Meeting: none of the colleague's.
        auto *channel = activity->findChild<QComboBox *>(QStringLiteral("channelComboBox"));
        channel->setFocus();
        QTest::keyClicks(channel, QStringLiteral("m"));
        QCOMPARE(channel->currentData().toString(), QStringLiteral("meeting"));
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(activity->findChild<QLabel *>(QStringLiteral("emptyLabel"))->isVisible());
        who->setCurrentIndex(0); // everybody
        QCOMPARE(titles(model), QStringList({ QStringLiteral("Ada Lovelace: Lunch with Ada") }));
        channel->setCurrentIndex(0);

        activity->setPeriod(ActivityView::Period::Last7Days);
        QCOMPARE(model->rowCount(), 3);
        const QDate today = QDate::currentDate();
        activity->setRange(today.addDays(-3), today.addDays(-2));
        QCOMPARE(titles(model),
            QStringList({ QStringLiteral("Ada Lovelace: Lunch with Ada"), QStringLiteral("Bob Brown: Bob called") }));
        QVERIFY(activity->findChild<QDateEdit *>(QStringLiteral("fromDateEdit"))->isVisible());
        activity->setPeriod(ActivityView::Period::AnyTime);
        QCOMPARE(model->rowCount(), 4);

        // Enter opens the contact.
        QListView *list = activity->listView();
        list->setFocus();
        list->setCurrentIndex(model->index(2));
        QTRY_VERIFY(list->hasFocus());
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_COMPARE(m_window->currentSection(), MainWindow::Section::Contacts);
        QCOMPARE(m_window->contactsView()->findChild<ContactEditor *>()->contactId(), m_bob);
    }

    // Clicks the "Follow up" button drawn in the first row's last cell.
    static void clickFollowUpButton(QTreeView *tree, int row)
    {
        const QRect cell = tree->visualRect(tree->model()->index(row, CoolingOffModel::FollowUpColumn));
        QVERIFY(cell.isValid());
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, QPoint(cell.left() + 12, cell.center().y()));
    }
    static QString cell(QTreeView *tree, int row, int column)
    {
        return tree->model()->index(row, column).data().toString();
    }

    void coolingOffFollowUpInOneClickAndUndo()
    {
        // Dana was close (balanced, four channels, weekly) until 100 days ago, and owned by the colleague.
        const qint64 dana = add(QStringLiteral("Dana"), QStringLiteral("Quiet"), 0, m_colleague);
        const QDateTime now = QDateTime::currentDateTime();
        const QStringList channels
            = { QStringLiteral("email"), QStringLiteral("call"), QStringLiteral("meeting"), QStringLiteral("reply") };
        for (int k = 0; k < 40; ++k)
            log(dana, channels[k % 4], now.addDays(-100 - k * 5), QStringLiteral("Touch %1").arg(k), 0,
                k % 2 ? QStringLiteral("inbound") : QStringLiteral("outbound"));
        openWindow();
        m_window->showSection(MainWindow::Section::Activity);
        m_window->activitySection()->showCoolingOff();
        CoolingOffView *cooling = m_window->activitySection()->coolingOffView();
        QTRY_VERIFY(cooling->isVisible());
        // Read on a worker thread.
        QTRY_VERIFY(!cooling->isLoading());
        QCOMPARE(cooling->rows().size(), 1);
        QTreeView *tree = cooling->treeView();
        QCOMPARE(cell(tree, 0, CoolingOffModel::ContactColumn), QStringLiteral("Dana Quiet"));
        QCOMPARE(cell(tree, 0, CoolingOffModel::SilentColumn), QStringLiteral("100 days"));
        QCOMPARE(cell(tree, 0, CoolingOffModel::OwnerColumn), QStringLiteral("Cora Colleague"));
        QVERIFY(tree->model()
                    ->index(0, CoolingOffModel::HealthColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("last spoke 100 days ago")));

        QVERIFY(!tree->model()->index(0, 0).data(CoolingOffModel::HasFollowUpRole).toBool());
        clickFollowUpButton(tree, 0);
        Result<FollowUpRepository::Buckets> buckets = FollowUpRepository(*m_db).buckets();
        QVERIFY(buckets.ok());
        QCOMPARE(buckets->thisWeek.size() + buckets->later.size() + buckets->today.size(), 1);
        const FollowUp f = !buckets->thisWeek.isEmpty() ? buckets->thisWeek.first()
            : !buckets->later.isEmpty()                 ? buckets->later.first()
                                                        : buckets->today.first();
        QCOMPARE(f.contactId, dana);
        QCOMPARE(f.assigneeId, m_colleague);
        QCOMPARE(f.dueAt.toLocalTime(), QDateTime(QDate::currentDate().addDays(1), QTime(9, 0)));
        QVERIFY(f.note.contains(QStringLiteral("100 days")));
        // The row now says when, instead of offering the button again.
        QTRY_VERIFY(cell(tree, 0, CoolingOffModel::FollowUpColumn).startsWith(QStringLiteral("Due")));
        QVERIFY(tree->model()->index(0, 0).data(CoolingOffModel::HasFollowUpRole).toBool());
        QCOMPARE(m_window->undoStack()->count(), 1);
        // A click where the button was does nothing now.
        clickFollowUpButton(tree, 0);
        QCOMPARE(m_window->undoStack()->count(), 1);

        m_window->undoStack()->undo();
        QVERIFY(FollowUpRepository(*m_db).get(f.id)->inTrash);
        QTRY_VERIFY(!tree->model()->index(0, 0).data(CoolingOffModel::HasFollowUpRole).toBool());
        QVERIFY(cell(tree, 0, CoolingOffModel::FollowUpColumn).isEmpty());
        m_window->undoStack()->redo();
        QVERIFY(!FollowUpRepository(*m_db).get(f.id)->inTrash);
        m_window->undoStack()->undo();

        // By keyboard: Space on the row does the same.
        tree->setFocus();
        tree->setCurrentIndex(tree->model()->index(0, 0));
        QTRY_VERIFY(tree->hasFocus());
        QTest::keyClick(tree, Qt::Key_Space);
        QCOMPARE(m_window->undoStack()->count(), 1); // the undone step was replaced
        QTRY_VERIFY(cell(tree, 0, CoolingOffModel::FollowUpColumn).startsWith(QStringLiteral("Due")));
        // Enter opens the contact.
        QTest::keyClick(tree, Qt::Key_Return);
        QTRY_COMPARE(m_window->currentSection(), MainWindow::Section::Contacts);
        QCOMPARE(m_window->contactsView()->findChild<ContactEditor *>()->contactId(), dana);
    }

    // Issue 10: Cooling off showed "Looking for relationships…" without progress, and had no count and no
    // account-manager filter. A busy bar while it reads, the count, and "Who:" as on the Latest tab.
    void coolingOffCountFilterAndProgress()
    {
        const QDateTime now = QDateTime::currentDateTime();
        const QStringList channels
            = { QStringLiteral("email"), QStringLiteral("call"), QStringLiteral("meeting"), QStringLiteral("reply") };
        // "Mine" needs a signed-in user, as the application always has.
        const qint64 me = UserRepository(*m_db).ensureUser(QStringLiteral("mia"), QStringLiteral("Mia Manager"))->id;
        const qint64 dana = add(QStringLiteral("Dana"), QStringLiteral("Quiet"), 0, m_colleague);
        const qint64 emil = add(QStringLiteral("Emil"), QStringLiteral("Still"), 0, me);
        const qint64 finn = add(QStringLiteral("Finn"), QStringLiteral("Hush"), 0, me);
        for (qint64 id : { dana, emil, finn })
            for (int k = 0; k < 40; ++k)
                log(id, channels[k % 4], now.addDays(-100 - k * 5), QStringLiteral("Touch %1").arg(k), 0,
                    k % 2 ? QStringLiteral("inbound") : QStringLiteral("outbound"));
        openWindow();
        m_window->showSection(MainWindow::Section::Activity);
        m_window->activitySection()->showCoolingOff();
        CoolingOffView *cooling = m_window->activitySection()->coolingOffView();
        QTRY_VERIFY(cooling->isVisible());
        QTRY_VERIFY(!cooling->isLoading());
        QCOMPARE(cooling->rows().size(), 3);
        auto *count = cooling->findChild<QLabel *>(QStringLiteral("countLabel"));
        QVERIFY(count);
        QVERIFY2(count->text().startsWith(QStringLiteral("3 relationship")), qPrintable(count->text()));

        // While it reads: a busy bar, gone when the rows are there.
        auto *busy = cooling->findChild<QProgressBar *>(QStringLiteral("loadingProgressBar"));
        QVERIFY(busy);
        QVERIFY(!busy->isVisible());
        cooling->refresh();
        QVERIFY(cooling->isLoading());
        QVERIFY(busy->isVisible());
        QTRY_VERIFY(!cooling->isLoading());
        QVERIFY(!busy->isVisible());

        // Who: Mine, then the colleague's, with the keyboard.
        auto *who = cooling->findChild<QComboBox *>(QStringLiteral("ownerFilterComboBox"));
        QVERIFY(who);
        QCOMPARE(who->currentText(), QStringLiteral("Everybody"));
        who->setFocus();
        QTest::keyClick(who, Qt::Key_Down);
        QCOMPARE(who->currentText(), QStringLiteral("Mine"));
        QTreeView *tree = cooling->treeView();
        QCOMPARE(tree->model()->rowCount(), 2);
        QStringList names;
        for (int r = 0; r < tree->model()->rowCount(); ++r)
            names << cell(tree, r, CoolingOffModel::ContactColumn);
        names.sort();
        QCOMPARE(names, (QStringList { QStringLiteral("Emil Still"), QStringLiteral("Finn Hush") }));
        QCOMPARE(count->text(), QStringLiteral("2 of 3 relationships cooling off"));
        QTest::keyClick(who, Qt::Key_Down);
        QCOMPARE(who->currentText(), QStringLiteral("Cora Colleague"));
        QCOMPARE(tree->model()->rowCount(), 1);
        QCOMPARE(cell(tree, 0, CoolingOffModel::ContactColumn), QStringLiteral("Dana Quiet"));
        QCOMPARE(count->text(), QStringLiteral("1 of 3 relationships cooling off"));

        // The filter holds when the list is read again; the button follows up the row shown.
        cooling->refresh();
        QTRY_VERIFY(!cooling->isLoading());
        QCOMPARE(tree->model()->rowCount(), 1);
        clickFollowUpButton(tree, 0);
        Result<QList<FollowUp>> planned = FollowUpRepository(*m_db).openForContact(dana);
        QVERIFY(planned);
        QCOMPARE(planned->size(), 1);

        // Sorting by a column header click: names A→Z.
        QTest::keyClick(who, Qt::Key_Home);
        QCOMPARE(tree->model()->rowCount(), 3);
        tree->header()->setSortIndicator(CoolingOffModel::ContactColumn, Qt::AscendingOrder);
        QCOMPARE(cell(tree, 0, CoolingOffModel::ContactColumn), QStringLiteral("Dana Quiet"));
        QCOMPARE(cell(tree, 2, CoolingOffModel::ContactColumn), QStringLiteral("Finn Hush"));
    }

    void healthBreakdownInTheProfileAndTheList()
    {
        openWindow();
        QVERIFY(m_window->showContact(m_ada));
        HealthPanel *panel = m_window->contactsView()->findChild<ContactEditor *>()->healthPanel();
        QTRY_VERIFY(panel->isVisible());
        QVERIFY2(panel->scoreText().startsWith(QStringLiteral("Health ")), qPrintable(panel->scoreText()));
        QVERIFY2(panel->breakdownText().contains(QStringLiteral("Last spoke 2 days ago")),
            qPrintable(panel->breakdownText()));
        QVERIFY(panel->breakdownText().contains(QStringLiteral("Mostly outbound: 2 of 2 interactions were ours")));
        QVERIFY(panel->toolTip().contains(QStringLiteral("Recency")));
        // A new conversation updates it at once.
        log(m_ada, QStringLiteral("call"), QDateTime::currentDateTime().addSecs(-120), QStringLiteral("Quick call"), 0,
            QStringLiteral("inbound"));
        ChangeNotifier::instance()->notifyInteractions({ m_ada });
        QTRY_VERIFY(panel->breakdownText().contains(QStringLiteral("Last spoke today")));
        QVERIFY(!panel->breakdownText().contains(QStringLiteral("social media")));

        // Likes and boosts from the social sync show as engagement (not as conversations).
        SocialAccount feed;
        feed.network = Network::Feed;
        feed.serverUrl = QStringLiteral("https://ada.example/feed.xml");
        feed.contactId = m_ada;
        QVERIFY(SyncRepository(*m_db).createAccount(feed).ok());
        QList<SyncItem> likes;
        for (int n = 0; n < 3; ++n) {
            SyncItem like;
            like.kind = SyncItem::Kind::Engagement;
            like.engagement = n == 2 ? QStringLiteral("boost") : QStringLiteral("like");
            like.source = QStringLiteral("mastodon");
            like.externalId = QStringLiteral("notification:example.social/%1").arg(n);
            like.occurredAt = QDateTime::currentDateTimeUtc().addDays(-n);
            like.contactId = m_ada;
            likes << like;
        }
        QVERIFY(SyncRepository(*m_db).ingestPage(feed, QStringLiteral("test"), likes, {}).ok());
        ChangeNotifier::instance()->notifyInteractions({ m_ada });
        QTRY_VERIFY2(panel->breakdownText().contains(QStringLiteral("3 like(s), boost(s), follow(s) or quote(s) on social media in 90 days"))
                || panel->breakdownText().contains(QStringLiteral("3 likes, boosts, follows or quotes on social media in 90 days")),
            qPrintable(panel->breakdownText()));

        // The list's Health column explains itself in its tooltip.
        ContactListModel *model = m_window->contactsView()->model();
        bool found = false;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex index = model->index(r, ContactListModel::HealthColumn);
            if (model->index(r, 0).data(ContactListModel::IdRole).toLongLong() != m_ada)
                continue;
            const QString tip = index.data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.contains(QStringLiteral("Last spoke today")), qPrintable(tip));
            QVERIFY(tip.startsWith(QStringLiteral("Relationship health: ")));
            found = true;
        }
        QVERIFY(found);
    }
};

QTEST_MAIN(TestActivityViews)
#include "tst_activityviews.moc"
