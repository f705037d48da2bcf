#include "importcommands.h"
#include "commandcontext.h"

#include "commandline.h"
#include "interchange/importfile.h"
#include "storage/database.h"
#include "storage/importrepository.h"
#include "storage/userrepository.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportCommands)
};

using namespace CommandContext;

constexpr int kProblemLines = 50; // on the terminal; --json lists them all

} // namespace

namespace ImportCommands {

QString usage()
{
    return Tr::tr("Import:\n"
                  "  import FILE [--format csv|vcard] [--preset NAME|--mapping FILE] [--encoding ENC]\n"
                  "         [--delimiter ,|;|tab] [--on-duplicate skip|fill|overwrite|create] [--dry-run]\n"
                  "                    Import contacts from a CSV or vCard file as one batch that can be undone.\n"
                  "                    Presets: google, google-legacy, outlook, rapport, or a saved one.\n"
                  "  imports list      The import batches, newest first.\n"
                  "  imports undo BATCH\n"
                  "                    Remove what a batch created and restore what it changed; rows edited\n"
                  "                    since are kept and reported.\n");
}

int importFile(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const Context ctx { inv, out, err };
    if (inv.arguments.size() != 1)
        return ctx.usage(Tr::tr("import takes one FILE."));
    const QString path = inv.arguments.first();
    ImportFile::Options options;
    if (inv.hasOption(u"format"_s)) {
        options.format = ImportFile::formatFromKey(inv.option(u"format"_s));
        if (!options.format)
            return ctx.usage(Tr::tr("--format is csv or vcard, not “%1”.").arg(inv.option(u"format"_s)));
    }
    if (inv.hasOption(u"encoding"_s)) {
        options.encoding = TextEncodings::fromKey(inv.option(u"encoding"_s));
        if (!options.encoding)
            return ctx.usage(Tr::tr("--encoding is utf-8, utf-16le, utf-16be or windows-1252, not “%1”.")
                                 .arg(inv.option(u"encoding"_s)));
    }
    if (inv.hasOption(u"delimiter"_s)) {
        const QString d = inv.option(u"delimiter"_s);
        if (d == u"tab" || d == u"\\t")
            options.delimiter = u'\t';
        else if (d == u"," || d == u";" || d == u"|")
            options.delimiter = d.at(0);
        else
            return ctx.usage(Tr::tr("--delimiter is , ; | or tab, not “%1”.").arg(d));
    }
    if (inv.hasOption(u"preset"_s) && inv.hasOption(u"mapping"_s))
        return ctx.usage(Tr::tr("Give either --preset or --mapping, not both."));
    options.presetName = inv.option(u"preset"_s);
    if (inv.hasOption(u"mapping"_s)) {
        QFile file(inv.option(u"mapping"_s));
        if (!file.open(QIODevice::ReadOnly))
            return ctx.fail(Tr::tr("The mapping file %1 cannot be read: %2").arg(file.fileName(), file.errorString()));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        if (!doc.isObject())
            return ctx.fail(Tr::tr("The mapping file %1 is not JSON: %2").arg(file.fileName(), error.errorString()));
        options.mappingJson = doc.object();
        options.mappingName = QFileInfo(file.fileName()).completeBaseName();
    }
    DuplicateAction onDuplicate = DuplicateAction::Skip;
    if (inv.hasOption(u"on-duplicate"_s)) {
        const auto action = DuplicateActions::fromKey(inv.option(u"on-duplicate"_s));
        if (!action)
            return ctx.usage(Tr::tr("--on-duplicate is skip, fill, overwrite or create, not “%1”.")
                                 .arg(inv.option(u"on-duplicate"_s)));
        onDuplicate = *action;
    }

    // Streamed: a chunk of records is read, merged within the file, matched and stored before the next is read,
    // all in one transaction, so a file of any size imports in flat memory.
    ImportFile::Reader reader(path, options);
    if (Status s = reader.open(); !s)
        return ctx.fail(s.error().message);
    Result<std::unique_ptr<Database>> db = openDatabase(inv);
    if (!db)
        return ctx.fail(db.error().message);

    ImportRequest request;
    request.fileName = QFileInfo(path).fileName();
    request.format = ImportFile::formatKey(reader.contents().format);
    request.onDuplicate = onDuplicate;
    request.dryRun = inv.hasOption(u"dry-run"_s);
    Result<ImportSummary> summary = ImportRepository(**db).run(request, ImportStream::of(reader));
    if (!summary)
        return ctx.fail(summary.error().message);
    const ImportFile::Contents &contents = reader.contents();
    const int merged = summary->merged;
    const QStringList problems = summary->problemDetails;
    const QStringList notes = summary->notes + summary->warnings;

    if (inv.json) {
        QJsonObject o { { u"file"_s, request.fileName }, { u"format"_s, request.format },
            { u"encoding"_s, TextEncodings::key(contents.encoding) }, { u"preset"_s, contents.mapping.preset },
            { u"dry_run"_s, request.dryRun }, { u"created"_s, summary->created }, { u"updated"_s, summary->updated },
            { u"skipped_duplicates"_s, summary->skipped }, { u"merged_in_file"_s, merged },
            { u"organizations_created"_s, summary->organizationsCreated },
            { u"rows_with_problems"_s, summary->problems }, { u"problems"_s, QJsonArray::fromStringList(problems) },
            { u"notes"_s, QJsonArray::fromStringList(notes) } };
        o.insert(u"batch_id"_s, summary->batchId > 0 ? QJsonValue(summary->batchId) : QJsonValue());
        ctx.printJson(o);
        return kOk;
    }
    if (request.dryRun)
        out << Tr::tr("Dry run of %1 (nothing was written): %2 would be created, %3 updated, %4 skipped as "
                      "duplicates, %5 merged within the file, %6 rows have problems.")
                   .arg(request.fileName)
                   .arg(summary->created)
                   .arg(summary->updated)
                   .arg(summary->skipped)
                   .arg(merged)
                   .arg(summary->problems)
            << Qt::endl;
    else
        out << Tr::tr("Imported %1 as batch %2: %3 created, %4 updated, %5 skipped as duplicates, %6 merged within "
                      "the file, %7 rows with problems left out.")
                   .arg(request.fileName)
                   .arg(summary->batchId)
                   .arg(summary->created)
                   .arg(summary->updated)
                   .arg(summary->skipped)
                   .arg(merged)
                   .arg(summary->problems)
            << Qt::endl;
    for (qsizetype i = 0; i < problems.size() && i < kProblemLines; ++i)
        out << u"  "_s << problems.at(i) << Qt::endl;
    if (problems.size() > kProblemLines)
        out << Tr::tr("  … and %1 more (--json lists them all).").arg(problems.size() - kProblemLines) << Qt::endl;
    for (qsizetype i = 0; i < notes.size() && i < kProblemLines; ++i)
        out << u"  "_s << notes.at(i) << Qt::endl;
    if (!request.dryRun && summary->batchId > 0)
        out << Tr::tr("Undo with: rapport imports undo %1").arg(summary->batchId) << Qt::endl;
    return kOk;
}

int imports(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const Context ctx { inv, out, err };
    const QString sub = inv.arguments.value(0);
    if (sub == u"list") {
        if (inv.arguments.size() != 1)
            return ctx.usage(Tr::tr("imports list takes no arguments."));
        Result<std::unique_ptr<Database>> db = openDatabase(inv);
        if (!db)
            return ctx.fail(db.error().message);
        auto batches = ImportRepository(**db).batches();
        if (!batches)
            return ctx.fail(batches.error().message);
        if (inv.json) {
            QJsonArray list;
            for (const ImportBatch &b : std::as_const(*batches)) {
                QJsonObject o { { u"id"_s, b.id }, { u"file"_s, b.fileName }, { u"format"_s, b.format },
                    { u"user"_s, b.userName }, { u"created"_s, b.created }, { u"updated"_s, b.updated },
                    { u"skipped"_s, b.skipped }, { u"problems"_s, b.problems },
                    { u"started_at"_s, b.startedAt.toUTC().toString(Qt::ISODateWithMs) } };
                o.insert(u"undone_at"_s,
                    b.undoneAt.isValid() ? QJsonValue(b.undoneAt.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue());
                list.append(o);
            }
            ctx.printJson(QJsonObject { { u"batches"_s, list } });
            return kOk;
        }
        if (batches->isEmpty()) {
            out << Tr::tr("No imports yet.") << Qt::endl;
            return kOk;
        }
        for (const ImportBatch &b : std::as_const(*batches)) {
            QString line = Tr::tr("%1  %2  %3  %4 created, %5 updated  by %6")
                               .arg(b.id, 4)
                               .arg(b.startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s), b.fileName)
                               .arg(b.created)
                               .arg(b.updated)
                               .arg(b.userName);
            if (b.undoneAt.isValid())
                line += Tr::tr("  (undone %1)").arg(b.undoneAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s));
            out << line << Qt::endl;
        }
        return kOk;
    }
    if (sub == u"undo") {
        bool ok = false;
        const qint64 id = inv.arguments.value(1).toLongLong(&ok);
        if (inv.arguments.size() != 2 || !ok || id <= 0)
            return ctx.usage(Tr::tr("imports undo takes the number of a batch (see “rapport imports list”)."));
        Result<std::unique_ptr<Database>> db = openDatabase(inv);
        if (!db)
            return ctx.fail(db.error().message);
        auto report = ImportRepository(**db).undo(id);
        if (!report)
            return ctx.fail(report.error().message);
        if (inv.json) {
            ctx.printJson(QJsonObject { { u"batch_id"_s, id }, { u"removed"_s, report->removed },
                { u"restored"_s, report->restored },
                { u"conflicts"_s, QJsonArray::fromStringList(report->conflicts) } });
            return kOk;
        }
        out << Tr::tr("Undid import %1: %2 contacts removed, %3 restored, %4 kept because they changed since.")
                   .arg(id)
                   .arg(report->removed)
                   .arg(report->restored)
                   .arg(report->conflicts.size())
            << Qt::endl;
        for (const QString &c : std::as_const(report->conflicts))
            out << u"  "_s << c << Qt::endl;
        return kOk;
    }
    return ctx.usage(Tr::tr("imports takes list or undo BATCH."));
}

} // namespace ImportCommands
