#include "common/messagebox.h"
#include "contacts/conflictdialog.h"
#include "contacts/contacteditor.h"
#include "contacts/contactform.h"
#include "contacts/contactsview.h"
#include "contacts/trashdialog.h"
#include "itemmodels/contactlistmodel.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "retype.h"
#include "testdatabase.h"

#include "duplicates/duplicatesdialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QWheelEvent>

#include "contacts/labeledvalueslist.h"

namespace {

struct Fixture
{
    std::unique_ptr<Database> db;
    std::unique_ptr<MainWindow> window;
    ContactsView *view = nullptr;
    ContactEditor *editor = nullptr;
    qint64 ada = 0, bob = 0, cleo = 0;

    Fixture()
    {
        db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        ContactRepository repo(*db);
        auto add = [&](const QString &first, const QString &last, const QString &title, const QString &email) {
            Contact c;
            c.firstName = first;
            c.lastName = last;
            c.title = title;
            if (!email.isEmpty())
                c.emails.append({QStringLiteral("work"), email});
            if (Status s = repo.create(c); !s)
                qFatal("%s", qPrintable(s.error().message));
            return c.id;
        };
        ada = add(QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("Editor"), {});
        bob = add(QStringLiteral("Bob"), QStringLiteral("Brown"), QStringLiteral("Reporter"), QStringLiteral("bob@news.example"));
        cleo = add(QStringLiteral("Cleo"), QStringLiteral("Chan"), QStringLiteral("Blogger"), {});
        window = std::make_unique<MainWindow>(*db);
        window->show();
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("the window did not become active");
        view = window->contactsView();
        editor = view->findChild<ContactEditor *>();
    }
    template<typename T>
    T *field(const QString &name) const
    {
        T *w = editor->findChild<T *>(name);
        if (!w)
            qFatal("no field %s", qPrintable(name));
        return w;
    }
    Contact stored(qint64 id) const { return *ContactRepository(*db).get(id); }
    void select(qint64 id) const { view->selectContact(id); }
    int row(qint64 id) const { return view->tableView()->currentIndex().isValid() ? int(id) : -1; }
    qint64 currentId() const
    {
        return view->tableView()->currentIndex().data(ContactListModel::IdRole).toLongLong();
    }
};

} // namespace

class TestContactEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void showsTheSelectedContact();
    void editSaveUndoRedo();
    void invalidEmailIsShownNextToTheField();
    void newContactWithCtrlN();
    void deleteToTrashAndUndo();
    void restoreFromTheTrashDialog();
    void navigatingAwayWhileDirty_data();
    void navigatingAwayWhileDirty();
    void closingTheWindowWhileDirty();
    void saveConflictIsToldNotOverwritten();
    void pastedRichTextBecomesPlainText();
    void sharedEmailShowsTheDuplicateBanner();
    void newOrganizationIsCreatedOnSave();
    void wheelScrollsTheProfileInsteadOfChangingFields();
    void savingASharedEmailAsksFirst();
    void openingTheOtherDropsTheDuplicate();
    void mergingClosesTheMergedAwayProfile();
    void profileShowsValuesWholeAndKeepsItsWidth();
    void newContactOpensAtTheTopWithTheCursorInTheFirstName();
};

void TestContactEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestContactEditor::init()
{
    QSettings().clear();
    MessageBox::setNextAnswer(QMessageBox::NoButton);
}

void TestContactEditor::showsTheSelectedContact()
{
    Fixture f;
    QVERIFY(f.editor);
    f.select(f.bob);
    QCOMPARE(f.editor->contactId(), f.bob);
    QCOMPARE(f.field<QLineEdit>(QStringLiteral("titleLineEdit"))->text(), QStringLiteral("Reporter"));
    auto *emails = f.field<LabeledValuesList>(QStringLiteral("emailsLabeledValuesList"));
    QCOMPARE(emails->rowCount(), 1);
    QCOMPARE(emails->valueEdit(0)->text(), QStringLiteral("bob@news.example"));
    QVERIFY(!f.editor->isDirty());
    // The Contact menu has the editor's actions, with their shortcuts.
    auto *save = f.window->findChild<QAction *>(QStringLiteral("saveContactAction"));
    QVERIFY(save);
    QCOMPARE(save->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_S));
    QVERIFY(save->toolTip().contains(QKeySequence(Qt::CTRL | Qt::Key_S).toString(QKeySequence::NativeText)));
}

