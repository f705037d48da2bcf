#pragma once

#include "storage/dashboardquery.h"

#include <QWidget>

class KpiModel;
class QLabel;

// The KPI tiles above the charts: each figure of the period in large type, its name, and the change against
// the previous period ("+12 % on the previous 30 days"). Reads KpiModel; a click on a tile asks for the rows
// behind it (interactions, pitches or coverage).
class KpiTiles final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KpiTiles)

public:
    explicit KpiTiles(KpiModel *model, QWidget *parent = nullptr);
    // The texts of tile `row` (KpiModel::KpiRow): value, then change.
    QString valueText(int row) const;
    QString changeText(int row) const;
    QWidget *tile(int row) const { return m_tiles.value(row); }
    KpiModel *model() const { return m_model; }

Q_SIGNALS:
    void drillRequested(const DashboardDrill &drill, const QString &title);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void update();
    // The value in the tile's large font, or smaller when a long figure (a reach in billions) would not fit.
    void fitValue(int row);

    KpiModel *m_model;
    QList<QWidget *> m_tiles;
    QList<QLabel *> m_values, m_changes, m_names;
    QFont m_valueFont;
};
