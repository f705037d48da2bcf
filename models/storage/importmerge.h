#pragma once

#include "core/result.h"
#include "interchange/importrecord.h"
#include "storage/importcontacts.h"

#include <QHash>
#include <QList>

#include <memory>
#include <utility>
#include <vector>

// Finds the rows of a file that are the same person (same email or handle, or same name at the same outlet) and
// folds each into the first row of that person, as the file comes in chunks: a repeat within the chunk is merged
// into its first row in memory (ImportRecord::mergedRows); a repeat of a person whose first row came in an
// earlier chunk (and is stored already) is handed back in `later` with what became of that first row, to be
// filled into the stored contact. Between chunks it keeps only the people's keys (ImportContacts::Key, 96 bits
// of two hashes of the normalized email, handle or name+outlet) and what became of each person, never the
// records.
//
// Memory stays bounded whatever the file's size: the keys live in an open-addressing table of at most
// kMemoryKeys; when a chunk starts with the table that full, its keys and the people's outcomes go to a
// private SQLite file in the temporary folder (KeyStore, removed with the merger), and the next chunks look
// their keys up there too, a few hundred in one query. A file of up to ~200,000 contacts never touches it.
// ImportRepository::mergeWithinFile is one fold of the whole list. Internal to storage/.
class InFileMerger final
{
public:
    struct Folded
    {
        QList<ImportRecord> records; // to store, in file order (rows with problems included)
        QList<int> people; // for each of `records`, its person's number (from 0, over the whole file); -1: a
                           // row with problems
        // Repeats of people first seen in an earlier chunk, with what became of that person's first row
        // (settle()): the contact created (> 0) or changed (< 0), or 0 (skipped).
        QList<std::pair<qint64, ImportRecord>> later;
    };

    // The keys the memory table may hold when a chunk starts before they go to the key store: 640,000 keys fit
    // in 1 << 20 slots of 16 bytes (16 MiB) with room for a chunk's keys (it doubles at 786,432).
    static constexpr int kMemoryKeys = 640000;

    InFileMerger();
    ~InFileMerger();
    Q_DISABLE_COPY_MOVE(InFileMerger)

    Result<Folded> fold(QList<ImportRecord> chunk);
    // What became of a person's first row once stored: the contact created (> 0) or changed (< 0), or 0.
    void settle(int person, qint64 outcome);
    int merged() const { return m_merged; } // rows folded into an earlier one so far
    int people() const { return m_people; } // people seen so far
    bool spilled() const { return m_store != nullptr; } // keys went to the key store (a large file)

    // Spill from this many keys in memory instead of kMemoryKeys (ImportRequest::mergeMemoryKeys).
    void setMemoryKeys(int keys) { m_memoryKeys = keys > 0 ? keys : kMemoryKeys; }

private:
    class KeyStore;

    int find(const ImportContacts::Key &key) const; // memory, then what the store answered for this chunk
    void remember(const QStringList &keys, int person);
    Status spill();
    Status prefetch(const QList<ImportRecord> &chunk);

    // Identity and name keys -> person: open addressing over 16-byte slots (96 bits of the key, the person),
    // about 25 bytes a key where a QHash takes 40-60.
    class KeyTable
    {
    public:
        int value(const ImportContacts::Key &key) const; // -1: none
        void insert(const ImportContacts::Key &key, int person); // replaces
        size_t size() const { return m_size; }
        void clear(); // keeps the slots' memory
        template<typename F>
        void forEach(F f) const
        {
            for (const Slot &slot : m_slots)
                if (slot.person >= 0)
                    f(slot.a, slot.b, slot.person);
        }

    private:
        struct Slot
        {
            quint64 a = 0;
            quint32 b = 0;
            qint32 person = -1; // -1: empty
        };
        std::vector<Slot> m_slots;
        size_t m_size = 0;
    };
    KeyTable m_keys;
    std::unique_ptr<KeyStore> m_store;
    QHash<ImportContacts::Key, int> m_found; // this chunk's keys the store knows
    std::vector<qint64> m_outcomes; // of the people from m_outcomesFrom on (the others are in the store)
    int m_outcomesFrom = 0;
    int m_memoryKeys = kMemoryKeys;
    int m_people = 0;
    int m_merged = 0;
};
