#include "storage/importrepository.h"

#include "domain/text.h"
#include "domain/validation.h"
#include "storage/auditlog.h"
#include "storage/bulkinserter.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportRepository)
};

// From this many records, an import into a database with at most twice as many contacts defers the contact
// tables' indexes (ImportRepository::run).
constexpr int kDeferIndexesFrom = 5000;
// ... unless more than this many existing contacts are to be filled or overwritten.
constexpr int kDeferIndexesMaxUpdates = 100;

QString nameKey(const Contact &c)
{
    return Text::sortKey(c.displayName) + u'\x1f' + c.organizationName.trimmed().toLower();
}

QStringList identityKeys(const Contact &c)
{
    QStringList keys;
    for (const ContactEmail &e : c.emails)
        keys.append(u"email:"_s + Validation::normalizeEmail(e.email));
    for (const Handle &h : c.handles)
        if (!h.normalized.isEmpty())
            keys.append(h.network + u':' + h.normalized);
    return keys;
}

// Adds what `from` has and `into` lacks (empty fields; new emails, phones, handles, beats, tags). With
// `overwrite`, `from`'s non-empty fields replace `into`'s.
void merge(Contact &into, const Contact &from, bool overwrite)
{
    auto take = [overwrite](QString &a, const QString &b) {
        if (!b.isEmpty() && (overwrite || a.isEmpty()))
            a = b;
    };
    take(into.firstName, from.firstName);
    take(into.lastName, from.lastName);
    take(into.displayName, from.displayName);
    take(into.title, from.title);
    take(into.city, from.city);
    take(into.country, from.country);
    take(into.timeZone, from.timeZone);
    take(into.consentBasis, from.consentBasis);
    if (overwrite && !from.notes.isEmpty())
        into.notes = from.notes;
    else if (!from.notes.isEmpty() && !into.notes.contains(from.notes))
        into.notes = into.notes.isEmpty() ? from.notes : into.notes + u'\n' + from.notes;
    if (!from.organizationName.isEmpty() && (overwrite || into.organizationName.isEmpty())) {
        into.organizationName = from.organizationName;
        into.organizationId = from.organizationId;
    }
    if (from.reach > 0 && (overwrite || into.reach == 0))
        into.reach = from.reach;
    if (from.ownerId > 0 && (overwrite || into.ownerId == 0))
        into.ownerId = from.ownerId;
    if (overwrite && from.kind != into.kind && !from.kind.isEmpty())
        into.kind = from.kind;
    into.doNotContact = into.doNotContact || from.doNotContact;
    for (const ContactEmail &e : from.emails) {
        bool found = false;
        for (const ContactEmail &x : into.emails)
            found = found || Validation::normalizeEmail(x.email) == Validation::normalizeEmail(e.email);
        if (!found)
            into.emails.append(e);
    }
    for (const ContactPhone &p : from.phones) {
        bool found = false;
        for (const ContactPhone &x : into.phones)
            found = found || x.phone == p.phone;
        if (!found)
            into.phones.append(p);
    }
    for (const Handle &h : from.handles) {
        bool found = false;
        for (const Handle &x : into.handles)
            found = found || (x.network == h.network && x.normalized == h.normalized);
        if (!found)
            into.handles.append(h);
    }
    for (const QString &b : from.beats)
        if (!into.beats.contains(b, Qt::CaseInsensitive))
            into.beats.append(b);
    for (const QString &t : from.tags)
        if (!into.tags.contains(t, Qt::CaseInsensitive))
            into.tags.append(t);
}

QJsonObject toJson(const Contact &c)
{
    QJsonArray emails, phones, handles;
    for (const ContactEmail &e : c.emails)
        emails.append(QJsonArray { e.label, e.email });
    for (const ContactPhone &p : c.phones)
        phones.append(QJsonArray { p.label, p.phone });
    for (const Handle &h : c.handles)
        handles.append(QJsonArray { h.network, h.handle });
    return QJsonObject {
        { u"first_name"_s, c.firstName },
        { u"last_name"_s, c.lastName },
        { u"display_name"_s, c.displayName },
        { u"title"_s, c.title },
        { u"organization_id"_s, c.organizationId },
        { u"kind"_s, c.kind },
        { u"city"_s, c.city },
        { u"country"_s, c.country },
        { u"time_zone"_s, c.timeZone },
        { u"reach"_s, c.reach },
        { u"notes"_s, c.notes },
        { u"do_not_contact"_s, c.doNotContact },
        { u"consent_basis"_s, c.consentBasis },
        { u"owner_id"_s, c.ownerId },
        { u"emails"_s, emails },
        { u"phones"_s, phones },
        { u"handles"_s, handles },
        { u"beats"_s, QJsonArray::fromStringList(c.beats) },
        { u"tags"_s, QJsonArray::fromStringList(c.tags) },
    };
}

