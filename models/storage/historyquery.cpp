#include "historyquery.h"

#include "storage/audittrail.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HistoryQuery)
};

// The fields that point at another row, and the table and column that name it.
struct Reference
{
    QString field;
    QString table;
    QString nameColumn;
};

const QList<Reference> &references()
{
    static const QList<Reference> list = {
        { QStringLiteral("organization_id"), QStringLiteral("organizations"), QStringLiteral("name") },
        { QStringLiteral("client_id"), QStringLiteral("organizations"), QStringLiteral("name") },
        { QStringLiteral("owner_id"), QStringLiteral("users"), QStringLiteral("name") },
        { QStringLiteral("contact_id"), QStringLiteral("contacts"), QStringLiteral("display_name") },
        { QStringLiteral("campaign_id"), QStringLiteral("campaigns"), QStringLiteral("name") },
    };
    return list;
}

void bindFilter(QSqlQuery &q, const HistoryFilter &f)
{
    if (!f.entity.isEmpty())
        q.bindValue(QStringLiteral(":entity"), f.entity);
    if (!f.entity.isEmpty() && f.entityId > 0)
        q.bindValue(QStringLiteral(":entity_id"), f.entityId);
    if (f.userId > 0)
        q.bindValue(QStringLiteral(":user"), f.userId);
    if (f.from.isValid())
        q.bindValue(QStringLiteral(":from"), f.from.toMSecsSinceEpoch());
    if (f.to.isValid())
        q.bindValue(QStringLiteral(":to"), f.to.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":limit"), qMax(1, f.limit));
}

QString conditions(const HistoryFilter &f, const QString &alias, const QString &userColumn)
{
    QStringList where;
    if (!f.entity.isEmpty())
        where << alias + QStringLiteral(".entity = :entity");
    if (!f.entity.isEmpty() && f.entityId > 0)
        where << alias + QStringLiteral(".entity_id = :entity_id");
    if (f.userId > 0)
        where << userColumn + QStringLiteral(" = :user");
    if (f.from.isValid())
        where << alias + QStringLiteral(".at >= :from");
    if (f.to.isValid())
        where << alias + QStringLiteral(".at < :to");
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

} // namespace

Result<QList<HistoryEntry>> HistoryQuery::load(const HistoryFilter &filter)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT a.id, a.at, a.user_id, u.name, a.action, a.entity, a.entity_id, a.details "
                             "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id")
        + conditions(filter, QStringLiteral("a"), QStringLiteral("a.user_id"))
        + QStringLiteral(" ORDER BY a.at DESC, a.id DESC LIMIT :limit"));
    bindFilter(q, filter);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the history"));
    QList<HistoryEntry> entries;
    while (q.next()) {
        HistoryEntry e;
        e.auditId = q.value(0).toLongLong();
        e.at = Sql::time(q.value(1));
        e.userId = q.value(2).toLongLong();
        e.userName = q.value(3).toString();
        e.action = q.value(4).toString();
        e.entity = q.value(5).toString();
        e.entityId = q.value(6).toLongLong();
        e.details = q.value(7).toString();
        entries.append(e);
    }
    q.finish();
    if (Status s = attachChanges(entries); !s)
        return s.error();
    if (!filter.entity.isEmpty() && filter.entityId > 0)
        if (Status s = addUnclaimed(entries, filter); !s)
            return s.error();
    for (HistoryEntry &e : entries)
        foldChildChanges(e.changes);
    std::stable_sort(entries.begin(), entries.end(), [](const HistoryEntry &a, const HistoryEntry &b) {
        return a.at != b.at ? a.at > b.at : a.auditId > b.auditId;
    });
    if (entries.size() > filter.limit)
        entries.resize(filter.limit);
    if (Status s = resolveNames(entries); !s)
        return s.error();
    return entries;
}

