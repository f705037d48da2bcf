#include "pitchrepository.h"

#include "core/clock.h"
#include "domain/pitchstatus.h"
#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/interactionrepository.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSet>
#include <QSqlQuery>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PitchRepository)
};

QString statusWord(const QString &status)
{
    return PitchStatus::label(status);
}

bool pastPlanned(const QString &status)
{
    return status != u"planned";
}

bool pastPitched(const QString &status)
{
    return status != u"planned" && status != u"pitched";
}

} // namespace

QString PitchRepository::AddOutcome::summary() const
{
    QString text = Tr::tr("Added %n person(s) to the media list.", nullptr, int(addedPitchIds.size()));
    if (refused.isEmpty())
        return text;
    QStringList reasons;
    for (const Refusal &r : refused.mid(0, 5))
        reasons << r.message;
    text += u' ' + Tr::tr("%n not added:", nullptr, int(refused.size())) + u' ' + reasons.join(u' ');
    if (refused.size() > 5)
        text += u' ' + Tr::tr("(and %n more)", nullptr, int(refused.size() - 5));
    return text;
}

QStringList PitchRepository::MediaListRow::warnings() const
{
    QStringList out;
    if (doNotContact)
        out << (doNotContactReason.isEmpty() ? Tr::tr("Do not contact.")
                                             : Tr::tr("Do not contact: %1.").arg(doNotContactReason));
    if (!consentRecorded)
        out << Tr::tr("No recorded consent.");
    if (recentlyPitchedAt.isValid()) {
        const qint64 days = recentlyPitchedAt.daysTo(Clock::now());
        const QString when = days <= 0 ? Tr::tr("today") : Tr::tr("%n day(s) ago", nullptr, int(days));
        out << (recentlyPitchedCampaign.isEmpty() ? Tr::tr("Pitched %1.").arg(when)
                                                  : Tr::tr("Pitched %1 for “%2”.").arg(when, recentlyPitchedCampaign));
    }
    return out;
}

