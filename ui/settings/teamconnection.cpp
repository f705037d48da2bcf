#include "teamconnection.h"

#include <QCoreApplication>
#include <QSettings>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TeamConnection)
};

const QString kUrlKey = QStringLiteral("team/url");

} // namespace

QString TeamConnection::passwordKey()
{
    return QStringLiteral("database-password");
}

Result<DatabaseLocation> TeamConnection::saved()
{
    const QString url = QSettings().value(kUrlKey).toString();
    if (url.isEmpty())
        return Error { Tr::tr("No team database is set up."), Error::Code::NotFound };
    Result<DatabaseLocation> location = DatabaseLocation::parse(url);
    if (location && !location->isPostgres())
        return Error { Tr::tr("No team database is set up."), Error::Code::NotFound };
    return location;
}

void TeamConnection::save(const DatabaseLocation &location)
{
    QSettings().setValue(kUrlKey, location.toUrl()); // never the password: toUrl() leaves it out
}

void TeamConnection::forget()
{
    QSettings().remove(kUrlKey);
}

QString TeamConnection::describe(const DatabaseLocation &location)
{
    if (!location.isPostgres())
        return location.displayName();
    const QString server = location.port == 5432 ? location.host
                                                 : location.host + u':' + QString::number(location.port);
    return location.user.isEmpty() ? Tr::tr("%1 on %2").arg(location.databaseName, server)
                                   : Tr::tr("%1 on %2 as %3").arg(location.databaseName, server, location.user);
}
