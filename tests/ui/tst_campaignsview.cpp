#include "campaigns/campaignsview.h"
#include "campaigns/campaigntab.h"
#include "campaigns/campaignworkspace.h"
#include "campaigns/pendingcampaigntab.h"
#include "storage/campaignrepository.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

namespace {

std::unique_ptr<Database> databaseWith(const QStringList &campaigns, QList<qint64> *ids)
{
    Result<std::unique_ptr<Database>> db = TestDatabase::create(QStringLiteral("sqlite"));
    if (!db)
        qFatal("opening a test database failed: %s", qPrintable(db.error().message));
    CampaignRepository repo(**db);
    for (const QString &name : campaigns) {
        Campaign c;
        c.name = name;
        if (Status s = repo.create(c); !s)
            qFatal("creating a campaign failed: %s", qPrintable(s.error().message));
        ids->append(c.id);
    }
    return std::move(db).value();
}

void clickRow(QTableView *table, int row)
{
    const QRect rect = table->visualRect(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
}

} // namespace

class TestCampaignsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workspaceHasTheTabsInOrder();
    void choosingACampaignOpensItInTheVisibleTabOnly();
};

void TestCampaignsView::workspaceHasTheTabsInOrder()
{
    QList<qint64> ids;
    auto db = databaseWith({}, &ids);
    QUndoStack undo;
    CampaignWorkspace workspace(*db, &undo);
    QTabWidget *tabs = workspace.tabWidget();
    const QStringList titles = { QStringLiteral("Brief"), QStringLiteral("Content"), QStringLiteral("Media list"),
        QStringLiteral("Pipeline"), QStringLiteral("Coverage"), QStringLiteral("Who to pitch") };
    QCOMPARE(tabs->count(), titles.size());
    for (int i = 0; i < titles.size(); ++i) {
        QCOMPARE(tabs->tabText(i), titles.at(i));
        QCOMPARE(workspace.tab(CampaignWorkspace::Tab(i))->title(), titles.at(i));
    }
    // Without a campaign the workspace says how to open one.
    workspace.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workspace));
    QVERIFY(workspace.findChild<QLabel *>(QStringLiteral("noCampaignSelectedLabel"))->isVisible());
    QVERIFY(!tabs->isVisible());
}

void TestCampaignsView::choosingACampaignOpensItInTheVisibleTabOnly()
{
    QList<qint64> ids;
    auto db = databaseWith({ QStringLiteral("Spring launch"), QStringLiteral("Autumn study") }, &ids);
    QUndoStack undo;
    CampaignsView view(*db, &undo);
    view.resize(1000, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTableView *table = view.tableView();
    QCOMPARE(table->model()->rowCount(), 2);
    // The status column shows the status's word (CampaignStatus, translated), not its stored key.
    QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("Planned"));
    CampaignWorkspace *workspace = view.workspace();
    QCOMPARE(workspace->campaignId(), 0);

    const qint64 first = table->model()->index(0, 0).data(Qt::UserRole + 1).toLongLong();
    const qint64 second = table->model()->index(1, 0).data(Qt::UserRole + 1).toLongLong();
    clickRow(table, 0);
    QTRY_COMPARE(workspace->campaignId(), first);
    QVERIFY(workspace->tabWidget()->isVisible());
    const auto pending = [workspace](CampaignWorkspace::Tab tab) {
        auto *p = qobject_cast<PendingCampaignTab *>(workspace->tab(tab));
        return p ? p->campaignId() : -1;
    };
    if (qobject_cast<PendingCampaignTab *>(workspace->tab(CampaignWorkspace::Tab::Pipeline))) {
        QCOMPARE(pending(CampaignWorkspace::Tab::Pipeline), 0); // hidden: not loaded yet
        workspace->tabWidget()->setCurrentIndex(int(CampaignWorkspace::Tab::Pipeline));
        QCOMPARE(pending(CampaignWorkspace::Tab::Pipeline), first);
        clickRow(table, 1);
        QTRY_COMPARE(workspace->campaignId(), second);
        QCOMPARE(pending(CampaignWorkspace::Tab::Pipeline), second);
    }
    QVERIFY(table->selectionModel()->isRowSelected(workspace->campaignId() == first ? 0 : 1, {}));
}

QTEST_MAIN(TestCampaignsView)
#include "tst_campaignsview.moc"
