#include "storage/importmerge.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;
using namespace ImportContacts;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(InFileMerger)
};

constexpr int kPerQuery = 400; // keys looked up or written by one statement

// The store keeps 32 bits of `b`, like the memory table: a key is 96 bits wherever it is.
Key stored(const Key &k)
{
    return Key { k.a, quint64(quint32(k.b)) };
}

} // namespace

// The keys and outcomes that left memory: a private SQLite file (no journal, no sync: it is thrown away with
// the merger, and an import that fails rolls back the database, not this) on its own QSQLITE connection of
// the importing thread. keys: (a, b) -> person, WITHOUT ROWID so that a key is one B-tree entry; people:
// person -> outcome.
class InFileMerger::KeyStore
{
public:
    ~KeyStore()
    {
        m_lookup = QSqlQuery();
        m_write = QSqlQuery();
        m_outcome = QSqlQuery();
        m_writeOutcomes = QSqlQuery();
        if (!m_name.isEmpty()) {
            QSqlDatabase::database(m_name, false).close();
            QSqlDatabase::removeDatabase(m_name);
        }
    }

    Status open()
    {
        static std::atomic<int> serial { 0 };
        if (!m_dir.isValid())
            return failed(m_dir.errorString());
        m_name = u"rapport-import-keys-"_s + QString::number(++serial);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(QDir(m_dir.path()).filePath(u"keys.sqlite"_s));
        if (!db.open())
            return failed(db.lastError().text());
        QSqlQuery q(db);
        for (const QString &sql : { u"PRAGMA journal_mode = OFF"_s, u"PRAGMA synchronous = OFF"_s,
                 u"PRAGMA locking_mode = EXCLUSIVE"_s, u"PRAGMA cache_size = -16384"_s, u"PRAGMA temp_store = FILE"_s,
                 u"CREATE TABLE keys (a INTEGER NOT NULL, b INTEGER NOT NULL, person INTEGER NOT NULL, "
                 u"PRIMARY KEY (a, b)) WITHOUT ROWID"_s,
                 u"CREATE TABLE people (person INTEGER PRIMARY KEY, outcome INTEGER NOT NULL)"_s })
            if (!q.exec(sql))
                return failed(q.lastError().text());
        m_lookup = QSqlQuery(db);
        m_write = QSqlQuery(db);
        m_outcome = QSqlQuery(db);
        m_writeOutcomes = QSqlQuery(db);
        if (!m_lookup.prepare(u"SELECT a, b, person FROM keys WHERE a IN ("_s + placeholders(1, kPerQuery) + u')')
            || !m_write.prepare(u"INSERT OR REPLACE INTO keys (a, b, person) VALUES "_s + placeholders(3, kPerQuery))
            || !m_outcome.prepare(
                u"SELECT person, outcome FROM people WHERE person IN ("_s + placeholders(1, kPerQuery) + u')')
            || !m_writeOutcomes.prepare(
                u"INSERT OR REPLACE INTO people (person, outcome) VALUES "_s + placeholders(2, kPerQuery)))
            return failed(m_lookup.lastError().text());
        return {};
    }

    // Every key of `keys` the store has, with its person.
    Status lookup(std::vector<Key> keys, QHash<Key, int> *found)
    {
        std::sort(keys.begin(), keys.end(), [](const Key &x, const Key &y) { return x.a < y.a; });
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (size_t from = 0; from < keys.size(); from += kPerQuery) {
            for (int i = 0; i < kPerQuery; ++i) // the last query repeats its last key to fill the statement
                m_lookup.bindValue(i, qint64(keys[std::min(from + size_t(i), keys.size() - 1)].a));
            if (!m_lookup.exec())
                return failed(m_lookup.lastError().text());
            while (m_lookup.next())
                found->insert(Key { quint64(m_lookup.value(0).toLongLong()), quint64(m_lookup.value(1).toLongLong()) },
                    m_lookup.value(2).toInt());
        }
        m_lookup.finish();
        return {};
    }

    // Writes (a, b, person) rows, sorted by key (the B-tree fills in order), replacing older persons.
    Status write(std::vector<std::pair<Key, int>> rows)
    {
        std::sort(rows.begin(), rows.end(), [](const auto &x, const auto &y) {
            return x.first.a != y.first.a ? x.first.a < y.first.a : x.first.b < y.first.b;
        });
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (!db.transaction())
            return failed(db.lastError().text());
        for (size_t from = 0; from < rows.size(); from += kPerQuery) {
            for (int i = 0; i < kPerQuery; ++i) { // a repeated last row replaces itself
                const auto &[key, person] = rows[std::min(from + size_t(i), rows.size() - 1)];
                m_write.bindValue(3 * i, qint64(key.a));
                m_write.bindValue(3 * i + 1, qint64(key.b));
                m_write.bindValue(3 * i + 2, person);
            }
            if (!m_write.exec())
                return failed(m_write.lastError().text());
        }
        if (!db.commit())
            return failed(db.lastError().text());
        return {};
    }

