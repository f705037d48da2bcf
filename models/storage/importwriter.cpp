#include "storage/importwriter.h"

#include "core/logging.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "storage/auditlog.h"
#include "storage/contactrepository.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

#include <ctime>

using namespace Qt::StringLiterals;
using namespace ImportContacts;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportRepository)
};

// From this many records, an import into a database with at most twice as many contacts defers the contact
// tables' indexes (ImportWriter::planBulk).
constexpr qint64 kDeferIndexesFrom = 5000;
// ... unless more than this many existing contacts are to be filled or overwritten.
constexpr qint64 kDeferIndexesMaxUpdates = 100;
// SQLite's page cache during an import: bench_import stores 100,000 contacts as fast with 32 MB as with 256 MB
// (the new rows are appended; the deferred indexes are built by sorting), and the cache is most of what an
// import holds in memory.
constexpr int kPageCacheMb = 32;

Status execBound(Database &db, QSqlQuery &q, const QString &doing)
{
    if (!q.exec())
        return db.errorFrom(q, doing);
    return {};
}

// CPU time of this thread in ms, for the debug log of the import's phases (rapport.storage.debug=true).
double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

QString handleKey(const Handle &h)
{
    return h.network + u':' + h.normalized;
}

} // namespace

ImportWriter::ImportWriter(Database &db, const ImportRequest &request)
    : m_db(db)
    , m_request(request)
    , m_doing(Tr::tr("importing %1").arg(request.fileName))
    , m_now(Sql::nowMs())
    , m_userId(db.currentUserId())
{
}

ImportWriter::~ImportWriter()
{
    if (m_checksOff)
        (void)m_db.exec(u"PRAGMA ignore_check_constraints = OFF"_s, m_doing);
}

Status ImportWriter::begin()
{
    const bool postgres = m_db.isPostgres();
    m_settings = std::make_unique<BulkLoadSettings>(m_db, kPageCacheMb);
    m_tx = std::make_unique<Transaction>(m_db);
    if (!m_tx->status())
        return m_tx->status();

    // The batch first, so every item can name it.
    QSqlQuery q(m_db.connection());
    q.prepare(u"INSERT INTO import_batches (file_name, format, user_id, started_at) "
              u"VALUES (:file, :format, :user, :now) RETURNING id"_s);
    q.bindValue(u":file"_s, m_request.fileName);
    q.bindValue(u":format"_s, m_request.format);
    q.bindValue(u":user"_s, Sql::id(m_userId));
    q.bindValue(u":now"_s, m_now);
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, m_doing);
    m_batchId = q.value(0).toLongLong();
    q.finish();

    Result<Index> index = loadIndex(m_db);
    if (!index)
        return index.error();
    m_index = std::move(index).value();

    // Owners by name or login.
    if (!q.exec(u"SELECT id, name, login FROM users WHERE deleted_at IS NULL"_s))
        return m_db.errorFrom(q, m_doing);
    while (q.next()) {
        m_users.insert(q.value(1).toString().toLower(), q.value(0).toLongLong());
        m_users.insert(q.value(2).toString().toLower(), q.value(0).toLongLong());
    }

    // Organizations by name: the live ones, and new ones created for this batch.
    if (!q.exec(u"SELECT id, name FROM organizations WHERE deleted_at IS NULL ORDER BY id"_s))
        return m_db.errorFrom(q, m_doing);
    while (q.next()) {
        const QString name = q.value(1).toString();
        const QString key = name.trimmed().toLower();
        if (!m_organizations.contains(key))
            m_organizations.insert(key, q.value(0).toLongLong());
        m_organizationNames.insert(q.value(0).toLongLong(), name);
    }
    if (postgres) {
        // Explicit ids on PostgreSQL come from past the identity sequences, so a concurrent writer's next
        // generated id cannot collide; syncIdentity() moves the sequences past them at the end.
        for (const QString &table : { u"organizations"_s, u"contacts"_s, u"tags"_s }) {
            if (!q.exec(u"LOCK TABLE "_s + table + u" IN SHARE ROW EXCLUSIVE MODE"_s))
                return m_db.errorFrom(q, m_doing);
        }
    }
    Result<qint64> nextOrg = BulkInserter::nextId(m_db, u"organizations"_s);
    Result<qint64> nextContact = BulkInserter::nextId(m_db, u"contacts"_s);
    Result<qint64> nextTag = BulkInserter::nextId(m_db, u"tags"_s);
    if (!nextOrg || !nextContact || !nextTag)
        return (!nextOrg ? nextOrg : !nextContact ? nextContact : nextTag).error();
    m_nextOrg = *nextOrg;
    m_nextContact = *nextContact;
    m_nextTag = *nextTag;

    // Tags by (kind, name).
    if (!q.exec(u"SELECT id, kind, name FROM tags"_s))
        return m_db.errorFrom(q, m_doing);
    while (q.next())
        m_tags.insert(q.value(1).toString() + u'\x1f' + q.value(2).toString(), q.value(0).toLongLong());
    q.finish();

    m_orgRows.emplace(m_db, u"organizations"_s,
        QStringList { u"id"_s, u"name"_s, u"kind"_s, u"created_at"_s, u"updated_at"_s, u"updated_by"_s, u"version"_s });
    m_tagRows.emplace(m_db, u"tags"_s, QStringList { u"id"_s, u"name"_s, u"kind"_s });
    m_contactRows.emplace(m_db, u"contacts"_s,
        QStringList { u"id"_s, u"first_name"_s, u"last_name"_s, u"display_name"_s, u"title"_s, u"organization_id"_s,
            u"kind"_s, u"city"_s, u"country"_s, u"time_zone"_s, u"reach"_s, u"notes"_s, u"do_not_contact"_s,
            u"consent_basis"_s, u"owner_id"_s, u"search_extra"_s, u"sort_name"_s, u"outlet_sort"_s, u"created_at"_s,
            u"updated_at"_s, u"updated_by"_s, u"version"_s });
    m_contactRows->setParent(&*m_orgRows);
    m_emailRows.emplace(m_db, u"contact_emails"_s,
        QStringList { u"contact_id"_s, u"label"_s, u"email"_s, u"normalized"_s, u"position"_s });
    m_phoneRows.emplace(
        m_db, u"contact_phones"_s, QStringList { u"contact_id"_s, u"label"_s, u"phone"_s, u"position"_s });
    m_handleRows.emplace(
        m_db, u"handles"_s, QStringList { u"contact_id"_s, u"network"_s, u"handle"_s, u"normalized"_s });
    m_tagLinks.emplace(m_db, u"contact_tags"_s, QStringList { u"contact_id"_s, u"tag_id"_s });
    m_itemRows.emplace(m_db, u"import_batch_items"_s,
        QStringList { u"batch_id"_s, u"entity"_s, u"entity_id"_s, u"action"_s, u"version_after"_s, u"old_values"_s });
    // contact_tags needs its contact written first (its parent) and its tag: tagFor() writes a new tag at once.
    for (BulkInserter *child : { &*m_emailRows, &*m_phoneRows, &*m_handleRows, &*m_tagLinks })
        child->setParent(&*m_contactRows);
    return {};
}

