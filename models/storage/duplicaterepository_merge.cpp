// DuplicateRepository: merging two contacts and undoing it (finding pairs is in duplicaterepository.cpp).
#include "duplicaterepository.h"

#include "storage/auditlog.h"
#include "storage/bulkcontactrepository.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DuplicateRepository)
};

QString digitsOf(const QString &phone)
{
    QString digits;
    for (const QChar ch : phone)
        if (ch.isDigit())
            digits += ch;
    return digits;
}

// The kept contact after the merge: its own values, the other's where it has none.
Contact mergedFields(Contact keep, const Contact &other)
{
    auto fill = [](QString &mine, const QString &theirs) {
        if (mine.trimmed().isEmpty())
            mine = theirs;
    };
    fill(keep.firstName, other.firstName);
    fill(keep.lastName, other.lastName);
    fill(keep.title, other.title);
    if (keep.organizationId <= 0) {
        keep.organizationId = other.organizationId;
        fill(keep.organizationRole, other.organizationRole);
    }
    fill(keep.city, other.city);
    fill(keep.country, other.country);
    fill(keep.timeZone, other.timeZone);
    fill(keep.preferredChannel, other.preferredChannel);
    fill(keep.pronouns, other.pronouns);
    if (keep.reach <= 0)
        keep.reach = other.reach;
    if (keep.ownerId <= 0)
        keep.ownerId = other.ownerId;
    if (keep.consentBasis.trimmed().isEmpty()) {
        keep.consentBasis = other.consentBasis;
        keep.consentAt = other.consentAt;
        keep.consentSource = other.consentSource;
    }
    // A refusal is never lost in a merge.
    if (other.doNotContact && !keep.doNotContact) {
        keep.doNotContact = true;
        keep.doNotContactReason = other.doNotContactReason;
    }
    if (other.lastContactedAt.isValid()
        && (!keep.lastContactedAt.isValid() || other.lastContactedAt > keep.lastContactedAt))
        keep.lastContactedAt = other.lastContactedAt;
    if (!other.notes.trimmed().isEmpty())
        keep.notes = keep.notes.trimmed().isEmpty() ? other.notes : keep.notes + QStringLiteral("\n\n") + other.notes;
    return keep;
}

QJsonArray jsonIds(const QList<qint64> &ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return array;
}

} // namespace

Result<QList<qint64>> DuplicateRepository::ids(const QString &sql, const QList<std::pair<QString, QVariant>> &binds)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const auto &[name, value] : binds)
        q.bindValue(name, value);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("merging the contacts"));
    QList<qint64> result;
    while (q.next())
        result.append(q.value(0).toLongLong());
    return result;
}

Result<int> DuplicateRepository::version(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT version FROM contacts WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("merging the contacts"));
    if (!q.next())
        return Error { Tr::tr("The contact no longer exists."), Error::Code::NotFound };
    return q.value(0).toInt();
}

Status DuplicateRepository::moveRows(
    const QString &table, const QList<qint64> &rowIds, qint64 to, int positionShift, bool positioned)
{
    if (rowIds.isEmpty())
        return {};
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE ") + table + QStringLiteral(" SET contact_id = :to")
        + (positioned ? QStringLiteral(", position = position + :shift") : QString()) + QStringLiteral(" WHERE ")
        + BulkContactRepository::idCondition(m_db, QStringLiteral("id")));
    q.bindValue(QStringLiteral(":to"), to);
    q.bindValue(QStringLiteral(":ids"), BulkContactRepository::idList(m_db, rowIds));
    if (positioned)
        q.bindValue(QStringLiteral(":shift"), positionShift);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("merging the contacts"));
    return {};
}

Status DuplicateRepository::moveKeyedRows(
    const QString &table, const QString &keyColumn, const QList<qint64> &keys, qint64 from, qint64 to)
{
    if (keys.isEmpty())
        return {};
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE ") + table + QStringLiteral(" SET contact_id = :to WHERE contact_id = :from AND ")
        + BulkContactRepository::idCondition(m_db, keyColumn));
    q.bindValue(QStringLiteral(":to"), to);
    q.bindValue(QStringLiteral(":from"), from);
    q.bindValue(QStringLiteral(":ids"), BulkContactRepository::idList(m_db, keys));
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("merging the contacts"));
    return {};
}

