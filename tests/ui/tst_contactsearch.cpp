#include "common/messagebox.h"
#include "contacts/contactfilterpanel.h"
#include "contacts/contactsearchbar.h"
#include "contacts/contactsview.h"
#include "contacts/highlightdelegate.h"
#include "contacts/savedviewsdialog.h"
#include "itemmodels/contactlistmodel.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/savedviewrepository.h"
#include "testdatabase.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

class TestContactSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchRanges_data();
    void matchRanges();
    void searchFilterSaveAndSwitchViews();
    void columnChooserHidesColumns();
    void filterChipsRemoveOneFilterEach();
    void searchAndSortShowTheTopOrTheSelectedRow();
};

namespace {

std::unique_ptr<Database> database()
{
    Result<std::unique_ptr<Database>> db = TestDatabase::create(QStringLiteral("sqlite"));
    if (!db)
        qFatal("opening a test database failed: %s", qPrintable(db.error().message));
    ContactRepository repo(**db);
    const struct
    {
        const char *name;
        const char *kind;
        const char *title;
    } people[] = { { "Tomás Ruiz", "editor", "Retail editor" }, { "Anna Berg", "journalist", "Reporter" },
        { "Tom Baker", "blogger", "" }, { "Zoe Tomlin", "journalist", "Tech desk" } };
    for (const auto &p : people) {
        Contact c;
        c.displayName = QString::fromUtf8(p.name);
        c.kind = QString::fromLatin1(p.kind);
        c.title = QString::fromLatin1(p.title);
        if (Status s = repo.create(c); !s)
            qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    }
    return std::move(db).value();
}

QStringList names(QTableView *view)
{
    QStringList out;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        out << view->model()->index(row, ContactListModel::NameColumn).data().toString();
    return out;
}

} // namespace

void TestContactSearch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestContactSearch::matchRanges_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("terms");
    QTest::addColumn<QList<int>>("expected"); // start, length pairs
    QTest::newRow("prefix") << QStringLiteral("Tom Baker") << QStringList{ QStringLiteral("tom") } << QList<int>{ 0, 3 };
    QTest::newRow("accent") << QStringLiteral("Tomás Ruiz") << QStringList{ QStringLiteral("tomas") } << QList<int>{ 0, 5 };
    QTest::newRow("case, second word") << QStringLiteral("Zoe TOMLIN") << QStringList{ QStringLiteral("tom") }
                                       << QList<int>{ 4, 3 };
    QTest::newRow("not inside a word") << QStringLiteral("Atom Heart") << QStringList{ QStringLiteral("tom") }
                                       << QList<int>{};
    QTest::newRow("two terms") << QStringLiteral("Anna Berg, Retail") << QStringList{ QStringLiteral("ber"), QStringLiteral("re") }
                               << QList<int>{ 5, 3, 11, 2 };
    QTest::newRow("email parts") << QStringLiteral("tomas@retail.example") << QStringList{ QStringLiteral("retail") }
                                 << QList<int>{ 6, 6 };
}

void TestContactSearch::matchRanges()
{
    QFETCH(QString, text);
    QFETCH(QStringList, terms);
    QFETCH(QList<int>, expected);
    QList<int> actual;
    for (const HighlightDelegate::Range &r : HighlightDelegate::matchRanges(text, terms))
        actual << r.start << r.length;
    QCOMPARE(actual, expected);
}

