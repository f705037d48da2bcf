#pragma once

#include "core/result.h"
#include "storage/bulkinserter.h"
#include "storage/database.h"
#include "storage/importcontacts.h"
#include "storage/importrepository.h"

#include <QHash>
#include <QSet>

#include <memory>
#include <optional>

// The store step of an import (ImportRepository::run): ONE transaction from begin() to finish(), in which the
// records are written as they come, a chunk at a time or all at once. Each record is matched against the
// contacts that were there before the batch (ImportContacts::Index) and skipped, filled into one, overwritten
// onto one, or created (new contacts through multi-row INSERTs, BulkInserter); what the batch created and
// changed goes into import_batch_items with the old values, for undo. Destroying the writer before finish()
// committed rolls everything back (an error, a Cancel, a dry run). Internal to storage/.
class ImportWriter final
{
public:
    ImportWriter(Database &db, const ImportRequest &request);
    ~ImportWriter();
    Q_DISABLE_COPY_MOVE(ImportWriter)

    // Opens the transaction, writes the batch row and loads what matching and writing need (existing contacts'
    // identities and names, owners, outlets, tags, the next ids).
    Status begin();
    // SQLite, a large batch of new people next to what is there: the contact tables' indexes, full-text and
    // outlet triggers go out of the way and are rebuilt in one pass in finish(), inside the transaction
    // (DeferredIndexes), which is several times faster than keeping them row by row (bench_import). Decided
    // from the first records and the number the whole file is expected to hold. Call once, before write().
    // The first existing contact to fill or overwrite ends the deferral (flush()) before it is changed, so that
    // its change goes through the audit triggers and the indexes; the rest is written with them in place.
    Status planBulk(
        const QList<ImportRecord> &first, const QHash<int, DuplicateAction> &perRecord, qint64 expectedTotal);

    // What became of a record.
    struct Outcome
    {
        enum Kind { Problem, Skipped, Created, Updated };
        Kind kind = Problem;
        qint64 contactId = 0; // Created, Updated (Skipped: the existing contact it matched)
    };
    Result<Outcome> write(const ImportRecord &record, DuplicateAction action, int index);
    // A later record of the same person as one written before (a repeat within the file that came in a later
    // chunk), filled into the contact `earlier` became (nothing when `earlier` was skipped); call after flush(),
    // when the indexes are back.
    Status mergeLater(const Outcome &earlier, const ImportRecord &record);
    // Writes what is buffered and rebuilds deferred indexes; mergeLater() may follow.
    Status flush();
    // Records the counts, then commits (a dry run rolls back instead).
    Result<ImportSummary> finish(int merged);

    const ImportSummary &summary() const { return m_summary; }

private:
    Result<qint64> organizationFor(const QString &name);
    Result<qint64> tagFor(const QString &name, const QString &kind);
    Status update(
        const ImportRecord &record, const Contact &incoming, qint64 contactId, bool overwrite, bool createdHere);

    Database &m_db;
    const ImportRequest &m_request;
    const QString m_doing;
    const qint64 m_now;
    const qint64 m_userId;
    ImportSummary m_summary;
    qint64 m_batchId = 0;

    // Declared in this order so that they go in reverse: the inserters' statements, then the transaction
    // (rolled back unless committed), then the connection's bulk settings.
    std::unique_ptr<BulkLoadSettings> m_settings;
    std::unique_ptr<Transaction> m_tx;
    std::unique_ptr<DeferredIndexes> m_deferred;
    bool m_deferring = false;
    bool m_checksOff = false; // SQLite's CHECK constraints, while deferring (planBulk)
    std::optional<BulkInserter> m_orgRows, m_tagRows, m_contactRows, m_emailRows, m_phoneRows, m_handleRows, m_tagLinks,
        m_itemRows;

    ImportContacts::Index m_index;
    QHash<QString, qint64> m_users; // by name or login, lower case
    QHash<QString, qint64> m_organizations; // live ones and this batch's new ones, by lower-case name
    QHash<qint64, QString> m_organizationNames; // the same by id: a new contact's outlet_sort
    QHash<QString, qint64> m_tags; // by kind \x1f name
    qint64 m_nextOrg = 0;
    qint64 m_nextContact = 0;
    qint64 m_nextTag = 0;
    // Handles of the contacts this batch created, to the contact: a handle belongs to one contact (emails may be
    // shared, and are not kept here).
    QHash<ImportContacts::Key, qint64> m_taken;
    QSet<qint64> m_updatedIds; // existing contacts this batch changed
};
