#pragma once

#include "domain/contact.h"

#include <QWidget>

class Database;
class OrganizationPeopleModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QUndoStack;
class TimelineView;
class HistoryView;
class QTableView;
struct Error;

// The detail panel of one organization: its fields (with a validation message beside each one), Save and
// Revert, and the people who work there. It only edits; OrganizationsView saves through the repository
// and tells it the outcome (showError()/load()).
class OrganizationEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrganizationEditor)

public:
    explicit OrganizationEditor(Database &db, QWidget *parent = nullptr);
    ~OrganizationEditor() override;

    // Shows this organization (id 0: a new one) and forgets unsaved edits.
    void load(const Organization &organization);
    // The loaded organization with the form's values.
    Organization organization() const;
    qint64 organizationId() const { return m_loaded.id; }
    // As loaded (or last saved), without the form's edits.
    const Organization &loadedOrganization() const { return m_loaded; }
    bool isDirty() const { return m_dirty; }

    // Shows an error beside its field (validation) or above the form (anything else); clearErrors() hides them.
    void showError(const Error &error);
    void clearErrors();
    void focusName();

    QTableView *peopleView() const { return m_peopleView; }
    OrganizationPeopleModel *peopleModel() const { return m_people; }
    void refreshPeople();
    // The Timeline tab: the organization's people, merged, newest first.
    TimelineView *timeline() const { return m_timeline; }
    HistoryView *historyView() const { return m_history; }
    QTabWidget *tabWidget() const { return m_tabs; }
    void setUndoStack(QUndoStack *stack);

Q_SIGNALS:
    void dirtyChanged(bool dirty);
    void saveRequested();
    void revertRequested();
    // A person in the list was double-clicked or Enter was pressed on them.
    void contactActivated(qint64 contactId);

private:
    QLabel *addErrorLabel(const char *objectName);
    void updateDirty();
    QLabel *errorLabelFor(const QString &field) const;

    Organization m_loaded;
    bool m_dirty = false;
    QLabel *m_headingLabel = nullptr;
    QLabel *m_bannerLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_website = nullptr;
    QSpinBox *m_reach = nullptr;
    QLineEdit *m_city = nullptr;
    QLineEdit *m_country = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QLabel *m_nameError = nullptr;
    QLabel *m_kindError = nullptr;
    QLabel *m_websiteError = nullptr;
    QLabel *m_notesError = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    QLabel *m_peopleLabel = nullptr;
    QTableView *m_peopleView = nullptr;
    OrganizationPeopleModel *m_people = nullptr;
    QTabWidget *m_tabs = nullptr;
    TimelineView *m_timeline = nullptr;
    HistoryView *m_history = nullptr;
};
