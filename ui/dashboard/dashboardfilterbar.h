#pragma once

#include "domain/dashboardfilter.h"

#include <QWidget>

class Database;
class QComboBox;
class QHBoxLayout;
class QDateEdit;

// The filters every chart of the dashboard shares: the period (this week, last 30 days, this quarter, last 12
// months, a custom range), the account manager, client, campaign and channel. The choice is remembered in
// the settings (dashboard/...) and restored on the next start.
class DashboardFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardFilterBar)

public:
    explicit DashboardFilterBar(Database &db, QWidget *parent = nullptr);

    DashboardFilter filter() const;
    // Shows `filter` in the bar (and remembers it) without emitting filterChanged.
    void setFilter(const DashboardFilter &filter);
    // Reads the names of account managers, clients and campaigns again (after they changed).
    void reloadChoices();
    // Puts `widget` at the right end of the first row (the period's), beside the filter rather than below it.
    void addToPeriodRow(QWidget *widget);
    QComboBox *periodCombo() const { return m_period; }

Q_SIGNALS:
    void filterChanged(const DashboardFilter &filter);

private:
    void changed();
    void save() const;
    void restore();
    void fillCampaigns();

    Database &m_db;
    QComboBox *m_period = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_user = nullptr;
    QComboBox *m_client = nullptr;
    QComboBox *m_campaign = nullptr;
    QComboBox *m_channel = nullptr;
    QHBoxLayout *m_periodRow = nullptr;
    bool m_updating = false;
};