void TestContactEditor::editSaveUndoRedo()
{
    Fixture f;
    f.select(f.ada);
    auto *title = f.field<QLineEdit>(QStringLiteral("titleLineEdit"));
    retype(title, QStringLiteral("Features editor"));
    QTest::keyClicks(f.field<QLineEdit>(QStringLiteral("tagsTagsEdit")), QStringLiteral("launch"));
    QVERIFY(f.editor->isDirty());
    QTest::keyClick(title, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!f.editor->isDirty());
    QCOMPARE(f.stored(f.ada).title, QStringLiteral("Features editor"));
    QCOMPARE(f.stored(f.ada).tags, QStringList{QStringLiteral("launch")});
    QCOMPARE(f.currentId(), f.ada);

    // Ctrl+Z with the focus still in the title field: the field has nothing of its own to undo.
    title->setFocus();
    QTest::keyClick(title, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(f.stored(f.ada).title, QStringLiteral("Editor"));
    QVERIFY(f.stored(f.ada).tags.isEmpty());
    QCOMPARE(title->text(), QStringLiteral("Editor"));
    QCOMPARE(f.currentId(), f.ada);

    QTest::keyClick(title, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(f.stored(f.ada).title, QStringLiteral("Features editor"));
    QCOMPARE(title->text(), QStringLiteral("Features editor"));
    QCOMPARE(f.field<QLineEdit>(QStringLiteral("tagsTagsEdit"))->text(), QStringLiteral("launch"));
}

void TestContactEditor::invalidEmailIsShownNextToTheField()
{
    Fixture f;
    f.select(f.ada);
    const int version = f.stored(f.ada).version;
    auto *emails = f.field<LabeledValuesList>(QStringLiteral("emailsLabeledValuesList"));
    QTest::mouseClick(emails->addButton(), Qt::LeftButton);
    QCOMPARE(emails->rowCount(), 1);
    QTest::keyClicks(emails->valueEdit(0), QStringLiteral("not-an-email"));
    auto *title = f.field<QLineEdit>(QStringLiteral("titleLineEdit"));
    retype(title, QStringLiteral("Changed"));
    QTest::keyClick(title, Qt::Key_S, Qt::ControlModifier);

    QLabel *error = f.editor->form()->errorLabel(QStringLiteral("emails"));
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("not-an-email")));
    QVERIFY(emails->accessibleDescription().contains(QStringLiteral("not-an-email")));
    QCOMPARE(QApplication::focusWidget(), emails->valueEdit(0));
    // Under the emails, not somewhere else in the form.
    QVERIFY(error->mapTo(f.editor, QPoint()).y() > emails->mapTo(f.editor, QPoint()).y());
    QVERIFY(f.editor->isDirty());
    const Contact stored = f.stored(f.ada);
    QCOMPARE(stored.title, QStringLiteral("Editor"));
    QVERIFY(stored.emails.isEmpty());
    QCOMPARE(stored.version, version);

    // Fixed, it saves and the error goes away.
    retype(emails->valueEdit(0), QStringLiteral("ada@example.org"));
    QTest::keyClick(title, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!f.editor->form()->errorLabel(QStringLiteral("emails"))->isVisible());
    QCOMPARE(f.stored(f.ada).emails.value(0).email, QStringLiteral("ada@example.org"));
}

