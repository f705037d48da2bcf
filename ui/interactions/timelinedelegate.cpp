#include "timelinedelegate.h"

#include "core/clock.h"
#include "core/statuscolor.h"
#include "domain/interaction.h"
#include "itemmodels/timelinemodel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>

namespace {

constexpr int kMargin = 8;

QString arrow(const QString &direction)
{
    if (direction == u"inbound")
        return QStringLiteral("←");
    if (direction == u"outbound")
        return QStringLiteral("→");
    return QStringLiteral("·");
}

QString sentimentMark(const QVariant &sentiment)
{
    if (!sentiment.isValid())
        return QString();
    const int s = sentiment.toInt();
    return s > 0 ? QStringLiteral("+") : s < 0 ? QStringLiteral("−") : QStringLiteral("0");
}

QColor sentimentColor(const QVariant &sentiment, const QPalette &palette)
{
    const int s = sentiment.toInt();
    if (s > 0)
        return StatusColor::success(palette);
    if (s < 0)
        return StatusColor::danger(palette);
    return palette.color(QPalette::PlaceholderText);
}

QString channelText(const QModelIndex &index)
{
    const auto kind = TimelineEntry::Kind(index.data(TimelineModel::KindRole).toInt());
    const QString channel = index.data(TimelineModel::ChannelRole).toString();
    switch (kind) {
    case TimelineEntry::Kind::Interaction:
        return Interaction::channelLabel(channel);
    case TimelineEntry::Kind::Pitch:
    case TimelineEntry::Kind::PitchReply:
        return TimelineDelegate::tr("Pitch", "noun: offering a story to a journalist");
    case TimelineEntry::Kind::Coverage:
        return TimelineDelegate::tr("Coverage");
    }
    return channel;
}

} // namespace

