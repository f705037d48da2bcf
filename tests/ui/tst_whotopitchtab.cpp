// The Who to pitch tab driven as a user would: the list computed off the GUI thread, two people picked with a
// click and a Ctrl+click, added with Ctrl+Enter (checked with the test's own SQL), undone and redone with the
// undo stack, the Add button, Enter opening a person, and the list following a change of the brief's topics.
#include "campaigns/whotopitchtab.h"
#include "domain/campaign.h"
#include "itemmodels/pitchsuggestionmodel.h"
#include "plurals.h"
#include "storage/campaignrepository.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QIcon>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

class TestWhoToPitchTab final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<WhoToPitchTab> m_tab;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_campaign = 0;
    QHash<QString, qint64> m_people;

    qint64 person(const QString &name, const QStringList &beats, int health, bool consent = true, bool dnc = false)
    {
        Contact c;
        c.displayName = name;
        c.beats = beats;
        c.consentBasis = consent ? QStringLiteral("legitimate_interest") : QString();
        c.doNotContact = dnc;
        c.doNotContactReason = dnc ? QStringLiteral("asked by phone") : QString();
        if (!ContactRepository(*m_db).create(c))
            return 0;
        QSqlQuery q(m_db->connection());
        q.exec(QStringLiteral("UPDATE contacts SET health_score = %1 WHERE id = %2").arg(health).arg(c.id));
        m_people.insert(name, c.id);
        return c.id;
    }

    // Planned pitches of the campaign (live, i.e. on the media list), by contact.
    QList<qint64> mediaList()
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT contact_id FROM pitches WHERE campaign_id = :c AND deleted_at IS NULL "
                                 "AND status = 'planned' ORDER BY contact_id"));
        q.bindValue(QStringLiteral(":c"), m_campaign);
        QList<qint64> ids;
        if (q.exec())
            while (q.next())
                ids << q.value(0).toLongLong();
        return ids;
    }

    QStringList names()
    {
        QStringList out;
        for (int r = 0; r < m_tab->model()->rowCount(); ++r)
            out << m_tab->model()->index(r, PitchSuggestionModel::NameColumn).data().toString();
        return out;
    }

    // Waits for the next result of the worker.
    bool waitLoaded(QSignalSpy &spy)
    {
        if (!spy.isEmpty() || spy.wait(10000)) {
            spy.clear();
            return !m_tab->isLoading();
        }
        return false;
    }

    void clickRow(int row, Qt::KeyboardModifiers modifiers = {})
    {
        QTableView *view = m_tab->tableView();
        const QRect rect = view->visualRect(m_tab->model()->index(row, PitchSuggestionModel::NameColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, rect.center());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(Plurals::installEnglish());
    }

    void init()
    {
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        Campaign c;
        c.name = QStringLiteral("Smart thermostat launch");
        c.topics = { QStringLiteral("smart homes"), QStringLiteral("consumer tech") };
        QVERIFY(CampaignRepository(*m_db).create(c).ok());
        m_campaign = c.id;
        person(QStringLiteral("Ada Strong"), { QStringLiteral("consumer tech") }, 90);
        person(QStringLiteral("Ben Steady"), { QStringLiteral("smart home") }, 60);
        person(QStringLiteral("Cleo Unconsented"), { QStringLiteral("consumer tech") }, 40, false);
        person(QStringLiteral("Dan Refuses"), { QStringLiteral("consumer tech") }, 99, true, true);
        person(QStringLiteral("Eve Gardener"), { QStringLiteral("gardening") }, 95);

        m_undo = std::make_unique<QUndoStack>();
        m_tab = std::make_unique<WhoToPitchTab>(*m_db, m_undo.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_tab->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_tab->resize(1000, 600);
    }

    void cleanup()
    {
        m_tab.reset();
        m_tester.reset();
        m_undo.reset();
        m_db.reset();
        m_people.clear();
    }

    void ranksMarksAndLeavesOut()
    {
        QSignalSpy loaded(m_tab.get(), &WhoToPitchTab::loaded);
        m_tab->setCampaign(m_campaign);
        QVERIFY(loaded.isEmpty()); // nothing is read while hidden
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
        QVERIFY(m_tab->findChild<QProgressBar *>(QStringLiteral("busyProgressBar"))->isVisible() || !loaded.isEmpty());
        QVERIFY(waitLoaded(loaded));
        QVERIFY(!m_tab->findChild<QProgressBar *>(QStringLiteral("busyProgressBar"))->isVisible());
        QCOMPARE(names(),
            QStringList(
                { QStringLiteral("Ada Strong"), QStringLiteral("Ben Steady"), QStringLiteral("Cleo Unconsented") }));
        QCOMPARE(m_tab->findChild<QLabel *>(QStringLiteral("topicsLabel"))->text(),
            QStringLiteral("Topics: smart homes, consumer tech"));
        QCOMPARE(m_tab->findChild<QLabel *>(QStringLiteral("countLabel"))->text(), QStringLiteral("3 people"));
        const QModelIndex cleo = m_tab->model()->index(2, PitchSuggestionModel::NameColumn);
        QVERIFY(!cleo.data(PitchSuggestionModel::HasConsentRole).toBool());
        QVERIFY(!cleo.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(cleo.data(Qt::ToolTipRole).toString().contains(QStringLiteral("No consent or other legal basis")));
        QVERIFY(m_tab->model()
                    ->index(2, PitchSuggestionModel::ReasonsColumn)
                    .data()
                    .toString()
                    .endsWith(QStringLiteral("no recorded consent")));
        QVERIFY(m_tab->model()->index(0, PitchSuggestionModel::NameColumn).data(Qt::DecorationRole).isNull());
        const QString reasons = m_tab->model()->index(0, PitchSuggestionModel::ReasonsColumn).data().toString();
        QVERIFY2(
            reasons.startsWith(QStringLiteral("covers consumer tech; not pitched before; relationship strong (90)")),
            qPrintable(reasons));
        // The reasons wrap: the row is taller than one line when the column is narrow.
        m_tab->resize(520, 600);
        QTRY_VERIFY(m_tab->tableView()->rowHeight(0) > 2 * m_tab->tableView()->fontMetrics().height());
    }

    void addTwoWithClicksAndKeys()
    {
        QSignalSpy loaded(m_tab.get(), &WhoToPitchTab::loaded);
        m_tab->setCampaign(m_campaign);
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
        QVERIFY(waitLoaded(loaded));
        auto *add = m_tab->findChild<QPushButton *>(QStringLiteral("addToMediaListButton"));
        QVERIFY(!add->isEnabled());

        clickRow(0);
        clickRow(2, Qt::ControlModifier);
        QCOMPARE(m_tab->tableView()->selectionModel()->selectedRows().size(), 2);
        QVERIFY(add->isEnabled());
        QCOMPARE(add->text(), QStringLiteral("&Add 2 to Media List"));
        QTest::keyClick(m_tab->tableView(), Qt::Key_Return, Qt::ControlModifier);
        const QList<qint64> added { m_people.value(QStringLiteral("Ada Strong")),
            m_people.value(QStringLiteral("Cleo Unconsented")) };
        QCOMPARE(mediaList(), added);
        QCOMPARE(m_undo->count(), 1);
        QCOMPARE(m_undo->undoText(), QStringLiteral("Add 2 people to the media list"));
        // The campaign changed: the list is computed again without them.
        QVERIFY(waitLoaded(loaded));
        QCOMPARE(names(), QStringList({ QStringLiteral("Ben Steady") }));

        m_undo->undo();
        QVERIFY(mediaList().isEmpty());
        QVERIFY(waitLoaded(loaded));
        QCOMPARE(names().size(), 3);
        m_undo->redo();
        QCOMPARE(mediaList(), added);
        QVERIFY(waitLoaded(loaded));
        QCOMPARE(names(), QStringList({ QStringLiteral("Ben Steady") }));

        // One more with the button.
        clickRow(0);
        QCOMPARE(add->text(), QStringLiteral("&Add to Media List"));
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(mediaList().size(), 3);
        QCOMPARE(m_undo->count(), 2);
        QVERIFY(waitLoaded(loaded));
        QCOMPARE(m_tab->model()->rowCount(), 0);
        QVERIFY(m_tab->findChild<QLabel *>(QStringLiteral("messageLabel"))->isVisible());
    }

    void enterOpensThePerson()
    {
        QSignalSpy loaded(m_tab.get(), &WhoToPitchTab::loaded);
        QSignalSpy opened(m_tab.get(), &CampaignTab::contactActivated);
        m_tab->setCampaign(m_campaign);
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
        QVERIFY(waitLoaded(loaded));
        clickRow(1);
        QTest::keyClick(m_tab->tableView(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toLongLong(), m_people.value(QStringLiteral("Ben Steady")));
    }

    void followsTheTopics()
    {
        QSignalSpy loaded(m_tab.get(), &WhoToPitchTab::loaded);
        m_tab->setCampaign(m_campaign);
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
        QVERIFY(waitLoaded(loaded));
        clickRow(1); // Ben stays selected through a refresh that keeps him
        Campaign c = *CampaignRepository(*m_db).get(m_campaign);
        c.topics = { QStringLiteral("gardening"), QStringLiteral("smart homes") };
        QVERIFY(CampaignRepository(*m_db).update(c).ok());
        ChangeNotifier::instance()->notifyCampaigns({ m_campaign });
        QVERIFY(waitLoaded(loaded));
        QCOMPARE(names(), QStringList({ QStringLiteral("Eve Gardener"), QStringLiteral("Ben Steady") }));
        const QModelIndexList selected = m_tab->tableView()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.constFirst().data(PitchSuggestionModel::ContactIdRole).toLongLong(),
            m_people.value(QStringLiteral("Ben Steady")));

        c = *CampaignRepository(*m_db).get(m_campaign);
        c.topics.clear();
        QVERIFY(CampaignRepository(*m_db).update(c).ok());
        ChangeNotifier::instance()->notifyCampaigns({ m_campaign });
        QVERIFY(waitLoaded(loaded));
        QCOMPARE(m_tab->model()->rowCount(), 0);
        QVERIFY(
            m_tab->findChild<QLabel *>(QStringLiteral("messageLabel"))->text().contains(QStringLiteral("no topics")));

        // F5 computes again.
        QTest::keyClick(m_tab->tableView(), Qt::Key_F5);
        QVERIFY(m_tab->isLoading());
        QVERIFY(waitLoaded(loaded));

        // A refresh over one still running lets the first finish alone (no wait on the GUI thread) and shows
        // only the second.
        m_tab->refresh();
        m_tab->refresh();
        QVERIFY(waitLoaded(loaded));
        QVERIFY(!loaded.wait(300));
    }
};

QTEST_MAIN(TestWhoToPitchTab)
#include "tst_whotopitchtab.moc"
