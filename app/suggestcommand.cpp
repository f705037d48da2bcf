#include "suggestcommand.h"

#include "commandline.h"
#include "core/clock.h"
#include "storage/database.h"
#include "storage/pitchsuggestions.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SuggestCommand)
};

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

QString kindKey(PitchScore::Reason::Kind kind)
{
    switch (kind) {
    case PitchScore::Reason::Kind::Plus:
        return QStringLiteral("plus");
    case PitchScore::Reason::Kind::Minus:
        return QStringLiteral("minus");
    case PitchScore::Reason::Kind::Note:
        break;
    }
    return QStringLiteral("note");
}

QJsonObject rowJson(const PitchSuggestion &s)
{
    QJsonArray reasons;
    for (const PitchScore::Reason &r : s.score.reasons)
        reasons.append(QJsonObject { { QStringLiteral("text"), r.text }, { QStringLiteral("points"), r.points },
            { QStringLiteral("kind"), kindKey(r.kind) } });
    return { { QStringLiteral("contact_id"), s.contactId }, { QStringLiteral("name"), s.displayName },
        { QStringLiteral("title"), s.title }, { QStringLiteral("outlet"), s.outletName },
        { QStringLiteral("reach"), s.reach >= 0 ? QJsonValue(s.reach) : QJsonValue() },
        { QStringLiteral("score"), s.score.score }, { QStringLiteral("consent"), s.in.hasConsent },
        { QStringLiteral("reasons"), reasons } };
}

} // namespace

int SuggestCommand::run(const Invocation &inv, QTextStream &out, QTextStream &err)
{
    auto usage = [&err](const QString &message) {
        err << Tr::tr("rapport: %1").arg(message) << Qt::endl << Tr::tr("Try “rapport --help”.") << Qt::endl;
        return kUsage;
    };
    auto fail = [&err](const QString &message) {
        err << Tr::tr("rapport: %1").arg(message) << Qt::endl;
        return kFailed;
    };
    if (inv.arguments.size() != 2 || inv.arguments.at(0) != u"suggest")
        return usage(Tr::tr("Use “campaign suggest ID”."));
    bool ok = false;
    const qint64 campaignId = inv.arguments.at(1).toLongLong(&ok);
    if (!ok || campaignId <= 0)
        return usage(Tr::tr("The campaign ID must be a positive whole number."));
    const int limit = inv.option(QStringLiteral("limit"), QString::number(PitchSuggestions::kDefaultLimit)).toInt(&ok);
    if (!ok || limit < 1 || limit > 10000)
        return usage(Tr::tr("--limit needs a number from 1 to 10000."));

    Result<DatabaseLocation> loc = inv.db.isEmpty() ? Result<DatabaseLocation>(DatabaseLocation::defaultLocation())
                                                    : DatabaseLocation::parse(inv.db);
    if (!loc)
        return usage(loc.error().message);
    // Reading only: no user row is created, and a database of an older schema is refused rather than migrated.
    Result<std::unique_ptr<Database>> db = Database::open(*loc, Database::OpenFlag::None);
    if (!db)
        return fail(db.error().message);
    const QDateTime now = Clock::now();
    Result<PitchSuggestionList> list = PitchSuggestions::find(**db, campaignId, limit, now);
    if (!list)
        return fail(list.error().message);

    if (inv.json) {
        QJsonArray rows;
        for (const PitchSuggestion &s : std::as_const(list->rows))
            rows.append(rowJson(s));
        out << QJsonDocument(
            QJsonObject { { QStringLiteral("campaign_id"), campaignId },
                { QStringLiteral("campaign"), list->campaignName },
                { QStringLiteral("topics"), QJsonArray::fromStringList(list->topics) },
                { QStringLiteral("candidates"), list->candidates }, { QStringLiteral("suggestions"), rows } })
                   .toJson(QJsonDocument::Indented);
        return kOk;
    }
    if (list->topics.isEmpty()) {
        out << Tr::tr("“%1” has no topics yet: add keywords to its brief to get suggestions.").arg(list->campaignName)
            << Qt::endl;
        return kOk;
    }
    out << Tr::tr("Who to pitch for “%1” (topics: %2): %n of %L3 people", nullptr, int(list->rows.size()))
               .arg(list->campaignName, list->topics.join(QStringLiteral(", ")))
               .arg(list->candidates)
        << Qt::endl;
    for (const PitchSuggestion &s : std::as_const(list->rows)) {
        QStringList who { s.displayName };
        if (!s.outletName.isEmpty())
            who << s.outletName;
        out << QStringLiteral("%1  #%2  %3").arg(s.score.score, 3).arg(s.contactId).arg(who.join(QStringLiteral(", ")))
            << (s.in.hasConsent ? QString() : QStringLiteral("  ") + Tr::tr("[no recorded consent]")) << Qt::endl
            << QStringLiteral("       ") << s.score.reasonText() << Qt::endl;
    }
    return kOk;
}
