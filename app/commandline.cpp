#include "commandline.h"

#include <QCoreApplication>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

// Options that take a value, per command ("" = global).
const QMap<QString, QStringList> kValueOptions = {
    {QString(), {QStringLiteral("db"), QStringLiteral("lang")}},
    {QStringLiteral("demo"), {QStringLiteral("size"), QStringLiteral("seed")}},
    {QStringLiteral("search"), {QStringLiteral("limit")}},
    {QStringLiteral("sync"), {QStringLiteral("account")}},
    {QStringLiteral("campaign"), {QStringLiteral("limit")}},
    {QStringLiteral("campaigns"), {QStringLiteral("client")}},
    {QStringLiteral("import"), {QStringLiteral("format"), QStringLiteral("preset"), QStringLiteral("mapping"),
                                QStringLiteral("on-duplicate"), QStringLiteral("encoding"), QStringLiteral("delimiter")}},
    {QStringLiteral("accounts"), {QStringLiteral("contact"), QStringLiteral("organization"), QStringLiteral("interval"),
                                  QStringLiteral("server"), QStringLiteral("name"), QStringLiteral("handle")}},
    {QStringLiteral("export"), {QStringLiteral("format"), QStringLiteral("layout"), QStringLiteral("vcard-version"),
                                QStringLiteral("out")}},
    {QStringLiteral("backup"), {QStringLiteral("out")}},
    {QStringLiteral("users"), {QStringLiteral("role"), QStringLiteral("name"), QStringLiteral("email")}},
    {QStringLiteral("report"), {QStringLiteral("client"), QStringLiteral("campaign"), QStringLiteral("from"),
                                QStringLiteral("to"), QStringLiteral("out"), QStringLiteral("agency")}},
};
const QMap<QString, QStringList> kFlagOptions = {
    {QString(), {QStringLiteral("json"), QStringLiteral("help"), QStringLiteral("version"),
                 QStringLiteral("benchmark-startup")}},
    {QStringLiteral("demo"), {QStringLiteral("force")}},
    {QStringLiteral("search"), {QStringLiteral("contacts-only")}},
    {QStringLiteral("accounts"), {QStringLiteral("sync-on-start")}},
    {QStringLiteral("import"), {QStringLiteral("dry-run")}},
    {QStringLiteral("erase"), {QStringLiteral("yes"), QStringLiteral("ignore-handles")}},
    {QStringLiteral("restore"), {QStringLiteral("yes")}},
};

} // namespace

QStringList Invocation::commands()
{
    return {QStringLiteral("demo"), QStringLiteral("stats"), QStringLiteral("search"), QStringLiteral("migrate"),
            QStringLiteral("sync"), QStringLiteral("accounts"), QStringLiteral("campaign"),
            QStringLiteral("campaigns"), QStringLiteral("import"), QStringLiteral("imports"), QStringLiteral("report"),
            QStringLiteral("export"), QStringLiteral("erase"), QStringLiteral("backup"), QStringLiteral("restore"),
            QStringLiteral("users")};
}

Invocation Invocation::parse(const QStringList &args)
{
    Invocation inv;
    for (int i = 1; i < args.size(); ++i) {
        QString arg = args.at(i);
        if (arg == u"--") {
            inv.arguments << args.mid(i + 1);
            break;
        }
        if (arg.startsWith(u"--") && arg.size() > 2) {
            QString name = arg.mid(2);
            QString value;
            bool hasValue = false;
            if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
                value = name.mid(eq + 1);
                name = name.left(eq);
                hasValue = true;
            }
            const bool takesValue = kValueOptions.value(QString()).contains(name)
                || kValueOptions.value(inv.command).contains(name);
            const bool isFlag = kFlagOptions.value(QString()).contains(name) || kFlagOptions.value(inv.command).contains(name);
            if (!takesValue && !isFlag) {
                inv.usageError = Tr::tr("Unknown option --%1.").arg(name);
                return inv;
            }
            if (takesValue && !hasValue) {
                if (i + 1 >= args.size()) {
                    inv.usageError = Tr::tr("The option --%1 needs a value.").arg(name);
                    return inv;
                }
                value = args.at(++i);
            } else if (isFlag && hasValue) {
                inv.usageError = Tr::tr("The option --%1 takes no value.").arg(name);
                return inv;
            }
            if (name == u"db")
                inv.db = value;
            else if (name == u"lang")
                inv.lang = value;
            else if (name == u"json")
                inv.json = true;
            else if (name == u"help")
                inv.help = true;
            else if (name == u"version")
                inv.version = true;
            else
                inv.options.insert(name, isFlag ? QStringLiteral("1") : value);
            continue;
        }
        if (arg == u"-h") {
            inv.help = true;
            continue;
        }
        if (arg.startsWith(u'-') && arg.size() > 1) {
            inv.usageError = Tr::tr("Unknown option %1.").arg(arg);
            return inv;
        }
        if (inv.command.isEmpty()) {
            if (!commands().contains(arg)) {
                inv.usageError = Tr::tr("Unknown command “%1”.").arg(arg);
                return inv;
            }
            inv.command = arg;
        } else {
            inv.arguments << arg;
        }
    }
    return inv;
}

