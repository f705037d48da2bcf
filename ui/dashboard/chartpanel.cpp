#include "chartpanel.h"

#include "chartexport.h"
#include "common/filedialog.h"
#include "itemmodels/dashboardmodels.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QCursor>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

ChartPanel::ChartPanel(DashboardChart::Kind kind, ChartTableModel *model, QWidget *parent)
    : QFrame(parent)
    , m_kind(kind)
    , m_model(model)
{
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->setSpacing(4);

    auto *header = new QHBoxLayout;
    m_title = new QLabel(DashboardChart::title(kind), this);
    m_title->setObjectName(QStringLiteral("chartTitleLabel"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true); // a long title (or a German one) takes two lines in a narrow window
    header->addWidget(m_title, 1); // the room left goes to the title first, so it wraps only when it must
    // A note ("median time to reply: 3.2 days") has a line of its own under the title: beside the buttons of a
    // half-width panel it was cut to a few words (in German to "Antwortzeit im I").
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("chartNoteLabel"));
    m_note->setEnabled(false);
    m_note->setWordWrap(true);
    m_note->setMinimumWidth(1);
    // Its width asks for nothing: a new note (the median time to reply, after every filter change) would change the
    // panel's width hint, and so both columns of the section's grid, and every chart in them would be laid out
    // again (docs/PERFORMANCE.md, "Dashboard").
    QSizePolicy notePolicy = m_note->sizePolicy();
    notePolicy.setHorizontalPolicy(QSizePolicy::Ignored);
    m_note->setSizePolicy(notePolicy);
    m_note->hide();

    m_tableToggle = new QToolButton(this);
    m_tableToggle->setObjectName(QStringLiteral("tableToggleButton"));
    m_tableToggle->setText(tr("Table"));
    m_tableToggle->setToolTip(tr("Show the numbers as a table"));
    m_tableToggle->setCheckable(true);
    m_tableToggle->setAutoRaise(true);
    connect(m_tableToggle, &QToolButton::toggled, this, &ChartPanel::setShowingTable);
    header->addWidget(m_tableToggle);

    auto *copy = new QToolButton(this);
    copy->setObjectName(QStringLiteral("copyCsvButton"));
    copy->setText(tr("Copy as CSV"));
    copy->setToolTip(tr("Copy the chart's numbers to the clipboard, for a spreadsheet"));
    copy->setAutoRaise(true);
    connect(copy, &QToolButton::clicked, this, &ChartPanel::copyCsv);
    header->addWidget(copy);

    auto *save = new QToolButton(this);
    save->setObjectName(QStringLiteral("saveChartButton"));
    save->setText(tr("Save"));
    save->setToolTip(tr("Save the chart as an image"));
    save->setAutoRaise(true);
    save->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(save);
    QAction *png = menu->addAction(tr("Save as PNG…"));
    png->setObjectName(QStringLiteral("savePngAction"));
    connect(png, &QAction::triggered, this, [this] { saveImage(QStringLiteral("png")); });
    QAction *svg = menu->addAction(tr("Save as SVG…"));
    svg->setObjectName(QStringLiteral("saveSvgAction"));
    connect(svg, &QAction::triggered, this, [this] { saveImage(QStringLiteral("svg")); });
    save->setMenu(menu);
    header->addWidget(save);
    layout->addLayout(header);
    layout->addWidget(m_note);

    m_stack = new QStackedWidget(this);
    m_chartView = new QChartView(this);
    m_chartView->setObjectName(QStringLiteral("chartView"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);
    m_chartView->setMinimumWidth(240);
    m_chartView->setFrameShape(QFrame::NoFrame);
    m_chartView->setBackgroundRole(QPalette::Window);
    m_stack->addWidget(m_chartView);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("chartTableView"));
    m_table->setModel(model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableView::activated, this,
        [this](const QModelIndex &index) { drill(index.row(), index.column()); });
    m_stack->addWidget(m_table);

    m_empty = new QLabel(DashboardChart::emptyText(kind), this);
    m_empty->setObjectName(QStringLiteral("emptyStateLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false); // the palette's muted text
    m_stack->addWidget(m_empty);
    layout->addWidget(m_stack, 1);

    rebuildChart();
    connect(model, &QAbstractItemModel::modelReset, this, &ChartPanel::updateState);
    connect(model, &QAbstractItemModel::dataChanged, this, &ChartPanel::updateState);
    updateState();
}

void ChartPanel::rebuildChart()
{
    m_rebuilding = true;
    QChart *old = m_chartView->chart();
    QChart *chart
        = DashboardChart::create(m_kind, m_model, palette(), [this](int row, int column, bool click, bool inside) {
              if (click) {
                  drill(row, column);
                  return;
              }
              m_hoverText = inside ? describe(row, column) : QString();
              if (inside)
                  QToolTip::showText(QCursor::pos(), m_hoverText, m_chartView);
              else
                  QToolTip::hideText();
          });
    m_chartView->setChart(chart);
    delete old;
    m_rebuilding = false;
}

void ChartPanel::setNote(const QString &note)
{
    if (note == m_note->text() && m_note->isVisibleTo(this) == !note.isEmpty())
        return;
    m_note->setText(note);
    m_note->setToolTip(note);
    m_note->setVisible(!note.isEmpty());
}

void ChartPanel::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_rebuilding && m_chartView)
        rebuildChart();
}

