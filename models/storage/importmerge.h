#pragma once

#include "interchange/importrecord.h"
#include "storage/importcontacts.h"

#include <QList>

#include <utility>
#include <vector>

// Finds the rows of a file that are the same person (same email or handle, or same name at the same outlet) and
// folds each into the first row of that person, as the file comes in chunks: a repeat within the chunk is merged
// into its first row in memory (ImportRecord::mergedRows); a repeat of a person whose first row came in an
// earlier chunk (and is stored already) is handed back in `later`, to be filled into the stored contact. Between
// chunks it keeps only the people's keys (ImportContacts::Key, 16 bytes each) and their numbers, never the
// records, so memory does not grow with what the rows hold. ImportRepository::mergeWithinFile is one fold of the
// whole list. Internal to storage/.
class InFileMerger final
{
public:
    struct Folded
    {
        QList<ImportRecord> records; // to store, in file order (rows with problems included)
        QList<int> people; // for each of `records`, its person's number (from 0, over the whole file); -1: a
                           // row with problems
        QList<std::pair<int, ImportRecord>> later; // repeats of people first seen in an earlier chunk
    };

    Folded fold(QList<ImportRecord> chunk);
    int merged() const { return m_merged; } // rows folded into an earlier one so far
    int people() const { return m_people; } // people seen so far

private:
    void remember(const QStringList &keys, int person);

    // Identity and name keys -> person: open addressing over 16-byte slots (96 bits of the key, the person),
    // about 25 bytes a key where a QHash takes 40-60.
    class KeyTable
    {
    public:
        int value(const ImportContacts::Key &key) const; // -1: none
        void insert(const ImportContacts::Key &key, int person); // replaces
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
    int m_people = 0;
    int m_merged = 0;
};