void HistoryQuery::foldChildChanges(QList<FieldChange> &changes)
{
    struct Side
    {
        QString field;
        QStringList removed;
        QStringList added;
    };
    QList<FieldChange> kept;
    QList<Side> children; // in the order their fields first appear
    for (const FieldChange &c : std::as_const(changes)) {
        if (!AuditTrail::isChildField(c.field)) {
            kept.append(c);
            continue;
        }
        auto side = std::find_if(children.begin(), children.end(), [&](const Side &s) { return s.field == c.field; });
        if (side == children.end())
            side = children.insert(children.end(), Side { c.field, {}, {} });
        if (!c.oldValue.isEmpty())
            side->removed.append(c.oldValue);
        if (!c.newValue.isEmpty())
            side->added.append(c.newValue);
    }
    if (children.isEmpty())
        return;
    for (Side &side : children) {
        for (qsizetype i = side.removed.size() - 1; i >= 0; --i)
            if (const qsizetype again = side.added.indexOf(side.removed.at(i)); again >= 0) {
                side.added.removeAt(again);
                side.removed.removeAt(i);
            }
        const qsizetype n = std::max(side.removed.size(), side.added.size());
        for (qsizetype i = 0; i < n; ++i)
            kept.append(FieldChange { side.field, side.removed.value(i), side.added.value(i), {}, {} });
    }
    changes = kept;
}

Status HistoryQuery::attachChanges(QList<HistoryEntry> &entries)
{
    if (entries.isEmpty())
        return {};
    QHash<qint64, qsizetype> byAudit;
    QList<qint64> ids;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        byAudit.insert(entries.at(i).auditId, i);
        ids.append(entries.at(i).auditId);
    }
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT audit_id, field, old_value, new_value FROM audit_changes WHERE ")
        + Sql::inIdArray(m_db.isPostgres(), QStringLiteral("audit_id")) + QStringLiteral(" ORDER BY id"));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(m_db.isPostgres(), ids));
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the history"));
    while (q.next())
        entries[byAudit.value(q.value(0).toLongLong())].changes.append(
            FieldChange { q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), {}, {} });
    return {};
}

Status HistoryQuery::addUnclaimed(QList<HistoryEntry> &entries, const HistoryFilter &filter)
{
    // Changes of this row that no audit entry claimed (a write without one): one entry per moment and person.
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.at, c.user_id, u.name, c.field, c.old_value, c.new_value FROM audit_changes c "
                             "LEFT JOIN users u ON u.id = c.user_id")
        + conditions(filter, QStringLiteral("c"), QStringLiteral("c.user_id"))
        + QStringLiteral(" AND (c.audit_id IS NULL OR c.audit_id = 0) ORDER BY c.at DESC, c.id LIMIT :limit"));
    bindFilter(q, filter);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the history"));
    QList<HistoryEntry> unclaimed;
    while (q.next()) {
        const QDateTime at = Sql::time(q.value(0));
        const qint64 user = q.value(1).toLongLong();
        if (unclaimed.isEmpty() || unclaimed.last().at != at || unclaimed.last().userId != user) {
            HistoryEntry e;
            e.at = at;
            e.userId = user;
            e.userName = q.value(2).toString();
            e.action = QStringLiteral("change");
            e.entity = filter.entity;
            e.entityId = filter.entityId;
            unclaimed.append(e);
        }
        unclaimed.last().changes.append(
            FieldChange { q.value(3).toString(), q.value(4).toString(), q.value(5).toString(), {}, {} });
    }
    entries.append(unclaimed);
    return {};
}

Status HistoryQuery::resolveNames(QList<HistoryEntry> &entries)
{
    for (const Reference &ref : references()) {
        QSet<qint64> wanted;
        for (const HistoryEntry &e : std::as_const(entries))
            for (const FieldChange &c : e.changes)
                if (c.field == ref.field) {
                    if (const qint64 id = c.oldValue.toLongLong(); id > 0)
                        wanted.insert(id);
                    if (const qint64 id = c.newValue.toLongLong(); id > 0)
                        wanted.insert(id);
                }
        if (wanted.isEmpty())
            continue;
        QSqlQuery q(m_db.connection());
        q.setForwardOnly(true);
        // Table and column names come from the list above, never from input.
        q.prepare(QStringLiteral("SELECT id, ") + ref.nameColumn + QStringLiteral(" FROM ") + ref.table
            + QStringLiteral(" WHERE ") + Sql::inIdArray(m_db.isPostgres(), QStringLiteral("id")));
        q.bindValue(QStringLiteral(":ids"), Sql::idArray(m_db.isPostgres(), QList<qint64>(wanted.begin(), wanted.end())));
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("reading the history"));
        QHash<qint64, QString> names;
        while (q.next())
            names.insert(q.value(0).toLongLong(), q.value(1).toString());
        for (HistoryEntry &e : entries)
            for (FieldChange &c : e.changes)
                if (c.field == ref.field) {
                    c.oldName = names.value(c.oldValue.toLongLong());
                    c.newName = names.value(c.newValue.toLongLong());
                }
    }
    return {};
}
