#pragma once

#include <QCache>
#include <QFont>
#include <QStaticText>
#include <QStyledItemDelegate>

// A QStyledItemDelegate that draws a cell's single line of text from a cache of laid-out text (QStaticText),
// for big tables repainted often (the contact list). The style shapes every cell's text three times on
// every paint (size, elision, drawing): a screenful of the contact list cost ~80 M instructions, 70 % of
// opening a profile after a jump in the list (bench_profile, docs/PERFORMANCE.md). Background, selection,
// focus frame and icon still come from the style; cells it cannot draw the same way (check boxes, wrapped
// or multi-line text, right-to-left) go through QStyledItemDelegate::paint unchanged.
class CachedTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CachedTextDelegate)

public:
    explicit CachedTextDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Texts laid out so far and still cached (for tests).
    int cachedTexts() const { return int(m_cache.count()); }

protected:
    // Paints `option` (already initialised for `index`) the fast way; false if this cell needs the style's way.
    bool paintCachedText(QPainter *painter, QStyleOptionViewItem option) const;

private:
    struct Key
    {
        QString text;
        QFont font;
        int width = 0;
        int elideMode = 0;
        bool operator==(const Key &) const = default;
        friend size_t qHash(const Key &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.text, key.font, key.width, key.elideMode);
        }
    };
    mutable QCache<Key, QStaticText> m_cache;
};