Status ImportWriter::planBulk(
    const QList<ImportRecord> &first, const QHash<int, DuplicateAction> &perRecord, qint64 expectedTotal)
{
    // Not on PostgreSQL (its indexes cost less per row than a rebuild), not for a small import into a large
    // database (rebuilding would cost more than it saves), nor when many existing contacts are to be filled or
    // overwritten (reading each of them needs the indexes). Uniqueness of emails and handles is kept by the
    // identities checked in write(); the table constraints (handles per network) stay.
    if (m_db.isPostgres() || expectedTotal < kDeferIndexesFrom || first.isEmpty())
        return {};
    qint64 updates = 0;
    for (int i = 0; i < first.size(); ++i) {
        const ImportRecord &r = first.at(i);
        const DuplicateAction action = perRecord.value(i, m_request.onDuplicate);
        if (!r.hasProblems() && (action == DuplicateAction::Fill || action == DuplicateAction::Overwrite)
            && match(m_index, r, i))
            ++updates;
    }
    // The first chunk stands for the whole file.
    if (updates * expectedTotal / first.size() > kDeferIndexesMaxUpdates)
        return {};
    QSqlQuery q(m_db.connection());
    if (!q.exec(u"SELECT count(*) FROM contacts"_s) || !q.next())
        return m_db.errorFrom(q, m_doing);
    if (q.value(0).toLongLong() > 2 * expectedTotal)
        return {};
    q.finish();
    m_deferred = std::make_unique<DeferredIndexes>(m_db);
    if (Status s = m_deferred->defer(
            { u"contacts"_s, u"contact_emails"_s, u"contact_phones"_s, u"handles"_s, u"contact_tags"_s });
        !s)
        return s;
    m_deferring = true;
    // The CHECK constraints of these tables hold for what write() stores: kinds, networks and the batch items'
    // words come from fixed lists, names are validated and cut to 300 characters (ImportRecord::revalidate,
    // organizationFor). SQLite evaluates a CHECK's IN list by building a temporary b-tree of the list for every
    // row (no reuse inside a CHECK, sqlite 3.40): contacts.kind, handles.network and import_batch_items' entity
    // and action were ~10 % of the instructions of bench_import. Off while the indexes are deferred, back in
    // flush() (or when the writer goes). NOT NULL, UNIQUE and foreign keys stay enforced.
    if (Status s = m_db.exec(u"PRAGMA ignore_check_constraints = ON"_s, m_doing); !s)
        return s;
    m_checksOff = true;
    return {};
}

