#include "highlightdelegate.h"

#include "domain/text.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QTextLayout>

#include <algorithm>

HighlightDelegate::HighlightDelegate(QObject *parent)
    : CachedTextDelegate(parent)
{
}

void HighlightDelegate::setTerms(const QStringList &terms)
{
    m_terms = terms;
}

QList<HighlightDelegate::Range> HighlightDelegate::matchRanges(const QString &text, const QStringList &terms)
{
    QList<Range> ranges;
    if (text.isEmpty() || terms.isEmpty())
        return ranges;
    // Fold character by character, remembering where each folded character came from, so a match in the
    // folded text maps back to the original even when folding changes the length.
    QString folded;
    QList<int> origin;
    folded.reserve(text.size());
    origin.reserve(text.size());
    for (int i = 0; i < text.size();) {
        const int width = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QString piece = Text::fold(text.mid(i, width));
        for (QChar ch : piece) {
            folded += ch;
            origin << i;
        }
        i += width;
    }
    origin << int(text.size());
    auto isWordChar = [](QChar ch) { return ch.isLetterOrNumber(); };
    for (const QString &term : terms) {
        if (term.isEmpty())
            continue;
        for (qsizetype at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
            if (at > 0 && isWordChar(folded.at(at - 1)))
                continue; // the index matches word prefixes only
            const int start = origin.at(at);
            const int end = origin.at(at + term.size());
            ranges.append({ start, end - start });
        }
    }
    std::sort(ranges.begin(), ranges.end(), [](const Range &a, const Range &b) { return a.start < b.start; });
    // Merge overlaps ("ma" and "mar" both at one place).
    QList<Range> merged;
    for (const Range &r : std::as_const(ranges)) {
        if (!merged.isEmpty() && r.start <= merged.last().start + merged.last().length)
            merged.last().length = std::max(merged.last().length, r.start + r.length - merged.last().start);
        else
            merged.append(r);
    }
    return merged;
}

QList<HighlightDelegate::Range> HighlightDelegate::ranges(const QModelIndex &index) const
{
    return matchRanges(index.data(Qt::DisplayRole).toString(), m_terms);
}

void HighlightDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QList<Range> marks = m_terms.isEmpty() ? QList<Range>() : matchRanges(opt.text, m_terms);
    if (marks.isEmpty()) {
        if (!paintCachedText(painter, opt))
            QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background, selection, focus and icon as usual; the text ourselves.
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    opt.text = text;
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                               .adjusted(style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1, 0,
                                   -style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) - 1, 0);
    const QString shown = opt.fontMetrics.elidedText(text, opt.textElideMode, textRect.width());
    // With an ellipsis at the end, marks stop where the visible text ends.
    const int visible = shown == text ? int(text.size()) : qMax(0, int(shown.size()) - 1);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                                 ? QPalette::Active
                                                                             : QPalette::Inactive;
    QTextCharFormat mark;
    mark.setFontWeight(QFont::Bold);
    if (!selected) {
        // A soft tint of the highlight colour keeps the text readable in light and dark palettes.
        QColor tint = opt.palette.color(group, QPalette::Highlight);
        tint.setAlpha(70);
        mark.setBackground(tint);
    }
    QList<QTextLayout::FormatRange> formats;
    for (const Range &r : marks) {
        if (r.start >= visible)
            break;
        formats.append({ r.start, qMin(r.length, visible - r.start), mark });
    }

    QTextLayout layout(shown, opt.font);
    layout.setFormats(formats);
    QTextOption textOption(Qt::Alignment(opt.displayAlignment & Qt::AlignHorizontal_Mask) | Qt::AlignVCenter);
    textOption.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(textOption);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(textRect.width());
    layout.endLayout();

    painter->save();
    painter->setClipRect(textRect);
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    const qreal y = textRect.top() + (textRect.height() - line.height()) / 2;
    layout.draw(painter, QPointF(textRect.left(), y));
    painter->restore();
}
