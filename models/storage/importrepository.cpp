#include "storage/importrepository.h"

#include "interchange/importfile.h"
#include "storage/auditlog.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/importcontacts.h"
#include "storage/importmerge.h"
#include "storage/importwriter.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <climits>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace ImportContacts;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportRepository)
};

Error cancelled()
{
    return Error(Tr::tr("The import was cancelled; nothing was imported."), Error::Code::Cancelled);
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

ImportStream ImportStream::of(ImportFile::Reader &reader)
{
    return { [&reader](int max) { return reader.next(max); },
        [&reader]() -> qint64 {
            if (reader.atEnd() || reader.bytesRead() <= 0)
                return reader.recordsRead();
            return qint64(double(reader.recordsRead()) * double(reader.totalBytes()) / double(reader.bytesRead()));
        } };
}

ImportStream ImportStream::resume(QList<ImportRecord> first, ImportFile::Reader &reader, int skip)
{
    struct State
    {
        QList<ImportRecord> first;
        qsizetype at = 0;
        int skip = 0;
    };
    auto state = std::make_shared<State>(State { std::move(first), 0, skip });
    ImportStream rest = of(reader);
    ImportStream stream;
    stream.expectedTotal = rest.expectedTotal;
    stream.next = [state, next = std::move(rest.next)](int max) -> Result<QList<ImportRecord>> {
        QList<ImportRecord> out;
        // The preview's records first, then the file from where the preview stopped, in the same chunk (the
        // first chunk decides how the batch is written, from the total the reader then expects).
        if (state->at < state->first.size()) {
            const qsizetype n = qMin<qsizetype>(max, state->first.size() - state->at);
            out.reserve(n);
            for (qsizetype i = 0; i < n; ++i)
                out.append(std::move(state->first[state->at++]));
            if (state->at == state->first.size())
                state->first = QList<ImportRecord>();
        }
        while (state->skip > 0) {
            Result<QList<ImportRecord>> skipped = next(qMin(state->skip, 5000));
            if (!skipped)
                return skipped.error();
            state->skip = skipped->isEmpty() ? 0 : state->skip - int(skipped->size());
        }
        if (out.size() < max) {
            Result<QList<ImportRecord>> more = next(max - int(out.size()));
            if (!more)
                return more.error();
            out.append(std::move(*more));
        }
        return out;
    };
    return stream;
}

QList<ImportRecord> ImportRepository::mergeWithinFile(const QList<ImportRecord> &records, int *merged)
{
    InFileMerger merger;
    Result<InFileMerger::Folded> folded = merger.fold(records); // one chunk: the keys stay in memory
    if (merged)
        *merged = merger.merged();
    return folded ? std::move(folded->records) : records;
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
    const int total = int(request.records.size());
    ImportWriter writer(m_db, request);
    if (Status s = writer.begin(); !s)
        return s.error();
    if (Status s = writer.planBulk(request.records, request.perRecord, total); !s)
        return s.error();
    for (int i = 0; i < total; ++i) {
        if (progress && i % 500 == 0 && !progress(i, total))
            return cancelled();
        const DuplicateAction action = request.perRecord.value(i, request.onDuplicate);
        if (Result<ImportWriter::Outcome> written = writer.write(request.records.at(i), action, i); !written)
            return written.error();
    }
    if (Status s = writer.flush(); !s)
        return s.error();
    if (progress && !progress(total, total))
        return cancelled();
    return writer.finish(request.merged);
}

Result<ImportSummary> ImportRepository::run(
    const ImportRequest &request, const ImportStream &stream, const Progress &progress)
{
    ImportWriter writer(m_db, request);
    if (Status s = writer.begin(); !s)
        return s.error();
    InFileMerger merger;
    merger.setMemoryKeys(request.mergeMemoryKeys);
    QList<std::pair<ImportWriter::Outcome, ImportRecord>> later; // repeats of people stored from an earlier chunk
    const int chunkSize = qMax(1, request.chunkSize);
    int done = 0;
    qint64 expected = 0;
    bool first = true;
    while (true) {
        Result<QList<ImportRecord>> chunk = stream.next(chunkSize);
        if (!chunk)
            return chunk.error();
        if (chunk->isEmpty())
            break;
        const int read = int(chunk->size());
        Result<InFileMerger::Folded> folding = merger.fold(std::move(chunk).value());
        if (!folding)
            return folding.error();
        InFileMerger::Folded &folded = *folding;
        expected = qMax<qint64>(stream.expectedTotal ? stream.expectedTotal() : 0, done + read);
        if (first) {
            first = false;
            QHash<int, DuplicateAction> chosen; // the wizard's choices, by index into this chunk
            for (qsizetype i = 0; i < folded.records.size() && !request.perRow.isEmpty(); ++i)
                if (const auto it = request.perRow.constFind(folded.records.at(i).row); it != request.perRow.cend())
                    chosen.insert(int(i), *it);
            if (Status s = writer.planBulk(folded.records, chosen, expected); !s)
                return s.error();
        }
        // What became of the earlier person: created (> 0), changed (< 0) or skipped (0: nothing to fill).
        for (auto &[earlier, record] : folded.later)
            if (earlier != 0)
                later.append({ ImportWriter::Outcome {
                                   earlier > 0 ? ImportWriter::Outcome::Created : ImportWriter::Outcome::Updated,
                                   qAbs(earlier) },
                    std::move(record) });
        for (qsizetype i = 0; i < folded.records.size(); ++i) {
            if (progress && i % 500 == 0 && !progress(done + int(i), int(qMin<qint64>(expected, INT_MAX))))
                return cancelled();
            const ImportRecord &record = folded.records.at(i);
            Result<ImportWriter::Outcome> written
                = writer.write(record, request.perRow.value(record.row, request.onDuplicate), done + int(i));
            if (!written)
                return written.error();
            if (const int person = folded.people.at(i); person >= 0)
                merger.settle(person,
                    written->kind == ImportWriter::Outcome::Created       ? written->contactId
                        : written->kind == ImportWriter::Outcome::Updated ? -written->contactId
                                                                          : 0);
        }
        done += read;
    }
    if (Status s = writer.flush(); !s)
        return s.error();
    for (const auto &[earlier, record] : std::as_const(later))
        if (Status s = writer.mergeLater(earlier, record); !s)
            return s.error();
    if (progress && !progress(done, done))
        return cancelled();
    return writer.finish(merger.merged());
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