void fromJson(Contact &c, const QJsonObject &o)
{
    c.firstName = o.value(u"first_name"_s).toString();
    c.lastName = o.value(u"last_name"_s).toString();
    c.displayName = o.value(u"display_name"_s).toString();
    c.title = o.value(u"title"_s).toString();
    c.organizationId = o.value(u"organization_id"_s).toInteger();
    c.kind = o.value(u"kind"_s).toString();
    c.city = o.value(u"city"_s).toString();
    c.country = o.value(u"country"_s).toString();
    c.timeZone = o.value(u"time_zone"_s).toString();
    c.reach = o.value(u"reach"_s).toInteger();
    c.notes = o.value(u"notes"_s).toString();
    c.doNotContact = o.value(u"do_not_contact"_s).toBool();
    c.consentBasis = o.value(u"consent_basis"_s).toString();
    c.ownerId = o.value(u"owner_id"_s).toInteger();
    c.emails.clear();
    for (const QJsonValue &v : o.value(u"emails"_s).toArray())
        c.emails.append({ v.toArray().at(0).toString(), v.toArray().at(1).toString() });
    c.phones.clear();
    for (const QJsonValue &v : o.value(u"phones"_s).toArray())
        c.phones.append({ v.toArray().at(0).toString(), v.toArray().at(1).toString() });
    c.handles.clear();
    for (const QJsonValue &v : o.value(u"handles"_s).toArray())
        c.handles.append({ v.toArray().at(0).toString(), v.toArray().at(1).toString(), QString() });
    c.beats.clear();
    for (const QJsonValue &v : o.value(u"beats"_s).toArray())
        c.beats.append(v.toString());
    c.tags.clear();
    for (const QJsonValue &v : o.value(u"tags"_s).toArray())
        c.tags.append(v.toString());
}

// The existing live contacts by identity and by name at an outlet.
struct Index
{
    QHash<QString, qint64> byIdentity; // "email:x", "mastodon:y"
    QHash<QString, qint64> byName;
    QHash<qint64, QString> names;
};

Result<Index> loadIndex(Database &db)
{
    Index index;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT e.normalized, e.contact_id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id "
                u"WHERE c.deleted_at IS NULL"_s))
        return db.errorFrom(q, Tr::tr("looking for contacts already there"));
    while (q.next())
        index.byIdentity.insert(u"email:"_s + q.value(0).toString(), q.value(1).toLongLong());
    if (!q.exec(u"SELECT h.network, h.normalized, h.contact_id FROM handles h JOIN contacts c ON c.id = h.contact_id "
                u"WHERE c.deleted_at IS NULL"_s))
        return db.errorFrom(q, Tr::tr("looking for contacts already there"));
    while (q.next())
        index.byIdentity.insert(q.value(0).toString() + u':' + q.value(1).toString(), q.value(2).toLongLong());
    if (!q.exec(u"SELECT c.id, c.display_name, o.name FROM contacts c LEFT JOIN organizations o "
                u"ON o.id = c.organization_id AND o.deleted_at IS NULL WHERE c.deleted_at IS NULL"_s))
        return db.errorFrom(q, Tr::tr("looking for contacts already there"));
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        const QString name = q.value(1).toString();
        index.names.insert(id, name);
        index.byName.insert(Text::sortKey(name) + u'\x1f' + q.value(2).toString().trimmed().toLower(), id);
    }
    return index;
}

std::optional<ImportMatch> match(const Index &index, const ImportRecord &r, int i)
{
    const Contact &c = r.contact;
    for (const ContactEmail &e : c.emails)
        if (const qint64 id = index.byIdentity.value(u"email:"_s + Validation::normalizeEmail(e.email)))
            return ImportMatch { i, id, index.names.value(id), Tr::tr("same email %1").arg(e.email) };
    for (const Handle &h : c.handles)
        if (const qint64 id = index.byIdentity.value(h.network + u':' + h.normalized))
            return ImportMatch { i, id, index.names.value(id), Tr::tr("same handle %1").arg(h.handle) };
    if (!c.organizationName.isEmpty())
        if (const qint64 id = index.byName.value(nameKey(c)))
            return ImportMatch { i, id, index.names.value(id), Tr::tr("same name at %1").arg(c.organizationName) };
    return std::nullopt;
}

Status execBound(Database &db, QSqlQuery &q, const QString &doing)
{
    if (!q.exec())
        return db.errorFrom(q, doing);
    return {};
}

