#include "sync/secretscope.h"

#include "storage/databaselocation.h"

#include <QCryptographicHash>
#include <QFileInfo>

QString SecretScope::forLocation(const DatabaseLocation &location)
{
    QString identity;
    if (location.isPostgres()) {
        identity = QStringLiteral("postgresql://%1@%2:%3/%4")
                       .arg(location.user, location.host.toLower())
                       .arg(location.port)
                       .arg(location.databaseName);
    } else {
        const QFileInfo info(location.path);
        const QString canonical = info.canonicalFilePath();
        identity = QStringLiteral("sqlite:") + (canonical.isEmpty() ? info.absoluteFilePath() : canonical);
    }
    return QString::fromLatin1(
        QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}
