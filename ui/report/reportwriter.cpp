#include "reportwriter.h"

#include "dashboard/chartexport.h"
#include "itemmodels/dashboardmodels.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QLocale>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
#include <QPicture>
#include <QSaveFile>
#include <QSettings>
#include <QSqlQuery>
#include <QStorageInfo>

#include <memory>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ReportWriter)
};

constexpr int kUnitsPerInch = 96; // every length below is in 1/96 inch
const QColor kInk(0x20, 0x20, 0x20);
const QColor kMuted(0x60, 0x60, 0x60);
const QColor kRule(0xC8, 0xC8, 0xC8);
const QColor kAccent(0x00, 0x72, 0xB2); // Okabe–Ito blue

QFont font(double pixels, bool bold = false)
{
    QFont f = QGuiApplication::font();
    f.setPixelSize(qRound(pixels));
    f.setBold(bold);
    return f;
}

QString periodText(const DashboardFilter &f)
{
    const QLocale locale;
    return Tr::tr("%1 to %2", "period: first day to last day")
        .arg(locale.toString(f.from, QLocale::LongFormat), locale.toString(f.to, QLocale::LongFormat));
}

// Lays out pages top to bottom: text, tables and charts; a new page when the next piece does not fit.
class Pager
{
public:
    Pager(QPainter &painter, QPagedPaintDevice *device, QString footer)
        : m_p(painter)
        , m_device(device)
        , m_footer(std::move(footer))
    {
        const double scale = double(device->logicalDpiX()) / kUnitsPerInch;
        m_p.scale(scale, scale);
        const QRect paint = device->pageLayout().paintRectPixels(kUnitsPerInch);
        m_area = QRectF(0, 0, paint.width(), paint.height()).adjusted(24, 24, -24, -40);
        m_y = m_area.top();
        drawFooter();
    }

    QPainter &painter() { return m_p; }
    QRectF area() const { return m_area; }
    double y() const { return m_y; }
    void skip(double h) { m_y += h; }
    int page() const { return m_page; }

    bool newPage()
    {
        if (!m_device->newPage())
            return false;
        ++m_page;
        m_y = m_area.top();
        drawFooter();
        return true;
    }
    void ensure(double h)
    {
        if (m_y + h > m_area.bottom() && m_y > m_area.top())
            newPage();
    }

