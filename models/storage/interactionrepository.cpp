#include "interactionrepository.h"

#include "core/clock.h"
#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/followuprepository.h"
#include "storage/healthrepository.h"
#include "storage/sqlhelpers.h"
#include "storage/versionedwrite.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSqlQuery>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(InteractionRepository)
};

const QString kColumns = QStringLiteral("contact_id, user_id, campaign_id, channel, direction, occurred_at, subject, "
                                        "body, sentiment, outcome, url, source, external_id");

void bindInteraction(QSqlQuery &q, const Interaction &i, qint64 userId)
{
    q.bindValue(QStringLiteral(":contact_id"), Sql::id(i.contactId));
    q.bindValue(QStringLiteral(":user_id"), Sql::id(i.userId > 0 ? i.userId : userId));
    q.bindValue(QStringLiteral(":campaign_id"), Sql::id(i.campaignId));
    q.bindValue(QStringLiteral(":channel"), i.channel);
    q.bindValue(QStringLiteral(":direction"), i.direction);
    q.bindValue(QStringLiteral(":occurred_at"), Sql::time(i.occurredAt));
    q.bindValue(QStringLiteral(":subject"), Sql::text(i.subject));
    q.bindValue(QStringLiteral(":body"), Sql::text(i.body));
    q.bindValue(
        QStringLiteral(":sentiment"), i.sentiment ? QVariant(*i.sentiment) : QVariant(QMetaType::fromType<int>()));
    q.bindValue(QStringLiteral(":outcome"), Sql::text(i.outcome));
    q.bindValue(QStringLiteral(":url"), Sql::text(i.url));
    q.bindValue(QStringLiteral(":source"), i.source.isEmpty() ? QStringLiteral("manual") : i.source);
    q.bindValue(QStringLiteral(":external_id"), Sql::text(i.externalId));
}

QString auditDetails(const Interaction &i)
{
    return i.channel + u' ' + i.direction + u' ' + i.subject.left(200);
}

// What insertRow and update share; `i` is validated before.
VersionedWrite::Write write(const Interaction &i, qint64 userId)
{
    VersionedWrite::Write w;
    w.table = QStringLiteral("interactions");
    w.columns = kColumns;
    w.bind = [&i, userId](QSqlQuery &q) { bindInteraction(q, i, userId); };
    w.auditEntity = QStringLiteral("interaction");
    w.auditDetails = auditDetails(i);
    w.doing = Tr::tr("saving the interaction");
    return w;
}

} // namespace

Status InteractionRepository::validate(const Interaction &i)
{
    if (i.contactId <= 0)
        return Error::validation(QStringLiteral("contactId"), Tr::tr("Choose the contact this interaction was with."));
    if (!Interaction::channels().contains(i.channel))
        return Error::validation(QStringLiteral("channel"), Tr::tr("“%1” is not a known channel.").arg(i.channel));
    if (!Interaction::directions().contains(i.direction))
        return Error::validation(QStringLiteral("direction"),
            Tr::tr("The direction must be inbound or outbound, not “%1”.").arg(i.direction));
    if (!i.occurredAt.isValid())
        return Error::validation(QStringLiteral("occurredAt"), Tr::tr("Enter when the interaction took place."));
    const QDateTime earliest(QDate(1900, 1, 1), QTime(0, 0), Qt::UTC);
    if (i.occurredAt < earliest)
        return Error::validation(QStringLiteral("occurredAt"),
            Tr::tr("The date %1 is before 1900, which is surely a typing mistake in the year. "
                   "Please check it.")
                .arg(QLocale().toString(i.occurredAt.toLocalTime().date(), QLocale::ShortFormat)));
    if (i.occurredAt > Clock::now().addYears(1))
        return Error::validation(QStringLiteral("occurredAt"),
            Tr::tr("The date %1 is more than a year from now. An interaction is something that "
                   "happened or is planned soon, so please check the year.")
                .arg(QLocale().toString(i.occurredAt.toLocalTime().date(), QLocale::ShortFormat)));
    if (i.subject.size() > Interaction::kMaxSubject)
        return Error::validation(QStringLiteral("subject"),
            Tr::tr("The subject is %L1 characters long; at most %L2 fit. Put the rest in the notes.")
                .arg(i.subject.size())
                .arg(Interaction::kMaxSubject));
    if (i.body.size() > Interaction::kMaxBody)
        return Error::validation(QStringLiteral("body"),
            Tr::tr("The notes are %L1 characters long; at most %L2 fit. Attach long documents as a "
                   "link instead.")
                .arg(i.body.size())
                .arg(Interaction::kMaxBody));
    if (i.sentiment && (*i.sentiment < -1 || *i.sentiment > 1))
        return Error::validation(
            QStringLiteral("sentiment"), Tr::tr("The sentiment must be negative, neutral or positive."));
    if (i.followUpAt.isValid() && (i.followUpAt < earliest || i.followUpAt > Clock::now().addYears(10)))
        return Error::validation(
            QStringLiteral("followUpAt"), Tr::tr("The follow-up date is out of range; please check the year."));
    return {};
}

Status InteractionRepository::checkContactAlive(qint64 contactId)
{
    // PostgreSQL: lock the contact row until commit, so it cannot be trashed between this check and the
    // insert. SQLite: BEGIN IMMEDIATE already serialises writers.
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id FROM contacts WHERE id = :id AND deleted_at IS NULL")
        + (m_db.isPostgres() ? QStringLiteral(" FOR UPDATE") : QString()));
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("saving the interaction"));
    if (!q.next())
        return Error { Tr::tr("The contact was deleted meanwhile; the interaction was not saved."),
            Error::Code::NotFound, QStringLiteral("contactId") };
    return {};
}

