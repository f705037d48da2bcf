#pragma once

#include <QWidget>

class ActivityView;
class CoolingOffView;
class Database;
class QTabWidget;
class QUndoStack;

// The Activity section of the sidebar (after Follow-ups): two tabs, "Latest" (the team's latest
// conversations, filtered by account manager, channel and dates: ActivityView) and "Cooling off"
// (valuable relationships going quiet, with a one-click follow-up: CoolingOffView).
class ActivitySection final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivitySection)

public:
    ActivitySection(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    ActivityView *activityView() const { return m_activity; }
    CoolingOffView *coolingOffView() const { return m_cooling; }
    QTabWidget *tabWidget() const { return m_tabs; }
    void showCoolingOff();

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void errorOccurred(const QString &message);

private:
    QTabWidget *m_tabs = nullptr;
    ActivityView *m_activity = nullptr;
    CoolingOffView *m_cooling = nullptr;
};
