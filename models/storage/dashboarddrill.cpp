#include "dashboardquery.h"

#include "domain/interaction.h"
#include "storage/dashboardsql.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

// The rows behind a chart (drill-down), the client report's coverage table and the filter bar's choices.

using namespace DashboardSql;

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DashboardQuery)
};

// The six columns every drill-down statement starts with: id, time, contact id and name, campaign id and name.
DashboardDrillRow readCommon(const QSqlQuery &q, DashboardDrill::Kind kind)
{
    DashboardDrillRow r;
    r.kind = kind;
    r.id = q.value(0).toLongLong();
    r.when = Sql::time(q.value(1));
    r.contactId = q.value(2).toLongLong();
    r.contactName = q.value(3).toString();
    r.campaignId = q.value(4).toLongLong();
    r.campaignName = q.value(5).toString();
    return r;
}

} // namespace

Result<QList<DashboardDrillRow>> DashboardQuery::drill(
    Database &db, const DashboardFilter &filter, const DashboardDrill &dr, int limit)
{
    const QString doing = Tr::tr("reading the rows behind the chart");
    DashboardFilter f = filter;
    if (dr.from.isValid() && dr.to.isValid()) {
        f.from = dr.from;
        f.to = dr.to;
    }
    const qint64 fromMs = f.fromMs(), toMs = f.toMs();
    QList<DashboardDrillRow> rows;
    switch (dr.kind) {
    case DashboardDrill::Kind::Interactions: {
        Where w;
        if (dr.channel == u"social") {
            w.add(QStringLiteral("i.deleted_at IS NULL"));
            w.add(QStringLiteral("i.source <> 'manual'"));
            w.add(QStringLiteral("i.channel IN ('mention', 'reply')"));
            w.add(QStringLiteral("i.occurred_at >= :from"), QStringLiteral(":from"), fromMs);
            w.add(QStringLiteral("i.occurred_at < :to"), QStringLiteral(":to"), toMs);
        } else {
            if (dr.userId >= 0)
                f.userId = 0; // replaced by the drill's own below
            if (!dr.channel.isEmpty())
                f.channel = dr.channel;
            w = interactionWhere(f, fromMs, toMs, db.isPostgres());
            if (dr.userId > 0)
                w.add(QStringLiteral("i.user_id = :duser"), QStringLiteral(":duser"), dr.userId);
            else if (dr.userId == 0)
                w.add(QStringLiteral("i.user_id IS NULL"));
        }
        if (!dr.direction.isEmpty())
            w.add(QStringLiteral("i.direction = :direction"), QStringLiteral(":direction"), dr.direction);
        if (dr.contactId > 0)
            w.add(QStringLiteral("i.contact_id = :contact"), QStringLiteral(":contact"), dr.contactId);
        if (Status s = run(db,
                QStringLiteral(
                    "SELECT i.id, i.occurred_at, i.contact_id, COALESCE(c.display_name, i.author_name, "
                    "i.author_handle), i.campaign_id, cp.name, COALESCE(i.subject, substr(i.body, 1, 120)), "
                    "i.channel, i.direction, i.url FROM interactions i "
                    "LEFT JOIN contacts c ON c.id = i.contact_id LEFT JOIN campaigns cp ON cp.id = i.campaign_id "
                    "WHERE %1 ORDER BY i.occurred_at DESC, i.id DESC LIMIT %2")
                    .arg(w.sql())
                    .arg(limit),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    DashboardDrillRow r = readCommon(q, dr.kind);
                    r.text = q.value(6).toString().simplified();
                    r.detail = Interaction::channelLabel(q.value(7).toString()) + QStringLiteral(" · ")
                        + Interaction::directionLabel(q.value(8).toString());
                    r.url = q.value(9).toString();
                    rows << r;
                });
            !s)
            return s.error();
        break;
    }
    case DashboardDrill::Kind::Pitches: {
        Where w = pitchWhere(f);
        QString when = QStringLiteral("p.pitched_at");
        if (dr.stage >= 0) {
            when = QStringLiteral("COALESCE(p.pitched_at, p.created_at)");
            static const char *const reached[]
                = { nullptr, "p.status <> 'planned'", "p.status IN ('replied', 'declined', 'interested', 'covered')",
                      "p.status IN ('interested', 'covered')", "p.status = 'covered'" };
            if (dr.stage > 0 && dr.stage < 5)
                w.add(QString::fromLatin1(reached[dr.stage]));
        }
        w.add(when + QStringLiteral(" >= :from"), QStringLiteral(":from"), fromMs);
        w.add(when + QStringLiteral(" < :to"), QStringLiteral(":to"), toMs);
        if (dr.repliedOnly)
            w.add(pitchedWithin());
        if (dr.contactId > 0)
            w.add(QStringLiteral("p.contact_id = :contact"), QStringLiteral(":contact"), dr.contactId);
        if (Status s = run(db,
                QStringLiteral("SELECT p.id, %1, p.contact_id, c.display_name, p.campaign_id, cp.name, p.status, "
                               "p.replied_at FROM %2 JOIN contacts c ON c.id = p.contact_id WHERE %3 "
                               "ORDER BY %1 DESC, p.id DESC LIMIT %4")
                    .arg(when, pitchFrom(), w.sql())
                    .arg(limit),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    DashboardDrillRow r = readCommon(q, dr.kind);
                    r.text = r.campaignName;
                    r.detail = q.value(6).toString();
                    rows << r;
                });
            !s)
            return s.error();
        break;
    }
    case DashboardDrill::Kind::Coverage: {
        Where w = coverageWhere(f, fromMs, toMs);
        if (dr.sentiment == 3)
            w.add(QStringLiteral("cv.sentiment IS NULL"));
        else if (dr.sentiment >= -1 && dr.sentiment <= 1)
            w.add(QStringLiteral("cv.sentiment = :sentiment"), QStringLiteral(":sentiment"), dr.sentiment);
        if (dr.organizationId > 0)
            w.add(QStringLiteral("cv.organization_id = :org"), QStringLiteral(":org"), dr.organizationId);
        if (Status s = run(db,
                QStringLiteral(
                    "SELECT cv.id, cv.published_at, cv.contact_id, c.display_name, cv.campaign_id, cp.name, "
                    "cv.title, o.name, cv.reach, cv.url FROM %1 LEFT JOIN contacts c ON c.id = cv.contact_id "
                    "LEFT JOIN organizations o ON o.id = cv.organization_id WHERE %2 "
                    "ORDER BY cv.published_at DESC, cv.id DESC LIMIT %3")
                    .arg(coverageFrom(f), w.sql())
                    .arg(limit),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    DashboardDrillRow r = readCommon(q, dr.kind);
                    r.text = q.value(6).toString();
                    r.detail = q.value(7).toString();
                    r.reach = q.value(8).isNull() ? -1 : q.value(8).toLongLong();
                    r.url = q.value(9).toString();
                    rows << r;
                });
            !s)
            return s.error();
        break;
    }
    }
    return rows;
}

