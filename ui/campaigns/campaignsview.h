#pragma once

#include <QWidget>

#include <functional>

class CampaignWorkspace;
class Database;
class QSplitter;
class QStandardItemModel;
class QTableView;
class QUndoStack;

// The Campaigns section: the list of campaigns beside the open campaign's workspace (CampaignWorkspace).
// Choosing another campaign while the open one has unsaved edits asks first.
class CampaignsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignsView)

public:
    CampaignsView(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~CampaignsView() override;

    QTableView *tableView() const { return m_tableView; }
    CampaignWorkspace *workspace() const { return m_workspace; }

    // Opens this campaign in the workspace and selects its row (asking first about unsaved edits).
    void showCampaign(qint64 id);
    bool hasUnsavedChanges() const;
    // True when nothing is unsaved; otherwise asks, returns false and calls `proceed` once saved or discarded.
    bool confirmLeave(const std::function<void()> &proceed);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void errorOccurred(const QString &message);
    void statusMessage(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void selectRowOf(qint64 id);
    void onCurrentRowChanged(qint64 id);

    Database &m_db;
    QUndoStack *m_undoStack;
    QStandardItemModel *m_model = nullptr;
    QTableView *m_tableView = nullptr;
    QSplitter *m_splitter = nullptr;
    CampaignWorkspace *m_workspace = nullptr;
    bool m_listed = false;
};
