#include "contactform.h"

#include "common/wheelguard.h"
#include "contacts/labeledvalueslist.h"
#include "contacts/tagsedit.h"
#include "domain/validation.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/contactrepository.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStringListModel>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

namespace {

struct NetworkInfo
{
    const char *network;
    const char *label; // translated in ContactForm's context
    const char *placeholder;
};

// Email addresses have their own list; these are the other identities a contact has on the web.
const NetworkInfo kNetworks[] = {
    { "mastodon", QT_TRANSLATE_NOOP("ContactForm", "&Mastodon:"), "@user@server.social" },
    { "bluesky", QT_TRANSLATE_NOOP("ContactForm", "Bl&uesky:"), "name.bsky.social" },
    { "x", QT_TRANSLATE_NOOP("ContactForm", "&X:"), "@name" },
    { "linkedin", QT_TRANSLATE_NOOP("ContactForm", "Lin&kedIn:"), "https://www.linkedin.com/in/…" },
    { "website", QT_TRANSLATE_NOOP("ContactForm", "&Website:"), "https://…" },
    { "feed", QT_TRANSLATE_NOOP("ContactForm", "Blog or &feed:"), "https://…/feed.xml" },
};

const QStringList &timeZoneIds()
{
    static const QStringList ids = [] {
        QStringList out;
        for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
            out << QString::fromLatin1(id);
        return out;
    }();
    return ids;
}

void setComboData(QComboBox *combo, const QVariant &data, const QString &textIfMissing)
{
    int i = combo->findData(data);
    if (i < 0) {
        combo->addItem(textIfMissing, data);
        i = combo->count() - 1;
    }
    combo->setCurrentIndex(i);
}

} // namespace

ContactForm::ContactForm(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 8);
    buildIdentity();
    buildChannels();
    buildTagsAndLocation();
    buildNotesAndConsent();
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("infoLabel"));
    m_info->setWordWrap(true);
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_info);
    layout->addStretch(1);

    // Every field reports edits the same way, so the editor knows when the form is dirty.
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textEdited, this, &ContactForm::edited);
    for (QComboBox *combo : {m_kind, m_owner, m_preferredChannel, m_consentBasis})
        connect(combo, &QComboBox::activated, this, &ContactForm::edited);
    connect(m_reach, &QSpinBox::valueChanged, this, [this] {
        if (m_reach->hasFocus())
            Q_EMIT edited();
    });
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] {
        if (m_notes->hasFocus())
            Q_EMIT edited();
    });
    connect(m_consentDate, &QDateEdit::dateChanged, this, [this] {
        if (m_consentDate->hasFocus())
            Q_EMIT edited();
    });
    for (QCheckBox *box : {m_consentDated, m_doNotContact})
        connect(box, &QCheckBox::clicked, this, &ContactForm::edited);
    connect(m_consentDated, &QCheckBox::toggled, m_consentDate, &QWidget::setEnabled);
    connect(m_doNotContact, &QCheckBox::toggled, m_doNotContactReason, &QWidget::setEnabled);
    connect(m_emails, &LabeledValuesList::edited, this, &ContactForm::edited);
    connect(m_phones, &LabeledValuesList::edited, this, &ContactForm::edited);
    connect(m_emails, &LabeledValuesList::edited, this, &ContactForm::identityEdited);
    for (QLineEdit *edit : std::as_const(m_handles))
        connect(edit, &QLineEdit::textEdited, this, &ContactForm::identityEdited);
    // Scrolling the profile scrolls it: the wheel changes a combo box or number only once it has the focus.
    WheelGuard::protectChildren(this);
}

QFormLayout *ContactForm::addSection(const QString &title)
{
    auto *box = new QGroupBox(title, this);
    box->setFlat(true);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    static_cast<QVBoxLayout *>(layout())->addWidget(box);
    return form;
}

void ContactForm::addRow(
    QFormLayout *form, const QString &label, QWidget *field, const QString &errorKey, bool fullWidth)
{
    auto *labelWidget = new QLabel(label, this);
    labelWidget->setBuddy(field);
    QString name = label;
    name.remove(u'&').remove(u':');
    if (field->accessibleName().isEmpty())
        field->setAccessibleName(name);
    if (errorKey.isEmpty()) {
        if (fullWidth) {
            form->addRow(labelWidget);
            form->addRow(field);
        } else {
            form->addRow(labelWidget, field);
        }
        return;
    }
    // The error goes right under its field, in red, and into the field's accessible description.
    auto *cell = new QWidget(this);
    auto *v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(field);
    auto *error = new QLabel(cell);
    error->setObjectName(errorKey + QStringLiteral("ErrorLabel"));
    error->setWordWrap(true);
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    error->setStyleSheet(dark ? QStringLiteral("color: #ff8a80;") : QStringLiteral("color: #c62828;"));
    error->hide();
    v->addWidget(error);
    if (fullWidth) {
        form->addRow(labelWidget);
        form->addRow(cell);
    } else {
        form->addRow(labelWidget, cell);
    }
    m_fields.insert(errorKey, field);
    m_errors.insert(errorKey, error);
}

