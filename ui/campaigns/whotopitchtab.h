#pragma once

#include "campaigntab.h"
#include "storage/workerconnection.h"

#include <QStringList>

class PitchSuggestionModel;
class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

// The Who to pitch tab of a campaign's workspace: the people worth pitching for it, best first
// (PitchSuggestions, docs/PITCHING.md), each with the score, name, outlet, a marker when no consent is
// recorded and the reasons in words, wrapped. Select one or many (click, Shift/Ctrl+click, Shift+arrows) and
// "Add to media list" (Ctrl+Enter) adds them as planned pitches in one undoable step; Enter or a double click
// opens the person. The list is computed on a worker thread with its own connection (a busy bar shows
// meanwhile, the window never waits) when the tab is first shown, on F5, and again whenever the campaign
// changes (ChangeNotifier::campaignsChanged: its topics, its media list) or people's records or conversations
// change; an outdated result is dropped.
class WhoToPitchTab final : public CampaignTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhoToPitchTab)

public:
    WhoToPitchTab(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~WhoToPitchTab() override;

    QString title() const override;
    void setCampaign(qint64 campaignId) override;
    qint64 campaignId() const { return m_campaignId; }

    QTableView *tableView() const { return m_table; }
    PitchSuggestionModel *model() const { return m_model; }
    QAction *addToMediaListAction() const { return m_addAction; }
    bool isLoading() const { return m_loading; }
    // The campaign's topics and how many people were considered, as of the last result.
    const QStringList &topics() const { return m_topics; }
    int candidates() const { return m_candidates; }

public Q_SLOTS:
    void refresh();
    // Adds the selected people to the campaign's media list (one undo step); false if nothing was added.
    bool addSelectedToMediaList();

Q_SIGNALS:
    // A refresh finished (the rows are shown, or why not).
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void markStale();
    void setLoading(bool loading);
    void showMessage(const QString &message);
    void updateActions();
    void openCurrent();
    void dropJob();

    qint64 m_campaignId = 0;
    PitchSuggestionModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_messageLabel = nullptr;
    QLabel *m_topicsLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QAction *m_addAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QTimer *m_rowHeights = nullptr;
    QTimer *m_staleTimer = nullptr;
    WorkerConnection m_job;
    quint64 m_generation = 0;
    QStringList m_topics;
    int m_candidates = 0;
    bool m_stale = true;
    bool m_loading = false;
};
