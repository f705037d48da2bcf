#include "storage/importmerge.h"

using namespace Qt::StringLiterals;
using namespace ImportContacts;

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

void InFileMerger::remember(const QStringList &keys, int person)
{
    for (const QString &k : keys)
        m_keys.insert(key(k), person);
}

InFileMerger::Folded InFileMerger::fold(QList<ImportRecord> chunk)
{
    Folded out;
    out.records.reserve(chunk.size());
    out.people.reserve(chunk.size());
    const int firstOfChunk = m_people;
    QList<qsizetype> at; // person - firstOfChunk -> index in out.records
    for (ImportRecord &r : chunk) {
        if (r.hasProblems()) {
            out.records.append(std::move(r));
            out.people.append(-1);
            continue;
        }
        int person = -1;
        const QStringList keys = identityKeys(r.contact);
        for (const QString &k : keys)
            if ((person = m_keys.value(key(k))) >= 0)
                break;
        const QString byName = r.contact.organizationName.isEmpty() ? QString() : u"name:"_s + nameKey(r.contact);
        if (person < 0 && !byName.isEmpty())
            person = m_keys.value(key(byName));
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
            out.later.append({ person, std::move(r) });
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
    return out;
}
