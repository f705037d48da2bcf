#pragma once

#include "domain/contact.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The column layouts Rapport writes contacts in. Each is the layout the import recognises
// (ImportPresets::detect) and maps back (ImportPresets::mapping), so an exported file imports again:
//   Rapport  the ImportFields keys as column names (display_name, email, email_label, handle:mastodon, ...):
//            every field the import knows, multi-values joined with " ::: " as Google does;
//   Google   Google Contacts' current "Google CSV" columns (First Name, E-mail 1 - Label/Value, Labels, ...);
//   Outlook  the Outlook desktop export's columns (First Name, Company, E-mail Address, Business Phone, ...),
//            with a byte order mark so that Excel and Outlook read it as UTF-8.
// Google and Outlook have no place for beats, handles other than websites, kind, reach or consent.
enum class CsvLayout { Rapport, Google, Outlook };

namespace CsvLayouts {
QList<CsvLayout> all();
QString key(CsvLayout layout); // rapport, google, outlook
std::optional<CsvLayout> fromKey(QStringView key);
QString label(CsvLayout layout); // translated
} // namespace CsvLayouts

// RFC 4180: a field with the delimiter, a double quote, CR or LF is quoted and its quotes doubled; records end
// in CRLF; the text is UTF-8.
namespace Csv {
QString field(const QString &value);
QByteArray record(const QStringList &fields);
} // namespace Csv

// Writes contacts in one layout: the header once, then one record per contact.
//
//     ContactCsvWriter writer(CsvLayout::Google);
//     out.write(writer.preamble() + writer.headerRecord());
//     for (...) out.write(writer.record(contact, ownerName));
class ContactCsvWriter
{
public:
    explicit ContactCsvWriter(CsvLayout layout);

    CsvLayout layout() const { return m_layout; }
    QByteArray preamble() const; // the byte order mark for Outlook, else nothing
    QStringList header() const;
    QByteArray headerRecord() const { return Csv::record(header()); }
    QStringList fields(const Contact &contact, const QString &ownerName) const;
    QByteArray record(const Contact &contact, const QString &ownerName) const
    {
        return Csv::record(fields(contact, ownerName));
    }

private:
    CsvLayout m_layout;
};
