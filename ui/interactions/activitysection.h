#pragma once

#include <QWidget>

class ActivityView;
class CoolingOffView;
class HistoryView;
class Database;
class QTabWidget;
class QUndoStack;

// The Activity section of the sidebar (after Follow-ups): two tabs, "Latest" (the team's latest
// conversations, filtered by account manager, channel and dates: ActivityView) and "Cooling off"
// (valuable relationships going quiet, with a one-click follow-up: CoolingOffView), and for managers "Changes"
// (who changed what, the whole team: HistoryView).
class ActivitySection final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivitySection)

public:
    ActivitySection(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    ActivityView *activityView() const { return m_activity; }
    CoolingOffView *coolingOffView() const { return m_cooling; }
    // Changes: the whole team's history; a tab only for managers and admins (TeamRoleTraits::seeTeamChanges).
    HistoryView *changesView() const { return m_changes; }
    QTabWidget *tabWidget() const { return m_tabs; }
    void showCoolingOff();

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void campaignActivated(qint64 campaignId);
    void errorOccurred(const QString &message);

private:
    QTabWidget *m_tabs = nullptr;
    ActivityView *m_activity = nullptr;
    CoolingOffView *m_cooling = nullptr;
    HistoryView *m_changes = nullptr;
};