Result<PitchRepository::AddOutcome> PitchRepository::addToMediaList(qint64 campaignId, const QList<qint64> &contactIds)
{
    AddOutcome out;
    const QString doing = Tr::tr("adding people to the media list");
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT id FROM campaigns WHERE id = :id AND deleted_at IS NULL"));
        q.bindValue(QStringLiteral(":id"), campaignId);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        if (!q.next())
            return Error { Tr::tr("The campaign no longer exists."), Error::Code::NotFound };
    }
    const qint64 now = Clock::nowMs();
    const QVariant user = Sql::id(m_db.currentUserId());
    QSqlQuery person(m_db.connection());
    // PostgreSQL: lock the person until commit, so they cannot be trashed or marked do-not-contact between
    // this check and the insert. SQLite: BEGIN IMMEDIATE already serialises writers.
    person.prepare(QStringLiteral("SELECT display_name, do_not_contact, do_not_contact_reason, deleted_at "
                                  "FROM contacts WHERE id = :id")
        + (m_db.isPostgres() ? QStringLiteral(" FOR UPDATE") : QString()));
    QSqlQuery existing(m_db.connection());
    existing.prepare(
        QStringLiteral("SELECT id, deleted_at FROM pitches WHERE campaign_id = :campaign AND contact_id = :contact"));
    QSqlQuery insert(m_db.connection());
    insert.prepare(QStringLiteral(
        "INSERT INTO pitches (campaign_id, contact_id, user_id, status, created_at, updated_at, updated_by, version) "
        "VALUES (:campaign, :contact, :user, 'planned', :now, :now, :user, 1) RETURNING id"));
    QSqlQuery revive(m_db.connection());
    revive.prepare(QStringLiteral("UPDATE pitches SET deleted_at = NULL, updated_at = :now, updated_by = :user, "
                                  "version = version + 1 WHERE id = :id"));
    QSqlQuery moveRow(m_db.connection());
    moveRow.prepare(QStringLiteral("INSERT INTO pitch_moves (pitch_id, from_status, to_status, moved_at, moved_by) "
                                   "VALUES (:pitch, NULL, 'planned', :now, :user)"));

    QSet<qint64> seen;
    for (qint64 contactId : contactIds) {
        if (seen.contains(contactId))
            continue;
        seen.insert(contactId);
        person.bindValue(QStringLiteral(":id"), contactId);
        if (!person.exec())
            return m_db.errorFrom(person, doing);
        Refusal refusal;
        refusal.contactId = contactId;
        if (!person.next()) {
            refusal.reason = Refusal::Reason::Missing;
            refusal.message = Tr::tr("Contact no. %1 no longer exists.").arg(contactId);
            out.refused.append(refusal);
            continue;
        }
        refusal.name = person.value(0).toString();
        const bool doNotContact = person.value(1).toInt() != 0;
        const QString reason = person.value(2).toString();
        const bool trashed = !person.value(3).isNull();
        person.finish();
        if (trashed) {
            refusal.reason = Refusal::Reason::Trashed;
            refusal.message = Tr::tr("%1 is in the trash.").arg(refusal.name);
            out.refused.append(refusal);
            continue;
        }
        if (doNotContact) {
            refusal.reason = Refusal::Reason::DoNotContact;
            refusal.message = Tr::tr("%1 asked not to be contacted (%2).")
                                  .arg(refusal.name, reason.isEmpty() ? Tr::tr("no reason given") : reason);
            out.refused.append(refusal);
            continue;
        }
        existing.bindValue(QStringLiteral(":campaign"), campaignId);
        existing.bindValue(QStringLiteral(":contact"), contactId);
        if (!existing.exec())
            return m_db.errorFrom(existing, doing);
        qint64 pitchId = 0;
        if (existing.next()) {
            pitchId = existing.value(0).toLongLong();
            const bool live = existing.value(1).isNull();
            existing.finish();
            if (live) {
                refusal.reason = Refusal::Reason::AlreadyListed;
                refusal.message = Tr::tr("%1 is already on the media list.").arg(refusal.name);
                out.refused.append(refusal);
                continue;
            }
            revive.bindValue(QStringLiteral(":now"), now);
            revive.bindValue(QStringLiteral(":user"), user);
            revive.bindValue(QStringLiteral(":id"), pitchId);
            if (!revive.exec())
                return m_db.errorFrom(revive, doing);
            if (Status s = AuditLog::record(m_db, QStringLiteral("restore"), QStringLiteral("pitch"), pitchId); !s)
                return s.error();
        } else {
            existing.finish();
            insert.bindValue(QStringLiteral(":campaign"), campaignId);
            insert.bindValue(QStringLiteral(":contact"), contactId);
            insert.bindValue(QStringLiteral(":user"), user);
            insert.bindValue(QStringLiteral(":now"), now);
            if (!insert.exec() || !insert.next())
                return m_db.errorFrom(insert, doing);
            pitchId = insert.value(0).toLongLong();
            insert.finish();
            moveRow.bindValue(QStringLiteral(":pitch"), pitchId);
            moveRow.bindValue(QStringLiteral(":now"), now);
            moveRow.bindValue(QStringLiteral(":user"), user);
            if (!moveRow.exec())
                return m_db.errorFrom(moveRow, doing);
            if (Status s = AuditLog::record(m_db, QStringLiteral("create"), QStringLiteral("pitch"), pitchId); !s)
                return s.error();
        }
        out.addedPitchIds.append(pitchId);
        out.addedContactIds.append(contactId);
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return out;
}

Status PitchRepository::setTrashed(const QList<qint64> &pitchIds, bool trash)
{
    if (pitchIds.isEmpty())
        return {};
    const QString doing
        = trash ? Tr::tr("removing people from the media list") : Tr::tr("putting people back on the media list");
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE pitches SET deleted_at = :deleted, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE ")
        + Sql::inIdArray(m_db.isPostgres(), QStringLiteral("id"))
        + (trash ? QStringLiteral(" AND deleted_at IS NULL") : QStringLiteral(" AND deleted_at IS NOT NULL")));
    const qint64 now = Clock::nowMs();
    q.bindValue(QStringLiteral(":deleted"), trash ? QVariant(now) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(m_db.isPostgres(), pitchIds));
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (q.numRowsAffected() != pitchIds.size())
        return Error { trash ? Tr::tr("Someone else changed this media list meanwhile; nothing was removed.")
                             : Tr::tr("Someone else changed this media list meanwhile; nobody was put back."),
            Error::Code::Conflict };
    q.finish();
    for (qint64 id : pitchIds)
        if (Status s = AuditLog::record(
                m_db, trash ? QStringLiteral("trash") : QStringLiteral("restore"), QStringLiteral("pitch"), id);
            !s)
            return s;
    return tx.commit();
}

