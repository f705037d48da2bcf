#pragma once

#include <QWidget>

#include <functional>

class ContactListModel;
class Database;
class QAction;
class QHBoxLayout;
class QLabel;
class QSettings;
class QSplitter;
class QStackedWidget;
class QTableView;
class QUndoStack;

// The Contacts section: the whole contact list in a table that pages from the database and sorts in SQL
// (see ContactListModel). Remembers column widths, order and sort in the settings.
class ContactsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactsView)

public:
    explicit ContactsView(Database &db, QWidget *parent = nullptr);
    ~ContactsView() override;

    ContactListModel *model() const { return m_model; }
    QTableView *tableView() const { return m_tableView; }
    int contactCount() const;
    Database &database() const { return m_db; }

    // Extension points for the parts of the workspace. The row above the list (search, filters) ...
    QHBoxLayout *toolBarLayout() const { return m_toolBarLayout; }
    // ... the area beside the list (the profile of the current contact) ...
    QStackedWidget *detailArea() const { return m_detailArea; }
    QSplitter *splitter() const { return m_splitter; }
    // ... and the actions of the Contact menu, in menu order (MainWindow builds the menu from them).
    QList<QAction *> menuActions() const { return m_menuActions; }
    void addMenuAction(QAction *action);
    void addMenuSeparator();

    // Every edit, delete and bulk action is pushed here, so Edit → Undo reverses it. Set once by MainWindow.
    QUndoStack *undoStack() const { return m_undoStack; }
    void setUndoStack(QUndoStack *stack) { m_undoStack = stack; }

    // Unsaved work in the section (the profile editor) guards leaving it: the guard returns true when
    // leaving may go on at once; otherwise it asks and runs `proceed` later if the user chose to leave.
    using LeaveGuard = std::function<bool(const std::function<void()> &proceed)>;
    void setLeaveGuard(LeaveGuard guard) { m_leaveGuard = std::move(guard); }
    bool confirmLeave(const std::function<void()> &proceed) { return !m_leaveGuard || m_leaveGuard(proceed); }

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

public Q_SLOTS:
    // Reloads the list after contacts were changed elsewhere.
    void refresh();
    // Selects and scrolls to the contact's row; false if the list does not show it.
    bool selectContact(qint64 id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void contactCountChanged(int count);
    void errorOccurred(const QString &message);

private:
    void applyDefaultColumnWidths();
    void keepSortIndicatorOnSortableColumns(int column);
    void updateEmptyHint();
    void showTopOrCurrent();

    Database &m_db;
    ContactListModel *m_model = nullptr;
    QTableView *m_tableView = nullptr;
    QLabel *m_emptyHint = nullptr;
    QHBoxLayout *m_toolBarLayout = nullptr;
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_detailArea = nullptr;
    QList<QAction *> m_menuActions;
    QUndoStack *m_undoStack = nullptr;
    LeaveGuard m_leaveGuard;
};
