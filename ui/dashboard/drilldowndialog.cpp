#include "drilldowndialog.h"

#include "itemmodels/dashboardmodels.h"
#include "storage/database.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace {
constexpr int kLimit = 1000;
}

DrillDownDialog::DrillDownDialog(
    Database &db, const DashboardFilter &filter, const DashboardDrill &drill, const QString &title, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("drillDownDialog"));
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    resize(820, 460);
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(tr("Reading…"), this);
    m_status->setObjectName(QStringLiteral("drillDownStatusLabel"));
    layout->addWidget(m_status);
    m_model = new DrillDownModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("drillDownTableView"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    connect(m_table, &QTableView::activated, this, &DrillDownDialog::activate);
    layout->addWidget(m_table, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_job = WorkerConnection::start<QList<DashboardDrillRow>>(
        db.location(), this,
        [filter, drill](Database &worker, const WorkerConnection::Job &) {
            return DashboardQuery::drill(worker, filter, drill, kLimit);
        },
        [this](Result<QList<DashboardDrillRow>> rows) {
            if (!rows) {
                m_status->setText(rows.error().message);
                return;
            }
            m_model->setRows(*rows);
            m_table->resizeColumnsToContents();
            m_table->setColumnWidth(
                DrillDownModel::TextColumn, qMin(m_table->columnWidth(DrillDownModel::TextColumn), 360));
            if (rows->isEmpty())
                m_status->setText(tr("Nothing to list."));
            else if (rows->size() >= kLimit)
                m_status->setText(tr("The newest %L1 rows. Enter opens a row's contact.").arg(kLimit));
            else
                m_status->setText(tr("%n row(s). Enter opens a row's contact.", nullptr, int(rows->size())));
            if (m_model->rowCount() > 0) {
                m_table->setCurrentIndex(m_model->index(0, 0));
                m_table->setFocus();
            }
        });
}

DrillDownDialog::~DrillDownDialog() = default;

void DrillDownDialog::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 contact = index.data(DrillDownModel::ContactIdRole).toLongLong();
    if (contact > 0) {
        Q_EMIT contactActivated(contact);
        return;
    }
    const qint64 campaign = index.data(DrillDownModel::CampaignIdRole).toLongLong();
    if (campaign > 0)
        Q_EMIT campaignActivated(campaign);
}
