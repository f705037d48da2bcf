// Field-level conflicts in the profile (issue 14): while the profile is being edited somebody else saves the
// same contact (a second connection, as another person on the team database would). Different fields merge
// by themselves on Ctrl+S; the same field opens the conflict dialog with original, theirs and mine, and the
// choice made there is what is saved. Nothing is overwritten silently.
#include "contacts/conflictdialog.h"
#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTextEdit>
#include <QUndoStack>

using namespace Qt::StringLiterals;

class TestConflictDialog final : public QObject
{
    Q_OBJECT

private:
    // Somebody else, on their own connection, changes the contact.
    static void theyChange(const DatabaseLocation &where, qint64 id, const std::function<void(Contact &)> &change)
    {
        Result<std::unique_ptr<Database>> other = Database::open(where);
        QVERIFY(other);
        QVERIFY(UserRepository(**other).ensureUser(u"bob"_s, u"Bob Stone"_s));
        Result<Contact> c = ContactRepository(**other).get(id);
        QVERIFY(c);
        change(*c);
        QVERIFY(ContactRepository(**other).update(*c));
    }

    static void type(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
    }

private slots:
    void differentFieldsMergeSameFieldAsks()
    {
        Result<std::unique_ptr<Database>> opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened);
        Database &db = **opened;
        QVERIFY(UserRepository(db).signIn());
        Contact jane;
        jane.displayName = u"Jane Doe"_s;
        jane.title = u"Reporter"_s;
        QVERIFY(ContactRepository(db).create(jane));

        MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showContact(jane.id));
        auto *editor = window.contactsView()->findChild<ContactEditor *>();
        auto *title = editor->findChild<QLineEdit *>(u"titleLineEdit"_s);

        // 1. I change the title, Bob the city: both stay.
        type(title, u"Editor"_s);
        theyChange(db.location(), jane.id, [](Contact &c) { c.city = u"Berlin"_s; });
        QTest::keyClick(title, Qt::Key_S, Qt::ControlModifier);
        Result<Contact> now = ContactRepository(db).get(jane.id);
        QCOMPARE(now->title, u"Editor"_s);
        QCOMPARE(now->city, u"Berlin"_s);
        QVERIFY(!editor->findChild<QWidget *>(u"conflictBannerWidget"_s)->isVisible());

        // 2. We both change the title: the dialog asks; I take theirs for it, my pronouns are kept.
        type(title, u"Senior editor"_s);
        type(editor->findChild<QLineEdit *>(u"pronounsLineEdit"_s), u"she/her"_s);
        theyChange(db.location(), jane.id, [](Contact &c) { c.title = u"Chief editor"_s; });
        QTest::keyClick(title, Qt::Key_S, Qt::ControlModifier);
        ConflictDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ConflictDialog *>()) && dialog->isVisible());
        QTableWidget *table = dialog->table();
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), u"Title"_s);
        QCOMPARE(table->item(0, 1)->text(), u"Editor"_s); // the original: what I loaded
        QCOMPARE(table->item(0, 2)->text(), u"Chief editor"_s);
        QCOMPARE(table->item(0, 3)->text(), u"Senior editor"_s);
        QCOMPARE(ContactRepository(db).get(jane.id)->title, u"Chief editor"_s); // nothing saved yet
        dialog->setChoice(0, ConflictDialog::Theirs);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"saveMergedButton"_s), Qt::LeftButton);
        now = ContactRepository(db).get(jane.id);
        QCOMPARE(now->title, u"Chief editor"_s);
        QCOMPARE(now->pronouns, u"she/her"_s);
        QCOMPARE(now->city, u"Berlin"_s);

        // Undo goes back to what Bob had saved, not to what I had loaded.
        window.undoStack()->undo();
        QTRY_COMPARE(ContactRepository(db).get(jane.id)->pronouns, QString());
        QCOMPARE(ContactRepository(db).get(jane.id)->title, u"Chief editor"_s);
    }

    // A long text that differs only near its end (a brief's goals with one sentence added): the table shows
    // each value from where they part ways, and the comparison below shows the selected field in full with the
    // changed part marked, scrolled to it. Before this, the three cells read the same elided first line.
    void longTextsShowWhereTheyDiffer()
    {
        const QString shared = u"11 articles in tier-one fintech outlets within six weeks of the launch.\n"
                                "2 broadcast or podcast interviews with the product lead.\n"_s;
        FieldMerge::Conflict c;
        c.field = u"goals"_s;
        c.original = shared + u"A share of voice ahead of the two closest competitors."_s;
        c.theirs = shared + u"A share of voice ahead of the three closest competitors."_s;
        c.mine = c.original + u" Plus one podcast."_s;
        QWidget parent;
        ConflictDialog dialog(u"Spring launch"_s, { c }, [](const QString &) { return u"Goals"_s; }, u"Bob"_s,
            &parent);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        const QString theirsCell = dialog.table()->item(0, 2)->text();
        const QString mineCell = dialog.table()->item(0, 3)->text();
        QVERIFY2(theirsCell.startsWith(u"…"_s) && theirsCell.contains(u"three closest"_s), qPrintable(theirsCell));
        QVERIFY2(mineCell.startsWith(u"…"_s) && mineCell.endsWith(u"Plus one podcast."_s), qPrintable(mineCell));
        QVERIFY(!theirsCell.contains(u"11 articles"_s));
        QCOMPARE(dialog.table()->item(0, 2)->toolTip(), c.theirs); // the whole value on hover
        QCOMPARE(dialog.table()->item(0, 0)->text(), u"Goals"_s);

        // The comparison of the selected (first) field, in full, with what changed marked.
        const auto marked = [&](int column) {
            const QList<QTextEdit::ExtraSelection> s = dialog.comparison(column)->extraSelections();
            return s.isEmpty() ? QString() : s.first().cursor.selectedText();
        };
        QCOMPARE(dialog.comparison(0)->toPlainText(), c.original);
        QCOMPARE(dialog.comparison(1)->toPlainText(), c.theirs);
        QCOMPARE(dialog.comparison(2)->toPlainText(), c.mine);
        QCOMPARE(marked(1), u"three"_s);
        QCOMPARE(marked(2), u" Plus one podcast."_s);
        QCOMPARE(marked(0), u"two closest competitors."_s); // what either side replaced of the original

        QVERIFY(dialog.findChild<QWidget *>(u"conflictComparison"_s)->isVisible());

        // Short values stay whole, and need no comparison below the table.
        FieldMerge::Conflict stage { u"status"_s, u"Planned"_s, u"Pitched"_s, u"Declined"_s };
        ConflictDialog small(u"Ada"_s, { stage }, {}, u"Bob"_s, &parent);
        small.show();
        QVERIFY(QTest::qWaitForWindowExposed(&small));
        QCOMPARE(small.table()->item(0, 1)->text(), u"Planned"_s);
        QVERIFY(!small.findChild<QWidget *>(u"conflictComparison"_s)->isVisible());
        QCOMPARE(ConflictDialog::excerptFrom(u"Reporter"_s, 0), u"Reporter"_s);
        QCOMPARE(ConflictDialog::changedPart(u"Reporter"_s, u"Senior Reporter"_s), std::make_pair(qsizetype(0), qsizetype(7)));
    }
};

QTEST_MAIN(TestConflictDialog)
#include "tst_conflictdialog.moc"