Status PitchRepository::removeFromMediaList(const QList<qint64> &pitchIds)
{
    return setTrashed(pitchIds, true);
}

Status PitchRepository::restoreToMediaList(const QList<qint64> &pitchIds)
{
    return setTrashed(pitchIds, false);
}

Result<QList<PitchRepository::MediaListRow>> PitchRepository::mediaList(qint64 campaignId)
{
    const QString doing = Tr::tr("loading the media list");
    const qint64 since = Clock::nowMs() - qint64(kRecentPitchDays) * 24 * 3600 * 1000;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT p.id, p.contact_id, c.display_name, c.title, o.name, c.health_score, c.last_contacted_at, "
        "p.status, p.version, c.do_not_contact, c.do_not_contact_reason, "
        "CASE WHEN coalesce(c.consent_basis, '') <> '' OR c.consent_at IS NOT NULL THEN 1 ELSE 0 END, "
        "(SELECT p2.pitched_at FROM pitches p2 WHERE p2.contact_id = p.contact_id AND p2.id <> p.id "
        "  AND p2.deleted_at IS NULL AND p2.pitched_at >= :since ORDER BY p2.pitched_at DESC LIMIT 1), "
        "(SELECT k.name FROM pitches p3 JOIN campaigns k ON k.id = p3.campaign_id WHERE p3.contact_id = p.contact_id "
        "  AND p3.id <> p.id AND p3.deleted_at IS NULL AND p3.pitched_at >= :since "
        "  ORDER BY p3.pitched_at DESC LIMIT 1), "
        "(SELECT max(i.occurred_at) FROM interactions i WHERE i.contact_id = p.contact_id AND i.channel = 'pitch' "
        "  AND i.direction = 'outbound' AND i.deleted_at IS NULL AND i.occurred_at >= :since "
        "  AND (i.pitch_id IS NULL OR i.pitch_id <> p.id)) "
        "FROM pitches p JOIN contacts c ON c.id = p.contact_id "
        "LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL "
        "WHERE p.campaign_id = :campaign AND p.deleted_at IS NULL AND c.deleted_at IS NULL "
        "ORDER BY c.sort_name, p.id"));
    q.bindValue(QStringLiteral(":since"), since);
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    QList<MediaListRow> rows;
    QHash<qint64, int> byContact;
    while (q.next()) {
        MediaListRow r;
        r.pitchId = q.value(0).toLongLong();
        r.contactId = q.value(1).toLongLong();
        r.name = q.value(2).toString();
        r.title = q.value(3).toString();
        r.outlet = q.value(4).toString();
        r.health = q.value(5).isNull() ? -1 : q.value(5).toInt();
        r.lastContactedAt = Sql::time(q.value(6));
        r.status = q.value(7).toString();
        r.version = q.value(8).toInt();
        r.doNotContact = q.value(9).toInt() != 0;
        r.doNotContactReason = q.value(10).toString();
        r.consentRecorded = q.value(11).toInt() != 0;
        const QDateTime pitched = Sql::time(q.value(12));
        const QDateTime logged = Sql::time(q.value(14));
        if (pitched.isValid() && (!logged.isValid() || pitched >= logged)) {
            r.recentlyPitchedAt = pitched;
            r.recentlyPitchedCampaign = q.value(13).toString();
        } else if (logged.isValid()) {
            r.recentlyPitchedAt = logged;
        }
        byContact.insert(r.contactId, int(rows.size()));
        rows.append(r);
    }
    q.finish();
    q.prepare(QStringLiteral("SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
                             "WHERE t.kind = 'beat' AND ct.contact_id IN (SELECT contact_id FROM pitches "
                             "WHERE campaign_id = :campaign AND deleted_at IS NULL) ORDER BY t.name"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    while (q.next()) {
        const auto it = byContact.constFind(q.value(0).toLongLong());
        if (it != byContact.constEnd())
            rows[*it].beats.append(q.value(1).toString());
    }
    return rows;
}

namespace {

const QString kBoardSelect = QStringLiteral(
    "SELECT p.id, p.contact_id, c.display_name, o.name, p.status, p.version, p.pitched_at, p.replied_at, "
    "coalesce(m.moved_at, p.created_at), u.name "
    "FROM pitches p JOIN contacts c ON c.id = p.contact_id "
    "LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL "
    "LEFT JOIN pitch_moves m ON m.id = (SELECT max(m2.id) FROM pitch_moves m2 WHERE m2.pitch_id = p.id) "
    "LEFT JOIN users u ON u.id = coalesce(m.moved_by, p.updated_by) ");

PitchRepository::BoardRow readBoardRow(const QSqlQuery &q)
{
    PitchRepository::BoardRow r;
    r.pitchId = q.value(0).toLongLong();
    r.contactId = q.value(1).toLongLong();
    r.name = q.value(2).toString();
    r.outlet = q.value(3).toString();
    r.status = q.value(4).toString();
    r.version = q.value(5).toInt();
    r.pitchedAt = Sql::time(q.value(6));
    r.repliedAt = Sql::time(q.value(7));
    r.movedAt = Sql::time(q.value(8));
    r.movedBy = q.value(9).toString();
    return r;
}

} // namespace

Result<QList<PitchRepository::BoardRow>> PitchRepository::board(qint64 campaignId)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(kBoardSelect
        + QStringLiteral("WHERE p.campaign_id = :campaign AND p.deleted_at IS NULL AND c.deleted_at IS NULL "
                         "ORDER BY c.sort_name, p.id"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the pipeline"));
    QList<BoardRow> rows;
    while (q.next())
        rows.append(readBoardRow(q));
    return rows;
}

Result<PitchRepository::BoardRow> PitchRepository::boardRow(qint64 pitchId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(kBoardSelect + QStringLiteral("WHERE p.id = :id AND p.deleted_at IS NULL AND c.deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":id"), pitchId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the pipeline"));
    if (!q.next())
        return Error { Tr::tr("The pitch is no longer on the media list."), Error::Code::NotFound };
    return readBoardRow(q);
}

Result<QList<PitchRepository::Change>> PitchRepository::changedSince(qint64 campaignId, qint64 sinceMs)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.id, p.version, CASE WHEN p.deleted_at IS NULL AND c.deleted_at IS NULL "
                             "THEN 1 ELSE 0 END FROM pitches p JOIN contacts c ON c.id = p.contact_id "
                             "WHERE p.campaign_id = :campaign AND p.updated_at >= :since"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    q.bindValue(QStringLiteral(":since"), sinceMs);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the pipeline"));
    QList<Change> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toInt() != 0 });
    return out;
}

