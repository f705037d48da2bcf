#include "campaigns/campaignworkspace.h"
#include "campaigns/medialisttab.h"
#include "campaigns/pipelinetab.h"
#include "campaigns/pitchboard.h"
#include "contacts/conflictdialog.h"
#include "domain/pitchstatus.h"
#include "itemmodels/medialistmodel.h"
#include "itemmodels/pitchboardmodel.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/interactionrepository.h"
#include "storage/pitchrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

// The Pipeline tab driven as a user does: keys (Ctrl+Right / Ctrl+Left, Alt+N) and mouse drags between the
// board's columns move pitches, each checked in the database with the test's own SQL (status, the stamp, the
// logged pitch interaction), undone and redone through the undo stack; a move someone else beat us to shows
// the notice and reloads; a reply proposal is accepted with one click.
class TestPipelineTab final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<PipelineTab> m_tab;
    qint64 m_campaign = 0;
    QList<qint64> m_pitches; // Amara, Ben, Cleo (name order)
    QList<qint64> m_people;

    QString statusOf(qint64 pitchId)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT status FROM pitches WHERE id = :id"));
        q.bindValue(QStringLiteral(":id"), pitchId);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }
    int pitchInteractions(qint64 pitchId)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM interactions WHERE pitch_id = :id AND channel = 'pitch' "
                                 "AND direction = 'outbound' AND deleted_at IS NULL"));
        q.bindValue(QStringLiteral(":id"), pitchId);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }
    QListView *column(const QString &status) { return m_tab->board()->columnView(PitchStatus::indexOf(status)); }
    // The card of a pitch in a column: its rectangle in the column's viewport.
    QRect cardRect(QListView *view, qint64 pitchId)
    {
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex i = view->model()->index(r, 0);
            if (i.data(PitchBoardModel::PitchIdRole).toLongLong() == pitchId)
                return view->visualRect(i);
        }
        return {};
    }
    void select(qint64 pitchId)
    {
        m_tab->board()->selectPitch(pitchId, true);
        QTRY_VERIFY(QApplication::focusWidget() != nullptr);
    }