    void heading(const QString &text, double size = 20)
    {
        ensure(size * 3);
        m_p.setFont(font(size, true));
        m_p.setPen(kInk);
        const QRectF r(m_area.left(), m_y, m_area.width(), size * 1.6);
        m_p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, text);
        m_y += size * 1.6 + 4;
        m_p.setPen(QPen(kAccent, 1.5));
        m_p.drawLine(QPointF(m_area.left(), m_y), QPointF(m_area.right(), m_y));
        m_y += 10;
    }

    void paragraph(const QString &text, double size = 13, const QColor &color = kInk)
    {
        m_p.setFont(font(size));
        const QRectF bounds = m_p.boundingRect(
            QRectF(m_area.left(), m_y, m_area.width(), 10000), Qt::TextWordWrap | Qt::AlignLeft, text);
        ensure(bounds.height());
        m_p.setPen(color);
        m_p.drawText(
            QRectF(m_area.left(), m_y, m_area.width(), bounds.height() + 2), Qt::TextWordWrap | Qt::AlignLeft, text);
        m_y += bounds.height() + 8;
    }

    // A table: header row, then rows; columns by relative widths; right-aligned columns by flag.
    void table(const QStringList &headers, const QList<QStringList> &rows, const QList<double> &widths,
        const QList<bool> &right, const QList<QString> &subLines = {})
    {
        double total = 0;
        for (double w : widths)
            total += w;
        QList<double> xs;
        double x = m_area.left();
        for (double w : widths) {
            xs << x;
            x += w / total * m_area.width();
        }
        xs << m_area.right();
        const double rowH = 20;
        const auto header = [&] {
            m_p.setFont(font(11.5, true));
            m_p.setPen(kMuted);
            for (int c = 0; c < headers.size(); ++c)
                m_p.drawText(QRectF(xs[c] + 2, m_y, xs[c + 1] - xs[c] - 4, rowH),
                    (right.value(c) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, headers.at(c));
            m_y += rowH;
            m_p.setPen(QPen(kRule, 1));
            m_p.drawLine(QPointF(m_area.left(), m_y), QPointF(m_area.right(), m_y));
            m_y += 2;
        };
        ensure(rowH * 3);
        header();
        for (int r = 0; r < rows.size(); ++r) {
            const bool sub = !subLines.value(r).isEmpty();
            const double h = sub ? rowH + 14 : rowH;
            if (m_y + h > m_area.bottom()) {
                newPage();
                header();
            }
            m_p.setFont(font(11.5));
            m_p.setPen(kInk);
            const QFontMetricsF fm(m_p.font());
            for (int c = 0; c < headers.size(); ++c) {
                const double w = xs[c + 1] - xs[c] - 4;
                m_p.drawText(QRectF(xs[c] + 2, m_y, w, rowH),
                    (right.value(c) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                    fm.elidedText(rows[r].value(c), Qt::ElideRight, w));
            }
            if (sub) {
                m_p.setFont(font(9.5));
                m_p.setPen(kAccent);
                const QFontMetricsF small(m_p.font());
                const double w = xs[headers.size()] - xs[1] - 4;
                m_p.drawText(QRectF(xs[1] + 2, m_y + rowH - 4, w, 14), Qt::AlignLeft | Qt::AlignVCenter,
                    small.elidedText(subLines.at(r), Qt::ElideMiddle, w));
            }
            m_y += h;
            m_p.setPen(QPen(kRule, 0.5));
            m_p.drawLine(QPointF(m_area.left(), m_y), QPointF(m_area.right(), m_y));
        }
        m_y += 12;
    }

    // A chart under its title: `draw` paints it into the rectangle; an empty chart is its empty text.
    void chart(const QString &title, double height, bool empty, const QString &emptyText,
        const std::function<void(QPainter &, const QRectF &)> &draw)
    {
        ensure(height + 30);
        m_p.setFont(font(14, true));
        m_p.setPen(kInk);
        m_p.drawText(QRectF(m_area.left(), m_y, m_area.width(), 22), Qt::AlignLeft | Qt::AlignVCenter, title);
        m_y += 24;
        const QRectF target(m_area.left(), m_y, m_area.width(), height);
        if (empty) {
            m_p.setFont(font(12));
            m_p.setPen(kMuted);
            m_p.drawText(
                QRectF(target.left(), target.top(), target.width(), 40), Qt::AlignLeft | Qt::AlignVCenter, emptyText);
            m_y += 48;
            return;
        }
        m_p.save();
        draw(m_p, target);
        m_p.restore();
        m_y += height + 14;
    }
    // A chart drawn now (the GUI thread).
    void chart(
        const QString &title, DashboardChart::Kind kind, ChartTableModel *model, double height, const QString &empty)
    {
        chart(title, height, model->isEmpty(), empty, [&](QPainter &p, const QRectF &target) {
            ChartExport::render(kind, model, ChartExport::paperPalette(), &p, target);
        });
    }
    // A chart recorded before (ReportWriter::drawChart), replayed.
    void chart(const QString &title, const QPicture &picture, double height, const QString &empty)
    {
        chart(title, height, picture.isNull(), empty,
            [&](QPainter &p, const QRectF &target) { p.drawPicture(target.topLeft(), picture); });
    }

private:
    void drawFooter()
    {
        m_p.save();
        m_p.setFont(font(9.5));
        m_p.setPen(kMuted);
        const QRectF r(m_area.left(), m_area.bottom() + 12, m_area.width(), 16);
        m_p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
        m_p.drawText(r, Qt::AlignRight | Qt::AlignVCenter, Tr::tr("Page %1").arg(m_page));
        m_p.restore();
    }

    QPainter &m_p;
    QPagedPaintDevice *m_device;
    QString m_footer;
    QRectF m_area;
    double m_y = 0;
    int m_page = 1;
};

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString kpiValue(const KpiModel &kpis, int row, int column)
{
    const QVariant v = kpis.index(row, column).data();
    if (!v.isValid())
        return QStringLiteral("–");
    if (row == KpiModel::ReplyRate)
        return QLocale().toString(v.toDouble(), 'f', 1) + QStringLiteral(" %");
    return QLocale().toString(v.toLongLong());
}

void kpiTable(Pager &pager, const KpiModel &kpis)
{
    QList<QStringList> rows;
    for (int r = 0; r < kpis.rowCount(); ++r)
        rows << QStringList { kpis.index(r, 0).data().toString(), kpiValue(kpis, r, KpiModel::NowColumn),
            kpiValue(kpis, r, KpiModel::PreviousColumn), kpis.changeText(r) };
    pager.table({ Tr::tr("Figure"), Tr::tr("This period"), Tr::tr("Previous period"), Tr::tr("Change") }, rows,
        { 3, 1.5, 1.5, 1.2 }, { false, true, true, true });
}

// The summary in words.
QString summary(const DashboardData &d, const QString &subject)
{
    const DashboardKpis &k = d.kpis;
    const QLocale locale;
    QStringList sentences;
    sentences << Tr::tr("From %1 the agency logged %2 conversations for %3 and sent %4 pitches.")
                     .arg(periodText(d.filter), number(k.interactions), subject, number(k.pitchesSent));
    if (k.pitchesSent > 0) {
        QString reply = Tr::tr("%1 % of the pitches had a reply within %2 days")
                            .arg(locale.toString(100.0 * k.replyRate(), 'f', 1))
                            .arg(DashboardQuery::kReplyDays);
        if (d.medianReplyMs >= 0)
            reply += Tr::tr("; the median time to reply was %1 days")
                         .arg(locale.toString(double(d.medianReplyMs) / 86400000.0, 'f', 1));
        sentences << reply + u'.';
    }
    if (k.coveragePieces > 0) {
        qint64 positive = 0, rated = 0;
        for (int b = 0; b < d.buckets.size(); ++b) {
            positive += d.positive.value(b);
            rated += d.positive.value(b) + d.neutral.value(b) + d.negative.value(b);
        }
        sentences << Tr::tr("The campaigns earned %1 pieces of coverage with a combined reach of %2 (each outlet "
                            "counted once).")
                         .arg(number(k.coveragePieces), number(k.reach));
        if (rated > 0)
            sentences << Tr::tr("%1 % of the rated coverage was positive.")
                             .arg(locale.toString(100.0 * double(positive) / double(rated), 'f', 0));
        if (!d.topOutlets.isEmpty())
            sentences << Tr::tr("The outlet with the most coverage was %1.").arg(d.topOutlets.first().name);
    } else {
        sentences << Tr::tr("No coverage was recorded in this period.");
    }
    return sentences.join(u' ');
}

QString sentimentText(int s)
{
    return s > 0 ? Tr::tr("positive") : s < 0 ? Tr::tr("negative") : s == 0 ? Tr::tr("neutral") : QStringLiteral("–");
}

// Writes through QSaveFile: the file appears whole under its name or not at all.
Status writePdf(const QString &path, const std::function<Status(QPagedPaintDevice *)> &paint)
{
    const QString name = QFileInfo(path).fileName();
    const QFileInfo folder(QFileInfo(path).absolutePath());
    if (!folder.exists())
        return Error(Tr::tr("Could not write %1: the folder %2 does not exist.").arg(name, folder.absoluteFilePath()),
            Error::Code::Storage);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        const QString why = !folder.isWritable() ? Tr::tr("the folder %1 is read-only").arg(folder.absoluteFilePath())
                                                 : file.errorString();
        return Error(Tr::tr("Could not write %1: %2.").arg(name, why), Error::Code::Storage);
    }
    {
        QPdfWriter writer(&file);
        writer.setResolution(kUnitsPerInch);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
        writer.setCreator(QStringLiteral("Rapport"));
        if (Status s = paint(&writer); !s) {
            file.cancelWriting();
            return s;
        }
    }
    if (file.error() != QFileDevice::NoError || !file.commit()) {
        const QStorageInfo storage(folder.absoluteFilePath());
        const QString why = storage.isValid() && storage.bytesAvailable() < 1024 * 1024 ? Tr::tr("the disk is full")
                                                                                        : file.errorString();
        return Error(Tr::tr("Could not write %1: %2.").arg(name, why), Error::Code::Storage);
    }
    return {};
}

} // namespace

