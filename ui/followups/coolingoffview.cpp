#include "coolingoffview.h"

#include "core/clock.h"
#include "followups/followupcommand.h"
#include "interactions/historynotifier.h"
#include "storage/database.h"
#include "storage/workerconnection.h"

#include <memory>

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QThread>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

constexpr int kLimit = 100;

QDateTime tomorrowNine()
{
    const QDateTime now = Clock::now().toLocalTime();
    return QDateTime(now.date().addDays(1), QTime(9, 0)).toUTC();
}

} // namespace

CoolingOffView::CoolingOffView(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("coolingOffView"));
    setAccessibleName(tr("Cooling off"));

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setForegroundRole(QPalette::PlaceholderText);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("coolingOffTreeWidget"));
    m_tree->setAccessibleName(tr("Relationships cooling off, biggest drop first"));
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({ tr("Contact"), tr("Health then → now"), tr("Silent for"), tr("Reach"),
        tr("Account manager"), tr("Follow-up") });
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(ContactColumn, QHeaderView::Stretch);
    const int ch = fontMetrics().averageCharWidth();
    m_tree->header()->resizeSection(HealthColumn, 20 * ch);
    m_tree->header()->resizeSection(SilentColumn, 14 * ch);
    m_tree->header()->resizeSection(ReachColumn, 12 * ch);
    m_tree->header()->resizeSection(OwnerColumn, 20 * ch);
    m_tree->header()->resizeSection(FollowUpColumn,
        fontMetrics().horizontalAdvance(
            tr("Overdue since %1 %2")
                .arg(QLocale().toString(QDate(2026, 12, 30), QLocale::ShortFormat), QStringLiteral("00:00")))
            + 4 * ch);
    m_tree->headerItem()->setTextAlignment(ReachColumn, Qt::AlignRight | Qt::AlignVCenter);
    m_buttonHeight = QPushButton(tr("Follow up")).sizeHint().height();
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int row = m_tree->indexOfTopLevelItem(item);
        if (row >= 0 && row < m_rows.size())
            Q_EMIT contactActivated(m_rows.at(row).contactId);
    });

    m_followUpAction
        = new QAction(QIcon::fromTheme(QStringLiteral("appointment-new")), tr("&Follow Up Tomorrow 9:00"), this);
    m_followUpAction->setObjectName(QStringLiteral("followUpAction"));
    m_followUpAction->setShortcuts({ QKeySequence(Qt::Key_Space), QKeySequence(Qt::CTRL | Qt::Key_Return) });
    m_followUpAction->setShortcutContext(Qt::WidgetShortcut);
    m_followUpAction->setToolTip(tr("Plan a follow-up tomorrow at 9:00 for the contact's account manager (Space)"));
    m_followUpAction->setEnabled(!m_db.isReadOnly());
    connect(m_followUpAction, &QAction::triggered, this, &CoolingOffView::followUpCurrent);
    m_tree->addAction(m_followUpAction);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(8, 0, 8, 0);
    top->addWidget(m_summaryLabel, 1);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);

    // A new conversation can change who is cooling: read the list again (on the worker) when next shown.
    connect(HistoryNotifier::instance(), &HistoryNotifier::interactionsChanged, this, [this] {
        m_stale = true;
        if (isVisible())
            refresh();
    });
    // A follow-up planned, undone or done changes only the last column: re-read just that, queued, since
    // the change may come from a click on a row's own button, which fill() deletes.
    connect(HistoryNotifier::instance(), &HistoryNotifier::followUpsChanged, this, [this] {
        if (m_followUpsQueued)
            return;
        m_followUpsQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_followUpsQueued = false;
                if (m_rows.isEmpty())
                    return;
                if (Status s = CoolingOffQuery::fillNextFollowUps(m_db, m_rows); !s)
                    Q_EMIT errorOccurred(s.error().message);
                fill();
            },
            Qt::QueuedConnection);
    });

    auto *refreshAction = new QAction(tr("&Refresh"), this);
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshAction, &QAction::triggered, this, &CoolingOffView::refresh);
    addAction(refreshAction);
}

void CoolingOffView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

QString CoolingOffView::reason(const CoolingContact &c, const QDateTime &now)
{
    const int silent = c.lastContactedAt.isValid() ? int(c.lastContactedAt.daysTo(now)) : 0;
    return tr("Health fell from %1 to %2 over %3 days; last spoke %4 days ago.")
        .arg(c.scoreThen)
        .arg(c.scoreNow)
        .arg(CoolingOffQuery::kCoolingDays)
        .arg(silent);
}

