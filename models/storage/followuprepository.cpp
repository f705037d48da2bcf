#include "followuprepository.h"

#include "core/clock.h"
#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"
#include "storage/versionedwrite.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSqlQuery>

#include <limits>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(FollowUpRepository)
};

const QString kSelect = QStringLiteral(
    "SELECT f.id, f.contact_id, c.display_name, f.campaign_id, k.name, f.assignee_id, u.name, f.due_at, f.note, "
    "f.done_at, f.version, f.created_at, f.updated_at, f.deleted_at FROM follow_ups f "
    "LEFT JOIN contacts c ON c.id = f.contact_id LEFT JOIN campaigns k ON k.id = f.campaign_id "
    "LEFT JOIN users u ON u.id = f.assignee_id ");

// For the counts: not a follow-up of a trashed contact, without reading the contacts (schema v19). Every open
// follow-up is counted from the covering index follow_ups_state and the few trashed contacts' ids come from the
// partial index contacts_trashed; a join to the contacts read one contact row per open follow-up (35,000 row
// lookups on the large dataset, 100-250 ms). A campaign's follow-up has no contact: NULL NOT IN (...) is NULL.
const QString kContactNotTrashed = QStringLiteral(
    "(f.contact_id IS NULL OR f.contact_id NOT IN (SELECT id FROM contacts WHERE deleted_at IS NOT NULL))");

FollowUp readRow(const QSqlQuery &q)
{
    FollowUp f;
    int i = 0;
    f.id = q.value(i++).toLongLong();
    f.contactId = q.value(i++).toLongLong();
    f.contactName = q.value(i++).toString();
    f.campaignId = q.value(i++).toLongLong();
    f.campaignName = q.value(i++).toString();
    f.assigneeId = q.value(i++).toLongLong();
    f.assigneeName = q.value(i++).toString();
    f.dueAt = Sql::time(q.value(i++));
    f.note = q.value(i++).toString();
    f.doneAt = Sql::time(q.value(i++));
    f.version = q.value(i++).toInt();
    f.createdAt = Sql::time(q.value(i++));
    f.updatedAt = Sql::time(q.value(i++));
    f.inTrash = !q.value(i++).isNull();
    return f;
}

// What insertRow and update share; `f` is validated before.
VersionedWrite::Write write(const FollowUp &f)
{
    VersionedWrite::Write w;
    w.table = QStringLiteral("follow_ups");
    w.bind = [&f](QSqlQuery &q) {
        q.bindValue(QStringLiteral(":contact_id"), Sql::id(f.contactId));
        q.bindValue(QStringLiteral(":campaign_id"), Sql::id(f.campaignId));
        q.bindValue(QStringLiteral(":assignee_id"), Sql::id(f.assigneeId));
        q.bindValue(QStringLiteral(":due_at"), Sql::time(f.dueAt));
        q.bindValue(QStringLiteral(":note"), Sql::text(f.note));
    };
    w.auditEntity = QStringLiteral("follow_up");
    w.auditDetails = f.note.left(200);
    w.doing = Tr::tr("saving the follow-up");
    return w;
}

} // namespace

FollowUpRepository::Bounds FollowUpRepository::bounds(const QDateTime &now, Qt::DayOfWeek firstDayOfWeek)
{
    const QDateTime local = now.toLocalTime();
    const QDate today = local.date();
    int daysToNextWeek = (int(firstDayOfWeek) - today.dayOfWeek() + 7) % 7;
    if (daysToNextWeek == 0)
        daysToNextWeek = 7;
    return { today.startOfDay(), today.addDays(1).startOfDay(), today.addDays(daysToNextWeek).startOfDay() };
}

Status FollowUpRepository::validate(const FollowUp &f)
{
    if (f.contactId <= 0 && f.campaignId <= 0)
        return Error::validation(QStringLiteral("contactId"), Tr::tr("A follow-up needs a contact or a campaign."));
    if (!f.dueAt.isValid())
        return Error::validation(QStringLiteral("dueAt"), Tr::tr("Enter when the follow-up is due."));
    if (f.dueAt.date().year() < 1900 || f.dueAt > Clock::now().addYears(10))
        return Error::validation(QStringLiteral("dueAt"),
            Tr::tr("The due date must be between 1900 and ten years from now; please check the year."));
    if (f.note.size() > FollowUp::kMaxNote)
        return Error::validation(QStringLiteral("note"),
            Tr::tr("The note is %L1 characters long; at most %L2 fit.").arg(f.note.size()).arg(FollowUp::kMaxNote));
    return {};
}

Status FollowUpRepository::insertRow(Database &db, FollowUp &f)
{
    if (Status s = validate(f); !s)
        return s;
    VersionedWrite::Write w = write(f);
    w.columns = QStringLiteral("contact_id, campaign_id, assignee_id, due_at, note");
    return VersionedWrite::createInTransaction(db, f, w);
}

