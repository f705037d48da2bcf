#include "storage/exportrepository.h"

#include "interchange/exportfile.h"
#include "interchange/icswriter.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/migrator.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ExportRepository)
};

constexpr int kBlock = 1000; // contacts read per round (five queries each)
constexpr qsizetype kFlushBytes = 256 * 1024;

QJsonValue jsonValue(const QString &column, const QVariant &value)
{
    if (value.isNull())
        return QJsonValue::Null;
    const int type = value.typeId();
    const bool integer = type == QMetaType::LongLong || type == QMetaType::Int || type == QMetaType::ULongLong
        || type == QMetaType::UInt;
    // Times are UTC epoch milliseconds in every *_at column: written as ISO 8601 so that a person can read them.
    if (integer && column.endsWith(u"_at"))
        return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC).toString(Qt::ISODateWithMs);
    if (integer)
        return QJsonValue(value.toLongLong());
    if (type == QMetaType::Double)
        return value.toDouble();
    if (type == QMetaType::Bool)
        return value.toBool();
    if (type == QMetaType::QByteArray)
        return QString::fromLatin1(value.toByteArray().toBase64());
    return value.toString();
}

QJsonObject rowJson(const QSqlQuery &q)
{
    const QSqlRecord record = q.record();
    QJsonObject row;
    for (int i = 0; i < record.count(); ++i) {
        const QString name = record.fieldName(i);
        if (name == u"search_vector" || name == u"search_prefixes") // PostgreSQL's full-text vectors: made from the other columns
            continue;
        row.insert(name, jsonValue(name, q.value(i)));
    }
    return row;
}

// Streams a JSON document piece by piece: a database of 100,000 contacts is never held as one QJsonDocument.
class JsonOut
{
public:
    explicit JsonOut(QIODevice &device)
        : m_device(device)
    {
    }
    void raw(const QByteArray &bytes) { m_buffer += bytes; }
    void key(const QString &name) { m_buffer += QJsonDocument(QJsonArray { name }).toJson(QJsonDocument::Compact).mid(1).chopped(1) + ':'; }
    void value(const QJsonObject &o) { m_buffer += QJsonDocument(o).toJson(QJsonDocument::Compact); }
    void value(const QJsonArray &a) { m_buffer += QJsonDocument(a).toJson(QJsonDocument::Compact); }
    Status flush(bool always = false)
    {
        if (!always && m_buffer.size() < kFlushBytes)
            return {};
        const Status s = ExportFile::put(m_device, m_buffer);
        m_buffer.clear();
        return s;
    }

private:
    QIODevice &m_device;
    QByteArray m_buffer;
};

// SQLite: reads the database file through a memory map while the contacts are exported, restored after. The
// contacts in name order are all over their tables and indexes (on the large demo about 100 MB, three times the
// page cache): with the map, a page that is not cached is read from the kernel's page cache in place instead of
// copied by a read() call each time (bench: CPU of the export on the large demo, docs/PERFORMANCE.md).
class MappedReads final
{
public:
    explicit MappedReads(Database &db)
        : m_db(db)
    {
        if (db.isPostgres())
            return;
        QSqlQuery q(db.connection());
        if (q.exec(u"PRAGMA mmap_size"_s) && q.next())
            m_before = q.value(0);
        q.exec(u"PRAGMA mmap_size = 1073741824"_s); // 1 GiB of address space, not memory; capped by SQLite's build
    }
    ~MappedReads()
    {
        if (!m_before.isValid())
            return;
        QSqlQuery q(m_db.connection());
        q.exec(u"PRAGMA mmap_size = "_s + QString::number(m_before.toLongLong()));
    }
    Q_DISABLE_COPY_MOVE(MappedReads)

private:
    Database &m_db;
    QVariant m_before;
};

} // namespace

namespace ExportFormats {

QString key(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return u"csv"_s;
    case ExportFormat::VCard:
        return u"vcard"_s;
    case ExportFormat::Ics:
        return u"ics"_s;
    case ExportFormat::Json:
        return u"json"_s;
    }
    return QString();
}