void TestContactEditor::newContactWithCtrlN()
{
    Fixture f;
    f.select(f.bob);
    QTest::keyClick(f.view->tableView(), Qt::Key_N, Qt::ControlModifier);
    auto *first = f.field<QLineEdit>(QStringLiteral("firstNameLineEdit"));
    QCOMPARE(QApplication::focusWidget(), first);
    QCOMPARE(f.editor->contactId(), 0);
    QVERIFY(first->text().isEmpty());
    QTest::keyClicks(first, QStringLiteral("Zed"));
    QTest::keyClicks(f.field<QLineEdit>(QStringLiteral("lastNameLineEdit")), QStringLiteral("Zulu"));
    QTest::keyClick(first, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(f.editor->contactId() > 0);
    const Contact created = f.stored(f.editor->contactId());
    QCOMPARE(created.displayName, QStringLiteral("Zed Zulu"));
    QCOMPARE(*ContactRepository(*f.db).count(), 4);
    QCOMPARE(f.currentId(), created.id); // appears and is selected in the list
    // Undo takes the new contact away again (to the trash).
    f.window->undoStack()->undo();
    QVERIFY(f.stored(created.id).inTrash);
    QCOMPARE(f.view->contactCount(), 3);
}

void TestContactEditor::deleteToTrashAndUndo()
{
    Fixture f;
    f.select(f.bob);
    f.view->tableView()->setFocus();
    QTest::keyClick(f.view->tableView(), Qt::Key_Delete);
    QVERIFY(f.stored(f.bob).inTrash);
    QCOMPARE(f.view->contactCount(), 2);
    QVERIFY(f.editor->lastStatus().startsWith(QStringLiteral("Moved to trash. Undo with")));
    QVERIFY(f.currentId() != f.bob);
    QTest::keyClick(f.view->tableView(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!f.stored(f.bob).inTrash);
    QCOMPARE(f.view->contactCount(), 3);
    QCOMPARE(f.currentId(), f.bob);
    QCOMPARE(f.editor->contactId(), f.bob);

    // Del in a text field deletes a character, not the contact.
    auto *title = f.field<QLineEdit>(QStringLiteral("titleLineEdit"));
    title->setFocus();
    title->setCursorPosition(0);
    QTest::keyClick(title, Qt::Key_Delete);
    QCOMPARE(title->text(), QStringLiteral("eporter"));
    QVERIFY(!f.stored(f.bob).inTrash);
}

void TestContactEditor::restoreFromTheTrashDialog()
{
    Fixture f;
    QVERIFY(ContactRepository(*f.db).moveToTrash(f.cleo));
    f.view->refresh();
    f.window->findChild<QAction *>(QStringLiteral("showTrashAction"))->trigger();
    auto *dialog = f.window->findChild<TrashDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->list()->count(), 1);
    dialog->list()->item(0)->setSelected(true);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("restoreButton")), Qt::LeftButton);
    QVERIFY(!f.stored(f.cleo).inTrash);
    QCOMPARE(f.view->contactCount(), 3);
    QCOMPARE(f.currentId(), f.cleo);
    QCOMPARE(dialog->list()->item(0)->flags(), Qt::NoItemFlags); // "The trash is empty."
    f.window->undoStack()->undo();
    QVERIFY(f.stored(f.cleo).inTrash);
}

void TestContactEditor::navigatingAwayWhileDirty_data()
{
    QTest::addColumn<int>("answer");
    QTest::newRow("discard") << int(QMessageBox::Discard);
    QTest::newRow("cancel") << int(QMessageBox::Cancel);
    QTest::newRow("save") << int(QMessageBox::Save);
}

