#pragma once

#include "storage/dashboardquery.h"
#include "storage/workerconnection.h"

#include <QDialog>

class Database;
class DrillDownModel;
class QLabel;
class QTableView;

// The rows behind a bar, slice, point or KPI tile (interactions, pitches or coverage), read on a worker
// thread. Enter or a double click on a row opens its contact (contactActivated), or its campaign when the row
// has no contact (campaignActivated). Not modal: the dashboard stays usable beside it.
class DrillDownDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillDownDialog)

public:
    DrillDownDialog(Database &db, const DashboardFilter &filter, const DashboardDrill &drill, const QString &title,
        QWidget *parent = nullptr);
    ~DrillDownDialog() override;

    QTableView *tableView() const { return m_table; }
    DrillDownModel *model() const { return m_model; }
    bool isLoading() const { return m_job.isRunning(); }

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void campaignActivated(qint64 campaignId);

private:
    void activate(const QModelIndex &index);

    DrillDownModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    WorkerConnection m_job;
};