Result<qint64> ImportWriter::organizationFor(const QString &name)
{
    const QString key = name.trimmed().toLower();
    if (key.isEmpty())
        return qint64(0);
    if (const qint64 id = m_organizations.value(key))
        return id;
    const qint64 id = m_nextOrg++;
    const QString stored = name.trimmed().left(300);
    if (Status s = m_orgRows->add({ id, stored, u"other"_s, m_now, m_now, Sql::id(m_userId), 1 }); !s)
        return s.error();
    m_organizationNames.insert(id, stored);
    if (Status s = m_itemRows->add({ m_batchId, u"organization"_s, id, u"created"_s, 1, QVariant() }); !s)
        return s.error();
    m_organizations.insert(key, id);
    ++m_summary.organizationsCreated;
    return id;
}

Result<qint64> ImportWriter::tagFor(const QString &name, const QString &kind)
{
    if (name.isEmpty())
        return qint64(0);
    const QString key = kind + u'\x1f' + name;
    if (const qint64 id = m_tags.value(key))
        return id;
    const qint64 id = m_nextTag++;
    if (Status s = m_tagRows->add({ id, name, kind }); !s)
        return s.error();
    if (Status s = m_tagRows->finish(); !s) // few: an agency has hundreds of tags, not thousands
        return s.error();
    if (Status s = m_itemRows->add({ m_batchId, u"tag"_s, id, u"created"_s, QVariant(), QVariant() }); !s)
        return s.error();
    m_tags.insert(key, id);
    return id;
}

