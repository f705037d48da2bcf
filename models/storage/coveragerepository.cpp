#include "coveragerepository.h"

#include "domain/url.h"
#include "storage/database.h"
#include "storage/pitchmoves.h"
#include "storage/softdelete.h"
#include "storage/sqlhelpers.h"
#include "storage/versionedwrite.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>
#include <QSqlQuery>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CoverageRepository)
};

const QString kColumns = QStringLiteral(
    "cv.id, cv.campaign_id, cv.pitch_id, cv.contact_id, cv.organization_id, cv.interaction_id, cv.title, cv.url, "
    "cv.url_key, cv.published_at, cv.reach, cv.sentiment, cv.created_at, cv.updated_at, cv.version");

Coverage read(const QSqlQuery &q)
{
    Coverage c;
    c.id = q.value(0).toLongLong();
    c.campaignId = q.value(1).toLongLong();
    c.pitchId = q.value(2).toLongLong();
    c.contactId = q.value(3).toLongLong();
    c.organizationId = q.value(4).toLongLong();
    c.interactionId = q.value(5).toLongLong();
    c.title = q.value(6).toString();
    c.url = q.value(7).toString();
    c.urlKey = q.value(8).toString();
    c.publishedAt = Sql::time(q.value(9));
    c.reach = q.value(10).isNull() ? -1 : q.value(10).toLongLong();
    c.sentimentKnown = !q.value(11).isNull();
    c.sentiment = q.value(11).toInt();
    c.createdAt = Sql::time(q.value(12));
    c.updatedAt = Sql::time(q.value(13));
    c.version = q.value(14).toInt();
    return c;
}

SoftDelete::Entity entity()
{
    return { QStringLiteral("coverage"), QStringLiteral("coverage"), Tr::tr("moving the coverage to the trash"),
        Tr::tr("restoring the coverage"), Tr::tr("This coverage no longer exists.") };
}

} // namespace

Status CoverageRepository::validate(Coverage &c)
{
    c.title = c.title.simplified();
    c.url = c.url.trimmed();
    if (c.title.isEmpty())
        return Error::validation(QStringLiteral("title"), Tr::tr("Enter the headline."));
    if (c.title.size() > kMaxTitle)
        return Error::validation(
            QStringLiteral("title"), Tr::tr("The headline can be at most %1 characters long.").arg(kMaxTitle));
    c.urlKey.clear();
    if (!c.url.isEmpty()) { // broadcast and print coverage may have no address
        Result<QString> key = Url::coverageKey(c.url);
        if (!key)
            return key.error();
        c.urlKey = *key;
        c.url = Url::withScheme(c.url);
    }
    if (c.reach < -1)
        return Error::validation(QStringLiteral("reach"), Tr::tr("The reach cannot be negative."));
    if (c.sentimentKnown && (c.sentiment < -1 || c.sentiment > 1))
        return Error::validation(QStringLiteral("sentiment"), Tr::tr("Unknown sentiment."));
    return {};
}

Result<qint64> CoverageRepository::findByKey(const QString &urlKey, qint64 exceptId)
{
    if (urlKey.isEmpty())
        return qint64(0);
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id FROM coverage WHERE url_key = :key AND deleted_at IS NULL AND id <> :except"));
    q.bindValue(QStringLiteral(":key"), urlKey);
    q.bindValue(QStringLiteral(":except"), exceptId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("looking for the same article"));
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

Error CoverageRepository::duplicateError(qint64 existingId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT cv.title, cv.published_at, o.name, ca.name, ct.display_name FROM coverage cv "
                             "LEFT JOIN organizations o ON o.id = cv.organization_id "
                             "LEFT JOIN campaigns ca ON ca.id = cv.campaign_id "
                             "LEFT JOIN contacts ct ON ct.id = cv.contact_id WHERE cv.id = :id"));
    q.bindValue(QStringLiteral(":id"), existingId);
    QString what = Tr::tr("another coverage entry");
    if (q.exec() && q.next()) {
        QStringList parts;
        if (!q.value(2).toString().isEmpty())
            parts << q.value(2).toString();
        if (!q.value(4).toString().isEmpty())
            parts << q.value(4).toString();
        if (!q.value(1).isNull())
            parts << QLocale().toString(Sql::time(q.value(1)).toLocalTime().date(), QLocale::ShortFormat);
        what = u'“' + q.value(0).toString() + u'”';
        if (!parts.isEmpty())
            what += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + u')';
        if (!q.value(3).toString().isEmpty())
            what = Tr::tr("%1 in the campaign “%2”").arg(what, q.value(3).toString());
    }
    return Error { Tr::tr("This article is already recorded as coverage: %1.").arg(what), Error::Code::Conflict,
        QStringLiteral("url") };
}

