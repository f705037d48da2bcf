#pragma once

#include <QWidget>

class Database;
class FollowUpModel;
class QLabel;
class QToolButton;
class QTreeView;
class QUndoStack;

// The open follow-ups of the contact shown in the profile: due time (red when overdue), note and assignee,
// earliest first, with Complete, Snooze 1 day and Snooze 1 week on the selected one (each undoable, as in
// the Follow-ups section). A flat FollowUpModel; reloads when ChangeNotifier says follow-ups changed.
// Hidden while the contact has none, so that it takes no room from the profile.
class ContactFollowUpsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactFollowUpsPanel)

public:
    ContactFollowUpsPanel(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    void setContactId(qint64 id);
    void setUndoStack(QUndoStack *stack) { m_undoStack = stack; }
    QTreeView *treeView() const { return m_tree; }
    FollowUpModel *model() const { return m_model; }

public Q_SLOTS:
    void completeCurrent();
    void snoozeCurrent(int days);

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void reload();
    void updateState();
    void push(class FollowUpCommand *command);

    Database &m_db;
    QUndoStack *m_undoStack = nullptr;
    FollowUpModel *m_model = nullptr;
    QLabel *m_titleLabel = nullptr;
    QTreeView *m_tree = nullptr;
    QToolButton *m_completeButton = nullptr;
    QToolButton *m_snoozeDayButton = nullptr;
    QToolButton *m_snoozeWeekButton = nullptr;
};
