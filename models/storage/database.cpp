#include "database.h"

#include "core/logging.h"
#include "storage/migrator.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Database)
};

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("rapport-%1").arg(counter.fetchAndAddRelaxed(1));
}

// What to do about a TLS connection libpq refused, in the agency's terms (libpq and OpenSSL say what failed, not
// what to do); empty when the refusal was not about TLS. Matched on libpq's English words: a libpq that speaks
// the system's language (LANG) keeps its own message, only without this hint.
QString tlsHint(const QString &detail, const DatabaseLocation &location)
{
    if (detail.contains(u"certificate verify failed"))
        return Tr::tr("The server's certificate could not be verified with the CA file %1: it was signed by "
                      "another CA, or it has expired. Ask whoever set up the server for its CA file.")
            .arg(location.sslRootCert.isEmpty() ? QStringLiteral("~/.postgresql/root.crt")
                                                : QDir::toNativeSeparators(location.sslRootCert));
    if (detail.contains(u"does not match host name"))
        return Tr::tr("The server's certificate is made out to another name than %1: connect with the server's "
                      "name as written in its certificate.")
            .arg(location.host);
    if (detail.contains(u"server does not support SSL"))
        return Tr::tr("The server does not offer encryption (TLS). Ask whoever set up the server to turn it on; "
                      "connect without encryption only on a network you trust.");
    if (detail.contains(u"root certificate file") && detail.contains(u"does not exist"))
        return Tr::tr("Choose the CA file that whoever set up the server gave you.");
    if (detail.contains(u"no pg_hba.conf entry") && detail.contains(u"no encryption"))
        return Tr::tr("The server accepts only encrypted connections: choose verify-full and the server's CA file.");
    return {};
}

// A connection libpq refused, in words: libpq's own reason (never empty) and, for TLS, what to do about it.
Error connectError(const DatabaseLocation &location, const QSqlError &error)
{
    QString detail = error.databaseText().trimmed();
    if (detail.isEmpty())
        detail = error.text().trimmed();
    if (detail.isEmpty())
        detail = Tr::tr("the server gave no reason");
    QString message = Tr::tr("Cannot connect to the PostgreSQL database %1: %2").arg(location.displayName(), detail);
    if (const QString hint = tlsHint(detail, location); !hint.isEmpty())
        message += (QStringLiteral(".:;?!").contains(message.back()) ? QStringLiteral(" ") : QStringLiteral(". "))
            + hint;
    return Error { message, Error::Code::Unavailable };
}

// SQLite primary result codes (sqlite3.h), as the QSQLITE driver reports them in nativeErrorCode().
enum SqliteCode { Busy = 5, Locked = 6, NoMem = 7, ReadOnly = 8, IoErr = 10, Corrupt = 11, Full = 13,
                  CantOpen = 14, Constraint = 19, NotADb = 26 };

} // namespace

