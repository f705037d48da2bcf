#pragma once

#include "core/result.h"

#include <QWidget>

#include <functional>
#include <optional>

class Database;
class OrganizationEditor;
struct Organization;
class OrganizationListModel;
class QAction;
class QLabel;
class QLineEdit;
class QSettings;
class QSplitter;
class QStackedWidget;
class QTableView;
class QUndoStack;

// The Organizations section: outlets, clients and other companies in a table that pages from the database
// and sorts in SQL (OrganizationListModel), a search field that narrows it as you type, and the selected
// organization's editor with its people (OrganizationEditor) beside it.
//
// Saves, new organizations and deletions go on the undo stack. The section's actions (menuActions()) are
// enabled only while it is shown, so their shortcuts never clash with another section's.
class OrganizationsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrganizationsView)

public:
    explicit OrganizationsView(Database &db, QWidget *parent = nullptr);
    ~OrganizationsView() override;

    OrganizationListModel *model() const { return m_model; }
    QTableView *tableView() const { return m_tableView; }
    OrganizationEditor *editor() const { return m_editor; }
    QList<QAction *> menuActions() const { return m_menuActions; }

    void setUndoStack(QUndoStack *stack);
    QUndoStack *undoStack() const { return m_undoStack; }

    // Shows this organization in the editor (asking first if there are unsaved edits).
    void showOrganization(qint64 id);
    bool hasUnsavedChanges() const;
    // True when nothing is unsaved. Otherwise asks Save / Discard / Cancel, returns false, and calls
    // `proceed` once the edits were saved or discarded (never on Cancel or a failed save).
    bool confirmLeave(const std::function<void()> &proceed);

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

    // Called by the undo commands after they wrote (or failed to).
    void organizationChangedByCommand(qint64 id, const Status &status);

public Q_SLOTS:
    void newOrganization();
    bool save();
    void revert();
    void deleteCurrent();
    void refresh();

Q_SIGNALS:
    // Open this contact in the Contacts section.
    void contactActivated(qint64 contactId);
    void errorOccurred(const QString &message);
    void statusMessage(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void createActions();
    // Saved merged (true), the conflict dialog asks (false), or not possible (nullopt: say the conflict).
    std::optional<bool> mergeConcurrentEdit(const Organization &original, const Organization &mine);
    void onCurrentRowChanged(const QModelIndex &current);
    void askThenShow(qint64 id);
    void load(qint64 id);
    void selectRowOf(qint64 id);
    void updateCount();
    // The list is read when the section is first shown (or an organization is shown), not at start-up.
    void ensureListed();
    QAction *addMenuAction(const QString &text, const QKeySequence &shortcut, const char *objectName);

    Database &m_db;
    OrganizationListModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_countLabel = nullptr;
    QTableView *m_tableView = nullptr;
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_detail = nullptr;
    OrganizationEditor *m_editor = nullptr;
    QUndoStack *m_undoStack = nullptr;
    QList<QAction *> m_menuActions;
    QAction *m_saveAction = nullptr;
    QAction *m_deleteAction = nullptr;
    bool m_asking = false;
};
