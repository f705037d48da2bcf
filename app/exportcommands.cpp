#include "exportcommands.h"

#include "commandcontext.h"
#include "commandline.h"
#include "interchange/exportfile.h"
#include "storage/database.h"
#include "storage/erasurerepository.h"
#include "storage/exportrepository.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ExportCommands)
};

using CommandContext::kOk;

// Where an export's summary goes: standard output when the export went to a file, else standard error (the
// export itself is on standard output).
QTextStream &reportStream(const CommandContext::Context &ctx)
{
    return ctx.inv.hasOption(u"out"_s) && ctx.inv.option(u"out"_s) != u"-" ? ctx.out : ctx.err;
}

bool parseId(const QString &text, qint64 &id)
{
    bool ok = false;
    id = text.toLongLong(&ok);
    return ok && id > 0;
}

} // namespace

namespace ExportCommands {

QString usage()
{
    return Tr::tr("Export and erasure:\n"
                  "  export contacts [--format vcard|csv] [--layout rapport|google|outlook] [--vcard-version 4.0|3.0]\n"
                  "  export followups [--format ics]\n"
                  "  export person ID [--format json|vcard]\n"
                  "  export all [--format json]\n"
                  "         [--out FILE]\n"
                  "                    Every contact not in the trash as vCard (4.0 unless 3.0 is asked for) or CSV\n"
                  "                    (Rapport's columns, or Google's or Outlook's), the open follow-ups as an\n"
                  "                    iCalendar file, everything about one person or the whole database as JSON.\n"
                  "                    Without --out the export goes to standard output.\n"
                  "  erase person ID --yes [--ignore-handles]\n"
                  "                    Erase a person for good: their profile, conversations, pitches, follow-ups\n"
                  "                    and handles, their text in the search indexes and the audit log. With\n"
                  "                    --ignore-handles the sync skips their Mastodon and Bluesky handles from now on.\n");
}

int exportData(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const CommandContext::Context ctx { inv, out, err };
    const QString what = inv.arguments.value(0);
    qint64 personId = 0;
    if (what == u"person") {
        if (inv.arguments.size() != 2 || !parseId(inv.arguments.at(1), personId))
            return ctx.usage(Tr::tr("export person takes the id of a contact."));
    } else if (what == u"contacts" || what == u"followups" || what == u"all") {
        if (inv.arguments.size() != 1)
            return ctx.usage(Tr::tr("export %1 takes no further arguments.").arg(what));
    } else {
        return ctx.usage(Tr::tr("export takes contacts, followups, person ID or all."));
    }
    // The formats each export can be written in; the first is the default.
    const QMap<QString, QList<ExportFormat>> allowed {
        { u"contacts"_s, { ExportFormat::VCard, ExportFormat::Csv } },
        { u"followups"_s, { ExportFormat::Ics } },
        { u"person"_s, { ExportFormat::Json, ExportFormat::VCard } },
        { u"all"_s, { ExportFormat::Json } },
    };
    ExportFormat format = allowed.value(what).first();
    if (inv.hasOption(u"format"_s)) {
        const auto f = ExportFormats::fromKey(inv.option(u"format"_s));
        if (!f || !allowed.value(what).contains(*f)) {
            QStringList keys;
            for (ExportFormat a : allowed.value(what))
                keys.append(ExportFormats::key(a));
            return ctx.usage(Tr::tr("export %1 writes %2, not “%3”.")
                                 .arg(what, keys.join(u" | "_s), inv.option(u"format"_s)));
        }
        format = *f;
    }
    ContactExportOptions options;
    options.format = format;
    if (inv.hasOption(u"layout"_s)) {
        const auto layout = CsvLayouts::fromKey(inv.option(u"layout"_s));
        if (format != ExportFormat::Csv)
            return ctx.usage(Tr::tr("--layout is for --format csv."));
        if (!layout)
            return ctx.usage(Tr::tr("--layout is rapport, google or outlook, not “%1”.").arg(inv.option(u"layout"_s)));
        options.layout = *layout;
    }
    if (inv.hasOption(u"vcard-version"_s)) {
        const auto version = VCardWriter::versionFromKey(inv.option(u"vcard-version"_s));
        if (format != ExportFormat::VCard)
            return ctx.usage(Tr::tr("--vcard-version is for --format vcard."));
        if (!version)
            return ctx.usage(Tr::tr("--vcard-version is 4.0 or 3.0, not “%1”.").arg(inv.option(u"vcard-version"_s)));
        options.version = *version;
    }
    const QString path = inv.option(u"out"_s);

    Result<std::unique_ptr<Database>> db = CommandContext::openDatabase(inv, {}); // an export never creates one
    if (!db)
        return ctx.fail(db.error().message);
    ExportRepository repository(**db);
    qint64 count = 0;
    QString summary;
    const QString target = path.isEmpty() || path == u"-" ? Tr::tr("standard output") : path;
    out.flush();
    Status written;
    if (what == u"contacts") {
        Result<QList<qint64>> ids = repository.allContactIds();
        if (!ids)
            return ctx.fail(ids.error().message);
        written = ExportFile::write(path, [&](QIODevice &device) -> Status {
            Result<qint64> n = repository.writeContacts(*ids, options, device);
            if (!n)
                return n.error();
            count = *n;
            return {};
        });
        summary = Tr::tr("Exported %L1 contacts to %2.").arg(count).arg(target);
    } else if (what == u"followups") {
        Result<QList<FollowUp>> list = repository.followUps();
        if (!list)
            return ctx.fail(list.error().message);
        written = ExportFile::write(path, [&](QIODevice &device) -> Status {
            Result<qint64> n = repository.writeFollowUps(*list, device);
            if (!n)
                return n.error();
            count = *n;
            return {};
        });
        summary = Tr::tr("Exported %L1 open follow-ups to %2.").arg(count).arg(target);
    } else if (what == u"person") {
        written = ExportFile::write(path, [&](QIODevice &device) -> Status {
            if (format == ExportFormat::Json)
                return repository.writePerson(personId, device);
            Result<qint64> n = repository.writeContacts({ personId }, options, device);
            if (!n)
                return n.error();
            if (*n == 0)
                return Error(Tr::tr("There is no contact %1.").arg(personId), Error::Code::NotFound);
            return {};
        });
        count = 1;
        summary = Tr::tr("Exported everything about contact %1 to %2.").arg(personId).arg(target);
    } else {
        written = ExportFile::write(path, [&](QIODevice &device) { return repository.writeDatabase(device); });
        summary = Tr::tr("Exported the whole database to %1.").arg(target);
    }
    if (!written)
        return ctx.fail(written.error().message);
    if (inv.json && !path.isEmpty() && path != u"-") {
        out << QJsonDocument(QJsonObject { { u"export"_s, what }, { u"format"_s, ExportFormats::key(format) },
                                 { u"file"_s, QFileInfo(path).absoluteFilePath() }, { u"count"_s, count } })
                   .toJson(QJsonDocument::Indented);
        return kOk;
    }
    reportStream(ctx) << summary << Qt::endl;
    return kOk;
}

int erase(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const CommandContext::Context ctx { inv, out, err };
    qint64 id = 0;
    if (inv.arguments.value(0) != u"person" || inv.arguments.size() != 2 || !parseId(inv.arguments.at(1), id))
        return ctx.usage(Tr::tr("erase takes person ID."));
    if (!inv.hasOption(u"yes"_s))
        return ctx.usage(Tr::tr("Erasing a person cannot be undone: add --yes to erase contact %1.").arg(id));
    Result<std::unique_ptr<Database>> db = CommandContext::openDatabase(inv, {});
    if (!db)
        return ctx.fail(db.error().message);
    Result<ErasureCounts> counts = ErasureRepository(**db).erase(id, inv.hasOption(u"ignore-handles"_s));
    if (!counts)
        return ctx.fail(counts.error().message);
    if (inv.json) {
        out << QJsonDocument(QJsonObject { { u"erased"_s, id }, { u"interactions"_s, counts->interactions },
                                 { u"pitches"_s, counts->pitches }, { u"follow_ups"_s, counts->followUps },
                                 { u"handles"_s, counts->handles }, { u"coverage_unlinked"_s, counts->coverage },
                                 { u"audit_entries"_s, counts->auditEntries },
                                 { u"handles_ignored"_s, counts->ignoredHandles } })
                   .toJson(QJsonDocument::Indented);
        return kOk;
    }
    out << Tr::tr("Erased contact %1: %L2 conversations, %L3 pitches, %L4 follow-ups, %L5 handles and %L6 audit "
                  "entries; %L7 coverage entries are kept without them.")
               .arg(id)
               .arg(counts->interactions)
               .arg(counts->pitches)
               .arg(counts->followUps)
               .arg(counts->handles)
               .arg(counts->auditEntries)
               .arg(counts->coverage)
        << Qt::endl;
    if (counts->ignoredHandles > 0)
        out << Tr::tr("The sync ignores %L1 of their handles from now on.").arg(counts->ignoredHandles) << Qt::endl;
    return kOk;
}

} // namespace ExportCommands