TimelineDelegate::TimelineDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QString TimelineDelegate::dayTitle(const QDate &day)
{
    const QDate today = Clock::now().toLocalTime().date();
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

int TimelineDelegate::headerHeight(const QStyleOptionViewItem &option) const
{
    return option.fontMetrics.height() + 2 * kMargin;
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int lines = option.fontMetrics.lineSpacing() * 2 + 3 * kMargin / 2;
    const int header = index.data(TimelineModel::FirstOfDayRole).toBool() ? headerHeight(option) : 0;
    return QSize(200, lines + header);
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index) const
{
    QStyleOptionViewItem option = opt;
    initStyleOption(&option, index);
    painter->save();
    QRect rect = option.rect;
    const QPalette &pal = option.palette;

    if (index.data(TimelineModel::FirstOfDayRole).toBool()) {
        QRect header = rect;
        header.setHeight(headerHeight(option));
        painter->fillRect(header, pal.color(QPalette::AlternateBase));
        QFont bold = option.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(pal.color(QPalette::Text));
        painter->drawText(header.adjusted(kMargin, 0, -kMargin, 0), Qt::AlignVCenter | Qt::AlignLeft,
            dayTitle(index.data(TimelineModel::DayRole).toDate()));
        painter->setPen(pal.color(QPalette::Mid));
        painter->drawLine(header.bottomLeft(), header.bottomRight());
        rect.setTop(header.bottom() + 1);
    }

    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(rect, pal.color(QPalette::Highlight));
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor dim = selected ? text : pal.color(QPalette::PlaceholderText);

    const QFontMetrics fm(option.font);
    const int line = fm.lineSpacing();
    QRect content = rect.adjusted(kMargin, kMargin / 2, -kMargin, -kMargin / 2);
    QRect first(content.left(), content.top(), content.width(), line);
    QRect second(content.left(), content.top() + line + kMargin / 2, content.width(), line);

    // Time and arrow in a fixed column, so titles line up.
    const QDateTime at = index.data(TimelineModel::AtRole).toDateTime().toLocalTime();
    const int timeWidth = fm.horizontalAdvance(QStringLiteral("00:00  → "));
    painter->setFont(option.font);
    painter->setPen(dim);
    painter->drawText(first.adjusted(0, 0, -(first.width() - timeWidth), 0), Qt::AlignLeft | Qt::AlignVCenter,
        at.time().toString(QStringLiteral("HH:mm")) + QStringLiteral("  ")
            + arrow(index.data(TimelineModel::DirectionRole).toString()));

    int x = first.left() + timeWidth;
    const QString channel = channelText(index);
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetrics sfm(small);
    const int chipWidth = sfm.horizontalAdvance(channel) + 10;
    QRect chip(x, first.top() + (line - sfm.height() - 2) / 2, chipWidth, sfm.height() + 2);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Midlight));
    painter->drawRoundedRect(chip, 4, 4);
    painter->setFont(small);
    painter->setPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Text));
    painter->drawText(chip, Qt::AlignCenter, channel);
    x += chipWidth + kMargin;

    const QVariant sentiment = index.data(TimelineModel::SentimentRole);
    const QString mark = sentimentMark(sentiment);
    const int markWidth = mark.isEmpty() ? 0 : fm.horizontalAdvance(mark) + kMargin;
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QFontMetrics bfm(bold);
    QRect titleRect(x, first.top(), first.right() - x - markWidth, line);
    if (m_showNames) {
        // The person first, in bold, at most a third of the row; then the title in the normal weight.
        const QString name = index.data(TimelineModel::ContactNameRole).toString();
        const QString shown = bfm.elidedText(name, Qt::ElideRight, titleRect.width() / 3);
        painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, shown);
        const int used = bfm.horizontalAdvance(shown) + fm.horizontalAdvance(QStringLiteral(" · "));
        titleRect.setLeft(titleRect.left() + used);
        painter->setFont(option.font);
        painter->drawText(titleRect.adjusted(-fm.horizontalAdvance(QStringLiteral(" · ")), 0, 0, 0),
            Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral(" · "));
        painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, titleRect.width()));
    } else {
        painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
            bfm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, titleRect.width()));
    }
    if (!mark.isEmpty()) {
        painter->setPen(selected ? text : sentimentColor(sentiment, pal));
        painter->drawText(
            QRect(first.right() - markWidth, first.top(), markWidth, line), Qt::AlignRight | Qt::AlignVCenter, mark);
    }

    painter->setFont(option.font);
    painter->setPen(dim);
    const QRect detailRect = second.adjusted(timeWidth, 0, 0, 0);
    painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(detailsText(index), Qt::ElideRight, detailRect.width()));
    painter->restore();
}

QString TimelineDelegate::detailsText(const QModelIndex &index) const
{
    QStringList details;
    if (m_showNames) // several people, several account managers: say who talked to them
        if (const QString user = index.data(TimelineModel::UserNameRole).toString(); !user.isEmpty())
            details.append(TimelineDelegate::tr("by %1", "logged by an account manager").arg(user));
    if (const QString campaign = index.data(TimelineModel::CampaignNameRole).toString(); !campaign.isEmpty()
        && TimelineEntry::Kind(index.data(TimelineModel::KindRole).toInt()) == TimelineEntry::Kind::Interaction)
        details.append(campaign);
    if (const QString status = index.data(TimelineModel::StatusRole).toString(); !status.isEmpty())
        details.append(status);
    if (const QString source = index.data(TimelineModel::SourceRole).toString();
        !source.isEmpty() && source != u"manual")
        details.append(TimelineDelegate::tr("via %1", "synced from a network").arg(source));
    if (index.data(TimelineModel::DateUnknownRole).toBool()) {
        // The time in the first column is when Rapport first saw it, not when it was written: say so.
        const QDateTime seen = index.data(TimelineModel::AtRole).toDateTime().toLocalTime();
        details.append(TimelineDelegate::tr(
            "date unknown, first seen %1", "a synced item whose source gave no date; %1 is a date and time")
                           .arg(QLocale().toString(seen, QLocale::ShortFormat)));
    }
    const QString snippet = index.data(TimelineModel::SnippetRole).toString().simplified();
    if (!snippet.isEmpty())
        details.append(snippet);
    return details.join(QStringLiteral(" · "));
}
