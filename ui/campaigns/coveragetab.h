#pragma once

#include "campaigntab.h"
#include "storage/coveragerepository.h"

class CampaignCoverageModel;
class QGroupBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTreeWidget;

// The Coverage tab of a campaign's workspace: the articles and posts the campaign won (headline, outlet,
// author, date, reach, sentiment, the pitch it came from), with add and edit (CoverageDialog: errors next to
// their fields, the same article never twice), open the article, trash; above them the proposals, synced
// posts of pitched people that mention the campaign's topics, each accepted (recorded as coverage, its pitch
// moved to covered) or dismissed. Every change goes through the undo stack and publishes
// ChangeNotifier::notifyCampaigns.
class CoverageTab final : public CampaignTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverageTab)

public:
    CoverageTab(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~CoverageTab() override;

    QString title() const override;
    void setCampaign(qint64 campaignId) override;

    void addCoverage();
    void editSelected();
    void trashSelected();
    void openSelected();
    void acceptProposal();
    void dismissProposal();
    // Tests: opening an article goes here instead of the desktop's browser when set.
    void setUrlOpener(std::function<void(const QUrl &)> opener) { m_urlOpener = std::move(opener); }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void reload();
    void reloadProposals();
    void updateSummary();
    void updateButtons();
    const CoverageRepository::Row *selectedRow() const;
    void openDialog(const CoverageRepository::Row &row);
    void onCampaignsChanged(const QList<qint64> &campaignIds);

    CampaignCoverageModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QGroupBox *m_proposalsBox = nullptr;
    QTreeWidget *m_proposals = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_dismiss = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_trash = nullptr;
    QLabel *m_summary = nullptr;
    QList<CoverageRepository::Proposal> m_proposalList;
    std::function<void(const QUrl &)> m_urlOpener;
    qint64 m_campaignId = 0;
    bool m_stale = false; // a change came while hidden: reload when shown
};
