#include "campaigns/medialisttab.h"
#include "domain/contactfilter.h"
#include "itemmodels/medialistmodel.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/organizationrepository.h"
#include "storage/savedviewrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

// The Media list tab driven with the keyboard and the mouse: a name typed and picked from the completion (title
// and outlet tell namesakes apart), a do-not-contact person refused with the reason shown, everybody of a saved
// view added at once, Delete removes, Ctrl+Z-style undo through the stack; the database checked with the test's
// own SQL. The tab's model runs under QAbstractItemModelTester for the whole test.
class TestMediaListTab final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<MediaListTab> m_tab;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_campaign = 0;
    qint64 m_amaraLedger = 0;
    qint64 m_amaraOther = 0;
    qint64 m_ben = 0;
    qint64 m_cleo = 0;
    qint64 m_view = 0;

    qint64 person(
        const QString &name, const QString &title, qint64 org, bool dnc = false, const QStringList &beats = {})
    {
        Contact c;
        c.displayName = name;
        c.title = title;
        c.organizationId = org;
        c.beats = beats;
        c.consentBasis = QStringLiteral("legitimate_interest");
        c.doNotContact = dnc;
        c.doNotContactReason = dnc ? QStringLiteral("asked in writing") : QString();
        return ContactRepository(*m_db).create(c).ok() ? c.id : -1;
    }
    QList<qint64> listed()
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT contact_id FROM pitches WHERE campaign_id = :c AND deleted_at IS NULL "
                                 "ORDER BY contact_id"));
        q.bindValue(QStringLiteral(":c"), m_campaign);
        QList<qint64> out;
        if (q.exec())
            while (q.next())
                out.append(q.value(0).toLongLong());
        return out;
    }
    QLineEdit *nameEdit() { return m_tab->findChild<QLineEdit *>(QStringLiteral("addLineEdit")); }