void TestContactEditor::navigatingAwayWhileDirty()
{
    QFETCH(int, answer);
    Fixture f;
    f.select(f.ada);
    auto *title = f.field<QLineEdit>(QStringLiteral("titleLineEdit"));
    retype(title, QStringLiteral("Mine"));
    MessageBox::setNextAnswer(QMessageBox::StandardButton(answer));
    QTest::keyClick(title, Qt::Key_Down, Qt::AltModifier); // next contact
    if (answer == QMessageBox::Cancel) {
        QCOMPARE(f.editor->contactId(), f.ada);
        QVERIFY(f.editor->isDirty());
        QCOMPARE(title->text(), QStringLiteral("Mine"));
        QCOMPARE(f.currentId(), f.ada);
        QCOMPARE(f.stored(f.ada).title, QStringLiteral("Editor"));
        // Clicking another row asks too.
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        f.select(f.cleo);
        QCOMPARE(f.editor->contactId(), f.ada);
        QCOMPARE(f.currentId(), f.ada);
        // So does switching section.
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        f.window->showSection(MainWindow::Section::Dashboard);
        QCOMPARE(f.window->currentSection(), MainWindow::Section::Contacts);
        return;
    }
    QCOMPARE(f.editor->contactId(), f.bob);
    QCOMPARE(f.currentId(), f.bob);
    QVERIFY(!f.editor->isDirty());
    QCOMPARE(title->text(), QStringLiteral("Reporter"));
    QCOMPARE(f.stored(f.ada).title, answer == QMessageBox::Save ? QStringLiteral("Mine") : QStringLiteral("Editor"));
    // Alt+Up goes back.
    QTest::keyClick(title, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(f.editor->contactId(), f.ada);
}

void TestContactEditor::closingTheWindowWhileDirty()
{
    Fixture f;
    f.select(f.ada);
    retype(f.field<QLineEdit>(QStringLiteral("titleLineEdit")), QStringLiteral("Mine"));
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!f.window->close());
    QVERIFY(f.window->isVisible());
    MessageBox::setNextAnswer(QMessageBox::Save);
    QVERIFY(f.window->close());
    QCOMPARE(f.stored(f.ada).title, QStringLiteral("Mine"));
}

void TestContactEditor::saveConflictIsToldNotOverwritten()
{
    Fixture f;
    f.select(f.ada);
    auto *title = f.field<QLineEdit>(QStringLiteral("titleLineEdit"));
    retype(title, QStringLiteral("Mine"));
    // Someone else saves the same contact meanwhile (another window or another Rapport).
    Contact theirs = f.stored(f.ada);
    theirs.title = QStringLiteral("Theirs");
    QVERIFY(ContactRepository(*f.db).update(theirs));

    // The same field changed by both: the conflict dialog asks (issue 14, tst_conflictdialog); Cancel saves
    // nothing and keeps what was typed.
    QTest::keyClick(title, Qt::Key_S, Qt::ControlModifier);
    auto *dialog = f.window->findChild<ConflictDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(f.stored(f.ada).title, QStringLiteral("Theirs"));
    dialog->reject();
    QCOMPARE(title->text(), QStringLiteral("Mine"));
    QVERIFY(f.editor->isDirty());

    // Moved to the trash meanwhile: nothing is written into it; the banner says so, and how to go on.
    QVERIFY(ContactRepository(*f.db).moveToTrash(f.ada));
    QTest::keyClick(title, Qt::Key_S, Qt::ControlModifier);
    auto *banner = f.editor->findChild<QWidget *>(QStringLiteral("conflictBannerWidget"));
    QVERIFY(banner->isVisible());
    const QString said = banner->findChild<QLabel *>()->text();
    QVERIFY2(said.contains(QStringLiteral("was moved to the trash")) && said.contains(QStringLiteral("Restore it")),
        qPrintable(said));
    QCOMPARE(f.stored(f.ada).title, QStringLiteral("Theirs"));
    QVERIFY(f.editor->isDirty());

    QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("keepEditingButton")), Qt::LeftButton);
    QVERIFY(!banner->isVisible());
    QCOMPARE(title->text(), QStringLiteral("Mine"));

    QTest::keyClick(title, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(banner->isVisible());
    QVERIFY(ContactRepository(*f.db).restore(f.ada)); // restored by whoever trashed it
    QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("reloadButton")), Qt::LeftButton);
    QCOMPARE(title->text(), QStringLiteral("Theirs"));
    QVERIFY(!f.editor->isDirty());
    QCOMPARE(f.stored(f.ada).title, QStringLiteral("Theirs"));
}

