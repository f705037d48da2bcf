#pragma once

#include "storage/databaselocation.h"
#include "storage/workerconnection.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// File → Connect to Team Database…: server, port, database, user, password and TLS (libpq's sslmode, with
// verify-full and the agency's CA file for a server on a network; docs/TEAM.md). Test Connection and Connect
// try the server on a worker connection (the window never waits for it) and say what went wrong in words
// under the fields, which keep what was typed. Connect then keeps the password in the keyring (SecretStore,
// never the settings), saves the rest (TeamConnection) and emits connectRequested(); the app then reopens
// its window on that database. Non-modal for the event loop (open(), never exec()).
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    // `current`: filled in when it is a PostgreSQL location (its password is not shown).
    explicit ConnectDialog(const DatabaseLocation &current, QWidget *parent = nullptr);
    ~ConnectDialog() override;

    // Opens the window's one dialog (creating it on first use) and raises it.
    static ConnectDialog *openFor(QWidget *window, const DatabaseLocation &current);

    // The location the fields describe, password included (not validated).
    DatabaseLocation location() const;
    // Why the fields cannot be used, or empty.
    QString problem() const;

public Q_SLOTS:
    void testConnection();
    void connectToServer();

Q_SIGNALS:
    // The server answered and the password is in the keyring (or kept for this session if no keyring
    // answered): open the window on `location` (password included).
    void connectRequested(const DatabaseLocation &location);
    // A test or connect attempt finished; `ok` with the message shown.
    void attemptFinished(bool ok, const QString &message);

private:
    void attempt(bool thenConnect);
    // What Test Connection and Connect learn from the server.
    struct Probe
    {
        int version = 0;
        bool encrypted = false;
    };
    void finish(bool thenConnect, const DatabaseLocation &location, Result<Probe> probe);
    void setBusy(bool busy);
    void showMessage(const QString &text, bool error);
    void chooseCaFile();
    void updateTlsFields();

    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_tls = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_caBrowse = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_connectButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    WorkerConnection m_job;
};
