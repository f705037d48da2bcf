#include "chartexport.h"

#include "itemmodels/dashboardmodels.h"

#include <QChart>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSaveFile>
#include <QSvgGenerator>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ChartExport)
};

} // namespace

QPalette ChartExport::paperPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, Qt::white);
    p.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, QColor(0x20, 0x20, 0x20));
    return p;
}

void ChartExport::render(
    DashboardChart::Kind kind, ChartTableModel *model, const QPalette &palette, QPainter *painter, const QRectF &target)
{
    QGraphicsScene scene;
    QChart *chart = DashboardChart::create(kind, model, palette);
    scene.addItem(chart); // the scene owns it now
    chart->setGeometry(QRectF(QPointF(0, 0), target.size()));
    if (chart->layout())
        chart->layout()->activate();
    // The chart lays out its series and axes on posted events (layout requests, the queued axis fits).
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    scene.setSceneRect(QRectF(QPointF(0, 0), target.size()));
    scene.render(painter, target, scene.sceneRect());
}

Status ChartExport::save(
    DashboardChart::Kind kind, ChartTableModel *model, const QPalette &palette, const QSizeF &size, const QString &path)
{
    const QString doing = Tr::tr("Could not save the chart as %1").arg(QFileInfo(path).fileName());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(doing + QStringLiteral(": ") + file.errorString(), Error::Code::Storage);
    if (QFileInfo(path).suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        svg.setTitle(DashboardChart::title(kind));
        QPainter painter(&svg);
        render(kind, model, palette, &painter, QRectF(QPointF(0, 0), size));
        painter.end();
    } else {
        QImage image((size * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2);
        image.fill(palette.color(QPalette::Window));
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        render(kind, model, palette, &painter, QRectF(QPointF(0, 0), size));
        painter.end();
        if (!image.save(&file, "PNG"))
            return Error(doing + QStringLiteral(": ") + file.errorString(), Error::Code::Storage);
    }
    if (!file.commit())
        return Error(doing + QStringLiteral(": ") + file.errorString(), Error::Code::Storage);
    return {};
}