QLineEdit *ContactForm::addLine(QFormLayout *form, const QString &label, const QString &objectName, const QString &errorKey)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setMaxLength(Validation::kMaxNameLength);
    addRow(form, label, edit, errorKey);
    return edit;
}

void ContactForm::buildIdentity()
{
    QFormLayout *form = addSection(tr("Identity"));
    m_firstName = addLine(form, tr("&First name:"), QStringLiteral("firstNameLineEdit"), QStringLiteral("firstName"));
    m_lastName = addLine(form, tr("&Last name:"), QStringLiteral("lastNameLineEdit"), QStringLiteral("lastName"));
    m_displayName = addLine(form, tr("Displa&y name:"), QStringLiteral("displayNameLineEdit"), QStringLiteral("displayName"));
    m_displayName->setPlaceholderText(tr("First and last name"));
    m_pronouns = addLine(form, tr("Pro&nouns:"), QStringLiteral("pronounsLineEdit"));
    m_pronouns->setMaxLength(40);
    m_title = addLine(form, tr("&Title:"), QStringLiteral("titleLineEdit"), QStringLiteral("title"));
    m_organization = addLine(form, tr("&Organization:"), QStringLiteral("organizationLineEdit"), QStringLiteral("organization"));
    m_organization->setPlaceholderText(tr("Outlet or company: pick one or type a new name"));
    m_organizationNames = new QStringListModel(this);
    auto *completer = new QCompleter(m_organizationNames, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains); // the repository matches word starts too
    m_organization->setCompleter(completer);
    connect(m_organization, &QLineEdit::textEdited, this, &ContactForm::lookUpOrganization);
    m_organizationHint = new QLabel(this);
    m_organizationHint->setObjectName(QStringLiteral("organizationHintLabel"));
    m_organizationHint->setWordWrap(true);
    m_organizationHint->setForegroundRole(QPalette::PlaceholderText);
    m_organizationHint->hide();
    form->addRow(QString(), m_organizationHint);
    m_role = addLine(form, tr("&Role there:"), QStringLiteral("roleLineEdit"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindComboBox"));
    for (const QString &kind : Contact::kinds())
        m_kind->addItem(ContactListModel::kindLabel(kind), kind);
    addRow(form, tr("&Kind:"), m_kind, QStringLiteral("kind"));
    m_owner = new QComboBox(this);
    m_owner->setObjectName(QStringLiteral("ownerComboBox"));
    addRow(form, tr("O&wner:"), m_owner);
}

void ContactForm::buildChannels()
{
    QFormLayout *form = addSection(tr("Reach and channels"));
    m_emails = new LabeledValuesList(tr("email address"),
        { QStringLiteral("work"), QStringLiteral("personal"), QStringLiteral("other") },
        QStringLiteral("name@example.com"), this);
    m_emails->setObjectName(QStringLiteral("emailsLabeledValuesList"));
    // Under their label, across the whole form: an address or a number with its label and a remove button
    // needs the width (issue 10: cut off at the default window size, more so in German).
    addRow(form, tr("&Emails:"), m_emails, QStringLiteral("emails"), true);
    m_phones = new LabeledValuesList(tr("phone number"),
        { QStringLiteral("work"), QStringLiteral("mobile"), QStringLiteral("home"), QStringLiteral("other") },
        QStringLiteral("+44 20 7946 0000"), this);
    m_phones->setObjectName(QStringLiteral("phonesLabeledValuesList"));
    addRow(form, tr("&Phones:"), m_phones, {}, true);
    for (const NetworkInfo &n : kNetworks) {
        const QString network = QString::fromLatin1(n.network);
        QLineEdit *edit = addLine(form, tr(n.label), network + QStringLiteral("LineEdit"), network);
        edit->setMaxLength(Validation::kMaxNameLength * 4);
        edit->setPlaceholderText(QString::fromUtf8(n.placeholder));
        m_handles.insert(network, edit);
    }
    m_preferredChannel = new QComboBox(this);
    m_preferredChannel->setObjectName(QStringLiteral("preferredChannelComboBox"));
    const std::pair<const char *, QString> channels[] = {
        { "", tr("No preference") },  { "email", tr("Email") },     { "phone", tr("Phone") },
        { "mastodon", tr("Mastodon") }, { "bluesky", tr("Bluesky") }, { "x", tr("X") },
        { "linkedin", tr("LinkedIn") }, { "in_person", tr("In person") },
    };
    for (const auto &[key, label] : channels)
        m_preferredChannel->addItem(label, QString::fromLatin1(key));
    addRow(form, tr("Prefe&rred channel:"), m_preferredChannel);
    m_reach = new QSpinBox(this);
    m_reach->setObjectName(QStringLiteral("reachSpinBox"));
    m_reach->setRange(0, std::numeric_limits<int>::max());
    m_reach->setSpecialValueText(tr("Unknown"));
    m_reach->setGroupSeparatorShown(true);
    m_reach->setSuffix(tr(" people"));
    addRow(form, tr("Reac&h:"), m_reach, QStringLiteral("reach"));
}

void ContactForm::buildTagsAndLocation()
{
    QFormLayout *form = addSection(tr("Beats and tags"));
    m_beats = new TagsEdit(this);
    m_beats->setObjectName(QStringLiteral("beatsTagsEdit"));
    addRow(form, tr("&Beats:"), m_beats);
    m_tags = new TagsEdit(this);
    m_tags->setObjectName(QStringLiteral("tagsTagsEdit"));
    addRow(form, tr("T&ags:"), m_tags);

    form = addSection(tr("Location"));
    m_city = addLine(form, tr("&City:"), QStringLiteral("cityLineEdit"));
    m_country = addLine(form, tr("Countr&y:"), QStringLiteral("countryLineEdit"));
    m_timeZone = addLine(form, tr("Time &zone:"), QStringLiteral("timeZoneLineEdit"), QStringLiteral("timeZone"));
    m_timeZone->setPlaceholderText(QStringLiteral("Europe/London"));
    auto *zones = new QCompleter(timeZoneIds(), this);
    zones->setCaseSensitivity(Qt::CaseInsensitive);
    zones->setFilterMode(Qt::MatchContains);
    m_timeZone->setCompleter(zones);
}

void ContactForm::buildNotesAndConsent()
{
    QFormLayout *form = addSection(tr("Notes"));
    // Plain text only: pasted HTML arrives as its text, so a pasted <script> is just words.
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("notesPlainTextEdit"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMinimumHeight(fontMetrics().lineSpacing() * 6);
    addRow(form, tr("No&tes:"), m_notes, QStringLiteral("notes"));

    form = addSection(tr("Consent and contact"));
    m_consentBasis = new QComboBox(this);
    m_consentBasis->setObjectName(QStringLiteral("consentBasisComboBox"));
    const std::pair<const char *, QString> bases[] = {
        { "", tr("Not recorded") }, { "consent", tr("Consent") },
        { "legitimate_interest", tr("Legitimate interest") }, { "contract", tr("Contract") },
        { "public_role", tr("Public professional role") },
    };
    for (const auto &[key, label] : bases)
        m_consentBasis->addItem(label, QString::fromLatin1(key));
    addRow(form, tr("Consent &basis:"), m_consentBasis);
    m_consentDated = new QCheckBox(tr("Recorded on"), this);
    m_consentDated->setObjectName(QStringLiteral("consentDatedCheckBox"));
    m_consentDate = new QDateEdit(this);
    m_consentDate->setObjectName(QStringLiteral("consentDateEdit"));
    m_consentDate->setCalendarPopup(true);
    m_consentDate->setAccessibleName(tr("Consent date"));
    m_consentDate->setEnabled(false);
    auto *dateRow = new QWidget(this);
    auto *h = new QHBoxLayout(dateRow);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(m_consentDated);
    h->addWidget(m_consentDate, 1);
    addRow(form, tr("Consent &date:"), dateRow);
    m_consentDated->setAccessibleName(tr("Consent date recorded"));
    m_consentSource = addLine(form, tr("Consent &source:"), QStringLiteral("consentSourceLineEdit"));
    m_consentSource->setPlaceholderText(tr("e.g. signed up at the launch event"));
    m_doNotContact = new QCheckBox(tr("Do &not contact"), this);
    m_doNotContact->setObjectName(QStringLiteral("doNotContactCheckBox"));
    m_doNotContact->setAccessibleName(tr("Do not contact"));
    form->addRow(QString(), m_doNotContact);
    m_doNotContactReason = addLine(form, tr("Reaso&n:"), QStringLiteral("doNotContactReasonLineEdit"));
    m_doNotContactReason->setEnabled(false);
}

void ContactForm::reloadLists()
{
    ContactRepository contacts(m_db);
    if (Result<QStringList> beats = contacts.tagNames(QStringLiteral("beat")))
        m_beats->setKnownTags(*beats);
    if (Result<QStringList> tags = contacts.tagNames(QStringLiteral("tag")))
        m_tags->setKnownTags(*tags);
    m_owner->clear();
    m_owner->addItem(tr("Nobody"), qint64(0));
    if (Result<QList<User>> users = UserRepository(m_db).all())
        for (const User &u : *users)
            m_owner->addItem(u.name, u.id);
}

void ContactForm::lookUpOrganization(const QString &text)
{
    const QString name = text.trimmed();
    QStringList names;
    if (Result<QList<OrganizationRepository::NameHit>> hits = OrganizationRepository(m_db).findByName(name, 15))
        for (const auto &hit : *hits)
            names << hit.name;
    m_organizationNames->setStringList(names);
    const bool known = name.isEmpty() || name == m_contact.organizationName
        || names.contains(name, Qt::CaseInsensitive);
    m_organizationHint->setText(tr("“%1” is not in your organizations yet: saving creates it.").arg(name));
    m_organizationHint->setVisible(!known);
}

void ContactForm::setContact(const Contact &c)
{
    m_contact = c;
    if (m_owner->count() == 0 || c.id == 0)
        reloadLists();
    clearErrors();
    m_firstName->setText(c.firstName);
    m_lastName->setText(c.lastName);
    m_displayName->setText(c.displayName);
    m_pronouns->setText(c.pronouns);
    m_title->setText(c.title);
    m_organization->setText(c.organizationName);
    m_organizationHint->hide();
    m_role->setText(c.organizationRole);
    setComboData(m_kind, c.kind, c.kind);
    setComboData(m_owner, c.ownerId, tr("User %1").arg(c.ownerId));
    QList<LabeledValuesList::Row> emails;
    for (const ContactEmail &e : c.emails)
        emails.append({e.label, e.email});
    m_emails->setRows(emails);
    QList<LabeledValuesList::Row> phones;
    for (const ContactPhone &p : c.phones)
        phones.append({p.label, p.phone});
    m_phones->setRows(phones);
    for (auto it = m_handles.cbegin(); it != m_handles.cend(); ++it) {
        QStringList values;
        for (const Handle &h : c.handles)
            if (h.network == it.key())
                values << h.handle;
        it.value()->setText(values.join(u' '));
    }
    setComboData(m_preferredChannel, c.preferredChannel, c.preferredChannel);
    m_reach->setValue(int(std::clamp<qint64>(c.reach, 0, std::numeric_limits<int>::max())));
    m_beats->setTags(c.beats);
    m_tags->setTags(c.tags);
    m_city->setText(c.city);
    m_country->setText(c.country);
    m_timeZone->setText(c.timeZone);
    {
        const QSignalBlocker block(m_notes);
        m_notes->setPlainText(c.notes);
    }
    setComboData(m_consentBasis, c.consentBasis, c.consentBasis);
    m_consentDated->setChecked(c.consentAt.isValid());
    m_consentDate->setDate(c.consentAt.isValid() ? c.consentAt.toLocalTime().date() : QDate::currentDate());
    m_consentSource->setText(c.consentSource);
    m_doNotContact->setChecked(c.doNotContact);
    m_doNotContactReason->setText(c.doNotContactReason);
    updateInfo();
}

void ContactForm::setLastContacted(const QDateTime &at)
{
    m_contact.lastContactedAt = at;
    updateInfo();
}

void ContactForm::updateInfo()
{
    const Contact &c = m_contact;
    const QLocale locale;
    if (c.id == 0) {
        m_info->setText(tr("A new contact: nothing is saved until you save it."));
    } else {
        const QString last = c.lastContactedAt.isValid()
            ? locale.toString(c.lastContactedAt.toLocalTime(), QLocale::ShortFormat) : tr("never");
        m_info->setText(tr("Created %1 · updated %2 · version %3 · last contacted %4%5")
                .arg(locale.toString(c.createdAt.toLocalTime(), QLocale::ShortFormat),
                    locale.toString(c.updatedAt.toLocalTime(), QLocale::ShortFormat))
                .arg(c.version)
                .arg(last, c.inTrash ? tr(" · in the trash") : QString()));
    }
}

Contact ContactForm::contact() const
{
    Contact c = m_contact;
    c.firstName = m_firstName->text();
    c.lastName = m_lastName->text();
    c.displayName = m_displayName->text();
    // A name typed in the first/last fields replaces a display name that merely repeated the old ones.
    const QString oldJoined = QStringList{m_contact.firstName, m_contact.lastName}.join(u' ').trimmed();
    if (c.displayName.trimmed() == oldJoined && (c.firstName != m_contact.firstName || c.lastName != m_contact.lastName))
        c.displayName.clear();
    c.pronouns = m_pronouns->text().trimmed();
    c.title = m_title->text().trimmed();
    const QString organization = m_organization->text().trimmed();
    if (organization != m_contact.organizationName) {
        c.organizationId = 0;
        c.organizationName = organization;
    }
    c.organizationRole = m_role->text().trimmed();
    c.kind = m_kind->currentData().toString();
    c.ownerId = m_owner->currentData().toLongLong();
    c.emails.clear();
    for (const auto &[label, value] : m_emails->rows())
        c.emails.append({label, value});
    c.phones.clear();
    for (const auto &[label, value] : m_phones->rows())
        c.phones.append({label, value});
    // Email identities found by sync have no field here: keep them as they are.
    QList<Handle> handles;
    for (const Handle &h : std::as_const(m_contact.handles))
        if (!m_handles.contains(h.network))
            handles.append(h);
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    for (auto it = m_handles.cbegin(); it != m_handles.cend(); ++it)
        for (const QString &value : it.value()->text().split(separators, Qt::SkipEmptyParts))
            handles.append({it.key(), value, QString()});
    c.handles = handles;
    c.preferredChannel = m_preferredChannel->currentData().toString();
    c.reach = m_reach->value();
    c.beats = m_beats->tags();
    c.tags = m_tags->tags();
    c.city = m_city->text().trimmed();
    c.country = m_country->text().trimmed();
    c.timeZone = m_timeZone->text().trimmed();
    c.notes = m_notes->toPlainText();
    c.consentBasis = m_consentBasis->currentData().toString();
    if (!m_consentDated->isChecked())
        c.consentAt = QDateTime();
    else if (!m_contact.consentAt.isValid() || m_contact.consentAt.toLocalTime().date() != m_consentDate->date())
        c.consentAt = m_consentDate->date().startOfDay().toUTC();
    c.consentSource = m_consentSource->text().trimmed();
    c.doNotContact = m_doNotContact->isChecked();
    c.doNotContactReason = c.doNotContact ? m_doNotContactReason->text().trimmed() : QString();
    return c;
}

Error ContactForm::check() const
{
    const QString zone = m_timeZone->text().trimmed();
    if (!zone.isEmpty() && !timeZoneIds().contains(zone))
        return Error::validation(QStringLiteral("timeZone"),
            tr("“%1” is not a time zone: pick one from the list, like Europe/London.").arg(zone));
    return Error(QString(), Error::Code::Generic, QString());
}

QWidget *ContactForm::showError(const QString &field, const QString &message)
{
    QString key = field;
    if (key == u"email" || key == u"handles") {
        // A clash on a handle: find the field that has it, if the message names it.
        key = QStringLiteral("emails");
        for (auto it = m_handles.cbegin(); it != m_handles.cend(); ++it)
            if (!it.value()->text().trimmed().isEmpty() && message.contains(it.value()->text().trimmed().split(u' ').first()))
                key = it.key();
    }
    if (!m_errors.contains(key))
        key = QStringLiteral("displayName");
    QLabel *label = m_errors.value(key);
    label->setText(message);
    label->show();
    QWidget *widget = m_fields.value(key);
    widget->setAccessibleDescription(message);
    if (key == u"emails") {
        // Focus the address at fault when the message names it.
        for (int i = 0; i < m_emails->rowCount(); ++i)
            if (message.contains(m_emails->valueEdit(i)->text().trimmed()) && !m_emails->valueEdit(i)->text().trimmed().isEmpty())
                return m_emails->valueEdit(i);
    }
    return widget;
}

void ContactForm::clearErrors()
{
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        it.value()->hide();
        it.value()->clear();
        m_fields.value(it.key())->setAccessibleDescription(QString());
    }
}

QLabel *ContactForm::errorLabel(const QString &field) const
{
    return m_errors.value(field);
}