std::optional<ExportFormat> fromKey(QStringView key)
{
    for (ExportFormat f : { ExportFormat::Csv, ExportFormat::VCard, ExportFormat::Ics, ExportFormat::Json })
        if (ExportFormats::key(f).compare(key, Qt::CaseInsensitive) == 0)
            return f;
    if (key.compare(u"vcf", Qt::CaseInsensitive) == 0)
        return ExportFormat::VCard;
    return std::nullopt;
}

QString extension(ExportFormat format)
{
    return format == ExportFormat::VCard ? u"vcf"_s : key(format);
}

} // namespace ExportFormats

Result<QList<qint64>> ExportRepository::allContactIds()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id FROM contacts WHERE deleted_at IS NULL ORDER BY sort_name, id"_s))
        return m_db.errorFrom(q, Tr::tr("reading the contacts to export"));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

Result<QHash<qint64, QString>> ExportRepository::userNames()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(u"SELECT id, name FROM users"_s))
        return m_db.errorFrom(q, Tr::tr("reading the account managers"));
    QHash<qint64, QString> names;
    while (q.next())
        names.insert(q.value(0).toLongLong(), q.value(1).toString());
    return names;
}

Result<qint64> ExportRepository::writeContacts(
    const QList<qint64> &ids, const ContactExportOptions &options, QIODevice &out, const Progress &progress)
{
    const Result<QHash<qint64, QString>> users = userNames();
    if (!users)
        return users.error();
    const ContactCsvWriter csv(options.layout);
    const bool isCsv = options.format == ExportFormat::Csv;
    QByteArray buffer;
    if (isCsv)
        buffer = csv.preamble() + csv.headerRecord();
    qint64 written = 0;
    const MappedReads mapped(m_db);
    ContactRepository contacts(m_db);
    for (qsizetype start = 0; start < ids.size(); start += kBlock) {
        if (progress && !progress(start, ids.size()))
            return Error(Tr::tr("The export was canceled."), Error::Code::Cancelled);
        const Result<QList<Contact>> block = contacts.getMany(ids.mid(start, kBlock));
        if (!block)
            return block.error();
        for (const Contact &c : *block) {
            const QString owner = users->value(c.ownerId);
            buffer += isCsv ? csv.record(c, owner) : VCardWriter::write(c, owner, options.version);
            ++written;
        }
        if (buffer.size() >= kFlushBytes) {
            if (Status s = ExportFile::put(out, buffer); !s)
                return s.error();
            buffer.truncate(0); // keeps its memory for the next block
        }
    }
    if (Status s = ExportFile::put(out, buffer); !s)
        return s.error();
    if (progress)
        progress(ids.size(), ids.size());
    return written;
}