Status PitchRepository::logPitchInteraction(qint64 pitchId, const QDateTime &at, qint64 &interactionId, bool &restored)
{
    // Undo of a move back to planned (a redo, or pitching again at the same time): the interaction that move took
    // out comes back, with its id and any notes added to it meanwhile.
    const qint64 now = Clock::nowMs();
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("UPDATE interactions SET deleted_at = NULL, updated_at = :now, updated_by = :user, "
                       "version = version + 1 WHERE id = (SELECT max(id) FROM interactions WHERE pitch_id = :pitch "
                       "AND channel = 'pitch' AND direction = 'outbound' AND source = 'manual' "
                       "AND occurred_at = :at AND deleted_at IS NOT NULL) RETURNING id"));
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":pitch"), pitchId);
    q.bindValue(QStringLiteral(":at"), Sql::time(at));
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("logging the pitch"));
    if (q.next()) {
        interactionId = q.value(0).toLongLong();
        restored = true;
        q.finish();
        return AuditLog::record(m_db, QStringLiteral("restore"), QStringLiteral("interaction"), interactionId,
            QStringLiteral("pitch marked pitched again"));
    }
    q.finish();
    q.prepare(QStringLiteral("SELECT p.contact_id, p.campaign_id, k.name, ci.title, p.notes FROM pitches p "
                             "JOIN campaigns k ON k.id = p.campaign_id "
                             "LEFT JOIN content_items ci ON ci.id = p.content_item_id AND ci.deleted_at IS NULL "
                             "WHERE p.id = :id"));
    q.bindValue(QStringLiteral(":id"), pitchId);
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, Tr::tr("logging the pitch"));
    Interaction i;
    i.contactId = q.value(0).toLongLong();
    i.campaignId = q.value(1).toLongLong();
    i.channel = QStringLiteral("pitch");
    i.direction = QStringLiteral("outbound");
    i.occurredAt = at;
    const QString content = q.value(3).toString();
    i.subject = content.isEmpty() ? Tr::tr("Pitched for “%1”").arg(q.value(2).toString())
                                  : Tr::tr("Pitched “%1” for “%2”").arg(content, q.value(2).toString());
    i.body = q.value(4).toString();
    q.finish();
    if (Status s = InteractionRepository(m_db).createInTransaction(i); !s)
        return s;
    interactionId = i.id;
    q.prepare(QStringLiteral("UPDATE interactions SET pitch_id = :pitch WHERE id = :id"));
    q.bindValue(QStringLiteral(":pitch"), pitchId);
    q.bindValue(QStringLiteral(":id"), i.id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("logging the pitch"));
    return {};
}

