#include "accounteditor.h"

#include "common/formerror.h"
#include "common/messagebox.h"
#include "core/statuscolor.h"
#include "domain/accountinput.h"
#include "domain/network.h"
#include "domain/validation.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "storage/searchrepository.h"
#include "storage/syncrepository.h"
#include "sync/mastodonauth.h"
#include "sync/secretstore.h"
#include "sync/syncmanager.h"

#include <QCheckBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStringListModel>
#include <QUrl>
#include <QVBoxLayout>

namespace {

const QString kName = QStringLiteral("displayName");
const QString kServer = QStringLiteral("serverUrl");
const QString kHandle = QStringLiteral("handle");
const QString kSecret = QStringLiteral("secret");
const QString kOwner = QStringLiteral("owner");
const QString kInterval = QStringLiteral("syncInterval");

// The repository's field names (camel or snake case) onto this dialog's rows.
QString fieldFor(const QString &field)
{
    const QString f = field.toLower().remove(QLatin1Char('_'));
    if (f == u"serverurl" || f == u"url" || f == u"server")
        return kServer;
    if (f == u"contactid" || f == u"organizationid" || f == u"owner" || f == u"contact" || f == u"organization")
        return kOwner;
    if (f.startsWith(u"syncinterval") || f == u"interval")
        return kInterval;
    if (f == u"handle")
        return kHandle;
    if (f == u"secret")
        return kSecret;
    if (f == u"displayname" || f == u"name")
        return kName;
    return {};
}

int nextRequestId()
{
    static int id = 0;
    return ++id;
}

} // namespace