bool ChartPanel::isShowingTable() const
{
    return m_tableToggle->isChecked();
}

void ChartPanel::setShowingTable(bool table)
{
    if (m_tableToggle->isChecked() != table)
        m_tableToggle->setChecked(table); // comes back here through toggled
    updateState();
}

bool ChartPanel::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

void ChartPanel::updateState()
{
    if (m_model->hiddenColumn() >= 0)
        m_table->setColumnHidden(m_model->hiddenColumn(), true);
    // Before the first result the model has no columns: say it is coming, not that there is nothing.
    m_empty->setText(m_model->columnCount() == 0 ? tr("Computing…") : DashboardChart::emptyText(m_kind));
    if (m_model->isEmpty() && !isShowingTable())
        m_stack->setCurrentWidget(m_empty);
    else
        m_stack->setCurrentWidget(isShowingTable() ? static_cast<QWidget *>(m_table) : m_chartView);
}

QString ChartPanel::describe(int row, int column) const
{
    const QString label = m_model->index(row, 0).data().toString();
    const QString series = m_model->headerData(column, Qt::Horizontal).toString();
    const QVariant value = m_model->index(row, column).data();
    const QString number = value.typeId() == QMetaType::Double ? QLocale().toString(value.toDouble(), 'f', 1)
                                                               : QLocale().toString(value.toLongLong());
    return tr("%1, %2: %3", "chart hover: series, category: value").arg(series, label, number);
}

void ChartPanel::drill(int row, int column)
{
    const std::optional<DashboardDrill> d = m_model->drillFor(row, column);
    if (!d)
        return;
    Q_EMIT drillRequested(*d, describe(row, column));
}

void ChartPanel::copyCsv()
{
    auto *mime = new QMimeData;
    const QString csv = m_model->toCsv();
    mime->setText(csv);
    mime->setData(QStringLiteral("text/csv"), csv.toUtf8());
    QApplication::clipboard()->setMimeData(mime);
}

void ChartPanel::saveImage(const QString &suffix)
{
    const QString name = DashboardChart::title(m_kind).replace(u' ', u'-').toLower() + u'.' + suffix;
    const QString filter = suffix == u"svg" ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)");
    FileDialog::getSaveFileName(
        this, tr("Save Chart"), QDir::home().filePath(name), filter, [this](const QString &path) {
            const QSizeF size = m_chartView->size().isEmpty() ? QSizeF(800, 450) : QSizeF(m_chartView->size());
            if (Status s = ChartExport::save(m_kind, m_model, palette(), size, path); !s)
                Q_EMIT errorOccurred(s.error().message);
        });
}
