#pragma once

#include "domain/contactfilter.h"

#include <QFrame>

class Database;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStringListModel;

// The filters of the contact list in a popup below the Filters button: kind (several), beats and tags
// (comma-separated, with completion), outlet (completed from the organizations), owner, country, city,
// do-not-contact and "not contacted in N days". Every change is announced with filterEdited(); the search
// text is not part of it (the search field has it).
class ContactFilterPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactFilterPanel)

public:
    explicit ContactFilterPanel(Database &db, QWidget *parent = nullptr);

    // Shows the filters (text aside) in the widgets, without announcing a change.
    void setFilter(const ContactFilter &filter);
    ContactFilter filter() const;

    // Refreshes the completion lists and shows the panel as a popup below `anchor`.
    void popup(QWidget *anchor);

Q_SIGNALS:
    void filterEdited();
    void clearRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void loadChoices();
    void updateOutletCompletions(const QString &text);
    QList<qint64> outletIds() const;

    Database &m_db;
    QListWidget *m_kinds = nullptr;
    QLineEdit *m_tags = nullptr;
    QLineEdit *m_outlets = nullptr;
    QComboBox *m_owner = nullptr;
    QLineEdit *m_country = nullptr;
    QLineEdit *m_city = nullptr;
    QComboBox *m_doNotContact = nullptr;
    QSpinBox *m_notContacted = nullptr;
    QPushButton *m_clear = nullptr;
    QStringListModel *m_tagNames = nullptr;
    QStringListModel *m_outletNames = nullptr;
    QStringListModel *m_countries = nullptr;
    QStringListModel *m_cities = nullptr;
    bool m_settingFilter = false;
};
