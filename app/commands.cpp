#include "commands.h"
#include "commandcontext.h"

#include "backupcommands.h"
#include "campaigncommands.h"
#include "commandline.h"
#include "suggestcommand.h"
#include "exportcommands.h"
#include "importcommands.h"
#include "reportcommand.h"
#include "synccommands.h"
#include "usercommands.h"
#include "demo/demogenerator.h"
#include "storage/database.h"
#include "storage/migrator.h"
#include "storage/searchrepository.h"
#include "storage/statsrepository.h"
#include "storage/userrepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

#include <unistd.h>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Commands)
};

using namespace CommandContext;

int demo(const Context &ctx)
{
    Result<DemoGenerator::Size> size = DemoGenerator::parseSize(ctx.inv.option(QStringLiteral("size"), QStringLiteral("small")));
    if (!size)
        return ctx.usage(size.error().message);
    DemoGenerator::Options options;
    options.size = *size;
    options.force = ctx.inv.hasOption(QStringLiteral("force"));
    if (ctx.inv.hasOption(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = ctx.inv.option(QStringLiteral("seed")).toUInt(&ok);
        if (!ok)
            return ctx.usage(Tr::tr("--seed needs a whole number."));
    }
    if (!ctx.inv.arguments.isEmpty())
        return ctx.usage(Tr::tr("demo takes no arguments."));
    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv, Database::OpenFlag::CreateIfMissing);
    if (!db)
        return ctx.fail(db.error());

    const bool showProgress = !ctx.inv.json && isatty(STDERR_FILENO);
    int lastPercent = -1;
    options.progress = [&](double fraction, const QString &what) {
        const int percent = int(fraction * 100);
        if (showProgress && percent != lastPercent) {
            lastPercent = percent;
            ctx.err << '\r' << Tr::tr("Generating demo data… %1% (%2)").arg(percent).arg(what) << "\x1b[K" << Qt::flush;
        }
        return true;
    };
    QElapsedTimer timer;
    timer.start();
    Result<DemoStats> stats = DemoGenerator::generate(**db, options);
    if (showProgress)
        ctx.err << '\r' << "\x1b[K" << Qt::flush;
    if (!stats)
        return ctx.fail(stats.error());
    const double seconds = timer.elapsed() / 1000.0;
    const QList<QPair<QString, qint64>> rows = {
        {QStringLiteral("users"), stats->users},           {QStringLiteral("organizations"), stats->organizations},
        {QStringLiteral("contacts"), stats->contacts},     {QStringLiteral("interactions"), stats->interactions},
        {QStringLiteral("campaigns"), stats->campaigns},   {QStringLiteral("content_items"), stats->contentItems},
        {QStringLiteral("pitches"), stats->pitches},       {QStringLiteral("coverage"), stats->coverage},
        {QStringLiteral("follow_ups"), stats->followUps},
        {QStringLiteral("audit_log"), stats->historyEntries},
    };
    if (ctx.inv.json) {
        QJsonObject counts;
        for (const auto &[name, n] : rows)
            counts.insert(name, n);
        ctx.printJson({{QStringLiteral("database"), (*db)->location().displayName()},
                       {QStringLiteral("seconds"), seconds},
                       {QStringLiteral("rows"), counts}});
    } else {
        ctx.out
            << Tr::tr("Demo data written to %1 in %2 s:").arg((*db)->location().displayName(), QLocale().toString(seconds, 'f', 1))
            << Qt::endl;
        for (const auto &[name, n] : rows)
            ctx.out << QStringLiteral("  %1 %2").arg(name, -16).arg(QLocale().toString(n)) << Qt::endl;
    }
    return kOk;
}

