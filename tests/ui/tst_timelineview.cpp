#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "interactions/timelinedelegate.h"
#include "interactions/timelineview.h"
#include "itemmodels/timelinemodel.h"
#include "mainwindow.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/interactionrepository.h"
#include "testdatabase.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>

// The Timeline tab of a profile: the contact's own interactions, newest first, with day headers, and the
// channel and text filters narrowing it.
class TestTimelineView final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
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
    void log(qint64 contact, const QString &channel, const QDateTime &at, const QString &subject)
    {
        Interaction i;
        i.contactId = contact;
        i.channel = channel;
        i.occurredAt = at.toUTC();
        i.subject = subject;
        if (Status s = InteractionRepository(*m_db).create(i); !s)
            qFatal("%s", qPrintable(s.error().message));
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        m_ada = add(QStringLiteral("Ada"), QStringLiteral("Lovelace"));
        m_bob = add(QStringLiteral("Bob"), QStringLiteral("Brown"));
        const QDate today = QDate::currentDate();
        log(m_ada, QStringLiteral("email"), QDateTime(today.addDays(-3), QTime(9, 0)), QStringLiteral("First pitch"));
        log(m_ada, QStringLiteral("call"), QDateTime(today.addDays(-3), QTime(16, 30)),
            QStringLiteral("Follow-up call"));
        log(m_ada, QStringLiteral("email"), QDateTime(today.addDays(-1), QTime(11, 0)), QStringLiteral("Numbers sent"));
        log(m_bob, QStringLiteral("meeting"), QDateTime(today.addDays(-2), QTime(12, 0)), QStringLiteral("Lunch"));
    }
    void cleanup() { m_db.reset(); }

    void showsTheContactNewestFirstWithDayHeaders()
    {
        MainWindow window(*m_db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showContact(m_ada));
        auto *editor = window.contactsView()->findChild<ContactEditor *>();
        auto *tabs = editor->findChild<QTabWidget *>(QStringLiteral("profileTabWidget"));
        QVERIFY(tabs);
        TimelineView *timeline = editor->timeline();
        tabs->setCurrentWidget(timeline);
        QTRY_VERIFY(timeline->isVisible());
        TimelineModel *model = timeline->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(0).data(TimelineModel::TitleRole).toString(), QStringLiteral("Numbers sent"));
        QCOMPARE(model->index(1).data(TimelineModel::TitleRole).toString(), QStringLiteral("Follow-up call"));
        QCOMPARE(model->index(2).data(TimelineModel::TitleRole).toString(), QStringLiteral("First pitch"));
        QVERIFY(model->index(0).data(TimelineModel::FirstOfDayRole).toBool());
        QVERIFY(model->index(1).data(TimelineModel::FirstOfDayRole).toBool());
        QVERIFY(!model->index(2).data(TimelineModel::FirstOfDayRole).toBool());
        // The header makes the first row of a day taller.
        QListView *list = timeline->listView();
        QVERIFY(list->visualRect(model->index(1)).height() > list->visualRect(model->index(2)).height());

        auto *channel = timeline->findChild<QComboBox *>(QStringLiteral("channelComboBox"));
        channel->setCurrentIndex(channel->findData(QStringLiteral("call")));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0).data(TimelineModel::TitleRole).toString(), QStringLiteral("Follow-up call"));
        channel->setCurrentIndex(0);
        QCOMPARE(model->rowCount(), 3);

        auto *search = timeline->findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
        QTest::keyClicks(search, QStringLiteral("numb"));
        QTRY_COMPARE(model->rowCount(), 1);
        search->clear();
        QTRY_COMPARE(model->rowCount(), 3);

        // Another contact: only theirs.
        QVERIFY(window.showContact(m_bob));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0).data(TimelineModel::TitleRole).toString(), QStringLiteral("Lunch"));
    }

    // A synced item whose source gave no date is shown at the time it was first seen, and says so.
    void syncedItemWithoutDateSaysSo()
    {
        const QDateTime seen = QDateTime::currentDateTimeUtc().addSecs(-2 * 3600);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.prepare(QStringLiteral(
            "INSERT INTO interactions (contact_id, channel, direction, occurred_at, subject, source, external_id, "
            "date_unknown, created_at, updated_at) VALUES (:contact, 'post', 'inbound', :at, 'Undated post', 'feed', "
            "'https://x.example/feed#1', 1, :at, :at)")));
        q.bindValue(QStringLiteral(":contact"), m_ada);
        q.bindValue(QStringLiteral(":at"), seen.toMSecsSinceEpoch());
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

        MainWindow window(*m_db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showContact(m_ada));
        auto *editor = window.contactsView()->findChild<ContactEditor *>();
        editor->findChild<QTabWidget *>(QStringLiteral("profileTabWidget"))->setCurrentWidget(editor->timeline());
        TimelineModel *model = editor->timeline()->model();
        QTRY_COMPARE(model->rowCount(), 4);
        const QModelIndex undated = model->index(0);
        QCOMPARE(undated.data(TimelineModel::TitleRole).toString(), QStringLiteral("Undated post"));
        QVERIFY(undated.data(TimelineModel::DateUnknownRole).toBool());
        QVERIFY(!model->index(1).data(TimelineModel::DateUnknownRole).toBool());

        QListView *list = editor->timeline()->listView();
        auto *delegate = qobject_cast<TimelineDelegate *>(list->itemDelegate());
        QVERIFY(delegate);
        const QString details = delegate->detailsText(undated);
        QVERIFY2(details.contains(QStringLiteral("date unknown, first seen %1")
                                      .arg(QLocale().toString(seen.toLocalTime(), QLocale::ShortFormat))),
            qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("via feed")), qPrintable(details));
        QVERIFY(!delegate->detailsText(model->index(1)).contains(QStringLiteral("date unknown")));
        // The row paints with it (and the view shows it first).
        QVERIFY(!list->grab().isNull());
        QCOMPARE(list->indexAt(list->visualRect(undated).center()), undated);
    }

    void reloadsWhenAConversationIsLogged()
    {
        MainWindow window(*m_db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showContact(m_bob));
        auto *editor = window.contactsView()->findChild<ContactEditor *>();
        editor->findChild<QTabWidget *>(QStringLiteral("profileTabWidget"))->setCurrentWidget(editor->timeline());
        QTRY_COMPARE(editor->timeline()->model()->rowCount(), 1);
        Interaction i;
        i.channel = QStringLiteral("call");
        i.occurredAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        i.subject = QStringLiteral("Quick check-in");
        auto rows = InteractionRepository(*m_db).createForContacts(i, { m_bob });
        QVERIFY(rows);
        QCOMPARE(editor->timeline()->model()->rowCount(), 1);
        // What the quick log and its undo say after writing.
        ChangeNotifier::instance()->notifyInteractions({ m_ada });
        QCOMPARE(editor->timeline()->model()->rowCount(), 1);
        ChangeNotifier::instance()->notifyInteractions({ m_bob });
        QCOMPARE(editor->timeline()->model()->rowCount(), 2);
        QCOMPARE(editor->timeline()->model()->index(0).data(TimelineModel::TitleRole).toString(),
            QStringLiteral("Quick check-in"));
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