Status PitchRepository::removePitchInteraction(qint64 pitchId, const QDateTime &at, bool &removed)
{
    // Only the interaction the move logged: the pipeline's own outbound pitch at the pitch's time. It goes to the
    // trash rather than being deleted: a redo brings the same row back, and no foreign key has to be checked.
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE interactions SET deleted_at = :now, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE pitch_id = :pitch AND channel = 'pitch' "
                             "AND direction = 'outbound' AND source = 'manual' AND occurred_at = :at "
                             "AND deleted_at IS NULL RETURNING id"));
    q.bindValue(QStringLiteral(":now"), Clock::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":pitch"), pitchId);
    q.bindValue(QStringLiteral(":at"), Sql::time(at));
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("taking the pitch out of the timeline"));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    removed = !ids.isEmpty();
    for (qint64 id : ids)
        if (Status s = AuditLog::record(m_db, QStringLiteral("trash"), QStringLiteral("interaction"), id,
                QStringLiteral("pitch moved back to planned"));
            !s)
            return s;
    return {};
}

Result<PitchRepository::MoveResult> PitchRepository::move(
    qint64 pitchId, const QString &toStatus, int expectedVersion, const MoveStamps *stamps)
{
    return moveChecked(pitchId, toStatus, expectedVersion, QString(), stamps);
}

Result<PitchRepository::MoveResult> PitchRepository::moveIfIn(
    qint64 pitchId, const QString &expectedStatus, const QString &toStatus, const MoveStamps &stamps)
{
    return moveChecked(pitchId, toStatus, -1, expectedStatus, &stamps);
}

