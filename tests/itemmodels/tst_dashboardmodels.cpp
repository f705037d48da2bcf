// The dashboard's numbers (DashboardQuery + the chart models) held against an oracle written independently in
// the test: random agency data is written with plain INSERTs, read back row by row with plain SELECTs, and every
// chart's table is recomputed here in C++ (no GROUP BY), for many filters, on SQLite and PostgreSQL. Every model
// lives under QAbstractItemModelTester (Fatal) for its whole life. Each drillable cell's rows are counted against
// the cell. Every filter is loaded from the rollups (schema v10) and from the raw rows alone. Runs in a fixed
// UTC+05:30 zone, so a day is not a UTC day, and as tst_dashboardmodels_dst in Europe/Berlin, where the buckets
// of the twelve months cross two changes of daylight saving time.
#include "core/clock.h"
#include "domain/interaction.h"
#include "itemmodels/dashboardmodels.h"
#include "storage/dashboardquery.h"
#include "storage/dashboardslices.h"
#include "storage/dashboardtop.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

constexpr qint64 kDay = 86400000;
const QDate kToday(2026, 11, 18);

struct IRow
{
    qint64 id, contact, user, campaign, at;
    QString channel, direction, source;
    bool deleted;
};
struct PRow
{
    qint64 id, campaign, contact, user, created, pitched, replied; // 0 = NULL
    QString status;
    bool deleted;
};
struct CRow
{
    qint64 id, campaign, pitch, org, published, reach; // reach -1 = NULL
    int sentiment; // 2 = NULL
    bool deleted;
};
struct CampRow
{
    qint64 id, client, owner;
    bool deleted;
};
struct ContactRow
{
    qint64 id, org, owner, created, lastContacted; // lastContacted 0 = NULL
    int health; // -1 = NULL
    QString name;
    bool deleted;
};
struct ERow
{
    QString kind;
    qint64 at;
};

// Everything in the database, read back with plain SELECTs.
struct World
{
    QList<IRow> interactions;
    QList<PRow> pitches;
    QList<CRow> coverage;
    QHash<qint64, CampRow> campaigns;
    QHash<qint64, ContactRow> contacts;
    QHash<qint64, QString> users, orgNames;
    QList<ERow> events;
};

QVariant nul(qint64 v)
{
    return v ? QVariant(v) : QVariant(QMetaType::fromType<qint64>());
}

bool exec(Database &db, const QString &sql, const QVariantMap &binds = {})
{
    QSqlQuery q(db.connection());
    if (!q.prepare(sql)) {
        qWarning() << q.lastError().text() << sql;
        return false;
    }
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec()) {
        qWarning() << q.lastError().text() << sql;
        return false;
    }
    return true;
}

qint64 msOf(const QDate &d, int hour)
{
    return QDateTime(d, QTime(hour, 17), Qt::LocalTime).toMSecsSinceEpoch();
}

