#pragma once

#include "domain/interaction.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QWidget>

class Database;
class QAction;
class QLabel;
class QSystemTrayIcon;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;
class QUndoStack;

// The Follow-ups section: open follow-ups grouped Overdue / Today / This week / Later (by Clock::now()),
// each with its due time, contact, note and assignee. Complete (Ctrl+Enter or Space), snooze a day or a
// week, snooze to a picked time, reassign: each pushed on the undo stack. Reloads after every change
// (HistoryNotifier) and once a minute, reports the overdue count for the sidebar, and shows a tray message
// when a follow-up falls due while Rapport runs (when the desktop has a tray).
class FollowUpsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FollowUpsView)

public:
    FollowUpsView(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    QTreeWidget *treeWidget() const { return m_tree; }
    int overdueCount() const { return m_overdueCount; }
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
    void notifyNewlyDue(const QList<FollowUp> &open);
    void updateActions();
    std::optional<FollowUp> current() const;

    Database &m_db;
    QUndoStack *m_undoStack = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QTimer *m_minuteTimer = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QList<QAction *> m_actions;
    QHash<qint64, FollowUp> m_rows;
    QTreeWidgetItem *m_groups[4] = {};
    QDateTime m_lastDueCheck; // follow-ups falling due after this are announced
    int m_overdueCount = -1;
    bool m_loaded = false;
};
