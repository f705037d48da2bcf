// The demo agency's change history: who added which contact, outlet and campaign, and what the team edited
// since, so that Activity → Changes and every record's History tab show a working team, not an empty page.
#include "demo/demobuilder.h"

#include "storage/bulkinserter.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <algorithm>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)
};

enum Stream : quint32 { HistoryStream = 61 };

// At most this many contacts and outlets get a history (the large demo has 100,000 and 19,600): enough for
// months of Changes, without making the demo slower to generate.
constexpr int kContactsWithHistory = 3000;
constexpr int kOrganizationsWithHistory = 600;

// Titles a person might have had before the one they hold now.
const QStringList &earlierTitles()
{
    static const QStringList titles { QStringLiteral("Reporter"), QStringLiteral("Staff Writer"),
        QStringLiteral("Correspondent"), QStringLiteral("Freelance Journalist"), QStringLiteral("Assistant Editor"),
        QStringLiteral("Producer"), QStringLiteral("Content Creator"), QStringLiteral("Communications Manager") };
    return titles;
}

struct Change
{
    QString field;
    QString oldValue;
    QString newValue;
};

} // namespace

Status DemoBuilder::writeHistory()
{
    setPhase(Tr::tr("Writing the team's history"));
    DemoRandom rng(m_options.seed, HistoryStream);
    Result<qint64> firstAudit = BulkInserter::nextId(m_db, QStringLiteral("audit_log"));
    if (!firstAudit)
        return firstAudit.error();
    qint64 auditId = *firstAudit;
    BulkInserter log(m_db, QStringLiteral("audit_log"),
        { QStringLiteral("id"), QStringLiteral("at"), QStringLiteral("user_id"), QStringLiteral("action"),
            QStringLiteral("entity"), QStringLiteral("entity_id"), QStringLiteral("details") });
    BulkInserter changes(m_db, QStringLiteral("audit_changes"),
        { QStringLiteral("at"), QStringLiteral("user_id"), QStringLiteral("entity"), QStringLiteral("entity_id"),
            QStringLiteral("field"), QStringLiteral("old_value"), QStringLiteral("new_value"),
            QStringLiteral("audit_id") });
    changes.setParent(&log);
    const auto user = [&] { return m_userBase + rng.below(m_scale.users); };
    // One audit entry with the fields it changed, as AuditLog::record and the audit trail's triggers write it.
    const auto entry = [&](qint64 at, qint64 userId, const QString &action, const QString &entity, qint64 id,
                           const QString &details, const QList<Change> &fields) -> Status {
        const qint64 audit = auditId++;
        if (Status s = log.add({ audit, at, userId, action, entity, id, details }); !s)
            return s;
        for (const Change &c : fields)
            if (Status s = changes.add({ at, userId, entity, id, c.field, c.oldValue, c.newValue, audit }); !s)
                return s;
        ++m_stats.historyEntries;
        return advance();
    };
    // A time after `from`, mostly in the last months (what a manager looks at), never after the anchor.
    const auto laterThan = [&](qint64 from) {
        const qint64 span = std::min(m_anchor - from, qint64(240) * day());
        return m_anchor - (span > 0 ? rng.below(span) : 0);
    };

    // Contacts: created by their account manager; a third of them edited since (title, city, reach, notes or
    // the account manager), each field's last new value being what the contact holds now.
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT id, display_name, title, city, reach, notes, owner_id, created_at FROM contacts "
                               "WHERE id >= %1 AND id < %2 ORDER BY id")
                    .arg(m_contactBase)
                    .arg(m_contactBase + qint64(m_people.size()))))
        return m_db.errorFrom(q, Tr::tr("writing the team's history"));
    struct Row
    {
        qint64 id;
        QString name, title, city, notes;
        qint64 reach, owner, created;
    };
    std::vector<Row> rows;
    QStringList cities;
    while (q.next()) {
        rows.push_back({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(5).toString(), q.value(4).toLongLong(), q.value(6).toLongLong(), q.value(7).toLongLong() });
        if (cities.size() < 40 && !rows.back().city.isEmpty() && !cities.contains(rows.back().city))
            cities.append(rows.back().city);
    }
    q.finish();
    const qint64 step = std::max<qint64>(1, qint64(rows.size()) / kContactsWithHistory);
    for (std::size_t i = 0; i < rows.size(); i += std::size_t(step)) {
        const Row &r = rows[i];
        const qint64 owner = r.owner ? r.owner : user();
        if (Status s = entry(r.created, owner, QStringLiteral("create"), QStringLiteral("contact"), r.id, r.name, {});
            !s)
            return s;
        if (!rng.chance(0.35))
            continue;
        QList<Change> possible;
        if (const QString was = rng.pick(earlierTitles()); !r.title.isEmpty() && was != r.title)
            possible.append({ QStringLiteral("title"), was, r.title });
        if (const QString was = cities.isEmpty() ? QString() : rng.pick(cities); !was.isEmpty() && was != r.city)
            possible.append({ QStringLiteral("city"), was, r.city });
        if (r.reach > 100)
            possible.append({ QStringLiteral("reach"), QString::number(r.reach * 4 / 5), QString::number(r.reach) });
        if (!r.notes.isEmpty())
            possible.append({ QStringLiteral("notes"), QString(), r.notes });
        if (const qint64 was = user(); r.owner && was != r.owner)
            possible.append({ QStringLiteral("owner_id"), QString::number(was), QString::number(r.owner) });
        // One or two edits, each of one or two fields, in time order.
        for (int n = int(rng.between(1, 2)); n > 0 && !possible.isEmpty(); --n) {
            QList<Change> fields { possible.takeAt(int(rng.below(possible.size()))) };
            if (!possible.isEmpty() && rng.chance(0.3))
                fields.append(possible.takeAt(int(rng.below(possible.size()))));
            if (Status s = entry(laterThan(r.created), rng.chance(0.7) ? owner : user(), QStringLiteral("update"),
                    QStringLiteral("contact"), r.id, r.name, fields);
                !s)
                return s;
        }
    }

    // Outlets and clients: who added them.
    const qint64 orgStep = std::max<qint64>(1, m_orgs.size() / kOrganizationsWithHistory);
    for (qint64 i = 0; i < m_orgs.size(); i += orgStep) {
        const qint64 at = m_anchor - qint64(m_scale.historyDays + 1 + rng.below(400)) * day();
        if (Status s = entry(at, user(), QStringLiteral("create"), QStringLiteral("organization"), m_orgBase + i,
                m_orgs.at(i).name, {});
            !s)
            return s;
    }

    // Campaigns: created by their owner, started, and ended (completed or cancelled), as their status says, on
    // those days during working hours.
    const auto workingHours = [&](qint64 dayStart) {
        return std::min(m_anchor, dayStart + (9 * 60 + rng.below(8 * 60)) * 60'000);
    };
    if (!q.exec(QStringLiteral("SELECT id, name, status, starts_at, ends_at, owner_id, created_at FROM campaigns "
                               "WHERE id >= %1 AND id < %2 ORDER BY id")
                    .arg(m_campaignBase)
                    .arg(m_campaignBase + m_campaigns.size())))
        return m_db.errorFrom(q, Tr::tr("writing the team's history"));
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        const QString name = q.value(1).toString(), status = q.value(2).toString();
        const qint64 starts = q.value(3).toLongLong(), ends = q.value(4).toLongLong();
        const qint64 owner = q.value(5).isNull() ? user() : q.value(5).toLongLong();
        if (Status s = entry(q.value(6).toLongLong(), owner, QStringLiteral("create"), QStringLiteral("campaign"), id,
                name, {});
            !s)
            return s;
        if (status == u"planned" || starts > m_anchor)
            continue;
        if (Status s = entry(workingHours(starts), owner, QStringLiteral("update"), QStringLiteral("campaign"), id, name,
                { { QStringLiteral("status"), QStringLiteral("planned"), QStringLiteral("active") } });
            !s)
            return s;
        if (status != u"active" && ends <= m_anchor)
            if (Status s = entry(workingHours(ends), owner, QStringLiteral("update"), QStringLiteral("campaign"), id, name,
                    { { QStringLiteral("status"), QStringLiteral("active"), status } });
                !s)
                return s;
    }
    if (Status s = log.finish(); !s)
        return s;
    if (Status s = changes.finish(); !s)
        return s;
    return BulkInserter::syncIdentity(m_db, { QStringLiteral("audit_log"), QStringLiteral("audit_changes") });
}
