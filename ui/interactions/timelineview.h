#pragma once

#include "storage/timelinequery.h"

#include <QWidget>

class Database;
class QAction;
class QUndoStack;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;
class TimelineModel;

// A contact's conversation history, newest first, in the profile (or an organization's people, merged,
// each entry named): a filter row (channel and words) over a list that loads a page at a time as it
// scrolls (TimelineModel). Loads only while visible: setting the contact on a hidden view just remembers
// it. Reloads when ChangeNotifier says this contact (or, for an organization, anybody) changed.
//
// Enter or a double-click on a logged interaction opens it in the quick-log dialog to edit (a synced one
// read-only); Delete moves it to the trash. Both go on the undo stack given with setUndoStack().
class TimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(Database &db, QWidget *parent = nullptr);

    void setContactId(qint64 id);
    // An organization: the merged timeline of its people.
    void setOrganizationId(qint64 id);
    qint64 contactId() const { return m_scope == TimelineFilter::Scope::Contact ? m_scopeId : 0; }
    void setUndoStack(QUndoStack *stack) { m_undoStack = stack; }
    QAction *editAction() const { return m_editAction; }
    QAction *deleteAction() const { return m_deleteAction; }

    // Edits or deletes the current entry (the actions call these).
    void editCurrent();
    void deleteCurrent();

Q_SIGNALS:
    // An entry's person, for "Open contact" in an organization's timeline.
    void contactActivated(qint64 contactId);

public:
    TimelineModel *model() const { return m_model; }
    QListView *listView() const { return m_list; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void setScope(TimelineFilter::Scope scope, qint64 id);
    void updateActions();
    void applyFilter();
    void updateEmptyLabel();

    Database &m_db;
    TimelineModel *m_model = nullptr;
    QListView *m_list = nullptr;
    QComboBox *m_channelCombo = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QTimer *m_searchTimer = nullptr;
    QUndoStack *m_undoStack = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_openContactAction = nullptr;
    TimelineFilter::Scope m_scope = TimelineFilter::Scope::Contact;
    qint64 m_scopeId = 0;
    bool m_stale = true; // the shown rows are not those of the scope and the filter
};
