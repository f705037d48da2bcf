#pragma once

#include "storage/timelinequery.h"

#include <QAbstractListModel>

class Database;

// A timeline (one contact, an organization's people, or everybody) as a list, newest first, loaded a page
// at a time as the view scrolls (canFetchMore/fetchMore); never the whole history at once. Day grouping is
// exposed through DayRole and FirstOfDayRole so a delegate can draw a day header above the first item of
// each local day. After a write, call reload().
class TimelineModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // TimelineEntry::Kind as int
        IdRole,
        AtRole, // QDateTime (UTC)
        DayRole, // QDate in local time
        FirstOfDayRole, // bool: the first (newest) item of its day
        ChannelRole,
        DirectionRole,
        TitleRole,
        SnippetRole,
        ContactIdRole,
        ContactNameRole,
        CampaignNameRole,
        SentimentRole, // int -1/0/1, or invalid
        StatusRole,
        UserIdRole,
        SourceRole, // "manual", a network name for synced items, empty for pitches and coverage
        EditableRole, // bool: a manually logged interaction (synced items can only be deleted)
        UserNameRole, // the account manager who logged it
        DateUnknownRole, // bool: a synced item whose source gave no usable date; AtRole is when it was first seen
    };

    explicit TimelineModel(Database &db, QObject *parent = nullptr);
    ~TimelineModel() override;

    // Shows another timeline, starting from its newest page.
    void setFilter(const TimelineFilter &filter);
    const TimelineFilter &filter() const { return m_filter; }
    void reload();
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    const TimelineEntry &entry(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // A page could not be loaded; the rows already shown stay.
    void loadFailed(const QString &message);

private:
    QList<TimelineEntry> loadPage();
    QString displayText(const TimelineEntry &e) const;

    Database &m_db;
    TimelineFilter m_filter;
    QList<TimelineEntry> m_rows;
    int m_pageSize = 100;
    bool m_atEnd = true;
    bool m_announcing = false; // inside reload() or fetchMore()
};
