#include "connectdialog.h"

#include "common/filedialog.h"
#include "core/statuscolor.h"
#include "settings/teamconnection.h"
#include "storage/connectionsecurity.h"
#include "sync/secretscope.h"
#include "sync/secretstore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

ConnectDialog::ConnectDialog(const DatabaseLocation &current, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to Team Database"));

    auto *intro = new QLabel(tr("Work together with your team on one PostgreSQL database. Ask whoever set up the "
                                "server for these details; the password is kept in the system keyring."),
        this);
    intro->setWordWrap(true);

    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("hostLineEdit"));
    m_host->setPlaceholderText(tr("db.agency.example"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpinBox"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_port->setGroupSeparatorShown(false);
    m_port->setSizePolicy(QSizePolicy::Fixed, m_port->sizePolicy().verticalPolicy()); // five digits, not a full row
    m_database = new QLineEdit(this);
    m_database->setObjectName(QStringLiteral("databaseLineEdit"));
    m_database->setPlaceholderText(tr("rapport"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("userLineEdit"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordLineEdit"));
    m_password->setEchoMode(QLineEdit::Password);

    m_tls = new QComboBox(this);
    m_tls->setObjectName(QStringLiteral("tlsComboBox"));
    m_tls->addItem(tr("Encrypted, server verified with the CA file (verify-full)"), QStringLiteral("verify-full"));
    m_tls->addItem(tr("Encrypted when the server offers it (prefer)"), QStringLiteral("prefer"));
    m_tls->addItem(tr("Encrypted, server not verified (require)"), QStringLiteral("require"));
    m_tls->addItem(tr("Not encrypted (disable)"), QStringLiteral("disable"));
    m_tls->setToolTip(tr("verify-full encrypts the connection and checks that the server is the one named in its "
                         "certificate, signed by the CA file: use it for a server on a network."));
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(QStringLiteral("caFileLineEdit"));
    m_caFile->setPlaceholderText(tr("~/.postgresql/root.crt"));
    m_caBrowse = new QPushButton(tr("&Browse…"), this);
    m_caBrowse->setObjectName(QStringLiteral("caBrowseButton"));
    connect(m_caBrowse, &QPushButton::clicked, this, &ConnectDialog::chooseCaFile);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_caBrowse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Encryption:"), m_tls);
    auto *caLabel = new QLabel(tr("C&A file:"), this);
    caLabel->setBuddy(m_caFile); // a row of a layout gets no buddy by itself
    form->addRow(caLabel, caRow);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("connectMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_buttons = new QDialogButtonBox(this);
    m_testButton = m_buttons->addButton(tr("&Test Connection"), QDialogButtonBox::ActionRole);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_connectButton = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setDefault(true);
    QPushButton *cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_testButton, &QPushButton::clicked, this, &ConnectDialog::testConnection);
    // Not accept(): the dialog closes only once the server answered.
    connect(m_connectButton, &QPushButton::clicked, this, &ConnectDialog::connectToServer);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    if (current.isPostgres()) {
        m_host->setText(current.host);
        m_port->setValue(current.port);
        m_database->setText(current.databaseName);
        m_user->setText(current.user);
        const int tls = m_tls->findData(current.sslMode.isEmpty() ? QStringLiteral("prefer") : current.sslMode);
        m_tls->setCurrentIndex(tls >= 0 ? tls : 1);
        m_caFile->setText(current.sslRootCert);
    } else {
        m_tls->setCurrentIndex(0);
    }
    connect(m_tls, &QComboBox::currentIndexChanged, this, &ConnectDialog::updateTlsFields);
    updateTlsFields();
    resize(520, sizeHint().height());
}

ConnectDialog::~ConnectDialog() = default;

ConnectDialog *ConnectDialog::openFor(QWidget *window, const DatabaseLocation &current)
{
    window = window ? window->window() : nullptr;
    auto *dialog = window ? window->findChild<ConnectDialog *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!dialog)
        dialog = new ConnectDialog(current, window);
    dialog->open();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

DatabaseLocation ConnectDialog::location() const
{
    DatabaseLocation l;
    l.backend = DatabaseLocation::Backend::Postgres;
    l.host = m_host->text().trimmed();
    l.port = m_port->value();
    l.databaseName = m_database->text().trimmed();
    l.user = m_user->text().trimmed();
    l.password = m_password->text();
    l.sslMode = m_tls->currentData().toString();
    if (l.sslMode != u"disable") {
        l.sslRootCert = m_caFile->text().trimmed();
        // As the placeholder shows it; libpq itself does not expand "~".
        if (l.sslRootCert.startsWith(u"~/"))
            l.sslRootCert = QDir::homePath() + l.sslRootCert.mid(1);
    }
    return l;
}

QString ConnectDialog::problem() const
{
    const DatabaseLocation l = location();
    if (l.host.isEmpty())
        return tr("Enter the server's name or address.");
    if (l.databaseName.isEmpty())
        return tr("Enter the name of the database.");
    if (l.user.isEmpty())
        return tr("Enter your user name on the server.");
    if (!l.sslRootCert.isEmpty() && !QFileInfo(l.sslRootCert).isReadable())
        return tr("The CA file %1 cannot be read.").arg(l.sslRootCert);
    if (l.sslRootCert.contains(u';')) // the PostgreSQL driver cannot pass one on (DatabaseLocation)
        return tr("The CA file's path must not contain a semicolon: move the file elsewhere.");
    return {};
}

void ConnectDialog::testConnection()
{
    attempt(false);
}

void ConnectDialog::connectToServer()
{
    attempt(true);
}

void ConnectDialog::attempt(bool thenConnect)
{
    if (const QString why = problem(); !why.isEmpty()) {
        showMessage(why, true);
        return;
    }
    const DatabaseLocation l = location();
    setBusy(true);
    showMessage(tr("Connecting to %1…").arg(TeamConnection::describe(l)), false);
    // Only reads the schema version and whether the server sees the connection encrypted: the window's own
    // opening migrates (an empty database gets the schema).
    m_job = WorkerConnection::start<Probe>(
        l, this,
        [](Database &db, const WorkerConnection::Job &) -> Result<Probe> {
            Result<int> version = db.schemaVersion();
            if (!version)
                return version.error();
            return Probe { *version, ConnectionSecurity::isEncrypted(db) };
        },
        [this, thenConnect, l](Result<Probe> probe) { finish(thenConnect, l, std::move(probe)); });
}

void ConnectDialog::finish(bool thenConnect, const DatabaseLocation &l, Result<Probe> probe)
{
    if (!probe) {
        setBusy(false);
        showMessage(probe.error().message, true);
        Q_EMIT attemptFinished(false, probe.error().message);
        return;
    }
    QString ok = probe->version == 0 ? tr("Connected. The database is empty: Rapport sets it up when it opens it.")
                                     : tr("Connected to %1.").arg(TeamConnection::describe(l));
    ok += u' '
        + (probe->encrypted ? tr("The connection is encrypted (TLS).")
                            : tr("The connection is not encrypted: use it only on a network you trust."));
    if (!thenConnect) {
        setBusy(false);
        showMessage(ok, false);
        Q_EMIT attemptFinished(true, ok);
        return;
    }
    showMessage(tr("Keeping the password in the keyring…"), false);
    SecretStore(SecretScope::forLocation(l))
        .writeAsync(TeamConnection::passwordKey(), l.password, this, [this, l, ok](const Status &) {
            // Without a keyring the password is kept for this session only (SecretStore says so); connecting
            // works either way, and the next start asks again.
            setBusy(false);
            DatabaseLocation saved = l;
            saved.password.clear();
            TeamConnection::save(saved);
            showMessage(ok, false);
            Q_EMIT attemptFinished(true, ok);
            Q_EMIT connectRequested(l);
            accept();
        });
}

void ConnectDialog::setBusy(bool busy)
{
    m_testButton->setEnabled(!busy);
    m_connectButton->setEnabled(!busy);
    for (QWidget *w : { static_cast<QWidget *>(m_host), static_cast<QWidget *>(m_port),
             static_cast<QWidget *>(m_database), static_cast<QWidget *>(m_user),
             static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_tls) })
        w->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void ConnectDialog::showMessage(const QString &text, bool error)
{
    // libpq's messages come as lines with a tab-indented hint ("\n\tIs the server running on that host…"):
    // one paragraph reads better under the fields.
    QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        lines[i] = lines[i].trimmed();
        if (i + 1 < lines.size() && !lines[i].isEmpty() && !QStringLiteral(".:;?!").contains(lines[i].back()))
            lines[i] += u'.'; // "Connection refused" + "Is the server running…?"
    }
    m_message->setText(lines.join(u' '));
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, StatusColor::danger());
    m_message->setPalette(palette);
    m_message->setVisible(!text.isEmpty());
    // Grow to show the message rather than squeezing the fields above it.
    if (QLayout *l = layout()) {
        l->activate();
        const int wanted = l->hasHeightForWidth() ? l->totalHeightForWidth(width()) : l->totalSizeHint().height();
        if (height() < wanted)
            resize(width(), wanted);
    }
}

void ConnectDialog::chooseCaFile()
{
    const QString typed = location().sslRootCert;
    FileDialog::getOpenFileName(this, tr("CA file of the database server"),
        typed.isEmpty() ? QDir::homePath() : typed, tr("Certificates (*.crt *.pem);;All files (*)"),
        [this](const QString &path) { m_caFile->setText(QDir::toNativeSeparators(path)); });
}

void ConnectDialog::updateTlsFields()
{
    const bool tls = m_tls->currentData().toString() != u"disable";
    m_caFile->setEnabled(tls);
    m_caBrowse->setEnabled(tls);
}