QString Invocation::usage()
{
    return Tr::tr("Usage: rapport [--db PATH-or-URL] [--lang CODE] [COMMAND] [OPTIONS] [--json]\n"
                  "\n"
                  "Without a command, opens the Rapport window.\n"
                  "\n"
                  "Commands:\n"
                  "  demo --size small|large [--seed N] [--force]\n"
                  "                    Fill an empty database with a demo PR agency (--force replaces what is there).\n"
                  "  stats             Row counts per table, schema version and database size.\n"
                  "  search QUERY [--limit N] [--contacts-only]\n"
                  "                    Ranked contacts and conversations matching QUERY (words are prefixes).\n"
                  "  migrate           Bring the database to the current schema and say what was done.\n"
                  "  sync [--account ID|all]\n"
                  "                    Fetch new posts and messages from one or every enabled account, once.\n"
                  "  accounts list     The accounts and feeds Rapport syncs from, with their state.\n"
                  "  accounts add feed URL --contact ID|--organization ID [--interval MIN] [--name NAME]\n"
                  "  accounts add mastodon SERVER_URL [--handle USER@SERVER] [--name NAME]\n"
                  "  accounts add bluesky HANDLE [--server PDS_URL] [--name NAME]\n"
                  "                    Add an account. The Mastodon access token or the Bluesky app password is\n"
                  "                    read from standard input, never from the command line.\n"
                  "  accounts remove ID\n"
                  "                    Stop syncing an account and delete its sign-in from the keyring.\n"
                  "  campaigns list [--client ID]\n"
                  "                    The campaigns, newest first, with their pitch figures and coverage reach.\n"
                  "  campaign show ID  A campaign's brief, its pitches per status and its coverage.\n"
                  "  campaign suggest ID [--limit N]\n"
                  "                    Who to pitch for a campaign: people ranked by fit, with the reasons.\n"
                  "\n"
                  "Options:\n"
                  "  --db PATH-or-URL  An SQLite file, or postgresql://user[:password]@host[:port]/database.\n"
                  "                    Default: rapport.sqlite in the user's data folder.\n"
                  "  --lang CODE       Language of the interface (en, de, fr, es); default: the system's.\n"
                  "  --json            Print the result as JSON.\n"
                  "  --help, --version\n"
                  "\n"
                  "Exit status: 0 ok, 1 failed (the reason is on standard error), 2 bad usage.\n")
        + Tr::tr("\n"
                 "Reports (no display needed):\n"
                 "  report --client ID|--campaign ID --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--agency NAME]\n"
                 "                    A PDF client report: cover, summary, charts, pitch funnel, top outlets and\n"
                 "                    the coverage table of the period.\n")
        + Tr::tr("\n"
                 "The team of a team database (PostgreSQL; adding, roles and deactivating are for admins):\n"
                 "  users list        Everybody, with their role (admin, manager, member, viewer).\n"
                 "  users add LOGIN --role ROLE [--name NAME] [--email EMAIL]\n"
                 "                    A new person signing in as LOGIN; the password is read from standard input.\n"
                 "  users set-role LOGIN ROLE\n"
                 "  users deactivate LOGIN\n"
                 "                    LOGIN can no longer sign in; what they did stays.\n");
}
