// Opening a person from anywhere shows that person (issue 10): from an organization's People list, from
// Ctrl+K and from the duplicate warning, with a search or filter hiding them from the contact list, with a
// list whose rows arrive in two steps, and for a contact in the trash.
#include "common/messagebox.h"
#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "contacts/labeledvalueslist.h"
#include "itemmodels/contactlistmodel.h"
#include "mainwindow.h"
#include "organizations/organizationsview.h"
#include "palette/commandpalette.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "testdatabase.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>

class TestOpenContact final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MainWindow> m_window;
    ContactsView *m_view = nullptr;
    ContactEditor *m_editor = nullptr;
    QLineEdit *m_search = nullptr;
    qint64 m_ada = 0, m_bob = 0, m_cleo = 0, m_times = 0;

    qint64 add(const QString &first, const QString &last, qint64 organization = 0, const QString &email = {})
    {
        Contact c;
        c.firstName = first;
        c.lastName = last;
        c.organizationId = organization;
        if (!email.isEmpty())
            c.emails.append({ QStringLiteral("work"), email });
        if (Status s = ContactRepository(*m_db).create(c); !s)
            qFatal("%s", qPrintable(s.error().message));
        return c.id;
    }
    qint64 currentId() const { return m_view->tableView()->currentIndex().data(ContactListModel::IdRole).toLongLong(); }
    QString status() const { return m_window->statusBar()->currentMessage(); }
    // Types into the list's search box as a user does and waits until the list shows `rows` rows.
    bool search(const QString &text, int rows)
    {
        m_search->setFocus();
        m_search->selectAll();
        QTest::keyClick(m_search, Qt::Key_Backspace);
        QTest::keyClicks(m_search, text);
        return QTest::qWaitFor([&] { return m_view->model()->rowCount() == rows; }, 2000);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        Organization times;
        times.name = QStringLiteral("The Times");
        QVERIFY(OrganizationRepository(*m_db).create(times));
        m_times = times.id;
        m_ada = add(QStringLiteral("Ada"), QStringLiteral("Lovelace"));
        m_bob = add(QStringLiteral("Bob"), QStringLiteral("Brown"), m_times, QStringLiteral("bob@news.example"));
        m_cleo = add(QStringLiteral("Cleo"), QStringLiteral("Chan"), m_times);
        m_window = std::make_unique<MainWindow>(*m_db);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_view = m_window->contactsView();
        m_editor = m_view->findChild<ContactEditor *>();
        m_search = m_view->findChild<QLineEdit *>(QStringLiteral("contactSearchLineEdit"));
        QVERIFY(m_editor && m_search);
    }
    void cleanup()
    {
        m_window.reset();
        m_db.reset();
    }

    // Double-click on Bob in The Times' People while the list is searched for Ada.
    void fromAnOrganizationsPeopleWhileSearching()
    {
        QVERIFY(search(QStringLiteral("Ada"), 1));
        QVERIFY(m_view->selectContact(m_ada));
        QCOMPARE(m_editor->contactId(), m_ada);

        m_window->showSection(MainWindow::Section::Organizations);
        m_window->organizationsView()->showOrganization(m_times);
        auto *people = m_window->organizationsView()->findChild<QTableView *>(QStringLiteral("peopleTableView"));
        QVERIFY(people);
        QTRY_COMPARE(people->model()->rowCount(), 2);
        int bobRow = -1;
        for (int row = 0; row < people->model()->rowCount(); ++row)
            if (people->model()->index(row, 0).data().toString() == QStringLiteral("Bob Brown"))
                bobRow = row;
        QVERIFY(bobRow >= 0);
        const QRect rect = people->visualRect(people->model()->index(bobRow, 0));
        QTest::mouseClick(people->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(people->viewport(), Qt::LeftButton, {}, rect.center());

        QCOMPARE(m_window->currentSection(), MainWindow::Section::Contacts);
        QCOMPARE(m_editor->contactId(), m_bob);
        QTRY_COMPARE(currentId(), m_bob);
        QCOMPARE(m_search->text(), QString()); // the search that hid Bob is cleared...
        QVERIFY2(status().contains(QStringLiteral("Bob Brown")), qPrintable(status())); // ...and the status bar says so
    }

    // Ctrl+K, "Bob", Enter while the list shows only Cleo.
    void fromTheCommandPaletteWhileSearching()
    {
        QVERIFY(search(QStringLiteral("Cleo"), 1));
        QVERIFY(m_view->selectContact(m_cleo));
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        auto *palette = m_window->findChild<CommandPalette *>(QStringLiteral("commandPaletteFrame"));
        QVERIFY(palette);
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->lineEdit(), QStringLiteral("Bob"));
        QVERIFY(palette->resultList()->currentItem()->text().startsWith(QStringLiteral("Bob Brown")));
        QTest::keyClick(palette->lineEdit(), Qt::Key_Return);

        QCOMPARE(m_editor->contactId(), m_bob);
        QTRY_COMPARE(currentId(), m_bob);
        QVERIFY(m_view->model()->filter().isEmpty());
        QVERIFY2(status().contains(QStringLiteral("Bob Brown")), qPrintable(status()));
    }

    // The duplicate warning's Open button, with the list searched for Ada (who is being edited).
    void fromTheDuplicateWarningWhileSearching()
    {
        QVERIFY(search(QStringLiteral("Ada"), 1));
        QVERIFY(m_view->selectContact(m_ada));
        auto *emails = m_editor->findChild<LabeledValuesList *>(QStringLiteral("emailsLabeledValuesList"));
        QTest::mouseClick(emails->addButton(), Qt::LeftButton);
        QTest::keyClicks(emails->valueEdit(0), QStringLiteral("bob@news.example"));
        auto *banner = m_editor->findChild<QWidget *>(QStringLiteral("duplicateBannerWidget"));
        QTRY_VERIFY(banner->isVisible());
        MessageBox::setNextAnswer(QMessageBox::Discard); // leaving Ada's unsaved edit
        QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("openDuplicateButton")), Qt::LeftButton);

        QCOMPARE(m_editor->contactId(), m_bob);
        QTRY_COMPARE(currentId(), m_bob);
        QVERIFY(ContactRepository(*m_db).get(m_ada)->emails.isEmpty()); // discarded, as answered
    }

    // A big list reads the rows beyond its first screenful on a worker thread: the row is selected when it
    // arrives, and the profile is the right one at once.
    void selectsTheRowWhenTheListArrivesLater()
    {
        m_view->model()->setFirstSliceSize(1);
        QVERIFY(search(QStringLiteral("Ada"), 1));
        QVERIFY(m_window->showContact(m_cleo));
        QCOMPARE(m_editor->contactId(), m_cleo);
        QTRY_COMPARE(currentId(), m_cleo);
        QVERIFY(m_view->model()->filter().isEmpty());
    }

    // A contact in the trash is shown on its own, and the list selects nobody else.
    void aContactInTheTrashIsShownOnItsOwn()
    {
        QVERIFY(m_view->selectContact(m_ada));
        QVERIFY(ContactRepository(*m_db).moveToTrash(m_bob));
        m_view->refresh();
        QVERIFY(m_window->showContact(m_bob));
        QCOMPARE(m_editor->contactId(), m_bob);
        QVERIFY(!m_view->tableView()->currentIndex().isValid());
        QVERIFY2(status().contains(QStringLiteral("trash")), qPrintable(status()));
    }
};

QTEST_MAIN(TestOpenContact)
#include "tst_opencontact.moc"
