#include "campaigns/coveragedialog.h"
#include "campaigns/coveragetab.h"
#include "itemmodels/campaigncoveragemodel.h"
#include "storage/campaignrepository.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/coveragerepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>

namespace {

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return QVariant();
    return q.value(0);
}

CoverageDialog *openDialog(CoverageTab &tab)
{
    QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("addCoverageButton")), Qt::LeftButton);
    return tab.findChild<CoverageDialog *>(QStringLiteral("coverageDialog"));
}

} // namespace

// The Coverage tab driven as a user: adding coverage through the dialog (a duplicate address refused next to
// the field), proposals accepted and dismissed, trash, undo.
class TestCoverageTab final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    qint64 m_campaign = 0;
    qint64 m_amara = 0;
    qint64 m_pitch = 0;
    qint64 m_outlet = 0;

    QString pitchStatus() const
    {
        return scalar(*m_db, QStringLiteral("SELECT status FROM pitches WHERE id = %1").arg(m_pitch)).toString();
    }

private slots:
    void init()
    {
        Result<std::unique_ptr<Database>> db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        Organization outlet;
        outlet.name = QStringLiteral("The Daily Circuit");
        outlet.kind = QStringLiteral("online");
        outlet.reach = 250000;
        QVERIFY(OrganizationRepository(*m_db).create(outlet).ok());
        m_outlet = outlet.id;
        Contact amara;
        amara.displayName = QStringLiteral("Amara Okafor");
        amara.organizationId = outlet.id;
        QVERIFY(ContactRepository(*m_db).create(amara).ok());
        m_amara = amara.id;
        Campaign c;
        c.name = QStringLiteral("Pulse ring launch");
        c.topics = { QStringLiteral("wearable") };
        QVERIFY(CampaignRepository(*m_db).create(c).ok());
        m_campaign = c.id;
        Result<Pitch> p = CampaignRepository(*m_db).addPitch(c.id, amara.id);
        QVERIFY(p.ok());
        m_pitch = p->id;
        QVERIFY(CampaignRepository(*m_db).setPitchStatus(m_pitch, QStringLiteral("pitched")).ok());
    }

    void addDuplicateAndUndo()
    {
        QUndoStack stack;
        CoverageTab tab(*m_db, &stack);
        tab.resize(1100, 600);
        tab.setCampaign(m_campaign);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto *table = tab.findChild<QTableView *>(QStringLiteral("coverageTableView"));
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);

        CoverageDialog *dialog = openDialog(tab);
        QVERIFY(dialog);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("headlineLineEdit")),
            QStringLiteral("Lumora's Pulse ring, reviewed"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlLineEdit")),
            QStringLiteral("https://www.dailycircuit.example/2026/05/pulse-ring?utm_source=newsletter"));
        // The pitch by keyboard: it fills the author, outlet and reach.
        auto *pitch = dialog->findChild<QComboBox *>(QStringLiteral("pitchComboBox"));
        pitch->setFocus();
        QTest::keyClick(pitch, Qt::Key_Down);
        QCOMPARE(pitch->currentData().toLongLong(), m_pitch);
        QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("authorComboBox"))->currentData().toLongLong(), m_amara);
        QCOMPARE(
            dialog->findChild<QComboBox *>(QStringLiteral("outletComboBox"))->currentData().toLongLong(), m_outlet);
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("reachLineEdit"))->text(), QStringLiteral("250000"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
        QTRY_VERIFY(!tab.findChild<CoverageDialog *>(QStringLiteral("coverageDialog")));
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, CampaignCoverageModel::OutletColumn).data().toString(),
            QStringLiteral("The Daily Circuit"));
        QCOMPARE(pitchStatus(), QStringLiteral("covered"));
        QCOMPARE(stack.count(), 1);

        // The same article in another form: refused next to the URL, naming the first; the dialog stays open.
        dialog = openDialog(tab);
        QTest::keyClicks(
            dialog->findChild<QLineEdit *>(QStringLiteral("headlineLineEdit")), QStringLiteral("Pasted twice"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlLineEdit")),
            QStringLiteral("http://dailycircuit.example/2026/05/pulse-ring/"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
        auto *urlError = dialog->findChild<QLabel *>(QStringLiteral("urlErrorLabel"));
        QVERIFY(urlError->isVisible());
        QVERIFY2(
            urlError->text().contains(QStringLiteral("Lumora's Pulse ring, reviewed")), qPrintable(urlError->text()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM coverage")).toInt(), 1);
        // Not a web address at all.
        auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
        url->selectAll();
        QTest::keyClicks(url, QStringLiteral("the radio interview"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY(urlError->text().contains(QStringLiteral("not a web address")));
        dialog->reject();
        QTRY_VERIFY(!tab.findChild<CoverageDialog *>(QStringLiteral("coverageDialog")));

        // Delete moves it to the trash; undo brings it back; undoing the add moves the pitch back.
        tab.activateWindow();
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        table->setCurrentIndex(table->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(table->model()->rowCount(), 0);
        stack.undo();
        QCOMPARE(table->model()->rowCount(), 1);
        stack.undo();
        QCOMPARE(table->model()->rowCount(), 0);
        QCOMPARE(pitchStatus(), QStringLiteral("pitched"));
        stack.redo();
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(pitchStatus(), QStringLiteral("covered"));
    }

    void acceptAndDismissProposals()
    {
        const qint64 pitchedAt
            = scalar(*m_db, QStringLiteral("SELECT pitched_at FROM pitches WHERE id = %1").arg(m_pitch)).toLongLong();
        QSqlQuery q(m_db->connection());
        for (int i = 0; i < 2; ++i) {
            q.prepare(QStringLiteral(
                "INSERT INTO interactions (contact_id, channel, direction, occurred_at, subject, body, url, source, "
                "external_id, created_at, updated_at, version) VALUES (:c, 'post', 'inbound', :at, :subject, :body, "
                ":url, 'feed', :ext, :at, :at, 1)"));
            q.bindValue(QStringLiteral(":c"), m_amara);
            q.bindValue(QStringLiteral(":at"), pitchedAt + (i + 1) * 3'600'000LL);
            q.bindValue(QStringLiteral(":subject"),
                i == 0 ? QStringLiteral("The best wearable of the spring") : QStringLiteral("Wearables, ranked"));
            q.bindValue(QStringLiteral(":body"), QStringLiteral("The Pulse ring from Lumora."));
            q.bindValue(QStringLiteral(":url"), QStringLiteral("https://dailycircuit.example/post-%1").arg(i));
            q.bindValue(QStringLiteral(":ext"), QStringLiteral("post-%1").arg(i));
            QVERIFY(q.exec());
        }
        QUndoStack stack;
        CoverageTab tab(*m_db, &stack);
        tab.resize(1100, 600);
        tab.setCampaign(m_campaign);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto *box = tab.findChild<QGroupBox *>(QStringLiteral("proposalsGroupBox"));
        auto *proposals = tab.findChild<QTreeWidget *>(QStringLiteral("proposalsTreeWidget"));
        auto *table = tab.findChild<QTableView *>(QStringLiteral("coverageTableView"));
        QVERIFY(box->isVisible());
        QCOMPARE(proposals->topLevelItemCount(), 2);
        QVERIFY(proposals->topLevelItem(0)->text(3).startsWith(QStringLiteral("Wearables, ranked"))); // newest first

        // Accept the newest: coverage with the post's headline, the pitch covered.
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("acceptProposalButton")), Qt::LeftButton);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, CampaignCoverageModel::HeadlineColumn).data().toString(),
            QStringLiteral("Wearables, ranked"));
        QVERIFY(!scalar(*m_db, QStringLiteral("SELECT interaction_id FROM coverage")).isNull());
        QCOMPARE(pitchStatus(), QStringLiteral("covered"));
        QCOMPARE(proposals->topLevelItemCount(), 1);

        // Dismiss the other: the box goes away; undo proposes it again.
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("dismissProposalButton")), Qt::LeftButton);
        QVERIFY(!box->isVisible());
        stack.undo();
        QVERIFY(box->isVisible());
        QCOMPARE(proposals->topLevelItemCount(), 1);
        // Undo the accept: no coverage, the pitch back to pitched, both proposed again.
        stack.undo();
        QCOMPARE(table->model()->rowCount(), 0);
        QCOMPARE(pitchStatus(), QStringLiteral("pitched"));
        QCOMPARE(proposals->topLevelItemCount(), 2);
    }

    // Editing a row through the dialog (double click), opening its article, and undoing the edit.
    void editOpenAndUndo()
    {
        Coverage c;
        c.campaignId = m_campaign;
        c.title = QStringLiteral("Pulse ring review");
        c.url = QStringLiteral("https://dailycircuit.example/review");
        QVERIFY(CoverageRepository(*m_db).create(c).ok());
        QUndoStack stack;
        CoverageTab tab(*m_db, &stack);
        QList<QUrl> opened;
        tab.setUrlOpener([&opened](const QUrl &url) { opened.append(url); });
        tab.resize(1100, 600);
        tab.setCampaign(m_campaign);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto *table = tab.findChild<QTableView *>(QStringLiteral("coverageTableView"));
        const QRect cell = table->visualRect(table->model()->index(0, CampaignCoverageModel::HeadlineColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("openUrlButton")), Qt::LeftButton);
        QCOMPARE(opened, QList<QUrl> { QUrl(QStringLiteral("https://dailycircuit.example/review")) });

        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        auto *dialog = tab.findChild<CoverageDialog *>(QStringLiteral("coverageDialog"));
        QVERIFY(dialog);
        auto *headline = dialog->findChild<QLineEdit *>(QStringLiteral("headlineLineEdit"));
        QCOMPARE(headline->text(), c.title);
        headline->selectAll();
        QTest::keyClicks(headline, QStringLiteral("The Pulse ring, reviewed"));
        auto *reach = dialog->findChild<QLineEdit *>(QStringLiteral("reachLineEdit"));
        QTest::keyClicks(reach, QStringLiteral("12x"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("reachErrorLabel"))->isVisible());
        QTest::keyClick(reach, Qt::Key_Backspace);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
        QTRY_VERIFY(!tab.findChild<CoverageDialog *>(QStringLiteral("coverageDialog")));
        QCOMPARE(CoverageRepository(*m_db).get(c.id)->title, QStringLiteral("The Pulse ring, reviewed"));
        QCOMPARE(CoverageRepository(*m_db).get(c.id)->reach, 12);
        stack.undo();
        QCOMPARE(CoverageRepository(*m_db).get(c.id)->title, QStringLiteral("Pulse ring review"));
        QCOMPARE(table->model()->index(0, CampaignCoverageModel::HeadlineColumn).data().toString(),
            QStringLiteral("Pulse ring review"));
    }

    // A hidden tab only notes that its campaign changed and reloads when it is shown again.
    void hiddenTabReloadsWhenShown()
    {
        QUndoStack stack;
        CoverageTab tab(*m_db, &stack);
        tab.setCampaign(m_campaign);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto *table = tab.findChild<QTableView *>(QStringLiteral("coverageTableView"));
        tab.hide();
        Coverage c;
        c.campaignId = m_campaign;
        c.title = QStringLiteral("Written elsewhere");
        QVERIFY(CoverageRepository(*m_db).create(c).ok());
        ChangeNotifier::instance()->notifyCampaigns({ m_campaign });
        QCOMPARE(table->model()->rowCount(), 0);
        tab.show();
        QCOMPARE(table->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestCoverageTab)
#include "tst_coveragetab.moc"