bool populate(Database &db, quint32 seed)
{
    QRandomGenerator r(seed);
    const auto randomTime = [&] { return msOf(kToday.addDays(-r.bounded(420)), r.bounded(24)); };
    const auto pick = [&](qint64 n) { return qint64(r.bounded(int(n))) + 1; }; // 1..n
    const qint64 t0 = msOf(kToday.addDays(-800), 9);
    for (int u = 1; u <= 3; ++u)
        if (!exec(db,
                QStringLiteral(
                    "INSERT INTO users (id, name, login, created_at, updated_at) VALUES (:id, :n, :l, :t, :t)"),
                { { QStringLiteral(":id"), u }, { QStringLiteral(":n"), QStringLiteral("Manager %1").arg(u) },
                    { QStringLiteral(":l"), QStringLiteral("m%1").arg(u) }, { QStringLiteral(":t"), t0 } }))
            return false;
    for (int o = 1; o <= 8; ++o)
        if (!exec(db,
                QStringLiteral("INSERT INTO organizations (id, name, kind, created_at, updated_at, deleted_at) "
                               "VALUES (:id, :n, :k, :t, :t, :d)"),
                { { QStringLiteral(":id"), o }, { QStringLiteral(":n"), QStringLiteral("Org %1").arg(o) },
                    { QStringLiteral(":k"), o <= 2 ? QStringLiteral("client") : QStringLiteral("newspaper") },
                    { QStringLiteral(":t"), t0 }, { QStringLiteral(":d"), nul(o == 8 ? t0 : 0) } }))
            return false;
    for (int c = 1; c <= 40; ++c) {
        const qint64 last = r.bounded(5) ? randomTime() : 0;
        if (!exec(db,
                QStringLiteral("INSERT INTO contacts (id, display_name, organization_id, owner_id, health_score, "
                               "last_contacted_at, created_at, updated_at, deleted_at) VALUES (:id, :n, :o, :u, :h, "
                               ":l, :t, :t, :d)"),
                { { QStringLiteral(":id"), c }, { QStringLiteral(":n"), QStringLiteral("Person %1").arg(c) },
                    { QStringLiteral(":o"), nul(r.bounded(4) ? pick(8) : 0) },
                    { QStringLiteral(":u"), nul(r.bounded(4) ? pick(3) : 0) },
                    { QStringLiteral(":h"),
                        r.bounded(5) ? QVariant(r.bounded(101)) : QVariant(QMetaType::fromType<int>()) },
                    { QStringLiteral(":l"), nul(last) }, { QStringLiteral(":t"), randomTime() },
                    { QStringLiteral(":d"), nul(r.bounded(10) == 0 ? t0 : 0) } }))
            return false;
    }
    for (int c = 1; c <= 6; ++c)
        if (!exec(db,
                QStringLiteral(
                    "INSERT INTO campaigns (id, client_id, name, owner_id, created_at, updated_at, deleted_at) "
                    "VALUES (:id, :c, :n, :u, :t, :t, :d)"),
                { { QStringLiteral(":id"), c }, { QStringLiteral(":c"), nul(c == 6 ? 0 : pick(2)) },
                    { QStringLiteral(":n"), QStringLiteral("Campaign %1").arg(c) },
                    { QStringLiteral(":u"), nul(r.bounded(5) ? pick(3) : 0) }, { QStringLiteral(":t"), t0 },
                    { QStringLiteral(":d"), nul(c == 5 ? t0 : 0) } }))
            return false;
    const QStringList statuses = { QStringLiteral("planned"), QStringLiteral("pitched"), QStringLiteral("replied"),
        QStringLiteral("interested"), QStringLiteral("declined"), QStringLiteral("covered") };
    qint64 pitchId = 0;
    QList<qint64> pitchIds;
    for (int c = 1; c <= 6; ++c)
        for (int p = 1; p <= 40; ++p) {
            if (r.bounded(3) == 0)
                continue;
            const QString status = statuses.at(r.bounded(6));
            const qint64 created = randomTime();
            const qint64 pitched = status == u"planned" ? 0 : created + r.bounded(10) * kDay;
            const bool replied = status != u"planned" && status != u"pitched";
            const qint64 repliedAt = replied && r.bounded(6) ? pitched + qint64(r.bounded(30 * 24)) * 3600000 : 0;
            pitchIds << ++pitchId;
            if (!exec(db,
                    QStringLiteral("INSERT INTO pitches (id, campaign_id, contact_id, user_id, status, pitched_at, "
                                   "replied_at, created_at, updated_at, deleted_at) VALUES (:id, :c, :p, :u, :s, :pa, "
                                   ":ra, :t, :t, :d)"),
                    { { QStringLiteral(":id"), pitchId }, { QStringLiteral(":c"), c }, { QStringLiteral(":p"), p },
                        { QStringLiteral(":u"), nul(r.bounded(6) ? pick(3) : 0) }, { QStringLiteral(":s"), status },
                        { QStringLiteral(":pa"), nul(pitched) }, { QStringLiteral(":ra"), nul(repliedAt) },
                        { QStringLiteral(":t"), created },
                        { QStringLiteral(":d"), nul(r.bounded(15) == 0 ? t0 : 0) } }))
                return false;
        }
    for (int i = 1; i <= 90; ++i)
        if (!exec(db,
                QStringLiteral("INSERT INTO coverage (id, campaign_id, pitch_id, organization_id, title, published_at, "
                               "reach, sentiment, created_at, updated_at, deleted_at) VALUES (:id, :c, :p, :o, :ti, "
                               ":pub, :r, :s, :t, :t, :d)"),
                { { QStringLiteral(":id"), i }, { QStringLiteral(":c"), nul(r.bounded(6) ? pick(6) : 0) },
                    { QStringLiteral(":p"), nul(r.bounded(2) ? pitchIds.at(r.bounded(int(pitchIds.size()))) : 0) },
                    { QStringLiteral(":o"), nul(r.bounded(5) ? 2 + pick(6) : 0) },
                    { QStringLiteral(":ti"), QStringLiteral("Headline %1").arg(i) },
                    { QStringLiteral(":pub"), randomTime() },
                    { QStringLiteral(":r"),
                        r.bounded(6) ? QVariant(qint64(r.bounded(100000))) : QVariant(QMetaType::fromType<qint64>()) },
                    { QStringLiteral(":s"),
                        r.bounded(6) ? QVariant(r.bounded(3) - 1) : QVariant(QMetaType::fromType<int>()) },
                    { QStringLiteral(":t"), t0 }, { QStringLiteral(":d"), nul(r.bounded(12) == 0 ? t0 : 0) } }))
            return false;
    const QStringList channels = Interaction::channels();
    for (int i = 1; i <= 1500; ++i) {
        const bool synced = r.bounded(5) == 0;
        const QString channel = synced ? (r.bounded(2) ? QStringLiteral("mention") : QStringLiteral("reply"))
                                       : channels.at(r.bounded(int(channels.size())));
        if (!exec(db,
                QStringLiteral("INSERT INTO interactions (id, contact_id, user_id, campaign_id, channel, direction, "
                               "occurred_at, subject, source, external_id, created_at, updated_at, deleted_at) VALUES "
                               "(:id, :c, :u, :cp, :ch, :dir, :at, :s, :src, :x, :t, :t, :d)"),
                { { QStringLiteral(":id"), i }, { QStringLiteral(":c"), nul(r.bounded(8) ? pick(40) : 0) },
                    { QStringLiteral(":u"), nul(synced || r.bounded(6) == 0 ? 0 : pick(3)) },
                    { QStringLiteral(":cp"), nul(r.bounded(3) == 0 ? pick(6) : 0) }, { QStringLiteral(":ch"), channel },
                    { QStringLiteral(":dir"),
                        synced || r.bounded(2) ? QStringLiteral("inbound") : QStringLiteral("outbound") },
                    { QStringLiteral(":at"), randomTime() },
                    { QStringLiteral(":s"), QStringLiteral("Subject %1").arg(i) },
                    { QStringLiteral(":src"), synced ? QStringLiteral("mastodon") : QStringLiteral("manual") },
                    { QStringLiteral(":x"),
                        synced ? QVariant(QStringLiteral("x%1").arg(i)) : QVariant(QMetaType::fromType<QString>()) },
                    { QStringLiteral(":t"), t0 }, { QStringLiteral(":d"), nul(r.bounded(20) == 0 ? t0 : 0) } }))
            return false;
    }
    const QStringList kinds
        = { QStringLiteral("like"), QStringLiteral("boost"), QStringLiteral("follow"), QStringLiteral("quote") };
    if (!exec(db,
            QStringLiteral("INSERT INTO social_accounts (id, network, display_name, created_at, updated_at) "
                           "VALUES (1, 'mastodon', 'Agency', 0, 0)")))
        return false;
    for (int i = 1; i <= 200; ++i)
        if (!exec(db,
                QStringLiteral("INSERT INTO engagement_events (account_id, kind, occurred_at, source, external_id) "
                               "VALUES (1, :k, :at, 'mastodon', :x)"),
                { { QStringLiteral(":k"), kinds.at(r.bounded(4)) }, { QStringLiteral(":at"), randomTime() },
                    { QStringLiteral(":x"), QStringLiteral("e%1").arg(i) } }))
            return false;
    return true;
}

qint64 v(const QVariant &x)
{
    return x.isNull() ? 0 : x.toLongLong();
}