AccountEditor::AccountEditor(
    Database &db, SyncManager *sync, QString secretScope, const SocialAccount &account, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_sync(sync)
    , m_scope(std::move(secretScope))
    , m_account(account)
{
    setObjectName(QStringLiteral("accountEditor"));
    const bool isNew = account.id == 0;
    const Network network = account.network;
    const NetworkTraits &traits = Networks::traits(network);
    const QString label = Networks::label(network);
    setWindowTitle(isNew ? tr("Add %1 Account").arg(label) : tr("Edit %1 Account").arg(label));
    if (!traits.ownedByUser)
        setWindowTitle(isNew ? tr("Add Feed") : tr("Edit Feed"));
    setAccessibleName(windowTitle());
    setWindowModality(Qt::WindowModal);
    setMinimumWidth(540);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto addRow = [&](const QString &text, QWidget *field, const QString &errorField = QString(),
                      const QString &hint = QString()) {
        auto *box = new QWidget(this);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        v->addWidget(field);
        if (!hint.isEmpty()) {
            auto *h = new QLabel(hint, box);
            h->setWordWrap(true);
            h->setForegroundRole(QPalette::PlaceholderText);
            v->addWidget(h);
        }
        if (!errorField.isEmpty())
            v->addWidget(m_errors[errorField] = addError(errorField));
        form->addRow(text, box);
        if (auto *l = qobject_cast<QLabel *>(form->labelForField(box)))
            l->setBuddy(field);
        field->setAccessibleName(QString(text).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    };

    m_serverEdit = new QLineEdit(this);
    m_serverEdit->setObjectName(QStringLiteral("serverLineEdit"));
    m_handleEdit = new QLineEdit(this);
    m_handleEdit->setObjectName(QStringLiteral("handleLineEdit"));
    m_secretEdit = new QLineEdit(this);
    m_secretEdit->setObjectName(QStringLiteral("secretLineEdit"));
    m_secretEdit->setEchoMode(QLineEdit::Password);
    m_secretEdit->setAttribute(Qt::WA_InputMethodEnabled, false);

    switch (network) {
    case Network::Mastodon: {
        m_serverEdit->setPlaceholderText(QStringLiteral("https://mastodon.social"));
        m_serverEdit->setText(account.serverUrl);
        addRow(tr("&Server:"), m_serverEdit, kServer);
        auto *browser = new QPushButton(tr("Sign in with &Browser…"), this);
        browser->setObjectName(QStringLiteral("browserSignInPushButton"));
        browser->setAutoDefault(false);
        browser->setToolTip(tr("Opens your server's sign-in page in the browser; Rapport gets a read-only token"));
        connect(browser, &QPushButton::clicked, this, &AccountEditor::signInWithBrowser);
        auto *row = new QWidget(this);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(browser);
        h->addStretch();
        form->addRow(QString(), row);
        m_secretEdit->setPlaceholderText(isNew ? QString() : tr("(stored; type a new one to replace it)"));
        addRow(tr("Access &token:"), m_secretEdit, kSecret,
            tr("On your server: Preferences → Development → New application with the read scopes, then copy "
               "“Your access token”."));
        m_handleEdit->setText(account.handle);
        m_handleEdit->setPlaceholderText(tr("optional: you@server.social"));
        addRow(tr("&Handle:"), m_handleEdit, kHandle);
        break;
    }
    case Network::Bluesky:
        m_handleEdit->setText(account.handle);
        m_handleEdit->setPlaceholderText(traits.handleExample);
        addRow(tr("&Handle:"), m_handleEdit, kHandle);
        m_secretEdit->setPlaceholderText(isNew ? QStringLiteral("xxxx-xxxx-xxxx-xxxx")
                                               : tr("(stored; type a new one to replace it)"));
        addRow(tr("App &password:"), m_secretEdit, kSecret,
            tr("Create one under Settings → Privacy and security → App passwords. Never your account password."));
        m_serverEdit->setText(account.serverUrl.isEmpty() ? traits.defaultServer : account.serverUrl);
        addRow(tr("&PDS server:"), m_serverEdit, kServer);
        break;
    case Network::Feed: {
        m_serverEdit->setPlaceholderText(QStringLiteral("https://example.com/feed.xml"));
        m_serverEdit->setText(account.serverUrl);
        addRow(tr("Feed &URL:"), m_serverEdit, kServer);
        auto *ownerBox = new QWidget(this);
        auto *ownerLayout = new QHBoxLayout(ownerBox);
        ownerLayout->setContentsMargins(0, 0, 0, 0);
        m_contactRadio = new QRadioButton(tr("C&ontact"), ownerBox);
        m_contactRadio->setObjectName(QStringLiteral("contactRadioButton"));
        m_organizationRadio = new QRadioButton(tr("Or&ganization"), ownerBox);
        m_organizationRadio->setObjectName(QStringLiteral("organizationRadioButton"));
        m_ownerEdit = new QLineEdit(ownerBox);
        m_ownerEdit->setObjectName(QStringLiteral("ownerLineEdit"));
        m_ownerEdit->setPlaceholderText(tr("Type a name"));
        ownerLayout->addWidget(m_contactRadio);
        ownerLayout->addWidget(m_organizationRadio);
        ownerLayout->addWidget(m_ownerEdit, 1);
        m_ownerCompletions = new QStringListModel(this);
        m_ownerCompleter = new QCompleter(m_ownerCompletions, this);
        m_ownerCompleter->setObjectName(QStringLiteral("ownerCompleter"));
        m_ownerCompleter->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
        m_ownerCompleter->setCaseSensitivity(Qt::CaseInsensitive);
        m_ownerEdit->setCompleter(m_ownerCompleter);
        connect(m_ownerEdit, &QLineEdit::textEdited, this, &AccountEditor::updateOwnerCompletions);
        connect(m_contactRadio, &QRadioButton::toggled, this, [this] { m_ownerCompletions->setStringList({}); });
        if (account.organizationId > 0) {
            m_organizationRadio->setChecked(true);
            if (Result<Organization> o = OrganizationRepository(m_db).get(account.organizationId)) {
                m_ownerEdit->setText(o->name);
                m_knownOwners.insert(QStringLiteral("o:") + o->name.toLower(), o->id);
            }
        } else {
            m_contactRadio->setChecked(true);
            if (account.contactId > 0) {
                if (Result<Contact> c = ContactRepository(m_db).get(account.contactId)) {
                    m_ownerEdit->setText(c->displayName);
                    m_knownOwners.insert(QStringLiteral("c:") + c->displayName.toLower(), c->id);
                }
            }
        }
        addRow(tr("&Belongs to:"), ownerBox, kOwner);
        m_ownerEdit->setAccessibleName(tr("Belongs to"));
        break;
    }
    }

    m_nameEdit = new QLineEdit(account.displayName, this);
    m_nameEdit->setObjectName(QStringLiteral("nameLineEdit"));
    m_nameEdit->setPlaceholderText(traits.ownedByUser ? tr("optional: the handle") : tr("optional: the feed's title"));
    addRow(tr("&Name:"), m_nameEdit, kName);

    m_intervalSpin = new QSpinBox(this);
    m_intervalSpin->setObjectName(QStringLiteral("intervalSpinBox"));
    m_intervalSpin->setRange(1, 7 * 24 * 60);
    m_intervalSpin->setSuffix(tr(" min"));
    m_intervalSpin->setValue(qMax(1, account.syncIntervalS / 60));
    addRow(tr("Sync &every:"), m_intervalSpin, kInterval);

    m_syncOnStartCheck = new QCheckBox(tr("Sync when Rapport &starts"), this);
    m_syncOnStartCheck->setObjectName(QStringLiteral("syncOnStartCheckBox"));
    m_syncOnStartCheck->setChecked(account.syncOnStart);
    m_enabledCheck = new QCheckBox(tr("Sync &automatically"), this);
    m_enabledCheck->setObjectName(QStringLiteral("enabledCheckBox"));
    m_enabledCheck->setChecked(account.enabled);
    form->addRow(QString(), m_enabledCheck);
    form->addRow(QString(), m_syncOnStartCheck);

    auto *testRow = new QHBoxLayout;
    m_testButton = new QPushButton(tr("Test &Connection"), this);
    m_testButton->setObjectName(QStringLiteral("testConnectionPushButton"));
    m_testButton->setAutoDefault(false);
    m_testButton->setEnabled(m_sync != nullptr);
    connect(m_testButton, &QPushButton::clicked, this, &AccountEditor::testConnection);
    m_busyBar = new QProgressBar(this);
    m_busyBar->setObjectName(QStringLiteral("busyProgressBar"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setFixedWidth(80);
    m_busyBar->setMaximumHeight(m_testButton->sizeHint().height() / 2);
    m_busyBar->setAccessibleName(tr("Testing the connection"));
    m_busyBar->hide();
    m_testResultLabel = new QLabel(this);
    m_testResultLabel->setObjectName(QStringLiteral("testResultLabel"));
    m_testResultLabel->setWordWrap(true);
    m_testResultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_busyBar);
    testRow->addWidget(m_testResultLabel, 1);

    if (m_sync) {
        connect(m_sync, &SyncManager::connectionTested, this, [this](int requestId, bool ok, const QString &message) {
            if (requestId != m_testRequest)
                return; // an older test, or another dialog's
            setTesting(false);
            QPalette p = m_testResultLabel->palette();
            p.setColor(QPalette::WindowText, ok ? StatusColor::success() : StatusColor::danger());
            m_testResultLabel->setPalette(p);
            m_testResultLabel->setText(ok ? tr("✓ %1").arg(message) : message);
        });
    }

    auto *fallback = new QLabel(tr("No keyring is available: the secret will be kept only until Rapport quits, and "
                                   "you will have to enter it again next time."),
        this);
    fallback->setObjectName(QStringLiteral("memoryFallbackLabel"));
    fallback->setWordWrap(true);
    fallback->setVisible(!traits.secretName.isEmpty() && SecretStore::usingMemoryFallback());

    m_generalErrorLabel = addError(QString());
    m_generalErrorLabel->setObjectName(QStringLiteral("generalErrorLabel"));

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *saveButton = buttons->addButton(isNew ? tr("Add") : tr("Save"), QDialogButtonBox::AcceptRole);
    saveButton->setObjectName(QStringLiteral("savePushButton"));
    saveButton->setDefault(true);
    m_saveButton = saveButton;
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelPushButton"));
    cancel->setAutoDefault(false);
    connect(saveButton, &QPushButton::clicked, this, &AccountEditor::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addWidget(fallback);
    layout->addWidget(m_generalErrorLabel);
    layout->addStretch();
    layout->addWidget(buttons);
    if (traits.handleRequired)
        m_handleEdit->setFocus();
    else
        m_serverEdit->setFocus();
}

QLabel *AccountEditor::addError(const QString &field)
{
    return FormError::newLabel(this, field + QStringLiteral("ErrorLabel"));
}

void AccountEditor::showError(const QString &field, const QString &message)
{
    QLabel *label = m_errors.value(field, m_generalErrorLabel);
    label->setText(message);
    label->show();
    if (field == kServer)
        m_serverEdit->setFocus();
    else if (field == kHandle)
        m_handleEdit->setFocus();
    else if (field == kSecret)
        m_secretEdit->setFocus();
    else if (field == kOwner && m_ownerEdit)
        m_ownerEdit->setFocus();
    else if (field == kName)
        m_nameEdit->setFocus();
}

void AccountEditor::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors)) {
        label->clear();
        label->hide();
    }
    m_generalErrorLabel->clear();
    m_generalErrorLabel->hide();
}

void AccountEditor::updateOwnerCompletions(const QString &text)
{
    const QString typed = text.trimmed();
    QStringList items;
    if (!typed.isEmpty() && m_organizationRadio->isChecked()) {
        if (auto hits = OrganizationRepository(m_db).findByName(typed, 12)) {
            for (const auto &hit : *hits) {
                m_knownOwners.insert(QStringLiteral("o:") + hit.name.toLower(), hit.id);
                items.append(hit.name);
            }
        }
    } else if (!typed.isEmpty()) {
        if (auto hits = SearchRepository(m_db).searchContacts(typed, 12)) {
            for (const ContactHit &hit : *hits) {
                m_knownOwners.insert(QStringLiteral("c:") + hit.displayName.toLower(), hit.id);
                items.append(hit.displayName);
            }
        }
    }
    m_ownerCompletions->setStringList(items);
    if (!items.isEmpty())
        m_ownerCompleter->complete();
}

// Reads and checks the fields into `out`; shows what is wrong next to the field.
bool AccountEditor::collect(SocialAccount &out, QString &secret)
{
    const NetworkTraits &traits = Networks::traits(m_account.network);
    AccountInput input;
    input.server = m_serverEdit->text();
    input.handle = m_handleEdit->text();
    input.name = m_nameEdit->text();
    input.secret = m_secretEdit->text();
    input.intervalMinutes = m_intervalSpin->value();
    input.syncOnStart = m_syncOnStartCheck->isChecked();
    input.enabled = m_enabledCheck->isChecked();

    // A feed's owner is typed by name: find whom it means (the rules on the owner itself are makeAccount()'s).
    QString ownerProblem;
    if (!traits.ownedByUser) {
        const QString name = m_ownerEdit->text().simplified();
        const bool organization = m_organizationRadio->isChecked();
        qint64 id = m_knownOwners.value((organization ? QStringLiteral("o:") : QStringLiteral("c:")) + name.toLower());
        if (name.isEmpty()) {
            ownerProblem = tr("Type the name of the contact or organization whose feed this is.");
        } else if (id == 0 && organization) {
            Result<qint64> found = OrganizationRepository(m_db).idByName(name);
            if (found && *found > 0)
                id = *found;
            else
                ownerProblem = tr("No organization is called “%1”.").arg(name);
        } else if (id == 0) {
            Result<QList<ContactHit>> hits = SearchRepository(m_db).searchContacts(name, 5);
            if (!hits) {
                ownerProblem = hits.error().message;
            } else {
                for (const ContactHit &hit : *hits) {
                    if (hit.displayName.compare(name, Qt::CaseInsensitive) == 0)
                        id = hit.id;
                }
                if (id == 0 && hits->size() == 1)
                    id = hits->first().id;
                if (id == 0)
                    ownerProblem = hits->isEmpty()
                        ? tr("No contact is called “%1”.").arg(name)
                        : tr("Several contacts match “%1”: pick one from the list.").arg(name);
            }
        }
        (organization ? input.organizationId : input.contactId) = id;
    }

    const AccountDraft draft = makeAccount(m_account, input);
    for (const Error &problem : draft.problems) {
        if (problem.field == kOwner && !ownerProblem.isEmpty())
            continue; // said better below, by name
        showError(fieldFor(problem.field), problem.message);
    }
    if (!ownerProblem.isEmpty())
        showError(kOwner, ownerProblem);
    out = draft.account;
    secret = draft.secret;
    if (traits.ownedByUser && out.userId == 0)
        out.userId = m_db.currentUserId();
    return draft.ok() && ownerProblem.isEmpty();
}

bool AccountEditor::save()
{
    if (m_saving)
        return false;
    clearErrors();
    SocialAccount values;
    QString secret;
    if (!collect(values, secret))
        return false;
    SyncRepository repo(m_db);
    const bool isNew = values.id == 0;
    Status s = isNew ? repo.createAccount(values) : repo.updateAccount(values);
    if (!s) {
        showError(fieldFor(s.error().field), s.error().message);
        return false;
    }
    const QString name = Networks::traits(values.network).secretName;
    if (name.isEmpty() || secret.isEmpty()) {
        finishSave(values);
        return true;
    }
    // The keyring answers later (a locked one may take its time): the window keeps running meanwhile.
    setSaving(true);
    SecretStore(m_scope).writeAsync(values.secretKey(name), secret, this, [this, values, isNew](const Status &w) {
        setSaving(false);
        if (!w) {
            if (isNew)
                (void)SyncRepository(m_db).removeAccount(values.id); // an account without its secret cannot sync
            else
                m_account.version = values.version;
            showError(kSecret, tr("The secret could not be stored: %1").arg(w.error().message));
            return;
        }
        if (SecretStore::usingMemoryFallback() && parentWidget()) {
            MessageBox::information(parentWidget(), tr("Secret kept for this session only"),
                tr("Rapport cannot use the system keyring (%1), so the secret of “%2” is kept only until Rapport "
                   "quits. You will have to enter it again next time.")
                    .arg(SecretStore::memoryFallbackReason().toHtmlEscaped(), values.displayName.toHtmlEscaped()));
        }
        finishSave(values);
    });
    return true;
}

void AccountEditor::finishSave(const SocialAccount &values)
{
    m_account = values;
    if (m_sync)
        m_sync->accountsChanged();
    Q_EMIT saved(values.id);
    accept();
}

void AccountEditor::setSaving(bool saving)
{
    m_saving = saving;
    m_saveButton->setEnabled(!saving);
    m_busyBar->setVisible(saving || isTesting());
    m_testButton->setEnabled(!saving && !isTesting() && m_sync);
    if (saving) {
        m_testResultLabel->setPalette(palette());
        m_testResultLabel->setText(tr("Storing the secret in the system keyring…"));
    } else if (m_testResultLabel->text() == tr("Storing the secret in the system keyring…")) {
        m_testResultLabel->clear();
    }
}

void AccountEditor::signInWithBrowser()
{
    clearErrors();
    if (m_signingIn) { // the button reads Cancel meanwhile
        m_auth->cancel();
        return;
    }
    if (m_serverEdit->text().trimmed().isEmpty()) {
        showError(kServer, tr("Type the server's address, such as https://mastodon.social."));
        return;
    }
    if (!m_auth) {
        m_nam = new QNetworkAccessManager(this);
        m_auth = new MastodonAuth(*m_nam, this);
        auto *button = findChild<QPushButton *>(QStringLiteral("browserSignInPushButton"));
        const auto done = [this, button] {
            m_signingIn = false;
            m_busyBar->hide();
            button->setText(tr("Sign in with &Browser…"));
            m_testButton->setEnabled(m_sync);
        };
        connect(m_auth, &MastodonAuth::finished, this, [this, done](const MastodonAuth::SignedIn &result) {
            done();
            m_secretEdit->setText(result.accessToken); // shown as dots; saved to the keyring only
            m_handleEdit->setText(result.handle);
            m_serverEdit->setText(result.serverUrl.toString());
            if (m_nameEdit->text().trimmed().isEmpty())
                m_nameEdit->setText(result.handle);
            QPalette p = m_testResultLabel->palette();
            p.setColor(QPalette::WindowText, StatusColor::success());
            m_testResultLabel->setPalette(p);
            m_testResultLabel->setText(tr("✓ Signed in as @%1. Save to keep it.").arg(result.handle));
        });
        connect(m_auth, &MastodonAuth::failed, this, [this, done](const QString &message) {
            done();
            m_testResultLabel->setPalette(palette());
            showError(kSecret, message);
        });
        connect(m_auth, &MastodonAuth::browserOpened, this, [this] {
            m_testResultLabel->setText(tr("Waiting for you to allow Rapport in the browser…"));
        });
    }
    m_signingIn = true;
    findChild<QPushButton *>(QStringLiteral("browserSignInPushButton"))->setText(tr("Cancel Sign-in"));
    m_busyBar->show();
    m_testButton->setEnabled(false);
    m_testResultLabel->setPalette(palette());
    m_testResultLabel->setText(tr("Registering Rapport with the server…"));
    m_auth->signIn(m_serverEdit->text().trimmed());
}

void AccountEditor::setTesting(bool testing)
{
    if (!testing)
        m_testRequest = 0;
    m_busyBar->setVisible(testing);
    m_testButton->setEnabled(!testing && m_sync);
}

void AccountEditor::testConnection()
{
    if (!m_sync || isTesting() || m_saving)
        return;
    clearErrors();
    SocialAccount values;
    QString secret;
    if (!collect(values, secret))
        return;
    clearErrors();
    const QString name = Networks::traits(values.network).secretName;
    m_testRequest = nextRequestId();
    setTesting(true);
    m_testResultLabel->setPalette(palette());
    m_testResultLabel->setText(tr("Testing…"));
    if (name.isEmpty() || !secret.isEmpty() || values.id == 0) {
        m_sync->testConnection(m_testRequest, values, name, secret);
        return;
    }
    // Editing without a new secret: test with the stored one, read without blocking the window.
    const int request = m_testRequest;
    SecretStore(m_scope).readAsync(
        values.secretKey(name), this, [this, request, values, name](const Result<QString> &stored) {
            if (request != m_testRequest)
                return; // given up meanwhile
            if (!stored) {
                setTesting(false);
                m_testResultLabel->clear();
                showError(kSecret, stored.error().message);
                return;
            }
            m_sync->testConnection(request, values, name, *stored);
        });
}
