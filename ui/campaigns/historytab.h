#pragma once

#include "campaigns/campaigntab.h"

class HistoryView;

// The campaign's History tab: who changed the brief (name, client, dates, status, goals, …) and when, each
// field old → new, filtered by person and period (HistoryView).
class CampaignHistoryTab final : public CampaignTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignHistoryTab)

public:
    CampaignHistoryTab(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    QString title() const override;
    void setCampaign(qint64 campaignId) override;
    HistoryView *historyView() const { return m_view; }

private:
    HistoryView *m_view = nullptr;
};