void TestContactSearch::searchFilterSaveAndSwitchViews()
{
    auto db = database();
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ContactsView *view = window.contactsView();
    QTableView *table = view->tableView();
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("contactSearchLineEdit"));
    auto *bar = window.findChild<ContactSearchBar *>();
    QVERIFY(search && bar);
    QCOMPARE(table->model()->rowCount(), 4);

    // Ctrl+F from the list focuses the search field.
    table->setFocus();
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());

    // Typing searches; accents and case do not matter, and the match is marked in the name.
    QTest::keyClicks(search, QStringLiteral("TOMA"));
    QTRY_COMPARE(names(table), QStringList({ QStringLiteral("Tomás Ruiz") }));
    const QList<HighlightDelegate::Range> marks = bar->highlightDelegate()->ranges(
        table->model()->index(0, ContactListModel::NameColumn));
    QCOMPARE(marks, QList<HighlightDelegate::Range>({ { 0, 4 } }));
    QCOMPARE(table->itemDelegateForColumn(ContactListModel::NameColumn), bar->highlightDelegate());
    QTest::keyClick(search, Qt::Key_Backspace);
    QTest::keyClick(search, Qt::Key_Backspace);
    QTRY_COMPARE(names(table),
        QStringList({ QStringLiteral("Tom Baker"), QStringLiteral("Tomás Ruiz"), QStringLiteral("Zoe Tomlin") }));
    QCOMPARE(bar->highlightDelegate()->ranges(table->model()->index(2, 0)),
        QList<HighlightDelegate::Range>({ { 4, 2 } })); // "to" is left

    // Esc clears the search.
    QTest::keyClick(search, Qt::Key_Escape);
    QTRY_COMPARE(table->model()->rowCount(), 4);
    QVERIFY(search->text().isEmpty());

    // A filter from the Filters popup: journalists only.
    auto *filters = window.findChild<QToolButton *>(QStringLiteral("contactFiltersButton"));
    QTest::mouseClick(filters, Qt::LeftButton);
    auto *panel = window.findChild<ContactFilterPanel *>();
    QTRY_VERIFY(panel->isVisible());
    auto *kinds = panel->findChild<QListWidget *>(QStringLiteral("kindListWidget"));
    for (int i = 0; i < kinds->count(); ++i)
        if (kinds->item(i)->data(Qt::UserRole).toString() == u"journalist")
            kinds->item(i)->setCheckState(Qt::Checked);
    QTest::keyClick(panel, Qt::Key_Escape);
    QTRY_VERIFY(!panel->isVisible());
    QCOMPARE(names(table), QStringList({ QStringLiteral("Anna Berg"), QStringLiteral("Zoe Tomlin") }));
    auto *summary = window.findChild<QLabel *>(QStringLiteral("contactFilterSummaryLabel"));
    QVERIFY2(summary->text().contains(QStringLiteral("2 found")), qPrintable(summary->text()));
    // The active filter shows as a removable chip.
    QList<QToolButton *> chips = window.findChildren<QToolButton *>(QStringLiteral("filterChip"));
    QCOMPARE(chips.size(), 1);
    QVERIFY(chips.first()->isVisible());
    QVERIFY2(chips.first()->text().startsWith(QStringLiteral("Journalist")), qPrintable(chips.first()->text()));
    QTest::keyClicks(search, QStringLiteral("tom"));
    QTRY_COMPARE(names(table), QStringList({ QStringLiteral("Zoe Tomlin") }));
    table->sortByColumn(ContactListModel::TitleColumn, Qt::DescendingOrder);

    // Save the view through the dialog; a name is required.
    QTest::mouseClick(window.findChild<QToolButton *>(QStringLiteral("saveViewButton")), Qt::LeftButton);
    SaveViewDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<SaveViewDialog *>()) && dialog->isVisible());
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("saveViewButtonBox"));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(dialog->findChild<QLabel *>(QStringLiteral("viewNameErrorLabel"))->isVisible());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("viewNameLineEdit")), QStringLiteral("Tom journalists"));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(!window.findChild<SaveViewDialog *>());
    Result<QList<SavedView>> saved = SavedViewRepository(*db).list(QStringLiteral("contacts"));
    QCOMPARE(saved->size(), 1);
    QCOMPARE(saved->first().name, QStringLiteral("Tom journalists"));
    const ContactFilter stored = ContactFilter::fromJson(saved->first().definition.value(QStringLiteral("filter")).toObject());
    QCOMPARE(stored.kinds, QStringList({ QStringLiteral("journalist") }));
    QCOMPARE(stored.text, QStringLiteral("tom"));

    // Clear everything, then switch back to the view from the sidebar.
    QTest::keyClick(search, Qt::Key_Escape);
    QTest::mouseClick(window.findChild<QToolButton *>(QStringLiteral("clearFiltersToolButton")), Qt::LeftButton);
    QTRY_COMPARE(table->model()->rowCount(), 4);
    table->sortByColumn(ContactListModel::NameColumn, Qt::AscendingOrder);
    window.showSection(MainWindow::Section::Dashboard);
    auto *views = window.findChild<QListWidget *>(QStringLiteral("savedViewsListWidget"));
    QVERIFY(views->isVisible());
    QCOMPARE(views->count(), 1);
    const QRect item = views->visualItemRect(views->item(0));
    QTest::mouseClick(views->viewport(), Qt::LeftButton, {}, item.center());
    QTRY_COMPARE(window.currentSection(), MainWindow::Section::Contacts);
    QCOMPARE(names(table), QStringList({ QStringLiteral("Zoe Tomlin") }));
    QCOMPARE(search->text(), QStringLiteral("tom"));
    QCOMPARE(view->model()->sortColumn(), int(ContactListModel::TitleColumn));
    QCOMPARE(view->model()->sortOrder(), Qt::DescendingOrder);

    // Deleting it from the context menu (answered Yes in advance) removes it from the database.
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QMetaObject::invokeMethod(views, [&] { Q_EMIT views->customContextMenuRequested(item.center()); });
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = window.findChild<QMenu *>(QStringLiteral("savedViewMenu"))));
    menu->actions().at(1)->trigger();
    QTRY_VERIFY(SavedViewRepository(*db).list(QStringLiteral("contacts"))->isEmpty());
    QTRY_COMPARE(views->count(), 0);
}

void TestContactSearch::columnChooserHidesColumns()
{
    auto db = database();
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QHeaderView *header = window.contactsView()->tableView()->horizontalHeader();
    Q_EMIT header->customContextMenuRequested(QPoint(5, 5));
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = header->findChild<QMenu *>(QStringLiteral("contactColumnsMenu"))));
    auto *email = menu->findChild<QAction *>(QStringLiteral("emailColumnAction"));
    QVERIFY(email && email->isChecked());
    QVERIFY(!menu->findChild<QAction *>(QStringLiteral("nameColumnAction"))->isEnabled());
    email->trigger();
    QVERIFY(header->isSectionHidden(ContactListModel::EmailColumn));
    menu->close();
    window.close(); // saves the header state
    MainWindow again(*db);
    QVERIFY(again.contactsView()->tableView()->horizontalHeader()->isSectionHidden(ContactListModel::EmailColumn));
}


