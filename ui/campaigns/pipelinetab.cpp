#include "pipelinetab.h"

#include "campaigns/pitchboard.h"
#include "campaigns/pitchcommands.h"
#include "contacts/conflictdialog.h"
#include "core/clock.h"
#include "domain/interaction.h"
#include "domain/pitchstatus.h"
#include "domain/recordmerge.h"
#include "itemmodels/pitchboardmodel.h"
#include "storage/changenotifier.h"

#include <QAction>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

PipelineTab::PipelineTab(Database &db, QUndoStack *undoStack, QWidget *parent)
    : CampaignTab(db, undoStack, parent)
    , m_model(new PitchBoardModel(this))
{
    setObjectName(QStringLiteral("pipelineTab"));
    auto *layout = new QVBoxLayout(this);

    auto *bar = new QHBoxLayout;
    m_boardButton = new QToolButton(this);
    m_boardButton->setObjectName(QStringLiteral("boardToolButton"));
    m_boardButton->setText(tr("&Board"));
    m_boardButton->setToolTip(tr("One column per status; drag cards between them"));
    m_boardButton->setCheckable(true);
    m_boardButton->setChecked(true);
    m_tableButton = new QToolButton(this);
    m_tableButton->setObjectName(QStringLiteral("tableToolButton"));
    m_tableButton->setText(tr("&Table"));
    m_tableButton->setToolTip(tr("Every pitch in one sortable table"));
    m_tableButton->setCheckable(true);
    auto *group = new QButtonGroup(this);
    group->addButton(m_boardButton);
    group->addButton(m_tableButton);
    group->setExclusive(true);
    bar->addWidget(m_boardButton);
    bar->addWidget(m_tableButton);
    bar->addSpacing(12);

    // The move actions: shortcuts work while the tab has the focus; the buttons show them in their tooltips.
    const auto addMove = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        m_moveActions.append(a);
        return a;
    };
    QAction *back = addMove(
        tr("Move to the previous status"), QKeySequence(Qt::CTRL | Qt::Key_Left), [this] { moveCurrent(-1); });
    QAction *forward
        = addMove(tr("Move to the next status"), QKeySequence(Qt::CTRL | Qt::Key_Right), [this] { moveCurrent(1); });
    for (int s = 0; s < PitchStatus::count(); ++s)
        addMove(tr("Move to “%1”").arg(PitchStatus::label(s)), QKeySequence(Qt::ALT | (Qt::Key_1 + s)),
            [this, s] { moveCurrentTo(s); });
    auto *backButton = new QToolButton(this);
    backButton->setObjectName(QStringLiteral("moveBackToolButton"));
    backButton->setDefaultAction(back);
    backButton->setText(tr("◀ Move back"));
    auto *forwardButton = new QToolButton(this);
    forwardButton->setObjectName(QStringLiteral("moveForwardToolButton"));
    forwardButton->setDefaultAction(forward);
    forwardButton->setText(tr("Move on ▶"));
    bar->addWidget(backButton);
    bar->addWidget(forwardButton);
    bar->addStretch(1);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    bar->addWidget(m_countLabel);
    layout->addLayout(bar);

    m_noticeLabel = new QLabel(this);
    m_noticeLabel->setObjectName(QStringLiteral("noticeLabel"));
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setFrameShape(QFrame::StyledPanel);
    m_noticeLabel->setMargin(6);
    m_noticeLabel->hide();
    layout->addWidget(m_noticeLabel);

    m_proposalsBox = new QWidget(this);
    m_proposalsBox->setObjectName(QStringLiteral("proposalsWidget"));
    m_proposalsLayout = new QVBoxLayout(m_proposalsBox);
    m_proposalsLayout->setContentsMargins(0, 0, 0, 0);
    m_proposalsLayout->setSpacing(2);
    m_proposalsBox->hide();
    layout->addWidget(m_proposalsBox);

    m_stack = new QStackedWidget(this);
    m_boardScroll = new QScrollArea(m_stack);
    m_boardScroll->setObjectName(QStringLiteral("pitchBoardScrollArea"));
    m_boardScroll->setWidgetResizable(true);
    m_boardScroll->setFrameShape(QFrame::NoFrame);
    m_boardScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // each column scrolls its own cards
    m_board = new PitchBoard(m_model, m_boardScroll);
    m_board->setObjectName(QStringLiteral("pitchBoard"));
    m_boardScroll->setWidget(m_board);
    m_stack->addWidget(m_boardScroll);
    m_tableProxy = new QSortFilterProxyModel(this);
    m_tableProxy->setSourceModel(m_model);
    m_tableProxy->setSortRole(PitchBoardModel::SortRole);
    m_table = new QTableView(m_stack);
    m_table->setObjectName(QStringLiteral("pitchTableView"));
    m_table->setModel(m_tableProxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PitchBoardModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(PitchBoardModel::NameColumn, 200);
    m_table->setColumnWidth(PitchBoardModel::OutletColumn, 180);
    m_table->setToolTip(tr("Ctrl+Right / Ctrl+Left or Alt+1 … Alt+6 move the selected pitch; Enter opens the person."));
    m_stack->addWidget(m_table);
    layout->addWidget(m_stack, 1);

    connect(m_boardButton, &QToolButton::toggled, this, [this](bool on) { showTable(!on); });
    connect(m_board, &PitchBoard::moveRequested, this, &PipelineTab::movePitch);
    connect(m_board, &PitchBoard::contactActivated, this, &CampaignTab::contactActivated);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT contactActivated(index.data(PitchBoardModel::ContactIdRole).toLongLong());
    });
    connect(ChangeNotifier::instance(), &ChangeNotifier::campaignsChanged, this, &PipelineTab::onCampaignsChanged);
    connect(ChangeNotifier::instance(), &ChangeNotifier::interactionsChanged, this, [this] {
        if (m_campaignId > 0 && isVisible())
            scheduleProposals();
    });
}

