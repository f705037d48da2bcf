#include "reportcommand.h"

#include "commandline.h"
#include "report/reportwriter.h"
#include "storage/database.h"
#include "storage/databaselocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Commands)
};

int usage(QTextStream &err, const QString &message)
{
    err << Tr::tr("rapport: %1").arg(message) << Qt::endl << Tr::tr("Try “rapport --help”.") << Qt::endl;
    return 2;
}

} // namespace

int ReportCommand::run(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    const bool client = inv.hasOption(QStringLiteral("client"));
    const bool campaign = inv.hasOption(QStringLiteral("campaign"));
    if (client == campaign)
        return usage(err, Tr::tr("report needs either --client ID or --campaign ID."));
    bool ok = false;
    const qint64 id = inv.option(client ? QStringLiteral("client") : QStringLiteral("campaign")).toLongLong(&ok);
    if (!ok || id <= 0)
        return usage(err, Tr::tr("report needs a number after --%1.").arg(client ? u"client"_qs : u"campaign"_qs));
    const QDate from = QDate::fromString(inv.option(QStringLiteral("from")), Qt::ISODate);
    const QDate to = QDate::fromString(inv.option(QStringLiteral("to")), Qt::ISODate);
    if (!from.isValid() || !to.isValid())
        return usage(err, Tr::tr("report needs --from and --to as dates (YYYY-MM-DD)."));
    if (from > to)
        return usage(err, Tr::tr("The report's --from date is after its --to date."));
    const QString path = inv.option(QStringLiteral("out"));
    if (path.isEmpty())
        return usage(err, Tr::tr("report needs --out FILE.pdf."));
    if (!inv.arguments.isEmpty())
        return usage(err, Tr::tr("report takes no arguments besides its options."));

    Result<DatabaseLocation> location = inv.db.isEmpty() ? Result<DatabaseLocation>(DatabaseLocation::defaultLocation())
                                                         : DatabaseLocation::parse(inv.db);
    if (!location) {
        err << Tr::tr("rapport: %1").arg(location.error().message) << Qt::endl;
        return 1;
    }
    auto db = Database::open(*location, Database::OpenFlag::None);
    if (!db) {
        err << Tr::tr("rapport: %1").arg(db.error().message) << Qt::endl;
        return 1;
    }
    ReportWriter::Request request;
    (client ? request.clientId : request.campaignId) = id;
    request.from = from;
    request.to = to;
    request.agencyName = inv.option(QStringLiteral("agency"));
    ReportWriter writer(**db);
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (Status s = writer.writeReport(request, absolute); !s) {
        err << Tr::tr("rapport: %1").arg(s.error().message) << Qt::endl;
        return 1;
    }
    const qint64 bytes = QFileInfo(absolute).size();
    if (inv.json)
        out << QJsonDocument(QJsonObject { { QStringLiteral("path"), absolute }, { QStringLiteral("bytes"), bytes } })
                   .toJson(QJsonDocument::Indented);
    else
        out << Tr::tr("Wrote the report to %1 (%L2 bytes).").arg(QDir::toNativeSeparators(absolute)).arg(bytes)
            << Qt::endl;
    return 0;
}
