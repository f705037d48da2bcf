#pragma once

#include "storage/syncrepository.h"

#include <QHash>
#include <functional>
#include <QWidget>

class Database;
class InboxCommand;
class InboxModel;
class QAction;
class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QStringListModel;
class QTreeView;
class QUndoStack;
class QVBoxLayout;

// The Inbox section: synced posts and messages whose author matches no contact, grouped by author
// (SyncRepository::inbox()). For the selected author it shows the newest item and the contacts it may be
// (SyncRepository::suggestions()), and triages: link to a suggestion (Enter), link to any contact typed in
// with completion, create a contact from the author (Ctrl+Shift+N), or ignore the author (Delete). Each step
// is one InboxCommand on the window's undo stack. The list is an InboxModel in a QTreeView. Reports the number of
// authors waiting for the sidebar.
class InboxView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InboxView)

public:
    InboxView(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    QTreeView *treeView() const { return m_tree; }
    InboxModel *model() const { return m_model; }
    int authorCount() const;
    QList<InboxEntry> entries() const;
    // The selected author, if any.
    const InboxEntry *currentEntry() const;
    QList<ContactSuggestion> currentSuggestions() const { return m_suggestions; }
    bool selectAuthor(const QString &network, const QString &handle);
    QList<QAction *> commandActions() const { return m_actions; }
    // Whether refresh() ran once: the first load waits for the window's first paint (MainWindow), or for the
    // section to be shown if that comes first.
    bool isLoaded() const { return m_loaded; }

public Q_SLOTS:
    void refresh();
    void linkToFirstSuggestion();
    void linkTo(qint64 contactId, const QString &contactName);
    void linkToTypedContact();
    void createContact();
    void ignoreCurrent();

Q_SIGNALS:
    void countChanged(int authors);
    void contactsChanged(const QList<qint64> &contactIds); // timelines gained or lost items
    void contactActivated(qint64 contactId);
    void statusMessage(const QString &message);
    void errorOccurred(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QAction *addAction_(const QString &objectName, const QString &text, const QKeySequence &key, const QString &tip,
        QWidget *on);
    void showCurrent();
    void push(InboxCommand *command);
    void updateCompletions(const QString &text);
    void updateActions();
    std::function<void(const QList<qint64> &, const QString &)> changedHook();

    Database &m_db;
    QUndoStack *m_undoStack = nullptr;
    bool m_loaded = false;
    InboxModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QWidget *m_detail = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_handleLabel = nullptr;
    QLabel *m_latestLabel = nullptr;
    QLabel *m_latestMetaLabel = nullptr;
    QLabel *m_noSuggestionsLabel = nullptr;
    QVBoxLayout *m_suggestionsLayout = nullptr;
    QList<QWidget *> m_suggestionRows;
    QLineEdit *m_otherEdit = nullptr;
    QLabel *m_otherErrorLabel = nullptr;
    QStringListModel *m_completions = nullptr;
    QCompleter *m_completer = nullptr;
    QHash<QString, qint64> m_known; // lower-cased completion text -> contact id
    QPushButton *m_createButton = nullptr;
    QPushButton *m_ignoreButton = nullptr;
    QAction *m_linkFirstAction = nullptr;
    QAction *m_createAction = nullptr;
    QAction *m_ignoreAction = nullptr;
    QList<QAction *> m_actions;
    QList<ContactSuggestion> m_suggestions;
    int m_lastCount = -1;
    bool m_refreshing = false;
    bool m_refreshQueued = false;
};
