#pragma once

#include <QObject>

#include <functional>
#include <optional>

class ContactsView;
class Database;
class QAction;
class QUndoCommand;

// The bulk actions on the contacts selected in the list: add or remove a tag or a beat, set the owner, set the
// kind, add to a campaign's media list, move to the trash. Each action asks for its value in a small window-modal
// dialog (opened, never exec'd), changes all selected contacts in one transaction (BulkContactRepository), pushes one
// undo command on the view's undo stack (bulkcommands.h), refreshes the list keeping the selection and says what it did
// in the status bar.
//
// The actions go to the Contact menu (ContactsView::addMenuAction) and to the context menu of the contact
// table. With two or more contacts selected, a bar above the list says how many ("5 selected") and offers
// the actions as buttons, with the profile's Move to Trash (one entry for one or many; it hands a
// selection of several to moveToTrash()). Tests answer the next dialog in advance with setNextInput().
class BulkActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkActions)

public:
    explicit BulkActions(ContactsView *view);
    ~BulkActions() override;

    // For tests: the next value dialog is answered with `text` without being shown: a tag or beat name, a
    // user's login (or "" for nobody) for the owner, a kind key ("editor") for the kind, a campaign's id for
    // Add to Campaign.
    static void setNextInput(const QString &text);

    QList<QAction *> actions() const;
    // How many rows are selected in the list (not counted one by one after a Select All).
    int selectedCount() const;

public Q_SLOTS:
    // Moves the selected contacts to the trash, on a worker connection for many; one undo step.
    void moveToTrash();

private:
    void changeTag(const QString &kind, bool add);
    void setOwner();
    void setKind();
    void addToCampaign();
    void updateEnabled();
    void buildSelectionBar();
    // Asks for a value: free text with completion from `choices` (editable), or one of `choices` whose
    // values are `values`. `then` runs with the value once the dialog is accepted.
    void ask(const QString &title, const QString &label, const QStringList &choices, const QStringList &values,
        bool editable, std::function<void(const QString &)> then);
    void push(QUndoCommand *command);
    void showStatus(const QString &message, int timeoutMs = 5000);
    void showError(const QString &message);
    // Runs a bulk change on a worker connection (BackgroundJob) when it touches many contacts.
    void runJob(const QString &label, int items, const std::function<void(Database &)> &work);

    ContactsView *m_view;
    QAction *m_addTag = nullptr;
    QAction *m_removeTag = nullptr;
    QAction *m_addBeat = nullptr;
    QAction *m_removeBeat = nullptr;
    QAction *m_setOwner = nullptr;
    QAction *m_setKind = nullptr;
    QAction *m_addToCampaign = nullptr;
    class QFrame *m_selectionBar = nullptr;
    class QLabel *m_selectionLabel = nullptr;

    static std::optional<QString> s_nextInput;
};