Status CoverageRepository::linkPitch(const Coverage &c, qint64 previousPitchId, QString *pitchStatusBefore)
{
    if (pitchStatusBefore)
        pitchStatusBefore->clear();
    if (c.pitchId <= 0 || c.pitchId == previousPitchId)
        return {};
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT campaign_id FROM pitches WHERE id = :id AND deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":id"), c.pitchId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("linking the pitch"));
    if (!q.next())
        return Error::validation(
            QStringLiteral("pitch"), Tr::tr("That pitch no longer exists or was taken off the media list."));
    if (c.campaignId > 0 && q.value(0).toLongLong() != c.campaignId)
        return Error::validation(QStringLiteral("pitch"), Tr::tr("That pitch belongs to another campaign."));
    q.finish();
    Result<PitchMoves::Moved> moved = PitchMoves::moveInTransaction(m_db, c.pitchId, QStringLiteral("covered"));
    if (!moved)
        return moved.error();
    if (pitchStatusBefore)
        *pitchStatusBefore = moved->fromStatus;
    return {};
}

namespace {

VersionedWrite::Write write(const Coverage &c, const QString &doing)
{
    VersionedWrite::Write w;
    w.table = QStringLiteral("coverage");
    w.columns = QStringLiteral("campaign_id, pitch_id, contact_id, organization_id, interaction_id, title, url, "
                               "url_key, published_at, reach, sentiment");
    w.bind = [&c](QSqlQuery &q) {
        q.bindValue(QStringLiteral(":campaign_id"), Sql::id(c.campaignId));
        q.bindValue(QStringLiteral(":pitch_id"), Sql::id(c.pitchId));
        q.bindValue(QStringLiteral(":contact_id"), Sql::id(c.contactId));
        q.bindValue(QStringLiteral(":organization_id"), Sql::id(c.organizationId));
        q.bindValue(QStringLiteral(":interaction_id"), Sql::id(c.interactionId));
        q.bindValue(QStringLiteral(":title"), c.title);
        q.bindValue(QStringLiteral(":url"), Sql::text(c.url));
        q.bindValue(QStringLiteral(":url_key"), Sql::text(c.urlKey));
        q.bindValue(QStringLiteral(":published_at"), Sql::time(c.publishedAt));
        q.bindValue(
            QStringLiteral(":reach"), c.reach >= 0 ? QVariant(c.reach) : QVariant(QMetaType::fromType<qint64>()));
        q.bindValue(QStringLiteral(":sentiment"),
            c.sentimentKnown ? QVariant(c.sentiment) : QVariant(QMetaType::fromType<int>()));
    };
    w.auditEntity = QStringLiteral("coverage");
    w.auditDetails = c.title;
    w.doing = doing;
    return w;
}

} // namespace

Status CoverageRepository::create(Coverage &c, QString *pitchStatusBefore)
{
    if (Status s = validate(c); !s)
        return s;
    VersionedWrite::Write w = write(c, Tr::tr("adding the coverage"));
    qint64 clash = 0;
    w.before = [this, &c, &clash]() -> Status {
        Result<qint64> existing = findByKey(c.urlKey);
        if (!existing)
            return existing.error();
        clash = *existing;
        return clash ? Status(Error { QString(), Error::Code::Conflict, QStringLiteral("url") }) : Status();
    };
    w.after = [this, &c, pitchStatusBefore]() { return linkPitch(c, 0, pitchStatusBefore); };
    Status s = VersionedWrite::create(m_db, c, w);
    if (!s && s.error().code == Error::Code::Conflict && !c.urlKey.isEmpty()) {
        // Ours (found before writing) or the unique index's (someone recorded it at the same moment).
        if (!clash)
            if (Result<qint64> existing = findByKey(c.urlKey); existing && *existing)
                clash = *existing;
        if (clash)
            return duplicateError(clash);
    }
    if (!s)
        c.id = 0;
    return s;
}

Status CoverageRepository::update(Coverage &c, QString *pitchStatusBefore)
{
    if (c.id <= 0)
        return Error { Tr::tr("This coverage has not been saved yet."), Error::Code::NotFound };
    if (Status s = validate(c); !s)
        return s;
    VersionedWrite::Write w = write(c, Tr::tr("saving the coverage"));
    w.conflict = Tr::tr("“%1” was changed or deleted by someone else since you opened it; your changes were not "
                        "saved.")
                     .arg(c.title);
    w.liveOnly = true;
    qint64 clash = 0;
    qint64 previousPitch = 0;
    w.before = [this, &c, &clash, &previousPitch]() -> Status {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT pitch_id FROM coverage WHERE id = :id"));
        q.bindValue(QStringLiteral(":id"), c.id);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("saving the coverage"));
        if (q.next())
            previousPitch = q.value(0).toLongLong();
        Result<qint64> existing = findByKey(c.urlKey, c.id);
        if (!existing)
            return existing.error();
        clash = *existing;
        return clash ? Status(Error { QString(), Error::Code::Conflict, QStringLiteral("url") }) : Status();
    };
    w.after
        = [this, &c, &previousPitch, pitchStatusBefore]() { return linkPitch(c, previousPitch, pitchStatusBefore); };
    Status s = VersionedWrite::update(m_db, c, w);
    if (!s && s.error().code == Error::Code::Conflict && !c.urlKey.isEmpty()) {
        if (!clash)
            if (Result<qint64> existing = findByKey(c.urlKey, c.id); existing && *existing)
                clash = *existing;
        if (clash)
            return duplicateError(clash);
    }
    return s;
}

