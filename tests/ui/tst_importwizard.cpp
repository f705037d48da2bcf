// The import wizard driven as a user would: File → Import… by its shortcut, or a .csv/.vcf dropped on the
// window (a real QDropEvent through the window), the path typed, Return for Next, cells fixed with F2 and
// typing, duplicates chosen with the keyboard, Cancel clicked while the import runs; on real SQLite files,
// checked with the test's own SQL. Then Edit → Undo (Ctrl+Z) and File → Import History undo the batch.
#include "common/backgroundjob.h"
#include "common/messagebox.h"
#include "contacts/contactsview.h"
#include "heartbeat.h"
#include "import/importcontroller.h"
#include "import/importhistorydialog.h"
#include "import/importwizard.h"
#include "itemmodels/importduplicatesmodel.h"
#include "itemmodels/importpreviewmodel.h"
#include "mainwindow.h"
#include "plurals.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

const QByteArray kGoogle
    = "First Name,Last Name,Organization Name,Organization Title,Labels,E-mail 1 - Label,E-mail 1 - "
      "Value,Phone 1 - Label,Phone 1 - Value\r\n"
      "Anna,M\xC3\xBCller,Tagesblatt,Redakteurin,* myContacts ::: Tech,* Work,anna@tagesblatt.example,"
      "Mobile,+49 170 1\r\n"
      "Ben,Ortiz,Daily Post,Editor,,Work,ben@post.example,,\r\n"
      "Cara,,,,,Work,not-an-email,,\r\n";

QString write(const QString &name, const QByteArray &bytes)
{
    const QString path = QDir(TestDatabase::tempDir()).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("writing %s failed", qPrintable(path));
    return path;
}

std::unique_ptr<Database> database()
{
    Result<std::unique_ptr<Database>> db = TestDatabase::create(u"sqlite"_s);
    if (!db)
        qFatal("opening a test database failed: %s", qPrintable(db.error().message));
    return std::move(db).value();
}

qint64 addContact(Database &db, const QString &name, const QString &email, const QString &title)
{
    Contact c;
    c.displayName = name;
    c.title = title;
    c.emails = { { u"work"_s, email } };
    if (Status s = ContactRepository(db).create(c); !s)
        qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    return c.id;
}

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        qFatal("query failed: %s", qPrintable(sql));
    return q.value(0).toLongLong();
}

QString text(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return QString();
    return q.value(0).toString();
}

QStringList liveNames(Database &db)
{
    QSqlQuery q(db.connection());
    QStringList names;
    if (q.exec(u"SELECT display_name FROM contacts WHERE deleted_at IS NULL ORDER BY display_name"_s))
        while (q.next())
            names << q.value(0).toString();
    return names;
}

// Return on the wizard: its default button (Next, Import, Finish), as the keyboard does.
void pressReturn(ImportWizard *wizard)
{
    QTest::keyClick(wizard, Qt::Key_Return);
}

bool pageDone(ImportWizard *wizard)
{
    return wizard->currentPage() && wizard->currentPage()->isComplete();
}

// F2 on a cell, the text typed into the editor, Return.
void editCell(QTableView *table, const QModelIndex &index, const QString &value)
{
    table->setFocus();
    table->setCurrentIndex(index);
    QTest::keyClick(table, Qt::Key_F2);
    QWidget *editor = table->window()->focusWidget();
    QVERIFY(editor && editor != table);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, value);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(!table->isPersistentEditorOpen(index) && table->window()->focusWidget() != editor);
}

} // namespace

class TestImportWizard final : public QObject
{
    Q_OBJECT