// Writes an edited contact inside the caller's transaction, if it still has c.version (else a conflict): the
// row, its emails, phones, handles, beats and tags, its search text, and the audit entry. The columns an
// import never sets (pronouns, preferred channel, consent date) keep their values.
Status updateContact(Database &db, Contact &c, const QString &doing)
{
    QString organizationName;
    QSqlQuery q(db.connection());
    if (c.organizationId > 0) {
        q.prepare(u"SELECT name FROM organizations WHERE id = :id"_s);
        q.bindValue(u":id"_s, c.organizationId);
        if (!q.exec())
            return db.errorFrom(q, doing);
        if (q.next())
            organizationName = q.value(0).toString();
    }
    const qint64 now = Sql::nowMs();
    const QString extra = ContactRepository::searchExtra(c, organizationName);
    q.prepare(u"UPDATE contacts SET first_name = :first, last_name = :last, display_name = :display, title = :title, "
              u"organization_id = :org, kind = :kind, city = :city, country = :country, time_zone = :tz, "
              u"reach = :reach, notes = :notes, do_not_contact = :dnc, consent_basis = :consent, owner_id = :owner, "
              u"search_extra = :extra, sort_name = :sort, updated_at = :now, updated_by = :user, "
              u"version = version + 1 WHERE id = :id AND version = :version"_s);
    q.bindValue(u":first"_s, Sql::text(c.firstName));
    q.bindValue(u":last"_s, Sql::text(c.lastName));
    q.bindValue(u":display"_s, c.displayName);
    q.bindValue(u":title"_s, Sql::text(c.title));
    q.bindValue(u":org"_s, Sql::id(c.organizationId));
    q.bindValue(u":kind"_s, c.kind);
    q.bindValue(u":city"_s, Sql::text(c.city));
    q.bindValue(u":country"_s, Sql::text(c.country));
    q.bindValue(u":tz"_s, Sql::text(c.timeZone));
    q.bindValue(u":reach"_s, c.reach > 0 ? QVariant(c.reach) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(u":notes"_s, Sql::text(c.notes));
    q.bindValue(u":dnc"_s, c.doNotContact ? 1 : 0);
    q.bindValue(u":consent"_s, Sql::text(c.consentBasis));
    q.bindValue(u":owner"_s, Sql::id(c.ownerId));
    q.bindValue(u":extra"_s, extra.isNull() ? u""_s : extra);
    q.bindValue(u":sort"_s, Text::sortKey(c.displayName));
    q.bindValue(u":now"_s, now);
    q.bindValue(u":user"_s, Sql::id(db.currentUserId()));
    q.bindValue(u":id"_s, c.id);
    q.bindValue(u":version"_s, c.version);
    if (!q.exec())
        return db.errorFrom(q, doing);
    if (q.numRowsAffected() != 1)
        return Error(Tr::tr("“%1” was changed by someone else meanwhile.").arg(c.displayName), Error::Code::Conflict);
    for (const QString &table : { u"contact_emails"_s, u"contact_phones"_s, u"handles"_s, u"contact_tags"_s }) {
        q.prepare(u"DELETE FROM "_s + table + u" WHERE contact_id = :id"_s);
        q.bindValue(u":id"_s, c.id);
        if (!q.exec())
            return db.errorFrom(q, doing);
    }
    int position = 0;
    q.prepare(u"INSERT INTO contact_emails (contact_id, label, email, normalized, position) "
              u"VALUES (:contact, :label, :email, :normalized, :position)"_s);
    for (const ContactEmail &e : std::as_const(c.emails)) {
        q.bindValue(u":contact"_s, c.id);
        q.bindValue(u":label"_s, e.label.isEmpty() ? u"work"_s : e.label);
        q.bindValue(u":email"_s, e.email);
        q.bindValue(u":normalized"_s, Validation::normalizeEmail(e.email));
        q.bindValue(u":position"_s, position++);
        if (!q.exec())
            return db.errorFrom(q, doing);
    }
    position = 0;
    q.prepare(u"INSERT INTO contact_phones (contact_id, label, phone, position) "
              u"VALUES (:contact, :label, :phone, :position)"_s);
    for (const ContactPhone &p : std::as_const(c.phones)) {
        q.bindValue(u":contact"_s, c.id);
        q.bindValue(u":label"_s, p.label.isEmpty() ? u"work"_s : p.label);
        q.bindValue(u":phone"_s, p.phone);
        q.bindValue(u":position"_s, position++);
        if (!q.exec())
            return db.errorFrom(q, doing);
    }
    q.prepare(u"INSERT INTO handles (contact_id, network, handle, normalized) "
              u"VALUES (:contact, :network, :handle, :normalized)"_s);
    for (Handle &h : c.handles) {
        if (h.normalized.isEmpty()) {
            const Result<QString> normalized = Validation::normalizeHandle(h.network, h.handle);
            h.normalized = normalized ? *normalized : h.handle.trimmed().toLower();
        }
        q.bindValue(u":contact"_s, c.id);
        q.bindValue(u":network"_s, h.network);
        q.bindValue(u":handle"_s, h.handle);
        q.bindValue(u":normalized"_s, h.normalized);
        if (!q.exec())
            return db.errorFrom(q, doing);
    }
    QSqlQuery tag(db.connection());
    for (const auto &[names, kind] : { std::pair { &c.beats, u"beat"_s }, std::pair { &c.tags, u"tag"_s } })
        for (const QString &name : *names) {
            if (name.trimmed().isEmpty())
                continue;
            tag.prepare(u"INSERT INTO tags (name, kind) VALUES (:name, :kind) ON CONFLICT DO NOTHING"_s);
            tag.bindValue(u":name"_s, name.trimmed());
            tag.bindValue(u":kind"_s, kind);
            if (!tag.exec())
                return db.errorFrom(tag, doing);
            tag.prepare(u"INSERT INTO contact_tags (contact_id, tag_id) SELECT :contact, id FROM tags "
                        u"WHERE name = :name AND kind = :kind ON CONFLICT DO NOTHING"_s);
            tag.bindValue(u":contact"_s, c.id);
            tag.bindValue(u":name"_s, name.trimmed());
            tag.bindValue(u":kind"_s, kind);
            if (!tag.exec())
                return db.errorFrom(tag, doing);
        }
    if (Status s = AuditLog::record(db, u"update"_s, u"contact"_s, c.id, c.displayName); !s)
        return s;
    c.version += 1;
    return {};
}

} // namespace

namespace DuplicateActions {

QString key(DuplicateAction action)
{
    switch (action) {
    case DuplicateAction::Skip:
        return u"skip"_s;
    case DuplicateAction::Fill:
        return u"fill"_s;
    case DuplicateAction::Overwrite:
        return u"overwrite"_s;
    case DuplicateAction::Create:
        return u"create"_s;
    }
    return QString();
}

std::optional<DuplicateAction> fromKey(QStringView key)
{
    for (DuplicateAction a :
        { DuplicateAction::Skip, DuplicateAction::Fill, DuplicateAction::Overwrite, DuplicateAction::Create })
        if (DuplicateActions::key(a).compare(key, Qt::CaseInsensitive) == 0)
            return a;
    return std::nullopt;
}

QString label(DuplicateAction action)
{
    switch (action) {
    case DuplicateAction::Skip:
        return Tr::tr("Skip");
    case DuplicateAction::Fill:
        return Tr::tr("Fill empty fields");
    case DuplicateAction::Overwrite:
        return Tr::tr("Overwrite");
    case DuplicateAction::Create:
        return Tr::tr("Create anyway");
    }
    return QString();
}

QList<DuplicateAction> all()
{
    return { DuplicateAction::Skip, DuplicateAction::Fill, DuplicateAction::Overwrite, DuplicateAction::Create };
}

} // namespace DuplicateActions

