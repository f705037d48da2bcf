#pragma once

#include "core/result.h"
#include "interchange/importrecord.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>

class Database;

// What to do with an incoming person who is already in the database.
enum class DuplicateAction {
    Skip, // leave the existing contact as it is
    Fill, // fill the existing contact's empty fields; add emails, phones, handles, beats and tags
    Overwrite, // the file's non-empty fields replace the existing ones; lists are added to
    Create, // create a new contact anyway (handles that belong to the existing one are left out)
};

namespace DuplicateActions {
QString key(DuplicateAction action); // skip, fill, overwrite, create
std::optional<DuplicateAction> fromKey(QStringView key);
QString label(DuplicateAction action); // "Skip", "Fill empty fields", "Overwrite", "Create anyway" (translated)
QList<DuplicateAction> all();
} // namespace DuplicateActions

// An incoming record that matches an existing contact, and why.
struct ImportMatch
{
    int index = 0; // into the records
    qint64 contactId = 0;
    QString contactName;
    QString reason; // "same email anna@…", "same name at Tagesblatt"
};

struct ImportRequest
{
    QString fileName; // shown in Import History (the name, not the path)
    QString format; // "csv" or "vcard"
    QList<ImportRecord> records; // records with problems are skipped and counted
    DuplicateAction onDuplicate = DuplicateAction::Skip;
    QHash<int, DuplicateAction> perRecord; // by index into records, overrides onDuplicate
    QHash<int, DuplicateAction> perRow; // a streamed run: by the record's row number (ImportRecord::row)
    bool dryRun = false; // everything is done and counted, then rolled back
    int merged = 0; // records mergeWithinFile() folded into others, recorded with the batch
    int chunkSize = 5000; // a streamed import (run with an ImportStream) reads and stores this many at a time
    // A streamed import: the in-file merge keeps at most this many keys in memory before they go to its
    // temporary file (0: InFileMerger::kMemoryKeys; tests lower it to reach the file with a small import).
    int mergeMemoryKeys = 0;
};

namespace ImportFile {
class Reader;
}

// The records of a file a chunk at a time, for a streamed import.
struct ImportStream
{
    // Up to `max` more records; an empty list at the end.
    std::function<Result<QList<ImportRecord>>(int max)> next;
    // How many records the whole file is expected to hold, from what was read so far (0: unknown).
    std::function<qint64()> expectedTotal;

    static ImportStream of(ImportFile::Reader &reader); // the reader must outlive the stream
    // The import wizard's run: `first` (the records its preview read, as the user fixed them, without the rows
    // left out), then the rest of the file from `reader` (opened anew, with the same options) after the
    // `skip` records the preview read. Row numbers go on from the preview's.
    static ImportStream resume(QList<ImportRecord> first, ImportFile::Reader &reader, int skip);
};

struct ImportSummary
{
    qint64 batchId = 0; // 0 for a dry run
    int created = 0;
    int updated = 0;
    int skipped = 0; // duplicates skipped
    int problems = 0; // records left out for their problems
    int organizationsCreated = 0;
    int merged = 0; // records folded into an earlier one of the same person
    QStringList notes; // what was left out of records that were imported (a handle owned by another)
    QStringList problemDetails; // the problems of the rows left out, in words naming row and line
    QStringList warnings; // the records' own warnings (ImportRecord::warnings)
    QList<qint64> contactIds; // created or updated, for the change notifier
};

struct ImportBatch
{
    qint64 id = 0;
    QString fileName;
    QString format;
    QString userName;
    QDateTime startedAt;
    int created = 0;
    int updated = 0;
    int skipped = 0;
    int problems = 0;
    int merged = 0;
    QDateTime undoneAt;
};

struct ImportUndoReport
{
    int removed = 0; // contacts the batch created, now gone
    int restored = 0; // contacts the batch changed, back as they were
    QStringList conflicts; // in words: rows edited since, or with conversations, left as they are
    QList<qint64> contactIds;
};

// Writes an import as ONE batch in ONE transaction (nothing is left behind by an error or a Cancel), records
// what the batch created and changed (import_batches, import_batch_items with the old values), and undoes a
// batch later: what it created is removed, what it changed is restored, and rows someone edited since (or
// that gained conversations, pitches or follow-ups) are reported as conflicts instead. New contacts are
// written with multi-row INSERTs (ImportWriter, BulkInserter), so 100,000 rows take seconds (bench_import).
// A streamed import (`rapport import`) reads, merges and stores the file a chunk at a time inside that one
// transaction, so its memory does not grow with the file (InFileMerger keeps only the people's keys).
class ImportRepository final
{
public:
    // Called every few hundred records with (done, total); returning false cancels the run (rolled back).
    using Progress = std::function<bool(int done, int total)>;

    explicit ImportRepository(Database &db)
        : m_db(db)
    {
    }

    // Records that are the same person (same email or handle, or same name at the same outlet) merged into
    // the first of them; `merged` counts the records folded in.
    static QList<ImportRecord> mergeWithinFile(const QList<ImportRecord> &records, int *merged = nullptr);
    // Existing live contacts each record matches: same email or handle; same name at the same outlet.
    Result<QList<ImportMatch>> findMatches(const QList<ImportRecord> &records);

    // The records of request.records, already merged within the file (mergeWithinFile), with per-record
    // choices (request.perRecord): the import wizard.
    Result<ImportSummary> run(const ImportRequest &request, const Progress &progress = {});
    // The records as `stream` hands them over, request.chunkSize at a time: each chunk is merged within the
    // file (InFileMerger; summary.merged counts the rows folded), matched and stored before the next is read,
    // all in the one transaction. A repeat of a person stored from an earlier chunk is filled into that
    // contact at the end. request.records, perRecord and merged are not used; request.perRow is (the choices
    // the wizard's duplicates page made for the rows it showed). Progress gets the records
    // done and the expected total.
    Result<ImportSummary> run(const ImportRequest &request, const ImportStream &stream, const Progress &progress = {});

    Result<QList<ImportBatch>> batches(int limit = 500);
    Result<ImportUndoReport> undo(qint64 batchId);

private:
    Database &m_db;
};