Database::Database(DatabaseLocation location, QString connectionName)
    : m_location(std::move(location)), m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseLocation &location, OpenFlags flags)
{
    const QString name = nextConnectionName();
    std::unique_ptr<Database> self(new Database(location, name));

    if (location.backend == DatabaseLocation::Backend::Sqlite) {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
            return Error { Tr::tr("The SQLite driver for Qt is not installed (package libqt6sql6-sqlite)."),
                Error::Code::Unavailable };
        const QFileInfo info(location.path);
        if (info.exists() && info.isDir())
            return Error { Tr::tr("%1 is a folder, not a database file.").arg(location.displayName()),
                Error::Code::Unavailable };
        if (!info.exists()) {
            if (!(flags & OpenFlag::CreateIfMissing))
                return Error { Tr::tr("There is no database at %1.").arg(location.displayName()),
                    Error::Code::NotFound };
            if (!QDir().mkpath(info.absolutePath()))
                return Error { Tr::tr("Cannot create the folder %1 for the database.")
                                   .arg(QDir::toNativeSeparators(info.absolutePath())),
                    Error::Code::Unavailable };
        } else if (!info.isReadable()) {
            return Error { Tr::tr("Cannot read %1: permission denied.").arg(location.displayName()),
                Error::Code::Unavailable };
        }
        self->m_readOnly = info.exists()
            && ((flags & OpenFlag::ReadOnly) || !info.isWritable() || !QFileInfo(info.absolutePath()).isWritable());

        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(location.path);
        if (self->m_readOnly && !QFileInfo(info.absolutePath()).isWritable()) {
            // A read-only file system: WAL needs a writable -shm file beside the database, so open the file
            // as immutable (nothing else can change it there either).
            db.setDatabaseName(QUrl::fromLocalFile(location.path).toString(QUrl::FullyEncoded)
                               + QStringLiteral("?immutable=1"));
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        } else if (self->m_readOnly) {
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        }
        if (!db.open())
            return self->errorFrom(db.lastError(), Tr::tr("opening the database"));
    } else {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            return Error { Tr::tr("A postgresql:// database needs Qt's PostgreSQL driver, which is not installed. "
                                  "Install the package libqt6sql6-psql (sudo apt install libqt6sql6-psql) and "
                                  "start Rapport again."),
                Error::Code::Unavailable };
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setPassword(location.password);
        db.setDatabaseName(location.databaseName);
        db.setConnectOptions(location.postgresConnectOptions());
        if (!db.open())
            return connectError(location, db.lastError());
    }

    if (Status s = self->configure(); !s)
        return s.error();

    if (!(flags & OpenFlag::NoMigrate)) {
        Migrator migrator(*self);
        Result<MigrationReport> report = migrator.migrate();
        if (!report)
            return report.error();
    }
    qCInfo(lcStorage) << "opened" << location.displayName() << (self->m_readOnly ? "read-only" : "");
    return self;
}

Status Database::configure()
{
    QSqlQuery q(connection());
    if (!isPostgres()) {
        // A file that is not a database opens fine; the first read tells.
        if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
            return errorFrom(q, Tr::tr("reading the database"));
        const QStringList pragmas = m_readOnly
            ? QStringList{QStringLiteral("PRAGMA foreign_keys = ON"), QStringLiteral("PRAGMA busy_timeout = 5000")}
            : QStringList{QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("PRAGMA synchronous = NORMAL"),
                          QStringLiteral("PRAGMA foreign_keys = ON"), QStringLiteral("PRAGMA busy_timeout = 5000"),
                          QStringLiteral("PRAGMA cache_size = -32000")};
        for (const QString &p : pragmas)
            if (!q.exec(p))
                return errorFrom(q, Tr::tr("configuring the database"));
    } else {
        if (!q.exec(QStringLiteral("SET client_min_messages = warning")))
            return errorFrom(q, Tr::tr("configuring the database"));
        // Which server process is ours: LiveChannel skips the notifications of our own writes.
        if (!q.exec(QStringLiteral("SELECT pg_backend_pid()")) || !q.next())
            return errorFrom(q, Tr::tr("configuring the database"));
        m_backendPid = q.value(0).toLongLong();
    }
    return {};
}

bool Database::ping()
{
    if (!isPostgres())
        return true;
    QSqlQuery q(connection());
    return q.exec(QStringLiteral("SELECT 1")) && q.next();
}

Status Database::reconnect()
{
    if (!isPostgres())
        return {};
    QSqlDatabase db = connection();
    db.close();
    // A short timeout: the window waits for it (LiveChannel only tries once the server answered its listener,
    // or after a query failed).
    db.setConnectOptions(m_location.postgresConnectOptions(3));
    const bool opened = db.open();
    db.setConnectOptions(m_location.postgresConnectOptions());
    if (!opened)
        return connectError(m_location, db.lastError());
    if (Status s = configure(); !s)
        return s;
    m_connectionLost = false;
    qCInfo(lcStorage) << "reconnected to" << m_location.displayName();
    return {};
}

Error Database::errorFrom(const QSqlQuery &query, const QString &doing) const
{
    return errorFrom(query.lastError(), doing);
}

