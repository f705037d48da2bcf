#include "campaigns/campaignworkspace.h"
#include "campaigns/contenttab.h"
#include "common/messagebox.h"
#include "itemmodels/contentitemmodel.h"
#include "storage/campaignrepository.h"
#include "storage/contentrepository.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTextEdit>
#include <QUndoStack>

namespace {

QString storedBody(Database &db, qint64 id)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT body FROM content_items WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec() || !q.next())
        return QStringLiteral("<missing>");
    return q.value(0).toString();
}

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return QVariant();
    return q.value(0);
}

void clickRow(QTableView *view, int row)
{
    const QRect rect = view->visualRect(view->model()->index(row, ContentItemModel::TitleColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

} // namespace

// The Content tab driven as a user: typing with the shortcuts, saving, the history, undo.
class TestContentTab final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    qint64 m_campaign = 0;

private slots:
    void init()
    {
        Result<std::unique_ptr<Database>> db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        Campaign c;
        c.name = QStringLiteral("Pulse ring launch");
        QVERIFY(CampaignRepository(*m_db).create(c).ok());
        m_campaign = c.id;
    }

    void typeFormatSaveRestoreUndo()
    {
        QUndoStack stack;
        ContentTab tab(*m_db, &stack);
        tab.resize(1100, 700);
        tab.setCampaign(m_campaign);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto *table = tab.findChild<QTableView *>(QStringLiteral("contentTableView"));
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        auto *title = tab.findChild<QLineEdit *>(QStringLiteral("titleLineEdit"));
        auto *body = tab.findChild<QTextEdit *>(QStringLiteral("bodyTextEdit"));
        auto *save = tab.findChild<QPushButton *>(QStringLiteral("saveButton"));
        auto *status = tab.findChild<QComboBox *>(QStringLiteral("statusComboBox"));
        QVERIFY(title && body && save && status);
        QCOMPARE(table->model()->rowCount(), 0);

        // New item: a title, a heading, a bold word (Ctrl+B on and off), an italic one, a bulleted list.
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("newContentButton")), Qt::LeftButton);
        QTest::keyClicks(title, QStringLiteral("Lumora introduces the Pulse ring"));
        body->setFocus();
        QTest::keyClick(body, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
        QTest::keyClicks(body, QStringLiteral("Pulse ring"));
        QTest::keyClick(body, Qt::Key_Return);
        QTest::keyClick(body, Qt::Key_0, Qt::ControlModifier | Qt::AltModifier);
        QTest::keyClicks(body, QStringLiteral("The ring is "));
        QTest::keyClick(body, Qt::Key_B, Qt::ControlModifier);
        QTest::keyClicks(body, QStringLiteral("waterproof"));
        QTest::keyClick(body, Qt::Key_B, Qt::ControlModifier);
        QTest::keyClicks(body, QStringLiteral(" and "));
        QTest::keyClick(body, Qt::Key_I, Qt::ControlModifier);
        QTest::keyClicks(body, QStringLiteral("light"));
        QTest::keyClick(body, Qt::Key_I, Qt::ControlModifier);
        QTest::keyClicks(body, QStringLiteral("."));
        QTest::keyClick(body, Qt::Key_Return);
        QTest::keyClick(body, Qt::Key_8, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClicks(body, QStringLiteral("Seven days of battery"));
        QTest::keyClick(body, Qt::Key_Return);
        QTest::keyClicks(body, QStringLiteral("Sleep tracking"));
        QVERIFY(tab.hasUnsavedChanges());
        QTest::keyClick(body, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(!tab.hasUnsavedChanges());

        QCOMPARE(table->model()->rowCount(), 1);
        const qint64 id = tab.currentItemId();
        QVERIFY(id > 0);
        const QString markdown = storedBody(*m_db, id);
        QVERIFY2(markdown.contains(QStringLiteral("# Pulse ring\n")), qPrintable(markdown));
        QVERIFY2(markdown.contains(QStringLiteral("The ring is **waterproof** and *light*.")), qPrintable(markdown));
        QVERIFY2(markdown.contains(QStringLiteral("- Seven days of battery\n")), qPrintable(markdown));
        QVERIFY2(markdown.contains(QStringLiteral("- Sleep tracking")), qPrintable(markdown));
        QCOMPARE(stack.count(), 1);

        // A second save: the status goes to "in review" and a sentence is added.
        status->setFocus();
        status->setCurrentIndex(status->findData(QStringLiteral("in_review")));
        body->setFocus();
        body->moveCursor(QTextCursor::End);
        QTest::keyClick(body, Qt::Key_Return);
        QTest::keyClick(body, Qt::Key_8, Qt::ControlModifier | Qt::ShiftModifier); // out of the list
        QTest::keyClicks(body, QStringLiteral("Available in June."));
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(storedBody(*m_db, id).contains(QStringLiteral("Available in June.")));
        QCOMPARE(ContentRepository(*m_db).get(id)->status, QStringLiteral("in_review"));
        QCOMPARE(stack.count(), 2);

        // History: version 1 rendered; Restore brings it back as a new save.
        auto *pages = tab.findChild<QTabWidget *>(QStringLiteral("contentPagesTabWidget"));
        pages->setCurrentIndex(1);
        auto *versions = tab.findChild<QListWidget *>(QStringLiteral("versionsListWidget"));
        QCOMPARE(versions->count(), 1);
        auto *view = tab.findChild<QTextBrowser *>(QStringLiteral("versionTextBrowser"));
        QVERIFY(view->toPlainText().contains(QStringLiteral("waterproof")));
        QVERIFY(!view->toPlainText().contains(QStringLiteral("Available in June.")));
        QVERIFY(!view->toPlainText().contains(QStringLiteral("**"))); // rendered, not Markdown source
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("restoreVersionButton")), Qt::LeftButton);
        QVERIFY(!storedBody(*m_db, id).contains(QStringLiteral("Available in June.")));
        QCOMPARE(ContentRepository(*m_db).get(id)->status, QStringLiteral("draft"));
        QCOMPARE(versions->count(), 2); // the replaced state is kept too
        QVERIFY(!body->toPlainText().contains(QStringLiteral("Available in June.")));
        QCOMPARE(stack.count(), 3);

        // Undo the restore: the June text is back, in the database and in the editor.
        stack.undo();
        QVERIFY(storedBody(*m_db, id).contains(QStringLiteral("Available in June.")));
        QTRY_VERIFY(body->toPlainText().contains(QStringLiteral("Available in June.")));
        QCOMPARE(status->currentData().toString(), QStringLiteral("in_review"));
        // Undo the status save, then the create: the item goes to the trash.
        stack.undo();
        QCOMPARE(ContentRepository(*m_db).get(id)->status, QStringLiteral("draft"));
        stack.undo();
        QCOMPARE(table->model()->rowCount(), 0);
        QVERIFY(!scalar(*m_db, QStringLiteral("SELECT deleted_at FROM content_items WHERE id = %1").arg(id)).isNull());
        stack.redo();
        QCOMPARE(table->model()->rowCount(), 1);
    }

    void oversizedBodyShowsErrorAndKeepsStored()
    {
        ContentItem item;
        item.campaignId = m_campaign;
        item.title = QStringLiteral("Media kit");
        item.kind = QStringLiteral("media_kit");
        item.body = QStringLiteral("Fact sheet.\n");
        QVERIFY(ContentRepository(*m_db).create(item).ok());
        QUndoStack stack;
        ContentTab tab(*m_db, &stack);
        tab.resize(1100, 700);
        tab.setCampaign(m_campaign);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QCOMPARE(tab.currentItemId(), item.id);
        auto *body = tab.findChild<QTextEdit *>(QStringLiteral("bodyTextEdit"));
        // Pasting 5 MB of text (Ctrl+V): refused with the reason next to the body, the text as it was.
        QString big;
        const QString line = QString(79, u'x') + u'\n';
        while (big.size() < 5 * 1024 * 1024)
            big += line;
        QGuiApplication::clipboard()->setText(big);
        body->setFocus();
        body->moveCursor(QTextCursor::End);
        QTest::keyClick(body, Qt::Key_V, Qt::ControlModifier);
        auto *error = tab.findChild<QLabel *>(QStringLiteral("bodyErrorLabel"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("too long")), qPrintable(error->text()));
        QCOMPARE(body->toPlainText(), QStringLiteral("Fact sheet."));
        // A paste that fits is taken.
        QGuiApplication::clipboard()->setText(QStringLiteral(" Spokespeople: Dr. Lena Voss."));
        QTest::keyClick(body, Qt::Key_V, Qt::ControlModifier);
        QVERIFY(!error->isVisible());
        QVERIFY(body->toPlainText().contains(QStringLiteral("Lena Voss")));
        QTest::keyClick(body, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(storedBody(*m_db, item.id).contains(QStringLiteral("Lena Voss")));
    }

    void titleRequiredAndBadUrl()
    {
        QUndoStack stack;
        ContentTab tab(*m_db, &stack);
        tab.setCampaign(m_campaign);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("newContentButton")), Qt::LeftButton);
        auto *url = tab.findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
        QTest::keyClicks(url, QStringLiteral("newsroom page"));
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY(tab.findChild<QLabel *>(QStringLiteral("titleErrorLabel"))->isVisible());
        QTest::keyClicks(tab.findChild<QLineEdit *>(QStringLiteral("titleLineEdit")), QStringLiteral("Launch"));
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY(!tab.findChild<QLabel *>(QStringLiteral("titleErrorLabel"))->isVisible());
        QVERIFY(tab.findChild<QLabel *>(QStringLiteral("urlErrorLabel"))->isVisible());
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM content_items")).toInt(), 0);
    }

    void linkAndConflict()
    {
        ContentItem item;
        item.campaignId = m_campaign;
        item.title = QStringLiteral("Pitch email");
        item.kind = QStringLiteral("pitch_email");
        item.body = QStringLiteral("Hello\n");
        QVERIFY(ContentRepository(*m_db).create(item).ok());
        QUndoStack stack;
        ContentTab tab(*m_db, &stack);
        tab.resize(1100, 700);
        tab.setCampaign(m_campaign);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto *body = tab.findChild<QTextEdit *>(QStringLiteral("bodyTextEdit"));
        body->setFocus();
        body->moveCursor(QTextCursor::End);
        QTest::keyClicks(body, QStringLiteral("the newsroom"));
        for (int i = 0; i < 12; ++i)
            QTest::keyClick(body, Qt::Key_Left, Qt::ShiftModifier);
        QTest::keyClick(body, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        auto *dialog = tab.findChild<QInputDialog *>(QStringLiteral("linkInputDialog"));
        QVERIFY(dialog);
        dialog->setTextValue(QStringLiteral("https://newsroom.example.com/"));
        dialog->accept();

        // Someone else saves meanwhile: our save is refused with a notice, and nothing of theirs is lost.
        ContentItem theirs = *ContentRepository(*m_db).get(item.id);
        theirs.body = QStringLiteral("Their text\n");
        QVERIFY(ContentRepository(*m_db).update(theirs).ok());
        QTest::keyClick(body, Qt::Key_S, Qt::ControlModifier);
        auto *conflict = tab.findChild<QLabel *>(QStringLiteral("conflictLabel"));
        QVERIFY(conflict->isVisible());
        QVERIFY(conflict->text().contains(QStringLiteral("someone else")));
        QCOMPARE(storedBody(*m_db, item.id), QStringLiteral("Their text\n"));
        // Our text is still in the editor; once reloaded, saving works again.
        QVERIFY(body->toPlainText().contains(QStringLiteral("the newsroom")));
        const QString markdown = body->document()->toMarkdown(QTextDocument::MarkdownDialectGitHub);
        QVERIFY2(
            markdown.contains(QStringLiteral("[the newsroom](https://newsroom.example.com/)")), qPrintable(markdown));
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("reloadButton")), Qt::LeftButton);
        QCOMPARE(body->toPlainText().trimmed(), QStringLiteral("Their text"));
        QVERIFY(!conflict->isVisible());
    }

    // The trash button and Delete on the list, each undone.
    void trashAndUndo()
    {
        for (const QString &title : { QStringLiteral("Press release"), QStringLiteral("Blog post") }) {
            ContentItem item;
            item.campaignId = m_campaign;
            item.title = title;
            QVERIFY(ContentRepository(*m_db).create(item).ok());
        }
        QUndoStack stack;
        ContentTab tab(*m_db, &stack);
        tab.resize(1100, 700);
        tab.setCampaign(m_campaign);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto *table = tab.findChild<QTableView *>(QStringLiteral("contentTableView"));
        QCOMPARE(table->model()->rowCount(), 2);
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("trashContentButton")), Qt::LeftButton);
        QCOMPARE(table->model()->rowCount(), 1);
        tab.activateWindow();
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        clickRow(table, 0);
        QVERIFY(tab.currentItemId() > 0); // the remaining item is shown, not an empty editor
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(table->model()->rowCount(), 0);
        QCOMPARE(
            scalar(*m_db, QStringLiteral("SELECT count(*) FROM content_items WHERE deleted_at IS NULL")).toInt(), 0);
        stack.undo();
        stack.undo();
        QCOMPARE(table->model()->rowCount(), 2);
    }

    // In the campaign's workspace: switching campaigns with an edited item asks, and Save saves it.
    void workspaceAsksBeforeLeaving()
    {
        ContentItem item;
        item.campaignId = m_campaign;
        item.title = QStringLiteral("Social post");
        item.kind = QStringLiteral("social_post");
        QVERIFY(ContentRepository(*m_db).create(item).ok());
        Campaign other;
        other.name = QStringLiteral("Autumn report");
        QVERIFY(CampaignRepository(*m_db).create(other).ok());
        QUndoStack stack;
        CampaignWorkspace workspace(*m_db, &stack);
        workspace.resize(1100, 700);
        workspace.show();
        QVERIFY(QTest::qWaitForWindowExposed(&workspace));
        QVERIFY(workspace.openCampaign(m_campaign));
        workspace.showTab(CampaignWorkspace::Tab::Content);
        auto *tab = qobject_cast<ContentTab *>(workspace.tab(CampaignWorkspace::Tab::Content));
        QVERIFY(tab);
        QCOMPARE(tab->currentItemId(), item.id);
        auto *body = tab->findChild<QTextEdit *>(QStringLiteral("bodyTextEdit"));
        body->setFocus();
        QTest::keyClicks(body, QStringLiteral("Out today #launch"));
        QVERIFY(workspace.hasUnsavedChanges());
        MessageBox::setNextAnswer(QMessageBox::Save);
        QVERIFY(!workspace.openCampaign(other.id)); // asked first
        QTRY_COMPARE(workspace.campaignId(), other.id);
        QVERIFY(storedBody(*m_db, item.id).contains(QStringLiteral("Out today #launch")));
        QVERIFY(!workspace.hasUnsavedChanges());
    }
};

QTEST_MAIN(TestContentTab)
#include "tst_contenttab.moc"
