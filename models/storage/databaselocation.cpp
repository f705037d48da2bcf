#include "databaselocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>

Result<DatabaseLocation> DatabaseLocation::parse(const QString &pathOrUrl)
{
    const QString text = pathOrUrl.trimmed();
    if (text.isEmpty())
        return Error{QCoreApplication::translate("DatabaseLocation", "No database path or URL was given."),
                     Error::Code::Validation};

    if (text.startsWith(u"postgres://") || text.startsWith(u"postgresql://")) {
        const QUrl url(text, QUrl::StrictMode);
        const QString dbName = url.path().mid(1);
        if (!url.isValid() || url.host().isEmpty() || dbName.isEmpty() || dbName.contains(u'/'))
            return Error{QCoreApplication::translate("DatabaseLocation",
                                                     "“%1” is not a valid PostgreSQL URL. Use "
                                                     "postgresql://user@host:port/database.")
                             .arg(url.isValid() ? url.toDisplayString(QUrl::RemovePassword) : QStringLiteral("…")),
                         Error::Code::Validation};
        DatabaseLocation loc;
        loc.backend = Backend::Postgres;
        loc.host = url.host();
        loc.port = url.port(5432);
        loc.user = url.userName(QUrl::FullyDecoded);
        loc.password = url.password(QUrl::FullyDecoded);
        loc.databaseName = dbName;
        return loc;
    }
    if (text.startsWith(u"sqlite:"))
        return sqlite(QUrl(text).toLocalFile().isEmpty() ? text.mid(7) : QUrl(text).toLocalFile());
    if (text.contains(u"://"))
        return Error{QCoreApplication::translate("DatabaseLocation",
                                                 "Unsupported database URL “%1”: use a file path or postgresql://…")
                         .arg(QUrl(text).toDisplayString(QUrl::RemovePassword)),
                     Error::Code::Validation};
    return sqlite(text);
}

DatabaseLocation DatabaseLocation::sqlite(const QString &path)
{
    DatabaseLocation loc;
    loc.backend = Backend::Sqlite;
    loc.path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    return loc;
}

DatabaseLocation DatabaseLocation::defaultLocation()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return sqlite(dir + QStringLiteral("/rapport.sqlite"));
}

QString DatabaseLocation::displayName() const
{
    if (backend == Backend::Sqlite)
        return QDir::toNativeSeparators(path);
    QString s = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        s += user + u'@';
    return s + host + u':' + QString::number(port) + u'/' + databaseName;
}
