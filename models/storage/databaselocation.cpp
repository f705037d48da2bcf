#include "databaselocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

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
        const QUrlQuery query(url);
        loc.sslMode = query.queryItemValue(QStringLiteral("sslmode"), QUrl::FullyDecoded);
        loc.sslRootCert = query.queryItemValue(QStringLiteral("sslrootcert"), QUrl::FullyDecoded);
        if (loc.sslRootCert.contains(u';'))
            return Error{QCoreApplication::translate("DatabaseLocation",
                                                     "The CA file's path “%1” contains a semicolon, which the "
                                                     "PostgreSQL driver cannot pass on: move the file elsewhere.")
                             .arg(loc.sslRootCert),
                         Error::Code::Validation};
        if (!loc.sslMode.isEmpty() && !sslModes().contains(loc.sslMode))
            return Error{QCoreApplication::translate("DatabaseLocation", "Unknown sslmode “%1”: use one of %2.")
                             .arg(loc.sslMode, sslModes().join(QStringLiteral(", "))),
                         Error::Code::Validation};
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

QString DatabaseLocation::toUrl() const
{
    if (backend == Backend::Sqlite)
        return path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPath(u'/' + databaseName);
    QUrlQuery query;
    if (!sslMode.isEmpty())
        query.addQueryItem(QStringLiteral("sslmode"), sslMode);
    if (!sslRootCert.isEmpty())
        query.addQueryItem(QStringLiteral("sslrootcert"), sslRootCert);
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

QString DatabaseLocation::postgresConnectOptions(int timeoutSeconds) const
{
    // QPSQL turns every ';' of these into a space and appends them to libpq's conninfo string, where a value in
    // single quotes may hold spaces, and quotes and backslashes escaped with a backslash. A semicolon cannot
    // pass at all: parse() refuses such a CA path rather than libpq silently falling back to its default.
    QString options = QStringLiteral("connect_timeout=%1;application_name=rapport").arg(timeoutSeconds);
    if (!sslMode.isEmpty())
        options += QStringLiteral(";sslmode=") + sslMode;
    if (!sslRootCert.isEmpty() && !sslRootCert.contains(u';')) {
        QString quoted = sslRootCert;
        quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
        options += QStringLiteral(";sslrootcert='") + quoted + u'\'';
    }
    return options;
}

QStringList DatabaseLocation::sslModes()
{
    return { QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"), QStringLiteral("require"),
        QStringLiteral("verify-ca"), QStringLiteral("verify-full") };
}
