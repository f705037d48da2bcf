#pragma once

#include <QDialog>

class Database;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;
class TeamModel;

// Settings → Team (admins of a team database): everybody with their role; invite a person (creates their
// PostgreSQL login role with a password to hand on), change a role, deactivate. The server checks each
// action again (schema/v11.sql); its refusal is shown under the list in words. Non-modal.
class TeamDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeamDialog)

public:
    explicit TeamDialog(Database &db, QWidget *parent = nullptr);

    // Opens the window's one Team dialog (creating it on first use) and raises it.
    static TeamDialog *openFor(QWidget *window, Database &db);
    // A password of 16 letters and digits for an invitation.
    static QString generatePassword();

    TeamModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QString currentLogin() const;

public Q_SLOTS:
    void refresh();
    void invite();
    void changeRole();
    void deactivateCurrent();

private:
    void updateButtons();
    void showError(const QString &message);
    void showDone(const QString &message);

    Database &m_db;
    TeamModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QComboBox *m_roleCombo = nullptr;
    QPushButton *m_roleButton = nullptr;
    QPushButton *m_deactivateButton = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_inviteRole = nullptr;
    QLineEdit *m_password = nullptr;
    QPushButton *m_inviteButton = nullptr;
    QLabel *m_messageLabel = nullptr;
};
