#pragma once

#include "core/result.h"
#include "domain/contact.h"
#include "interchange/importrecord.h"
#include "storage/importrepository.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

class Database;

// What the import's parts share (ImportRepository, ImportWriter, InFileMerger): who a record is (identity and
// name keys), folding one person's values into another's, a contact as the JSON an import batch keeps for undo,
// the existing contacts by identity and name, and writing an edited contact. Internal to storage/.
namespace ImportContacts {

// Sort key of the display name and the outlet: "same name at the same outlet".
QString nameKey(const Contact &c);
// "email:<normalized>" for each email, "<network>:<normalized>" for each handle.
QStringList identityKeys(const Contact &c);

// A key as 128 bits of two independent hashes: what the import keeps per person of a file to find the same
// person again in a later chunk (a collision is as likely as 2^-128 per pair: never, in practice), at 16 bytes
// instead of the string.
struct Key
{
    quint64 a = 0;
    quint64 b = 0;
    bool operator==(const Key &) const = default;
};
inline size_t qHash(const Key &k, size_t seed = 0) noexcept
{
    return size_t(k.a) ^ seed;
}
Key key(QStringView text);

// Adds what `from` has and `into` lacks (empty fields; new emails, phones, handles, beats, tags). With
// `overwrite`, `from`'s non-empty fields replace `into`'s.
void merge(Contact &into, const Contact &from, bool overwrite);

// The values an import may change, as kept in import_batch_items.old_values, and back.
QJsonObject toJson(const Contact &c);
void fromJson(Contact &c, const QJsonObject &o);

// The existing live contacts by identity and by name at an outlet.
struct Index
{
    QHash<QString, qint64> byIdentity; // "email:x", "mastodon:y"
    QHash<QString, qint64> byName;
    QHash<qint64, QString> names;
};
Result<Index> loadIndex(Database &db);
std::optional<ImportMatch> match(const Index &index, const ImportRecord &r, int i);

// Writes an edited contact inside the caller's transaction, if it still has c.version (else a conflict): the
// row, its emails, phones, handles, beats and tags, its search text, and the audit entry. The columns an
// import never sets (pronouns, preferred channel, consent date) keep their values.
Status updateContact(Database &db, Contact &c, const QString &doing);

} // namespace ImportContacts
