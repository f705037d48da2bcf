#include "usercommands.h"

#include "commandcontext.h"
#include "commandline.h"
#include "terminal.h"
#include "storage/database.h"
#include "storage/userrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(UserCommands)
};

using CommandContext::Context;
using CommandContext::kOk;
using CommandContext::openDatabase;

QJsonObject userJson(const User &u)
{
    return { { QStringLiteral("id"), u.id }, { QStringLiteral("login"), u.login }, { QStringLiteral("name"), u.name },
        { QStringLiteral("email"), u.email }, { QStringLiteral("role"), TeamRoles::key(u.access) },
        { QStringLiteral("active"), u.active() },
        { QStringLiteral("deactivated_at"),
            u.active() ? QJsonValue() : QJsonValue(u.deactivatedAt.toUTC().toString(Qt::ISODateWithMs)) } };
}

int list(const Context &ctx)
{
    if (ctx.inv.arguments.size() != 1)
        return ctx.usage(Tr::tr("users list takes no arguments."));
    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv);
    if (!db)
        return ctx.fail(db.error().message);
    Result<QList<User>> team = UserRepository(**db).team();
    if (!team)
        return ctx.fail(team.error().message);
    if (ctx.inv.json) {
        QJsonArray a;
        for (const User &u : std::as_const(*team))
            a.append(userJson(u));
        ctx.out << QJsonDocument(a).toJson(QJsonDocument::Indented);
        return kOk;
    }
    for (const User &u : std::as_const(*team)) {
        const QString state = u.active()
            ? QString()
            : Tr::tr("  (deactivated %1)").arg(QLocale().toString(u.deactivatedAt.toLocalTime().date(), QLocale::ShortFormat));
        ctx.out << QStringLiteral("%1  %2  %3").arg(u.login, -20).arg(TeamRoles::label(u.access), -10).arg(u.name)
                << state << Qt::endl;
    }
    return kOk;
}

int add(const Context &ctx)
{
    if (ctx.inv.arguments.size() != 2)
        return ctx.usage(Tr::tr("users add needs one LOGIN."));
    const QString login = ctx.inv.arguments.at(1);
    if (Status s = UserRepository::validateLogin(login); !s)
        return ctx.usage(s.error().message);
    if (!ctx.inv.hasOption(QStringLiteral("role")))
        return ctx.usage(Tr::tr("users add needs --role %1.").arg(TeamRoles::keyList()));
    const std::optional<TeamRole> role = TeamRoles::fromKey(ctx.inv.option(QStringLiteral("role")));
    if (!role)
        return ctx.usage(Tr::tr("--role takes %1.").arg(TeamRoles::keyList()));
    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv);
    if (!db)
        return ctx.fail(db.error().message);
    const QString password = Terminal::readSecret(Tr::tr("Password for %1: ").arg(login), ctx.err);
    if (password.isEmpty())
        return ctx.fail(Tr::tr("users add reads the new person's password from standard input, and it was empty."));
    Result<qint64> id = UserRepository(**db).add(login, ctx.inv.option(QStringLiteral("name")),
        ctx.inv.option(QStringLiteral("email")), *role, password);
    if (!id)
        return ctx.fail(id.error().message);
    if (ctx.inv.json)
        ctx.printJson(QJsonObject { { QStringLiteral("id"), *id }, { QStringLiteral("login"), login },
            { QStringLiteral("role"), TeamRoles::key(*role) } });
    else
        ctx.out << Tr::tr("Added %1 as %2. They sign in as %1 with that password.").arg(login, TeamRoles::label(*role))
                << Qt::endl;
    return kOk;
}

int setRole(const Context &ctx)
{
    if (ctx.inv.arguments.size() != 3)
        return ctx.usage(Tr::tr("users set-role needs a LOGIN and a ROLE (%1).").arg(TeamRoles::keyList()));
    const QString login = ctx.inv.arguments.at(1);
    const std::optional<TeamRole> role = TeamRoles::fromKey(ctx.inv.arguments.at(2));
    if (!role)
        return ctx.usage(Tr::tr("The role is %1.").arg(TeamRoles::keyList()));
    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv);
    if (!db)
        return ctx.fail(db.error().message);
    if (Status s = UserRepository(**db).setRole(login, *role); !s)
        return ctx.fail(s.error().message);
    if (ctx.inv.json)
        ctx.printJson(QJsonObject { { QStringLiteral("login"), login }, { QStringLiteral("role"), TeamRoles::key(*role) } });
    else
        ctx.out << Tr::tr("%1 is now %2.").arg(login, TeamRoles::label(*role)) << Qt::endl;
    return kOk;
}

int deactivate(const Context &ctx)
{
    if (ctx.inv.arguments.size() != 2)
        return ctx.usage(Tr::tr("users deactivate needs one LOGIN."));
    const QString login = ctx.inv.arguments.at(1);
    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv);
    if (!db)
        return ctx.fail(db.error().message);
    if (Status s = UserRepository(**db).deactivate(login); !s)
        return ctx.fail(s.error().message);
    if (ctx.inv.json)
        ctx.printJson(QJsonObject { { QStringLiteral("login"), login }, { QStringLiteral("active"), false } });
    else
        ctx.out << Tr::tr("%1 can no longer sign in; what they did stays, under their name.").arg(login) << Qt::endl;
    return kOk;
}

} // namespace

int UserCommands::run(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const Context ctx { inv, out, err };
    const QString sub = inv.arguments.value(0);
    if (sub == u"list")
        return list(ctx);
    if (sub == u"add")
        return add(ctx);
    if (sub == u"set-role")
        return setRole(ctx);
    if (sub == u"deactivate")
        return deactivate(ctx);
    return ctx.usage(Tr::tr("users takes list, add, set-role or deactivate."));
}