Status DuplicateRepository::writeFields(const Contact &c, const QVariant &deletedAt, bool setDeleted)
{
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("UPDATE contacts SET first_name = :first_name, last_name = :last_name, title = :title, "
                       "organization_id = :organization_id, organization_role = :organization_role, kind = :kind, "
                       "city = :city, country = :country, time_zone = :time_zone, reach = :reach, "
                       "preferred_channel = :preferred_channel, pronouns = :pronouns, notes = :notes, "
                       "do_not_contact = :do_not_contact, do_not_contact_reason = :do_not_contact_reason, "
                       "consent_basis = :consent_basis, consent_at = :consent_at, consent_source = :consent_source, "
                       "owner_id = :owner_id, last_contacted_at = :last_contacted_at, version = version + 1, "
                       "updated_at = :now, updated_by = :user")
        + (setDeleted ? QStringLiteral(", deleted_at = :deleted_at") : QString()) + QStringLiteral(" WHERE id = :id"));
    q.bindValue(QStringLiteral(":first_name"), Sql::text(c.firstName));
    q.bindValue(QStringLiteral(":last_name"), Sql::text(c.lastName));
    q.bindValue(QStringLiteral(":title"), Sql::text(c.title));
    q.bindValue(QStringLiteral(":organization_id"), Sql::id(c.organizationId));
    q.bindValue(QStringLiteral(":organization_role"), Sql::text(c.organizationRole));
    q.bindValue(QStringLiteral(":kind"), c.kind);
    q.bindValue(QStringLiteral(":city"), Sql::text(c.city));
    q.bindValue(QStringLiteral(":country"), Sql::text(c.country));
    q.bindValue(QStringLiteral(":time_zone"), Sql::text(c.timeZone));
    q.bindValue(QStringLiteral(":reach"), Sql::id(c.reach));
    q.bindValue(QStringLiteral(":preferred_channel"), Sql::text(c.preferredChannel));
    q.bindValue(QStringLiteral(":pronouns"), Sql::text(c.pronouns));
    q.bindValue(QStringLiteral(":notes"), Sql::text(c.notes));
    q.bindValue(QStringLiteral(":do_not_contact"), c.doNotContact ? 1 : 0);
    q.bindValue(QStringLiteral(":do_not_contact_reason"), Sql::text(c.doNotContactReason));
    q.bindValue(QStringLiteral(":consent_basis"), Sql::text(c.consentBasis));
    q.bindValue(QStringLiteral(":consent_at"), Sql::time(c.consentAt));
    q.bindValue(QStringLiteral(":consent_source"), Sql::text(c.consentSource));
    q.bindValue(QStringLiteral(":owner_id"), Sql::id(c.ownerId));
    q.bindValue(QStringLiteral(":last_contacted_at"), Sql::time(c.lastContactedAt));
    q.bindValue(QStringLiteral(":now"), Sql::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    if (setDeleted)
        q.bindValue(QStringLiteral(":deleted_at"), deletedAt);
    q.bindValue(QStringLiteral(":id"), c.id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("merging the contacts"));
    return {};
}

