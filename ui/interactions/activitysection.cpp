#include "activitysection.h"

#include "followups/coolingoffview.h"
#include "history/historyview.h"
#include "interactions/activityview.h"
#include "storage/database.h"

#include <QTabWidget>
#include <QVBoxLayout>

ActivitySection::ActivitySection(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_activity(new ActivityView(db, m_tabs))
    , m_cooling(new CoolingOffView(db, undoStack, m_tabs))
{
    m_tabs->setObjectName(QStringLiteral("activityTabWidget"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_activity, tr("Latest", "the team's latest conversations"));
    m_tabs->addTab(m_cooling, tr("Cooling off"));
    m_tabs->setTabToolTip(0, tr("The team's latest conversations"));
    m_tabs->setTabToolTip(1, tr("Valuable relationships going quiet, to follow up"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_activity, &ActivityView::contactActivated, this, &ActivitySection::contactActivated);
    connect(m_cooling, &CoolingOffView::contactActivated, this, &ActivitySection::contactActivated);
    connect(m_cooling, &CoolingOffView::errorOccurred, this, &ActivitySection::errorOccurred);
    if (TeamRoles::traits(db.teamRole()).seeTeamChanges) {
        m_changes = new HistoryView(db, m_tabs);
        m_changes->setObjectName(QStringLiteral("teamChangesView"));
        m_changes->setSubject(QString(), 0);
        m_tabs->addTab(m_changes, tr("Changes", "who changed what"));
        m_tabs->setTabToolTip(m_tabs->indexOf(m_changes), tr("Who in the team changed what, and when"));
        connect(m_changes, &HistoryView::contactActivated, this, &ActivitySection::contactActivated);
        connect(m_changes, &HistoryView::campaignActivated, this, &ActivitySection::campaignActivated);
        connect(m_changes, &HistoryView::errorOccurred, this, &ActivitySection::errorOccurred);
    }
}

void ActivitySection::showCoolingOff()
{
    m_tabs->setCurrentWidget(m_cooling);
}
