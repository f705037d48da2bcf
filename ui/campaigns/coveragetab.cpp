#include "coveragetab.h"

#include "coveragecommands.h"
#include "coveragedialog.h"
#include "domain/network.h"
#include "itemmodels/campaigncoveragemodel.h"
#include "storage/changenotifier.h"

#include <QAction>
#include <QDesktopServices>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

namespace {

enum ProposalColumn { AuthorCol, OutletCol, WhenCol, TextCol };

QString sourceWord(const QString &source)
{
    if (std::optional<Network> n = Networks::fromKey(source))
        return Networks::label(*n);
    return source;
}

} // namespace

CoverageTab::CoverageTab(Database &db, QUndoStack *undoStack, QWidget *parent)
    : CampaignTab(db, undoStack, parent)
{
    setObjectName(QStringLiteral("coverageTab"));
    m_model = new CampaignCoverageModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CampaignCoverageModel::SortRole);

    // Proposals, above the table; hidden when there is none.
    m_proposalsBox = new QGroupBox(this);
    m_proposalsBox->setObjectName(QStringLiteral("proposalsGroupBox"));
    m_proposals = new QTreeWidget(m_proposalsBox);
    m_proposals->setObjectName(QStringLiteral("proposalsTreeWidget"));
    m_proposals->setRootIsDecorated(false);
    m_proposals->setUniformRowHeights(true);
    m_proposals->setHeaderLabels({ tr("Author"), tr("Outlet"), tr("When"), tr("Post") });
    m_proposals->header()->setStretchLastSection(true);

    m_accept = new QPushButton(tr("&Accept as Coverage"), m_proposalsBox);
    m_accept->setObjectName(QStringLiteral("acceptProposalButton"));
    m_dismiss = new QPushButton(tr("&Dismiss"), m_proposalsBox);
    m_dismiss->setObjectName(QStringLiteral("dismissProposalButton"));
    m_dismiss->setToolTip(tr("Not coverage: do not propose this post again for this campaign"));
    connect(m_accept, &QPushButton::clicked, this, &CoverageTab::acceptProposal);
    connect(m_dismiss, &QPushButton::clicked, this, &CoverageTab::dismissProposal);
    auto *proposalButtons = new QVBoxLayout;
    proposalButtons->addWidget(m_accept);
    proposalButtons->addWidget(m_dismiss);
    proposalButtons->addStretch();
    auto *proposalLayout = new QHBoxLayout(m_proposalsBox);
    proposalLayout->addWidget(m_proposals, 1);
    proposalLayout->addLayout(proposalButtons);
    connect(m_proposals, &QTreeWidget::currentItemChanged, this, &CoverageTab::updateButtons);

    auto *add = new QPushButton(tr("Add Coverage…"), this);
    add->setObjectName(QStringLiteral("addCoverageButton"));
    add->setToolTip(tr("Record an article or post (Ctrl+Shift+N)"));
    connect(add, &QPushButton::clicked, this, &CoverageTab::addCoverage);
    auto *addShortcut = new QAction(this);
    addShortcut->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    addShortcut->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(addShortcut, &QAction::triggered, this, &CoverageTab::addCoverage);
    addAction(addShortcut);
    m_edit = new QPushButton(tr("Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editCoverageButton"));
    connect(m_edit, &QPushButton::clicked, this, &CoverageTab::editSelected);
    m_open = new QPushButton(tr("Open Article"), this);
    m_open->setObjectName(QStringLiteral("openUrlButton"));
    connect(m_open, &QPushButton::clicked, this, &CoverageTab::openSelected);
    m_trash = new QPushButton(tr("Move to Trash"), this);
    m_trash->setObjectName(QStringLiteral("trashCoverageButton"));
    connect(m_trash, &QPushButton::clicked, this, &CoverageTab::trashSelected);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    // Wraps rather than widening the tab: in French or Spanish the buttons and the summary on one line would push
    // the campaign list beside the workspace to a sliver.
    m_summary->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_open);
    buttons->addWidget(m_trash);
    // All the room the buttons leave, so it wraps only when there is none.
    m_summary->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    buttons->addWidget(m_summary, 1);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("coverageTableView"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CampaignCoverageModel::DateColumn, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(CampaignCoverageModel::HeadlineColumn, QHeaderView::Stretch);
    // The headline takes what the others leave; those stay narrow so that it keeps room in a small window.
    for (int c : { CampaignCoverageModel::DateColumn, CampaignCoverageModel::ReachColumn,
             CampaignCoverageModel::SentimentColumn, CampaignCoverageModel::PitchColumn })
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->resizeSection(CampaignCoverageModel::OutletColumn, 120);
    header->resizeSection(CampaignCoverageModel::AuthorColumn, 110);
    connect(m_table, &QTableView::doubleClicked, this, &CoverageTab::editSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CoverageTab::updateButtons);
    auto *trashKey = new QAction(m_table);
    trashKey->setShortcut(QKeySequence::Delete);
    trashKey->setShortcutContext(Qt::WidgetShortcut);
    connect(trashKey, &QAction::triggered, this, &CoverageTab::trashSelected);
    m_table->addAction(trashKey);
    auto *editKey = new QAction(m_table);
    editKey->setShortcuts({ QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter) });
    editKey->setShortcutContext(Qt::WidgetShortcut);
    connect(editKey, &QAction::triggered, this, &CoverageTab::editSelected);
    m_table->addAction(editKey);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_proposalsBox);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    m_proposalsBox->hide();
    updateButtons();

    connect(ChangeNotifier::instance(), &ChangeNotifier::campaignsChanged, this, &CoverageTab::onCampaignsChanged);
}

