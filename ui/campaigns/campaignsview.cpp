#include "campaignsview.h"

#include "campaignworkspace.h"
#include "domain/campaignstatus.h"
#include "storage/campaignrepository.h"
#include "storage/changenotifier.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLocale>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

CampaignsView::CampaignsView(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_undoStack(undoStack)
{
    m_model = new QStandardItemModel(this);
    m_model->setHorizontalHeaderLabels({ tr("Campaign"), tr("Status"), tr("Starts"), tr("Ends") });

    m_tableView = new QTableView(this);
    m_tableView->setObjectName(QStringLiteral("campaignsTableView"));
    m_tableView->setAccessibleName(tr("Campaigns"));
    m_tableView->setModel(m_model);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->setShowGrid(false);
    m_tableView->setWordWrap(false);
    m_tableView->setTabKeyNavigation(false);
    m_tableView->setFrameShape(QFrame::NoFrame);
    m_tableView->verticalHeader()->setVisible(false);
    m_tableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_tableView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    m_tableView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_tableView->horizontalHeader()->resizeSection(0, 28 * fontMetrics().averageCharWidth());

    m_workspace = new CampaignWorkspace(db, undoStack, this);
    m_workspace->setObjectName(QStringLiteral("campaignWorkspace"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("campaignsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_tableView);
    m_splitter->addWidget(m_workspace);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_splitter, 1);

    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            onCurrentRowChanged(current.siblingAtColumn(0).data(kIdRole).toLongLong());
        });
    connect(m_workspace, &CampaignWorkspace::contactActivated, this, &CampaignsView::contactActivated);
    connect(m_workspace, &CampaignWorkspace::errorOccurred, this, &CampaignsView::errorOccurred);
    connect(m_workspace, &CampaignWorkspace::statusMessage, this, &CampaignsView::statusMessage);
    connect(m_workspace, &CampaignWorkspace::campaignActivated, this, &CampaignsView::showCampaign);
    connect(ChangeNotifier::instance(), &ChangeNotifier::campaignsChanged, this, [this] {
        if (m_listed)
            refresh();
    });
}

CampaignsView::~CampaignsView() = default;

void CampaignsView::showEvent(QShowEvent *event)
{
    if (!m_listed)
        refresh();
    QWidget::showEvent(event);
}

void CampaignsView::refresh()
{
    m_listed = true;
    CampaignRepository repo(m_db);
    Result<QList<Campaign>> campaigns = repo.list();
    if (!campaigns) {
        Q_EMIT errorOccurred(campaigns.error().message);
        return;
    }
    const QSignalBlocker blocker(m_tableView->selectionModel());
    m_model->removeRows(0, m_model->rowCount());
    const QLocale locale;
    for (const Campaign &campaign : *campaigns) {
        auto *name = new QStandardItem(campaign.name);
        name->setData(campaign.id, kIdRole);
        const auto date = [&locale](const QDateTime &at) {
            return at.isValid() ? locale.toString(at.toLocalTime().date(), QLocale::ShortFormat) : QString();
        };
        m_model->appendRow({ name, new QStandardItem(CampaignStatus::label(campaign.status)),
            new QStandardItem(date(campaign.startsAt)), new QStandardItem(date(campaign.endsAt)) });
    }
    selectRowOf(m_workspace->campaignId());
}

void CampaignsView::selectRowOf(qint64 id)
{
    QItemSelectionModel *selection = m_tableView->selectionModel();
    const QSignalBlocker blocker(selection);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row)->data(kIdRole).toLongLong() == id && id > 0) {
            const QModelIndex index = m_model->index(row, 0);
            selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_tableView->scrollTo(index);
            return;
        }
    }
    selection->clear();
    m_tableView->viewport()->update();
}

void CampaignsView::onCurrentRowChanged(qint64 id)
{
    if (id <= 0 || id == m_workspace->campaignId())
        return;
    // Ask after the view has finished changing the selection; the open campaign's row stays selected meanwhile.
    QTimer::singleShot(0, this, [this, id] { showCampaign(id); });
}

void CampaignsView::showCampaign(qint64 id)
{
    if (!m_listed)
        refresh();
    if (!m_workspace->openCampaign(id, [this, id] { selectRowOf(id); }))
        selectRowOf(m_workspace->campaignId());
    else
        selectRowOf(id);
}

bool CampaignsView::hasUnsavedChanges() const
{
    return m_workspace->hasUnsavedChanges();
}

bool CampaignsView::confirmLeave(const std::function<void()> &proceed)
{
    return m_workspace->confirmLeave(proceed);
}
