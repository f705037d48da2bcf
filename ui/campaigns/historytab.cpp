#include "historytab.h"

#include "history/historyview.h"

#include <QVBoxLayout>

CampaignHistoryTab::CampaignHistoryTab(Database &db, QUndoStack *undoStack, QWidget *parent)
    : CampaignTab(db, undoStack, parent)
    , m_view(new HistoryView(db, this))
{
    setObjectName(QStringLiteral("campaignHistoryTab"));
    m_view->setObjectName(QStringLiteral("campaignHistoryView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(m_view, &HistoryView::errorOccurred, this, &CampaignTab::errorOccurred);
    connect(m_view, &HistoryView::contactActivated, this, &CampaignTab::contactActivated);
}

QString CampaignHistoryTab::title() const
{
    return tr("History");
}

void CampaignHistoryTab::setCampaign(qint64 campaignId)
{
    m_view->setSubject(QStringLiteral("campaign"), campaignId);
}
