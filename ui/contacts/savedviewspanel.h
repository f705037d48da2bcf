#pragma once

#include <QWidget>

class ContactSearchBar;
class Database;
class QListWidget;
class QListWidgetItem;

// The saved views of the contact list, listed in the sidebar under the sections: one click applies a view
// (its filter, sort and columns) to the list; the context menu renames or deletes it. Shared views of
// colleagues appear too, marked as shared.
class SavedViewsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedViewsPanel)

public:
    SavedViewsPanel(Database &db, ContactSearchBar *searchBar, QWidget *parent = nullptr);

    QListWidget *listWidget() const { return m_list; }

public Q_SLOTS:
    void reload();
    void renameView(qint64 id, const QString &name);
    void deleteView(qint64 id);

Q_SIGNALS:
    // A view was applied to the contact list (show the Contacts section).
    void viewActivated(qint64 id);

private:
    void activate(QListWidgetItem *item);
    void showMenu(const QPoint &pos);

    Database &m_db;
    ContactSearchBar *m_searchBar;
    QListWidget *m_list = nullptr;
    bool m_reloading = false;
};
