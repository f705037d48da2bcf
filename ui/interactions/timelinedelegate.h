#pragma once

#include <QStyledItemDelegate>

// Draws one TimelineModel row: a day header above the first item of each day (FirstOfDayRole), then the
// time, a direction arrow, the channel, the title in bold, the sentiment and the snippet in a second line.
class TimelineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineDelegate)

public:
    explicit TimelineDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The words a header shows for this day: "Today", "Yesterday" or the long date.
    static QString dayTitle(const QDate &day);
    // The second line before the snippet is appended: who logged it (with names), campaign, status, "via
    // <network>", "date unknown, first seen <when>" for a synced item without a date, then the snippet.
    QString detailsText(const QModelIndex &index) const;

    // Timelines of several people (an organization, Activity) name the person before the title.
    void setShowContactNames(bool show) { m_showNames = show; }
    bool showsContactNames() const { return m_showNames; }

private:
    bool m_showNames = false;
    int headerHeight(const QStyleOptionViewItem &option) const;
};
