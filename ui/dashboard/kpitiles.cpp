#include "kpitiles.h"

#include "itemmodels/dashboardmodels.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QFontMetricsF>
#include <QLabel>
#include <QTimer>
#include <QMouseEvent>
#include <QVBoxLayout>

KpiTiles::KpiTiles(KpiModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    for (int row = 0; row < KpiModel::KpiCount; ++row) {
        auto *tile = new QFrame(this);
        tile->setObjectName(QStringLiteral("kpiTile%1").arg(row));
        tile->setFrameShape(QFrame::StyledPanel);
        tile->setBackgroundRole(QPalette::Base);
        tile->setAutoFillBackground(true);
        auto *v = new QVBoxLayout(tile);
        v->setContentsMargins(10, 8, 10, 8);
        v->setSpacing(2);
        auto *value = new QLabel(tile);
        value->setObjectName(QStringLiteral("kpiValueLabel"));
        QFont big = value->font();
        big.setPointSizeF(big.pointSizeF() * 1.5);
        big.setBold(true);
        value->setFont(big);
        m_valueFont = big;
        auto *name = new QLabel(tile);
        name->setObjectName(QStringLiteral("kpiNameLabel"));
        auto *change = new QLabel(tile);
        change->setObjectName(QStringLiteral("kpiChangeLabel"));
        change->setEnabled(false); // muted
        change->setWordWrap(true); // so that six tiles fit a narrow window
        name->setWordWrap(true);
        // Six tiles share the width: their texts never widen the dashboard past the window.
        for (QLabel *label : { value, name, change })
            label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        v->addWidget(value);
        v->addWidget(name);
        v->addWidget(change);
        tile->installEventFilter(this);
        tile->setCursor(row == KpiModel::NewContacts ? Qt::ArrowCursor : Qt::PointingHandCursor);
        layout->addWidget(tile, 0, row);
        layout->setColumnStretch(row, 1);
        m_tiles << tile;
        m_values << value;
        m_names << name;
        m_changes << change;
    }
    connect(model, &QAbstractItemModel::modelReset, this, &KpiTiles::update);
    connect(model, &QAbstractItemModel::dataChanged, this, &KpiTiles::update);
    update();
}

QString KpiTiles::valueText(int row) const
{
    return m_values.value(row) ? m_values.at(row)->text() : QString();
}

QString KpiTiles::changeText(int row) const
{
    return m_changes.value(row) ? m_changes.at(row)->text() : QString();
}

void KpiTiles::update()
{
    for (int row = 0; row < m_tiles.size(); ++row) {
        const bool loaded = row < m_model->rowCount();
        m_values[row]->setText(loaded ? m_model->valueText(row) : QStringLiteral("…"));
        m_names[row]->setText(loaded ? m_model->index(row, 0).data().toString() : QString());
        const QString change = loaded ? m_model->changeText(row) : QString();
        m_changes[row]->setText(change.isEmpty() ? tr("no change to compare", "KPI tile: previous period had nothing")
                                                 : tr("%1 on the previous period").arg(change));
        m_tiles[row]->setToolTip(loaded
                ? tr("Previous period: %1").arg(m_model->index(row, KpiModel::PreviousColumn).data().toString())
                : QString());
        fitValue(row);
    }
}

void KpiTiles::fitValue(int row)
{
    QLabel *label = m_values.value(row);
    if (!label)
        return;
    const int room = label->contentsRect().width();
    const double wide = QFontMetricsF(m_valueFont).horizontalAdvance(label->text());
    QFont f = m_valueFont;
    if (room > 0 && wide > room)
        f.setPointSizeF(qMax(m_valueFont.pointSizeF() * 0.55, m_valueFont.pointSizeF() * room / wide * 0.97));
    if (label->font() != f)
        label->setFont(f);
}

bool KpiTiles::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        const int row = int(m_tiles.indexOf(static_cast<QWidget *>(watched)));
        if (row >= 0)
            QTimer::singleShot(0, this, [this, row] { fitValue(row); }); // once the layout gave the label its width
    }
    if (event->type() == QEvent::MouseButtonRelease) {
        const int row = int(m_tiles.indexOf(static_cast<QWidget *>(watched)));
        if (row >= 0 && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
            if (const auto d = m_model->drillFor(row, KpiModel::NowColumn))
                Q_EMIT drillRequested(*d, m_model->index(row, 0).data().toString());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