Result<PitchRepository::MoveResult> PitchRepository::moveChecked(qint64 pitchId, const QString &toStatus,
    int expectedVersion, const QString &expectedStatus, const MoveStamps *stamps)
{
    if (!Pitch::statuses().contains(toStatus))
        return Error::validation(QStringLiteral("status"), Tr::tr("Unknown pitch status “%1”.").arg(toStatus));
    const QString doing = Tr::tr("moving the pitch");
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT p.campaign_id, p.contact_id, p.status, p.version, p.pitched_at, p.replied_at, "
                             "p.deleted_at, c.display_name FROM pitches p JOIN contacts c ON c.id = p.contact_id "
                             "WHERE p.id = :id")
        + (m_db.isPostgres() ? QStringLiteral(" FOR UPDATE OF p") : QString()));
    q.bindValue(QStringLiteral(":id"), pitchId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (!q.next())
        return Error { Tr::tr("The pitch no longer exists."), Error::Code::NotFound };
    MoveResult r;
    r.pitchId = pitchId;
    r.campaignId = q.value(0).toLongLong();
    r.contactId = q.value(1).toLongLong();
    r.fromStatus = q.value(2).toString();
    r.toStatus = toStatus;
    const int version = q.value(3).toInt();
    r.before = { Sql::time(q.value(4)), Sql::time(q.value(5)) };
    const bool trashed = !q.value(6).isNull();
    const QString name = q.value(7).toString();
    q.finish();
    if (trashed)
        return Error {
            Tr::tr("%1 was taken off the media list by someone else meanwhile; the move was not saved.").arg(name),
            Error::Code::Conflict
        };
    if (expectedStatus.isEmpty() ? version != expectedVersion : r.fromStatus != expectedStatus)
        return Error { Tr::tr("Someone else changed %1's pitch meanwhile (it is in “%2” now); the move was not saved.")
                           .arg(name, statusWord(r.fromStatus)),
            Error::Code::Conflict };

    const QDateTime now = QDateTime::fromMSecsSinceEpoch(Clock::nowMs(), Qt::UTC);
    if (stamps) {
        r.after = *stamps;
    } else {
        r.after.pitchedAt
            = pastPlanned(toStatus) ? (r.before.pitchedAt.isValid() ? r.before.pitchedAt : now) : QDateTime();
        r.after.repliedAt
            = pastPitched(toStatus) ? (r.before.repliedAt.isValid() ? r.before.repliedAt : now) : QDateTime();
    }
    const QVariant user = Sql::id(m_db.currentUserId());
    q.prepare(QStringLiteral("UPDATE pitches SET status = :status, pitched_at = :pitched, replied_at = :replied, "
                             "updated_at = :now, updated_by = :user, version = version + 1 "
                             "WHERE id = :id AND version = :version AND deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":status"), toStatus);
    q.bindValue(QStringLiteral(":pitched"), Sql::time(r.after.pitchedAt));
    q.bindValue(QStringLiteral(":replied"), Sql::time(r.after.repliedAt));
    q.bindValue(QStringLiteral(":now"), now.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":user"), user);
    q.bindValue(QStringLiteral(":id"), pitchId);
    q.bindValue(QStringLiteral(":version"), version);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (q.numRowsAffected() != 1)
        return Error { Tr::tr("Someone else changed %1's pitch meanwhile; the move was not saved.").arg(name),
            Error::Code::Conflict };
    q.finish();
    r.version = version + 1;
    r.movedAt = now;
    q.prepare(QStringLiteral("INSERT INTO pitch_moves (pitch_id, from_status, to_status, moved_at, moved_by) "
                             "VALUES (:pitch, :from, :to, :now, :user)"));
    q.bindValue(QStringLiteral(":pitch"), pitchId);
    q.bindValue(QStringLiteral(":from"), r.fromStatus);
    q.bindValue(QStringLiteral(":to"), toStatus);
    q.bindValue(QStringLiteral(":now"), now.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":user"), user);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    q.finish();

    bool healthDone = false;
    if (!r.before.pitchedAt.isValid() && r.after.pitchedAt.isValid()) {
        bool restored = false;
        if (Status s = logPitchInteraction(pitchId, r.after.pitchedAt, r.loggedInteractionId, restored); !s)
            return s.error();
        healthDone = !restored; // a new interaction's insert recomputed it
    } else if (r.before.pitchedAt.isValid() && !r.after.pitchedAt.isValid()) {
        if (Status s = removePitchInteraction(pitchId, r.before.pitchedAt, r.interactionRemoved); !s)
            return s.error();
    }
    // The health score counts interactions and pitches answered (HEALTH.md); last contacted follows the interactions.
    if (!healthDone)
        if (Status s = HealthRepository::recomputeContact(m_db, r.contactId); !s)
            return s.error();
    if (Status s = AuditLog::record(m_db, QStringLiteral("move"), QStringLiteral("pitch"), pitchId,
            r.fromStatus + QStringLiteral(" → ") + toStatus);
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return r;
}

Result<QList<PitchMove>> PitchRepository::moves(qint64 pitchId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, from_status, to_status, moved_at, moved_by FROM pitch_moves "
                             "WHERE pitch_id = :id ORDER BY moved_at, id"));
    q.bindValue(QStringLiteral(":id"), pitchId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the pitch's moves"));
    QList<PitchMove> out;
    while (q.next()) {
        PitchMove m;
        m.id = q.value(0).toLongLong();
        m.pitchId = pitchId;
        m.fromStatus = q.value(1).toString();
        m.toStatus = q.value(2).toString();
        m.movedAt = Sql::time(q.value(3));
        m.movedBy = q.value(4).toLongLong();
        out.append(m);
    }
    return out;
}