QList<ImportRecord> ImportRepository::mergeWithinFile(const QList<ImportRecord> &records, int *merged)
{
    QList<ImportRecord> out;
    out.reserve(records.size());
    QHash<QString, qsizetype> seen; // identity or name key -> index in out
    int folded = 0;
    for (const ImportRecord &r : records) {
        if (r.hasProblems()) {
            out.append(r);
            continue;
        }
        qsizetype into = -1;
        const QStringList keys = identityKeys(r.contact);
        for (const QString &k : keys)
            if (const auto it = seen.constFind(k); it != seen.constEnd()) {
                into = *it;
                break;
            }
        const QString byName = r.contact.organizationName.isEmpty() ? QString() : nameKey(r.contact);
        if (into < 0 && !byName.isEmpty())
            into = seen.value(u"name:"_s + byName, -1);
        if (into >= 0) {
            merge(out[into].contact, r.contact, false);
            out[into].mergedRows.append(r.row);
            ++folded;
            for (const QString &k : identityKeys(out[into].contact))
                seen.insert(k, into);
            continue;
        }
        out.append(r);
        for (const QString &k : keys)
            seen.insert(k, out.size() - 1);
        if (!byName.isEmpty())
            seen.insert(u"name:"_s + byName, out.size() - 1);
    }
    if (merged)
        *merged = folded;
    return out;
}

Result<QList<ImportMatch>> ImportRepository::findMatches(const QList<ImportRecord> &records)
{
    Result<Index> index = loadIndex(m_db);
    if (!index)
        return index.error();
    QList<ImportMatch> matches;
    for (qsizetype i = 0; i < records.size(); ++i)
        if (!records.at(i).hasProblems())
            if (auto m = match(*index, records.at(i), int(i)))
                matches.append(*m);
    return matches;
}

