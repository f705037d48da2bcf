#include "campaignrepository.h"

#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/softdelete.h"
#include "storage/sqlhelpers.h"
#include "storage/versionedwrite.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CampaignRepository)
};

Status validate(Campaign &c)
{
    c.name = c.name.trimmed();
    if (c.name.isEmpty())
        return Error::validation(QStringLiteral("name"), Tr::tr("A campaign needs a name."));
    if (c.name.size() > 300)
        return Error::validation(QStringLiteral("name"), Tr::tr("The name can be at most 300 characters long."));
    if (!Campaign::statuses().contains(c.status))
        return Error::validation(QStringLiteral("status"), Tr::tr("Unknown campaign status “%1”.").arg(c.status));
    if (c.startsAt.isValid() && c.endsAt.isValid() && c.endsAt < c.startsAt)
        return Error::validation(QStringLiteral("endsAt"), Tr::tr("The campaign cannot end before it starts."));
    return {};
}

void bind(QSqlQuery &q, const Campaign &c)
{
    q.bindValue(QStringLiteral(":client_id"), Sql::id(c.clientId));
    q.bindValue(QStringLiteral(":name"), c.name);
    q.bindValue(QStringLiteral(":description"), Sql::text(c.description));
    q.bindValue(QStringLiteral(":status"), c.status);
    q.bindValue(QStringLiteral(":starts_at"), Sql::time(c.startsAt));
    q.bindValue(QStringLiteral(":ends_at"), Sql::time(c.endsAt));
    q.bindValue(QStringLiteral(":owner_id"), Sql::id(c.ownerId));
    q.bindValue(QStringLiteral(":goals"), Sql::text(c.goals));
    q.bindValue(QStringLiteral(":key_messages"), Sql::text(c.keyMessages));
    q.bindValue(QStringLiteral(":topics"), Sql::text(c.topics.join(u'\n')));
}

// What create and update share; `c` is validated (and its name trimmed) before.
VersionedWrite::Write write(const Campaign &c, const QString &doing)
{
    VersionedWrite::Write w;
    w.table = QStringLiteral("campaigns");
    w.columns = QStringLiteral(
        "client_id, name, description, status, starts_at, ends_at, owner_id, goals, key_messages, topics");
    w.bind = [&c](QSqlQuery &q) { bind(q, c); };
    w.auditEntity = QStringLiteral("campaign");
    w.auditDetails = c.name;
    w.doing = doing;
    return w;
}

// The team besides the owner, replaced as a whole in the campaign's write transaction.
Status writeMembers(Database &db, const Campaign &c)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("DELETE FROM campaign_members WHERE campaign_id = :campaign"));
    q.bindValue(QStringLiteral(":campaign"), c.id);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("saving the campaign's team"));
    QList<qint64> written;
    for (qint64 userId : c.memberIds) {
        if (userId <= 0 || written.contains(userId))
            continue;
        written.append(userId);
        q.prepare(QStringLiteral("INSERT INTO campaign_members (campaign_id, user_id) VALUES (:campaign, :user)"));
        q.bindValue(QStringLiteral(":campaign"), c.id);
        q.bindValue(QStringLiteral(":user"), userId);
        if (!q.exec())
            return db.errorFrom(q, Tr::tr("saving the campaign's team"));
    }
    return {};
}

const QString kSelect = QStringLiteral(
    "SELECT id, client_id, name, description, status, starts_at, ends_at, owner_id, created_at, updated_at, version, "
    "goals, key_messages, topics "
    "FROM campaigns ");

Campaign read(const QSqlQuery &q)
{
    Campaign c;
    c.id = q.value(0).toLongLong();
    c.clientId = q.value(1).toLongLong();
    c.name = q.value(2).toString();
    c.description = q.value(3).toString();
    c.status = q.value(4).toString();
    c.startsAt = Sql::time(q.value(5));
    c.endsAt = Sql::time(q.value(6));
    c.ownerId = q.value(7).toLongLong();
    c.createdAt = Sql::time(q.value(8));
    c.updatedAt = Sql::time(q.value(9));
    c.version = q.value(10).toInt();
    c.goals = q.value(11).toString();
    c.keyMessages = q.value(12).toString();
    c.topics = q.value(13).toString().split(u'\n', Qt::SkipEmptyParts);
    return c;
}

} // namespace

Status CampaignRepository::create(Campaign &c)
{
    if (Status s = validate(c); !s)
        return s;
    VersionedWrite::Write w = write(c, Tr::tr("adding the campaign"));
    w.after = [this, &c] { return writeMembers(m_db, c); };
    return VersionedWrite::create(m_db, c, w);
}

Status CampaignRepository::update(Campaign &c)
{
    if (c.id <= 0)
        return Error { Tr::tr("This campaign has not been saved yet."), Error::Code::NotFound };
    if (Status s = validate(c); !s)
        return s;
    VersionedWrite::Write w = write(c, Tr::tr("saving the campaign"));
    w.conflict = Tr::tr("“%1” was changed or deleted by someone else since you opened it. Reload it to see "
                        "their changes; yours were not saved.")
                     .arg(c.name);
    w.after = [this, &c] { return writeMembers(m_db, c); };
    return VersionedWrite::update(m_db, c, w);
}