Result<ImportWriter::Outcome> ImportWriter::write(const ImportRecord &record, DuplicateAction action, int index)
{
    m_summary.warnings += record.warnings;
    if (record.hasProblems()) {
        ++m_summary.problems;
        m_summary.problemDetails += record.problems;
        return Outcome {};
    }
    Contact incoming = record.contact;
    if (!record.ownerName.isEmpty()) {
        incoming.ownerId = m_users.value(record.ownerName.toLower());
        if (!incoming.ownerId)
            m_summary.notes.append(Tr::tr("Row %1 (line %2): no user is called “%3”; the contact has no owner.")
                                       .arg(record.row)
                                       .arg(record.line)
                                       .arg(record.ownerName));
    }
    const std::optional<ImportMatch> found = match(m_index, record, index);
    if (found && m_updatedIds.contains(found->contactId) && action != DuplicateAction::Create)
        action = DuplicateAction::Fill; // a second record for a contact already changed in this batch
    if (found && action == DuplicateAction::Skip) {
        ++m_summary.skipped;
        return Outcome { Outcome::Skipped, found->contactId };
    }
    Result<qint64> org = organizationFor(incoming.organizationName);
    if (!org)
        return org.error();
    incoming.organizationId = *org;

    if (found && action != DuplicateAction::Create) {
        // Fill or overwrite the existing contact, keeping its old values for undo. Its history comes from the
        // audit triggers (schema v11, field changes; v21, its emails, phones, handles and tags), which are off
        // while the indexes are deferred: they come back first (with the indexes, which the update's reads and
        // deletes by contact use), and the rest of the file is written with them in place.
        if (m_deferring)
            if (Status s = flush(); !s)
                return s.error();
        if (Status s = update(record, incoming, found->contactId, action == DuplicateAction::Overwrite, false); !s)
            return s.error();
        return Outcome { Outcome::Updated, found->contactId };
    }

    // A new contact. Identities another contact holds (create anyway) are left out: they are unique.
    const qint64 id = m_nextContact++;
    QList<Handle> handles;
    for (const Handle &h : std::as_const(incoming.handles)) {
        const QString text = handleKey(h);
        const Key key = ImportContacts::key(text);
        if (m_index.byIdentity.contains(text) || m_taken.contains(key)) {
            m_summary.notes.append(Tr::tr("Row %1 (line %2): the handle %3 belongs to another contact and was left "
                                          "out.")
                                       .arg(record.row)
                                       .arg(record.line)
                                       .arg(h.handle));
            continue;
        }
        m_taken.insert(key, id);
        handles.append(h);
    }
    incoming.handles = handles;
    const QString extra = ContactRepository::searchExtra(incoming, incoming.organizationName);
    if (Status s = m_contactRows->add({ id, Sql::text(incoming.firstName), Sql::text(incoming.lastName),
            incoming.displayName, Sql::text(incoming.title), Sql::id(incoming.organizationId), incoming.kind,
            Sql::text(incoming.city), Sql::text(incoming.country), Sql::text(incoming.timeZone),
            incoming.reach > 0 ? QVariant(incoming.reach) : QVariant(), Sql::text(incoming.notes),
            incoming.doNotContact ? 1 : 0, Sql::text(incoming.consentBasis), Sql::id(incoming.ownerId),
            extra.isNull() ? u""_s : extra, Text::sortKey(incoming.displayName),
            // What the outlet_sort triggers (schema v3) would write; they are off while the indexes are deferred.
            incoming.organizationId ? QVariant(m_organizationNames.value(incoming.organizationId)) : QVariant(),
            m_now, m_now, Sql::id(m_userId), 1 });
        !s)
        return s.error();
    int position = 0;
    for (const ContactEmail &e : std::as_const(incoming.emails)) {
        const QString normalized = Validation::normalizeEmail(e.email);
        if (Status s
            = m_emailRows->add({ id, e.label.isEmpty() ? u"work"_s : e.label, e.email, normalized, position++ });
            !s)
            return s.error();
    }
    position = 0;
    for (const ContactPhone &p : std::as_const(incoming.phones))
        if (Status s = m_phoneRows->add({ id, p.label.isEmpty() ? u"work"_s : p.label, p.phone, position++ }); !s)
            return s.error();
    for (const Handle &h : std::as_const(incoming.handles))
        if (Status s = m_handleRows->add({ id, h.network, h.handle, h.normalized }); !s)
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
            if (Status s = m_tagLinks->add({ id, *tag }); !s)
                return s.error();
        }
    if (Status s = m_itemRows->add({ m_batchId, u"contact"_s, id, u"created"_s, 1, QVariant() }); !s)
        return s.error();
    ++m_summary.created;
    m_summary.contactIds.append(id);
    return Outcome { Outcome::Created, id };
}

Status ImportWriter::update(
    const ImportRecord &record, const Contact &incoming, qint64 contactId, bool overwrite, bool createdHere)
{
    Result<Contact> existing = ContactRepository(m_db).get(contactId);
    if (!existing)
        return existing.error();
    Contact from = incoming;
    if (!from.organizationId && !from.organizationName.trimmed().isEmpty()
        && (overwrite || existing->organizationName.isEmpty())) {
        Result<qint64> org = organizationFor(from.organizationName);
        if (!org)
            return org.error();
        from.organizationId = *org;
    }
    if (Status s = m_orgRows->finish(); !s) // the row written below may refer to a new outlet
        return s;
    Contact updated = *existing;
    const QJsonObject old = toJson(*existing);
    merge(updated, from, overwrite);
    // Handles another contact owns stay where they are.
    for (qsizetype h = updated.handles.size() - 1; h >= 0; --h) {
        const Handle &handle = updated.handles.at(h);
        const QString text = handleKey(handle);
        const qint64 owner = m_index.byIdentity.value(text);
        const qint64 taker = m_taken.value(key(text));
        if ((owner && owner != updated.id) || (taker && taker != updated.id)) {
            m_summary.notes.append(Tr::tr("Row %1 (line %2): the handle %3 belongs to another contact and was "
                                          "left out.")
                                       .arg(record.row)
                                       .arg(record.line)
                                       .arg(handle.handle));
            updated.handles.removeAt(h);
        }
    }
    if (toJson(updated) == old) {
        if (!createdHere)
            ++m_summary.skipped; // nothing new
        return {};
    }
    // Tags and beats exist before ContactRepository links them, so it never picks an id of its own that this
    // batch's next new tag would take.
    for (const auto &[names, kind] : { std::pair { &updated.beats, u"beat"_s }, std::pair { &updated.tags, u"tag"_s } })
        for (const QString &name : *names)
            if (Result<qint64> tag = tagFor(name.trimmed(), kind); !tag)
                return tag.error();
    if (Status s = updateContact(m_db, updated, m_doing); !s)
        return Error(
            Tr::tr("Row %1 (line %2): %3").arg(record.row).arg(record.line).arg(s.error().message), s.error().code);
    for (const Handle &h : std::as_const(updated.handles)) // now its own, also when it was there before
        m_taken.insert(key(handleKey(h)), updated.id);
    if (!createdHere && !m_updatedIds.contains(updated.id)) {
        if (Status s = m_itemRows->add({ m_batchId, u"contact"_s, updated.id, u"updated"_s, updated.version,
                QString::fromUtf8(QJsonDocument(old).toJson(QJsonDocument::Compact)) });
            !s)
            return s;
        m_updatedIds.insert(updated.id);
        ++m_summary.updated;
        m_summary.contactIds.append(updated.id);
        return {};
    }
    // The item keeps the first old values (or says "created"); its version follows the last write.
    if (Status s = m_itemRows->finish(); !s)
        return s;
    QSqlQuery v(m_db.connection());
    v.prepare(u"UPDATE import_batch_items SET version_after = :version WHERE batch_id = :batch AND "
              u"entity = 'contact' AND entity_id = :id"_s);
    v.bindValue(u":version"_s, updated.version);
    v.bindValue(u":batch"_s, m_batchId);
    v.bindValue(u":id"_s, updated.id);
    return execBound(m_db, v, m_doing);
}