int stats(const Context &ctx)
{
    if (!ctx.inv.arguments.isEmpty())
        return ctx.usage(Tr::tr("stats takes no arguments."));
    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv, Database::OpenFlag::None);
    if (!db)
        return ctx.fail(db.error());
    Result<DatabaseStats> s = StatsRepository(**db).stats();
    if (!s)
        return ctx.fail(s.error());
    if (ctx.inv.json) {
        QJsonObject counts;
        for (const auto &[table, n] : std::as_const(s->rowCounts))
            counts.insert(table, n);
        ctx.printJson({{QStringLiteral("database"), (*db)->location().displayName()},
                       {QStringLiteral("backend"), (*db)->isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite")},
                       {QStringLiteral("schema_version"), s->schemaVersion},
                       {QStringLiteral("size_bytes"), s->sizeBytes},
                       {QStringLiteral("rows"), counts}});
        return kOk;
    }
    ctx.out << Tr::tr("Database:       %1").arg((*db)->location().displayName()) << Qt::endl
            << Tr::tr("Schema version: %1").arg(s->schemaVersion) << Qt::endl
            << Tr::tr("Size:           %1").arg(QLocale().formattedDataSize(s->sizeBytes)) << Qt::endl
            << Tr::tr("Rows:") << Qt::endl;
    for (const auto &[table, n] : std::as_const(s->rowCounts))
        ctx.out << QStringLiteral("  %1 %2").arg(table, -20).arg(QLocale().toString(n), 12) << Qt::endl;
    return kOk;
}

int search(const Context &ctx)
{
    if (ctx.inv.arguments.isEmpty())
        return ctx.usage(Tr::tr("search needs a QUERY."));
    const QString query = ctx.inv.arguments.join(u' ');
    bool ok = true;
    const int limit = ctx.inv.option(QStringLiteral("limit"), QStringLiteral("20")).toInt(&ok);
    if (!ok || limit < 1 || limit > 10000)
        return ctx.usage(Tr::tr("--limit needs a number from 1 to 10000."));
    if (SearchRepository::terms(query).isEmpty())
        return ctx.usage(Tr::tr("The query has no letters or digits to search for."));
    Result<std::unique_ptr<Database>> db = openDatabase(ctx.inv, Database::OpenFlag::None);
    if (!db)
        return ctx.fail(db.error());
    SearchRepository repo(**db);
    Result<QList<ContactHit>> contacts = repo.searchContacts(query, limit);
    if (!contacts)
        return ctx.fail(contacts.error());
    QList<InteractionHit> interactions;
    if (!ctx.inv.hasOption(QStringLiteral("contacts-only"))) {
        Result<QList<InteractionHit>> found = repo.searchInteractions(query, limit);
        if (!found)
            return ctx.fail(found.error());
        interactions = *found;
    }
    if (ctx.inv.json) {
        QJsonArray c;
        for (const ContactHit &h : std::as_const(*contacts))
            c.append(QJsonObject{{QStringLiteral("id"), h.id},
                                 {QStringLiteral("name"), h.displayName},
                                 {QStringLiteral("title"), h.title},
                                 {QStringLiteral("organization"), h.organizationName}});
        QJsonArray i;
        for (const InteractionHit &h : std::as_const(interactions))
            i.append(QJsonObject{{QStringLiteral("id"), h.id},
                                 {QStringLiteral("contact_id"), h.contactId},
                                 {QStringLiteral("contact"), h.contactName},
                                 {QStringLiteral("channel"), h.channel},
                                 {QStringLiteral("subject"), h.subject},
                                 {QStringLiteral("occurred_at"), h.occurredAt.toString(Qt::ISODateWithMs)}});
        ctx.printJson({{QStringLiteral("query"), query},
                       {QStringLiteral("contacts"), c},
                       {QStringLiteral("interactions"), i}});
        return kOk;
    }
    ctx.out << Tr::tr("Contacts (%L1):").arg(contacts->size()) << Qt::endl;
    for (const ContactHit &h : std::as_const(*contacts)) {
        QStringList detail{h.title, h.organizationName};
        detail.removeAll(QString());
        ctx.out << QStringLiteral("  #%1  %2").arg(h.id).arg(h.displayName)
                << (detail.isEmpty() ? QString() : QStringLiteral(" — ") + detail.join(QStringLiteral(", ")))
                << Qt::endl;
    }
    if (!ctx.inv.hasOption(QStringLiteral("contacts-only"))) {
        ctx.out << Tr::tr("Conversations (%L1):").arg(interactions.size()) << Qt::endl;
        for (const InteractionHit &h : std::as_const(interactions))
            ctx.out << QStringLiteral("  #%1  %2  %3  %4 — %5")
                           .arg(h.id)
                           .arg(QLocale().toString(h.occurredAt.toLocalTime().date(), QLocale::ShortFormat), h.channel,
                                h.contactName, h.subject)
                    << Qt::endl;
    }
    return kOk;
}