Result<Campaign> CampaignRepository::get(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(kSelect + QStringLiteral("WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the campaign"));
    if (!q.next())
        return Error { Tr::tr("The campaign no longer exists."), Error::Code::NotFound };
    Campaign c = read(q);
    q.finish();
    q.prepare(QStringLiteral("SELECT user_id FROM campaign_members WHERE campaign_id = :id ORDER BY user_id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the campaign"));
    while (q.next())
        c.memberIds.append(q.value(0).toLongLong());
    return c;
}

Status CampaignRepository::moveToTrash(qint64 id)
{
    return SoftDelete::setTrashed(m_db,
        { QStringLiteral("campaigns"), QStringLiteral("campaign"), Tr::tr("moving the campaign to the trash"),
            Tr::tr("restoring the campaign"), Tr::tr("The campaign no longer exists.") },
        id, true);
}

Status CampaignRepository::restore(qint64 id)
{
    return SoftDelete::setTrashed(m_db,
        { QStringLiteral("campaigns"), QStringLiteral("campaign"), Tr::tr("moving the campaign to the trash"),
            Tr::tr("restoring the campaign"), Tr::tr("The campaign no longer exists.") },
        id, false);
}

Result<QList<Campaign>> CampaignRepository::list(qint64 clientId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(kSelect
        + QStringLiteral("WHERE deleted_at IS NULL AND (:client = 0 OR client_id = :client) "
                         "ORDER BY starts_at DESC, id DESC"));
    q.bindValue(QStringLiteral(":client"), clientId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("listing campaigns"));
    QList<Campaign> out;
    while (q.next())
        out.append(read(q));
    return out;
}

Result<Pitch> CampaignRepository::addPitch(qint64 campaignId, qint64 contactId)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT display_name, do_not_contact, do_not_contact_reason FROM contacts "
                             "WHERE id = :id AND deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("adding the pitch"));
    if (!q.next())
        return Error { Tr::tr("The contact no longer exists."), Error::Code::NotFound };
    if (q.value(1).toInt() != 0)
        return Error { Tr::tr("%1 asked not to be contacted (%2): they cannot be pitched.")
                           .arg(q.value(0).toString(),
                               q.value(2).toString().isEmpty() ? Tr::tr("no reason given") : q.value(2).toString()),
            Error::Code::Validation, QStringLiteral("contact") };
    q.finish();
    const qint64 now = Sql::nowMs();
    q.prepare(
        QStringLiteral("INSERT INTO pitches (campaign_id, contact_id, user_id, status, created_at, updated_at, "
                       "updated_by, version) VALUES (:campaign, :contact, :user, 'planned', :now, :now, :user, 1) "
                       "RETURNING id"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    q.bindValue(QStringLiteral(":contact"), contactId);
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":now"), now);
    if (!q.exec() || !q.next()) {
        Error e = m_db.errorFrom(q, Tr::tr("adding the pitch"));
        if (e.code == Error::Code::Conflict)
            e.message = Tr::tr("This contact is already on the campaign's pitch list.");
        return e;
    }
    Pitch p;
    p.id = q.value(0).toLongLong();
    p.campaignId = campaignId;
    p.contactId = contactId;
    p.version = 1;
    q.finish();
    if (Status s = AuditLog::record(m_db, QStringLiteral("create"), QStringLiteral("pitch"), p.id); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return p;
}

Status CampaignRepository::setPitchStatus(qint64 pitchId, const QString &status)
{
    if (!Pitch::statuses().contains(status))
        return Error::validation(QStringLiteral("status"), Tr::tr("Unknown pitch status “%1”.").arg(status));
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    const qint64 now = Sql::nowMs();
    const bool pitched = status != u"planned";
    const bool replied = pitched && status != u"pitched";
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "UPDATE pitches SET status = :status, "
        "pitched_at = CASE WHEN :pitched = 1 THEN coalesce(pitched_at, :now) ELSE pitched_at END, "
        "replied_at = CASE WHEN :replied = 1 THEN coalesce(replied_at, :now) ELSE replied_at END, "
        "updated_at = :now, updated_by = :user, version = version + 1 WHERE id = :id AND deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":status"), status);
    q.bindValue(QStringLiteral(":pitched"), pitched ? 1 : 0);
    q.bindValue(QStringLiteral(":replied"), replied ? 1 : 0);
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":id"), pitchId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("saving the pitch"));
    if (q.numRowsAffected() != 1)
        return Error { Tr::tr("The pitch no longer exists."), Error::Code::NotFound };
    q.finish();
    if (Status s = AuditLog::record(m_db, QStringLiteral("status"), QStringLiteral("pitch"), pitchId, status); !s)
        return s;
    return tx.commit();
}

Result<QList<Pitch>> CampaignRepository::pitches(qint64 campaignId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, campaign_id, contact_id, status, pitched_at, replied_at, notes, version "
                             "FROM pitches WHERE campaign_id = :campaign AND deleted_at IS NULL ORDER BY id"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("listing pitches"));
    QList<Pitch> out;
    while (q.next()) {
        Pitch p;
        p.id = q.value(0).toLongLong();
        p.campaignId = q.value(1).toLongLong();
        p.contactId = q.value(2).toLongLong();
        p.status = q.value(3).toString();
        p.pitchedAt = Sql::time(q.value(4));
        p.repliedAt = Sql::time(q.value(5));
        p.notes = q.value(6).toString();
        p.version = q.value(7).toInt();
        out.append(p);
    }
    return out;
}
