#pragma once

#include <QList>
#include <QStringList>
#include "common/cachedtextdelegate.h"

// Paints a cell with the words of the search marked: every place where a search term starts a word
// (the full-text index matches word prefixes), ignoring case and diacritics ("tomas" marks "Tomás").
// Set the terms with setTerms() (already folded, as SearchRepository::terms() returns them). Cells without
// a match are drawn as CachedTextDelegate draws them.
class HighlightDelegate final : public CachedTextDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HighlightDelegate)

public:
    struct Range
    {
        int start = 0;
        int length = 0;
        bool operator==(const Range &) const = default;
    };

    explicit HighlightDelegate(QObject *parent = nullptr);

    void setTerms(const QStringList &terms);
    QStringList terms() const { return m_terms; }

    // Where the terms match in `text` (positions in `text`), sorted and not overlapping.
    static QList<Range> matchRanges(const QString &text, const QStringList &terms);
    // The ranges marked in the cell at `index` with the current terms.
    QList<Range> ranges(const QModelIndex &index) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QStringList m_terms;
};