CoverageTab::~CoverageTab() = default;

QString CoverageTab::title() const
{
    return tr("Coverage");
}

void CoverageTab::setCampaign(qint64 campaignId)
{
    m_campaignId = campaignId;
    reload();
}

void CoverageTab::showEvent(QShowEvent *event)
{
    CampaignTab::showEvent(event);
    if (m_stale) {
        m_stale = false;
        onCampaignsChanged({ m_campaignId });
    }
}

void CoverageTab::onCampaignsChanged(const QList<qint64> &campaignIds)
{
    // A hidden tab only notes the change (the proposals' full-text query is not free); it reloads when shown.
    if (!isVisible() && m_campaignId > 0 && ChangeNotifier::concerns(campaignIds, m_campaignId)) {
        m_stale = true;
        return;
    }
    if (m_campaignId > 0 && ChangeNotifier::concerns(campaignIds, m_campaignId))
        reload();
}

void CoverageTab::reload()
{
    if (m_campaignId <= 0) {
        m_model->setRows({});
        m_proposalList.clear();
        m_proposals->clear();
        m_proposalsBox->hide();
        updateSummary();
        updateButtons();
        return;
    }
    Result<QList<CoverageRepository::Row>> rows = CoverageRepository(db()).list(m_campaignId);
    if (!rows) {
        Q_EMIT errorOccurred(rows.error().message);
        return;
    }
    m_model->setRows(*rows);
    reloadProposals();
    updateSummary();
    updateButtons();
}

void CoverageTab::reloadProposals()
{
    Result<QList<CoverageRepository::Proposal>> proposals = CoverageRepository(db()).proposals(m_campaignId);
    if (!proposals) {
        Q_EMIT errorOccurred(proposals.error().message);
        return;
    }
    const qint64 current
        = m_proposals->currentItem() ? m_proposals->currentItem()->data(0, Qt::UserRole).toLongLong() : 0;
    m_proposalList = *proposals;
    m_proposals->clear();
    const QLocale locale;
    QTreeWidgetItem *select = nullptr;
    for (const CoverageRepository::Proposal &p : std::as_const(m_proposalList)) {
        auto *item = new QTreeWidgetItem(m_proposals);
        item->setData(0, Qt::UserRole, p.interactionId);
        item->setText(AuthorCol, p.author);
        item->setText(OutletCol, p.outlet.isEmpty() ? sourceWord(p.source) : p.outlet);
        item->setText(WhenCol, locale.toString(p.occurredAt.toLocalTime().date(), QLocale::ShortFormat));
        const QString text = p.subject.isEmpty() ? p.text : p.subject + QStringLiteral(" — ") + p.text;
        item->setText(TextCol, text);
        item->setToolTip(TextCol, text + (p.url.isEmpty() ? QString() : u'\n' + p.url));
        if (p.interactionId == current)
            select = item;
    }
    m_proposals->resizeColumnToContents(AuthorCol);
    m_proposals->resizeColumnToContents(OutletCol);
    m_proposals->resizeColumnToContents(WhenCol);
    if (!select && m_proposals->topLevelItemCount() > 0)
        select = m_proposals->topLevelItem(0);
    if (select)
        m_proposals->setCurrentItem(select);
    m_proposalsBox->setTitle(tr("Proposed coverage: %n post(s) by pitched people that mention the campaign's topics",
        nullptr, int(m_proposalList.size())));
    // As tall as its rows, up to five; the coverage below keeps the rest.
    const int rows = qMin(5, int(m_proposalList.size()));
    const int rowHeight
        = m_proposals->topLevelItemCount() ? m_proposals->sizeHintForRow(0) : m_proposals->fontMetrics().height() + 4;
    m_proposals->setFixedHeight(m_proposals->header()->sizeHint().height() + qMax(rows, 2) * qMax(rowHeight, 1)
        + 2 * m_proposals->frameWidth() + rowHeight / 2);
    m_proposalsBox->setVisible(!m_proposalList.isEmpty());
}