ReportWriter::ReportWriter(Database &db)
    : m_db(db)
{
}

QString ReportWriter::savedAgencyName(Database &db)
{
    const QString saved = QSettings().value(QStringLiteral("report/agencyName")).toString();
    if (!saved.isEmpty())
        return saved;
    QSqlQuery q(db.connection());
    if (q.exec(QStringLiteral(
            "SELECT name FROM organizations WHERE kind = 'agency' AND deleted_at IS NULL ORDER BY id LIMIT 1"))
        && q.next())
        return q.value(0).toString();
    return Tr::tr("Your PR agency");
}

void ReportWriter::saveAgencyName(const QString &name)
{
    QSettings().setValue(QStringLiteral("report/agencyName"), name.trimmed());
}

Result<ReportWriter::Content> ReportWriter::loadContent(Database &db, const Request &request)
{
    if ((request.clientId > 0) == (request.campaignId > 0))
        return Error::validation(QStringLiteral("subject"), Tr::tr("A report is for one client or one campaign."));
    if (!request.from.isValid() || !request.to.isValid() || request.from > request.to)
        return Error::validation(
            QStringLiteral("period"), Tr::tr("The report needs a period whose first day is not after its last."));
    Content content;
    content.request = request;
    DashboardFilter f;
    f.period = DashboardFilter::Period::Custom;
    f.from = request.from;
    f.to = request.to;
    f.clientId = request.clientId;
    f.campaignId = request.campaignId;
    if (request.campaignId > 0) {
        auto name = DashboardQuery::campaignName(db, request.campaignId);
        if (!name)
            return name.error();
        if (name->isEmpty())
            return Error(Tr::tr("There is no campaign %1.").arg(request.campaignId), Error::Code::NotFound);
        content.subject = *name;
    } else {
        auto name = DashboardQuery::organizationName(db, request.clientId);
        if (!name)
            return name.error();
        if (name->isEmpty())
            return Error(Tr::tr("There is no organization %1.").arg(request.clientId), Error::Code::NotFound);
        content.subject = *name;
    }
    content.agency = request.agencyName.trimmed().isEmpty() ? savedAgencyName(db) : request.agencyName.trimmed();
    auto coverage = DashboardQuery::coverageRows(db, f);
    if (!coverage)
        return coverage.error();
    content.coverage = *coverage;
    auto data = DashboardQuery::load(db, f);
    if (!data)
        return data.error();
    content.data = *data;
    return content;
}