World readWorld(Database &db)
{
    World w;
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT id, contact_id, user_id, campaign_id, occurred_at, channel, direction, source, "
                          "deleted_at FROM interactions"));
    while (q.next())
        w.interactions << IRow { v(q.value(0)), v(q.value(1)), v(q.value(2)), v(q.value(3)), v(q.value(4)),
            q.value(5).toString(), q.value(6).toString(), q.value(7).toString(), !q.value(8).isNull() };
    q.exec(QStringLiteral("SELECT id, campaign_id, contact_id, user_id, created_at, pitched_at, replied_at, status, "
                          "deleted_at FROM pitches"));
    while (q.next())
        w.pitches << PRow { v(q.value(0)), v(q.value(1)), v(q.value(2)), v(q.value(3)), v(q.value(4)), v(q.value(5)),
            v(q.value(6)), q.value(7).toString(), !q.value(8).isNull() };
    q.exec(QStringLiteral(
        "SELECT id, campaign_id, pitch_id, organization_id, published_at, reach, sentiment, deleted_at FROM coverage"));
    while (q.next())
        w.coverage << CRow { v(q.value(0)), v(q.value(1)), v(q.value(2)), v(q.value(3)), v(q.value(4)),
            q.value(5).isNull() ? -1 : q.value(5).toLongLong(), q.value(6).isNull() ? 2 : q.value(6).toInt(),
            !q.value(7).isNull() };
    q.exec(QStringLiteral("SELECT id, client_id, owner_id, deleted_at FROM campaigns"));
    while (q.next())
        w.campaigns.insert(
            v(q.value(0)), CampRow { v(q.value(0)), v(q.value(1)), v(q.value(2)), !q.value(3).isNull() });
    q.exec(QStringLiteral("SELECT id, organization_id, owner_id, created_at, last_contacted_at, health_score, "
                          "display_name, deleted_at FROM contacts"));
    while (q.next())
        w.contacts.insert(v(q.value(0)),
            ContactRow { v(q.value(0)), v(q.value(1)), v(q.value(2)), v(q.value(3)), v(q.value(4)),
                q.value(5).isNull() ? -1 : q.value(5).toInt(), q.value(6).toString(), !q.value(7).isNull() });
    q.exec(QStringLiteral("SELECT id, name FROM users"));
    while (q.next())
        w.users.insert(v(q.value(0)), q.value(1).toString());
    q.exec(QStringLiteral("SELECT id, name FROM organizations"));
    while (q.next())
        w.orgNames.insert(v(q.value(0)), q.value(1).toString());
    q.exec(QStringLiteral("SELECT kind, occurred_at FROM engagement_events"));
    while (q.next())
        w.events << ERow { q.value(0).toString(), v(q.value(1)) };
    return w;
}

// --- the oracle ---

int bucketOfMs(const DashboardFilter &f, qint64 ms)
{
    return f.bucketOf(QDateTime::fromMSecsSinceEpoch(ms).date()); // local date, computed by Qt
}

bool inPeriod(const DashboardFilter &f, qint64 ms)
{
    const QDate d = QDateTime::fromMSecsSinceEpoch(ms).date();
    return ms && d >= f.from && d <= f.to;
}

bool interactionCounts(const World &w, const DashboardFilter &f, const IRow &i)
{
    if (i.deleted || !i.contact || !inPeriod(f, i.at))
        return false;
    if (f.userId && i.user != f.userId)
        return false;
    if (f.campaignId && i.campaign != f.campaignId)
        return false;
    if (!f.channel.isEmpty() && i.channel != f.channel)
        return false;
    if (f.clientId) {
        const bool viaCampaign = i.campaign && w.campaigns.value(i.campaign).client == f.clientId;
        const bool viaContact = w.contacts.value(i.contact).org == f.clientId;
        if (!viaCampaign && !viaContact)
            return false;
    }
    return true;
}

bool pitchInScope(const World &w, const DashboardFilter &f, const PRow &p)
{
    const CampRow c = w.campaigns.value(p.campaign);
    return !p.deleted && !c.deleted && (!f.userId || p.user == f.userId)
        && (!f.campaignId || p.campaign == f.campaignId) && (!f.clientId || c.client == f.clientId);
}

bool repliedWithin(const PRow &p)
{
    return p.replied && p.replied >= p.pitched && p.replied - p.pitched <= 14 * kDay;
}

bool coverageCounts(const World &w, const DashboardFilter &f, const CRow &c)
{
    if (c.deleted || !inPeriod(f, c.published))
        return false;
    const bool hasCampaign = c.campaign && w.campaigns.contains(c.campaign);
    const CampRow camp = w.campaigns.value(c.campaign);
    if (hasCampaign && camp.deleted)
        return false;
    if (f.userId) {
        qint64 user = 0;
        for (const PRow &p : w.pitches)
            if (p.id == c.pitch)
                user = p.user;
        if (!user)
            user = hasCampaign ? camp.owner : 0;
        if (user != f.userId)
            return false;
    }
    if (f.campaignId && c.campaign != f.campaignId)
        return false;
    if (f.clientId && (!hasCampaign || camp.client != f.clientId))
        return false;
    return true;
}

DashboardKpis oracleKpis(const World &w, const DashboardFilter &f)
{
    DashboardKpis k;
    for (const IRow &i : w.interactions)
        k.interactions += interactionCounts(w, f, i);
    for (const PRow &p : w.pitches)
        if (pitchInScope(w, f, p) && inPeriod(f, p.pitched)) {
            ++k.pitchesSent;
            k.pitchesReplied += repliedWithin(p);
        }
    QHash<qint64, qint64> perOutlet;
    for (const CRow &c : w.coverage)
        if (coverageCounts(w, f, c)) {
            ++k.coveragePieces;
            const qint64 key = c.org ? c.org : -c.id;
            perOutlet[key] = qMax(perOutlet.value(key, 0), qMax<qint64>(c.reach, 0));
        }
    for (qint64 r : std::as_const(perOutlet))
        k.reach += r;
    for (const ContactRow &c : w.contacts) {
        if (c.deleted || !inPeriod(f, c.created) || (f.userId && c.owner != f.userId)
            || (f.clientId && c.org != f.clientId))
            continue;
        if (f.campaignId) {
            bool pitched = false;
            for (const PRow &p : w.pitches)
                pitched |= !p.deleted && p.campaign == f.campaignId && p.contact == c.id;
            if (!pitched)
                continue;
        }
        ++k.newContacts;
    }
    return k;
}

