// Field-level conflicts beyond contacts (issue 14): an organization, a campaign's brief and a pitch's stage,
// edited here while somebody else saves the same record on their own connection (as another person on the
// team database would). Different fields merge by themselves on Save; the same field opens the conflict
// dialog with original, theirs and mine, and the choice made there is what is saved. Run on SQLite and on the
// PostgreSQL of tests/run-tests.sh.
#include "campaigns/brieftab.h"
#include "campaigns/pipelinetab.h"
#include "contacts/conflictdialog.h"
#include "domain/pitchstatus.h"
#include "itemmodels/pitchboardmodel.h"
#include "organizations/organizationeditor.h"
#include "organizations/organizationsview.h"
#include "storage/campaignrepository.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "storage/pitchrepository.h"
#include "storage/userrepository.h"
#include "retype.h"
#include "testdatabase.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

// Somebody else's connection to the same database, signed in as Bob.
std::unique_ptr<Database> otherPerson(const DatabaseLocation &where)
{
    Result<std::unique_ptr<Database>> other = Database::open(where);
    if (!other)
        qFatal("opening a second connection failed: %s", qPrintable(other.error().message));
    if (!UserRepository(**other).ensureUser(u"bob"_s, u"Bob Stone"_s))
        qFatal("adding Bob failed");
    return std::move(other).value();
}

ConflictDialog *openDialog(QWidget *parent)
{
    ConflictDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] { return (dialog = parent->findChild<ConflictDialog *>()) && dialog->isVisible(); }, 10000);
    return shown ? dialog : nullptr;
}

QString cell(ConflictDialog *dialog, int row, int column)
{
    QTableWidgetItem *item = dialog->table()->item(row, column);
    return item ? item->text() : QString();
}

} // namespace

