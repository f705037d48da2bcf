#include "common/filedialog.h"
#include "common/messagebox.h"
#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "interchange/exportdialog.h"
#include "interchange/privacyactions.h"
#include "itemmodels/contactlistmodel.h"
#include "mainwindow.h"
#include "plurals.h"
#include "privacyfixture.h"
#include "testdatabase.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

// File → Export…, Contact → Export Everything About This Person… and Contact → Erase This Person…, driven
// through the real window with key presses and clicks; the files and the database are then checked with the
// test's own reads.
class TestExportPrivacy final : public QObject
{
    Q_OBJECT

    static qint64 scalar(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static QString tempPath(const QString &name) { return TestDatabase::tempDir() + u'/' + name; }

    static QAction *menuAction(MainWindow &window, const QString &menuName, const QString &actionName)
    {
        auto *menu = window.menuBar()->findChild<QMenu *>(menuName);
        if (menu)
            Q_EMIT menu->aboutToShow(); // the Contact menu takes its actions when it opens
        return window.findChild<QAction *>(actionName);
    }

    // The first time with Ctrl+Shift+E, as a user would; later through File → Export… (the offscreen platform
    // does not give the window the focus back after a dialog, so a shortcut would not reach it).
    static ExportDialog *openExportDialog(MainWindow &window, bool byShortcut = true)
    {
        if (byShortcut)
            QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        else
            window.findChild<QAction *>(u"exportAction"_s)->trigger();
        ExportDialog *dialog = nullptr;
        // The dialog of an earlier export may still wait for its deleteLater(): take the one that shows.
        const bool shown = QTest::qWaitFor([&] {
            for (ExportDialog *d : window.findChildren<ExportDialog *>())
                if (d->isVisible())
                    dialog = d;
            return dialog != nullptr;
        });
        if (!shown || !QTest::qWaitForWindowExposed(dialog))
            return nullptr;
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Plurals::installEnglish();
    }
    void init()
    {
        QSettings().clear();
        MessageBox::setNextAnswer(QMessageBox::NoButton);
    }

    void exportsAllContactsAsVCardAndCsv()
    {
        auto opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened.ok());
        Database &db = **opened;
        PrivacyFixture::create(db);
        MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        ExportDialog *dialog = openExportDialog(window);
        QVERIFY(dialog);
        auto *all = dialog->findChild<QRadioButton *>(u"allContactsRadioButton"_s);
        auto *list = dialog->findChild<QRadioButton *>(u"listRadioButton"_s);
        auto *format = dialog->findChild<QComboBox *>(u"formatComboBox"_s);
        QVERIFY(all && list && format);
        QVERIFY(all->isChecked());
        QVERIFY(!list->isEnabled()); // no search or filter in the list
        QCOMPARE(format->currentIndex(), 0); // vCard 4.0

        const QString vcf = tempPath(u"everybody.vcf"_s);
        QSignalSpy finished(dialog, &ExportDialog::finished);
        FileDialog::setNextFileName(vcf);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toLongLong(), 2);
        const QByteArray cards = read(vcf);
        QCOMPARE(cards.count("BEGIN:VCARD\r\nVERSION:4.0\r\n"), 2);
        QVERIFY(cards.contains(PrivacyFixture::kXName.toUtf8()));
        QVERIFY(cards.contains(PrivacyFixture::kYName.toUtf8()));
        QVERIFY(window.statusBar()->currentMessage().contains(u"everybody.vcf"_s));

