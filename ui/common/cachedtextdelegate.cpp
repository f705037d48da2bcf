#include "cachedtextdelegate.h"

#include <QApplication>
#include <QPainter>

namespace {

// A few screens of a wide table; a QStaticText of a short string is well under a kilobyte.
constexpr int kCachedTexts = 4000;

} // namespace

CachedTextDelegate::CachedTextDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_cache(kCachedTexts)
{
}

void CachedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (!paintCachedText(painter, opt))
        QStyledItemDelegate::paint(painter, option, index);
}

bool CachedTextDelegate::paintCachedText(QPainter *painter, QStyleOptionViewItem opt) const
{
    const QString text = opt.text;
    if (text.isEmpty() || opt.direction == Qt::RightToLeft
        || (opt.features & (QStyleOptionViewItem::WrapText | QStyleOptionViewItem::HasCheckIndicator))
        || text.contains(u'\n') || text.contains(QChar::LineSeparator))
        return false;
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background, selection, focus frame and icon as the style draws them; the text ourselves, where the
    // style would put it (QCommonStyle: the text rectangle less the focus frame's margin on each side).
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    opt.text = text;
    // Without an icon the text has the whole cell; asking the style would measure (shape) the text again.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect area = (opt.features & QStyleOptionViewItem::HasDecoration)
        ? style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
        : opt.rect;
    const QRect textRect = area.adjusted(margin, 0, -margin, 0);
    if (textRect.width() <= 0)
        return true;

    const Key key { text, opt.font, textRect.width(), int(opt.textElideMode) };
    QStaticText *laidOut = m_cache.object(key);
    if (!laidOut) {
        laidOut = new QStaticText(opt.fontMetrics.elidedText(text, opt.textElideMode, textRect.width()));
        laidOut->setTextFormat(Qt::PlainText);
        laidOut->setTextWidth(-1);
        laidOut->prepare(painter->transform(), opt.font);
        m_cache.insert(key, laidOut);
    }
    // Placed as QCommonStyle places its text layout: vertically on whole pixels, horizontally within the line.
    const QSizeF size = laidOut->size();
    const Qt::Alignment align = QStyle::visualAlignment(opt.direction, opt.displayAlignment);
    const int top = QStyle::alignedRect(opt.direction, (align & Qt::AlignVertical_Mask) | Qt::AlignLeft,
        QSize(textRect.width(), size.toSize().height()), textRect).top();
    qreal x = textRect.left();
    if (align & Qt::AlignRight)
        x += textRect.width() - size.width();
    else if (align & Qt::AlignHCenter)
        x += (textRect.width() - size.width()) / 2;
    const qreal y = top;

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                                 ? QPalette::Active
                                                                             : QPalette::Inactive;
    painter->save();
    painter->setClipRect(opt.rect); // as the style: the cell, not the text area (a glyph may overhang it)
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawStaticText(QPointF(x, y), *laidOut);
    painter->restore();
    return true;
}