Status FollowUpRepository::create(FollowUp &f)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    if (Status s = insertRow(m_db, f); !s)
        return s;
    return tx.commit();
}

Status FollowUpRepository::update(FollowUp &f)
{
    if (Status s = validate(f); !s)
        return s;
    VersionedWrite::Write w = write(f);
    w.columns = QStringLiteral("contact_id, campaign_id, assignee_id, due_at, note, done_at");
    w.bind = [bindCreated = w.bind, &f](QSqlQuery &q) {
        bindCreated(q);
        q.bindValue(QStringLiteral(":done_at"), Sql::time(f.doneAt));
    };
    w.liveOnly = true;
    w.conflict = Tr::tr("This follow-up was changed or deleted by someone else since you opened it. Reload it to "
                        "see their changes; yours were not saved.");
    return VersionedWrite::update(m_db, f, w);
}

Result<FollowUp> FollowUpRepository::get(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(kSelect + QStringLiteral("WHERE f.id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the follow-up"));
    if (!q.next())
        return Error { Tr::tr("The follow-up no longer exists."), Error::Code::NotFound };
    return readRow(q);
}

Status FollowUpRepository::change(
    qint64 id, const QString &set, const QString &action, const QVariantMap &values, const QString &doing)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE follow_ups SET ") + set
        + QStringLiteral(", updated_at = :now, updated_by = :user, version = version + 1 WHERE id = :id"));
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bindValue(it.key(), it.value());
    q.bindValue(QStringLiteral(":now"), Sql::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (q.numRowsAffected() != 1)
        return Error { Tr::tr("The follow-up no longer exists."), Error::Code::NotFound };
    q.finish();
    if (Status s = AuditLog::record(m_db, action, QStringLiteral("follow_up"), id); !s)
        return s;
    return tx.commit();
}

Status FollowUpRepository::complete(qint64 id)
{
    return change(id, QStringLiteral("done_at = :done"), QStringLiteral("complete"),
        { { QStringLiteral(":done"), Clock::nowMs() } }, Tr::tr("completing the follow-up"));
}

Status FollowUpRepository::reopen(qint64 id)
{
    return change(
        id, QStringLiteral("done_at = NULL"), QStringLiteral("reopen"), {}, Tr::tr("reopening the follow-up"));
}

Status FollowUpRepository::snooze(qint64 id, const QDateTime &until)
{
    FollowUp probe;
    probe.contactId = 1;
    probe.dueAt = until;
    if (Status s = validate(probe); !s)
        return s;
    return change(id, QStringLiteral("due_at = :due"), QStringLiteral("snooze"),
        { { QStringLiteral(":due"), until.toMSecsSinceEpoch() } }, Tr::tr("snoozing the follow-up"));
}

Status FollowUpRepository::reassign(qint64 id, qint64 assigneeId)
{
    return change(id, QStringLiteral("assignee_id = :assignee"), QStringLiteral("reassign"),
        { { QStringLiteral(":assignee"), Sql::id(assigneeId) } }, Tr::tr("reassigning the follow-up"));
}

Status FollowUpRepository::moveToTrash(qint64 id)
{
    return change(id, QStringLiteral("deleted_at = :deleted"), QStringLiteral("trash"),
        { { QStringLiteral(":deleted"), Sql::nowMs() } }, Tr::tr("deleting the follow-up"));
}

Status FollowUpRepository::restore(qint64 id)
{
    return change(
        id, QStringLiteral("deleted_at = NULL"), QStringLiteral("restore"), {}, Tr::tr("restoring the follow-up"));
}

FollowUp::Bucket FollowUpRepository::bucketOf(const QDateTime &due, const QDateTime &now)
{
    if (due < now)
        return FollowUp::Bucket::Overdue;
    const Bounds b = bounds(now, QLocale().firstDayOfWeek());
    if (due < b.startOfTomorrow)
        return FollowUp::Bucket::Today;
    if (due < b.startOfNextWeek)
        return FollowUp::Bucket::ThisWeek;
    return FollowUp::Bucket::Later;
}

