#pragma once

#include <QObject>
#include <QStringList>

class QHeaderView;
class QMenu;

// The column chooser of the contact list: right-click on the header for a menu of checkable columns
// (objectName contactColumnsMenu). Hidden columns and their order live in the header's state, which
// ContactsView keeps in the settings. The name column cannot be hidden: a list of contacts needs their names.
class ContactColumnChooser final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactColumnChooser)

public:
    explicit ContactColumnChooser(QHeaderView *header);

    // The menu as it would show now (built on every right-click; exposed for tests).
    QMenu *createMenu(QWidget *parent);

    // The visible columns in their visual order, as ContactListModel::columnKey() names.
    static QStringList visibleColumns(const QHeaderView *header);
    // Shows these columns in this order and hides the others; unknown names are skipped. Empty: no change.
    static void applyColumns(QHeaderView *header, const QStringList &columns);

private:
    QHeaderView *m_header;
};
