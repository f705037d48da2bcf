#pragma once

#include "core/result.h"
#include "domain/interaction.h"
#include "interchange/csvwriter.h"
#include "interchange/vcardwriter.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

class Database;
class QIODevice;

// What `rapport export` and File → Export… write.
enum class ExportFormat { Csv, VCard, Ics, Json };

namespace ExportFormats {
QString key(ExportFormat format); // csv, vcard, ics, json
std::optional<ExportFormat> fromKey(QStringView key);
QString extension(ExportFormat format); // csv, vcf, ics, json
} // namespace ExportFormats

struct ContactExportOptions
{
    ExportFormat format = ExportFormat::VCard; // Csv or VCard
    CsvLayout layout = CsvLayout::Rapport;
    VCardWriter::Version version = VCardWriter::Version::V40;
};

// Reads what an export writes and streams it into a device (a QSaveFile, see ExportFile): contacts as CSV or
// vCard in blocks of a thousand (ContactRepository::getMany), follow-ups as iCalendar, one person or the
// whole database as JSON. Memory stays flat whatever the number of contacts; nothing is written to the
// database.
//
// The JSON of one person holds every row Rapport keeps about them (profile, emails, phones, handles, beats
// and tags, interactions, pitches and their moves, coverage they wrote, follow-ups, media lists, engagement,
// their feeds, import records and the audit entries of all of these) and nothing about other contacts.
// Times are ISO 8601 in UTC; columns are named as in the database.
class ExportRepository final
{
public:
    // Called now and then with (done, total); returning false cancels (Error::Code::Cancelled).
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    explicit ExportRepository(Database &db)
        : m_db(db)
    {
    }

    // Every contact not in the trash, in name order.
    Result<QList<qint64>> allContactIds();
    // The contacts with these ids in this order, written in the chosen format; returns how many.
    Result<qint64> writeContacts(
        const QList<qint64> &ids, const ContactExportOptions &options, QIODevice &out, const Progress &progress = {});

    // Follow-ups not in the trash: the open ones (all, with includeDone), of one contact or (0) of everybody,
    // by due time.
    Result<QList<FollowUp>> followUps(qint64 contactId = 0, bool includeDone = false);
    Result<qint64> writeFollowUps(const QList<FollowUp> &followUps, QIODevice &out);

    Status writePerson(qint64 contactId, QIODevice &out);
    // Every table, row by row ({"format", "schema_version", "exported_at", "tables": {name: [rows]}}); the
    // full-text indexes are left out (they are made from the rows).
    Status writeDatabase(QIODevice &out, const Progress &progress = {});

private:
    Result<QHash<qint64, QString>> userNames();

    Database &m_db;
};
