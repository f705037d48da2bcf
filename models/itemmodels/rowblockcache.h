#pragma once

#include "core/result.h"

#include <QHash>
#include <QList>

#include <algorithm>
#include <functional>

// The paging part of a list model over SQL, for rows with an `id`: the model keeps the ordered ids of all
// rows and asks this cache for a row; the cache loads the row's block (by id, through the loader) and keeps
// only the blocks used last (ContactListModel, OrganizationListModel).
//
// A block whose rows were deleted since the ids were read has gaps (nullptr rows) until the model
// refreshes its ids. A block read before more ids were appended (a snapshot completed in the background)
// is short and is read again. A failed load is remembered as an empty block, so painting does not retry it
// on every cell; the error goes to the loader's caller through onError.
template<typename Row>
class RowBlockCache final
{
public:
    using Loader = std::function<Result<QList<Row>>(const QList<qint64> &ids)>;
    using ErrorHandler = std::function<void(const Error &)>;

    static constexpr int DefaultBlockSize = 256;
    static constexpr int DefaultMaxBlocks = 8;

    RowBlockCache(Loader loader, ErrorHandler onError)
        : m_loader(std::move(loader))
        , m_onError(std::move(onError))
    {
    }

    // The row at `row` of `ids`, loading its block if needed; nullptr if it is gone or failed to load.
    const Row *rowAt(const QList<qint64> &ids, int row)
    {
        if (row < 0 || row >= ids.size())
            return nullptr;
        const Block &b = block(ids, row / m_blockSize);
        const int offset = row % m_blockSize;
        if (offset >= b.rows.size() || b.rows.at(offset).id != ids.at(row))
            return nullptr;
        return &b.rows.at(offset);
    }

    // Forgets the block holding `row`, so the next rowAt() there reads its rows again (a row changed).
    void dropBlockOf(int row)
    {
        const int index = row / m_blockSize;
        if (m_blocks.remove(index))
            m_recent.removeOne(index);
    }
    void clear()
    {
        m_blocks.clear();
        m_recent.clear();
    }
    void setPaging(int blockSize, int maxBlocks)
    {
        m_blockSize = std::max(1, blockSize);
        m_maxBlocks = std::max(1, maxBlocks);
        clear();
    }
    int blockSize() const { return m_blockSize; }
    int maxBlocks() const { return m_maxBlocks; }
    int loads() const { return m_loads; }
    int cachedRowCount() const
    {
        int n = 0;
        for (const Block &b : m_blocks)
            n += static_cast<int>(b.rows.size());
        return n;
    }

private:
    struct Block
    {
        QList<Row> rows;
        bool failed = false;
    };

    const Block &block(const QList<qint64> &ids, int index)
    {
        const qsizetype first = qsizetype(index) * m_blockSize;
        const qsizetype count = std::min<qsizetype>(m_blockSize, ids.size() - first);
        auto it = m_blocks.find(index);
        if (it != m_blocks.end() && !it->failed && it->rows.size() < count) {
            m_blocks.erase(it);
            m_recent.removeOne(index);
            it = m_blocks.end();
        }
        if (it != m_blocks.end()) {
            if (m_recent.first() != index) {
                m_recent.removeOne(index);
                m_recent.prepend(index);
            }
            return it.value();
        }
        Block loaded;
        Result<QList<Row>> rows = m_loader(ids.mid(first, count));
        ++m_loads;
        if (rows) {
            // Keep positions aligned with the ids: rows deleted since leave default (id 0) rows.
            const QList<Row> &found = *rows;
            loaded.rows.resize(count);
            qsizetype next = 0;
            for (qsizetype i = 0; i < count && next < found.size(); ++i) {
                if (found.at(next).id == ids.at(first + i))
                    loaded.rows[i] = found.at(next++);
            }
        } else {
            loaded.failed = true;
            if (m_onError)
                m_onError(rows.error());
        }
        while (m_recent.size() >= m_maxBlocks)
            m_blocks.remove(m_recent.takeLast());
        m_recent.prepend(index);
        return m_blocks.insert(index, std::move(loaded)).value();
    }

    Loader m_loader;
    ErrorHandler m_onError;
    QHash<int, Block> m_blocks;
    QList<int> m_recent; // block indexes, most recently used first
    int m_loads = 0;
    int m_blockSize = DefaultBlockSize;
    int m_maxBlocks = DefaultMaxBlocks;
};