void TestContactSearch::filterChipsRemoveOneFilterEach()
{
    auto db = database();
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    MainWindow window(*db);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTableView *table = window.contactsView()->tableView();
    auto *bar = window.findChild<ContactSearchBar *>();
    auto chips = [&window] {
        QStringList labels;
        for (QToolButton *chip : window.findChildren<QToolButton *>(QStringLiteral("filterChip")))
            labels << chip->property("chipLabel").toString();
        return labels;
    };
    QVERIFY(chips().isEmpty());

    ContactFilter f;
    f.kinds = { QStringLiteral("journalist"), QStringLiteral("editor") };
    f.notContactedInDays = 30;
    bar->setFilter(f);
    QTRY_COMPARE(names(table), QStringList({ QStringLiteral("Anna Berg"), QStringLiteral("Tomás Ruiz"),
                                   QStringLiteral("Zoe Tomlin") }));
    QCOMPARE(chips(), QStringList({ QStringLiteral("Journalist"), QStringLiteral("Editor"),
                          QStringLiteral("Not contacted in 30 days") }));

    // Delete on a focused chip removes that value only.
    QToolButton *editor = nullptr;
    for (QToolButton *chip : window.findChildren<QToolButton *>(QStringLiteral("filterChip")))
        if (chip->property("chipLabel") == QStringLiteral("Editor"))
            editor = chip;
    QVERIFY(editor);
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Delete);
    QTRY_COMPARE(names(table), QStringList({ QStringLiteral("Anna Berg"), QStringLiteral("Zoe Tomlin") }));
    QCOMPARE(bar->filter().kinds, QStringList({ QStringLiteral("journalist") }));
    QCOMPARE(chips(), QStringList({ QStringLiteral("Journalist"), QStringLiteral("Not contacted in 30 days") }));

    // A click removes the next; the last chip gone shows everyone.
    for (QToolButton *chip : window.findChildren<QToolButton *>(QStringLiteral("filterChip")))
        if (chip->property("chipLabel") == QStringLiteral("Journalist"))
            QTest::mouseClick(chip, Qt::LeftButton);
    QTRY_COMPARE(chips(), QStringList({ QStringLiteral("Not contacted in 30 days") }));
    QTRY_COMPARE(table->model()->rowCount(), 4);
    for (QToolButton *chip : window.findChildren<QToolButton *>(QStringLiteral("filterChip")))
        QTest::mouseClick(chip, Qt::LeftButton);
    QTRY_VERIFY(chips().isEmpty());
    QVERIFY(!bar->filter().hasFilters());
}

// Issue 10: after a search or a sort the list stayed scrolled where it was, hiding the best matches above
// the top. It goes to the top, or keeps the selected contact in view.
void TestContactSearch::searchAndSortShowTheTopOrTheSelectedRow()
{
    std::unique_ptr<Database> db = database();
    ContactRepository repo(*db);
    for (int i = 0; i < 150; ++i) {
        Contact c;
        c.displayName = QStringLiteral("Person %1").arg(i, 3, 10, QLatin1Char('0'));
        c.title = i % 2 ? QStringLiteral("Reporter") : QStringLiteral("Editor");
        QVERIFY(repo.create(c));
    }
    MainWindow window(*db);
    window.resize(1000, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ContactsView *view = window.contactsView();
    QTableView *table = view->tableView();
    QScrollBar *bar = table->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    auto *search = view->findChild<QLineEdit *>(QStringLiteral("contactSearchLineEdit"));

    // A search from the bottom of the list: its first match is at the top and in view.
    bar->setValue(bar->maximum());
    QTest::keyClicks(search, QStringLiteral("person"));
    QTRY_COMPARE(view->model()->rowCount(), 150);
    QCOMPARE(bar->value(), 0);
    QVERIFY(table->rowAt(0) == 0);

    // A sort by clicking the header, scrolled down and with nothing selected: the top.
    bar->setValue(bar->maximum() / 2);
    QHeaderView *header = table->horizontalHeader();
    const int x = header->sectionViewportPosition(ContactListModel::TitleColumn) + 5;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(ContactListModel::TitleColumn));
    QCOMPARE(bar->value(), 0);

    // With a contact selected, the sort keeps it in view.
    const int row = 40;
    table->setCurrentIndex(view->model()->index(row, ContactListModel::NameColumn));
    const qint64 id = table->currentIndex().data(ContactListModel::IdRole).toLongLong();
    bar->setValue(0);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2)); // descending
    QCOMPARE(table->currentIndex().data(ContactListModel::IdRole).toLongLong(), id);
    const QRect rect = table->visualRect(table->currentIndex());
    QVERIFY(table->viewport()->rect().contains(rect));
}

QTEST_MAIN(TestContactSearch)
#include "tst_contactsearch.moc"