Result<ImportSummary> ImportRepository::run(const ImportRequest &request, const Progress &progress)
{
    const QString doing = Tr::tr("importing %1").arg(request.fileName);
    ImportSummary summary;
    const int total = int(request.records.size());
    const qint64 now = Sql::nowMs();
    const qint64 userId = m_db.currentUserId();
    const bool postgres = m_db.isPostgres();

    BulkLoadSettings settings(m_db);
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();

    // The batch first, so every item can name it.
    QSqlQuery q(m_db.connection());
    q.prepare(u"INSERT INTO import_batches (file_name, format, user_id, started_at) "
              u"VALUES (:file, :format, :user, :now) RETURNING id"_s);
    q.bindValue(u":file"_s, request.fileName);
    q.bindValue(u":format"_s, request.format);
    q.bindValue(u":user"_s, Sql::id(userId));
    q.bindValue(u":now"_s, now);
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, doing);
    const qint64 batchId = q.value(0).toLongLong();
    q.finish();

    Result<Index> index = loadIndex(m_db);
    if (!index)
        return index.error();

    // SQLite, a large batch of new people next to what is there: the contact tables' indexes, full-text and
    // outlet triggers go out of the way and are rebuilt in one pass at the end, inside this transaction
    // (DeferredIndexes), which is several times faster than keeping them row by row (bench_import). Not for a
    // small import into a large database (rebuilding would cost more than it saves), nor when many existing
    // contacts are to be filled or overwritten (reading each of them needs the indexes). Uniqueness of emails and
    // handles is kept by the identities checked below; the table constraints (handles per network) stay.
    DeferredIndexes deferred(m_db);
    bool deferring = false;
    if (!postgres && total >= kDeferIndexesFrom) {
        int updates = 0;
        for (int i = 0; i < total && updates <= kDeferIndexesMaxUpdates; ++i) {
            const ImportRecord &r = request.records.at(i);
            const DuplicateAction action = request.perRecord.value(i, request.onDuplicate);
            if (!r.hasProblems() && (action == DuplicateAction::Fill || action == DuplicateAction::Overwrite)
                && match(*index, r, i))
                ++updates;
        }
        if (!q.exec(u"SELECT count(*) FROM contacts"_s) || !q.next())
            return m_db.errorFrom(q, doing);
        deferring = updates <= kDeferIndexesMaxUpdates && q.value(0).toLongLong() <= 2 * qint64(total);
        q.finish();
        if (deferring) {
            if (Status s = deferred.defer(
                    { u"contacts"_s, u"contact_emails"_s, u"contact_phones"_s, u"handles"_s, u"contact_tags"_s });
                !s)
                return s.error();
        }
    }

    // Owners by name or login.
    QHash<QString, qint64> users;
    if (!q.exec(u"SELECT id, name, login FROM users WHERE deleted_at IS NULL"_s))
        return m_db.errorFrom(q, doing);
    while (q.next()) {
        users.insert(q.value(1).toString().toLower(), q.value(0).toLongLong());
        users.insert(q.value(2).toString().toLower(), q.value(0).toLongLong());
    }

    // Organizations by name: the live ones, and new ones created for this batch.
    QHash<QString, qint64> organizations;
    if (!q.exec(u"SELECT id, name FROM organizations WHERE deleted_at IS NULL ORDER BY id"_s))
        return m_db.errorFrom(q, doing);
    while (q.next()) {
        const QString key = q.value(1).toString().trimmed().toLower();
        if (!organizations.contains(key))
            organizations.insert(key, q.value(0).toLongLong());
    }
    Result<qint64> nextOrg = BulkInserter::nextId(m_db, u"organizations"_s);
    Result<qint64> nextContact = BulkInserter::nextId(m_db, u"contacts"_s);
    Result<qint64> nextTag = BulkInserter::nextId(m_db, u"tags"_s);
    if (!nextOrg || !nextContact || !nextTag)
        return (!nextOrg ? nextOrg : !nextContact ? nextContact : nextTag).error();
    qint64 orgId = *nextOrg;
    qint64 contactId = *nextContact;
    qint64 tagId = *nextTag;
    if (postgres) {
        // Explicit ids on PostgreSQL come from past the identity sequences, so a concurrent writer's next
        // generated id cannot collide; syncIdentity() moves the sequences past them at the end.
        for (const QString &table : { u"organizations"_s, u"contacts"_s, u"tags"_s }) {
            if (!q.exec(u"LOCK TABLE "_s + table + u" IN SHARE ROW EXCLUSIVE MODE"_s))
                return m_db.errorFrom(q, doing);
        }
        Result<qint64> o = BulkInserter::nextId(m_db, u"organizations"_s);
        Result<qint64> c = BulkInserter::nextId(m_db, u"contacts"_s);
        Result<qint64> t = BulkInserter::nextId(m_db, u"tags"_s);
        if (!o || !c || !t)
            return Error(Tr::tr("The database could not be read."), Error::Code::Storage);
        orgId = *o;
        contactId = *c;
        tagId = *t;
    }

    // Tags by (kind, name).
    QHash<QString, qint64> tags;
    if (!q.exec(u"SELECT id, kind, name FROM tags"_s))
        return m_db.errorFrom(q, doing);
    while (q.next())
        tags.insert(q.value(1).toString() + u'\x1f' + q.value(2).toString(), q.value(0).toLongLong());

    BulkInserter orgRows(m_db, u"organizations"_s,
        { u"id"_s, u"name"_s, u"kind"_s, u"created_at"_s, u"updated_at"_s, u"updated_by"_s, u"version"_s });
    BulkInserter tagRows(m_db, u"tags"_s, { u"id"_s, u"name"_s, u"kind"_s });
    BulkInserter contactRows(m_db, u"contacts"_s,
        { u"id"_s, u"first_name"_s, u"last_name"_s, u"display_name"_s, u"title"_s, u"organization_id"_s, u"kind"_s,
            u"city"_s, u"country"_s, u"time_zone"_s, u"reach"_s, u"notes"_s, u"do_not_contact"_s, u"consent_basis"_s,
            u"owner_id"_s, u"search_extra"_s, u"sort_name"_s, u"created_at"_s, u"updated_at"_s, u"updated_by"_s,
            u"version"_s });
    contactRows.setParent(&orgRows);
    BulkInserter emailRows(
        m_db, u"contact_emails"_s, { u"contact_id"_s, u"label"_s, u"email"_s, u"normalized"_s, u"position"_s });
    BulkInserter phoneRows(m_db, u"contact_phones"_s, { u"contact_id"_s, u"label"_s, u"phone"_s, u"position"_s });
    BulkInserter handleRows(m_db, u"handles"_s, { u"contact_id"_s, u"network"_s, u"handle"_s, u"normalized"_s });
    BulkInserter tagLinks(m_db, u"contact_tags"_s, { u"contact_id"_s, u"tag_id"_s });
    BulkInserter itemRows(m_db, u"import_batch_items"_s,
        { u"batch_id"_s, u"entity"_s, u"entity_id"_s, u"action"_s, u"version_after"_s, u"old_values"_s });
    // contact_tags needs its contact written first (its parent) and its tag: tagFor() writes a new tag at once.
    for (BulkInserter *child : { &emailRows, &phoneRows, &handleRows, &tagLinks })
        child->setParent(&contactRows);

    auto organizationFor = [&](const QString &name) -> Result<qint64> {
        const QString key = name.trimmed().toLower();
        if (key.isEmpty())
            return qint64(0);
        if (const qint64 id = organizations.value(key))
            return id;
        const qint64 id = orgId++;
        if (Status s = orgRows.add({ id, name.trimmed().left(300), u"other"_s, now, now, Sql::id(userId), 1 }); !s)
            return s.error();
        if (Status s = itemRows.add({ batchId, u"organization"_s, id, u"created"_s, 1, QVariant() }); !s)
            return s.error();
        organizations.insert(key, id);
        ++summary.organizationsCreated;
        return id;
    };
    auto tagFor = [&](const QString &name, const QString &kind) -> Result<qint64> {
        if (name.isEmpty())
            return qint64(0);
        const QString key = kind + u'\x1f' + name;
        if (const qint64 id = tags.value(key))
            return id;
        const qint64 id = tagId++;
        if (Status s = tagRows.add({ id, name, kind }); !s)
            return s.error();
        if (Status s = tagRows.finish(); !s) // few: an agency has hundreds of tags, not thousands
            return s.error();
        if (Status s = itemRows.add({ batchId, u"tag"_s, id, u"created"_s, QVariant(), QVariant() }); !s)
            return s.error();
        tags.insert(key, id);
        return id;
    };

    ContactRepository contacts(m_db);
    QSet<QString> takenIdentities; // by contacts created in this batch
    QSet<qint64> updatedIds;
    for (int i = 0; i < total; ++i) {
        if (progress && i % 500 == 0 && !progress(i, total))
            return Error(Tr::tr("The import was cancelled; nothing was imported."), Error::Code::Cancelled);
        const ImportRecord &record = request.records.at(i);
        if (record.hasProblems()) {
            ++summary.problems;
            continue;
        }
        Contact incoming = record.contact;
        if (!record.ownerName.isEmpty()) {
            incoming.ownerId = users.value(record.ownerName.toLower());
            if (!incoming.ownerId)
                summary.notes.append(Tr::tr("Row %1 (line %2): no user is called “%3”; the contact has no owner.")
                                         .arg(record.row)
                                         .arg(record.line)
                                         .arg(record.ownerName));
        }
        const std::optional<ImportMatch> found = match(*index, record, i);
        DuplicateAction action = request.perRecord.value(i, request.onDuplicate);
        if (found && updatedIds.contains(found->contactId) && action != DuplicateAction::Create)
            action = DuplicateAction::Fill; // a second record for a contact already changed in this batch
        if (found && action == DuplicateAction::Skip) {
            ++summary.skipped;
            continue;
        }
        Result<qint64> org = organizationFor(incoming.organizationName);
        if (!org)
            return org.error();
        incoming.organizationId = *org;

        if (found && action != DuplicateAction::Create) {
            // Fill or overwrite the existing contact, keeping its old values for undo.
            if (Status s = orgRows.finish(); !s) // the row written below may refer to a new outlet
                return s.error();
            Result<Contact> existing = contacts.get(found->contactId);
            if (!existing)
                return existing.error();
            Contact updated = *existing;
            const QJsonObject old = toJson(*existing);
            merge(updated, incoming, action == DuplicateAction::Overwrite);
            // Handles another contact owns stay where they are.
            for (qsizetype h = updated.handles.size() - 1; h >= 0; --h) {
                const Handle &handle = updated.handles.at(h);
                const qint64 owner = index->byIdentity.value(handle.network + u':' + handle.normalized);
                if ((owner && owner != updated.id)
                    || takenIdentities.contains(handle.network + u':' + handle.normalized)) {
                    summary.notes.append(Tr::tr("Row %1 (line %2): the handle %3 belongs to another contact and was "
                                                "left out.")
                                             .arg(record.row)
                                             .arg(record.line)
                                             .arg(handle.handle));
                    updated.handles.removeAt(h);
                }
            }
            if (toJson(updated) == old) {
                ++summary.skipped; // nothing new
                continue;
            }
            // Tags and beats exist before ContactRepository links them, so it never picks an id of its own
            // that this batch's next new tag would take.
            for (const auto &[names, kind] :
                { std::pair { &updated.beats, u"beat"_s }, std::pair { &updated.tags, u"tag"_s } })
                for (const QString &name : *names)
                    if (Result<qint64> tag = tagFor(name.trimmed(), kind); !tag)
                        return tag.error();
            if (Status s = updateContact(m_db, updated, doing); !s)
                return Error(Tr::tr("Row %1 (line %2): %3").arg(record.row).arg(record.line).arg(s.error().message),
                    s.error().code);
            const bool first = !updatedIds.contains(updated.id);
            if (first) {
                if (Status s = itemRows.add({ batchId, u"contact"_s, updated.id, u"updated"_s, updated.version,
                        QString::fromUtf8(QJsonDocument(old).toJson(QJsonDocument::Compact)) });
                    !s)
                    return s.error();
                updatedIds.insert(updated.id);
                ++summary.updated;
                summary.contactIds.append(updated.id);
            } else {
                // The item keeps the first old values; its version follows the last write.
                if (Status s = itemRows.finish(); !s)
                    return s.error();
                QSqlQuery v(m_db.connection());
                v.prepare(u"UPDATE import_batch_items SET version_after = :version WHERE batch_id = :batch AND "
                          u"entity = 'contact' AND entity_id = :id"_s);
                v.bindValue(u":version"_s, updated.version);
                v.bindValue(u":batch"_s, batchId);
                v.bindValue(u":id"_s, updated.id);
                if (Status s = execBound(m_db, v, doing); !s)
                    return s.error();
            }
            continue;
        }

        // A new contact. Identities another contact holds (create anyway) are left out: they are unique.
        const qint64 id = contactId++;
        QList<Handle> handles;
        for (const Handle &h : incoming.handles) {
            const QString key = h.network + u':' + h.normalized;
            if (index->byIdentity.contains(key) || takenIdentities.contains(key)) {
                summary.notes.append(Tr::tr("Row %1 (line %2): the handle %3 belongs to another contact and was left "
                                            "out.")
                                         .arg(record.row)
                                         .arg(record.line)
                                         .arg(h.handle));
                continue;
            }
            takenIdentities.insert(key);
            handles.append(h);
        }
        incoming.handles = handles;
        const QString extra = ContactRepository::searchExtra(incoming, incoming.organizationName);
        if (Status s = contactRows.add({ id, Sql::text(incoming.firstName), Sql::text(incoming.lastName),
                incoming.displayName, Sql::text(incoming.title), Sql::id(incoming.organizationId), incoming.kind,
                Sql::text(incoming.city), Sql::text(incoming.country), Sql::text(incoming.timeZone),
                incoming.reach > 0 ? QVariant(incoming.reach) : QVariant(), Sql::text(incoming.notes),
                incoming.doNotContact ? 1 : 0, Sql::text(incoming.consentBasis), Sql::id(incoming.ownerId),
                extra.isNull() ? u""_s : extra, Text::sortKey(incoming.displayName), now, now, Sql::id(userId), 1 });
            !s)
            return s.error();
        int position = 0;
        for (const ContactEmail &e : incoming.emails)
            if (Status s = emailRows.add({ id, e.label.isEmpty() ? u"work"_s : e.label, e.email,
                    Validation::normalizeEmail(e.email), position++ });
                !s)
                return s.error();
        position = 0;
        for (const ContactPhone &p : incoming.phones)
            if (Status s = phoneRows.add({ id, p.label.isEmpty() ? u"work"_s : p.label, p.phone, position++ }); !s)
                return s.error();
        for (const Handle &h : incoming.handles)
            if (Status s = handleRows.add({ id, h.network, h.handle, h.normalized }); !s)
                return s.error();
        QSet<qint64> linked;
        for (const auto &[names, kind] :
            { std::pair { &incoming.beats, u"beat"_s }, std::pair { &incoming.tags, u"tag"_s } })
            for (const QString &name : *names) {
                Result<qint64> tag = tagFor(name.trimmed(), kind);
                if (!tag)
                    return tag.error();
                if (*tag == 0 || linked.contains(*tag))
                    continue;
                linked.insert(*tag);
                if (Status s = tagLinks.add({ id, *tag }); !s)
                    return s.error();
            }
        if (Status s = itemRows.add({ batchId, u"contact"_s, id, u"created"_s, 1, QVariant() }); !s)
            return s.error();
        for (const ContactEmail &e : incoming.emails)
            takenIdentities.insert(u"email:"_s + Validation::normalizeEmail(e.email));
        ++summary.created;
        summary.contactIds.append(id);
    }
    for (BulkInserter *ins :
        { &orgRows, &tagRows, &contactRows, &emailRows, &phoneRows, &handleRows, &tagLinks, &itemRows })
        if (Status s = ins->finish(); !s)
            return s.error();
    if (deferring) {
        if (Status s = deferred.restore(); !s)
            return s.error();
    }
    if (progress && !progress(total, total))
        return Error(Tr::tr("The import was cancelled; nothing was imported."), Error::Code::Cancelled);
    if (Status s = BulkInserter::syncIdentity(m_db, { u"organizations"_s, u"contacts"_s, u"tags"_s }); !s)
        return s.error();

    q.prepare(u"UPDATE import_batches SET finished_at = :now, created_count = :created, updated_count = :updated, "
              u"skipped_count = :skipped, problem_count = :problems, merged_count = :merged WHERE id = :id"_s);
    q.bindValue(u":now"_s, Sql::nowMs());
    q.bindValue(u":created"_s, summary.created);
    q.bindValue(u":updated"_s, summary.updated);
    q.bindValue(u":skipped"_s, summary.skipped);
    q.bindValue(u":problems"_s, summary.problems);
    q.bindValue(u":merged"_s, request.merged);
    q.bindValue(u":id"_s, batchId);
    if (Status s = execBound(m_db, q, doing); !s)
        return s.error();
    if (Status s = AuditLog::record(m_db, u"import"_s, u"import_batch"_s, batchId,
            Tr::tr("%1: %2 created, %3 updated").arg(request.fileName).arg(summary.created).arg(summary.updated));
        !s)
        return s.error();
    if (request.dryRun)
        return summary; // the transaction rolls back
    if (Status s = tx.commit(); !s)
        return s.error();
    summary.batchId = batchId;
    return summary;
}