Result<MergeRecord> DuplicateRepository::merge(qint64 keepId, qint64 otherId)
{
    if (keepId == otherId)
        return Error { Tr::tr("A contact cannot be merged with itself."), Error::Code::Validation };
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    ContactRepository contacts(m_db);
    Result<Contact> keep = contacts.get(keepId);
    if (!keep)
        return keep.error();
    Result<Contact> other = contacts.get(otherId);
    if (!other)
        return other.error();
    if (keep->inTrash || other->inTrash)
        return Error { Tr::tr("“%1” is in the trash: restore it before merging.")
                           .arg(keep->inTrash ? keep->displayName : other->displayName),
            Error::Code::Conflict };

    MergeRecord r;
    r.keepId = keepId;
    r.otherId = otherId;
    r.keptBefore = *keep;
    r.otherNotesBefore = other->notes;
    const QList<std::pair<QString, QVariant>> both { { QStringLiteral(":keep"), keepId },
        { QStringLiteral(":other"), otherId } };
    const QList<std::pair<QString, QVariant>> fromOther { { QStringLiteral(":other"), otherId } };
    struct Select
    {
        QList<qint64> *into;
        QString sql;
        bool both;
    };
    const Select selects[] = {
        { &r.emailIds,
            QStringLiteral("SELECT id FROM contact_emails WHERE contact_id = :other AND normalized NOT IN "
                           "(SELECT normalized FROM contact_emails WHERE contact_id = :keep) ORDER BY id"),
            true },
        { &r.handleIds, QStringLiteral("SELECT id FROM handles WHERE contact_id = :other ORDER BY id"), false },
        { &r.tagIds,
            QStringLiteral("SELECT tag_id FROM contact_tags WHERE contact_id = :other AND tag_id NOT IN "
                           "(SELECT tag_id FROM contact_tags WHERE contact_id = :keep) ORDER BY tag_id"),
            true },
        { &r.mediaListIds,
            QStringLiteral("SELECT media_list_id FROM media_list_members WHERE contact_id = :other AND "
                           "media_list_id NOT IN (SELECT media_list_id FROM media_list_members "
                           "WHERE contact_id = :keep) ORDER BY media_list_id"),
            true },
        { &r.pitchIds,
            QStringLiteral("SELECT id FROM pitches WHERE contact_id = :other AND campaign_id NOT IN "
                           "(SELECT campaign_id FROM pitches WHERE contact_id = :keep) ORDER BY id"),
            true },
        { &r.interactionIds, QStringLiteral("SELECT id FROM interactions WHERE contact_id = :other ORDER BY id"),
            false },
        { &r.coverageIds, QStringLiteral("SELECT id FROM coverage WHERE contact_id = :other ORDER BY id"), false },
        { &r.followUpIds, QStringLiteral("SELECT id FROM follow_ups WHERE contact_id = :other ORDER BY id"), false },
        { &r.engagementIds, QStringLiteral("SELECT id FROM engagement_events WHERE contact_id = :other ORDER BY id"),
            false },
        { &r.socialAccountIds, QStringLiteral("SELECT id FROM social_accounts WHERE contact_id = :other ORDER BY id"),
            false },
    };
    for (const Select &select : selects) {
        Result<QList<qint64>> found = ids(select.sql, select.both ? both : fromOther);
        if (!found)
            return found.error();
        *select.into = std::move(found).value();
    }
    // Phones match on their digits, which SQL cannot portably extract.
    QSet<QString> keptDigits;
    for (const ContactPhone &p : keep->phones)
        keptDigits.insert(digitsOf(p.phone));
    {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT id, phone FROM contact_phones WHERE contact_id = :other ORDER BY id"));
        q.bindValue(QStringLiteral(":other"), otherId);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("merging the contacts"));
        while (q.next()) {
            if (!keptDigits.contains(digitsOf(q.value(1).toString())))
                r.phoneIds.append(q.value(0).toLongLong());
        }
    }
    r.emailOffset = int(keep->emails.size());
    r.phoneOffset = int(keep->phones.size());

    // Both contacts' versions first: the history records the rows that move as changes of existing contacts
    // (schema v21 leaves out rows written while a contact is at version 1, its creation).
    Status s = writeFields(mergedFields(*keep, *other));
    if (s) {
        Contact trashed = *other;
        const QString note = Tr::tr("Merged into “%1” (#%2) on %3.")
                                 .arg(keep->displayName)
                                 .arg(keepId)
                                 .arg(QDate::currentDate().toString(Qt::ISODate));
        trashed.notes = trashed.notes.trimmed().isEmpty() ? note : trashed.notes + QStringLiteral("\n\n") + note;
        s = writeFields(trashed, Sql::nowMs(), true);
    }
    if (s)
        s = moveRows(QStringLiteral("contact_emails"), r.emailIds, keepId, r.emailOffset, true);
    if (s)
        s = moveRows(QStringLiteral("contact_phones"), r.phoneIds, keepId, r.phoneOffset, true);
    const std::pair<QString, const QList<qint64> *> plain[] = { { QStringLiteral("handles"), &r.handleIds },
        { QStringLiteral("pitches"), &r.pitchIds }, { QStringLiteral("interactions"), &r.interactionIds },
        { QStringLiteral("coverage"), &r.coverageIds }, { QStringLiteral("follow_ups"), &r.followUpIds },
        { QStringLiteral("engagement_events"), &r.engagementIds },
        { QStringLiteral("social_accounts"), &r.socialAccountIds } };
    for (const auto &[table, list] : plain)
        if (s)
            s = moveRows(table, *list, keepId);
    if (s)
        s = moveKeyedRows(QStringLiteral("contact_tags"), QStringLiteral("tag_id"), r.tagIds, otherId, keepId);
    if (s)
        s = moveKeyedRows(
            QStringLiteral("media_list_members"), QStringLiteral("media_list_id"), r.mediaListIds, otherId, keepId);
    if (s)
        s = BulkContactRepository(m_db).refreshSearchExtra({ keepId, otherId });
    if (s) {
        const QJsonObject moved { { QStringLiteral("emails"), jsonIds(r.emailIds) },
            { QStringLiteral("phones"), jsonIds(r.phoneIds) }, { QStringLiteral("handles"), jsonIds(r.handleIds) },
            { QStringLiteral("tags"), jsonIds(r.tagIds) }, { QStringLiteral("media_lists"), jsonIds(r.mediaListIds) },
            { QStringLiteral("pitches"), jsonIds(r.pitchIds) },
            { QStringLiteral("interactions"), jsonIds(r.interactionIds) },
            { QStringLiteral("coverage"), jsonIds(r.coverageIds) },
            { QStringLiteral("follow_ups"), jsonIds(r.followUpIds) },
            { QStringLiteral("engagement_events"), jsonIds(r.engagementIds) },
            { QStringLiteral("social_accounts"), jsonIds(r.socialAccountIds) } };
        const QJsonObject details { { QStringLiteral("kept"), keepId }, { QStringLiteral("merged"), otherId },
            { QStringLiteral("moved"), moved } };
        s = AuditLog::record(m_db, QStringLiteral("merge"), QStringLiteral("contact"), keepId,
            QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
    }
    if (!s)
        return s.error();
    Result<int> keptVersion = version(keepId);
    Result<int> otherVersion = version(otherId);
    if (!keptVersion || !otherVersion)
        return keptVersion ? otherVersion.error() : keptVersion.error();
    r.keptVersionAfter = *keptVersion;
    r.otherVersionAfter = *otherVersion;
    if (Status committed = tx.commit(); !committed)
        return committed.error();
    return r;
}

