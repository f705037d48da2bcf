#include "commandcontext.h"

#include "storage/databaselocation.h"
#include "storage/userrepository.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

namespace {

// The messages keep the translation context they had in commands.cpp.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Commands)
};

} // namespace

namespace CommandContext {

int Context::fail(const QString &message) const
{
    err << Tr::tr("rapport: %1").arg(message) << Qt::endl;
    return kFailed;
}

int Context::usage(const QString &message) const
{
    err << Tr::tr("rapport: %1").arg(message) << Qt::endl << Tr::tr("Try “rapport --help”.") << Qt::endl;
    return kUsage;
}

void Context::printJson(const QJsonObject &object) const
{
    out << QJsonDocument(object).toJson(QJsonDocument::Indented);
}

Result<std::unique_ptr<Database>> openDatabase(const Invocation &inv, Database::OpenFlags flags)
{
    Result<DatabaseLocation> loc = inv.db.isEmpty() ? Result<DatabaseLocation>(DatabaseLocation::defaultLocation())
                                                    : DatabaseLocation::parse(inv.db);
    if (!loc)
        return loc.error();
    Result<std::unique_ptr<Database>> db = Database::open(*loc, flags);
    // Before migrating an empty database (rapport migrate) there is no users table yet: nobody to sign in, and
    // trying would log a failed query. Otherwise only a refused role stops here.
    if (Result<int> version = db ? (*db)->schemaVersion() : Result<int>(0); db && version && *version > 0) {
        if (Result<User> me = UserRepository(**db).signIn(); !me && me.error().code == Error::Code::Forbidden)
            return me.error();
    }
    return db;
}

} // namespace CommandContext
