#include "whotopitchtab.h"

#include "core/clock.h"
#include "itemmodels/pitchsuggestionmodel.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/pitchrepository.h"
#include "storage/pitchsuggestions.h"

#include <QAction>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

// People added from the suggestions: pushed after the add succeeded (so its first redo does nothing); undo takes
// their pitches off the media list (to the trash), redo puts the same pitches back. A step that cannot be written
// says why through ChangeNotifier::notifyChangeFailed and leaves the stack.
class AddSuggestedCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(WhoToPitchTab)

public:
    AddSuggestedCommand(Database &db, qint64 campaignId, QList<qint64> pitchIds, const QStringList &names)
        : m_db(db)
        , m_campaignId(campaignId)
        , m_pitchIds(std::move(pitchIds))
    {
        setText(names.size() == 1 ? tr("Add %1 to the media list").arg(names.constFirst())
                                  : tr("Add %n people to the media list", nullptr, int(names.size())));
    }

    void undo() override { finish(PitchRepository(m_db).removeFromMediaList(m_pitchIds)); }
    void redo() override
    {
        if (m_first) {
            m_first = false;
            return;
        }
        finish(PitchRepository(m_db).restoreToMediaList(m_pitchIds));
    }

private:
    void finish(const Status &status)
    {
        if (!status) {
            setObsolete(true);
            ChangeNotifier::instance()->notifyChangeFailed(status.error().message);
        }
        ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    }

    Database &m_db;
    qint64 m_campaignId;
    QList<qint64> m_pitchIds;
    bool m_first = true;
};

// Rows of several wrapped lines need air between them to be read as rows.
class SpacedRowDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(0, option.fontMetrics.height() / 2);
    }
};

} // namespace