PipelineTab::~PipelineTab() = default;

QString PipelineTab::title() const
{
    return tr("Pipeline");
}

void PipelineTab::setCampaign(qint64 campaignId)
{
    m_campaignId = campaignId;
    m_noticeLabel->hide();
    if (campaignId <= 0) {
        m_model->setRows({});
        m_proposals.clear();
        showProposals();
        return;
    }
    m_model->setRows({}); // another campaign: nothing of the previous one may stay
    if (isVisible())
        reload();
    else
        m_stale = true;
}

void PipelineTab::showEvent(QShowEvent *event)
{
    CampaignTab::showEvent(event);
    if (m_stale)
        reload();
}

bool PipelineTab::showingTable() const
{
    return m_stack->currentWidget() == m_table;
}

void PipelineTab::showTable(bool table)
{
    const qint64 current = currentPitchId();
    m_stack->setCurrentWidget(table ? static_cast<QWidget *>(m_table) : m_boardScroll);
    m_tableButton->setChecked(table);
    m_boardButton->setChecked(!table);
    if (current > 0)
        selectPitch(current);
}

void PipelineTab::reload()
{
    m_stale = false;
    if (m_campaignId <= 0)
        return;
    m_lastLookMs = Clock::nowMs();
    Result<QList<PitchRepository::BoardRow>> rows = PitchRepository(db()).board(m_campaignId);
    if (!rows) {
        Q_EMIT errorOccurred(rows.error().message);
        return;
    }
    m_model->setRows(*rows);
    m_countLabel->setText(tr("%Ln pitch(es)", nullptr, int(rows->size())));
    loadProposals();
}

