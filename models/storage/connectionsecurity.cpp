#include "connectionsecurity.h"

#include "storage/database.h"

#include <QSqlQuery>

bool ConnectionSecurity::isEncrypted(Database &db)
{
    if (!db.isPostgres())
        return false;
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) && q.next()
        && q.value(0).toBool();
}