private Q_SLOTS:
    void init()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        Result<User> anna = UserRepository(*m_db).ensureUser(QStringLiteral("anna"), QStringLiteral("Anna Berg"));
        QVERIFY(anna.ok());
        m_db->setCurrentUserId(anna->id);
        Campaign c;
        c.name = QStringLiteral("Spring launch");
        QVERIFY(CampaignRepository(*m_db).create(c).ok());
        m_campaign = c.id;
        m_people.clear();
        for (const QString &name :
            { QStringLiteral("Amara Okafor"), QStringLiteral("Ben Ode"), QStringLiteral("Cleo Park") }) {
            Contact p;
            p.displayName = name;
            QVERIFY(ContactRepository(*m_db).create(p).ok());
            m_people.append(p.id);
        }
        Result<PitchRepository::AddOutcome> added = PitchRepository(*m_db).addToMediaList(m_campaign, m_people);
        QVERIFY(added.ok());
        m_pitches = added->addedPitchIds;
        m_undo = std::make_unique<QUndoStack>();
        m_tab = std::make_unique<PipelineTab>(*m_db, m_undo.get());
        m_tab->resize(1200, 600);
        m_tab->setCampaign(m_campaign);
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
        QCOMPARE(m_tab->model()->rowCount(), 3);
        QCOMPARE(column(QStringLiteral("planned"))->model()->rowCount(), 3);
    }

    void cleanup()
    {
        m_tab.reset();
        m_undo.reset();
        m_db.reset();
    }

    // In a narrow window the board scrolls sideways rather than squeezing its columns: a card at the narrowest
    // column still shows a usual name and outlet whole (they were cut to "Claire Hoff…", "The Sunday …" at 1,180 px).
    void cardsShowAWholeNameAndOutletInANarrowWindow()
    {
        m_tab->resize(500, 600);
        QListView *planned = column(QStringLiteral("planned"));
        QTRY_VERIFY(planned->isVisible());
        const QRect card = cardRect(planned, m_pitches.at(0));
        QVERIFY(card.isValid());
        const int textWidth = card.width() - 2 * 3 - 2 * 8; // the card's margins and padding (PitchCardDelegate)
        QFont bold = planned->font();
        bold.setBold(true);
        QVERIFY2(QFontMetrics(bold).horizontalAdvance(QStringLiteral("Claire Hoffmann")) <= textWidth,
            qPrintable(QStringLiteral("card text %1 px").arg(textWidth)));
        QVERIFY2(QFontMetrics(planned->font()).horizontalAdvance(QStringLiteral("The Sunday Chronicle")) <= textWidth,
            qPrintable(QStringLiteral("card text %1 px").arg(textWidth)));
    }

    void keysMoveStampAndUndo()
    {
        select(m_pitches[0]);
        QListView *planned = column(QStringLiteral("planned"));
        QVERIFY(planned->hasFocus());
        QTest::keyClick(planned, Qt::Key_Right, Qt::ControlModifier);
        QCOMPARE(statusOf(m_pitches[0]), QStringLiteral("pitched"));
        QCOMPARE(pitchInteractions(m_pitches[0]), 1);
        QListView *pitched = column(QStringLiteral("pitched"));
        QCOMPARE(pitched->model()->rowCount(), 1);
        QVERIFY(pitched->hasFocus()); // the card moved and keeps the focus: the next key moves it on
        QCOMPARE(m_tab->currentPitchId(), m_pitches[0]);
        const QModelIndex card = pitched->model()->index(0, 0);
        QVERIFY2(card.data(PitchBoardModel::StampRole).toString().startsWith(QStringLiteral("Moved by Anna Berg on ")),
            qPrintable(card.data(PitchBoardModel::StampRole).toString()));
        QCOMPARE(m_tab->board()->columnHeader(1)->text(), QStringLiteral("Pitched · 1"));

        QTest::keyClick(pitched, Qt::Key_4, Qt::AltModifier); // Alt+4: Interested
        QCOMPARE(statusOf(m_pitches[0]), QStringLiteral("interested"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::ControlModifier);
        QCOMPARE(statusOf(m_pitches[0]), QStringLiteral("replied"));
        QCOMPARE(m_undo->count(), 3);

        m_undo->undo();
        QCOMPARE(statusOf(m_pitches[0]), QStringLiteral("interested"));
        m_undo->undo();
        m_undo->undo();
        QCOMPARE(statusOf(m_pitches[0]), QStringLiteral("planned"));
        QCOMPARE(pitchInteractions(m_pitches[0]), 0); // the logged pitch is taken back out
        QCOMPARE(column(QStringLiteral("planned"))->model()->rowCount(), 3); // the board followed the undo
        m_undo->redo();
        QCOMPARE(statusOf(m_pitches[0]), QStringLiteral("pitched"));
        QCOMPARE(pitchInteractions(m_pitches[0]), 1);
        QCOMPARE(column(QStringLiteral("pitched"))->model()->rowCount(), 1);

        // Plain Left / Right go from column to column.
        select(m_pitches[1]);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
        QCOMPARE(QApplication::focusWidget(), column(QStringLiteral("pitched")));
    }

    void dragACardToAnotherColumn()
    {
        QListView *planned = column(QStringLiteral("planned"));
        QListView *declined = column(QStringLiteral("declined"));
        const QRect card = cardRect(planned, m_pitches[1]);
        QVERIFY(card.isValid());
        const QPoint start = card.center();
        // The target: the middle of the Declined column, in the pressed viewport's coordinates.
        const QPoint target
            = planned->viewport()->mapFrom(m_tab.get(), declined->viewport()->mapTo(m_tab.get(), QPoint(40, 40)));
        QTest::mousePress(planned->viewport(), Qt::LeftButton, Qt::NoModifier, start);
        QTest::mouseMove(planned->viewport(), start + QPoint(5, 5));
        QTest::mouseMove(planned->viewport(), start + QPoint(30, 10));
        QTest::mouseMove(planned->viewport(), target);
        QTest::mouseRelease(planned->viewport(), Qt::LeftButton, Qt::NoModifier, target);
        QCOMPARE(statusOf(m_pitches[1]), QStringLiteral("declined"));
        QCOMPARE(pitchInteractions(m_pitches[1]), 1); // declined means it was pitched first
        QCOMPARE(declined->model()->rowCount(), 1);
        QCOMPARE(planned->model()->rowCount(), 2);
        QCOMPARE(m_undo->count(), 1);

        // A click without moving is no drag.
        const QRect other = cardRect(planned, m_pitches[2]);
        QTest::mouseClick(planned->viewport(), Qt::LeftButton, Qt::NoModifier, other.center());
        QCOMPARE(statusOf(m_pitches[2]), QStringLiteral("planned"));
        QCOMPARE(m_tab->currentPitchId(), m_pitches[2]);

        // Dropped back onto its own column: nothing moves.
        const QRect again = cardRect(planned, m_pitches[2]);
        QTest::mousePress(planned->viewport(), Qt::LeftButton, Qt::NoModifier, again.center());
        QTest::mouseMove(planned->viewport(), again.center() + QPoint(0, 30));
        QTest::mouseRelease(planned->viewport(), Qt::LeftButton, Qt::NoModifier, again.center() + QPoint(0, 30));
        QCOMPARE(statusOf(m_pitches[2]), QStringLiteral("planned"));
        QCOMPARE(m_undo->count(), 1);

        m_undo->undo();
        QCOMPARE(statusOf(m_pitches[1]), QStringLiteral("planned"));
        QCOMPARE(pitchInteractions(m_pitches[1]), 0);
    }

    void aMoveOnAStaleBoardAsksWhichStageToKeep()
    {
        // Another window (same database, its own repository call) moves Cleo first.
        PitchRepository other(*m_db);
        QVERIFY(other.move(m_pitches[2], QStringLiteral("pitched"), other.boardRow(m_pitches[2])->version).ok());
        // Our board still shows Cleo as planned (no notification reached it from the other window).
        QCOMPARE(column(QStringLiteral("planned"))->model()->rowCount(), 3);
        select(m_pitches[2]);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_6, Qt::AltModifier); // Alt+6: Covered
        // Both moved the same pitch: the conflict dialog asks (issue 14), the board shows where it is now.
        ConflictDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_tab->findChild<ConflictDialog *>()) && dialog->isVisible());
        QCOMPARE(dialog->table()->rowCount(), 1);
        QCOMPARE(dialog->table()->item(0, 1)->text(), PitchStatus::label(QStringLiteral("planned")));
        QCOMPARE(dialog->table()->item(0, 2)->text(), PitchStatus::label(QStringLiteral("pitched")));
        QCOMPARE(dialog->table()->item(0, 3)->text(), PitchStatus::label(QStringLiteral("covered")));
        QCOMPARE(statusOf(m_pitches[2]), QStringLiteral("pitched"));
        QCOMPARE(column(QStringLiteral("pitched"))->model()->rowCount(), 1); // reloaded
        // Cancel: nothing moves.
        dialog->reject();
        QTRY_VERIFY(!m_tab->findChild<ConflictDialog *>());
        QCOMPARE(statusOf(m_pitches[2]), QStringLiteral("pitched"));
        QCOMPARE(m_undo->count(), 0);
    }

    void aMoveOfAPitchThatIsGoneSaysSo()
    {
        PitchRepository other(*m_db);
        QVERIFY(other.removeFromMediaList({ m_pitches[2] }));
        select(m_pitches[2]);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_6, Qt::AltModifier); // Alt+6: Covered
        auto *notice = m_tab->findChild<QLabel *>(QStringLiteral("noticeLabel"));
        QVERIFY(notice->isVisible());
        QVERIFY(notice->text().contains(QStringLiteral("reloaded")));
        QVERIFY(!m_tab->findChild<ConflictDialog *>());
        QCOMPARE(m_undo->count(), 0);
    }

    void replyProposalAcceptedWithOneClick()
    {
        PitchRepository repo(*m_db);
        const QDateTime pitchedAt = QDateTime::currentDateTimeUtc().addDays(-5);
        const PitchRepository::MoveStamps stamps { pitchedAt, {} };
        QVERIFY(repo.move(m_pitches[1], QStringLiteral("pitched"), repo.boardRow(m_pitches[1])->version, &stamps).ok());
        Interaction reply;
        reply.contactId = m_people[1];
        reply.channel = QStringLiteral("email");
        reply.direction = QStringLiteral("inbound");
        reply.occurredAt = pitchedAt.addDays(2);
        reply.subject = QStringLiteral("Re: spring launch");
        QVERIFY(InteractionRepository(*m_db).create(reply).ok());
        m_tab->reload();
        QCOMPARE(m_tab->proposals().size(), 1);
        auto *accept = m_tab->findChild<QPushButton *>(QStringLiteral("acceptPushButton"));
        QVERIFY(accept && accept->isVisible());
        QTest::mouseClick(accept, Qt::LeftButton);
        QCOMPARE(statusOf(m_pitches[1]), QStringLiteral("replied"));
        QCOMPARE(repo.boardRow(m_pitches[1])->repliedAt, reply.occurredAt);
        QTRY_VERIFY(m_tab->proposals().isEmpty());
        QVERIFY(!m_tab->findChild<QWidget *>(QStringLiteral("proposalsWidget"))->isVisible());
        m_undo->undo();
        QCOMPARE(statusOf(m_pitches[1]), QStringLiteral("pitched"));
        QTRY_COMPARE(m_tab->proposals().size(), 1); // proposed again (read once the notifications are through)

        // Dismissed: gone, and back with undo.
        auto *dismiss = m_tab->findChild<QPushButton *>(QStringLiteral("dismissPushButton"));
        QTest::mouseClick(dismiss, Qt::LeftButton);
        QTRY_VERIFY(m_tab->proposals().isEmpty());
        m_undo->undo();
        QTRY_COMPARE(m_tab->proposals().size(), 1);
    }

    // In the campaign workspace: the Pipeline tab is opened from the tab bar with the mouse, a card is dragged,
    // and the Media list tab (opened next) shows the pitch's new status.
    void inTheWorkspace()
    {
        m_tab.reset();
        CampaignWorkspace workspace(*m_db, m_undo.get());
        workspace.resize(1300, 700);
        workspace.show();
        QVERIFY(QTest::qWaitForWindowExposed(&workspace));
        QVERIFY(workspace.openCampaign(m_campaign));
        QTabBar *bar = workspace.tabWidget()->tabBar();
        QTest::mouseClick(
            bar, Qt::LeftButton, Qt::NoModifier, bar->tabRect(int(CampaignWorkspace::Tab::Pipeline)).center());
        QCOMPARE(workspace.currentTab(), CampaignWorkspace::Tab::Pipeline);
        auto *pipeline = qobject_cast<PipelineTab *>(workspace.tab(CampaignWorkspace::Tab::Pipeline));
        QVERIFY(pipeline);
        QTRY_COMPARE(pipeline->model()->rowCount(), 3);
        QListView *planned = pipeline->board()->columnView(0);
        QListView *covered = pipeline->board()->columnView(5);
        QRect card;
        for (int r = 0; r < planned->model()->rowCount(); ++r)
            if (planned->model()->index(r, 0).data(PitchBoardModel::PitchIdRole).toLongLong() == m_pitches[0])
                card = planned->visualRect(planned->model()->index(r, 0));
        const QPoint start = card.center();
        const QPoint target
            = planned->viewport()->mapFrom(&workspace, covered->viewport()->mapTo(&workspace, QPoint(30, 30)));
        QTest::mousePress(planned->viewport(), Qt::LeftButton, Qt::NoModifier, start);
        QTest::mouseMove(planned->viewport(), start + QPoint(20, 0));
        QTest::mouseMove(planned->viewport(), target);
        QTest::mouseRelease(planned->viewport(), Qt::LeftButton, Qt::NoModifier, target);
        QCOMPARE(statusOf(m_pitches[0]), QStringLiteral("covered"));

        QTest::mouseClick(
            bar, Qt::LeftButton, Qt::NoModifier, bar->tabRect(int(CampaignWorkspace::Tab::MediaList)).center());
        auto *media = qobject_cast<MediaListTab *>(workspace.tab(CampaignWorkspace::Tab::MediaList));
        QVERIFY(media);
        QTRY_COMPARE(media->model()->rowCount(), 3);
        QCOMPARE(media->model()->index(0, MediaListModel::StatusColumn).data().toString(), QStringLiteral("Covered"));
    }

    void tableViewMovesWithTheSameKeys()
    {
        auto *tableButton = m_tab->findChild<QToolButton *>(QStringLiteral("tableToolButton"));
        QTest::mouseClick(tableButton, Qt::LeftButton);
        QVERIFY(m_tab->showingTable());
        QTableView *table = m_tab->table();
        QCOMPARE(table->model()->rowCount(), 3);
        QCOMPARE(table->model()->index(1, PitchBoardModel::NameColumn).data().toString(), QStringLiteral("Ben Ode"));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
            table->visualRect(table->model()->index(1, PitchBoardModel::NameColumn)).center());
        QCOMPARE(m_tab->currentPitchId(), m_pitches[1]);
        QTest::keyClick(table, Qt::Key_2, Qt::AltModifier);
        QCOMPARE(statusOf(m_pitches[1]), QStringLiteral("pitched"));
        QCOMPARE(table->model()->index(1, PitchBoardModel::StatusColumn).data().toString(), QStringLiteral("Pitched"));
        QVERIFY(table->model()
                    ->index(1, PitchBoardModel::MovedColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Anna Berg, ")));
        QTest::mouseClick(m_tab->findChild<QToolButton *>(QStringLiteral("boardToolButton")), Qt::LeftButton);
        QVERIFY(!m_tab->showingTable());
        QCOMPARE(m_tab->currentPitchId(), m_pitches[1]); // the selection follows the switch
    }
};

QTEST_MAIN(TestPipelineTab)
#include "tst_pipelinetab.moc"