    // The outcomes of the people from firstPerson on.
    Status writeOutcomes(int firstPerson, const std::vector<qint64> &outcomes)
    {
        if (outcomes.empty())
            return {};
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (!db.transaction())
            return failed(db.lastError().text());
        for (size_t from = 0; from < outcomes.size(); from += kPerQuery) {
            for (int i = 0; i < kPerQuery; ++i) { // a repeated last row replaces itself
                const size_t at = std::min(from + size_t(i), outcomes.size() - 1);
                m_writeOutcomes.bindValue(2 * i, firstPerson + qint64(at));
                m_writeOutcomes.bindValue(2 * i + 1, outcomes[at]);
            }
            if (!m_writeOutcomes.exec())
                return failed(m_writeOutcomes.lastError().text());
        }
        if (!db.commit())
            return failed(db.lastError().text());
        return {};
    }

    Status outcomes(std::vector<int> people, QHash<int, qint64> *found)
    {
        std::sort(people.begin(), people.end());
        people.erase(std::unique(people.begin(), people.end()), people.end());
        for (size_t from = 0; from < people.size(); from += kPerQuery) {
            for (int i = 0; i < kPerQuery; ++i)
                m_outcome.bindValue(i, people[std::min(from + size_t(i), people.size() - 1)]);
            if (!m_outcome.exec())
                return failed(m_outcome.lastError().text());
            while (m_outcome.next())
                found->insert(m_outcome.value(0).toInt(), m_outcome.value(1).toLongLong());
        }
        m_outcome.finish();
        return {};
    }

private:
    static QString placeholders(int perRow, int rows)
    {
        QString row = u"?"_s;
        for (int i = 1; i < perRow; ++i)
            row += u", ?"_s;
        if (perRow > 1)
            row = u'(' + row + u')';
        QStringList all;
        all.reserve(rows);
        for (int i = 0; i < rows; ++i)
            all.append(row);
        return all.join(u", "_s);
    }
    static Error failed(const QString &why)
    {
        return Error(Tr::tr("The import's temporary file for finding repeated people failed: %1").arg(why),
            Error::Code::Unavailable);
    }

    QTemporaryDir m_dir { QDir(QDir::tempPath()).filePath(u"rapport-import-XXXXXX"_s) };
    QString m_name;
    QSqlQuery m_lookup, m_write, m_outcome, m_writeOutcomes;
};

int InFileMerger::KeyTable::value(const Key &key) const
{
    if (m_slots.empty())
        return -1;
    const size_t mask = m_slots.size() - 1;
    const quint32 b = quint32(key.b);
    for (size_t i = size_t(key.a) & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (slot.person < 0)
            return -1;
        if (slot.a == key.a && slot.b == b)
            return slot.person;
    }
}

void InFileMerger::KeyTable::insert(const Key &key, int person)
{
    if ((m_size + 1) * 4 > m_slots.size() * 3) { // keep it at most three quarters full
        std::vector<Slot> old(std::max<size_t>(1024, m_slots.size() * 2));
        old.swap(m_slots);
        m_size = 0;
        for (const Slot &slot : old)
            if (slot.person >= 0)
                insert(Key { slot.a, slot.b }, slot.person);
    }
    const size_t mask = m_slots.size() - 1;
    const quint32 b = quint32(key.b);
    for (size_t i = size_t(key.a) & mask;; i = (i + 1) & mask) {
        Slot &slot = m_slots[i];
        if (slot.person < 0) {
            slot = Slot { key.a, b, person };
            ++m_size;
            return;
        }
        if (slot.a == key.a && slot.b == b) {
            slot.person = person;
            return;
        }
    }
}

void InFileMerger::KeyTable::clear()
{
    std::fill(m_slots.begin(), m_slots.end(), Slot());
    m_size = 0;
}

InFileMerger::InFileMerger() = default;
InFileMerger::~InFileMerger() = default;

int InFileMerger::find(const Key &k) const
{
    if (const int person = m_keys.value(k); person >= 0)
        return person;
    return m_store ? m_found.value(stored(k), -1) : -1;
}

void InFileMerger::remember(const QStringList &keys, int person)
{
    for (const QString &k : keys)
        m_keys.insert(key(k), person);
}

