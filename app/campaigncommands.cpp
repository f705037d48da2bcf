#include "campaigncommands.h"

#include "commandline.h"
#include "domain/campaign.h"
#include "storage/campaignlistquery.h"
#include "storage/campaignrepository.h"
#include "storage/campaignsummaryquery.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CampaignCommands)
};

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

int fail(QTextStream &err, const Error &e)
{
    err << Tr::tr("rapport: %1").arg(e.message) << Qt::endl;
    return kFailed;
}

int usage(QTextStream &err, const QString &message)
{
    err << Tr::tr("rapport: %1").arg(message) << Qt::endl << Tr::tr("Try “rapport --help”.") << Qt::endl;
    return kUsage;
}

Result<std::unique_ptr<Database>> open(const Invocation &inv)
{
    Result<DatabaseLocation> loc = inv.db.isEmpty() ? Result<DatabaseLocation>(DatabaseLocation::defaultLocation())
                                                    : DatabaseLocation::parse(inv.db);
    if (!loc)
        return loc.error();
    return Database::open(*loc, Database::OpenFlag::None);
}

QJsonValue time(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString date(const QDateTime &at)
{
    return at.isValid() ? at.toLocalTime().date().toString(Qt::ISODate) : QStringLiteral("—");
}

// A positive id from the text, or 0.
qint64 idFrom(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

} // namespace

int CampaignCommands::list(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    if (inv.arguments.value(0) != u"list" || inv.arguments.size() != 1)
        return usage(err, Tr::tr("Use “rapport campaigns list [--client ID]”."));
    CampaignListFilter filter;
    if (inv.hasOption(QStringLiteral("client"))) {
        filter.clientId = idFrom(inv.option(QStringLiteral("client")));
        if (filter.clientId <= 0)
            return usage(err, Tr::tr("--client needs an organization id (a whole number above 0)."));
    }
    Result<std::unique_ptr<Database>> db = open(inv);
    if (!db)
        return fail(err, db.error());
    if (filter.clientId > 0) {
        Result<Organization> client = OrganizationRepository(**db).get(filter.clientId);
        if (!client)
            return fail(err,
                Error { Tr::tr("There is no organization with id %1.").arg(filter.clientId), Error::Code::NotFound });
    }
    CampaignListQuery query(**db);
    Result<QList<qint64>> ids = query.orderedIds(filter, CampaignListQuery::SortKey::Starts, Qt::DescendingOrder);
    if (!ids)
        return fail(err, ids.error());
    Result<QList<CampaignListRow>> rows = query.rows(*ids);
    if (!rows)
        return fail(err, rows.error());
    if (inv.json) {
        QJsonArray campaigns;
        for (const CampaignListRow &r : std::as_const(*rows))
            campaigns.append(QJsonObject { { QStringLiteral("id"), r.id }, { QStringLiteral("name"), r.name },
                { QStringLiteral("client_id"), r.clientId > 0 ? QJsonValue(r.clientId) : QJsonValue() },
                { QStringLiteral("client"), r.client }, { QStringLiteral("status"), r.status },
                { QStringLiteral("owner"), r.owner }, { QStringLiteral("starts_at"), time(r.startsAt) },
                { QStringLiteral("ends_at"), time(r.endsAt) }, { QStringLiteral("on_list"), r.onList },
                { QStringLiteral("pitched"), r.pitched }, { QStringLiteral("replied"), r.replied },
                { QStringLiteral("covered"), r.covered }, { QStringLiteral("reach"), r.reach } });
        out << QJsonDocument(QJsonObject { { QStringLiteral("campaigns"), campaigns } })
                   .toJson(QJsonDocument::Indented);
        return kOk;
    }
    if (rows->isEmpty()) {
        out << Tr::tr("No campaigns.") << Qt::endl;
        return kOk;
    }
    out << QStringLiteral("%1  %2  %3  %4  %5  %6 %7 %8 %9  %10")
               .arg(Tr::tr("ID"), 6)
               .arg(Tr::tr("Starts"), -10)
               .arg(Tr::tr("Status"), -9)
               .arg(Tr::tr("Client"), -24)
               .arg(Tr::tr("Campaign"), -36)
               .arg(Tr::tr("List"), 5)
               .arg(Tr::tr("Pitched"), 7)
               .arg(Tr::tr("Replied"), 7)
               .arg(Tr::tr("Covered"), 7)
               .arg(Tr::tr("Reach"))
        << Qt::endl;
    for (const CampaignListRow &r : std::as_const(*rows))
        out << QStringLiteral("%1  %2  %3  %4  %5  %6 %7 %8 %9  %10")
                   .arg(r.id, 6)
                   .arg(date(r.startsAt), -10)
                   .arg(r.status, -9)
                   .arg(r.client.left(24), -24)
                   .arg(r.name.left(36), -36)
                   .arg(r.onList, 5)
                   .arg(r.pitched, 7)
                   .arg(r.replied, 7)
                   .arg(r.covered, 7)
                   .arg(QLocale().toString(r.reach))
            << Qt::endl;
    return kOk;
}

int CampaignCommands::show(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    if (inv.arguments.value(0) != u"show" || inv.arguments.size() != 2)
        return usage(err, Tr::tr("Use “rapport campaign show ID”."));
    const qint64 id = idFrom(inv.arguments.at(1));
    if (id <= 0)
        return usage(err, Tr::tr("“%1” is not a campaign id (a whole number above 0).").arg(inv.arguments.at(1)));
    Result<std::unique_ptr<Database>> db = open(inv);
    if (!db)
        return fail(err, db.error());
    Result<Campaign> campaign = CampaignRepository(**db).get(id);
    if (!campaign) {
        if (campaign.error().code == Error::Code::NotFound)
            return fail(err, Error { Tr::tr("There is no campaign with id %1.").arg(id), Error::Code::NotFound });
        return fail(err, campaign.error());
    }
    QString client;
    if (campaign->clientId > 0) {
        if (Result<Organization> org = OrganizationRepository(**db).get(campaign->clientId))
            client = org->name;
    }
    CampaignSummaryQuery summary(**db);
    Result<QMap<QString, qint64>> counts = summary.pitchCounts(id);
    if (!counts)
        return fail(err, counts.error());
    Result<QList<CampaignSummaryQuery::CoverageLine>> coverage = summary.coverage(id);
    if (!coverage)
        return fail(err, coverage.error());
    Result<QMap<qint64, QString>> users = summary.userNames();
    if (!users)
        return fail(err, users.error());
    QStringList team;
    for (qint64 member : std::as_const(campaign->memberIds))
        team.append(users->value(member));
    const QStringList statuses = Pitch::statuses();

    if (inv.json) {
        QJsonObject pitches;
        for (const QString &status : statuses)
            pitches.insert(status, counts->value(status));
        QJsonArray articles;
        qint64 reach = 0;
        for (const auto &c : std::as_const(*coverage)) {
            articles.append(QJsonObject { { QStringLiteral("id"), c.id }, { QStringLiteral("title"), c.title },
                { QStringLiteral("url"), c.url }, { QStringLiteral("outlet"), c.outlet },
                { QStringLiteral("author"), c.author }, { QStringLiteral("published_at"), time(c.publishedAt) },
                { QStringLiteral("reach"), c.reach >= 0 ? QJsonValue(c.reach) : QJsonValue() },
                { QStringLiteral("sentiment"), c.sentimentKnown ? QJsonValue(c.sentiment) : QJsonValue() } });
            reach += qMax<qint64>(0, c.reach);
        }
        const QJsonObject brief { { QStringLiteral("id"), campaign->id }, { QStringLiteral("name"), campaign->name },
            { QStringLiteral("client_id"), campaign->clientId > 0 ? QJsonValue(campaign->clientId) : QJsonValue() },
            { QStringLiteral("client"), client }, { QStringLiteral("status"), campaign->status },
            { QStringLiteral("starts_at"), time(campaign->startsAt) },
            { QStringLiteral("ends_at"), time(campaign->endsAt) },
            { QStringLiteral("owner"), users->value(campaign->ownerId) },
            { QStringLiteral("team"), QJsonArray::fromStringList(team) },
            { QStringLiteral("description"), campaign->description }, { QStringLiteral("goals"), campaign->goals },
            { QStringLiteral("key_messages"), campaign->keyMessages },
            { QStringLiteral("topics"), QJsonArray::fromStringList(campaign->topics) } };
        out << QJsonDocument(
            QJsonObject { { QStringLiteral("campaign"), brief }, { QStringLiteral("pitches"), pitches },
                { QStringLiteral("coverage"), articles }, { QStringLiteral("total_reach"), reach } })
                   .toJson(QJsonDocument::Indented);
        return kOk;
    }

    const auto line = [&out](const QString &label, const QString &value) {
        if (!value.trimmed().isEmpty())
            out << QStringLiteral("%1 %2").arg(label, -14).arg(value) << Qt::endl;
    };
    const auto block = [&out](const QString &label, const QString &text) {
        if (text.trimmed().isEmpty())
            return;
        out << Qt::endl << label << Qt::endl;
        for (const QString &row : text.split(u'\n'))
            out << QStringLiteral("  ") << row << Qt::endl;
    };
    out << QStringLiteral("#%1  %2").arg(campaign->id).arg(campaign->name) << Qt::endl;
    line(Tr::tr("Client:"), client);
    line(Tr::tr("Status:"), campaign->status);
    line(Tr::tr("Dates:"), Tr::tr("%1 to %2").arg(date(campaign->startsAt), date(campaign->endsAt)));
    line(Tr::tr("Owner:"), users->value(campaign->ownerId));
    line(Tr::tr("Team:"), team.join(QStringLiteral(", ")));
    line(Tr::tr("Topics:"), campaign->topics.join(QStringLiteral(", ")));
    block(Tr::tr("Description:"), campaign->description);
    block(Tr::tr("Goals:"), campaign->goals);
    block(Tr::tr("Key messages:"), campaign->keyMessages);
    out << Qt::endl << Tr::tr("Pitches:") << Qt::endl;
    for (const QString &status : statuses)
        out << QStringLiteral("  %1 %2").arg(status, -12).arg(counts->value(status), 6) << Qt::endl;
    out << Qt::endl << Tr::tr("Coverage (%1):").arg(coverage->size()) << Qt::endl;
    for (const auto &c : std::as_const(*coverage)) {
        QStringList detail { c.outlet, c.author,
            c.reach >= 0 ? Tr::tr("reach %1").arg(QLocale().toString(c.reach)) : QString() };
        detail.removeAll(QString());
        out << QStringLiteral("  %1  %2").arg(date(c.publishedAt), c.title)
            << (detail.isEmpty() ? QString() : QStringLiteral(" — ") + detail.join(QStringLiteral(", "))) << Qt::endl;
        if (!c.url.isEmpty())
            out << QStringLiteral("              ") << c.url << Qt::endl;
    }
    return kOk;
}