private Q_SLOTS:
    void init()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        QVERIFY(UserRepository(*m_db).ensureUser(QStringLiteral("anna"), QStringLiteral("Anna Berg")).ok());
        Organization ledger;
        ledger.name = QStringLiteral("The Ledger");
        QVERIFY(OrganizationRepository(*m_db).create(ledger).ok());
        Organization post;
        post.name = QStringLiteral("Morning Post");
        QVERIFY(OrganizationRepository(*m_db).create(post).ok());
        m_amaraLedger = person(QStringLiteral("Amara Okafor"), QStringLiteral("Tech editor"), ledger.id, false,
            { QStringLiteral("consumer tech") });
        m_amaraOther = person(QStringLiteral("Amara Okafor"), QStringLiteral("Sports writer"), post.id);
        m_ben = person(QStringLiteral("Ben Ode"), QStringLiteral("Reporter"), ledger.id, true);
        m_cleo = person(QStringLiteral("Cleo Park"), QStringLiteral("Editor"), post.id);
        Campaign c;
        c.name = QStringLiteral("Spring launch");
        QVERIFY(CampaignRepository(*m_db).create(c).ok());
        m_campaign = c.id;
        SavedView v;
        v.name = QStringLiteral("Morning Post people");
        ContactFilter f;
        f.outletIds = { post.id };
        v.definition = QJsonObject { { QStringLiteral("filter"), f.toJson() } };
        QVERIFY(SavedViewRepository(*m_db).create(v).ok());
        m_view = v.id;

        m_undo = std::make_unique<QUndoStack>();
        m_tab = std::make_unique<MediaListTab>(*m_db, m_undo.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_tab->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_tab->resize(1200, 500);
        m_tab->setCampaign(m_campaign);
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
    }

    void cleanup()
    {
        m_tester.reset();
        m_tab.reset();
        m_undo.reset();
        m_db.reset();
    }

    void typeANameAndPickTheRightNamesake()
    {
        QLineEdit *edit = nameEdit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("amara"));
        QCompleter *completer = edit->completer();
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionModel()->rowCount(), 2);
        // Both namesakes, told apart by title and outlet.
        QStringList shown;
        for (int r = 0; r < 2; ++r)
            shown << completer->completionModel()->index(r, 0).data(Qt::DisplayRole).toString();
        QVERIFY2(
            shown.contains(QStringLiteral("Amara Okafor — Sports writer, Morning Post")), qPrintable(shown.join(u'|')));
        const int sports = shown.indexOf(QStringLiteral("Amara Okafor — Sports writer, Morning Post"));
        for (int n = 0; n <= sports; ++n)
            QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(listed(), QList<qint64> { m_amaraOther });
        QTRY_VERIFY(edit->text().isEmpty());
        QCOMPARE(m_tab->notice(), QString());
        QCOMPARE(m_tab->model()->rowCount(), 1);
        QCOMPARE(
            m_tab->model()->index(0, MediaListModel::OutletColumn).data().toString(), QStringLiteral("Morning Post"));

        // A name typed in full and Enter: the one person of that name.
        QTest::keyClicks(edit, QStringLiteral("Cleo Park"));
        QTest::keyClick(edit, Qt::Key_Escape); // close the completion
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(listed(), (QList<qint64> { m_amaraOther, m_cleo }));
        QCOMPARE(m_undo->count(), 2);
        m_undo->undo();
        QCOMPARE(listed(), QList<qint64> { m_amaraOther });
        QCOMPARE(m_tab->model()->rowCount(), 1);
        m_undo->redo();
        QCOMPARE(m_tab->model()->rowCount(), 2);
    }

    void doNotContactIsRefusedWithTheReason()
    {
        QLineEdit *edit = nameEdit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("Ben Ode"));
        QTest::keyClick(edit, Qt::Key_Escape);
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(listed().isEmpty());
        QVERIFY2(m_tab->notice().contains(QStringLiteral("Ben Ode asked not to be contacted (asked in writing)")),
            qPrintable(m_tab->notice()));
        QVERIFY(m_tab->notice().contains(QStringLiteral("Not added")));
        QCOMPARE(m_undo->count(), 0);
    }

    void savedViewAddsEverybodyAndDeleteRemoves()
    {
        auto *combo = m_tab->findChild<QComboBox *>(QStringLiteral("savedViewComboBox"));
        QCOMPARE(combo->currentData().toLongLong(), m_view);
        QTest::mouseClick(m_tab->findChild<QPushButton *>(QStringLiteral("addViewPushButton")), Qt::LeftButton);
        QCOMPARE(listed(), (QList<qint64> { m_amaraOther, m_cleo }));
        QCOMPARE(m_tab->model()->rowCount(), 2);

        // Delete on the selected row takes that person off; undo puts them back.
        QTableView *table = m_tab->table();
        const QModelIndex cleo = table->model()->index(1, MediaListModel::NameColumn);
        QCOMPARE(cleo.data().toString(), QStringLiteral("Cleo Park (Editor)"));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, table->visualRect(cleo).center());
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(listed(), QList<qint64> { m_amaraOther });
        QCOMPARE(m_tab->model()->rowCount(), 1);
        m_undo->undo();
        QCOMPARE(listed(), (QList<qint64> { m_amaraOther, m_cleo }));
        QCOMPARE(m_tab->model()->rowCount(), 2);
    }

    void warningsInTheRow()
    {
        m_tab->addContacts({ m_amaraLedger });
        // Marked do-not-contact after being added, and without consent: the row says both.
        Contact a = *ContactRepository(*m_db).get(m_amaraLedger);
        a.doNotContact = true;
        a.doNotContactReason = QStringLiteral("left journalism");
        a.consentBasis.clear();
        QVERIFY(ContactRepository(*m_db).update(a).ok());
        m_tab->reload();
        const QModelIndex w = m_tab->model()->index(0, MediaListModel::WarningsColumn);
        QCOMPARE(w.data().toString(), QStringLiteral("Do not contact: left journalism. No recorded consent."));
        QVERIFY(m_tab->model()->index(0, 0).data(MediaListModel::DoNotContactRole).toBool());
        QCOMPARE(
            m_tab->model()->index(0, MediaListModel::BeatsColumn).data().toString(), QStringLiteral("consumer tech"));
    }
};

QTEST_MAIN(TestMediaListTab)
#include "tst_medialisttab.moc"
