#pragma once

#include "campaigntab.h"

// A workspace tab that is not built yet: its title and an honest "not built yet", no fake data. Each is
// replaced by the real tab (one line in CampaignWorkspace::createTabs()).
class PendingCampaignTab final : public CampaignTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingCampaignTab)

public:
    PendingCampaignTab(
        const QString &title, const QString &promise, Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    QString title() const override { return m_title; }
    void setCampaign(qint64 campaignId) override { m_campaignId = campaignId; }
    qint64 campaignId() const { return m_campaignId; }

private:
    QString m_title;
    qint64 m_campaignId = 0;
};
