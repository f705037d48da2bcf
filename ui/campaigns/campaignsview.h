#pragma once

#include <QList>
#include <QWidget>

#include <functional>

class CampaignListModel;
class CampaignWorkspace;
class Database;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QUndoStack;

// The Campaigns section: the campaigns in a table that sorts and filters in SQL (CampaignListModel) with
// their figures, a search field that narrows it as you type, filters by client, status, owner and dates,
// and the open campaign's workspace (CampaignWorkspace) beside it. "Trash" shows the campaigns in the
// trash instead, to restore them.
//
// New (Ctrl+N), Move to Trash (Delete, in the list) and Restore go on the undo stack. The section's actions
// (menuActions()) are enabled only while it is shown, so their shortcuts never clash with another section's.
// Choosing another campaign while the open one has unsaved edits asks first.
class CampaignsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignsView)

public:
    CampaignsView(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~CampaignsView() override;

    CampaignListModel *model() const { return m_model; }
    QTableView *tableView() const { return m_tableView; }
    CampaignWorkspace *workspace() const { return m_workspace; }
    QList<QAction *> menuActions() const { return m_menuActions; }

    // Opens this campaign in the workspace and selects its row (asking first about unsaved edits).
    void showCampaign(qint64 id);
    bool hasUnsavedChanges() const;
    // True when nothing is unsaved; otherwise asks, returns false and calls `proceed` once saved or discarded.
    bool confirmLeave(const std::function<void()> &proceed);

public Q_SLOTS:
    void refresh();
    void newCampaign();
    void editCurrent();
    void trashCurrent();
    void restoreCurrent();
    void setShowTrash(bool trash);

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void errorOccurred(const QString &message);
    void statusMessage(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *createFilterBar();
    void createActions();
    QAction *addMenuAction(const QString &text, const QKeySequence &shortcut, const char *objectName);
    void ensureListed();
    void fillFilterChoices();
    void applyFilter();
    void selectRowOf(qint64 id);
    void onCurrentRowChanged(qint64 id);
    void afterRowsReloaded();
    void updateCount();
    void updateActions();
    qint64 currentId() const;
    QString currentName() const;

    Database &m_db;
    QUndoStack *m_undoStack;
    CampaignListModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_client = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_owner = nullptr;
    QComboBox *m_period = nullptr; // running: any time, now, this month, …
    QPushButton *m_trashButton = nullptr;
    QPushButton *m_restoreButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QTableView *m_tableView = nullptr;
    QSplitter *m_splitter = nullptr;
    CampaignWorkspace *m_workspace = nullptr;
    QList<QAction *> m_menuActions;
    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_trashAction = nullptr;
    QAction *m_restoreAction = nullptr;
    QAction *m_showTrashAction = nullptr;
    bool m_sized = false; // the splitter's first sizes were set
};
