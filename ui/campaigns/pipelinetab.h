#pragma once

#include "campaigns/campaigntab.h"
#include "storage/pitchrepository.h"

#include <QList>

class PitchBoard;
class PitchBoardModel;
class QAction;
class QLabel;
class QSortFilterProxyModel;
class QScrollArea;
class QStackedWidget;
class QTableView;
class QToolButton;
class QVBoxLayout;
class QWidget;

// The Pipeline tab of a campaign's workspace: every pitch as a board (one column per status, PitchBoard) or
// as a table, both over one PitchBoardModel.
//
// Moving a pitch: drag its card onto another column; or, on the selected pitch (board or table),
// Ctrl+Right / Ctrl+Left (next / previous status) and Alt+1 … Alt+6 (Planned … Covered). Every move is one
// MovePitchCommand on the undo stack and stamped (who, when: on the card and in the table). A move that
// someone else beat us to (another window, another user) shows a notice above the board and reloads it.
// Replies that came in after a pitch are proposed above the board, one click to accept or dismiss.
//
// The tab learns about changes through ChangeNotifier only (its own moves included): campaignsChanged naming
// its campaign refreshes the rows whose version changed; interactionsChanged re-reads the proposals.
class PipelineTab final : public CampaignTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PipelineTab)

public:
    PipelineTab(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~PipelineTab() override;

    QString title() const override;
    void setCampaign(qint64 campaignId) override;

    qint64 campaignId() const { return m_campaignId; }
    PitchBoardModel *model() const { return m_model; }
    PitchBoard *board() const { return m_board; }
    QTableView *table() const { return m_table; }
    bool showingTable() const;
    void showTable(bool table);
    // The selected pitch of the view shown (0 = none).
    qint64 currentPitchId() const;
    // Moves a pitch to the status at `statusIndex` (PitchStatus order), as a drag or a key does.
    void movePitch(qint64 pitchId, int statusIndex);
    // Reads the whole board again (opening the campaign, after a conflict).
    void reload();
    const QList<PitchRepository::ReplyProposal> &proposals() const { return m_proposals; }
    void acceptProposal(qint64 pitchId);
    void dismissProposal(qint64 pitchId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void refresh();
    void loadProposals();
    void scheduleProposals();
    void showProposals();
    void moveCurrent(int step);
    void moveCurrentTo(int statusIndex);
    void selectPitch(qint64 pitchId);
    void showNotice(const QString &text);
    void onCampaignsChanged(const QList<qint64> &ids);
    void finishMove(const PitchRepository::MoveResult &r, const QString &name, const QString &said);
    // A move refused because the pitch changed meanwhile: goes ahead, or asks (true), or cannot (false).
    bool mergeConcurrentMove(const PitchRepository::BoardRow &before, const QString &to);

    static constexpr qint64 kClockMarginMs = 10 * 60 * 1000;

    qint64 m_campaignId = 0;
    bool m_stale = false;
    bool m_proposalsQueued = false;
    qint64 m_lastLookMs = 0; // when the board was last read or refreshed
    PitchBoardModel *m_model;
    QSortFilterProxyModel *m_tableProxy;
    QToolButton *m_boardButton;
    QToolButton *m_tableButton;
    QLabel *m_countLabel;
    QLabel *m_noticeLabel;
    QWidget *m_proposalsBox;
    QVBoxLayout *m_proposalsLayout;
    QStackedWidget *m_stack;
    QScrollArea *m_boardScroll;
    PitchBoard *m_board;
    QTableView *m_table;
    QList<PitchRepository::ReplyProposal> m_proposals;
    QList<QAction *> m_moveActions;
};