void CoverageTab::updateSummary()
{
    qint64 reach = 0;
    int positive = 0;
    int negative = 0;
    for (const CoverageRepository::Row &r : m_model->rows()) {
        reach += qMax<qint64>(0, r.coverage.reach);
        if (r.coverage.sentimentKnown && r.coverage.sentiment > 0)
            ++positive;
        if (r.coverage.sentimentKnown && r.coverage.sentiment < 0)
            ++negative;
    }
    const int n = int(m_model->rows().size());
    m_summary->setText(n == 0
            ? tr("No coverage recorded yet.")
            : tr("%n article(s)", nullptr, n) + QStringLiteral(" · ") + tr("reach %1").arg(QLocale().toString(reach))
                + QStringLiteral(" · ") + tr("%1 positive, %2 negative").arg(positive).arg(negative));
}

void CoverageTab::updateButtons()
{
    const CoverageRepository::Row *row = selectedRow();
    m_edit->setEnabled(row);
    m_trash->setEnabled(row);
    m_open->setEnabled(row && !row->coverage.url.isEmpty());
    const bool proposal = m_proposals->currentItem();
    m_accept->setEnabled(proposal);
    m_dismiss->setEnabled(proposal);
}

const CoverageRepository::Row *CoverageTab::selectedRow() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return nullptr;
    const int row = m_model->rowOf(current.data(CampaignCoverageModel::IdRole).toLongLong());
    return row >= 0 ? &m_model->rows().at(row) : nullptr;
}

void CoverageTab::openDialog(const CoverageRepository::Row &row)
{
    auto *dialog = new CoverageDialog(db(), row, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &CoverageDialog::saved, this,
        [this](const Coverage &before, const Coverage &after, const QString &pitchBefore) {
            if (before.id == 0)
                undoStack()->push(
                    new AddCoverageCommand(db(), after, pitchBefore, tr("Add coverage “%1”").arg(after.title)));
            else
                undoStack()->push(new EditCoverageCommand(db(), before, after, pitchBefore));
            ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
            if (const int r = m_model->rowOf(after.id); r >= 0)
                m_table->setCurrentIndex(
                    m_proxy->mapFromSource(m_model->index(r, CampaignCoverageModel::HeadlineColumn)));
            Q_EMIT statusMessage(tr("Saved coverage “%1”.").arg(after.title));
        });
    dialog->open();
}

void CoverageTab::addCoverage()
{
    if (m_campaignId <= 0)
        return;
    CoverageRepository::Row row;
    row.coverage.campaignId = m_campaignId;
    openDialog(row);
}

void CoverageTab::editSelected()
{
    if (const CoverageRepository::Row *row = selectedRow())
        openDialog(*row);
}

void CoverageTab::trashSelected()
{
    const CoverageRepository::Row *row = selectedRow();
    if (!row)
        return;
    const Coverage c = row->coverage;
    if (Status s = CoverageRepository(db()).moveToTrash(c.id); !s) {
        Q_EMIT errorOccurred(s.error().message);
        return;
    }
    undoStack()->push(new TrashCoverageCommand(db(), c));
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    Q_EMIT statusMessage(tr("Moved coverage “%1” to the trash.").arg(c.title));
}

void CoverageTab::openSelected()
{
    const CoverageRepository::Row *row = selectedRow();
    if (!row || row->coverage.url.isEmpty())
        return;
    const QUrl url(row->coverage.url);
    if (m_urlOpener)
        m_urlOpener(url);
    else if (!QDesktopServices::openUrl(url))
        Q_EMIT errorOccurred(tr("No web browser could open %1.").arg(row->coverage.url));
}

void CoverageTab::acceptProposal()
{
    QTreeWidgetItem *item = m_proposals->currentItem();
    if (!item)
        return;
    const qint64 interactionId = item->data(0, Qt::UserRole).toLongLong();
    Coverage c;
    QString pitchBefore;
    if (Status s = CoverageRepository(db()).acceptProposal(m_campaignId, interactionId, c, &pitchBefore); !s) {
        Q_EMIT errorOccurred(s.error().message);
        return;
    }
    undoStack()->push(new AddCoverageCommand(db(), c, pitchBefore, tr("Accept “%1” as coverage").arg(c.title)));
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    if (const int r = m_model->rowOf(c.id); r >= 0)
        m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(r, CampaignCoverageModel::HeadlineColumn)));
    Q_EMIT statusMessage(tr("Recorded “%1” as coverage.").arg(c.title));
}

void CoverageTab::dismissProposal()
{
    QTreeWidgetItem *item = m_proposals->currentItem();
    if (!item)
        return;
    const qint64 interactionId = item->data(0, Qt::UserRole).toLongLong();
    const QString what = item->text(TextCol).left(60);
    if (Status s = CoverageRepository(db()).dismissProposal(m_campaignId, interactionId); !s) {
        Q_EMIT errorOccurred(s.error().message);
        return;
    }
    undoStack()->push(new DismissProposalCommand(db(), m_campaignId, interactionId, what));
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
}