void InFileMerger::settle(int person, qint64 outcome)
{
    if (person < m_outcomesFrom)
        return; // in the store already (cannot happen: a person is settled in the chunk that found them)
    const size_t at = size_t(person - m_outcomesFrom);
    if (m_outcomes.size() <= at)
        m_outcomes.resize(at + 1);
    m_outcomes[at] = outcome;
}

Status InFileMerger::spill()
{
    if (!m_store) {
        m_store = std::make_unique<KeyStore>();
        if (Status s = m_store->open(); !s)
            return s;
    }
    std::vector<std::pair<Key, int>> rows;
    rows.reserve(m_keys.size());
    m_keys.forEach([&rows](quint64 a, quint32 b, int person) { rows.push_back({ Key { a, b }, person }); });
    if (Status s = m_store->write(std::move(rows)); !s)
        return s;
    m_keys.clear();
    m_outcomes.resize(size_t(m_people - m_outcomesFrom));
    if (Status s = m_store->writeOutcomes(m_outcomesFrom, m_outcomes); !s)
        return s;
    m_outcomes = std::vector<qint64>();
    m_outcomesFrom = m_people;
    return {};
}

Status InFileMerger::prefetch(const QList<ImportRecord> &chunk)
{
    m_found.clear();
    if (!m_store)
        return {};
    std::vector<Key> wanted;
    for (const ImportRecord &r : chunk) {
        if (r.hasProblems())
            continue;
        for (const QString &k : identityKeys(r.contact))
            if (const Key x = key(k); m_keys.value(x) < 0)
                wanted.push_back(stored(x));
        if (!r.contact.organizationName.isEmpty())
            if (const Key x = key(QString(u"name:"_s + nameKey(r.contact))); m_keys.value(x) < 0)
                wanted.push_back(stored(x));
    }
    return m_store->lookup(std::move(wanted), &m_found);
}

Result<InFileMerger::Folded> InFileMerger::fold(QList<ImportRecord> chunk)
{
    // Every person before this chunk has been settled: the keys and outcomes can leave memory.
    if (m_keys.size() >= size_t(m_memoryKeys))
        if (Status s = spill(); !s)
            return s.error();
    if (Status s = prefetch(chunk); !s)
        return s.error();
    Folded out;
    out.records.reserve(chunk.size());
    out.people.reserve(chunk.size());
    const int firstOfChunk = m_people;
    QList<qsizetype> at; // person - firstOfChunk -> index in out.records
    QList<std::pair<int, ImportRecord>> later;
    for (ImportRecord &r : chunk) {
        if (r.hasProblems()) {
            out.records.append(std::move(r));
            out.people.append(-1);
            continue;
        }
        int person = -1;
        const QStringList keys = identityKeys(r.contact);
        for (const QString &k : keys)
            if ((person = find(key(k))) >= 0)
                break;
        const QString byName = r.contact.organizationName.isEmpty() ? QString() : u"name:"_s + nameKey(r.contact);
        if (person < 0 && !byName.isEmpty())
            person = find(key(byName));
        if (person >= firstOfChunk) {
            ImportRecord &into = out.records[at.at(person - firstOfChunk)];
            merge(into.contact, r.contact, false);
            into.mergedRows.append(r.row);
            ++m_merged;
            remember(identityKeys(into.contact), person);
            continue;
        }
        if (person >= 0) {
            ++m_merged;
            remember(keys, person);
            later.append({ person, std::move(r) });
            continue;
        }
        person = m_people++;
        at.append(out.records.size());
        remember(keys, person);
        if (!byName.isEmpty())
            m_keys.insert(key(byName), person);
        out.records.append(std::move(r));
        out.people.append(person);
    }
    m_found.clear();
    // What became of the earlier people the later rows repeat: in memory, or in the store.
    QHash<int, qint64> inStore;
    if (m_store) {
        std::vector<int> wanted;
        for (const auto &[person, record] : std::as_const(later))
            if (person < m_outcomesFrom)
                wanted.push_back(person);
        if (!wanted.empty())
            if (Status s = m_store->outcomes(std::move(wanted), &inStore); !s)
                return s.error();
    }
    out.later.reserve(later.size());
    for (auto &[person, record] : later) {
        const size_t inMemory = size_t(person - m_outcomesFrom);
        const qint64 outcome = person < m_outcomesFrom ? inStore.value(person)
            : inMemory < m_outcomes.size()             ? m_outcomes[inMemory]
                                                       : 0;
        out.later.append({ outcome, std::move(record) });
    }
    return out;
}