int migrate(const Context &ctx)
{
    if (!ctx.inv.arguments.isEmpty())
        return ctx.usage(Tr::tr("migrate takes no arguments."));
    Result<std::unique_ptr<Database>> db =
        openDatabase(ctx.inv, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
    if (!db)
        return ctx.fail(db.error());
    Result<MigrationReport> report = Migrator(**db).migrate();
    if (!report)
        return ctx.fail(report.error());
    if (ctx.inv.json) {
        ctx.printJson({{QStringLiteral("database"), (*db)->location().displayName()},
                       {QStringLiteral("from_version"), report->fromVersion},
                       {QStringLiteral("to_version"), report->toVersion},
                       {QStringLiteral("applied"), QJsonArray::fromStringList(report->applied)}});
        return kOk;
    }
    if (report->applied.isEmpty()) {
        ctx.out << Tr::tr("%1 is already at schema version %2; nothing to do.")
                       .arg((*db)->location().displayName())
                       .arg(report->toVersion)
                << Qt::endl;
    } else {
        ctx.out << Tr::tr("Migrated %1 from schema version %2 to %3:")
                       .arg((*db)->location().displayName())
                       .arg(report->fromVersion)
                       .arg(report->toVersion)
                << Qt::endl;
        for (const QString &line : std::as_const(report->applied))
            ctx.out << QStringLiteral("  ") << line << Qt::endl;
    }
    return kOk;
}

} // namespace

int Commands::run(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const Context ctx{inv, out, err};
    if (!inv.usageError.isEmpty())
        return ctx.usage(inv.usageError);
    if (inv.command == u"demo")
        return demo(ctx);
    if (inv.command == u"stats")
        return stats(ctx);
    if (inv.command == u"search")
        return search(ctx);
    if (inv.command == u"migrate")
        return migrate(ctx);
    if (inv.command == u"sync")
        return SyncCommands::sync(inv, out, err);
    if (inv.command == u"accounts")
        return SyncCommands::accounts(inv, out, err);
    if (inv.command == u"campaign" && inv.arguments.value(0) == u"suggest")
        return SuggestCommand::run(inv, out, err);
    if (inv.command == u"campaign")
        return CampaignCommands::show(inv, out, err);
    if (inv.command == u"campaigns")
        return CampaignCommands::list(inv, out, err);
    if (inv.command == u"import")
        return ImportCommands::importFile(inv, out, err);
    if (inv.command == u"imports")
        return ImportCommands::imports(inv, out, err);
    if (inv.command == u"report")
        return ReportCommand::run(inv, out, err);
    if (inv.command == u"export")
        return ExportCommands::exportData(inv, out, err);
    if (inv.command == u"erase")
        return ExportCommands::erase(inv, out, err);
    if (inv.command == u"backup")
        return BackupCommands::backup(inv, out, err);
    if (inv.command == u"restore")
        return BackupCommands::restore(inv, out, err);
    if (inv.command == u"users")
        return UserCommands::run(inv, out, err);
    return ctx.usage(Tr::tr("Unknown command “%1”.").arg(inv.command));
}
