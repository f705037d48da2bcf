#pragma once

#include <QWidget>

class Database;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;
class TimelineModel;

// A contact's conversation history, newest first, in the profile: a filter row (channel and words) over
// a list that loads a page at a time as it scrolls (TimelineModel). Loads only while visible: setting the
// contact on a hidden view just remembers it. Reloads when HistoryNotifier says this contact changed.
class TimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(Database &db, QWidget *parent = nullptr);

    void setContactId(qint64 id);
    qint64 contactId() const { return m_contactId; }
    TimelineModel *model() const { return m_model; }
    QListView *listView() const { return m_list; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyFilter();
    void updateEmptyLabel();

    Database &m_db;
    TimelineModel *m_model = nullptr;
    QListView *m_list = nullptr;
    QComboBox *m_channelCombo = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QTimer *m_searchTimer = nullptr;
    qint64 m_contactId = 0;
    bool m_stale = true; // the shown rows are not those of m_contactId and the filter
};