Error Database::errorFrom(const QSqlError &error, const QString &doing) const
{
    const QString where = m_location.displayName();
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    qCWarning(lcStorage) << "error while" << doing << "on" << where << ":" << detail << error.nativeErrorCode();
    if (!isPostgres()) {
        bool ok = false;
        const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
        if (ok) {
            switch (code) {
            case Full:
                return Error {
                    Tr::tr("The disk is full: %1 failed and nothing was changed. Free some space and try again.")
                        .arg(doing),
                    Error::Code::Storage
                };
            case ReadOnly:
                return Error { Tr::tr("%1 is read-only: %2 is not possible.").arg(where, doing), Error::Code::Storage };
            case Corrupt:
            case NotADb:
                return Error { Tr::tr("%1 is not a Rapport database, or it is damaged (%2).").arg(where, detail),
                    Error::Code::Unavailable };
            case Busy:
            case Locked:
                return Error {
                    Tr::tr("The database is busy (another program is writing to it): %1 failed. Try again.").arg(doing),
                    Error::Code::Storage
                };
            case CantOpen:
                return Error { Tr::tr("Cannot open %1: %2").arg(where, detail), Error::Code::Unavailable };
            case IoErr:
            case NoMem:
                return Error {
                    Tr::tr("Reading or writing %1 failed (%2): %3 did not happen.").arg(where, detail, doing),
                    Error::Code::Storage
                };
            case Constraint:
                return Error { Tr::tr("%1 was refused: %2").arg(doing, detail), Error::Code::Conflict };
            default:
                break;
            }
        }
    } else {
        const QString state = error.nativeErrorCode(); // SQLSTATE
        if (state == u"53100")
            return Error { Tr::tr("The database server's disk is full: %1 failed and nothing was changed.").arg(doing),
                Error::Code::Storage };
        if (state == u"42501")
            return Error { Tr::tr("The team database refused %1: your role does not allow it (%2). Ask a manager or "
                                  "an admin of your team.")
                               .arg(doing, detail),
                Error::Code::Forbidden };
        if (state.startsWith(u"23"))
            return Error { Tr::tr("%1 was refused: %2").arg(doing, detail), Error::Code::Conflict };
        // libpq reports a connection that went away without an SQLSTATE ("server closed the connection
        // unexpectedly", "no connection to the server").
        // Once it is gone, libpq fails every further statement at once, often with no text at all: a server
        // error always has an SQLSTATE, so a failure without one and without a word is the connection too.
        if (state.startsWith(u"08") || state.startsWith(u"57P") || error.type() == QSqlError::ConnectionError
            || (state.isEmpty()
                && (m_connectionLost || detail.trimmed().isEmpty() || detail.contains(u"server closed the connection")
                    || detail.contains(u"no connection to the server") || detail.contains(u"terminating connection")))) {
            m_connectionLost = true; // LiveChannel opens it again
            return Error { Tr::tr("The connection to %1 was lost, so %2 did not happen. Rapport reconnects by "
                                  "itself; try again once it is back.")
                               .arg(where, doing),
                Error::Code::Unavailable };
        }
    }
    return Error { Tr::tr("Database error while %1: %2").arg(doing, detail), Error::Code::Storage };
}

Status Database::exec(const QString &sql, const QString &doing)
{
    QSqlQuery q(connection());
    if (!q.exec(sql))
        return errorFrom(q, doing);
    return {};
}

Status Database::begin()
{
    return exec(
        isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"), Tr::tr("starting a transaction"));
}

Status Database::commit()
{
    return exec(QStringLiteral("COMMIT"), Tr::tr("saving the changes"));
}

void Database::rollback()
{
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStorage) << "rollback failed:" << q.lastError().text();
}

Result<int> Database::schemaVersion()
{
    return Migrator(*this).currentVersion();
}

qint64 Database::sizeBytes()
{
    if (!isPostgres()) {
        qint64 size = QFileInfo(m_location.path).size();
        size += QFileInfo(m_location.path + QStringLiteral("-wal")).size();
        return size;
    }
    QSqlQuery q(connection());
    if (q.exec(QStringLiteral("SELECT pg_database_size(current_database())")) && q.next())
        return q.value(0).toLongLong();
    return -1;
}
