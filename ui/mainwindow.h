#pragma once

#include "storage/databaselocation.h"

#include <QMainWindow>

class ActivitySection;
class BackupController;
class CampaignsView;
class CommandPalette;
class ContactEditor;
class ContactsView;
class DashboardView;
class OrganizationsView;
class Database;
class DemoDataLoader;
class FollowUpsView;
class ImportController;
class InboxView;
class LiveChannel;
class SyncManager;
class SyncStatusWidget;
class QActionGroup;
class QLabel;
class QListWidget;
class QProgressDialog;
class QStackedWidget;
class QUndoStack;

// Rapport's main window: a sidebar of sections (Contacts, Organizations, Campaigns, Inbox, Follow-ups,
// Activity, Dashboard) beside the current section's page, with the menus and the status bar.
//
// The app builds it on the GUI thread's Database, shows it, then calls offerDemoDataIfEmpty().
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Section { Contacts, Organizations, Campaigns, Inbox, FollowUps, Activity, Dashboard };
    Q_ENUM(Section)

    explicit MainWindow(Database &db, QWidget *parent = nullptr);
    ~MainWindow() override;

    // If the database has no contacts (not even in the trash) and can be written, asks whether to load the
    // demo agency, and loads it on a worker thread with a progress dialog. Returns at once.
    void offerDemoDataIfEmpty();

    Section currentSection() const;
    void showSection(Section section);
    // Shows the Contacts section with this contact's profile (ContactEditor::openContact()); false if it
    // could not be read or unsaved edits are being asked about first.
    bool showContact(qint64 id);
    // Shows the Campaigns section with this campaign open (asking first about unsaved edits where it must).
    void showCampaign(qint64 id);
    void showCommandPalette();
    ContactsView *contactsView() const { return m_contactsView; }
    OrganizationsView *organizationsView() const { return m_organizationsView; }
    CampaignsView *campaignsView() const { return m_campaignsView; }
    FollowUpsView *followUpsView() const { return m_followUpsView; }
    InboxView *inboxView() const { return m_inboxView; }
    SyncStatusWidget *syncStatusWidget() const { return m_syncStatus; }
    // Connects the background sync (owned by the app): status bar progress, Sync Now, Settings → Accounts,
    // and the Inbox, timelines and contact list refreshing after a sync. `secretScope` is the SecretStore
    // scope of this database. Without it the Accounts dialog still works but cannot test or sync.
    void setSyncManager(SyncManager *sync, const QString &secretScope);
    SyncManager *syncManager() const { return m_sync; }
    void showAccounts();
    ActivitySection *activitySection() const { return m_activitySection; }
    DashboardView *dashboardView() const { return m_dashboardView; }
    // File → Report…: the client report dialog with its preview.
    void showReportDialog();
    // The window's place on first run, on a screen with this available geometry (later runs restore theirs).
    static QRect firstRunGeometry(const QRect &available);
    QUndoStack *undoStack() const { return m_undoStack; }
    // File → Import…, Import History… and files dropped on the window.
    ImportController *importController() const { return m_import; }
    // File → Back Up Database…, Restore From Backup…, Back Up Daily (ui/backup).
    BackupController *backupController() const { return m_backup; }
    // Starts the daily backup (the app calls it once the first screen is up, like the sync).
    void startAutomaticBackups();
    // Asks about unsaved edits first (Save / Discard / Cancel), then emits restoreRequested(backupFile).
    void requestRestore(const QString &backupFile);
    // For the app after a restore: a status-bar message and, for anything to read, a box.
    void showStatusMessage(const QString &message, int timeoutMs = 10000);
    // Team mode: other people's changes arriving live (PostgreSQL; null on SQLite), and the status bar's word
    // on it ("Offline — reconnecting…").
    LiveChannel *liveChannel() const { return m_live; }
    // File → Connect to Team Database…; a successful connect emits databaseSwitchRequested().
    void showConnectDialog();

Q_SIGNALS:
    // The contact table painted rows for the first time (used to time start-up). Emitted once.
    void contactListPainted();
    // After the first paint of the contacts section: what the first screen does not need has started (the
    // sidebar's counts). Emitted once; Gui starts the background sync on it.
    void firstScreenLoaded();
    // Loading the demo agency ended; `loaded` is false if it failed or was canceled.
    void demoDataFinished(bool loaded);
    // The user confirmed restoring this backup and nothing is left unsaved: the app closes the window and the
    // connections, puts the backup in place and opens a new window (app/gui.cpp).
    void restoreRequested(const QString &backupFile);
    // The user connected to another database (password included): the app reopens the window on it.
    void databaseSwitchRequested(const DatabaseLocation &location);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    // A .csv or .vcf file dropped anywhere on the window opens the import wizard at it.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void loadAfterFirstScreen();
    void createSections();
    void createMenus();
    void createStatusBar();
    void loadDemoData();
    void updateContactCount(int count);
    void updateInboxCount(int count);
    void showError(const QString &message);
    void showAbout();
    void updateConnectionStatus();
    // The contact the user is looking at in the Contacts section (the open profile, else the current row).
    qint64 contactInFocus() const;

    Database &m_db;
    QUndoStack *m_undoStack = nullptr;
    CommandPalette *m_palette = nullptr;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_stack = nullptr;
    ContactsView *m_contactsView = nullptr;
    ContactEditor *m_contactEditor = nullptr;
    OrganizationsView *m_organizationsView = nullptr;
    CampaignsView *m_campaignsView = nullptr;
    FollowUpsView *m_followUpsView = nullptr;
    InboxView *m_inboxView = nullptr;
    SyncManager *m_sync = nullptr;
    SyncStatusWidget *m_syncStatus = nullptr;
    QAction *m_syncNowAction = nullptr;
    QString m_secretScope;
    ActivitySection *m_activitySection = nullptr;
    DashboardView *m_dashboardView = nullptr;
    QActionGroup *m_sectionActions = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    LiveChannel *m_live = nullptr;
    DemoDataLoader *m_demoLoader = nullptr;
    ImportController *m_import = nullptr;
    BackupController *m_backup = nullptr;
    QProgressDialog *m_demoProgress = nullptr;
    bool m_contactListPainted = false;
    bool m_firstScreenShown = false;
    bool m_errorShown = false;
    bool m_undoFailed = false; // an undo or redo just failed and said why
};
