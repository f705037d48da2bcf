// A helper process for tst_syncfaults: runs one SyncManager sync of one account against one database, the way
// the window or `rapport sync` does (worker thread, own connection, own network manager), then exits. The
// test kills it with SIGKILL at chosen moments and starts it again, to prove a killed sync loses and
// duplicates nothing.
//
//   syncchild DATABASE ACCOUNT_ID SECRET_SCOPE
//
// The keyring is not what is tested: the account's access token ("replay-token", what the test's replay
// server requires) is kept in this process's memory. Prints one line, "ok: <summary>" or "failed: <message>";
// exits 0 on success, 1 when the sync failed, 2 on bad arguments or a database that cannot be opened,
// 3 when the sync did not end within 60 s.
#include "storage/databaselocation.h"
#include "sync/secretstore.h"
#include "sync/syncmanager.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        out << "usage: syncchild DATABASE ACCOUNT_ID SECRET_SCOPE" << Qt::endl;
        return 2;
    }
    Result<DatabaseLocation> location = DatabaseLocation::parse(args.at(1));
    bool idOk = false;
    const qint64 accountId = args.at(2).toLongLong(&idOk);
    if (!location || !idOk) {
        out << "failed: bad arguments" << Qt::endl;
        return 2;
    }
    const QString scope = args.at(3);

    SecretStore::setKeyringDisabledForTesting(true);
    SocialAccount account;
    account.id = accountId;
    if (Status s
        = SecretStore(scope).write(account.secretKey(QStringLiteral("access_token")), QStringLiteral("replay-token"));
        !s) {
        out << "failed: " << s.error().message << Qt::endl;
        return 2;
    }

    SyncManager::Options options;
    options.periodic = false;
    options.syncOnStart = false;
    options.http.timeoutMs = 5000;
    options.http.maxAttempts = 2;
    options.http.backoffBaseMs = 50;
    SyncManager manager(*location, scope, options);

    int exitCode = 3;
    QObject::connect(&manager, &SyncManager::accountSynced, &app,
        [&](qint64 id, bool ok, const QString &message, const SyncOutcome &) {
            if (id != accountId)
                return;
            out << (ok ? "ok: " : "failed: ") << message << Qt::endl;
            exitCode = ok ? 0 : 1;
        });
    QObject::connect(&manager, &SyncManager::idle, &app, &QCoreApplication::quit);
    QTimer::singleShot(60000, &app, &QCoreApplication::quit);
    manager.start();
    manager.syncNow(accountId);
    app.exec();
    manager.stop();
    if (exitCode == 3)
        out << "failed: the sync did not end within 60 s" << Qt::endl;
    return exitCode;
}
