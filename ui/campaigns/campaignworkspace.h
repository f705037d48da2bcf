#pragma once

#include <QList>
#include <QWidget>

#include <functional>

class CampaignTab;
class Database;
class QStackedWidget;
class QTabWidget;
class QUndoStack;

// One campaign's workspace: a tab per part of the campaign (Brief, Content, Media list, Pipeline, Coverage,
// Who to pitch), each a CampaignTab. The workspace tells the visible tab which campaign is open (the hidden
// ones when they are first shown), forwards the tabs' signals, and asks Save / Discard / Cancel before it
// switches to another campaign while a tab holds unsaved edits. Without a campaign it says how to open one.
class CampaignWorkspace final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignWorkspace)

public:
    // The tabs in their order.
    enum class Tab { Brief, Content, MediaList, Pipeline, Coverage, WhoToPitch, History };
    Q_ENUM(Tab)

    CampaignWorkspace(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~CampaignWorkspace() override;

    qint64 campaignId() const { return m_campaignId; }
    // Opens this campaign (0 closes it). With unsaved edits in a tab it asks first and returns false; then
    // `opened` runs once the edits were saved or discarded and the campaign is open (never on Cancel).
    bool openCampaign(qint64 id, const std::function<void()> &opened = {});
    bool hasUnsavedChanges() const;
    // True when nothing is unsaved. Otherwise asks Save / Discard / Cancel, returns false, and calls
    // `proceed` once the edits were saved or discarded.
    bool confirmLeave(const std::function<void()> &proceed);

    void showTab(Tab tab);
    // Gives the keyboard to the current tab (its focus proxy, e.g. the Brief's name field).
    void focusCurrentTab();
    Tab currentTab() const;
    CampaignTab *tab(Tab tab) const;
    QTabWidget *tabWidget() const { return m_tabs; }

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void campaignActivated(qint64 campaignId);
    void errorOccurred(const QString &message);
    void statusMessage(const QString &message);
    // Another campaign is open (0: none).
    void campaignOpened(qint64 campaignId);

private:
    void createTabs();
    void addCampaignTab(CampaignTab *tab);
    // The honest stand-in for a tab that is not built yet.
    CampaignTab *pendingTab(Tab tab);
    void open(qint64 id);
    // Gives the current tab the open campaign if it does not have it yet.
    void syncCurrentTab();

    Database &m_db;
    QUndoStack *m_undoStack;
    QStackedWidget *m_pages = nullptr;
    QTabWidget *m_tabs = nullptr;
    QList<CampaignTab *> m_tabList;
    QList<qint64> m_tabCampaign; // the campaign each tab was last given
    qint64 m_campaignId = 0;
    bool m_asking = false;
};