// Top relationships: the live contacts with the most counted conversations, (count, id), by count then id.
QList<QPair<qint64, qint64>> oracleTop(const World &w, const DashboardFilter &f)
{
    QHash<qint64, qint64> counts;
    for (const IRow &i : w.interactions)
        if (interactionCounts(w, f, i) && !w.contacts.value(i.contact).deleted)
            ++counts[i.contact];
    QList<QPair<qint64, qint64>> list;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        list << qMakePair(it.value(), it.key());
    std::sort(list.begin(), list.end(),
        [](const auto &a, const auto &b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    return list.mid(0, DashboardQuery::kTopRows);
}

// A few busy contacts among many quiet ones, as agencies have them (and the large demo): the per-contact rollup
// leaves only the busy ones to count. Some busy contacts are trashed; one has all its conversations in the month
// before the period (its month counts them, the period does not); two pairs tie.
bool populateSkewed(Database &db, quint32 seed)
{
    QRandomGenerator r(seed);
    const qint64 t0 = msOf(kToday.addDays(-800), 9);
    for (int u = 1; u <= 3; ++u)
        if (!exec(db,
                QStringLiteral("INSERT INTO users (id, name, login, created_at, updated_at) VALUES (%1, 'M%1', 'm%1', %2, %2)")
                    .arg(u)
                    .arg(t0)))
            return false;
    QStringList contacts;
    for (int c = 1; c <= 300; ++c)
        contacts << QStringLiteral("(%1, 'Person %1', %2, %2, %3)")
                        .arg(c)
                        .arg(t0)
                        .arg(c == 2 || c == 7 ? QString::number(t0) : QStringLiteral("NULL"));
    if (!exec(db,
            QStringLiteral("INSERT INTO contacts (id, display_name, created_at, updated_at, deleted_at) VALUES ")
                + contacts.join(u',')))
        return false;
    const QStringList channels = Interaction::channels();
    const DashboardFilter year = DashboardFilter::forPeriod(DashboardFilter::Period::Last12Months, kToday);
    QStringList rows;
    const auto add = [&](int contact, qint64 at) {
        rows << QStringLiteral("(%1, %2, '%3', '%4', %5, %6, %6, %7)")
                    .arg(contact)
                    .arg(r.bounded(4) ? QString::number(r.bounded(3) + 1) : QStringLiteral("NULL"),
                        channels.at(r.bounded(int(channels.size()))), r.bounded(2) ? QStringLiteral("inbound") : QStringLiteral("outbound"))
                    .arg(at)
                    .arg(t0)
                    .arg(r.bounded(25) == 0 ? QString::number(t0) : QStringLiteral("NULL"));
    };
    const auto randomTime = [&] { return msOf(kToday.addDays(-r.bounded(400)), r.bounded(24)); };
    // Busy: 1..16 (2 and 7 trashed), 40-70 conversations each over the year; 11 and 12, 13 and 14 tie.
    for (int c = 1; c <= 16; ++c) {
        const int n = 40 + 2 * (c == 12 ? 11 : c == 14 ? 13 : c % 16);
        for (int k = 0; k < n * 3; ++k) // a third in the last twelve months, roughly; the rest before
            add(c, k % 3 == 0 ? randomTime() : msOf(year.from.addDays(-r.bounded(300) - 1), r.bounded(24)));
    }
    // One with 60 in the days before the period, in the period's first (partial) UTC month or the one before.
    for (int k = 0; k < 60; ++k)
        add(17, msOf(year.from.addDays(-1 - r.bounded(3)), r.bounded(24)));
    // The quiet: 0-3 each.
    for (int c = 18; c <= 300; ++c)
        for (int k = r.bounded(4); k > 0; --k)
            add(c, randomTime());
    for (qsizetype i = 0; i < rows.size(); i += 200)
        if (!exec(db,
                QStringLiteral("INSERT INTO interactions (contact_id, user_id, channel, direction, occurred_at, "
                               "created_at, updated_at, deleted_at) VALUES ")
                    + rows.mid(i, 200).join(u',')))
            return false;
    return true;
}

} // namespace

class TestDashboardModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsSet("RAPPORT_TEST_TZ")) {
            // Berlin: summer and winter time inside the twelve months (the buckets' edges move by an hour).
            QCOMPARE(QDateTime(kToday, QTime(0, 0)).offsetFromUtc(), 3600);
            QCOMPARE(QDateTime(QDate(2026, 7, 1), QTime(0, 0)).offsetFromUtc(), 7200);
        } else {
            QCOMPARE(QDateTime(kToday, QTime(0, 0)).offsetFromUtc(), 5 * 3600 + 1800); // the zone main() set
        }
    }

    // How the periods are cut: twelve months read their whole UTC months from the monthly rollups (the first and
    // last are partial; outside UTC each month also loses its cut days to the raw rows), week buckets never do
    // (a UTC month spans several weeks), a total (the previous period's KPIs) does whatever its buckets.
    void monthlySlices()
    {
        using DashboardSql::Slices;
        const DashboardFilter year = DashboardFilter::forPeriod(DashboardFilter::Period::Last12Months, kToday);
        QVERIFY(Slices::of(year, Slices::Level::Months).monthsRead() >= 10);
        QCOMPARE(Slices::of(year, Slices::Level::Days).monthsRead(), 0);
        const DashboardFilter quarter = DashboardFilter::forPeriod(DashboardFilter::Period::ThisQuarter, kToday);
        QCOMPARE(Slices::of(quarter, Slices::Level::Months).monthsRead(), 0);
        QVERIFY(Slices::of(quarter, Slices::Level::Months, true).monthsRead() >= 1);
        QCOMPARE(Slices::monthOf(20000), 19997); // 2024-10-04 -> 2024-10-01
        QCOMPARE(Slices::nextMonth(20000), 20028);
        QCOMPARE(Slices::monthOf(19997), 19997);
    }

    void matchesOracle_data() { TestDatabase::addBackends(); }
    void matchesOracle()
    {
        OPEN_TEST_DATABASE(db);
        FixedClock clock(QDateTime(kToday, QTime(12, 0)).toUTC());
        QVERIFY(populate(*db, 12));
        const World w = readWorld(*db);
        QVERIFY(w.interactions.size() == 1500);

        // The models live through every filter, each under a tester.
        KpiModel kpis;
        InteractionsOverTimeModel overTime;
        ReplyRateModel replyRate;
        FunnelModel funnel;
        CoverageModel coverage;
        RelationshipsModel top(RelationshipsModel::Kind::Top);
        RelationshipsModel cooling(RelationshipsModel::Kind::Cooling);
        TopOutletsModel outlets;
        TeamActivityModel team;
        SocialEngagementModel social;
        QList<ChartTableModel *> models { &kpis, &overTime, &replyRate, &funnel, &coverage, &top, &cooling, &outlets,
            &team, &social };
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (ChartTableModel *m : models)
            testers.push_back(
                std::make_unique<QAbstractItemModelTester>(m, QAbstractItemModelTester::FailureReportingMode::Fatal));

        QList<DashboardFilter> filters;
        for (auto p : { DashboardFilter::Period::ThisWeek, DashboardFilter::Period::Last30Days,
                 DashboardFilter::Period::ThisQuarter, DashboardFilter::Period::Last12Months })
            filters << DashboardFilter::forPeriod(p, kToday);
        DashboardFilter f = DashboardFilter::forPeriod(DashboardFilter::Period::Last12Months, kToday);
        f.userId = 2;
        filters << f;
        f = DashboardFilter::forPeriod(DashboardFilter::Period::Last12Months, kToday);
        f.clientId = 1;
        filters << f;
        f.clientId = 0;
        f.campaignId = 3;
        filters << f;
        f.campaignId = 0;
        f.channel = QStringLiteral("email");
        filters << f;
        f = DashboardFilter::forPeriod(DashboardFilter::Period::Custom, kToday);
        f.from = QDate(2026, 2, 3);
        f.to = QDate(2026, 5, 9);
        f.userId = 1;
        f.clientId = 2;
        filters << f;
        f.from = QDate(2001, 1, 1); // long ago: every chart empty
        f.to = QDate(2001, 3, 1);
        f.userId = f.clientId = 0;
        filters << f;

        // Every filter from the monthly and daily rollups, from the daily ones alone, and from the raw rows only.
        QList<QPair<DashboardFilter, DashboardQuery::Source>> runs;
        for (const DashboardFilter &filter : std::as_const(filters))
            for (auto source :
                { DashboardQuery::Source::Rollups, DashboardQuery::Source::DailyRollups, DashboardQuery::Source::Rows })
                runs << qMakePair(filter, source);
        for (const auto &[filter, source] : std::as_const(runs)) {
            const QString what = QStringLiteral("%1..%2 user %3 client %4 campaign %5 channel %6 from %7")
                                     .arg(filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate))
                                     .arg(filter.userId)
                                     .arg(filter.clientId)
                                     .arg(filter.campaignId)
                                     .arg(filter.channel,
                                         source == DashboardQuery::Source::Rollups    ? QStringLiteral("rollups")
                                             : source == DashboardQuery::Source::Rows ? QStringLiteral("rows")
                                                                                      : QStringLiteral("daily rollups"));
            auto loaded = DashboardQuery::load(*db, filter, source);
            QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
            for (ChartTableModel *m : models)
                m->setResult(*loaded);
            qInfo("%s: %lld interactions, %lld pitches sent, %lld coverage, %lld funnel planned, %d team rows",
                qPrintable(what), loaded->kpis.interactions, loaded->kpis.pitchesSent, loaded->kpis.coveragePieces,
                loaded->funnel.value(0), int(loaded->team.size()));
            checkKpis(w, filter, kpis, what);
            checkOverTime(w, filter, overTime, what);
            checkReplyRate(w, filter, replyRate, what);
            checkFunnel(w, filter, funnel, what);
            checkCoverage(w, filter, coverage, what);
            checkTop(w, filter, top, what);
            checkCooling(w, filter, cooling, what);
            checkOutlets(w, filter, outlets, what);
            checkTeam(w, filter, team, what);
            checkSocial(w, filter, social, what);
            if (QTest::currentTestFailed())
                return;
            // Every drillable count cell lists exactly its rows.
            for (ChartTableModel *m :
                { static_cast<ChartTableModel *>(&overTime), static_cast<ChartTableModel *>(&team),
                    static_cast<ChartTableModel *>(&funnel), static_cast<ChartTableModel *>(&outlets) })
                for (int row = 0; row < m->rowCount(); ++row)
                    for (int col = 1; col < (m == &outlets ? 2 : m == &funnel ? 2 : m->columnCount()); ++col) {
                        const auto drill = m->drillFor(row, col);
                        QVERIFY(drill);
                        auto rows = DashboardQuery::drill(*db, filter, *drill);
                        QVERIFY2(rows, rows ? "" : qPrintable(rows.error().message));
                        QVERIFY2(rows->size() == qint64(m->value(row, col)),
                            qPrintable(QStringLiteral("%1: %2 row %3 col %4: %5 rows, cell %6")
                                           .arg(what, QString::fromLatin1(m->metaObject()->className()))
                                           .arg(row)
                                           .arg(col)
                                           .arg(rows->size())
                                           .arg(m->value(row, col))));
                    }
            for (int row = 0; row < coverage.rowCount(); ++row)
                for (int col = CoverageModel::PositiveColumn; col <= CoverageModel::PiecesColumn; ++col) {
                    auto rows = DashboardQuery::drill(*db, filter, *coverage.drillFor(row, col));
                    QVERIFY(rows);
                    QCOMPARE(rows->size(), qint64(coverage.value(row, col)));
                }
            for (int row = 0; row < replyRate.rowCount(); ++row)
                for (int col = ReplyRateModel::SentColumn; col <= ReplyRateModel::RepliedColumn; ++col) {
                    auto rows = DashboardQuery::drill(*db, filter, *replyRate.drillFor(row, col));
                    QVERIFY(rows);
                    QCOMPARE(rows->size(), qint64(replyRate.value(row, col)));
                }
        }
    }

    // Top relationships over months from the per-contact rollup (schema v16): the same ten as the oracle and as
    // counting every conversation, and only a few contacts counted when a few are busy. The trashed busy contacts,
    // the contact busy only before the period, ties and filters that make the counts small all take their part.
    void topRelationshipsFromRollup_data() { TestDatabase::addBackends(); }
    void topRelationshipsFromRollup()
    {
        OPEN_TEST_DATABASE(db);
        FixedClock clock(QDateTime(kToday, QTime(12, 0)).toUTC());
        QVERIFY(populateSkewed(*db, 5));
        const World w = readWorld(*db);
        QList<DashboardFilter> filters;
        for (auto p : { DashboardFilter::Period::Last12Months, DashboardFilter::Period::ThisQuarter,
                 DashboardFilter::Period::Last30Days })
            filters << DashboardFilter::forPeriod(p, kToday);
        DashboardFilter f = DashboardFilter::forPeriod(DashboardFilter::Period::Last12Months, kToday);
        f.userId = 2;
        filters << f;
        f.userId = 0;
        f.channel = QStringLiteral("call");
        filters << f;
        f.channel.clear();
        f = DashboardFilter::forPeriod(DashboardFilter::Period::Custom, kToday);
        f.from = kToday.addDays(-700);
        f.to = kToday.addDays(-200);
        filters << f;
        f.from = QDate(2001, 1, 1); // nothing
        f.to = QDate(2001, 6, 1);
        filters << f;
        int pruned = 0;
        for (const DashboardFilter &filter : std::as_const(filters)) {
            const QString what = QStringLiteral("%1..%2 user %3 channel %4")
                                     .arg(filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate))
                                     .arg(filter.userId)
                                     .arg(filter.channel);
            DashboardSql::TopStats stats;
            auto fromRollup = DashboardSql::topRelationships(*db, filter, true, &stats);
            QVERIFY2(fromRollup, fromRollup ? "" : qPrintable(fromRollup.error().message));
            auto counted = DashboardSql::topRelationships(*db, filter, false);
            QVERIFY(counted);
            const QList<QPair<qint64, qint64>> expected = oracleTop(w, filter);
            QList<QPair<qint64, qint64>> got, all;
            for (const DashboardPerson &p : std::as_const(*fromRollup))
                got << qMakePair(p.count, p.id);
            for (const DashboardPerson &p : std::as_const(*counted))
                all << qMakePair(p.count, p.id);
            QVERIFY2(got == expected, qPrintable(what));
            QVERIFY2(all == expected, qPrintable(what));
            for (const DashboardPerson &p : std::as_const(*fromRollup))
                QCOMPARE(p.name, w.contacts.value(p.id).name);
            qInfo("%s: %d months, rollup %d, threshold %lld, %d contacts counted, top %lld..%lld", qPrintable(what),
                stats.months, int(stats.fromRollup), stats.threshold, stats.candidates,
                expected.isEmpty() ? 0 : expected.constFirst().first, expected.isEmpty() ? 0 : expected.constLast().first);
            if (stats.fromRollup) {
                QVERIFY2(stats.candidates < 40, qPrintable(what)); // not the 280 quiet ones
                ++pruned;
            }
            if (filter.bucket() == DashboardFilter::Bucket::Week && filter.days() < 40)
                QVERIFY(!stats.fromRollup); // a month or less: the rows of the period are few
        }
        // Twelve months unfiltered went the rollup's way; so did the old custom range.
        QVERIFY(pruned >= 2);
        // The answer follows the writes the triggers see: the third-placed contact's conversations trashed, a
        // quiet contact's moved into the period in bulk, the leader reassigned to another contact.
        const DashboardFilter year = filters.constFirst();
        const QList<QPair<qint64, qint64>> before = oracleTop(w, year);
        QVERIFY(exec(*db,
            QStringLiteral("UPDATE interactions SET deleted_at = 1 WHERE contact_id = %1").arg(before.at(2).second)));
        QVERIFY(exec(*db,
            QStringLiteral("UPDATE interactions SET contact_id = 299, occurred_at = %1 WHERE contact_id IN (%2, 17)")
                .arg(msOf(kToday.addDays(-3), 10))
                .arg(before.at(0).second)));
        const World after = readWorld(*db);
        auto top = DashboardSql::topRelationships(*db, year, true);
        QVERIFY(top);
        QList<QPair<qint64, qint64>> got;
        for (const DashboardPerson &p : std::as_const(*top))
            got << qMakePair(p.count, p.id);
        QCOMPARE(got, oracleTop(after, year));
        QCOMPARE(got.constFirst().second, qint64(299));
        for (const auto &entry : std::as_const(got))
            QVERIFY(entry.second != before.at(2).second);
    }

    void csvAndShape()
    {
        DashboardData d;
        d.filter = DashboardFilter::forPeriod(DashboardFilter::Period::ThisWeek, kToday);
        d.buckets = d.filter.bucketStarts();
        d.topOutlets = { DashboardOutlet { 1, QStringLiteral("The \"Daily\", Berlin"), 3, 1200 } };
        TopOutletsModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.setResult(d);
        QCOMPARE(m.toCsv(), QStringLiteral("Outlet,Pieces,Reach\r\n\"The \"\"Daily\"\", Berlin\",3,1200\r\n"));
        QVERIFY(!m.isEmpty());
        SocialEngagementModel s;
        QAbstractItemModelTester tester2(&s, QAbstractItemModelTester::FailureReportingMode::Fatal);
        d.mentions = d.replies = d.likes = d.boosts = d.follows = QList<qint64>(d.buckets.size(), 0);
        s.setResult(d);
        QVERIFY(s.isEmpty());
        QVERIFY(!s.toCsv().contains(QStringLiteral(",x"))); // the hidden x column stays out
        QCOMPARE(s.hiddenColumn(), 6);
    }

    void periods()
    {
        const QDate wed(2026, 11, 18);
        QCOMPARE(DashboardFilter::forPeriod(DashboardFilter::Period::ThisWeek, wed).from, QDate(2026, 11, 16));
        QCOMPARE(DashboardFilter::forPeriod(DashboardFilter::Period::ThisQuarter, wed).from, QDate(2026, 10, 1));
        QCOMPARE(DashboardFilter::forPeriod(DashboardFilter::Period::Last30Days, wed).days(), 30);
        const DashboardFilter year = DashboardFilter::forPeriod(DashboardFilter::Period::Last12Months, wed);
        QCOMPARE(year.from, QDate(2025, 11, 19));
        QCOMPARE(year.bucket(), DashboardFilter::Bucket::Month);
        QCOMPARE(year.bucketStarts().size(), 13);
        QCOMPARE(year.previous().to, QDate(2025, 11, 18));
        QCOMPARE(year.previous().days(), year.days());
        DashboardFilter twenty = year;
        twenty.from = QDate(2006, 11, 19);
        QCOMPARE(twenty.bucketStarts().size(), 241);
        QCOMPARE(twenty.bucketOf(wed), 240);
    }