#define OPEN_DATABASE(db, location)                                                                                    \
    QFETCH_GLOBAL(QString, backend);                                                                                   \
    Result<DatabaseLocation> location = TestDatabase::freshLocation(backend);                                          \
    if (!location) {                                                                                                   \
        if (backend == u"sqlite" || TestDatabase::postgresRequired())                                                  \
            QFAIL(qPrintable(location.error().message));                                                               \
        QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");                                               \
    }                                                                                                                  \
    std::unique_ptr<Database> db = std::move(Database::open(*location)).value();                                      \
    QVERIFY(UserRepository(*db).signIn())

class TestRecordConflicts final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackends(); }

    void organizationFieldsMergeAndTheSameFieldAsks()
    {
        OPEN_DATABASE(db, location);
        Organization planet;
        planet.name = u"Daily Planet"_s;
        planet.kind = u"newspaper"_s;
        planet.city = u"Metropolis"_s;
        QVERIFY(OrganizationRepository(*db).create(planet));
        std::unique_ptr<Database> bob = otherPerson(*location);

        QUndoStack stack;
        OrganizationsView view(*db);
        view.setUndoStack(&stack);
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showOrganization(planet.id);
        auto *city = view.editor()->findChild<QLineEdit *>(u"cityLineEdit"_s);
        auto *notes = view.editor()->findChild<QPlainTextEdit *>(u"notesPlainTextEdit"_s);
        auto *save = view.editor()->findChild<QPushButton *>(u"saveButton"_s);
        QTRY_COMPARE(city->text(), u"Metropolis"_s);

        // Different fields: my notes, Bob's website. Saved together, nothing asked.
        retype(notes, u"Call before noon"_s);
        Organization theirs = *OrganizationRepository(*bob).get(planet.id);
        theirs.website = u"https://planet.example"_s;
        QVERIFY(OrganizationRepository(*bob).update(theirs));
        QTest::mouseClick(save, Qt::LeftButton);
        Organization saved = *OrganizationRepository(*bob).get(planet.id);
        QCOMPARE(saved.notes, u"Call before noon"_s);
        QCOMPARE(saved.website, u"https://planet.example"_s);
        QVERIFY(!view.findChild<ConflictDialog *>());
        QVERIFY(!view.editor()->isDirty());
        QCOMPARE(view.editor()->findChild<QLineEdit *>(u"websiteLineEdit"_s)->text(), u"https://planet.example"_s);

        // The same field: my city against Bob's; Bob also changed the country, which merges.
        retype(city, u"Smallville"_s);
        theirs = saved;
        theirs.city = u"Star City"_s;
        theirs.country = u"US"_s;
        QVERIFY(OrganizationRepository(*bob).update(theirs));
        QTest::mouseClick(save, Qt::LeftButton);
        ConflictDialog *dialog = openDialog(&view);
        QVERIFY(dialog);
        QCOMPARE(dialog->table()->rowCount(), 1);
        QCOMPARE(cell(dialog, 0, 0), u"City"_s);
        QCOMPARE(cell(dialog, 0, 1), u"Metropolis"_s);
        QCOMPARE(cell(dialog, 0, 2), u"Star City"_s);
        QCOMPARE(cell(dialog, 0, 3), u"Smallville"_s);
        QCOMPARE(OrganizationRepository(*bob).get(planet.id)->city, u"Star City"_s); // nothing saved yet
        dialog->setChoice(0, ConflictDialog::Original);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"saveMergedButton"_s), Qt::LeftButton);
        QTRY_COMPARE(OrganizationRepository(*bob).get(planet.id)->city, u"Metropolis"_s);
        QCOMPARE(OrganizationRepository(*bob).get(planet.id)->country, u"US"_s);
        QCOMPARE(city->text(), u"Metropolis"_s);

        // Undo goes back to what Bob had saved, not further.
        stack.undo();
        QTRY_COMPARE(OrganizationRepository(*bob).get(planet.id)->city, u"Star City"_s);
    }

    void campaignBriefFieldsMergeAndTheSameFieldAsks()
    {
        OPEN_DATABASE(db, location);
        Campaign launch;
        launch.name = u"Spring launch"_s;
        launch.goals = u"Ten articles"_s;
        QVERIFY(CampaignRepository(*db).create(launch));
        std::unique_ptr<Database> bob = otherPerson(*location);

        QUndoStack stack;
        BriefTab brief(*db, &stack);
        brief.resize(900, 900);
        static_cast<QWidget &>(brief).show(); // BriefTab::show(Campaign) hides it
        QVERIFY(QTest::qWaitForWindowExposed(&brief));
        brief.setCampaign(launch.id);
        auto *goals = brief.findChild<QPlainTextEdit *>(u"goalsTextEdit"_s);
        auto *save = brief.findChild<QPushButton *>(u"saveButton"_s);
        QTRY_COMPARE(goals->toPlainText(), u"Ten articles"_s);

        // Different fields: my goals, Bob's key messages and status.
        retype(goals, u"Twelve articles"_s);
        Campaign theirs = *CampaignRepository(*bob).get(launch.id);
        theirs.keyMessages = u"Faster and greener"_s;
        theirs.status = u"active"_s;
        QVERIFY(CampaignRepository(*bob).update(theirs));
        QTest::mouseClick(save, Qt::LeftButton);
        Campaign saved = *CampaignRepository(*bob).get(launch.id);
        QCOMPARE(saved.goals, u"Twelve articles"_s);
        QCOMPARE(saved.keyMessages, u"Faster and greener"_s);
        QCOMPARE(saved.status, u"active"_s);
        QVERIFY(!brief.findChild<ConflictDialog *>());
        QVERIFY(!brief.hasUnsavedChanges());
        QCOMPARE(brief.findChild<QPlainTextEdit *>(u"keyMessagesTextEdit"_s)->toPlainText(), u"Faster and greener"_s);

        // The same field: both changed the goals; Theirs is chosen.
        retype(goals, u"Mine: fifteen articles"_s);
        theirs = saved;
        theirs.goals = u"Bob's: eight good ones"_s;
        QVERIFY(CampaignRepository(*bob).update(theirs));
        QTest::mouseClick(save, Qt::LeftButton);
        ConflictDialog *dialog = openDialog(&brief);
        QVERIFY(dialog);
        QCOMPARE(dialog->table()->rowCount(), 1);
        QCOMPARE(cell(dialog, 0, 0), u"Goals"_s);
        QCOMPARE(cell(dialog, 0, 1), u"Twelve articles"_s);
        QCOMPARE(cell(dialog, 0, 2), u"Bob's: eight good ones"_s);
        QCOMPARE(cell(dialog, 0, 3), u"Mine: fifteen articles"_s);
        dialog->setChoice(0, ConflictDialog::Theirs);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"saveMergedButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!brief.hasUnsavedChanges());
        QCOMPARE(CampaignRepository(*bob).get(launch.id)->goals, u"Bob's: eight good ones"_s);
        QCOMPARE(goals->toPlainText(), u"Bob's: eight good ones"_s);
    }

    // Someone moved the record to the trash while it was being edited: Save does not write into a record in
    // the trash (before, an organization took the merged save and stayed in the trash with it); it says why,
    // keeps the typing, and saves nothing.
    void aRecordTrashedMeanwhileIsNotSavedInto()
    {
        OPEN_DATABASE(db, location);
        Organization planet;
        planet.name = u"Daily Planet"_s;
        planet.city = u"Metropolis"_s;
        QVERIFY(OrganizationRepository(*db).create(planet));
        Campaign launch;
        launch.name = u"Spring launch"_s;
        launch.goals = u"Ten articles"_s;
        QVERIFY(CampaignRepository(*db).create(launch));
        std::unique_ptr<Database> bob = otherPerson(*location);

        QUndoStack stack;
        OrganizationsView view(*db);
        view.setUndoStack(&stack);
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showOrganization(planet.id);
        auto *city = view.editor()->findChild<QLineEdit *>(u"cityLineEdit"_s);
        QTRY_COMPARE(city->text(), u"Metropolis"_s);
        retype(city, u"Smallville"_s);
        QVERIFY(OrganizationRepository(*bob).moveToTrash(planet.id));
        QTest::mouseClick(view.editor()->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        QVERIFY(!view.findChild<ConflictDialog *>());
        QCOMPARE(OrganizationRepository(*bob).get(planet.id)->city, u"Metropolis"_s);
        QCOMPARE(city->text(), u"Smallville"_s);
        QVERIFY(view.editor()->isDirty());
        const QString said = view.editor()->findChild<QLabel *>(u"bannerLabel"_s)->text();
        QVERIFY2(said.contains(u"trash"_s) && said.contains(u"Bob Stone"_s), qPrintable(said));

        BriefTab brief(*db, &stack);
        brief.resize(900, 900);
        static_cast<QWidget &>(brief).show();
        QVERIFY(QTest::qWaitForWindowExposed(&brief));
        brief.setCampaign(launch.id);
        auto *goals = brief.findChild<QPlainTextEdit *>(u"goalsTextEdit"_s);
        QTRY_COMPARE(goals->toPlainText(), u"Ten articles"_s);
        retype(goals, u"Twelve articles"_s);
        QVERIFY(CampaignRepository(*bob).moveToTrash(launch.id));
        QTest::mouseClick(brief.findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        QVERIFY(!brief.findChild<ConflictDialog *>());
        QCOMPARE(CampaignRepository(*bob).get(launch.id)->goals, u"Ten articles"_s);
        QCOMPARE(goals->toPlainText(), u"Twelve articles"_s);
        QVERIFY(brief.hasUnsavedChanges());
        const QString briefSaid = brief.findChild<QLabel *>(u"conflictLabel"_s)->text();
        QVERIFY2(briefSaid.contains(u"trash"_s) && briefSaid.contains(u"Bob Stone"_s), qPrintable(briefSaid));
    }

    void aPitchMovedOnAStaleBoardMergesOrAsks()
    {
        OPEN_DATABASE(db, location);
        Campaign launch;
        launch.name = u"Spring launch"_s;
        QVERIFY(CampaignRepository(*db).create(launch));
        Contact ada;
        ada.displayName = u"Ada Lovelace"_s;
        QVERIFY(ContactRepository(*db).create(ada));
        Result<PitchRepository::AddOutcome> added = PitchRepository(*db).addToMediaList(launch.id, { ada.id });
        QVERIFY(added && added->addedPitchIds.size() == 1);
        const qint64 pitch = added->addedPitchIds.first();
        std::unique_ptr<Database> bob = otherPerson(*location);

        QUndoStack stack;
        PipelineTab board(*db, &stack);
        board.resize(1000, 600);
        board.show();
        QVERIFY(QTest::qWaitForWindowExposed(&board));
        board.setCampaign(launch.id);
        board.reload();
        QTRY_VERIFY(board.model()->rowOf(pitch) >= 0);

        // Bob changes something else of the pitch (a reply proposal dismissed): the move goes ahead.
        const int version = PitchRepository(*bob).boardRow(pitch)->version;
        QVERIFY(PitchRepository(*bob).setReplyDismissedAt(pitch, QDateTime::currentDateTimeUtc(), version));
        board.movePitch(pitch, PitchStatus::indexOf(u"pitched"_s));
        QCOMPARE(PitchRepository(*bob).boardRow(pitch)->status, u"pitched"_s);
        QVERIFY(!board.findChild<ConflictDialog *>());

        // Bob moves it to Replied while this board still shows Pitched; moving it to Declined here asks.
        Result<PitchRepository::BoardRow> now = PitchRepository(*bob).boardRow(pitch);
        QVERIFY(PitchRepository(*bob).move(pitch, u"replied"_s, now->version));
        board.movePitch(pitch, PitchStatus::indexOf(u"declined"_s));
        ConflictDialog *dialog = openDialog(&board);
        QVERIFY(dialog);
        QCOMPARE(dialog->table()->rowCount(), 1);
        QCOMPARE(cell(dialog, 0, 1), PitchStatus::label(u"pitched"_s));
        QCOMPARE(cell(dialog, 0, 2), PitchStatus::label(u"replied"_s));
        QCOMPARE(cell(dialog, 0, 3), PitchStatus::label(u"declined"_s));
        QCOMPARE(PitchRepository(*bob).boardRow(pitch)->status, u"replied"_s); // nothing moved yet
        dialog->setChoice(0, ConflictDialog::Mine);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"saveMergedButton"_s), Qt::LeftButton);
        QTRY_COMPARE(PitchRepository(*bob).boardRow(pitch)->status, u"declined"_s);

        // Bob then changes something else of the pitch; Undo of the merged move goes back to Bob's stage
        // (Replied, what he saved), not to the stage this board had shown (Pitched), and keeps his change.
        const QDateTime dismissedAt = QDateTime::fromString(u"2026-11-30T10:00:00Z"_s, Qt::ISODate);
        QVERIFY(PitchRepository(*bob).setReplyDismissedAt(
            pitch, dismissedAt, PitchRepository(*bob).boardRow(pitch)->version));
        QSignalSpy failed(ChangeNotifier::instance(), &ChangeNotifier::changeFailed);
        QVERIFY(stack.canUndo());
        stack.undo();
        QCOMPARE(PitchRepository(*bob).boardRow(pitch)->status, u"replied"_s);
        QCOMPARE(PitchRepository(*bob).replyDismissedAt(pitch).value(), dismissedAt);
        QCOMPARE(failed.count(), 0);
        stack.redo();
        QCOMPARE(PitchRepository(*bob).boardRow(pitch)->status, u"declined"_s);

        // Bob moves it on to Covered: Undo no longer overwrites his stage; it says why and changes nothing.
        QVERIFY(PitchRepository(*bob).move(pitch, u"covered"_s, PitchRepository(*bob).boardRow(pitch)->version));
        stack.undo();
        QCOMPARE(PitchRepository(*bob).boardRow(pitch)->status, u"covered"_s);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(!failed.first().first().toString().isEmpty(), "the refused undo explains itself");
    }
};

QTEST_MAIN(TestRecordConflicts)
#include "tst_recordconflicts.moc"
