#pragma once

#include "domain/contactfilter.h"

#include <QJsonObject>
#include <QWidget>

class ContactFilterPanel;
class ContactsView;
class HighlightDelegate;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;
struct SavedView;

// The row above the contact list: search as you type (Ctrl+F focuses it, Esc clears it), the Filters popup
// with one removable chip per active filter value (click, Space or Delete on a chip removes it) and the
// number found, and "Save View…". Installs itself in ContactsView::toolBarLayout(),
// puts a HighlightDelegate on the text columns and the column chooser on the header.
//
// Keystrokes that arrive together (typed within a frame, pasted, replayed) are answered with one query.
class ContactSearchBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactSearchBar)

public:
    explicit ContactSearchBar(ContactsView &view);

    ContactFilter filter() const { return m_filter; }
    void setFilter(const ContactFilter &filter);
    HighlightDelegate *highlightDelegate() const { return m_delegate; }
    QLineEdit *searchLineEdit() const { return m_search; }

    // The current view of the list as a saved view's definition: filter, sort and visible columns in order.
    QJsonObject viewDefinition() const;
    void applyView(const SavedView &view);
    // Saves the current view under this name; emits viewSaved() on success, else shows why.
    bool saveView(const QString &name, bool shared, QString *error = nullptr);

Q_SIGNALS:
    void viewSaved(qint64 id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyNow();
    void updateSummary();
    void rebuildChips();
    QString outletName(qint64 id) const;
    QString ownerName(qint64 id) const;
    void showFilters();
    void openSaveDialog();

    ContactsView &m_view;
    QLineEdit *m_search = nullptr;
    QToolButton *m_filtersButton = nullptr;
    QLabel *m_summary = nullptr;
    QWidget *m_chips = nullptr;
    ContactFilter m_chipFilter; // the filter the chips show (rebuilt only when it changes)
    QToolButton *m_clearButton = nullptr;
    QToolButton *m_saveButton = nullptr;
    ContactFilterPanel *m_panel = nullptr;
    HighlightDelegate *m_delegate = nullptr;
    QTimer *m_coalesce = nullptr;
    ContactFilter m_filter;
};