Result<QList<ImportBatch>> ImportRepository::batches(int limit)
{
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT b.id, b.file_name, b.format, u.name, b.started_at, b.created_count, b.updated_count, "
              u"b.skipped_count, b.problem_count, b.merged_count, b.undone_at FROM import_batches b "
              u"LEFT JOIN users u ON u.id = b.user_id WHERE b.finished_at IS NOT NULL ORDER BY b.id DESC "
              u"LIMIT :limit"_s);
    q.bindValue(u":limit"_s, limit);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("listing the imports"));
    QList<ImportBatch> result;
    while (q.next()) {
        ImportBatch b;
        b.id = q.value(0).toLongLong();
        b.fileName = q.value(1).toString();
        b.format = q.value(2).toString();
        b.userName = q.value(3).toString();
        b.startedAt = Sql::time(q.value(4));
        b.created = q.value(5).toInt();
        b.updated = q.value(6).toInt();
        b.skipped = q.value(7).toInt();
        b.problems = q.value(8).toInt();
        b.merged = q.value(9).toInt();
        b.undoneAt = Sql::time(q.value(10));
        result.append(b);
    }
    return result;
}

Result<ImportUndoReport> ImportRepository::undo(qint64 batchId)
{
    const QString doing = Tr::tr("undoing the import");
    ImportUndoReport report;
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT file_name, undone_at FROM import_batches WHERE id = :id"_s);
    q.bindValue(u":id"_s, batchId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (!q.next())
        return Error(Tr::tr("There is no import %1.").arg(batchId), Error::Code::NotFound);
    const QString fileName = q.value(0).toString();
    if (!q.value(1).isNull())
        return Error(
            Tr::tr("The import %1 (%2) was already undone.").arg(batchId).arg(fileName), Error::Code::Conflict);
    q.finish();

    // Created contacts that nobody touched since: same version, and no conversation, pitch, follow-up,
    // media list or feed of their own (deleting would take those along).
    const QString untouched
        = u"FROM import_batch_items i JOIN contacts c ON c.id = i.entity_id WHERE i.batch_id = :batch AND "
          u"i.entity = 'contact' AND i.action = 'created' AND c.version = i.version_after AND c.deleted_at IS NULL "
          u"AND NOT EXISTS (SELECT 1 FROM interactions x WHERE x.contact_id = c.id) "
          u"AND NOT EXISTS (SELECT 1 FROM pitches p WHERE p.contact_id = c.id) "
          u"AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.contact_id = c.id) "
          u"AND NOT EXISTS (SELECT 1 FROM media_list_members m WHERE m.contact_id = c.id) "
          u"AND NOT EXISTS (SELECT 1 FROM social_accounts s WHERE s.contact_id = c.id)"_s;
    // The conflicts first, named.
    q.prepare(u"SELECT c.display_name FROM import_batch_items i JOIN contacts c ON c.id = i.entity_id "
              u"WHERE i.batch_id = :batch AND i.entity = 'contact' AND i.action = 'created' AND c.id NOT IN "
              u"(SELECT c.id "_s
        + untouched + u") ORDER BY c.display_name"_s);
    q.bindValue(u":batch"_s, batchId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    while (q.next())
        report.conflicts.append(Tr::tr("“%1” was changed or has conversations since the import, so it was kept.")
                                    .arg(q.value(0).toString()));
    q.prepare(u"SELECT c.id "_s + untouched);
    q.bindValue(u":batch"_s, batchId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    QList<qint64> removable;
    while (q.next())
        removable.append(q.value(0).toLongLong());
    q.finish();
    if (!removable.isEmpty()) {
        q.prepare(u"DELETE FROM contacts WHERE "_s + Sql::inIdArray(m_db.isPostgres(), u"id"_s));
        q.bindValue(u":ids"_s, Sql::idArray(m_db.isPostgres(), removable));
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        report.removed = int(removable.size());
        report.contactIds = removable;
    }

    // Changed contacts: the old values back, unless someone saved the contact since.
    q.prepare(u"SELECT i.entity_id, i.version_after, i.old_values, c.version, c.display_name FROM import_batch_items i "
              u"LEFT JOIN contacts c ON c.id = i.entity_id WHERE i.batch_id = :batch AND i.entity = 'contact' AND "
              u"i.action = 'updated' ORDER BY i.entity_id"_s);
    q.bindValue(u":batch"_s, batchId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    struct Changed
    {
        qint64 id;
        int versionAfter;
        QByteArray old;
        QVariant version;
        QString name;
    };
    QList<Changed> changed;
    while (q.next())
        changed.append({ q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toString().toUtf8(), q.value(3),
            q.value(4).toString() });
    q.finish();
    ContactRepository contacts(m_db);
    for (const Changed &c : changed) {
        if (c.version.isNull()) {
            report.conflicts.append(Tr::tr("A contact the import changed was deleted since."));
            continue;
        }
        if (c.version.toInt() != c.versionAfter) {
            report.conflicts.append(
                Tr::tr("“%1” was edited since the import, so the import's changes to it were kept.").arg(c.name));
            continue;
        }
        Result<Contact> current = contacts.get(c.id);
        if (!current)
            return current.error();
        Contact restored = *current;
        fromJson(restored, QJsonDocument::fromJson(c.old).object());
        if (Status s = updateContact(m_db, restored, doing); !s)
            return s.error();
        ++report.restored;
        report.contactIds.append(c.id);
    }

    // Organizations and tags the batch created that nothing uses any more.
    q.prepare(u"DELETE FROM organizations WHERE id IN (SELECT i.entity_id FROM import_batch_items i WHERE "
              u"i.batch_id = :batch AND i.entity = 'organization' AND i.action = 'created') AND version = 1 "
              u"AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.organization_id = organizations.id) "
              u"AND NOT EXISTS (SELECT 1 FROM handles h WHERE h.organization_id = organizations.id) "
              u"AND NOT EXISTS (SELECT 1 FROM social_accounts s WHERE s.organization_id = organizations.id)"_s);
    q.bindValue(u":batch"_s, batchId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    q.prepare(u"DELETE FROM tags WHERE id IN (SELECT i.entity_id FROM import_batch_items i WHERE i.batch_id = :batch "
              u"AND i.entity = 'tag' AND i.action = 'created') AND NOT EXISTS "
              u"(SELECT 1 FROM contact_tags ct WHERE ct.tag_id = tags.id)"_s);
    q.bindValue(u":batch"_s, batchId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);

    q.prepare(u"UPDATE import_batches SET undone_at = :now, undone_by = :user WHERE id = :id"_s);
    q.bindValue(u":now"_s, Sql::nowMs());
    q.bindValue(u":user"_s, Sql::id(m_db.currentUserId()));
    q.bindValue(u":id"_s, batchId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (Status s = AuditLog::record(m_db, u"undo_import"_s, u"import_batch"_s, batchId,
            Tr::tr("%1: %2 removed, %3 restored, %4 kept")
                .arg(fileName)
                .arg(report.removed)
                .arg(report.restored)
                .arg(report.conflicts.size()));
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}