void TestContactEditor::pastedRichTextBecomesPlainText()
{
    Fixture f;
    f.select(f.ada);
    auto *notes = f.field<QPlainTextEdit>(QStringLiteral("notesPlainTextEdit"));
    auto *mime = new QMimeData;
    mime->setHtml(QStringLiteral("<p>Met at <b>CES</b><script>alert('x')</script></p>"));
    mime->setText(QStringLiteral("Met at CES"));
    QApplication::clipboard()->setMimeData(mime);
    notes->setFocus();
    QTest::keyClick(notes, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(notes->toPlainText(), QStringLiteral("Met at CES"));
    QVERIFY(f.editor->isDirty());
    QTest::keyClick(notes, Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(f.stored(f.ada).notes, QStringLiteral("Met at CES"));
}

void TestContactEditor::sharedEmailShowsTheDuplicateBanner()
{
    Fixture f;
    f.select(f.ada);
    auto *emails = f.field<LabeledValuesList>(QStringLiteral("emailsLabeledValuesList"));
    QTest::mouseClick(emails->addButton(), Qt::LeftButton);
    QTest::keyClicks(emails->valueEdit(0), QStringLiteral("Bob@News.example"));
    MessageBox::setNextAnswer(QMessageBox::Save); // "Save Anyway" (see savingASharedEmailAsksFirst)
    QTest::keyClick(emails->valueEdit(0), Qt::Key_S, Qt::ControlModifier);
    auto *banner = f.editor->findChild<QWidget *>(QStringLiteral("duplicateBannerWidget"));
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->findChild<QLabel *>()->text().contains(QStringLiteral("Bob Brown")),
        qPrintable(banner->findChild<QLabel *>()->text()));
    QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("openDuplicateButton")), Qt::LeftButton);
    QCOMPARE(f.currentId(), f.bob);
    QCOMPARE(f.editor->contactId(), f.bob);
}