    // Opens the wizard with its shortcut and types the path.
    ImportWizard *openWithKeys(MainWindow &window, const QString &path)
    {
        window.activateWindow();
        if (!QTest::qWaitForWindowActive(&window))
            return nullptr;
        QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier | Qt::ShiftModifier);
        ImportWizard *wizard = window.importController()->wizard();
        if (!wizard)
            return nullptr;
        if (!QTest::qWaitForWindowActive(wizard))
            return nullptr;
        auto *file = wizard->findChild<QLineEdit *>(u"fileLineEdit"_s);
        file->setFocus();
        QTest::keyClicks(file, path);
        // Read once typing pauses: the page is complete, or says what is wrong.
        auto *error = wizard->findChild<QLabel *>(u"fileErrorLabel"_s);
        if (!QTest::qWaitFor([&] { return pageDone(wizard) || !error->isHidden(); }, 10000))
            return nullptr;
        return wizard;
    }

    // From the preview on: Return until the import ran, then Finish.
    static void runToTheEnd(ImportWizard *wizard)
    {
        while (wizard->currentId() != ImportWizard::RunPage) {
            QTRY_VERIFY_WITH_TIMEOUT(pageDone(wizard), 20000);
            const int before = wizard->currentId();
            pressReturn(wizard);
            QVERIFY(wizard->currentId() != before);
        }
        QTRY_VERIFY_WITH_TIMEOUT(pageDone(wizard), 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(Plurals::installEnglish());
        qputenv("RAPPORT_IMPORT_PRESETS_DIR", QDir(TestDatabase::tempDir()).filePath(u"presets"_s).toUtf8());
        BackgroundJob::setDialogDelayForTesting(0);
    }
    void init()
    {
        QSettings().clear();
        MessageBox::setNextAnswer(QMessageBox::NoButton);
    }

    void importsAGoogleCsvWithTheKeyboard()
    {
        auto db = database();
        const QString csv = write(u"google.csv"_s, kGoogle);
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableView *>(u"contactsTableView"_s);
        QCOMPARE(table->model()->rowCount(), 0);

        ImportWizard *wizard = openWithKeys(window, csv);
        QVERIFY(wizard);
        QCOMPARE(wizard->currentId(), int(ImportWizard::FilePage));
        QVERIFY(wizard->findChild<QLabel *>(u"detectedLabel"_s)->text().contains(u"Google Contacts CSV"_s));
        QCOMPARE(wizard->findChild<QComboBox *>(u"encodingComboBox"_s)->currentText(), u"UTF-8"_s);
        QCOMPARE(wizard->findChild<QComboBox *>(u"delimiterComboBox"_s)->currentData().toString(), u","_s);
        QTRY_VERIFY(pageDone(wizard));
        pressReturn(wizard);

        // The mapping: Google's preset, recognised from the header.
        QCOMPARE(wizard->currentId(), int(ImportWizard::MappingPage));
        auto *preset = wizard->findChild<QComboBox *>(u"presetComboBox"_s);
        QVERIFY2(preset->currentText().startsWith(u"Google Contacts (recognised)"_s), qPrintable(preset->currentText()));
        auto *mapping = wizard->findChild<QTableWidget *>(u"mappingTableWidget"_s);
        QCOMPARE(mapping->rowCount(), 9);
        QCOMPARE(qobject_cast<QComboBox *>(mapping->cellWidget(0, 2))->currentData().toString(), u"first_name"_s);
        pressReturn(wizard);

        // The preview: Cara's email is a problem, said with her row; fixed in place with F2.
        QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage));
        QTRY_VERIFY(pageDone(wizard));
        auto *preview = wizard->findChild<QTableView *>(u"previewTableView"_s);
        QCOMPARE(preview->model()->rowCount(), 3);
        const QModelIndex problems = preview->model()->index(2, ImportPreviewModel::ProblemsColumn);
        QVERIFY2(problems.data(Qt::ToolTipRole).toString().contains(u"Row 3 (line 4): “not-an-email” is not a valid"_s),
            qPrintable(problems.data(Qt::ToolTipRole).toString()));
        QVERIFY(wizard->findChild<QLabel *>(u"previewStatusLabel"_s)->text().contains(u"1 with problems"_s));
        editCell(preview, preview->model()->index(2, ImportPreviewModel::EmailsColumn), u"cara@example.com"_s);
        QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage)); // Enter ended the edit, nothing more
        QTRY_VERIFY(preview->model()->index(2, ImportPreviewModel::ProblemsColumn).data().toString().isEmpty());
        QVERIFY(wizard->findChild<QLabel *>(u"previewStatusLabel"_s)->text().contains(u"No problems"_s));
        pressReturn(wizard);

        QCOMPARE(wizard->currentId(), int(ImportWizard::DuplicatesPage));
        QTRY_VERIFY(pageDone(wizard));
        QVERIFY(wizard->findChild<QLabel *>(u"duplicatesStatusLabel"_s)->text().contains(u"Nobody in the file"_s));
        pressReturn(wizard); // Import
        QCOMPARE(wizard->currentId(), int(ImportWizard::RunPage));
        QTRY_VERIFY_WITH_TIMEOUT(pageDone(wizard), 20000);
        const QString summary = wizard->findChild<QLabel *>(u"summaryLabel"_s)->text();
        QVERIFY2(summary.contains(u"3 contacts created"_s), qPrintable(summary));
        QVERIFY(summary.contains(u"2 organizations created"_s));
        pressReturn(wizard); // Finish
        QTRY_VERIFY(!window.importController()->wizard());

        QCOMPARE(liveNames(*db), (QStringList { u"Anna Müller"_s, u"Ben Ortiz"_s, u"Cara"_s }));
        QCOMPARE(text(*db, u"SELECT title FROM contacts WHERE display_name = 'Anna Müller'"_s), u"Redakteurin"_s);
        QCOMPARE(text(*db, u"SELECT email FROM contact_emails e JOIN contacts c ON c.id = e.contact_id "
                            "WHERE c.display_name = 'Cara'"_s),
            u"cara@example.com"_s);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM import_batches WHERE finished_at IS NOT NULL"_s), 1);
        // The list shows them without a restart, and Undo offers the import.
        QTRY_COMPARE(table->model()->rowCount(), 3);
        QCOMPARE(window.undoStack()->undoText(), u"Import google.csv"_s);
    }

    void droppedVCardOpensTheWizard()
    {
        auto db = database();
        const QString vcf = write(u"phone.vcf"_s,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lopez;Lina;;;\r\nFN:Lina Lopez\r\nORG:Radio Uno\r\n"
            "EMAIL;TYPE=INTERNET,WORK:lina@radio.example\r\nEND:VCARD\r\n");
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // A text file is refused, the vCard accepted; both through the window as a drag would come.
        QMimeData other;
        other.setUrls({ QUrl::fromLocalFile(write(u"notes.pdf"_s, "%PDF")) });
        const QPoint at = window.statusBar()->mapTo(&window, window.statusBar()->rect().center());
        QDragEnterEvent refused(at, Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.windowHandle(), &refused);
        QVERIFY(!refused.isAccepted());

        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(vcf) });
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.windowHandle(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.windowHandle(), &drop);
        QVERIFY(drop.isAccepted());

        ImportWizard *wizard = window.importController()->wizard();
        QVERIFY(wizard);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        QCOMPARE(wizard->findChild<QLineEdit *>(u"fileLineEdit"_s)->text(), QDir::toNativeSeparators(vcf));
        QCOMPARE(wizard->findChild<QComboBox *>(u"formatComboBox"_s)->currentData().toString(), u"vcard"_s);
        QVERIFY(wizard->findChild<QLabel *>(u"detectedLabel"_s)->text().contains(u"vCard 3.0"_s));
        QVERIFY(!wizard->findChild<QComboBox *>(u"delimiterComboBox"_s)->isVisible());
        QTRY_VERIFY(pageDone(wizard));
        pressReturn(wizard);
        QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage)); // no mapping for vCards
        runToTheEnd(wizard);
        QCOMPARE(liveNames(*db), QStringList { u"Lina Lopez"_s });
        QCOMPARE(text(*db, u"SELECT o.name FROM contacts c JOIN organizations o ON o.id = c.organization_id"_s),
            u"Radio Uno"_s);
    }

    void duplicateChoicesAreHonoured()
    {
        auto db = database();
        addContact(*db, u"Anna Müller"_s, u"anna@tagesblatt.example"_s, u"Reporter"_s);
        addContact(*db, u"Ben Ortiz"_s, u"ben@post.example"_s, u"Intern"_s);
        const QString csv = write(u"again.csv"_s, kGoogle);
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ImportWizard *wizard = openWithKeys(window, csv);
        QVERIFY(wizard);
        for (int page : { ImportWizard::FilePage, ImportWizard::MappingPage, ImportWizard::PreviewPage }) {
            QCOMPARE(wizard->currentId(), page);
            QTRY_VERIFY(pageDone(wizard));
            pressReturn(wizard);
        }
        QCOMPARE(wizard->currentId(), int(ImportWizard::DuplicatesPage));
        QTRY_VERIFY(pageDone(wizard));
        auto *duplicates = wizard->findChild<QTableView *>(u"duplicatesTableView"_s);
        QCOMPARE(duplicates->model()->rowCount(), 2);
        QVERIFY(duplicates->model()->index(0, ImportDuplicatesModel::ReasonColumn).data().toString().contains(
            u"anna@tagesblatt.example"_s));

        // For all: "Fill empty fields" (one key down from Skip); Ben alone: Overwrite (F2, two keys down, Return).
        auto *forAll = wizard->findChild<QComboBox *>(u"duplicateActionComboBox"_s);
        forAll->setFocus();
        QTest::keyClick(forAll, Qt::Key_Down);
        QCOMPARE(forAll->currentData().toString(), u"fill"_s);
        const int benRow = duplicates->model()->index(0, ImportDuplicatesModel::ExistingColumn).data().toString()
                == u"Ben Ortiz"_s
            ? 0
            : 1;
        duplicates->setFocus();
        duplicates->setCurrentIndex(duplicates->model()->index(benRow, ImportDuplicatesModel::ActionColumn));
        QTest::keyClick(duplicates, Qt::Key_F2);
        auto *combo = qobject_cast<QComboBox *>(wizard->focusWidget());
        QVERIFY(combo);
        QTest::keyClick(combo, Qt::Key_Down);
        QTest::keyClick(combo, Qt::Key_Return);
        QCOMPARE(wizard->currentId(), int(ImportWizard::DuplicatesPage)); // Enter ended the edit, nothing more
        QTRY_COMPARE(duplicates->model()->index(benRow, ImportDuplicatesModel::ActionColumn).data(Qt::EditRole).toString(),
            u"overwrite"_s);

        runToTheEnd(wizard);
        QVERIFY(wizard->findChild<QLabel *>(u"summaryLabel"_s)->text().contains(u"2 contacts updated"_s));
        // Anna kept her title (filled only what was empty) and gained a phone; Ben's title was overwritten.
        QCOMPARE(text(*db, u"SELECT title FROM contacts WHERE display_name = 'Anna Müller'"_s), u"Reporter"_s);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contact_phones p JOIN contacts c ON c.id = p.contact_id "
                             "WHERE c.display_name = 'Anna Müller'"_s),
            1);
        QCOMPARE(text(*db, u"SELECT title FROM contacts WHERE display_name = 'Ben Ortiz'"_s), u"Editor"_s);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 2); // Cara's row had a problem
    }

    void cancelLeavesNothingAndTheWindowKeepsPainting()
    {
        auto db = database();
        addContact(*db, u"Zoe Zimmer"_s, u"zoe@example.com"_s, QString());
        QByteArray csv = "name,email,organization\n";
        for (int i = 0; i < 20000; ++i)
            csv += "Person " + QByteArray::number(i) + ",p" + QByteArray::number(i) + "@example.com,Outlet "
                + QByteArray::number(i % 50) + "\n";
        const QString path = write(u"big.csv"_s, csv);
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // Once through to the end with a heartbeat on the window's thread, then again cancelled.
        ImportWizard *wizard = openWithKeys(window, path);
        QVERIFY(wizard);
        Heartbeat heartbeat;
        heartbeat.start();
        while (wizard->currentId() != ImportWizard::PreviewPage) {
            QTRY_VERIFY(pageDone(wizard));
            pressReturn(wizard);
        }
        QTRY_VERIFY_WITH_TIMEOUT(pageDone(wizard), 20000);
        // The preview holds the first rows only; the run reads the rest.
        QCOMPARE(wizard->findChild<QTableView *>(u"previewTableView"_s)->model()->rowCount(), 1000);
        runToTheEnd(wizard);
        heartbeat.stop();
        qInfo().noquote() << "importing 20,000 rows:" << heartbeat.report();
        QVERIFY2(heartbeat.keptRunning(), qPrintable(heartbeat.report()));
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 20001);
        pressReturn(wizard); // Finish
        QTRY_VERIFY(!window.importController()->wizard());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier); // Edit → Undo
        QTRY_COMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 1);

        wizard = openWithKeys(window, path);
        QVERIFY(wizard);
        while (wizard->currentId() != ImportWizard::DuplicatesPage) {
            QTRY_VERIFY_WITH_TIMEOUT(pageDone(wizard), 20000);
            pressReturn(wizard);
        }
        QTRY_VERIFY_WITH_TIMEOUT(pageDone(wizard), 20000);
        pressReturn(wizard);
        QCOMPARE(wizard->currentId(), int(ImportWizard::RunPage));
        QVERIFY(wizard->isRunning());
        auto *cancel = wizard->findChild<QPushButton *>(u"cancelImportButton"_s);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(pageDone(wizard), 20000);
        QCOMPARE(wizard->currentPage()->title(), u"Import cancelled"_s);
        QVERIFY(wizard->findChild<QLabel *>(u"summaryLabel"_s)->text().contains(u"Nothing was imported"_s));
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM organizations"_s), 0);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM import_batches WHERE undone_at IS NULL"_s), 0);
        QCOMPARE(window.undoStack()->count(), 0);
        pressReturn(wizard);
    }

    void undoByEditUndoAndByImportHistory()
    {
        auto db = database();
        addContact(*db, u"Ben Ortiz"_s, u"ben@post.example"_s, QString());
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableView *>(u"contactsTableView"_s);

        // First import: undone with Ctrl+Z; Ben (filled) gets his empty title back.
        ImportWizard *wizard = openWithKeys(window, write(u"first.csv"_s, kGoogle));
        QVERIFY(wizard);
        while (wizard->currentId() != ImportWizard::DuplicatesPage) {
            QTRY_VERIFY(pageDone(wizard));
            pressReturn(wizard);
        }
        QTRY_VERIFY(pageDone(wizard));
        auto *forAll = wizard->findChild<QComboBox *>(u"duplicateActionComboBox"_s);
        forAll->setCurrentIndex(forAll->findData(u"fill"_s));
        runToTheEnd(wizard);
        pressReturn(wizard);
        QTRY_COMPARE(table->model()->rowCount(), 2);
        QCOMPARE(text(*db, u"SELECT title FROM contacts WHERE display_name = 'Ben Ortiz'"_s), u"Editor"_s);
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(liveNames(*db), QStringList { u"Ben Ortiz"_s });
        QVERIFY(text(*db, u"SELECT title FROM contacts WHERE display_name = 'Ben Ortiz'"_s).isEmpty());
        QVERIFY(window.statusBar()->currentMessage().contains(u"Undid the import of first.csv"_s));
        QCOMPARE(window.undoStack()->count(), 0); // an undone import is not redone

        // Second import: someone edits Anna afterwards; Import History undoes the batch and names her.
        wizard = openWithKeys(window, write(u"second.csv"_s, kGoogle + "Dora,Diaz,Radio Uno,,,Work,dora@radio.example,,\r\n"));
        QVERIFY(wizard);
        runToTheEnd(wizard);
        pressReturn(wizard);
        QTRY_COMPARE(liveNames(*db), (QStringList { u"Anna Müller"_s, u"Ben Ortiz"_s, u"Dora Diaz"_s }));
        ContactRepository contacts(*db);
        const qint64 annaId = scalar(*db, u"SELECT id FROM contacts WHERE display_name = 'Anna Müller'"_s);
        Contact anna = *contacts.get(annaId);
        anna.title = u"Chefredakteurin"_s;
        QVERIFY(contacts.update(anna));

        window.findChild<QAction *>(u"importHistoryAction"_s)->trigger();
        auto *history = window.findChild<ImportHistoryDialog *>();
        QVERIFY(history);
        QVERIFY(QTest::qWaitForWindowExposed(history));
        auto *batches = history->findChild<QTableView *>(u"importBatchesTableView"_s);
        QCOMPARE(batches->model()->rowCount(), 2);
        QCOMPARE(batches->model()->index(0, 0).data().toString(), u"second.csv"_s);
        QVERIFY(!batches->model()->index(1, 7).data().toString().isEmpty()); // first.csv: undone
        auto *undo = history->findChild<QPushButton *>(u"undoImportButton"_s);
        batches->setFocus();
        QTest::keyClick(batches, Qt::Key_Down);
        QVERIFY(!undo->isEnabled()); // first.csv is undone already
        QTest::keyClick(batches, Qt::Key_Up);
        QVERIFY(undo->isEnabled());
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(undo, Qt::LeftButton);
        QTRY_COMPARE(liveNames(*db), (QStringList { u"Anna Müller"_s, u"Ben Ortiz"_s }));
        QVERIFY(!undo->isEnabled());
        // The conflict in words, in the box that reports the undo.
        QMessageBox *report = nullptr;
        QTRY_VERIFY((report = history->findChild<QMessageBox *>(u"rapportMessageBox"_s)));
        QVERIFY2(report->text().contains(u"“Anna Müller” was changed or has conversations since the import"_s),
            qPrintable(report->text()));
        report->accept();
        QTRY_COMPARE(table->model()->rowCount(), 2);

        // Ctrl+Z for the second import now says it was undone already, and changes nothing.
        history->close();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QCOMPARE(window.undoStack()->undoText(), u"Import second.csv"_s);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(window.statusBar()->currentMessage().contains(u"already undone"_s));
        QCOMPARE(liveNames(*db), (QStringList { u"Anna Müller"_s, u"Ben Ortiz"_s }));
        QCOMPARE(window.undoStack()->count(), 0);
    }

    void malformedFilesNameTheLine()
    {
        auto db = database();
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // An unbalanced quote on line 3: said on the first page, and Next stays off.
        ImportWizard *wizard
            = openWithKeys(window, write(u"broken.csv"_s, "name,email\nAnna,anna@example.com\n\"Ben,ben@x.example\n"));
        QVERIFY(wizard);
        auto *error = wizard->findChild<QLabel *>(u"fileErrorLabel"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(u"Line 3: a quoted field is never closed"_s), qPrintable(error->text()));
        QVERIFY(!pageDone(wizard));
        pressReturn(wizard);
        QCOMPARE(wizard->currentId(), int(ImportWizard::FilePage));

        // A quote that opens on line 80, past the first rows: the preview says so, naming the line.
        QByteArray late = "name,email\n";
        for (int i = 0; i < 78; ++i)
            late += "P" + QByteArray::number(i) + ",p" + QByteArray::number(i) + "@example.com\n";
        late += "\"Broken,broken@example.com\n";
        auto *file = wizard->findChild<QLineEdit *>(u"fileLineEdit"_s);
        file->setFocus();
        QTest::keyClick(file, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(file, write(u"late.csv"_s, late));
        QTRY_VERIFY(pageDone(wizard));
        QVERIFY(!error->isVisible());
        pressReturn(wizard);
        QCOMPARE(wizard->currentId(), int(ImportWizard::MappingPage));
        pressReturn(wizard);
        QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage));
        auto *previewError = wizard->findChild<QLabel *>(u"previewErrorLabel"_s);
        QTRY_VERIFY(previewError->isVisible());
        QVERIFY2(previewError->text().startsWith(u"Line 80:"_s), qPrintable(previewError->text()));
        QVERIFY(!pageDone(wizard));
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 0);
        wizard->reject();
    }

    // A file of 3,000 rows, more than the preview's 1,000, in UTF-8, UTF-16 with a byte-order mark and
    // Windows-1252 (found from the start of the file): the preview shows the first 1,000 rows with their problems
    // named by row and line, the run imports every row after them too (a repeat 2,996 rows later merged, a
    // problem after the preview left out and named in the summary), and a broken quote after the preview fails
    // the run with its line and leaves nothing.
    void fileLargerThanThePreview_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("shown");
        QTest::newRow("utf-8") << u"utf-8"_s << u"UTF-8"_s;
        QTest::newRow("utf-16le") << u"utf-16le"_s << u"UTF-16 LE"_s;
        QTest::newRow("windows-1252") << u"windows-1252"_s << u"Windows-1252 (Western, Latin-1)"_s;
    }
    void fileLargerThanThePreview()
    {
        QFETCH(QString, encoding);
        QFETCH(QString, shown);
        QString content = u"name,email,organization,city\n"_s;
        for (int row = 1; row <= 3000; ++row) {
            if (row == 1)
                content += u"Zoë Ünal,zoe@example.com,Tagesblatt,\n"_s;
            else if (row == 5 || row == 2500)
                content += u"Bad Row %1,not-an-email,,\n"_s.arg(row);
            else if (row == 2000)
                content += u"Çelik Öz,celik@example.com,Diário,Málaga\n"_s;
            else if (row == 2997)
                content += u"Z. Ünal,ZOE@Example.COM,,Köln\n"_s;
            else
                content += u"Person %1,p%1@example.com,Outlet %2,\n"_s.arg(row).arg(row % 40);
        }
        QByteArray bytes;
        if (encoding == u"utf-16le") {
            bytes = "\xFF\xFE";
            bytes += QByteArray(reinterpret_cast<const char *>(content.utf16()), content.size() * 2);
        } else {
            bytes = encoding == u"utf-8" ? content.toUtf8() : content.toLatin1(); // these letters: Latin-1 = Windows-1252
        }
        const QString path = write(u"large-"_s + encoding + u".csv"_s, bytes);
        auto db = database();
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ImportWizard *wizard = openWithKeys(window, path);
        QVERIFY(wizard);
        QCOMPARE(wizard->findChild<QComboBox *>(u"encodingComboBox"_s)->currentText(), shown);
        pressReturn(wizard);
        QCOMPARE(wizard->currentId(), int(ImportWizard::MappingPage));
        pressReturn(wizard);

        QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage));
        QTRY_VERIFY(pageDone(wizard));
        auto *preview = wizard->findChild<QTableView *>(u"previewTableView"_s);
        QCOMPARE(preview->model()->rowCount(), 1000);
        QCOMPARE(preview->model()->index(0, ImportPreviewModel::NameColumn).data().toString(), u"Zoë Ünal"_s);
        const QString problem = preview->model()->index(4, ImportPreviewModel::ProblemsColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(problem.contains(u"Row 5 (line 6)"_s), qPrintable(problem));
        const QString status = wizard->findChild<QLabel *>(u"previewStatusLabel"_s)->text();
        QVERIFY2(status.contains(u"The first 1,000 rows of the file are shown here"_s), qPrintable(status));
        QVERIFY(status.contains(u"1 with problems"_s));
        pressReturn(wizard);

        QCOMPARE(wizard->currentId(), int(ImportWizard::DuplicatesPage));
        QTRY_VERIFY(pageDone(wizard));
        QVERIFY2(wizard->findChild<QLabel *>(u"duplicatesStatusLabel"_s)->text().contains(
                     u"Nobody of the first 1,000 rows is in Rapport yet"_s),
            qPrintable(wizard->findChild<QLabel *>(u"duplicatesStatusLabel"_s)->text()));
        QVERIFY(wizard->findChild<QComboBox *>(u"duplicateActionComboBox"_s)->isEnabled());
        pressReturn(wizard); // Import
        QCOMPARE(wizard->currentId(), int(ImportWizard::RunPage));
        QTRY_VERIFY_WITH_TIMEOUT(pageDone(wizard), 30000);
        const QString summary = wizard->findChild<QLabel *>(u"summaryLabel"_s)->text();
        QVERIFY2(summary.contains(u"2,997 contacts created"_s), qPrintable(summary));
        QVERIFY(summary.contains(u"1 row merged with another row of the file"_s));
        QVERIFY(summary.contains(u"2 rows left out for their problems"_s));
        QVERIFY2(summary.contains(u"Row 2500 (line 2501)"_s), qPrintable(summary));
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 2997);
        QCOMPARE(text(*db, u"SELECT city FROM contacts WHERE display_name = 'Zoë Ünal'"_s), u"Köln"_s);
        QCOMPARE(text(*db, u"SELECT city FROM contacts WHERE display_name = 'Çelik Öz'"_s), u"Málaga"_s);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contact_emails WHERE normalized = 'zoe@example.com'"_s), 1);
        pressReturn(wizard); // Finish
        QTRY_VERIFY(!window.importController()->wizard());

        // A quote never closed on line 2,901, after the preview: the run fails naming it, nothing is kept.
        if (encoding != u"utf-8")
            return;
        QByteArray broken = "name,email\n";
        for (int row = 1; row < 2900; ++row)
            broken += "Q" + QByteArray::number(row) + ",q" + QByteArray::number(row) + "@example.com\n";
        broken += "\"Broken,broken@example.com\nLast,last@example.com\n";
        wizard = openWithKeys(window, write(u"broken-late.csv"_s, broken));
        QVERIFY(wizard);
        runToTheEnd(wizard);
        QCOMPARE(wizard->currentPage()->title(), u"Import failed"_s);
        const QString failed = wizard->findChild<QLabel *>(u"summaryLabel"_s)->text();
        QVERIFY2(failed.contains(u"Line 2901"_s) && failed.contains(u"Nothing was imported"_s), qPrintable(failed));
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM contacts"_s), 2997);
        pressReturn(wizard);
    }

    void mappingIsChangedAndSavedAsAPreset()
    {
        auto db = database();
        const QString csv
            = write(u"own.csv"_s, "Wer;Mail;Zeitung;Notiz\nAnna Müller;anna@example.com;Tagesblatt;Mag Tee\n");
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ImportWizard *wizard = openWithKeys(window, csv);
        QVERIFY(wizard);
        QCOMPARE(wizard->findChild<QComboBox *>(u"delimiterComboBox"_s)->currentData().toString(), u";"_s);
        QTRY_VERIFY(pageDone(wizard));
        pressReturn(wizard);
        QCOMPARE(wizard->currentId(), int(ImportWizard::MappingPage));
        // "Wer" is nobody's column name for a name: Next waits for one.
        QVERIFY(!pageDone(wizard));
        QVERIFY(wizard->findChild<QLabel *>(u"mappingHintLabel"_s)->isVisible());
        auto *mapping = wizard->findChild<QTableWidget *>(u"mappingTableWidget"_s);
        auto *field = qobject_cast<QComboBox *>(mapping->cellWidget(0, 2));
        field->setFocus();
        // Typing the start of a field's name picks it, as in any combo box.
        QTest::keyClicks(field, u"Full"_s);
        QCOMPARE(field->currentData().toString(), u"display_name"_s);
        auto *org = qobject_cast<QComboBox *>(mapping->cellWidget(2, 2));
        org->setCurrentIndex(org->findData(u"organization"_s));
        QVERIFY(pageDone(wizard));
        QCOMPARE(wizard->findChild<QComboBox *>(u"presetComboBox"_s)->currentText(), u"Your own mapping"_s);

        QTest::mouseClick(wizard->findChild<QPushButton *>(u"savePresetButton"_s), Qt::LeftButton);
        QInputDialog *name = nullptr;
        QTRY_VERIFY((name = wizard->findChild<QInputDialog *>(u"presetNameInputDialog"_s)));
        QVERIFY(QTest::qWaitForWindowExposed(name));
        auto *edit = name->findChild<QLineEdit *>();
        QTest::keyClicks(edit, u"Redaktionsliste"_s);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(ImportPresets::savedNames().contains(u"Redaktionsliste"_s));
        QCOMPARE(wizard->findChild<QComboBox *>(u"presetComboBox"_s)->currentText(), u"Redaktionsliste"_s);
        const auto loaded = ImportPresets::load(u"Redaktionsliste"_s, { u"Wer"_s, u"Mail"_s, u"Zeitung"_s, u"Notiz"_s });
        QVERIFY(loaded);
        QCOMPARE(loaded->target(0).field, ImportField::DisplayName);
        QCOMPARE(loaded->target(2).field, ImportField::Organization);

        runToTheEnd(wizard);
        QCOMPARE(text(*db, u"SELECT o.name FROM contacts c JOIN organizations o ON o.id = c.organization_id"_s),
            u"Tagesblatt"_s);
        pressReturn(wizard);
    }
};

QTEST_MAIN(TestImportWizard)
#include "tst_importwizard.moc"