Status ImportWriter::mergeLater(const Outcome &earlier, const ImportRecord &record)
{
    if (earlier.kind != Outcome::Created && earlier.kind != Outcome::Updated)
        return {}; // merged into a row that was skipped (or left out): skipped with it
    Contact incoming = record.contact;
    incoming.ownerId = 0; // as mergeWithinFile: the first row's owner stands
    incoming.organizationId = 0; // found or created in update(), only if the contact takes it
    return update(record, incoming, earlier.contactId, false, earlier.kind == Outcome::Created);
}

Status ImportWriter::flush()
{
    for (BulkInserter *ins : { &*m_orgRows, &*m_tagRows, &*m_contactRows, &*m_emailRows, &*m_phoneRows, &*m_handleRows,
             &*m_tagLinks, &*m_itemRows })
        if (Status s = ins->finish(); !s)
            return s;
    if (m_checksOff) {
        m_checksOff = false;
        if (Status s = m_db.exec(u"PRAGMA ignore_check_constraints = OFF"_s, m_doing); !s)
            return s;
    }
    if (m_deferring) {
        m_deferring = false;
        // The new contacts were written with their outlet_sort (no existing contact is changed while deferring).
        m_deferred->setOutletSortWritten();
        const double cpu = threadCpuMs();
        if (Status s = m_deferred->restore(); !s)
            return s;
        qCDebug(lcStorage) << "import: indexes rebuilt in" << qint64(threadCpuMs() - cpu) << "ms CPU";
    }
    return {};
}

Result<ImportSummary> ImportWriter::finish(int merged)
{
    if (Status s = flush(); !s)
        return s.error();
    if (Status s = BulkInserter::syncIdentity(m_db, { u"organizations"_s, u"contacts"_s, u"tags"_s }); !s)
        return s.error();

    QSqlQuery q(m_db.connection());
    q.prepare(u"UPDATE import_batches SET finished_at = :now, created_count = :created, updated_count = :updated, "
              u"skipped_count = :skipped, problem_count = :problems, merged_count = :merged WHERE id = :id"_s);
    q.bindValue(u":now"_s, Sql::nowMs());
    q.bindValue(u":created"_s, m_summary.created);
    q.bindValue(u":updated"_s, m_summary.updated);
    q.bindValue(u":skipped"_s, m_summary.skipped);
    q.bindValue(u":problems"_s, m_summary.problems);
    q.bindValue(u":merged"_s, merged);
    q.bindValue(u":id"_s, m_batchId);
    if (Status s = execBound(m_db, q, m_doing); !s)
        return s.error();
    q.finish();
    if (Status s = AuditLog::record(m_db, u"import"_s, u"import_batch"_s, m_batchId,
            Tr::tr("%1: %2 created, %3 updated").arg(m_request.fileName).arg(m_summary.created).arg(m_summary.updated));
        !s)
        return s.error();
    m_summary.merged = merged;
    if (m_request.dryRun)
        return m_summary; // the transaction rolls back
    const double cpu = threadCpuMs();
    if (Status s = m_tx->commit(); !s)
        return s.error();
    qCDebug(lcStorage) << "import: committed in" << qint64(threadCpuMs() - cpu) << "ms CPU";
    m_summary.batchId = m_batchId;
    return m_summary;
}