void PipelineTab::refresh()
{
    if (m_campaignId <= 0)
        return;
    PitchRepository repo(db());
    // Rows written since the last look, with a margin for other users' clocks (team mode): compared by version,
    // so a row seen twice costs nothing.
    const qint64 now = Clock::nowMs();
    Result<QList<PitchRepository::Change>> changes = repo.changedSince(m_campaignId, m_lastLookMs - kClockMarginMs);
    if (!changes) {
        Q_EMIT errorOccurred(changes.error().message);
        return;
    }
    m_lastLookMs = now;
    QList<qint64> changed;
    QList<qint64> gone;
    for (const PitchRepository::Change &c : *changes) {
        const int row = m_model->rowOf(c.pitchId);
        if (!c.live) {
            if (row >= 0)
                gone.append(c.pitchId);
        } else if (row < 0 || m_model->rowAt(row).version != c.version) {
            changed.append(c.pitchId);
        }
    }
    if (changed.size() + gone.size() > 50) { // a big change (a saved view added): read it all
        reload();
        return;
    }
    for (qint64 id : gone)
        m_model->removePitch(id);
    for (qint64 id : changed) {
        Result<PitchRepository::BoardRow> row = repo.boardRow(id);
        if (row)
            m_model->updateRow(*row);
        else
            m_model->removePitch(id);
    }
    m_countLabel->setText(tr("%Ln pitch(es)", nullptr, int(m_model->rowCount())));
    if (!changed.isEmpty() || !gone.isEmpty())
        scheduleProposals();
}

void PipelineTab::scheduleProposals()
{
    // A move publishes campaignsChanged and interactionsChanged: the proposals are read once for both.
    if (m_proposalsQueued)
        return;
    m_proposalsQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_proposalsQueued = false;
            if (m_campaignId > 0)
                loadProposals();
        },
        Qt::QueuedConnection);
}

void PipelineTab::onCampaignsChanged(const QList<qint64> &ids)
{
    if (m_campaignId <= 0 || (!ids.isEmpty() && !ids.contains(m_campaignId)))
        return;
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    refresh();
}

void PipelineTab::loadProposals()
{
    Result<QList<PitchRepository::ReplyProposal>> proposals = PitchRepository(db()).replyProposals(m_campaignId);
    if (!proposals) {
        Q_EMIT errorOccurred(proposals.error().message);
        return;
    }
    const auto same = [](const PitchRepository::ReplyProposal &a, const PitchRepository::ReplyProposal &b) {
        return a.pitchId == b.pitchId && a.interactionId == b.interactionId && a.version == b.version
            && a.latestAt == b.latestAt;
    };
    if (std::equal(proposals->cbegin(), proposals->cend(), m_proposals.cbegin(), m_proposals.cend(), same))
        return; // nothing new: the widgets stay
    m_proposals = *proposals;
    QSet<qint64> ids;
    for (const auto &p : m_proposals)
        ids.insert(p.pitchId);
    m_model->setProposedReplies(ids);
    showProposals();
}

