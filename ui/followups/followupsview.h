#pragma once

#include "domain/interaction.h"

#include <QDateTime>
#include <QWidget>

class Database;
class FollowUpModel;
class QAction;
class QComboBox;
class QLabel;
class QSystemTrayIcon;
class QTimer;
class QTreeView;
class QUndoStack;

// The Follow-ups section: open follow-ups grouped Overdue / Today / This week / Later (by Clock::now()),
// each with its due time, contact, note and assignee (a FollowUpModel in a QTreeView), for everybody, for
// you ("Mine") or for one assignee. Complete (Ctrl+Enter or Space), snooze a day or a
// week, snooze to a picked time, reassign: each pushed on the undo stack. Reloads after every change
// (ChangeNotifier) and once a minute, reports the overdue count for the sidebar, and shows a tray message
// when a follow-up falls due while Rapport runs (when the desktop has a tray).
class FollowUpsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FollowUpsView)

public:
    FollowUpsView(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    QTreeView *treeView() const { return m_tree; }
    FollowUpModel *model() const { return m_model; }
    // The sidebar's figure: overdue follow-ups of the assignee shown (everybody's by default), exact.
    int overdueCount() const { return m_overdueCount; }
    // 0: everybody; otherwise one user's follow-ups (the filter above the list).
    void setAssigneeFilter(qint64 userId);
    qint64 assigneeFilter() const;
    // The ids in a group, in the order shown.
    QList<qint64> idsIn(FollowUp::Bucket bucket) const;
    qint64 currentId() const;
    bool selectFollowUp(qint64 id);
    QList<QAction *> commandActions() const { return m_actions; }
    // Whether refresh() ran once: the first load waits for the window's first paint (MainWindow), or for the
    // section to be shown if that comes first.
    bool isLoaded() const { return m_loaded; }

public Q_SLOTS:
    void refresh();
    void completeCurrent();
    void snoozeCurrent(int days);
    void snoozeCurrentTo(const QDateTime &until);
    void askSnoozeTime();
    void askAssignee();

Q_SIGNALS:
    void overdueCountChanged(int count);
    void contactActivated(qint64 contactId);
    void errorOccurred(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QAction *addAction_(const QString &objectName, const QString &text, const QList<QKeySequence> &keys,
        const QString &tip);
    void push(class FollowUpCommand *command);
    void notifyNewlyDue();
    void updateActions();
    void updateGroups();
    void fillAssignees();
    std::optional<FollowUp> current() const;

    Database &m_db;
    QUndoStack *m_undoStack = nullptr;
    FollowUpModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QComboBox *m_assigneeFilter = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QTimer *m_minuteTimer = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QList<QAction *> m_actions;
    QDateTime m_lastDueCheck; // follow-ups falling due after this are announced
    int m_overdueCount = -1;
    bool m_loaded = false;
};