Result<QList<CoverageRow>> DashboardQuery::coverageRows(Database &db, const DashboardFilter &f, int limit)
{
    const QString doing = Tr::tr("reading the coverage");
    const Where w = coverageWhere(f, f.fromMs(), f.toMs());
    QList<CoverageRow> rows;
    if (Status s = run(db,
            QStringLiteral("SELECT cv.published_at, cv.title, o.name, cv.reach, cv.sentiment, cv.url, cp.name FROM %1 "
                           "LEFT JOIN organizations o ON o.id = cv.organization_id WHERE %2 "
                           "ORDER BY cv.published_at DESC, cv.id DESC LIMIT %3")
                .arg(coverageFrom(f), w.sql())
                .arg(limit),
            w.binds, doing,
            [&](QSqlQuery &q) {
                rows << CoverageRow { Sql::time(q.value(0)), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).isNull() ? -1 : q.value(3).toLongLong(), q.value(4).isNull() ? 2 : q.value(4).toInt(),
                    q.value(5).toString(), q.value(6).toString() };
            });
        !s)
        return s.error();
    return rows;
}

namespace {

Result<QList<DashboardQuery::Choice>> choices(Database &db, const QString &sql, const QVariantMap &binds)
{
    QList<DashboardQuery::Choice> list;
    if (Status s = run(db, sql, binds, Tr::tr("reading the dashboard's filters"),
            [&](QSqlQuery &q) {
                list << DashboardQuery::Choice { q.value(0).toLongLong(), q.value(1).toString() };
            });
        !s)
        return s.error();
    return list;
}

} // namespace

Result<QList<DashboardQuery::Choice>> DashboardQuery::accountManagers(Database &db)
{
    return choices(db, QStringLiteral("SELECT id, name FROM users WHERE deleted_at IS NULL ORDER BY name, id"), {});
}

Result<QList<DashboardQuery::Choice>> DashboardQuery::clients(Database &db)
{
    return choices(db,
        QStringLiteral("SELECT o.id, o.name FROM organizations o WHERE o.deleted_at IS NULL AND (o.kind = 'client' "
                       "OR o.id IN (SELECT client_id FROM campaigns WHERE deleted_at IS NULL)) ORDER BY o.name, o.id"),
        {});
}

Result<QList<DashboardQuery::Choice>> DashboardQuery::campaigns(Database &db, qint64 clientId)
{
    if (clientId > 0)
        return choices(db,
            QStringLiteral("SELECT id, name FROM campaigns WHERE deleted_at IS NULL AND client_id = :client "
                           "ORDER BY starts_at DESC, id DESC"),
            { { QStringLiteral(":client"), clientId } });
    return choices(db,
        QStringLiteral("SELECT id, name FROM campaigns WHERE deleted_at IS NULL ORDER BY starts_at DESC, id DESC"), {});
}

Result<qint64> DashboardQuery::clientOfCampaign(Database &db, qint64 campaignId)
{
    return scalar(db, QStringLiteral("SELECT COALESCE(client_id, 0) FROM campaigns WHERE id = :id"),
        { { QStringLiteral(":id"), campaignId } }, Tr::tr("reading a campaign"));
}

Result<QString> DashboardQuery::organizationName(Database &db, qint64 id)
{
    QString name;
    if (Status s = run(db, QStringLiteral("SELECT name FROM organizations WHERE id = :id AND deleted_at IS NULL"),
            { { QStringLiteral(":id"), id } }, Tr::tr("reading an organization"),
            [&](QSqlQuery &q) { name = q.value(0).toString(); });
        !s)
        return s.error();
    return name;
}

Result<QString> DashboardQuery::campaignName(Database &db, qint64 id)
{
    QString name;
    if (Status s = run(db, QStringLiteral("SELECT name FROM campaigns WHERE id = :id AND deleted_at IS NULL"),
            { { QStringLiteral(":id"), id } }, Tr::tr("reading a campaign"),
            [&](QSqlQuery &q) { name = q.value(0).toString(); });
        !s)
        return s.error();
    return name;
}