Status InteractionRepository::insertRow(Interaction &i)
{
    VersionedWrite::Write w = write(i, m_db.currentUserId());
    w.before = [this, &i] { return checkContactAlive(i.contactId); };
    w.after = [this, &i]() -> Status {
        if (i.followUpAt.isValid()) {
            FollowUp f;
            f.contactId = i.contactId;
            f.campaignId = i.campaignId;
            f.assigneeId = m_db.currentUserId();
            f.dueAt = i.followUpAt;
            f.note = i.subject;
            if (Status s = FollowUpRepository::insertRow(m_db, f); !s)
                return s;
            i.followUpId = f.id;
        }
        return HealthRepository::recomputeContact(m_db, i.contactId);
    };
    if (Status s = VersionedWrite::createInTransaction(m_db, i, w); !s)
        return s;
    if (i.userId <= 0)
        i.userId = m_db.currentUserId();
    return {};
}

Status InteractionRepository::create(Interaction &i)
{
    Result<QList<Interaction>> rows = createForContacts(i, { i.contactId });
    if (!rows)
        return rows.error();
    i = rows->constFirst();
    return {};
}

Status InteractionRepository::createInTransaction(Interaction &i)
{
    if (Status s = validate(i); !s)
        return s;
    return insertRow(i);
}

Result<QList<Interaction>> InteractionRepository::createForContacts(
    const Interaction &i, const QList<qint64> &contactIds)
{
    if (contactIds.isEmpty())
        return Error::validation(QStringLiteral("contactId"), Tr::tr("Choose the contact this interaction was with."));
    QList<Interaction> rows;
    for (qint64 id : contactIds) {
        Interaction row = i;
        row.contactId = id;
        if (Status s = validate(row); !s)
            return s.error();
        rows.append(row);
    }
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    for (Interaction &row : rows)
        if (Status s = insertRow(row); !s)
            return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return rows;
}

Status InteractionRepository::update(Interaction &i)
{
    if (i.id <= 0)
        return Error { Tr::tr("This interaction has not been saved yet."), Error::Code::NotFound };
    if (Status s = validate(i); !s)
        return s;
    VersionedWrite::Write w = write(i, m_db.currentUserId());
    w.liveOnly = true;
    w.conflict = Tr::tr("This interaction was changed or deleted by someone else since you opened it. Reload it "
                        "to see their changes; yours were not saved.");
    qint64 oldContact = 0;
    w.before = [this, &i, &oldContact]() -> Status {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT contact_id FROM interactions WHERE id = :id"));
        q.bindValue(QStringLiteral(":id"), i.id);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("saving the interaction"));
        oldContact = q.next() ? q.value(0).toLongLong() : 0;
        q.finish();
        return checkContactAlive(i.contactId);
    };
    w.after = [this, &i, &oldContact]() -> Status {
        if (oldContact > 0 && oldContact != i.contactId) // moved to another contact: both change
            if (Status s = HealthRepository::recomputeContact(m_db, oldContact); !s)
                return s;
        return HealthRepository::recomputeContact(m_db, i.contactId);
    };
    return VersionedWrite::update(m_db, i, w);
}

Result<Interaction> InteractionRepository::get(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kColumns
        + QStringLiteral(", i.version, i.created_at, i.updated_at, i.deleted_at, c.display_name "
                         "FROM interactions i LEFT JOIN contacts c ON c.id = i.contact_id WHERE i.id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the interaction"));
    if (!q.next())
        return Error { Tr::tr("The interaction no longer exists."), Error::Code::NotFound };
    Interaction i;
    int c = 0;
    i.id = id;
    i.contactId = q.value(c++).toLongLong();
    i.userId = q.value(c++).toLongLong();
    i.campaignId = q.value(c++).toLongLong();
    i.channel = q.value(c++).toString();
    i.direction = q.value(c++).toString();
    i.occurredAt = Sql::time(q.value(c++));
    i.subject = q.value(c++).toString();
    i.body = q.value(c++).toString();
    const QVariant sentiment = q.value(c++);
    if (!sentiment.isNull())
        i.sentiment = sentiment.toInt();
    i.outcome = q.value(c++).toString();
    i.url = q.value(c++).toString();
    i.source = q.value(c++).toString();
    i.externalId = q.value(c++).toString();
    i.version = q.value(c++).toInt();
    i.createdAt = Sql::time(q.value(c++));
    i.updatedAt = Sql::time(q.value(c++));
    i.inTrash = !q.value(c++).isNull();
    i.contactName = q.value(c++).toString();
    return i;
}

Status InteractionRepository::setTrash(qint64 id, bool trash)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    QSqlQuery q(m_db.connection());
    const qint64 now = Sql::nowMs();
    q.prepare(QStringLiteral("UPDATE interactions SET deleted_at = :deleted, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE id = :id RETURNING contact_id"));
    q.bindValue(QStringLiteral(":deleted"), trash ? QVariant(now) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, trash ? Tr::tr("deleting the interaction") : Tr::tr("restoring the interaction"));
    if (!q.next())
        return Error { Tr::tr("The interaction no longer exists."), Error::Code::NotFound };
    const qint64 contactId = q.value(0).toLongLong();
    q.finish();
    if (contactId > 0)
        if (Status s = HealthRepository::recomputeContact(m_db, contactId); !s)
            return s;
    if (Status s = AuditLog::record(
            m_db, trash ? QStringLiteral("trash") : QStringLiteral("restore"), QStringLiteral("interaction"), id);
        !s)
        return s;
    return tx.commit();
}

Status InteractionRepository::moveToTrash(qint64 id)
{
    return setTrash(id, true);
}

Status InteractionRepository::restore(qint64 id)
{
    return setTrash(id, false);
}