Result<Coverage> CoverageRepository::get(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM coverage cv WHERE cv.id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the coverage"));
    if (!q.next())
        return Error { Tr::tr("This coverage no longer exists."), Error::Code::NotFound };
    return read(q);
}

Result<QList<CoverageRepository::Row>> CoverageRepository::list(qint64 campaignId)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kColumns
        + QStringLiteral(", o.name, ct.display_name, pc.display_name, p.status FROM coverage cv "
                         "LEFT JOIN organizations o ON o.id = cv.organization_id "
                         "LEFT JOIN contacts ct ON ct.id = cv.contact_id "
                         "LEFT JOIN pitches p ON p.id = cv.pitch_id "
                         "LEFT JOIN contacts pc ON pc.id = p.contact_id "
                         "WHERE cv.campaign_id = :campaign AND cv.deleted_at IS NULL "
                         "ORDER BY cv.published_at DESC, cv.id DESC"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("listing the campaign's coverage"));
    QList<Row> out;
    while (q.next())
        out.append(Row {
            read(q), q.value(15).toString(), q.value(16).toString(), q.value(17).toString(), q.value(18).toString() });
    return out;
}

Status CoverageRepository::moveToTrash(qint64 id)
{
    return SoftDelete::setTrashed(m_db, entity(), id, true);
}

Status CoverageRepository::restore(qint64 id)
{
    Result<Coverage> c = get(id);
    if (!c)
        return c.error();
    if (Result<qint64> clash = findByKey(c->urlKey, id); !clash)
        return clash.error();
    else if (*clash)
        return duplicateError(*clash);
    Status s = SoftDelete::setTrashed(m_db, entity(), id, false);
    if (!s && s.error().code == Error::Code::Conflict)
        if (Result<qint64> clash = findByKey(c->urlKey, id); clash && *clash)
            return duplicateError(*clash);
    return s;
}

Status CoverageRepository::movePitch(qint64 pitchId, const QString &status)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    Result<PitchMoves::Moved> moved = PitchMoves::moveInTransaction(m_db, pitchId, status);
    if (!moved)
        return moved.error();
    return tx.commit();
}

Result<QList<CoverageRepository::PitchChoice>> CoverageRepository::pitchChoices(qint64 campaignId)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.id, p.contact_id, c.display_name, p.status, c.organization_id, o.name, o.reach "
                             "FROM pitches p JOIN contacts c ON c.id = p.contact_id "
                             "LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL "
                             "WHERE p.campaign_id = :campaign AND p.deleted_at IS NULL "
                             "ORDER BY c.sort_name, p.id"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("listing the campaign's pitches"));
    QList<PitchChoice> out;
    while (q.next())
        out.append(PitchChoice { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toString(),
            q.value(6).isNull() ? -1 : q.value(6).toLongLong() });
    return out;
}

Result<int> CoverageRepository::backfillUrlKeys(Database &db)
{
    const QString doing = Tr::tr("giving recorded coverage its URL key");
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    QSet<QString> live;
    if (!q.exec(QStringLiteral("SELECT url_key FROM coverage WHERE url_key IS NOT NULL AND deleted_at IS NULL")))
        return db.errorFrom(q, doing);
    while (q.next())
        live.insert(q.value(0).toString());
    struct Row
    {
        qint64 id;
        QString url;
        bool trashed;
    };
    QList<Row> rows;
    if (!q.exec(QStringLiteral(
            "SELECT id, url, deleted_at FROM coverage WHERE url_key IS NULL AND url IS NOT NULL ORDER BY id")))
        return db.errorFrom(q, doing);
    while (q.next())
        rows.append({ q.value(0).toLongLong(), q.value(1).toString(), !q.value(2).isNull() });
    q.finish();
    QSqlQuery update(db.connection());
    update.prepare(QStringLiteral("UPDATE coverage SET url_key = :key WHERE id = :id"));
    int keyed = 0;
    for (const Row &r : std::as_const(rows)) {
        const Result<QString> key = Url::coverageKey(r.url);
        if (!key)
            continue;
        if (!r.trashed) { // the unique index holds among live rows only
            if (live.contains(*key))
                continue;
            live.insert(*key);
        }
        update.bindValue(QStringLiteral(":key"), *key);
        update.bindValue(QStringLiteral(":id"), r.id);
        if (!update.exec())
            return db.errorFrom(update, doing);
        ++keyed;
    }
    return keyed;
}