void TestContactEditor::newOrganizationIsCreatedOnSave()
{
    Fixture f;
    f.select(f.ada);
    auto *organization = f.field<QLineEdit>(QStringLiteral("organizationLineEdit"));
    QTest::keyClicks(organization, QStringLiteral("The Daily Planet"));
    QVERIFY(f.field<QLabel>(QStringLiteral("organizationHintLabel"))->isVisible());
    QTest::keyClicks(f.field<QLineEdit>(QStringLiteral("roleLineEdit")), QStringLiteral("Columnist"));
    QTest::keyClick(organization, Qt::Key_S, Qt::ControlModifier);
    Result<qint64> id = OrganizationRepository(*f.db).idByName(QStringLiteral("The Daily Planet"));
    QVERIFY(id && *id > 0);
    const Contact stored = f.stored(f.ada);
    QCOMPARE(stored.organizationId, *id);
    QCOMPARE(stored.organizationRole, QStringLiteral("Columnist"));
    QVERIFY(!f.field<QLabel>(QStringLiteral("organizationHintLabel"))->isVisible());

    // Picking it again for another contact reuses it instead of creating a second one.
    f.select(f.bob);
    QTest::keyClicks(organization, QStringLiteral("the daily planet"));
    QTest::keyClick(organization, Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(f.stored(f.bob).organizationId, *id);
    QCOMPARE(*OrganizationRepository(*f.db).count(), 1);
}

namespace {

// A wheel turn over a widget, delivered as QApplication delivers one from the mouse (so a field that does
// not take it hands it on to its parents).
void turnWheel(QWidget *over, int steps)
{
    const QPoint at = over->rect().center();
    QWheelEvent wheel(at, over->mapToGlobal(at), QPoint(), QPoint(0, -120 * steps), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(over, &wheel);
}

} // namespace

// Issue 10: scrolling the profile over a combo box, a spin box or a date changed the value. Unfocused
// fields hand the wheel to the form, which scrolls; a field the user clicked into still takes it.
void TestContactEditor::wheelScrollsTheProfileInsteadOfChangingFields()
{
    Fixture f;
    f.window->resize(1100, 600);
    f.select(f.bob);
    f.view->tableView()->setFocus();
    auto *scroll = f.editor->findChild<QScrollArea *>(QStringLiteral("profileScrollArea"));
    QScrollBar *bar = scroll->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    auto *emails = f.field<LabeledValuesList>(QStringLiteral("emailsLabeledValuesList"));
    auto *label = emails->findChild<QComboBox *>(QStringLiteral("labelComboBox"));
    QVERIFY(label);
    auto *reach = f.field<QSpinBox>(QStringLiteral("reachSpinBox"));
    f.field<QCheckBox>(QStringLiteral("consentDatedCheckBox"))->setChecked(true); // the date field is enabled
    auto *date = f.field<QDateEdit>(QStringLiteral("consentDateEdit"));
    const QList<QWidget *> fields { f.field<QComboBox>(QStringLiteral("kindComboBox")),
        f.field<QComboBox>(QStringLiteral("ownerComboBox")), label,
        f.field<QComboBox>(QStringLiteral("preferredChannelComboBox")), reach, date,
        f.field<QComboBox>(QStringLiteral("consentBasisComboBox")) };
    auto value = [](QWidget *w) -> QVariant {
        if (auto *combo = qobject_cast<QComboBox *>(w))
            return combo->currentText();
        if (auto *dateEdit = qobject_cast<QDateEdit *>(w))
            return dateEdit->date();
        return qobject_cast<QSpinBox *>(w)->value();
    };
    for (QWidget *w : fields) {
        bar->setValue(0);
        const QVariant before = value(w);
        turnWheel(w, 1);
        QVERIFY2(value(w) == before, qPrintable(w->objectName()));
        QVERIFY2(bar->value() > 0, qPrintable(w->objectName())); // the form scrolled instead
        QVERIFY2(!w->hasFocus(), qPrintable(w->objectName()));
    }
    QVERIFY(!f.editor->isDirty());

    // Clicked into, the field takes the wheel as before.
    auto *kind = f.field<QComboBox>(QStringLiteral("kindComboBox"));
    kind->setFocus(Qt::MouseFocusReason);
    const int index = kind->currentIndex();
    turnWheel(kind, index + 1 < kind->count() ? 1 : -1);
    QVERIFY(kind->currentIndex() != index);
}

// Issue 10: Ctrl+S saved a contact sharing an email with another without asking. Now it asks, naming the
// other; Keep Editing saves nothing, Save Anyway saves.
void TestContactEditor::savingASharedEmailAsksFirst()
{
    Fixture f;
    f.select(f.ada);
    auto *emails = f.field<LabeledValuesList>(QStringLiteral("emailsLabeledValuesList"));
    QTest::mouseClick(emails->addButton(), Qt::LeftButton);
    QTest::keyClicks(emails->valueEdit(0), QStringLiteral("bob@news.example"));
    MessageBox::setNextAnswer(QMessageBox::Cancel); // Keep Editing
    QTest::keyClick(emails->valueEdit(0), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(f.stored(f.ada).emails.isEmpty());
    QVERIFY(f.editor->isDirty());
    auto *banner = f.editor->findChild<QWidget *>(QStringLiteral("duplicateBannerWidget"));
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->findChild<QLabel *>()->text().contains(QStringLiteral("Bob Brown")),
        qPrintable(banner->findChild<QLabel *>()->text()));

    MessageBox::setNextAnswer(QMessageBox::Save); // Save Anyway
    QTest::keyClick(emails->valueEdit(0), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(f.stored(f.ada).emails.size(), 1);
    QVERIFY(!f.editor->isDirty());
    // Saving again what was already decided does not ask again.
    QTest::keyClicks(f.field<QLineEdit>(QStringLiteral("titleLineEdit")), QStringLiteral(" at large"));
    QTest::keyClick(emails->valueEdit(0), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(f.stored(f.ada).title, QStringLiteral("Editor at large"));
}

// "Open Bob Brown (discard my changes)": the other contact opens, the duplicate is not saved.
void TestContactEditor::openingTheOtherDropsTheDuplicate()
{
    Fixture f;
    f.select(f.ada);
    auto *emails = f.field<LabeledValuesList>(QStringLiteral("emailsLabeledValuesList"));
    QTest::mouseClick(emails->addButton(), Qt::LeftButton);
    QTest::keyClicks(emails->valueEdit(0), QStringLiteral("bob@news.example"));
    MessageBox::setNextAnswer(QMessageBox::Open);
    QTest::keyClick(emails->valueEdit(0), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(f.editor->contactId(), f.bob);
    QCOMPARE(f.currentId(), f.bob);
    QVERIFY(f.stored(f.ada).emails.isEmpty());
}

// "Merge…" saves, opens Find Duplicates on the pair, and after the merge the profile of the contact merged
// away (now in the trash) gives way to the one kept.
void TestContactEditor::mergingClosesTheMergedAwayProfile()
{
    Fixture f;
    f.select(f.ada);
    auto *emails = f.field<LabeledValuesList>(QStringLiteral("emailsLabeledValuesList"));
    QTest::mouseClick(emails->addButton(), Qt::LeftButton);
    QTest::keyClicks(emails->valueEdit(0), QStringLiteral("bob@news.example"));
    MessageBox::setNextAnswer(QMessageBox::Apply); // Merge…
    QTest::keyClick(emails->valueEdit(0), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(f.stored(f.ada).emails.size(), 1); // saved first
    DuplicatesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = f.window->findChild<DuplicatesDialog *>()) != nullptr);
    auto *pairs = dialog->findChild<QTreeView *>();
    QVERIFY(pairs);
    QTRY_VERIFY(pairs->currentIndex().isValid());
    const QModelIndex current = pairs->currentIndex();
    const QString first = current.siblingAtColumn(0).data().toString();
    const QString second = current.siblingAtColumn(1).data().toString();
    const QSet<QString> names { first, second };
    QCOMPARE(names, (QSet<QString> { QStringLiteral("Ada Lovelace"), QStringLiteral("Bob Brown") }));
    // Keep Bob: Ada, whose profile is on screen, is merged away.
    const bool bobFirst = first == QStringLiteral("Bob Brown");
    QTest::mouseClick(dialog->findChild<QRadioButton *>(
                          bobFirst ? QStringLiteral("keepFirstRadioButton") : QStringLiteral("keepSecondRadioButton")),
        Qt::LeftButton);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("mergeButton")), Qt::LeftButton);
    QTRY_VERIFY(f.stored(f.ada).inTrash);
    QCOMPARE(f.editor->contactId(), f.bob);
    QCOMPARE(f.currentId(), f.bob);
    QVERIFY2(f.editor->lastStatus().contains(QStringLiteral("merged into")), qPrintable(f.editor->lastStatus()));
    dialog->close();
}

// Issue 10: at the default window size the email and phone fields were cut off, and the profile pane grew
// wider while editing (the heading with "(edited)", an error under a field).
void TestContactEditor::profileShowsValuesWholeAndKeepsItsWidth()
{
    Fixture f;
    f.window->setGeometry(MainWindow::firstRunGeometry(QRect(0, 0, 1440, 900))); // a common laptop screen
    Contact bob = f.stored(f.bob);
    bob.displayName = QStringLiteral("Bartholomew Brown-Whitfield");
    // As long as most addresses of the demo agency (the longest, 50 characters, reads whole in its tooltip).
    bob.emails = { { QStringLiteral("work"), QStringLiteral("anouk.conti@pacificcoastherald.example") } };
    bob.phones = { { QStringLiteral("mobile"), QStringLiteral("+44 20 7946 0000 ext. 123") } };
    QVERIFY(ContactRepository(*f.db).update(bob));
    f.view->refresh();
    f.select(f.bob);
    QTest::qWait(50);
    auto *emails = f.field<LabeledValuesList>(QStringLiteral("emailsLabeledValuesList"));
    auto *phones = f.field<LabeledValuesList>(QStringLiteral("phonesLabeledValuesList"));
    for (QLineEdit *value : { emails->valueEdit(0), phones->valueEdit(0) }) {
        const int needed = value->fontMetrics().horizontalAdvance(value->text());
        QCOMPARE(value->toolTip(), value->text());
        QVERIFY2(value->width() > needed + 8,
            qPrintable(
                QStringLiteral("%1: %2 px for %3 px of text").arg(value->text()).arg(value->width()).arg(needed)));
    }
    auto *scroll = f.editor->findChild<QScrollArea *>(QStringLiteral("profileScrollArea"));
    QVERIFY(!scroll->horizontalScrollBar()->isVisible());

    const int width = f.view->detailArea()->width();
    auto *first = f.field<QLineEdit>(QStringLiteral("firstNameLineEdit"));
    QTest::keyClicks(first, QStringLiteral("-Maximilian-Alexander")); // dirty: the heading grows
    QVERIFY(f.editor->isDirty());
    QTest::mouseClick(emails->addButton(), Qt::LeftButton);
    QTest::keyClicks(emails->valueEdit(1), QStringLiteral("not an address at all, really not"));
    QTest::keyClick(first, Qt::Key_S, Qt::ControlModifier); // an error under the field
    QVERIFY(f.field<QLabel>(QStringLiteral("emailsErrorLabel"))->isVisible());
    QTest::keyClicks(f.field<QLineEdit>(QStringLiteral("organizationLineEdit")),
        QStringLiteral("The Very Long Name of an Outlet Nobody Has Heard Of Yet"));
    QTest::qWait(50);
    QCOMPARE(f.view->detailArea()->width(), width);
    QVERIFY(!scroll->horizontalScrollBar()->isVisible());
}

// Issue 10: Ctrl+N opened the new contact's form where the last profile was scrolled to, with the cursor in
// the first name out of sight.
void TestContactEditor::newContactOpensAtTheTopWithTheCursorInTheFirstName()
{
    Fixture f;
    f.window->resize(1100, 600);
    f.select(f.bob);
    auto *scroll = f.editor->findChild<QScrollArea *>(QStringLiteral("profileScrollArea"));
    QScrollBar *bar = scroll->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    bar->setValue(bar->maximum());
    // And from the Timeline tab as well.
    auto *tabs = f.editor->findChild<QTabWidget *>(QStringLiteral("profileTabWidget"));
    for (int tab : { 0, 1 }) {
        tabs->setCurrentIndex(tab);
        f.view->tableView()->setFocus();
        QTest::keyClick(f.view->tableView(), Qt::Key_N, Qt::ControlModifier);
        auto *first = f.field<QLineEdit>(QStringLiteral("firstNameLineEdit"));
        QTRY_COMPARE(QApplication::focusWidget(), first);
        QCOMPARE(tabs->currentWidget(), scroll);
        QCOMPARE(bar->value(), 0);
        const QRect shown(first->mapTo(scroll->viewport(), QPoint(0, 0)), first->size());
        QVERIFY(scroll->viewport()->rect().contains(shown));
        f.select(f.bob);
        bar->setValue(bar->maximum());
    }
}

QTEST_MAIN(TestContactEditor)
#include "tst_contacteditor.moc"
