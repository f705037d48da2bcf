#include "storage/importcontacts.h"

#include "domain/text.h"
#include "domain/validation.h"
#include "storage/auditlog.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportRepository)
};

} // namespace

namespace ImportContacts {

Key key(QStringView text)
{
    const auto bytes = reinterpret_cast<const char *>(text.data());
    const qsizetype size = text.size() * qsizetype(sizeof(QChar));
    return { quint64(qHashBits(bytes, size_t(size), size_t(0x9e3779b97f4a7c15ULL))),
        quint64(qHashBits(bytes, size_t(size), size_t(0xc2b2ae3d27d4eb4fULL))) };
}

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
    if (index.names.isEmpty())
        return std::nullopt; // an empty database: nobody to match
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

} // namespace ImportContacts