Result<QList<FollowUp>> ExportRepository::followUps(qint64 contactId, bool includeDone)
{
    QString sql = u"SELECT f.id, f.contact_id, c.display_name, f.campaign_id, k.name, f.assignee_id, f.due_at, "
                  "f.note, f.done_at, f.version, f.created_at, f.updated_at FROM follow_ups f "
                  "LEFT JOIN contacts c ON c.id = f.contact_id LEFT JOIN campaigns k ON k.id = f.campaign_id "
                  "WHERE f.deleted_at IS NULL AND (c.id IS NULL OR c.deleted_at IS NULL)"_s;
    if (!includeDone)
        sql += u" AND f.done_at IS NULL"_s;
    if (contactId > 0)
        sql += u" AND f.contact_id = :contact"_s;
    sql += u" ORDER BY f.due_at, f.id"_s;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    if (contactId > 0)
        q.bindValue(u":contact"_s, contactId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the follow-ups to export"));
    QList<FollowUp> list;
    while (q.next()) {
        FollowUp f;
        f.id = q.value(0).toLongLong();
        f.contactId = q.value(1).toLongLong();
        f.contactName = q.value(2).toString();
        f.campaignId = q.value(3).toLongLong();
        f.campaignName = q.value(4).toString();
        f.assigneeId = q.value(5).toLongLong();
        f.dueAt = Sql::time(q.value(6));
        f.note = q.value(7).toString();
        f.doneAt = Sql::time(q.value(8));
        f.version = q.value(9).toInt();
        f.createdAt = Sql::time(q.value(10));
        f.updatedAt = Sql::time(q.value(11));
        list.append(f);
    }
    return list;
}

Result<qint64> ExportRepository::writeFollowUps(const QList<FollowUp> &followUps, QIODevice &out)
{
    QByteArray buffer = IcsWriter::begin();
    for (const FollowUp &f : followUps) {
        buffer += IcsWriter::todo(f);
        if (buffer.size() >= kFlushBytes) {
            if (Status s = ExportFile::put(out, buffer); !s)
                return s.error();
            buffer.clear();
        }
    }
    buffer += IcsWriter::end();
    if (Status s = ExportFile::put(out, buffer); !s)
        return s.error();
    return followUps.size();
}

Status ExportRepository::writePerson(qint64 contactId, QIODevice &out)
{
    const QString doing = Tr::tr("reading everything about the person");
    Result<Contact> contact = ContactRepository(m_db).get(contactId);
    if (!contact)
        return contact.error();
    const Result<int> schema = Migrator(m_db).currentVersion();
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    auto rows = [&](const QString &sql) -> Result<QJsonArray> {
        q.prepare(sql);
        q.bindValue(u":id"_s, contactId);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        QJsonArray list;
        while (q.next())
            list.append(rowJson(q));
        return list;
    };
    struct Part
    {
        QString name;
        QString sql;
    };
    // The audit entries of the person and of their own rows.
    const QString audit = u"SELECT * FROM audit_log WHERE (entity = 'contact' AND entity_id = :id) "
                          "OR (entity = 'interaction' AND entity_id IN (SELECT id FROM interactions WHERE contact_id = :id)) "
                          "OR (entity = 'pitch' AND entity_id IN (SELECT id FROM pitches WHERE contact_id = :id)) "
                          "OR (entity = 'follow_up' AND entity_id IN (SELECT id FROM follow_ups WHERE contact_id = :id)) "
                          "OR (entity = 'coverage' AND entity_id IN (SELECT id FROM coverage WHERE contact_id = :id)) "
                          "ORDER BY at, id"_s;
    const QList<Part> parts = {
        { u"emails"_s, u"SELECT label, email, position FROM contact_emails WHERE contact_id = :id ORDER BY position, id"_s },
        { u"phones"_s, u"SELECT label, phone, position FROM contact_phones WHERE contact_id = :id ORDER BY position, id"_s },
        { u"handles"_s, u"SELECT network, handle, normalized FROM handles WHERE contact_id = :id ORDER BY id"_s },
        { u"interactions"_s, u"SELECT * FROM interactions WHERE contact_id = :id ORDER BY occurred_at, id"_s },
        { u"pitches"_s,
            u"SELECT p.*, k.name AS campaign_name FROM pitches p JOIN campaigns k ON k.id = p.campaign_id "
            "WHERE p.contact_id = :id ORDER BY p.id"_s },
        { u"pitch_moves"_s,
            u"SELECT m.* FROM pitch_moves m JOIN pitches p ON p.id = m.pitch_id WHERE p.contact_id = :id "
            "ORDER BY m.moved_at, m.id"_s },
        { u"coverage"_s, u"SELECT * FROM coverage WHERE contact_id = :id ORDER BY published_at, id"_s },
        { u"follow_ups"_s, u"SELECT * FROM follow_ups WHERE contact_id = :id ORDER BY due_at, id"_s },
        { u"media_lists"_s,
            u"SELECT l.id, l.name, l.campaign_id FROM media_list_members m JOIN media_lists l ON l.id = m.media_list_id "
            "WHERE m.contact_id = :id ORDER BY l.id"_s },
        { u"engagement_events"_s, u"SELECT * FROM engagement_events WHERE contact_id = :id ORDER BY occurred_at, id"_s },
        { u"feeds"_s,
            u"SELECT id, network, display_name, server_url, handle, created_at, updated_at FROM social_accounts "
            "WHERE contact_id = :id ORDER BY id"_s },
        { u"import_records"_s,
            u"SELECT i.*, b.file_name, b.started_at FROM import_batch_items i JOIN import_batches b ON b.id = i.batch_id "
            "WHERE i.entity = 'contact' AND i.entity_id = :id ORDER BY b.started_at"_s },
        { u"audit_log"_s, audit },
    };
    JsonOut json(out);
    json.raw("{\n");
    json.key(u"format"_s);
    json.raw("\"rapport-person\",\n");
    json.key(u"schema_version"_s);
    json.raw(QByteArray::number(schema ? *schema : 0) + ",\n");
    json.key(u"exported_at"_s);
    json.raw('"' + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + "\",\n");
    Result<QJsonArray> profile = rows(u"SELECT * FROM contacts WHERE id = :id"_s);
    if (!profile)
        return profile.error();
    QJsonObject person = profile->at(0).toObject();
    for (const QString &derived : { u"search_extra"_s, u"sort_name"_s, u"outlet_sort"_s })
        person.remove(derived); // made from the other rows for search and sorting
    person.insert(u"organization_name"_s, contact->organizationName);
    json.key(u"contact"_s);
    json.value(person);
    json.raw(",\n");
    json.key(u"beats"_s);
    json.value(QJsonArray::fromStringList(contact->beats));
    json.raw(",\n");
    json.key(u"tags"_s);
    json.value(QJsonArray::fromStringList(contact->tags));
    for (const Part &part : parts) {
        Result<QJsonArray> list = rows(part.sql);
        if (!list)
            return list.error();
        json.raw(",\n");
        json.key(part.name);
        json.value(*list);
        if (Status s = json.flush(); !s)
            return s;
    }
    json.raw("\n}\n");
    return json.flush(true);
}

Status ExportRepository::writeDatabase(QIODevice &out, const Progress &progress)
{
    const QString doing = Tr::tr("reading the database to export");
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    // Search indexes are made from the other tables: FTS5's on SQLite, contact_name_prefixes (schema v17) and
    // the prefix counts (v20) on PostgreSQL.
    const QString tablesSql = m_db.isPostgres()
        ? u"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
          "AND table_type = 'BASE TABLE' AND table_name NOT IN ('contact_name_prefixes', "
          "'interaction_prefix_floors', 'interaction_prefix_slack') ORDER BY table_name"_s
        : u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
          "AND name NOT LIKE '%fts%' ORDER BY name"_s;
    if (!q.exec(tablesSql))
        return m_db.errorFrom(q, doing);
    QStringList tables;
    while (q.next())
        tables.append(q.value(0).toString());
    const Result<int> schema = Migrator(m_db).currentVersion();
    JsonOut json(out);
    json.raw("{\n");
    json.key(u"format"_s);
    json.raw("\"rapport-database\",\n");
    json.key(u"schema_version"_s);
    json.raw(QByteArray::number(schema ? *schema : 0) + ",\n");
    json.key(u"exported_at"_s);
    json.raw('"' + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + "\",\n");
    json.key(u"tables"_s);
    json.raw("{");
    for (qsizetype t = 0; t < tables.size(); ++t) {
        if (progress && !progress(t, tables.size()))
            return Error(Tr::tr("The export was canceled."), Error::Code::Cancelled);
        const QString &table = tables.at(t);
        json.raw(t == 0 ? "\n" : ",\n");
        json.key(table);
        json.raw("[");
        // The table names come from the catalogue, never from input.
        if (!q.exec(u"SELECT * FROM "_s + table + u" ORDER BY 1"_s))
            return m_db.errorFrom(q, doing);
        bool first = true;
        while (q.next()) {
            json.raw(first ? "\n" : ",\n");
            first = false;
            json.value(rowJson(q));
            if (Status s = json.flush(); !s)
                return s;
        }
        json.raw("]");
    }
    json.raw("\n}\n}\n");
    if (progress)
        progress(tables.size(), tables.size());
    return json.flush(true);
}