Status DuplicateRepository::unmerge(const MergeRecord &r)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    Result<int> keptVersion = version(r.keepId);
    Result<int> otherVersion = version(r.otherId);
    if (!keptVersion || !otherVersion)
        return keptVersion ? otherVersion.error() : keptVersion.error();
    if (*keptVersion != r.keptVersionAfter || *otherVersion != r.otherVersionAfter)
        return Error { Tr::tr("The merge of “%1” cannot be undone: one of the two contacts was changed since.")
                           .arg(r.keptBefore.displayName),
            Error::Code::Conflict };
    Result<Contact> other = ContactRepository(m_db).get(r.otherId);
    if (!other)
        return other.error();
    Status s = writeFields(r.keptBefore);
    if (s) {
        Contact restored = *other;
        restored.notes = r.otherNotesBefore;
        s = writeFields(restored, QVariant(QMetaType::fromType<qint64>()), true);
    }
    if (s)
        s = moveRows(QStringLiteral("contact_emails"), r.emailIds, r.otherId, -r.emailOffset, true);
    if (s)
        s = moveRows(QStringLiteral("contact_phones"), r.phoneIds, r.otherId, -r.phoneOffset, true);
    const std::pair<QString, const QList<qint64> *> plain[] = { { QStringLiteral("handles"), &r.handleIds },
        { QStringLiteral("pitches"), &r.pitchIds }, { QStringLiteral("interactions"), &r.interactionIds },
        { QStringLiteral("coverage"), &r.coverageIds }, { QStringLiteral("follow_ups"), &r.followUpIds },
        { QStringLiteral("engagement_events"), &r.engagementIds },
        { QStringLiteral("social_accounts"), &r.socialAccountIds } };
    for (const auto &[table, list] : plain)
        if (s)
            s = moveRows(table, *list, r.otherId);
    if (s)
        s = moveKeyedRows(QStringLiteral("contact_tags"), QStringLiteral("tag_id"), r.tagIds, r.keepId, r.otherId);
    if (s)
        s = moveKeyedRows(
            QStringLiteral("media_list_members"), QStringLiteral("media_list_id"), r.mediaListIds, r.keepId, r.otherId);
    if (s)
        s = BulkContactRepository(m_db).refreshSearchExtra({ r.keepId, r.otherId });
    if (s) {
        const QJsonObject details { { QStringLiteral("kept"), r.keepId }, { QStringLiteral("restored"), r.otherId } };
        s = AuditLog::record(m_db, QStringLiteral("unmerge"), QStringLiteral("contact"), r.keepId,
            QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
    }
    if (!s)
        return s;
    return tx.commit();
}