private:
    void checkKpis(const World &w, const DashboardFilter &f, const KpiModel &m, const QString &what)
    {
        for (const auto &[filter, column] :
            { qMakePair(f, int(KpiModel::NowColumn)), qMakePair(f.previous(), int(KpiModel::PreviousColumn)) }) {
            const DashboardKpis k = oracleKpis(w, filter);
            const auto cell = [&](int row) { return m.index(row, column).data(); };
            QVERIFY2(cell(KpiModel::Interactions).toLongLong() == k.interactions, qPrintable(what));
            QVERIFY2(cell(KpiModel::PitchesSent).toLongLong() == k.pitchesSent, qPrintable(what));
            if (k.pitchesSent)
                QVERIFY2(qAbs(cell(KpiModel::ReplyRate).toDouble() - 100.0 * k.replyRate()) < 0.051, qPrintable(what));
            else
                QVERIFY2(!cell(KpiModel::ReplyRate).isValid(), qPrintable(what));
            QVERIFY2(cell(KpiModel::CoveragePieces).toLongLong() == k.coveragePieces, qPrintable(what));
            QVERIFY2(cell(KpiModel::Reach).toLongLong() == k.reach, qPrintable(what));
            QVERIFY2(cell(KpiModel::NewContacts).toLongLong() == k.newContacts, qPrintable(what));
        }
    }

    void checkOverTime(
        const World &w, const DashboardFilter &f, const InteractionsOverTimeModel &m, const QString &what)
    {
        const QList<QDate> buckets = f.bucketStarts();
        QCOMPARE(m.rowCount(), int(buckets.size()));
        QHash<QString, qint64> expected; // "bucket/channel/direction"
        QSet<QString> columns;
        for (const IRow &i : w.interactions)
            if (interactionCounts(w, f, i)) {
                ++expected[QStringLiteral("%1/%2/%3").arg(bucketOfMs(f, i.at)).arg(i.channel, i.direction)];
                columns.insert(i.channel + u'/' + i.direction);
            }
        QCOMPARE(m.columnCount() - 1, int(columns.size()));
        for (int c = 1; c < m.columnCount(); ++c)
            for (int b = 0; b < buckets.size(); ++b)
                QVERIFY2(qint64(m.value(b, c))
                        == expected.value(QStringLiteral("%1/%2/%3").arg(b).arg(m.channelOf(c), m.directionOf(c))),
                    qPrintable(what));
    }

    void checkReplyRate(const World &w, const DashboardFilter &f, const ReplyRateModel &m, const QString &what)
    {
        const int n = int(f.bucketStarts().size());
        QList<qint64> sent(n, 0), replied(n, 0);
        QList<qint64> delays;
        for (const PRow &p : w.pitches)
            if (pitchInScope(w, f, p) && inPeriod(f, p.pitched)) {
                const int b = bucketOfMs(f, p.pitched);
                ++sent[b];
                replied[b] += repliedWithin(p);
                if (p.replied && p.replied >= p.pitched)
                    delays << p.replied - p.pitched;
            }
        QCOMPARE(m.rowCount(), n);
        for (int b = 0; b < n; ++b) {
            QVERIFY2(qint64(m.value(b, ReplyRateModel::SentColumn)) == sent[b], qPrintable(what));
            QVERIFY2(qint64(m.value(b, ReplyRateModel::RepliedColumn)) == replied[b], qPrintable(what));
            // A bucket without pitches has no rate (an empty cell, a gap in the line), not 0 %.
            const QVariant cell = m.data(m.index(b, ReplyRateModel::RateColumn), ChartTableModel::RawValueRole);
            QVERIFY2(cell.isValid() == (sent[b] > 0), qPrintable(what));
            const double rate = sent[b] ? 100.0 * double(replied[b]) / double(sent[b]) : 0.0;
            QVERIFY2(qAbs(m.value(b, ReplyRateModel::RateColumn) - rate) < 0.051, qPrintable(what));
        }
        std::sort(delays.begin(), delays.end());
        qint64 median = -1;
        if (!delays.isEmpty())
            median = delays.size() % 2 ? delays[delays.size() / 2]
                                       : (delays[delays.size() / 2 - 1] + delays[delays.size() / 2]) / 2;
        QVERIFY2(m.medianReplyMs() == median, qPrintable(what));
    }

    void checkFunnel(const World &w, const DashboardFilter &f, const FunnelModel &m, const QString &what)
    {
        const QStringList order = { QStringLiteral("planned"), QStringLiteral("pitched"), QStringLiteral("replied"),
            QStringLiteral("interested"), QStringLiteral("covered") };
        qint64 stages[5] = {};
        for (const PRow &p : w.pitches) {
            if (!pitchInScope(w, f, p) || !inPeriod(f, p.pitched ? p.pitched : p.created))
                continue;
            const int reached = p.status == u"declined" ? 2 : int(order.indexOf(p.status));
            for (int s = 0; s <= reached; ++s)
                ++stages[s];
        }
        QCOMPARE(m.rowCount(), 5);
        for (int s = 0; s < 5; ++s)
            QVERIFY2(qint64(m.value(s, FunnelModel::CountColumn)) == stages[s], qPrintable(what));
    }

    void checkCoverage(const World &w, const DashboardFilter &f, const CoverageModel &m, const QString &what)
    {
        const int n = int(f.bucketStarts().size());
        QList<qint64> pos(n, 0), neu(n, 0), neg(n, 0), unr(n, 0), pieces(n, 0), reach(n, 0);
        for (const CRow &c : w.coverage)
            if (coverageCounts(w, f, c)) {
                const int b = bucketOfMs(f, c.published);
                ++pieces[b];
                reach[b] += qMax<qint64>(c.reach, 0);
                (c.sentiment == 1 ? pos : c.sentiment == 0 ? neu : c.sentiment == -1 ? neg : unr)[b]++;
            }
        QCOMPARE(m.rowCount(), n);
        for (int b = 0; b < n; ++b) {
            QVERIFY2(qint64(m.value(b, CoverageModel::PositiveColumn)) == pos[b], qPrintable(what));
            QVERIFY2(qint64(m.value(b, CoverageModel::NeutralColumn)) == neu[b], qPrintable(what));
            QVERIFY2(qint64(m.value(b, CoverageModel::NegativeColumn)) == neg[b], qPrintable(what));
            QVERIFY2(qint64(m.value(b, CoverageModel::UnratedColumn)) == unr[b], qPrintable(what));
            QVERIFY2(qint64(m.value(b, CoverageModel::PiecesColumn)) == pieces[b], qPrintable(what));
            QVERIFY2(qint64(m.value(b, CoverageModel::ReachColumn)) == reach[b], qPrintable(what));
        }
    }

    void checkTop(const World &w, const DashboardFilter &f, const RelationshipsModel &m, const QString &what)
    {
        const QList<QPair<qint64, qint64>> list = oracleTop(w, f);
        QVERIFY2(m.rowCount() == list.size(), qPrintable(what));
        for (int r = 0; r < list.size(); ++r) {
            QCOMPARE(m.contactAt(r), list[r].second);
            QCOMPARE(m.index(r, 0).data().toString(), w.contacts.value(list[r].second).name);
            QCOMPARE(qint64(m.value(r, 1)), list[r].first);
        }
    }

    void checkCooling(const World &w, const DashboardFilter &f, const RelationshipsModel &m, const QString &what)
    {
        const qint64 end = qMin(f.toMs(), Clock::nowMs());
        QList<ContactRow> list;
        for (const ContactRow &c : w.contacts) {
            if (c.deleted || c.health < 50 || !c.lastContacted || c.lastContacted < end - 180 * kDay
                || c.lastContacted >= end - 30 * kDay || (f.userId && c.owner != f.userId)
                || (f.clientId && c.org != f.clientId))
                continue;
            if (f.campaignId) {
                bool pitched = false;
                for (const PRow &p : w.pitches)
                    pitched |= !p.deleted && p.campaign == f.campaignId && p.contact == c.id;
                if (!pitched)
                    continue;
            }
            list << c;
        }
        std::sort(list.begin(), list.end(), [](const ContactRow &a, const ContactRow &b) {
            if (a.health != b.health)
                return a.health > b.health;
            return a.lastContacted != b.lastContacted ? a.lastContacted < b.lastContacted : a.id < b.id;
        });
        list = list.mid(0, DashboardQuery::kTopRows);
        QVERIFY2(m.rowCount() == list.size(), qPrintable(what));
        for (int r = 0; r < list.size(); ++r) {
            QCOMPARE(m.contactAt(r), list[r].id);
            QCOMPARE(int(m.value(r, 1)), list[r].health);
        }
    }

    void checkOutlets(const World &w, const DashboardFilter &f, const TopOutletsModel &m, const QString &what)
    {
        QHash<qint64, QPair<qint64, qint64>> per; // org → (pieces, max reach)
        for (const CRow &c : w.coverage)
            if (coverageCounts(w, f, c) && c.org) {
                ++per[c.org].first;
                per[c.org].second = qMax(per[c.org].second, qMax<qint64>(c.reach, 0));
            }
        QList<QPair<qint64, QPair<qint64, qint64>>> list;
        for (auto it = per.cbegin(); it != per.cend(); ++it)
            list << qMakePair(it.key(), it.value());
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
            if (a.second.first != b.second.first)
                return a.second.first > b.second.first;
            return a.second.second != b.second.second ? a.second.second > b.second.second : a.first < b.first;
        });
        list = list.mid(0, DashboardQuery::kTopRows);
        QVERIFY2(m.rowCount() == list.size(), qPrintable(what));
        for (int r = 0; r < list.size(); ++r) {
            QCOMPARE(m.index(r, 0).data().toString(), w.orgNames.value(list[r].first));
            QCOMPARE(qint64(m.value(r, 1)), list[r].second.first);
            QCOMPARE(qint64(m.value(r, 2)), list[r].second.second);
        }
    }

    void checkTeam(const World &w, const DashboardFilter &f, const TeamActivityModel &m, const QString &what)
    {
        QHash<QString, qint64> cells; // "user name/channel label"
        QSet<qint64> users;
        for (const IRow &i : w.interactions)
            if (interactionCounts(w, f, i)) {
                users.insert(i.user);
                ++cells[(i.user ? w.users.value(i.user) : QStringLiteral("Nobody")) + u'/'
                    + Interaction::channelLabel(i.channel)];
            }
        QVERIFY2(m.rowCount() == users.size(), qPrintable(what));
        qint64 total = 0;
        for (int r = 0; r < m.rowCount(); ++r)
            for (int c = 1; c < m.columnCount(); ++c) {
                const QString key = m.index(r, 0).data().toString() + u'/' + m.headerData(c, Qt::Horizontal).toString();
                QVERIFY2(qint64(m.value(r, c)) == cells.value(key), qPrintable(what + u' ' + key));
                total += qint64(m.value(r, c));
            }
        qint64 expected = 0;
        for (qint64 n : std::as_const(cells))
            expected += n;
        QCOMPARE(total, expected);
        if (m.rowCount() > 1)
            QVERIFY(m.index(m.rowCount() - 1, 0).data().toString() == u"Nobody" || !users.contains(0));
    }

    void checkSocial(const World &w, const DashboardFilter &f, const SocialEngagementModel &m, const QString &what)
    {
        const int n = int(f.bucketStarts().size());
        QList<QList<qint64>> cols(5, QList<qint64>(n, 0));
        for (const IRow &i : w.interactions)
            if (!i.deleted && i.source != u"manual" && (i.channel == u"mention" || i.channel == u"reply")
                && inPeriod(f, i.at))
                ++cols[i.channel == u"reply" ? 1 : 0][bucketOfMs(f, i.at)];
        for (const ERow &e : w.events)
            if (inPeriod(f, e.at))
                ++cols[e.kind == u"like"      ? 2
                        : e.kind == u"boost"  ? 3
                        : e.kind == u"follow" ? 4
                                              : 0][bucketOfMs(f, e.at)];
        QCOMPARE(m.rowCount(), n);
        for (int b = 0; b < n; ++b)
            for (int c = 0; c < 5; ++c)
                QVERIFY2(qint64(m.value(b, c + 1)) == cols[c][b], qPrintable(what));
    }
};

int main(int argc, char **argv)
{
    // A fixed zone half an hour off UTC and without daylight saving: local days differ from UTC days, and the
    // oracle (Qt's own local dates) and the query (one offset for the period) must agree exactly.
    // RAPPORT_TEST_TZ (tst_dashboardmodels_dst): a zone with daylight saving instead.
    qputenv("TZ", qEnvironmentVariableIsSet("RAPPORT_TEST_TZ") ? qgetenv("RAPPORT_TEST_TZ") : QByteArray("Asia/Kolkata"));
    QCoreApplication app(argc, argv);
    TestDashboardModels test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_dashboardmodels.moc"
