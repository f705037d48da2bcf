#pragma once

#include "core/result.h"
#include "domain/contact.h"

#include <QHash>
#include <QWidget>

class Database;
class LabeledValuesList;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStringListModel;
class TagsEdit;

// The fields of a contact's profile in sections (identity, reach and channels, beats and tags, location,
// notes, consent), with a place under each field for its validation error. It only shows and collects
// values; ContactEditor loads, saves and decides.
class ContactForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactForm)

public:
    explicit ContactForm(Database &db, QWidget *parent = nullptr);

    // Shows this contact; the completers' lists (owners, tags) are reloaded too.
    void setContact(const Contact &contact);
    // The contact shown with the values in the fields. An organization typed that is not the loaded one
    // comes back with organizationId 0 and its name in organizationName, for the editor to resolve.
    Contact contact() const;
    // A conversation was logged, edited or removed: the "last contacted" line follows, the fields stay.
    void setLastContacted(const QDateTime &at);

    // Shows `message` under the field named by Error::field ("displayName", "emails", "mastodon", …);
    // unknown fields show it under the name. Returns the field widget to focus.
    QWidget *showError(const QString &field, const QString &message);
    void clearErrors();
    // Checks what the repository does not (time zone); empty field name when all is well.
    Error check() const;

    QLineEdit *firstNameEdit() const { return m_firstName; }
    QLabel *errorLabel(const QString &field) const;

Q_SIGNALS:
    // The user changed a field.
    void edited();
    // The emails or handles changed (for the duplicate check while typing).
    void identityEdited();

private:
    QFormLayout *addSection(const QString &title);
    QLineEdit *addLine(QFormLayout *form, const QString &label, const QString &objectName, const QString &errorKey = {});
    void addRow(
        QFormLayout *form, const QString &label, QWidget *field, const QString &errorKey = {}, bool fullWidth = false);
    void buildIdentity();
    void buildChannels();
    void buildTagsAndLocation();
    void buildNotesAndConsent();
    void reloadLists();
    void lookUpOrganization(const QString &text);
    void updateInfo();

    Database &m_db;
    Contact m_contact;
    QWidget *m_sections = nullptr;
    QLineEdit *m_firstName = nullptr;
    QLineEdit *m_lastName = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_pronouns = nullptr;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_organization = nullptr;
    QLabel *m_organizationHint = nullptr;
    QStringListModel *m_organizationNames = nullptr;
    QLineEdit *m_role = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_owner = nullptr;
    LabeledValuesList *m_emails = nullptr;
    LabeledValuesList *m_phones = nullptr;
    QHash<QString, QLineEdit *> m_handles; // network -> field
    QComboBox *m_preferredChannel = nullptr;
    QSpinBox *m_reach = nullptr;
    TagsEdit *m_beats = nullptr;
    TagsEdit *m_tags = nullptr;
    QLineEdit *m_city = nullptr;
    QLineEdit *m_country = nullptr;
    QLineEdit *m_timeZone = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QComboBox *m_consentBasis = nullptr;
    QCheckBox *m_consentDated = nullptr;
    QDateEdit *m_consentDate = nullptr;
    QLineEdit *m_consentSource = nullptr;
    QCheckBox *m_doNotContact = nullptr;
    QLineEdit *m_doNotContactReason = nullptr;
    QLabel *m_info = nullptr;
    QHash<QString, QWidget *> m_fields; // error key -> field
    QHash<QString, QLabel *> m_errors; // error key -> label under the field
};