WhoToPitchTab::WhoToPitchTab(Database &db, QUndoStack *undoStack, QWidget *parent)
    : CampaignTab(db, undoStack, parent)
{
    setObjectName(QStringLiteral("whoToPitchTab"));
    m_model = new PitchSuggestionModel(this);

    m_topicsLabel = new QLabel(this);
    m_topicsLabel->setObjectName(QStringLiteral("topicsLabel"));
    m_topicsLabel->setWordWrap(true);
    m_topicsLabel->setTextFormat(Qt::PlainText);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    m_refreshButton = new QPushButton(tr("&Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setToolTip(tr("Compute the list again (F5)"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_topicsLabel, 1);
    top->addWidget(m_countLabel);
    top->addWidget(m_refreshButton);

    m_busyBar = new QProgressBar(this);
    m_busyBar->setObjectName(QStringLiteral("busyProgressBar"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumHeight(6);
    m_busyBar->setAccessibleName(tr("Finding people to pitch…"));
    m_busyBar->hide();

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("suggestionsTableView"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setItemDelegate(new SpacedRowDelegate(m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(PitchSuggestionModel::ScoreColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PitchSuggestionModel::NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(PitchSuggestionModel::OutletColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(PitchSuggestionModel::ReasonsColumn, QHeaderView::Stretch);
    header->resizeSection(PitchSuggestionModel::NameColumn, fontMetrics().horizontalAdvance(u'x') * 17);
    header->resizeSection(PitchSuggestionModel::OutletColumn, fontMetrics().horizontalAdvance(u'x') * 18);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setAlignment(Qt::AlignCenter);
    m_messageLabel->setForegroundRole(QPalette::PlaceholderText);
    m_messageLabel->setMargin(24);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_table);
    m_pages->addWidget(m_messageLabel);

    m_addButton = new QPushButton(this);
    m_addButton->setObjectName(QStringLiteral("addToMediaListButton"));
    m_addButton->setToolTip(
        tr("Add the selected people to this campaign's media list as planned pitches (Ctrl+Enter)"));
    auto *hint = new QLabel(tr("Select several with Ctrl or Shift. Enter opens the person."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(hint, 1);
    bottom->addWidget(m_addButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_busyBar);
    layout->addWidget(m_pages, 1);
    layout->addLayout(bottom);

    m_addAction = new QAction(tr("Add to Media List"), this);
    m_addAction->setObjectName(QStringLiteral("addToMediaListAction"));
    m_addAction->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_addAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_addAction);
    connect(m_addAction, &QAction::triggered, this, &WhoToPitchTab::addSelectedToMediaList);
    connect(m_addButton, &QPushButton::clicked, this, &WhoToPitchTab::addSelectedToMediaList);
    m_refreshAction = new QAction(tr("Refresh Who to Pitch"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_refreshAction);
    connect(m_refreshAction, &QAction::triggered, this, &WhoToPitchTab::refresh);
    connect(m_refreshButton, &QPushButton::clicked, this, &WhoToPitchTab::refresh);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &WhoToPitchTab::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WhoToPitchTab::updateActions);
    connect(m_table, &QTableView::activated, this, &WhoToPitchTab::openCurrent);

    // Wrapped reasons: rows take the height of their text, again whenever a column's width changes.
    m_rowHeights = new QTimer(this);
    m_rowHeights->setSingleShot(true);
    m_rowHeights->setInterval(0);
    connect(m_rowHeights, &QTimer::timeout, m_table, &QTableView::resizeRowsToContents);
    connect(header, &QHeaderView::sectionResized, m_rowHeights, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::rowsInserted, m_rowHeights, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::rowsMoved, m_rowHeights, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::dataChanged, m_rowHeights, qOverload<>(&QTimer::start));

    // Several changes in a row (a bulk edit, a sync page) cost one recompute.
    m_staleTimer = new QTimer(this);
    m_staleTimer->setSingleShot(true);
    m_staleTimer->setInterval(300);
    connect(m_staleTimer, &QTimer::timeout, this, [this] {
        if (m_stale && isVisible())
            refresh();
    });
    ChangeNotifier *notifier = ChangeNotifier::instance();
    connect(notifier, &ChangeNotifier::campaignsChanged, this, [this](const QList<qint64> &ids) {
        if (m_campaignId && ChangeNotifier::concerns(ids, m_campaignId))
            markStale();
    });
    connect(notifier, &ChangeNotifier::contactsChanged, this, &WhoToPitchTab::markStale);
    connect(notifier, &ChangeNotifier::contactsMerged, this, &WhoToPitchTab::markStale);
    connect(notifier, &ChangeNotifier::interactionsChanged, this, &WhoToPitchTab::markStale);

    updateActions();
    showMessage(tr("No campaign is open."));
}

WhoToPitchTab::~WhoToPitchTab() = default;

QString WhoToPitchTab::title() const
{
    return tr("Who to pitch");
}

void WhoToPitchTab::setCampaign(qint64 campaignId)
{
    if (campaignId == m_campaignId)
        return;
    m_campaignId = campaignId;
    ++m_generation; // a result for the campaign before is dropped
    dropJob();
    setLoading(false);
    m_model->setRows({});
    m_topics.clear();
    m_candidates = 0;
    m_topicsLabel->clear();
    m_countLabel->clear();
    m_stale = true;
    if (!campaignId)
        showMessage(tr("No campaign is open."));
    else if (isVisible())
        refresh();
}

void WhoToPitchTab::showEvent(QShowEvent *event)
{
    CampaignTab::showEvent(event);
    if (m_stale && m_campaignId)
        refresh();
}

void WhoToPitchTab::markStale()
{
    if (!m_campaignId)
        return;
    m_stale = true;
    if (isVisible())
        m_staleTimer->start();
}

void WhoToPitchTab::refresh()
{
    if (!m_campaignId)
        return;
    m_stale = false;
    m_staleTimer->stop();
    const quint64 generation = ++m_generation;
    const qint64 campaignId = m_campaignId;
    setLoading(true);
    WorkerConnection::Options options;
    options.threadName = QStringLiteral("rapport-who-to-pitch");
    dropJob();
    m_job = WorkerConnection::start<PitchSuggestionList>(
        db().location(), this,
        [campaignId, now = Clock::now()](Database &db, const WorkerConnection::Job &) {
            return PitchSuggestions::find(db, campaignId, PitchSuggestions::kDefaultLimit, now);
        },
        [this, generation](Result<PitchSuggestionList> result) {
            if (generation != m_generation)
                return;
            setLoading(false);
            if (!result) {
                m_model->setRows({});
                showMessage(result.error().message);
                Q_EMIT errorOccurred(result.error().message);
                Q_EMIT loaded();
                return;
            }
            m_topics = result->topics;
            m_candidates = result->candidates;
            m_model->setRows(result->rows);
            m_topicsLabel->setText(
                m_topics.isEmpty() ? QString() : tr("Topics: %1").arg(m_topics.join(QStringLiteral(", "))));
            m_countLabel->setText(m_topics.isEmpty() ? QString()
                    : m_candidates > result->rows.size()
                    ? tr("Best %L1 of %L2 people").arg(result->rows.size()).arg(m_candidates)
                    : tr("%n people", nullptr, m_candidates));
            if (m_topics.isEmpty())
                showMessage(tr("This campaign has no topics yet. Add keywords to its brief, one per line (for "
                               "example “smart home”), and the people who cover them or wrote about them "
                               "recently appear here."));
            else if (result->rows.isEmpty())
                showMessage(tr("Nobody new matches the topics: no beat, tag or recent post of anyone who is not on "
                               "the media list yet mentions them."));
            else
                m_pages->setCurrentWidget(m_table);
            updateActions();
            Q_EMIT loaded();
        },
        options);
}

bool WhoToPitchTab::addSelectedToMediaList()
{
    if (!m_campaignId)
        return false;
    QList<qint64> ids;
    QStringList names;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        ids << index.data(PitchSuggestionModel::ContactIdRole).toLongLong();
        names << index.siblingAtColumn(PitchSuggestionModel::NameColumn).data().toString();
    }
    if (ids.isEmpty())
        return false;
    Result<PitchRepository::AddOutcome> outcome = PitchRepository(db()).addToMediaList(m_campaignId, ids);
    if (!outcome) {
        Q_EMIT errorOccurred(outcome.error().message);
        return false;
    }
    Q_EMIT statusMessage(outcome->summary());
    if (outcome->addedPitchIds.isEmpty())
        return false;
    if (undoStack())
        undoStack()->push(new AddSuggestedCommand(db(), m_campaignId, outcome->addedPitchIds, names));
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    return true;
}

void WhoToPitchTab::dropJob()
{
    // Assigning over a running handle would wait for its thread (up to the whole computation on the GUI thread);
    // a job that is no longer wanted finishes alone instead, and its result is dropped by the generation check.
    m_job.cancel();
    m_job.detach();
}

void WhoToPitchTab::openCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        Q_EMIT contactActivated(current.data(PitchSuggestionModel::ContactIdRole).toLongLong());
}

void WhoToPitchTab::setLoading(bool loading)
{
    m_loading = loading;
    m_busyBar->setVisible(loading);
    m_refreshButton->setEnabled(!loading && m_campaignId);
}

void WhoToPitchTab::showMessage(const QString &message)
{
    m_messageLabel->setText(message);
    m_pages->setCurrentWidget(m_messageLabel);
}

void WhoToPitchTab::updateActions()
{
    const int selected = m_table->selectionModel() ? int(m_table->selectionModel()->selectedRows().size()) : 0;
    m_addAction->setEnabled(selected > 0);
    m_addButton->setEnabled(selected > 0);
    m_addButton->setText(selected > 1 ? tr("&Add %n to Media List", nullptr, selected) : tr("&Add to Media List"));
}