void PipelineTab::showProposals()
{
    while (QLayoutItem *item = m_proposalsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    // Hidden while its rows are made, then shown: children added to a visible widget would stay hidden.
    m_proposalsBox->hide();
    if (m_proposals.isEmpty())
        return;
    auto *title = new QLabel(tr("%Ln reply(s) came in after a pitch. Accept to move the pitch to “Replied”:", nullptr,
                                 int(m_proposals.size())),
        m_proposalsBox);
    title->setObjectName(QStringLiteral("proposalsTitleLabel"));
    m_proposalsLayout->addWidget(title);
    constexpr int kShown = 4;
    for (int n = 0; n < m_proposals.size() && n < kShown; ++n) {
        const PitchRepository::ReplyProposal &p = m_proposals.at(n);
        auto *row = new QWidget(m_proposalsBox);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(12, 0, 0, 0);
        const QString what = p.subject.isEmpty()
            ? Interaction::channelLabel(p.channel)
            : tr("%1 “%2”", "channel “subject”").arg(Interaction::channelLabel(p.channel), p.subject.left(80));
        auto *text = new QLabel(
            tr("%1: %2 on %3").arg(p.name, what, QLocale().toString(p.at.toLocalTime().date(), QLocale::ShortFormat)),
            row);
        text->setTextFormat(Qt::PlainText);
        h->addWidget(text, 1);
        auto *accept = new QPushButton(tr("Accept"), row);
        accept->setObjectName(QStringLiteral("acceptPushButton"));
        accept->setToolTip(tr("Move %1's pitch to “Replied”, replied on %2")
                               .arg(p.name, QLocale().toString(p.at.toLocalTime().date(), QLocale::ShortFormat)));
        auto *dismiss = new QPushButton(tr("Not a reply"), row);
        dismiss->setObjectName(QStringLiteral("dismissPushButton"));
        dismiss->setToolTip(tr("Stop proposing this for %1 until something newer comes in").arg(p.name));
        const qint64 pitchId = p.pitchId;
        connect(accept, &QPushButton::clicked, this, [this, pitchId] { acceptProposal(pitchId); });
        connect(dismiss, &QPushButton::clicked, this, [this, pitchId] { dismissProposal(pitchId); });
        h->addWidget(accept);
        h->addWidget(dismiss);
        m_proposalsLayout->addWidget(row);
    }
    if (m_proposals.size() > kShown)
        m_proposalsLayout->addWidget(
            new QLabel(tr("… and %n more (marked “Reply?” on the board).", nullptr, int(m_proposals.size() - kShown)),
                m_proposalsBox));
    m_proposalsBox->show();
}

qint64 PipelineTab::currentPitchId() const
{
    if (showingTable()) {
        const QModelIndex i = m_table->currentIndex();
        return i.isValid() ? i.data(PitchBoardModel::PitchIdRole).toLongLong() : 0;
    }
    return m_board->currentPitchId();
}

void PipelineTab::selectPitch(qint64 pitchId)
{
    if (!showingTable()) {
        m_board->selectPitch(pitchId, true);
        return;
    }
    const int row = m_model->rowOf(pitchId);
    if (row < 0)
        return;
    const QModelIndex index = m_tableProxy->mapFromSource(m_model->index(row, PitchBoardModel::NameColumn));
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    m_table->setFocus(Qt::OtherFocusReason);
}

void PipelineTab::moveCurrent(int step)
{
    const qint64 id = currentPitchId();
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const int from = PitchStatus::indexOf(m_model->rowAt(row).status);
    const int to = from + step;
    if (to < 0 || to >= PitchStatus::count())
        return;
    movePitch(id, to);
}

void PipelineTab::moveCurrentTo(int statusIndex)
{
    const qint64 id = currentPitchId();
    if (id > 0)
        movePitch(id, statusIndex);
}

void PipelineTab::showNotice(const QString &text)
{
    m_noticeLabel->setText(text);
    m_noticeLabel->setVisible(!text.isEmpty());
}

void PipelineTab::movePitch(qint64 pitchId, int statusIndex)
{
    const int row = m_model->rowOf(pitchId);
    const QString to = PitchStatus::key(statusIndex);
    if (row < 0 || to.isEmpty())
        return;
    const PitchRepository::BoardRow before = m_model->rowAt(row);
    if (before.status == to)
        return;
    showNotice({});
    Result<PitchRepository::MoveResult> r = PitchRepository(db()).move(pitchId, to, before.version);
    if (!r) {
        if (r.error().code == Error::Code::Conflict && mergeConcurrentMove(before, to))
            return;
        if (r.error().code == Error::Code::Conflict || r.error().code == Error::Code::NotFound) {
            showNotice(r.error().message + u' ' + tr("The board was reloaded with the latest state."));
            reload();
        } else {
            Q_EMIT errorOccurred(r.error().message);
        }
        return;
    }
    finishMove(*r, before.name, tr("%1 moved to “%2”.").arg(before.name, PitchStatus::label(to)));
}

void PipelineTab::finishMove(const PitchRepository::MoveResult &r, const QString &name, const QString &said)
{
    if (undoStack())
        undoStack()->push(new MovePitchCommand(db(), r, name));
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    if (r.loggedInteractionId > 0 || r.interactionRemoved)
        ChangeNotifier::instance()->notifyInteractions({ r.contactId });
    Q_EMIT statusMessage(said);
    selectPitch(r.pitchId);
}

bool PipelineTab::mergeConcurrentMove(const PitchRepository::BoardRow &before, const QString &to)
{
    // Somebody changed this pitch since the board read it (issue 14). A pitch's move changes one field, its
    // stage: when they left the stage as it was (they changed something else), the move goes ahead on their
    // version; when they moved it too, the conflict dialog asks which stage to keep.
    Result<PitchRepository::BoardRow> now = PitchRepository(db()).boardRow(before.pitchId);
    if (!now)
        return false;
    const QString who = ConflictDialog::whoChanged(db(), QStringLiteral("pitch"), before.pitchId);
    const auto moveTo = [this, name = before.name, pitchId = before.pitchId, who](
                            const QString &status, int version, bool merged) {
        Result<PitchRepository::MoveResult> r = PitchRepository(db()).move(pitchId, status, version);
        if (!r) {
            showNotice(r.error().message + u' ' + tr("The board was reloaded with the latest state."));
            reload();
            return;
        }
        finishMove(*r, name,
            merged ? tr("%1 moved to “%2”, kept with what %3 changed meanwhile.")
                         .arg(name, PitchStatus::label(status), who)
                   : tr("%1 moved to “%2”.").arg(name, PitchStatus::label(status)));
    };
    if (now->status == before.status) {
        moveTo(to, now->version, true);
        return true;
    }
    if (now->status == to) { // they made the same move
        reload();
        Q_EMIT statusMessage(tr("%1 was already moved to “%2” by %3.").arg(before.name, PitchStatus::label(to), who));
        return true;
    }
    Pitch original;
    original.id = before.pitchId;
    original.status = before.status;
    Pitch mine = original;
    mine.status = to;
    Pitch theirs = original;
    theirs.status = now->status;
    theirs.version = now->version;
    const QList<FieldMerge::Field<Pitch>> fields = RecordMerge::pitchFields();
    const RecordMerge::Outcome<Pitch> outcome = FieldMerge::merge(fields, original, mine, theirs);
    reload(); // the board shows where they put it while the dialog asks
    QPointer<PipelineTab> self(this);
    ConflictDialog::ask<Pitch>(this, before.name, fields, outcome, original, theirs, who,
        [self, moveTo, theirs](const Pitch &chosen) {
            if (self && chosen.status != theirs.status)
                moveTo(chosen.status, theirs.version, false);
        });
    return true;
}

void PipelineTab::acceptProposal(qint64 pitchId)
{
    const auto it = std::find_if(m_proposals.cbegin(), m_proposals.cend(),
        [pitchId](const PitchRepository::ReplyProposal &p) { return p.pitchId == pitchId; });
    if (it == m_proposals.cend())
        return;
    const PitchRepository::ReplyProposal p = *it;
    showNotice({});
    Result<PitchRepository::MoveResult> r = PitchRepository(db()).acceptReply(p);
    if (!r) {
        if (r.error().code == Error::Code::Conflict || r.error().code == Error::Code::NotFound) {
            showNotice(r.error().message + u' ' + tr("The board was reloaded with the latest state."));
            reload();
        } else {
            Q_EMIT errorOccurred(r.error().message);
        }
        return;
    }
    if (undoStack())
        undoStack()->push(new MovePitchCommand(db(), *r, p.name));
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    Q_EMIT statusMessage(tr("%1 replied: moved to “%2”.").arg(p.name, PitchStatus::label(QStringLiteral("replied"))));
}

void PipelineTab::dismissProposal(qint64 pitchId)
{
    const auto it = std::find_if(m_proposals.cbegin(), m_proposals.cend(),
        [pitchId](const PitchRepository::ReplyProposal &p) { return p.pitchId == pitchId; });
    if (it == m_proposals.cend())
        return;
    const PitchRepository::ReplyProposal p = *it;
    PitchRepository repo(db());
    Result<QDateTime> before = repo.replyDismissedAt(pitchId);
    Result<int> v = before ? repo.setReplyDismissedAt(pitchId, p.latestAt, p.version) : Result<int>(before.error());
    if (!v) {
        showNotice(v.error().message);
        reload();
        return;
    }
    if (undoStack())
        undoStack()->push(new DismissReplyCommand(db(), m_campaignId, pitchId, p.name, *before, p.latestAt));
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
}
