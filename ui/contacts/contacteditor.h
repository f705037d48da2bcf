#pragma once

#include "domain/contact.h"

#include <QWidget>

#include <functional>

class ContactCampaignsPanel;
class HistoryView;
class ContactForm;
class ContactsView;
class ContactFollowUpsPanel;
class HealthPanel;
class QAction;
class QLabel;
class QPushButton;
class QScrollArea;
class QTabWidget;
class TimelineView;
class QTimer;
class TrashDialog;

// The profile of the current contact, beside the list (in ContactsView::detailArea()). Loads the contact
// the table's current row shows; saves with Ctrl+S through ContactRepository and pushes each save, new
// contact and delete on the workspace's undo stack (contactcommands.h); shows validation errors under
// their fields and a save conflict with a choice to reload or keep editing; never drops unsaved edits
// without asking (confirmLeave()). Adds its actions to the Contact menu.
class ContactEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactEditor)

public:
    // Installs itself in the view's detail area and menu.
    explicit ContactEditor(ContactsView &view);

    qint64 contactId() const { return m_loaded.id; }
    bool isEditing() const { return m_editing; }
    bool isDirty() const { return m_dirty; }
    ContactForm *form() const { return m_form; }
    TimelineView *timeline() const { return m_timeline; }
    HealthPanel *healthPanel() const { return m_health; }
    ContactFollowUpsPanel *followUpsPanel() const { return m_followUps; }
    // The last message meant for the status bar (also shown there when the window has one).
    QString lastStatus() const { return m_lastStatus; }

    // If there are unsaved edits, asks whether to save them, discard them or stay. Returns true when the
    // caller may go on at once; otherwise false, and `proceed` runs later if the user chose to go on.
    bool confirmLeave(const std::function<void()> &proceed);

public Q_SLOTS:
    // Opens this person from anywhere (an organization's people, Ctrl+K, Follow-ups, the duplicate warning):
    // always this person, after asking about unsaved edits. When the list as filtered does not show them,
    // the search and filters are cleared so it does (said in the status bar); a contact in the trash is
    // shown on its own. The list selects the row as soon as it has it (a big list arrives in two steps).
    void openContact(qint64 id);
    // Shows this contact without asking (see confirmLeave()).
    void showContact(qint64 id);
    void newContact();
    bool save();
    void revert();
    void trashSelected();
    void showTrash();
    void nextContact();
    void previousContact();

    ContactCampaignsPanel *campaignsPanel() const { return m_campaigns; }
    HistoryView *historyView() const { return m_history; }

Q_SIGNALS:
    void contactSaved(qint64 id);
    // Open this campaign (double-click or Enter in the profile's Campaigns tab).
    void campaignActivated(qint64 campaignId);

private:
    void createActions();
    QWidget *createBanner(const QString &objectName, QLabel **label, QPushButton **first, QPushButton **second);
    void onCurrentRowChanged(const QModelIndex &current);
    void step(int delta);
    void load(const Contact &contact);
    void setDirty(bool dirty);
    void showStatus(const QString &message);
    void showSaveError(const QString &field, const QString &message);
    void showUnavailable(const QString &message);
    void showConflict(const QString &message);
    void checkDuplicates();
    // Who the contact being edited shares an email or handle with, by name, for the banner and the question.
    QString duplicateText(const QList<qint64> &others) const;
    // Before a save that would add a shared email or handle: asks Save Anyway / Open the other / Merge… /
    // Keep Editing (MessageBox, no nested event loop) and returns true; false when there is nothing to ask.
    bool askAboutDuplicates(const Contact &contact);
    // ChangeNotifier::contactsMerged: the profile on screen follows a merge.
    void onMerged(qint64 keptId, qint64 otherId);
    void selectInList(qint64 id);
    // Selects the loaded contact's row now, or once the list has read its whole snapshot.
    void selectWhenListed(qint64 id);
    void afterCommand(qint64 id, const QString &error);
    bool resolveOrganization(Contact &contact);
    // After a save refused for a stale version: merges with what was saved meanwhile (ContactMerge), saving at
    // once when no field was changed by both, else asking per field (ConflictDialog). False: not a case for it.
    bool mergeConcurrentEdit(const Contact &mine);
    void finishSave(const Contact &before, const Contact &saved, bool isNew, const QString &status);
    void updateActions();
    void updateHeading();
    bool eventFilter(QObject *watched, QEvent *event) override;

    ContactsView &m_view;
    ContactForm *m_form = nullptr;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_heading = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_logButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    TimelineView *m_timeline = nullptr;
    ContactCampaignsPanel *m_campaigns = nullptr;
    HistoryView *m_history = nullptr;
    HealthPanel *m_health = nullptr;
    ContactFollowUpsPanel *m_followUps = nullptr;
    QPushButton *m_revertButton = nullptr;
    QWidget *m_conflictBanner = nullptr;
    QLabel *m_conflictLabel = nullptr;
    QWidget *m_duplicateBanner = nullptr;
    QLabel *m_duplicateLabel = nullptr;
    QTimer *m_duplicateTimer = nullptr;
    QList<qint64> m_duplicates;
    TrashDialog *m_trashDialog = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_revertAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_trashAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_previousAction = nullptr;
    Contact m_loaded; // as last loaded or saved
    bool m_editing = false; // a contact (or a new one) is shown
    bool m_dirty = false;
    bool m_selecting = false; // the editor itself is moving the list's selection
    bool m_duplicateAcknowledged = false; // the user chose to save despite a shared email or handle
    QString m_lastStatus;
    QString m_headingText; // the heading in full (the label shows it elided)
    QMetaObject::Connection m_pendingSelect; // selectWhenListed() waiting for the list's snapshot
};