Result<QList<FollowUp>> FollowUpRepository::bucket(FollowUp::Bucket which, qint64 assigneeId, int limit)
{
    const QDateTime now = Clock::now();
    const Bounds b = bounds(now, QLocale().firstDayOfWeek());
    qint64 from = std::numeric_limits<qint64>::min(), to = std::numeric_limits<qint64>::max();
    switch (which) {
    case FollowUp::Bucket::Overdue:
        to = now.toMSecsSinceEpoch();
        break;
    case FollowUp::Bucket::Today:
        from = now.toMSecsSinceEpoch();
        to = b.startOfTomorrow.toMSecsSinceEpoch();
        break;
    case FollowUp::Bucket::ThisWeek:
        from = b.startOfTomorrow.toMSecsSinceEpoch();
        to = b.startOfNextWeek.toMSecsSinceEpoch();
        break;
    case FollowUp::Bucket::Later:
        from = b.startOfNextWeek.toMSecsSinceEpoch();
        break;
    }
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(kSelect
        + QStringLiteral("WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due_at >= :from AND f.due_at < :to "
                         "AND (c.id IS NULL OR c.deleted_at IS NULL)")
        + (assigneeId > 0 ? QStringLiteral(" AND f.assignee_id = :assignee") : QString())
        + QStringLiteral(" ORDER BY f.due_at, f.id LIMIT :limit"));
    q.bindValue(QStringLiteral(":from"), from);
    q.bindValue(QStringLiteral(":to"), to);
    if (assigneeId > 0)
        q.bindValue(QStringLiteral(":assignee"), assigneeId);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading follow-ups"));
    QList<FollowUp> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

Result<int> FollowUpRepository::overdueCount(qint64 assigneeId, int cap)
{
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM follow_ups f "
                       "WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due_at < :now AND ")
        + kContactNotTrashed
        + (assigneeId > 0 ? QStringLiteral(" AND f.assignee_id = :assignee") : QString())
        + (cap > 0 ? QStringLiteral(" LIMIT :cap") : QString()) + QStringLiteral(") overdue"));
    if (cap > 0)
        q.bindValue(QStringLiteral(":cap"), cap);
    q.bindValue(QStringLiteral(":now"), Clock::nowMs());
    if (assigneeId > 0)
        q.bindValue(QStringLiteral(":assignee"), assigneeId);
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, Tr::tr("counting overdue follow-ups"));
    return q.value(0).toInt();
}

Result<std::array<int, 4>> FollowUpRepository::counts(qint64 assigneeId)
{
    const QDateTime now = Clock::now();
    const Bounds b = bounds(now, QLocale().firstDayOfWeek());
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT "
                       "coalesce(sum(CASE WHEN f.due_at < :now THEN 1 ELSE 0 END), 0), "
                       "coalesce(sum(CASE WHEN f.due_at >= :now2 AND f.due_at < :tomorrow THEN 1 ELSE 0 END), 0), "
                       "coalesce(sum(CASE WHEN f.due_at >= :tomorrow2 AND f.due_at < :week THEN 1 ELSE 0 END), 0), "
                       "coalesce(sum(CASE WHEN f.due_at >= :week2 THEN 1 ELSE 0 END), 0) "
                       "FROM follow_ups f WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND ")
        + kContactNotTrashed
        + (assigneeId > 0 ? QStringLiteral(" AND f.assignee_id = :assignee") : QString()));
    // Each placeholder once: the PostgreSQL driver binds by position.
    q.bindValue(QStringLiteral(":now"), now.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":now2"), now.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":tomorrow"), b.startOfTomorrow.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":tomorrow2"), b.startOfTomorrow.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":week"), b.startOfNextWeek.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":week2"), b.startOfNextWeek.toMSecsSinceEpoch());
    if (assigneeId > 0)
        q.bindValue(QStringLiteral(":assignee"), assigneeId);
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, Tr::tr("counting follow-ups"));
    return std::array<int, 4> { q.value(0).toInt(), q.value(1).toInt(), q.value(2).toInt(), q.value(3).toInt() };
}

Result<QList<FollowUp>> FollowUpRepository::openForContact(qint64 contactId, int limit)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(kSelect
        + QStringLiteral("WHERE f.contact_id = :contact AND f.done_at IS NULL AND f.deleted_at IS NULL "
                         "ORDER BY f.due_at, f.id LIMIT :limit"));
    q.bindValue(QStringLiteral(":contact"), contactId);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading follow-ups"));
    QList<FollowUp> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

Result<FollowUpRepository::Buckets> FollowUpRepository::buckets(qint64 assigneeId, int limitPerBucket)
{
    Buckets out;
    const std::pair<FollowUp::Bucket, QList<FollowUp> *> parts[]
        = { { FollowUp::Bucket::Overdue, &out.overdue }, { FollowUp::Bucket::Today, &out.today },
              { FollowUp::Bucket::ThisWeek, &out.thisWeek }, { FollowUp::Bucket::Later, &out.later } };
    for (const auto &[which, list] : parts) {
        Result<QList<FollowUp>> rows = bucket(which, assigneeId, limitPerBucket);
        if (!rows)
            return rows.error();
        *list = std::move(rows).value();
    }
    Result<std::array<int, 4>> all = counts(assigneeId);
    if (!all)
        return all.error();
    out.counts = *all;
    out.overdueCount = out.counts[0];
    return out;
}