void CoolingOffView::refresh()
{
    // About a second on the large dataset: on a worker thread with its own connection, so the window never
    // waits. A newer refresh makes an older result moot.
    m_stale = false;
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_summaryLabel->setText(tr("Looking for relationships that are cooling off…"));
    // Detached: a refresh or closing the view never waits for an older search; its result is dropped.
    WorkerConnection::Options options;
    options.priority = QThread::LowPriority;
    options.threadName = QStringLiteral("rapport-cooling-off");
    WorkerConnection::start<QList<CoolingContact>>(
        m_db.location(), this,
        [](Database &db, const WorkerConnection::Job &) { return CoolingOffQuery::find(db, kLimit); },
        [this, generation](Result<QList<CoolingContact>> result) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!result) {
                m_rows.clear();
                m_tree->clear();
                m_summaryLabel->setText(result.error().message);
                Q_EMIT errorOccurred(result.error().message);
            } else {
                m_rows = std::move(result).value();
                fill();
            }
            Q_EMIT loaded();
        },
        options)
        .detach();
}

void CoolingOffView::fill()
{
    const qint64 currentId = [this] {
        const int row = m_tree->indexOfTopLevelItem(m_tree->currentItem());
        return row >= 0 && row < m_rows.size() ? m_rows.at(row).contactId : 0;
    }();
    m_tree->clear();
    const QDateTime now = Clock::now();
    const QLocale locale;
    QTreeWidgetItem *current = nullptr;
    for (int n = 0; n < m_rows.size(); ++n) {
        const CoolingContact &c = m_rows.at(n);
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(ContactColumn, c.displayName);
        item->setText(HealthColumn, tr("%1 → %2 (−%3)").arg(c.scoreThen).arg(c.scoreNow).arg(c.scoreThen - c.scoreNow));
        const int silent = c.lastContactedAt.isValid() ? int(c.lastContactedAt.daysTo(now)) : 0;
        item->setText(SilentColumn, tr("%1 days").arg(silent));
        item->setText(ReachColumn, c.reach > 0 ? locale.toString(c.reach) : QString());
        item->setTextAlignment(ReachColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(OwnerColumn, c.ownerName.isEmpty() ? tr("nobody", "account manager") : c.ownerName);
        item->setToolTip(ContactColumn, reason(c, now));
        item->setToolTip(HealthColumn, reason(c, now));
        if (c.nextFollowUpAt.isValid()) {
            const QDateTime due = c.nextFollowUpAt.toLocalTime();
            const QString when = locale.toString(due.date(), QLocale::ShortFormat) + u' '
                + due.time().toString(QStringLiteral("HH:mm"));
            item->setText(
                FollowUpColumn, c.nextFollowUpAt < now ? tr("Overdue since %1").arg(when) : tr("Due %1").arg(when));
            item->setToolTip(FollowUpColumn, tr("A follow-up is already planned; see Follow-ups."));
        } else if (!m_db.isReadOnly()) {
            auto *button = new QPushButton(tr("Follow up"), m_tree);
            button->setObjectName(QStringLiteral("followUpPushButton"));
            button->setToolTip(m_followUpAction->toolTip());
            button->setFocusPolicy(Qt::NoFocus); // the keyboard uses Space on the row
            const qint64 id = c.contactId;
            connect(button, &QPushButton::clicked, this, [this, id] {
                for (int r = 0; r < m_rows.size(); ++r)
                    if (m_rows.at(r).contactId == id) {
                        followUp(r);
                        return;
                    }
            });
            m_tree->setItemWidget(item, FollowUpColumn, button);
        }
        // Rows as tall as the button, so it is not squeezed (uniform heights: the first row sets them all).
        item->setSizeHint(ContactColumn, QSize(-1, m_buttonHeight));
        if (c.contactId == currentId)
            current = item;
    }
    if (!current && m_tree->topLevelItemCount() > 0)
        current = m_tree->topLevelItem(0);
    if (current)
        m_tree->setCurrentItem(current);
    m_summaryLabel->setText(m_rows.isEmpty()
            ? tr("No valuable relationship is cooling off: nobody who was close 90 days ago has gone quiet since.")
            : tr("Valuable relationships whose health fell by %1 points or more in %2 days while they went quiet. "
                 "Space or “Follow up” plans a follow-up for tomorrow 9:00; Enter opens the contact.")
                  .arg(CoolingOffQuery::kCoolingMinDrop)
                  .arg(CoolingOffQuery::kCoolingDays));
}

void CoolingOffView::followUpCurrent()
{
    followUp(m_tree->indexOfTopLevelItem(m_tree->currentItem()));
}

bool CoolingOffView::followUp(int row)
{
    if (row < 0 || row >= m_rows.size() || m_db.isReadOnly())
        return false;
    const CoolingContact &c = m_rows.at(row);
    if (c.nextFollowUpAt.isValid())
        return false; // already planned
    FollowUp f;
    f.contactId = c.contactId;
    f.contactName = c.displayName;
    f.assigneeId = c.ownerId > 0 ? c.ownerId : m_db.currentUserId();
    f.dueAt = tomorrowNine();
    f.note = reason(c, Clock::now());
    auto *command = FollowUpCommand::create(m_db, f);
    if (!command->apply()) {
        const QString error = command->lastError();
        delete command;
        Q_EMIT errorOccurred(error);
        return false;
    }
    if (m_undoStack)
        m_undoStack->push(command);
    else
        delete command;
    return true;
}