Result<QList<PitchRepository::ReplyProposal>> PitchRepository::replyProposals(qint64 campaignId)
{
    const QString after
        = QStringLiteral("i%1.contact_id = p.contact_id AND i%1.direction = 'inbound' AND i%1.deleted_at IS NULL "
                         "AND i%1.occurred_at > p.pitched_at AND i%1.occurred_at > coalesce(p.reply_dismissed_at, 0)");
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT x.id, x.contact_id, c.display_name, x.version, i.id, i.occurred_at, i.channel, "
                             "i.subject, i.source, x.latest FROM (SELECT p.id, p.contact_id, p.version, "
                             "(SELECT i1.id FROM interactions i1 WHERE ")
        + after.arg(1)
        + QStringLiteral(" ORDER BY i1.occurred_at, i1.id LIMIT 1) AS first_id, "
                         "(SELECT max(i2.occurred_at) FROM interactions i2 WHERE ")
        + after.arg(2)
        + QStringLiteral(") AS latest FROM pitches p WHERE p.campaign_id = :campaign AND p.status = 'pitched' "
                         "AND p.deleted_at IS NULL AND p.pitched_at IS NOT NULL) x "
                         "JOIN interactions i ON i.id = x.first_id JOIN contacts c ON c.id = x.contact_id "
                         "WHERE c.deleted_at IS NULL ORDER BY c.sort_name, x.id"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("looking for replies"));
    QList<ReplyProposal> out;
    while (q.next()) {
        ReplyProposal r;
        r.pitchId = q.value(0).toLongLong();
        r.contactId = q.value(1).toLongLong();
        r.name = q.value(2).toString();
        r.version = q.value(3).toInt();
        r.interactionId = q.value(4).toLongLong();
        r.at = Sql::time(q.value(5));
        r.channel = q.value(6).toString();
        r.subject = q.value(7).toString();
        r.source = q.value(8).toString();
        r.latestAt = Sql::time(q.value(9));
        out.append(r);
    }
    return out;
}

Result<PitchRepository::MoveResult> PitchRepository::acceptReply(const ReplyProposal &proposal)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT pitched_at FROM pitches WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), proposal.pitchId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("moving the pitch"));
    if (!q.next())
        return Error { Tr::tr("The pitch no longer exists."), Error::Code::NotFound };
    const MoveStamps stamps { Sql::time(q.value(0)), proposal.at };
    q.finish();
    return move(proposal.pitchId, QStringLiteral("replied"), proposal.version, &stamps);
}

Result<int> PitchRepository::setReplyDismissedAt(qint64 pitchId, const QDateTime &upTo, int expectedVersion)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE pitches SET reply_dismissed_at = :upto, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE id = :id AND version = :version AND deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":upto"), Sql::time(upTo));
    q.bindValue(QStringLiteral(":now"), Clock::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":id"), pitchId);
    q.bindValue(QStringLiteral(":version"), expectedVersion);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("dismissing the reply"));
    if (q.numRowsAffected() != 1)
        return Error { Tr::tr("Someone else changed this pitch meanwhile; nothing was changed."),
            Error::Code::Conflict };
    q.finish();
    if (Status s = AuditLog::record(m_db, QStringLiteral("dismiss_reply"), QStringLiteral("pitch"), pitchId); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return expectedVersion + 1;
}

Status PitchRepository::setReplyDismissedAtIf(qint64 pitchId, const QDateTime &upTo, const QDateTime &expected)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE pitches SET reply_dismissed_at = :upto, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE id = :id AND deleted_at IS NULL AND ")
        + (expected.isValid() ? QStringLiteral("reply_dismissed_at = :expected")
                              : QStringLiteral("reply_dismissed_at IS NULL")));
    q.bindValue(QStringLiteral(":upto"), Sql::time(upTo));
    q.bindValue(QStringLiteral(":now"), Clock::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":id"), pitchId);
    if (expected.isValid())
        q.bindValue(QStringLiteral(":expected"), Sql::time(expected));
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("dismissing the reply"));
    if (q.numRowsAffected() != 1)
        return Error { Tr::tr("Someone else changed this pitch meanwhile; nothing was changed."),
            Error::Code::Conflict };
    q.finish();
    if (Status s = AuditLog::record(m_db, QStringLiteral("dismiss_reply"), QStringLiteral("pitch"), pitchId); !s)
        return s;
    return tx.commit();
}

Result<QDateTime> PitchRepository::replyDismissedAt(qint64 pitchId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT reply_dismissed_at FROM pitches WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), pitchId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the pitch"));
    if (!q.next())
        return Error { Tr::tr("The pitch no longer exists."), Error::Code::NotFound };
    return Sql::time(q.value(0));
}
