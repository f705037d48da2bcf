#include "teamdialog.h"

#include "common/messagebox.h"
#include "itemmodels/teammodel.h"
#include "storage/database.h"
#include "storage/userrepository.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

void fillRoles(QComboBox *combo)
{
    for (TeamRole role : TeamRoles::all())
        combo->addItem(TeamRoles::label(role), static_cast<int>(role));
    for (int i = 0; i < combo->count(); ++i)
        combo->setItemData(i, TeamRoles::summary(static_cast<TeamRole>(combo->itemData(i).toInt())), Qt::ToolTipRole);
}

} // namespace

TeamDialog::TeamDialog(Database &db, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_model(new TeamModel(this))
{
    setObjectName(QStringLiteral("teamDialog"));
    setWindowTitle(tr("Team"));
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("teamTreeView"));
    m_tree->setModel(m_model);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);

    auto *intro = new QLabel(tr("Everybody who signs in to %1. The database server enforces each role: what a role "
                                "may not do is refused there too.")
                                 .arg(db.location().displayName().toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    m_roleCombo = new QComboBox(this);
    m_roleCombo->setObjectName(QStringLiteral("teamRoleComboBox"));
    fillRoles(m_roleCombo);
    m_roleButton = new QPushButton(tr("&Change Role"), this);
    m_roleButton->setObjectName(QStringLiteral("changeRoleButton"));
    m_deactivateButton = new QPushButton(tr("&Deactivate…"), this);
    m_deactivateButton->setObjectName(QStringLiteral("deactivateButton"));
    m_deactivateButton->setToolTip(tr("The person can no longer sign in; what they did stays, under their name"));
    auto *roleLabel = new QLabel(tr("&Role:"), this);
    roleLabel->setBuddy(m_roleCombo);
    auto *rowActions = new QHBoxLayout;
    rowActions->addWidget(roleLabel);
    rowActions->addWidget(m_roleCombo);
    rowActions->addWidget(m_roleButton);
    rowActions->addStretch(1);
    rowActions->addWidget(m_deactivateButton);

    auto *inviteBox = new QGroupBox(tr("Invite a person"), this);
    m_login = new QLineEdit(inviteBox);
    m_login->setObjectName(QStringLiteral("inviteLoginLineEdit"));
    m_login->setPlaceholderText(tr("e.g. jane.doe"));
    m_name = new QLineEdit(inviteBox);
    m_name->setObjectName(QStringLiteral("inviteNameLineEdit"));
    m_email = new QLineEdit(inviteBox);
    m_email->setObjectName(QStringLiteral("inviteEmailLineEdit"));
    m_inviteRole = new QComboBox(inviteBox);
    m_inviteRole->setObjectName(QStringLiteral("inviteRoleComboBox"));
    fillRoles(m_inviteRole);
    m_inviteRole->setCurrentIndex(m_inviteRole->findData(static_cast<int>(TeamRole::Member)));
    m_password = new QLineEdit(generatePassword(), inviteBox);
    m_password->setObjectName(QStringLiteral("invitePasswordLineEdit"));
    m_password->setToolTip(tr("Give this password to the person; they sign in with it"));
    m_inviteButton = new QPushButton(tr("&Invite"), inviteBox);
    m_inviteButton->setObjectName(QStringLiteral("inviteButton"));
    auto *form = new QFormLayout(inviteBox);
    form->addRow(tr("&Signs in as:"), m_login);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("R&ole:"), m_inviteRole);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_inviteButton);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("teamMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextFormat(Qt::PlainText);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_tree, 1);
    layout->addLayout(rowActions);
    layout->addWidget(m_messageLabel);
    layout->addWidget(inviteBox);
    layout->addWidget(buttons);
    resize(720, 560);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const QModelIndex current = m_tree->currentIndex();
        if (current.isValid())
            m_roleCombo->setCurrentIndex(m_roleCombo->findData(current.data(TeamModel::TeamRoleRole)));
        updateButtons();
    });
    connect(m_roleCombo, &QComboBox::currentIndexChanged, this, &TeamDialog::updateButtons);
    connect(m_roleButton, &QPushButton::clicked, this, &TeamDialog::changeRole);
    connect(m_deactivateButton, &QPushButton::clicked, this, &TeamDialog::deactivateCurrent);
    connect(m_inviteButton, &QPushButton::clicked, this, &TeamDialog::invite);
    connect(m_login, &QLineEdit::returnPressed, this, &TeamDialog::invite);
    refresh();
}