        // Google's CSV, chosen with the keyboard.
        dialog = openExportDialog(window, false);
        QVERIFY(dialog);
        format = dialog->findChild<QComboBox *>(u"formatComboBox"_s);
        format->setFocus();
        QTest::keyClick(format, Qt::Key_Down);
        QTest::keyClick(format, Qt::Key_Down);
        QTest::keyClick(format, Qt::Key_Down);
        QCOMPARE(format->currentIndex(), 3);
        const QString csv = tempPath(u"everybody.csv"_s);
        QSignalSpy finishedCsv(dialog, &ExportDialog::finished);
        FileDialog::setNextFileName(csv);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
        QVERIFY(finishedCsv.wait(20000));
        const QByteArray google = read(csv);
        QVERIFY(google.startsWith("First Name,Middle Name,Last Name,"));
        QVERIFY(google.contains(PrivacyFixture::kXEmail.toUtf8()));
    }

    void exportsTheSelectionAndFollowUps()
    {
        auto opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened.ok());
        Database &db = **opened;
        const PrivacyFixture::Ids ids = PrivacyFixture::create(db);
        MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.contactsView()->selectContact(ids.y));

        ExportDialog *dialog = openExportDialog(window);
        QVERIFY(dialog);
        auto *selection = dialog->findChild<QRadioButton *>(u"selectionRadioButton"_s);
        QVERIFY(selection->isEnabled());
        QTest::keyClick(dialog, Qt::Key_S, Qt::AltModifier); // its mnemonic, "&selected"
        QTRY_VERIFY(selection->isChecked()); // a mnemonic clicks the button after a short animation
        const QString vcf = tempPath(u"selected.vcf"_s);
        QSignalSpy finished(dialog, &ExportDialog::finished);
        FileDialog::setNextFileName(vcf);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        const QByteArray cards = read(vcf);
        QCOMPARE(cards.count("BEGIN:VCARD"), 1);
        QVERIFY(cards.contains(PrivacyFixture::kYName.toUtf8()));
        QVERIFY(!cards.contains(PrivacyFixture::kXName.toUtf8()));

        dialog = openExportDialog(window, false);
        QVERIFY(dialog);
        auto *followUps = dialog->findChild<QRadioButton *>(u"followUpsRadioButton"_s);
        QTest::mouseClick(followUps, Qt::LeftButton);
        QVERIFY(!dialog->findChild<QComboBox *>(u"formatComboBox"_s)->isEnabled());
        const QString ics = tempPath(u"follow-ups.ics"_s);
        QSignalSpy finishedIcs(dialog, &ExportDialog::finished);
        FileDialog::setNextFileName(ics);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
        QVERIFY(finishedIcs.wait(20000));
        const QByteArray calendar = read(ics);
        QCOMPARE(calendar.count("BEGIN:VTODO"), 2);
        QVERIFY(calendar.contains("SUMMARY:Follow up with Quillon Vantablack"));
    }

    void exportsEverythingAboutOnePerson()
    {
        auto opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened.ok());
        Database &db = **opened;
        const PrivacyFixture::Ids ids = PrivacyFixture::create(db);
        MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.contactsView()->selectContact(ids.x));
        QAction *exportPerson = menuAction(window, u"contactMenu"_s, u"exportPersonAction"_s);
        QVERIFY(exportPerson);
        auto *actions = window.findChild<PrivacyActions *>();
        QVERIFY(actions);
        QSignalSpy done(actions, &PrivacyActions::done);
        const QString json = tempPath(u"quillon.json"_s);
        FileDialog::setNextFileName(json);
        exportPerson->trigger();
        QVERIFY(done.wait(20000));
        QVERIFY2(done.first().at(0).toString().contains(u"quillon.vcf"_s), qPrintable(done.first().at(0).toString()));
        const QJsonObject person = QJsonDocument::fromJson(read(json)).object();
        QCOMPARE(person.value(u"contact"_s).toObject().value(u"display_name"_s).toString(), PrivacyFixture::kXName);
        const QByteArray card = read(tempPath(u"quillon.vcf"_s));
        QVERIFY(card.contains("FN:Quillon Vantablack\r\n"));
        QVERIFY(!read(json).contains(PrivacyFixture::kYName.toUtf8()));
    }

    void erasesThePersonAfterNamingWhatGoes()
    {
        auto opened = TestDatabase::create(u"sqlite"_s);
        QVERIFY(opened.ok());
        Database &db = **opened;
        const PrivacyFixture::Ids ids = PrivacyFixture::create(db);
        MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.contactsView()->selectContact(ids.x));
        QCOMPARE(window.contactsView()->model()->rowCount(), 2);
        QAction *erase = menuAction(window, u"contactMenu"_s, u"erasePersonAction"_s);
        QVERIFY(erase);
        QVERIFY(window.menuBar()->findChild<QMenu *>(u"contactMenu"_s)->actions().contains(erase));

        // Cancel first: nothing happens.
        erase->trigger();
        EraseDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<EraseDialog *>()) && dialog->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!window.findChild<EraseDialog *>());
        QCOMPARE(scalar(db, u"SELECT count(*) FROM contacts WHERE id = %1"_s.arg(ids.x)), 1);

        erase->trigger();
        QTRY_VERIFY((dialog = window.findChild<EraseDialog *>()) && dialog->isVisible());
        const QString text = dialog->findChild<QLabel *>(u"eraseSummaryLabel"_s)->text();
        QVERIFY2(text.contains(PrivacyFixture::kXName), qPrintable(text));
        QVERIFY2(dialog->summary().contains(u"2 conversations"_s), qPrintable(dialog->summary()));
        QVERIFY2(dialog->summary().contains(u"1 pitch"_s), qPrintable(dialog->summary()));
        QVERIFY2(dialog->summary().contains(u"1 follow-up"_s), qPrintable(dialog->summary()));
        auto *ignore = dialog->findChild<QCheckBox *>(u"ignoreHandlesCheckBox"_s);
        QVERIFY(ignore->isVisible() && ignore->isChecked());
        // Enter does not erase: Cancel is the default button.
        QVERIFY(!dialog->findChild<QPushButton *>(u"eraseButton"_s)->isDefault());
        auto *actions = window.findChild<PrivacyActions *>();
        QSignalSpy done(actions, &PrivacyActions::done);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"eraseButton"_s), Qt::LeftButton);
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM contacts WHERE id = %1"_s.arg(ids.x)), 0);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM interactions WHERE contact_id = %1"_s.arg(ids.x)), 0);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM ignored_handles"_s), 1);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM audit_log WHERE action = 'erase'"_s), 1);
        QTRY_COMPARE(window.contactsView()->model()->rowCount(), 1);
        QCOMPARE(window.undoStack()->count(), 0);
        // The profile no longer shows them: it shows the person who took their row.
        auto *editor = window.findChild<ContactEditor *>();
        QVERIFY(editor);
        QCOMPARE(editor->contactId(), ids.y);
        QVERIFY(window.statusBar()->currentMessage().contains(PrivacyFixture::kXName));
    }
};

QTEST_MAIN(TestExportPrivacy)
#include "tst_exportprivacy.moc"
