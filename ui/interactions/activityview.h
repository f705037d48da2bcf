#pragma once

#include <QDateTime>
#include <QWidget>

class Database;
class QComboBox;
class QDateEdit;
class QLabel;
class QListView;
class TimelineModel;

// The team's latest interactions, everybody's, newest first (the Activity section's "Latest" tab):
// filtered by account manager, channel and date range, loaded a page at a time as the list scrolls
// (TimelineModel over TimelineQuery's Everybody scope, keyset-paged). Enter or a double-click opens the
// entry's contact. Loads only while visible and reloads when ChangeNotifier reports a change.
class ActivityView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityView)

public:
    // Periods offered; Custom shows the from/to date fields.
    enum class Period { AnyTime, Today, Last7Days, Last30Days, Last90Days, Custom };
    Q_ENUM(Period)

    explicit ActivityView(Database &db, QWidget *parent = nullptr);

    TimelineModel *model() const { return m_model; }
    QListView *listView() const { return m_list; }
    void setPeriod(Period period);
    // Custom range, local dates, both inclusive.
    void setRange(const QDate &from, const QDate &to);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void contactActivated(qint64 contactId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadUsers();
    void applyFilter();
    void updateEmptyLabel();

    Database &m_db;
    TimelineModel *m_model = nullptr;
    QListView *m_list = nullptr;
    QComboBox *m_userCombo = nullptr;
    QComboBox *m_channelCombo = nullptr;
    QComboBox *m_periodCombo = nullptr;
    QDateEdit *m_fromEdit = nullptr;
    QDateEdit *m_toEdit = nullptr;
    QLabel *m_emptyLabel = nullptr;
    bool m_usersLoaded = false;
    bool m_stale = true;
};