namespace {

// The report's charts and their heights on the page (1/96 inch).
const QList<QPair<DashboardChart::Kind, double>> &reportCharts()
{
    using K = DashboardChart::Kind;
    static const QList<QPair<K, double>> charts { { K::Coverage, 300 }, { K::Funnel, 260 }, { K::ReplyRate, 260 },
        { K::TopOutlets, 300 }, { K::InteractionsOverTime, 330 } };
    return charts;
}

double chartHeight(DashboardChart::Kind kind)
{
    for (const auto &[k, h] : reportCharts())
        if (k == kind)
            return h;
    return 300;
}

// The width of the pages' text area (A4, 12 mm margins, as writePdf and the preview set them up).
double areaWidth()
{
    const QPageLayout layout(
        QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    return layout.paintRectPixels(kUnitsPerInch).width() - 48;
}

std::unique_ptr<ChartTableModel> modelFor(DashboardChart::Kind kind)
{
    using K = DashboardChart::Kind;
    switch (kind) {
    case K::Coverage:
        return std::make_unique<CoverageModel>();
    case K::Funnel:
        return std::make_unique<FunnelModel>();
    case K::ReplyRate:
        return std::make_unique<ReplyRateModel>();
    case K::TopOutlets:
        return std::make_unique<TopOutletsModel>();
    case K::InteractionsOverTime:
        return std::make_unique<InteractionsOverTimeModel>();
    case K::TopRelationships:
        return std::make_unique<RelationshipsModel>(RelationshipsModel::Kind::Top);
    case K::CoolingRelationships:
        return std::make_unique<RelationshipsModel>(RelationshipsModel::Kind::Cooling);
    case K::TeamActivity:
        return std::make_unique<TeamActivityModel>();
    case K::SocialEngagement:
        return std::make_unique<SocialEngagementModel>();
    }
    return {};
}

// The chart of `kind` for `data` as a vector picture `height` high and as wide as the pages' text; null when empty.
QPicture recordChart(const DashboardData &data, DashboardChart::Kind kind, double height)
{
    std::unique_ptr<ChartTableModel> model = modelFor(kind);
    if (!model)
        return {};
    model->setResult(data);
    if (model->isEmpty())
        return {};
    QPicture picture;
    QPainter painter(&picture);
    painter.setRenderHint(QPainter::Antialiasing);
    ChartExport::render(kind, model.get(), ChartExport::paperPalette(), &painter, QRectF(0, 0, areaWidth(), height));
    painter.end();
    return picture;
}

} // namespace

QList<DashboardChart::Kind> ReportWriter::charts()
{
    QList<DashboardChart::Kind> kinds;
    for (const auto &[kind, height] : reportCharts())
        kinds << kind;
    return kinds;
}

QPicture ReportWriter::drawChart(const Content &content, DashboardChart::Kind kind)
{
    return recordChart(content.data, kind, chartHeight(kind));
}

ReportWriter::Charts ReportWriter::drawCharts(const Content &content)
{
    Charts pictures;
    for (DashboardChart::Kind kind : charts())
        pictures.insert(int(kind), drawChart(content, kind));
    return pictures;
}

Status ReportWriter::writeReport(const Request &request, const QString &path)
{
    auto content = loadContent(m_db, request);
    if (!content)
        return content.error();
    return writeReportFile(*content, drawCharts(*content), path);
}

Status ReportWriter::writeReportFile(
    const Content &content, const Charts &charts, const QString &path, const Canceled &canceled)
{
    return writePdf(path, [&](QPagedPaintDevice *device) { return paintReport(content, charts, device, canceled); });
}

Status ReportWriter::paintReport(
    const Content &content, const Charts &charts, QPagedPaintDevice *device, const Canceled &canceled)
{
    const DashboardData &d = content.data;
    const QString &subject = content.subject;
    const QString &agency = content.agency;
    const auto stop = [&canceled] { return canceled && canceled(); };
    const Error canceledError(Tr::tr("The report was canceled."), Error::Code::Cancelled);
    QPainter painter;
    if (!painter.begin(device))
        return Error(Tr::tr("Could not start the PDF."), Error::Code::Storage);
    painter.setRenderHint(QPainter::Antialiasing);
    Pager pager(painter, device, agency + QStringLiteral(" · ") + subject);
    const QLocale locale;
    const auto chart = [&](DashboardChart::Kind kind) {
        pager.chart(DashboardChart::title(kind), charts.value(int(kind)), chartHeight(kind), DashboardChart::emptyText(kind));
    };

    // The cover.
    const QRectF area = pager.area();
    painter.setPen(kAccent);
    painter.setFont(font(15, true));
    painter.drawText(QRectF(area.left(), area.top() + 40, area.width(), 30), Qt::AlignLeft, agency);
    painter.setPen(kInk);
    painter.setFont(font(34, true));
    painter.drawText(QRectF(area.left(), area.top() + 260, area.width(), 100), Qt::AlignLeft | Qt::TextWordWrap,
        Tr::tr("Coverage and engagement report"));
    painter.setFont(font(24));
    painter.drawText(
        QRectF(area.left(), area.top() + 370, area.width(), 80), Qt::AlignLeft | Qt::TextWordWrap, subject);
    painter.setPen(kMuted);
    painter.setFont(font(15));
    painter.drawText(QRectF(area.left(), area.top() + 450, area.width(), 30), Qt::AlignLeft, periodText(d.filter));
    painter.setFont(font(12));
    painter.drawText(QRectF(area.left(), area.bottom() - 40, area.width(), 30), Qt::AlignLeft,
        Tr::tr("Prepared by %1 on %2").arg(agency, locale.toString(QDate::currentDate(), QLocale::LongFormat)));
    painter.setPen(QPen(kAccent, 6));
    painter.drawLine(QPointF(area.left(), area.top() + 240), QPointF(area.left() + 120, area.top() + 240));

    // The tables' models, filled from the figures (the charts were drawn from their own).
    KpiModel kpis;
    FunnelModel funnel;
    kpis.setResult(d);
    funnel.setResult(d);

    if (stop())
        return canceledError;
    pager.newPage();
    pager.heading(Tr::tr("Summary"));
    pager.paragraph(summary(d, subject));
    pager.skip(6);
    kpiTable(pager, kpis);
    chart(DashboardChart::Kind::Coverage);

    if (stop())
        return canceledError;
    pager.newPage();
    pager.heading(Tr::tr("Pitches"));
    chart(DashboardChart::Kind::Funnel);
    QList<QStringList> funnelRows;
    for (int r = 0; r < funnel.rowCount(); ++r)
        funnelRows << QStringList {
            funnel.index(r, 0).data().toString(), number(funnel.index(r, FunnelModel::CountColumn).data().toLongLong()),
            locale.toString(funnel.index(r, FunnelModel::ShareColumn).data().toDouble(), 'f', 1) + QStringLiteral(" %")
        };
    pager.table({ Tr::tr("Stage"), Tr::tr("Pitches"), Tr::tr("Share of planned") }, funnelRows, { 3, 1.5, 1.5 },
        { false, true, true });
    chart(DashboardChart::Kind::ReplyRate);

    if (stop())
        return canceledError;
    pager.newPage();
    pager.heading(Tr::tr("Outlets and conversations"));
    chart(DashboardChart::Kind::TopOutlets);
    chart(DashboardChart::Kind::InteractionsOverTime);

    if (stop())
        return canceledError;
    pager.newPage();
    pager.heading(Tr::tr("Coverage"));
    if (content.coverage.isEmpty()) {
        pager.paragraph(Tr::tr("No coverage was recorded in this period."), 13, kMuted);
    } else {
        QList<QStringList> rows;
        QStringList links;
        for (const CoverageRow &c : std::as_const(content.coverage)) {
            rows << QStringList { locale.toString(c.publishedAt.toLocalTime().date(), QLocale::ShortFormat), c.title,
                c.outlet, c.reach >= 0 ? number(c.reach) : QStringLiteral("–"), sentimentText(c.sentiment) };
            links << c.url;
        }
        pager.table({ Tr::tr("Date"), Tr::tr("Headline"), Tr::tr("Outlet"), Tr::tr("Reach"), Tr::tr("Sentiment") },
            rows, { 1.6, 5, 2.2, 1.2, 1.1 }, { false, false, false, true, false }, links);
    }
    painter.end();
    if (stop())
        return canceledError;
    return {};
}

namespace {

constexpr double kDashboardChartHeight = 300;

} // namespace

QList<DashboardChart::Kind> ReportWriter::dashboardCharts()
{
    using K = DashboardChart::Kind;
    return { K::InteractionsOverTime, K::ReplyRate, K::Funnel, K::Coverage, K::TopOutlets, K::TopRelationships,
        K::CoolingRelationships, K::TeamActivity, K::SocialEngagement };
}

QPicture ReportWriter::drawDashboardChart(const DashboardData &data, DashboardChart::Kind kind)
{
    return recordChart(data, kind, kDashboardChartHeight);
}

Status ReportWriter::writeDashboard(const DashboardData &d, const QString &path)
{
    if (!d.filter.isValid())
        return Error(Tr::tr("The dashboard has not been computed yet."), Error::Code::Generic);
    Charts charts;
    for (DashboardChart::Kind kind : dashboardCharts())
        charts.insert(int(kind), drawDashboardChart(d, kind));
    return writeDashboardFile(d, savedAgencyName(m_db), charts, path);
}

Status ReportWriter::writeDashboardFile(const DashboardData &d, const QString &agency, const Charts &charts,
    const QString &path, const Canceled &canceled)
{
    if (!d.filter.isValid())
        return Error(Tr::tr("The dashboard has not been computed yet."), Error::Code::Generic);
    const auto stop = [&canceled] { return canceled && canceled(); };
    return writePdf(path, [&](QPagedPaintDevice *device) -> Status {
        QPainter painter;
        if (!painter.begin(device))
            return Error(Tr::tr("Could not start the PDF."), Error::Code::Storage);
        painter.setRenderHint(QPainter::Antialiasing);
        Pager pager(painter, device, agency + QStringLiteral(" · ") + Tr::tr("Dashboard"));
        pager.heading(Tr::tr("Dashboard"), 24);
        QStringList scope { periodText(d.filter) };
        if (d.filter.userId > 0 || d.filter.clientId > 0 || d.filter.campaignId > 0 || !d.filter.channel.isEmpty())
            scope << Tr::tr("filtered by account manager, client, campaign or channel as on screen");
        pager.paragraph(scope.join(QStringLiteral(" · ")), 12, kMuted);
        KpiModel kpis;
        kpis.setResult(d);
        kpiTable(pager, kpis);
        for (DashboardChart::Kind kind : dashboardCharts()) {
            if (stop())
                return Error(Tr::tr("The report was canceled."), Error::Code::Cancelled);
            pager.chart(DashboardChart::title(kind), charts.value(int(kind)), kDashboardChartHeight,
                DashboardChart::emptyText(kind));
        }
        painter.end();
        if (stop())
            return Error(Tr::tr("The report was canceled."), Error::Code::Cancelled);
        return Status();
    });
}
