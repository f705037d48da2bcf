#pragma once

#include <QWidget>

class ContactListModel;
class Database;
class QLabel;
class QSettings;
class QTableView;

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

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

public Q_SLOTS:
    // Reloads the list after contacts were changed elsewhere.
    void refresh();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void contactCountChanged(int count);
    void errorOccurred(const QString &message);

private:
    void applyDefaultColumnWidths();
    void keepSortIndicatorOnSortableColumns(int column);
    void updateEmptyHint();

    ContactListModel *m_model = nullptr;
    QTableView *m_tableView = nullptr;
    QLabel *m_emptyHint = nullptr;
};