TeamDialog *TeamDialog::openFor(QWidget *window, Database &db)
{
    auto *dialog = window->findChild<TeamDialog *>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog) {
        dialog = new TeamDialog(db, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QString TeamDialog::generatePassword()
{
    // No 0/O, 1/l/I: read aloud or copied from paper without mistakes.
    static const QString alphabet = QStringLiteral("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QString password;
    for (int i = 0; i < 16; ++i)
        password += alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size())));
    return password;
}

QString TeamDialog::currentLogin() const
{
    const QModelIndex current = m_tree->currentIndex();
    return current.isValid() ? current.data(TeamModel::LoginRole).toString() : QString();
}

void TeamDialog::refresh()
{
    Result<QList<User>> team = UserRepository(m_db).team();
    if (!team) {
        showError(team.error().message);
        return;
    }
    const QString login = currentLogin();
    m_model->setUsers(*team);
    if (const int row = m_model->rowOf(login); row >= 0)
        m_tree->setCurrentIndex(m_model->index(row, 0));
    updateButtons();
}

void TeamDialog::updateButtons()
{
    const bool admin = m_db.isPostgres() && TeamRoles::traits(m_db.teamRole()).manageTeam;
    const QModelIndex current = m_tree->currentIndex();
    const bool active = current.isValid() && current.data(TeamModel::ActiveRole).toBool();
    const bool otherRole = current.isValid()
        && m_roleCombo->currentData().toInt() != current.data(TeamModel::TeamRoleRole).toInt();
    m_roleButton->setEnabled(admin && active && otherRole);
    m_deactivateButton->setEnabled(admin && active);
    m_inviteButton->setEnabled(admin);
    const QString why = !m_db.isPostgres() ? tr("A personal database has one person and no team.")
        : !admin                           ? tr("Only an admin can manage the team.")
                                           : QString();
    for (QWidget *w : { static_cast<QWidget *>(m_roleButton), static_cast<QWidget *>(m_inviteButton) })
        w->setToolTip(why);
    if (!why.isEmpty() && m_messageLabel->text().isEmpty())
        m_messageLabel->setText(why);
}

void TeamDialog::showError(const QString &message)
{
    QPalette palette = m_messageLabel->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    m_messageLabel->setPalette(palette);
    m_messageLabel->setText(message);
}

void TeamDialog::showDone(const QString &message)
{
    m_messageLabel->setPalette(QPalette());
    m_messageLabel->setText(message);
}

void TeamDialog::invite()
{
    const QString login = m_login->text().trimmed();
    if (Status s = UserRepository::validateLogin(login); !s) {
        showError(s.error().message);
        m_login->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Give the person a password to sign in with."));
        m_password->setFocus();
        return;
    }
    const auto role = static_cast<TeamRole>(m_inviteRole->currentData().toInt());
    Result<qint64> id = UserRepository(m_db).add(login, m_name->text(), m_email->text(), role, m_password->text());
    if (!id) {
        showError(id.error().message);
        return;
    }
    showDone(tr("Invited %1 as %2. They sign in as “%1” with the password %3 — give it to them in person or by "
                "another channel than this one.")
                 .arg(login, TeamRoles::label(role), m_password->text()));
    m_login->clear();
    m_name->clear();
    m_email->clear();
    m_password->setText(generatePassword());
    refresh();
    if (const int row = m_model->rowOf(login); row >= 0)
        m_tree->setCurrentIndex(m_model->index(row, 0));
}

void TeamDialog::changeRole()
{
    const QString login = currentLogin();
    if (login.isEmpty())
        return;
    const auto role = static_cast<TeamRole>(m_roleCombo->currentData().toInt());
    if (Status s = UserRepository(m_db).setRole(login, role); !s) {
        showError(s.error().message);
        return;
    }
    showDone(tr("%1 is now %2.").arg(login, TeamRoles::label(role)));
    refresh();
}

void TeamDialog::deactivateCurrent()
{
    const QString login = currentLogin();
    if (login.isEmpty())
        return;
    MessageBox::question(this, tr("Deactivate %1?").arg(login),
        tr("%1 will no longer be able to sign in. What they did stays, under their name; an admin can invite them "
           "again later.")
            .arg(login),
        { { QMessageBox::Ok, tr("Deactivate") }, { QMessageBox::Cancel, tr("Cancel") } }, QMessageBox::Cancel, this,
        [this, login](MessageBox::Button answer) {
            if (answer != QMessageBox::Ok)
                return;
            if (Status s = UserRepository(m_db).deactivate(login); !s) {
                showError(s.error().message);
                return;
            }
            showDone(tr("%1 can no longer sign in.").arg(login));
            refresh();
        });
}
