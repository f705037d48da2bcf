#include "coolingoffview.h"

#include "core/clock.h"
#include "followups/followupcommand.h"
#include "itemmodels/coolingoffmodel.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/userrepository.h"
#include "storage/workerconnection.h"

#include <memory>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QThread>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <functional>

namespace {

// Enough for every relationship that is cooling off on the large dataset, so that the count and the
// account-manager filter are exact; the list is sorted by the biggest drop.
constexpr int kLimit = 1000;

QDateTime tomorrowNine()
{
    const QDateTime now = Clock::now().toLocalTime();
    return QDateTime(now.date().addDays(1), QTime(9, 0)).toUTC();
}

// One account manager's rows (0: everybody's); sorts on the model's raw values.
class OwnerFilterProxy final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setOwnerId(qint64 id)
    {
        // Qt 6.4 has no beginFilterChange(): invalidateFilter() is the way to re-filter.
        m_ownerId = id;
        invalidateFilter();
    }
    qint64 ownerId() const { return m_ownerId; }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        return m_ownerId == 0
            || sourceModel()->index(row, 0, parent).data(CoolingOffModel::OwnerIdRole).toLongLong() == m_ownerId;
    }

private:
    qint64 m_ownerId = 0;
};

// Draws a "Follow up" button in the rows that have no follow-up yet and reports a click on it: one
// delegate instead of a widget per row.
class FollowUpButtonDelegate final : public QStyledItemDelegate
{
public:
    FollowUpButtonDelegate(
        QString text, bool enabled, std::function<void(const QModelIndex &)> clicked, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_text(std::move(text))
        , m_enabled(enabled)
        , m_clicked(std::move(clicked))
    {
    }

    static bool hasButton(const QModelIndex &index) { return !index.data(CoolingOffModel::HasFollowUpRole).toBool(); }

    QRect buttonRect(const QStyleOptionViewItem &option) const
    {
        const QSize hint = buttonHint(option);
        QRect r = option.rect.adjusted(2, 1, -2, -1);
        r.setWidth(qMin(r.width(), hint.width()));
        return r;
    }

    QSize buttonHint(const QStyleOptionViewItem &option) const
    {
        QStyleOptionButton button;
        button.text = m_text;
        button.fontMetrics = option.fontMetrics;
        const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        const QSize text = option.fontMetrics.size(Qt::TextShowMnemonic, m_text);
        return style->sizeFromContents(QStyle::CT_PushButton, &button, text, option.widget);
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (!m_enabled || !hasButton(index)) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        // The row's background and selection, then the button on top.
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);
        QStyleOptionButton button;
        button.rect = buttonRect(option);
        button.text = m_text;
        button.fontMetrics = option.fontMetrics;
        button.palette = option.palette;
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        if (m_pressed == QPersistentModelIndex(index))
            button.state |= QStyle::State_Sunken;
        style->drawControl(QStyle::CE_PushButton, &button, painter, option.widget);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        // Rows as tall as the button, so that it is not squeezed.
        size.setHeight(qMax(size.height(), buttonHint(option).height()));
        return size;
    }

    bool editorEvent(
        QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option, const QModelIndex &index) override
    {
        if (!m_enabled || !hasButton(index))
            return QStyledItemDelegate::editorEvent(event, model, option, index);
        if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick) {
            auto *mouse = static_cast<QMouseEvent *>(event);
            if (mouse->button() == Qt::LeftButton && buttonRect(option).contains(mouse->position().toPoint())) {
                m_pressed = index;
                return true;
            }
        } else if (event->type() == QEvent::MouseButtonRelease) {
            auto *mouse = static_cast<QMouseEvent *>(event);
            const bool was = m_pressed == QPersistentModelIndex(index);
            m_pressed = QPersistentModelIndex();
            if (was && buttonRect(option).contains(mouse->position().toPoint())) {
                m_clicked(index);
                return true;
            }
        }
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    }

private:
    QString m_text;
    bool m_enabled = true;
    std::function<void(const QModelIndex &)> m_clicked;
    QPersistentModelIndex m_pressed;
};

} // namespace

CoolingOffView::CoolingOffView(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("coolingOffView"));
    setAccessibleName(tr("Cooling off"));

    m_ownerFilter = new QComboBox(this);
    m_ownerFilter->setObjectName(QStringLiteral("ownerFilterComboBox"));
    m_ownerFilter->setAccessibleName(tr("Account manager"));
    m_ownerFilter->setToolTip(tr("Show one account manager's relationships"));
    m_ownerFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fillOwners();
    connect(m_ownerFilter, &QComboBox::activated, this, [this] { setOwnerFilter(ownerFilter()); });
    auto *who = new QLabel(tr("&Who:"), this);
    who->setBuddy(m_ownerFilter);

    m_busyBar = new QProgressBar(this);
    m_busyBar->setObjectName(QStringLiteral("loadingProgressBar"));
    m_busyBar->setAccessibleName(tr("Reading the list"));
    m_busyBar->setRange(0, 0); // busy: the reading has no steps to count
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(fontMetrics().averageCharWidth() * 16);
    m_busyBar->hide();

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setForegroundRole(QPalette::PlaceholderText);

    m_model = new CoolingOffModel(this);
    m_proxy = new OwnerFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CoolingOffModel::SortRole);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("coolingOffTreeView"));
    m_tree->setAccessibleName(tr("Relationships cooling off, biggest drop first"));
    m_tree->setModel(m_proxy);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Biggest drop first until a column is clicked.
    m_tree->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_tree->setSortingEnabled(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(CoolingOffModel::ContactColumn, QHeaderView::Stretch);
    const int ch = fontMetrics().averageCharWidth();
    // Never narrower than the column's title (German ones are longer: "Qualität damals → jetzt").
    const auto fit = [this, ch](int column, int chars) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_tree->header()->resizeSection(
            column, qMax(chars * ch, m_tree->header()->fontMetrics().horizontalAdvance(title) + 3 * ch));
    };
    fit(CoolingOffModel::HealthColumn, 20);
    fit(CoolingOffModel::SilentColumn, 14);
    fit(CoolingOffModel::ReachColumn, 12);
    fit(CoolingOffModel::OwnerColumn, 20);
    m_tree->header()->resizeSection(CoolingOffModel::FollowUpColumn,
        fontMetrics().horizontalAdvance(
            tr("Overdue since %1 %2")
                .arg(QLocale().toString(QDate(2026, 12, 30), QLocale::ShortFormat), QStringLiteral("00:00")))
            + 4 * ch);
    auto *buttons = new FollowUpButtonDelegate(
        tr("Follow up"), !m_db.isReadOnly(),
        [this](const QModelIndex &index) { followUp(m_proxy->mapToSource(index).row()); }, m_tree);
    m_tree->setItemDelegateForColumn(CoolingOffModel::FollowUpColumn, buttons);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = index.data(CoolingOffModel::ContactIdRole).toLongLong(); id > 0)
            Q_EMIT contactActivated(id);
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
    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(8, 0, 8, 0);
    filters->addWidget(who);
    filters->addWidget(m_ownerFilter);
    filters->addSpacing(2 * ch);
    filters->addWidget(m_countLabel);
    filters->addWidget(m_busyBar);
    filters->addStretch(1);
    layout->addLayout(filters);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(8, 0, 8, 0);
    top->addWidget(m_summaryLabel, 1);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);

    // A new conversation can change who is cooling: read the list again (on the worker) when next shown.
    connect(ChangeNotifier::instance(), &ChangeNotifier::interactionsChanged, this, [this] {
        m_stale = true;
        if (isVisible())
            refresh();
    });
    // A follow-up planned, undone or done changes only the last column: re-read just that, queued, since
    // the change may come from a click in the list itself.
    connect(ChangeNotifier::instance(), &ChangeNotifier::followUpsChanged, this, [this] {
        if (m_followUpsQueued)
            return;
        m_followUpsQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_followUpsQueued = false;
                if (m_model->rows().isEmpty())
                    return;
                QList<CoolingContact> rows = m_model->rows();
                if (Status s = CoolingOffQuery::fillNextFollowUps(m_db, rows); !s)
                    Q_EMIT errorOccurred(s.error().message);
                fill(rows);
            },
            Qt::QueuedConnection);
    });

    auto *refreshAction = new QAction(tr("&Refresh"), this);
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshAction, &QAction::triggered, this, &CoolingOffView::refresh);
    addAction(refreshAction);
    updateCount();
}

void CoolingOffView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

QString CoolingOffView::reason(const CoolingContact &c, const QDateTime &now)
{
    return CoolingOffModel::reason(c, now);
}

const QList<CoolingContact> &CoolingOffView::rows() const
{
    return m_model->rows();
}

void CoolingOffView::fillOwners()
{
    const qint64 keep = m_ownerFilter->count() ? ownerFilter() : 0;
    m_ownerFilter->clear();
    m_ownerFilter->addItem(tr("Everybody"), qint64(0));
    const qint64 me = m_db.currentUserId();
    if (me > 0)
        m_ownerFilter->addItem(tr("Mine", "relationships"), me);
    if (Result<QList<User>> users = UserRepository(m_db).all()) {
        for (const User &u : *users)
            if (u.id != me)
                m_ownerFilter->addItem(u.name.isEmpty() ? u.login : u.name, u.id);
    }
    m_ownerFilter->setCurrentIndex(qMax(0, m_ownerFilter->findData(keep)));
}

qint64 CoolingOffView::ownerFilter() const
{
    return m_ownerFilter->currentData().toLongLong();
}

void CoolingOffView::setOwnerFilter(qint64 userId)
{
    int at = m_ownerFilter->findData(userId);
    if (at < 0) {
        fillOwners();
        at = m_ownerFilter->findData(userId);
    }
    m_ownerFilter->setCurrentIndex(qMax(0, at));
    static_cast<OwnerFilterProxy *>(m_proxy)->setOwnerId(ownerFilter());
    if (!m_tree->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_tree->setCurrentIndex(m_proxy->index(0, 0));
    updateCount();
}

int CoolingOffView::shownCount() const
{
    return m_proxy->rowCount();
}

void CoolingOffView::updateCount()
{
    const int all = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (m_loading && all == 0)
        m_countLabel->clear();
    else if (ownerFilter() != 0)
        m_countLabel->setText(tr("%L1 of %L2 relationships cooling off", "shown of all").arg(shown).arg(all));
    else if (all >= kLimit)
        m_countLabel->setText(tr("The %L1 biggest drops (more are cooling off)").arg(all));
    else
        m_countLabel->setText(tr("%n relationship(s) cooling off", nullptr, all));
}

void CoolingOffView::setLoading(bool loading)
{
    m_loading = loading;
    m_busyBar->setVisible(loading);
    updateCount();
}

void CoolingOffView::refresh()
{
    // Milliseconds, but seconds on the large dataset when the day has changed since the last rescoring: on a
    // worker thread with its own connection, so the window never waits. A newer refresh makes an older
    // result moot.
    m_stale = false;
    const quint64 generation = ++m_generation;
    setLoading(true);
    fillOwners(); // account managers added since
    m_summaryLabel->setText(tr("Looking for relationships that are cooling off…"));
    // Detached: a refresh or closing the view never waits for an older search; its result is dropped.
    WorkerConnection::Options options;
    options.priority = QThread::LowPriority;
    options.threadName = QStringLiteral("rapport-cooling-off");
    WorkerConnection::start<QList<CoolingContact>>(
        m_db.location(), this,
        [](Database &db, const WorkerConnection::Job &) -> Result<QList<CoolingContact>> {
            // Once a day the stored scores are rescored first (seconds on the large dataset), then the list
            // is one index range (milliseconds).
            if (Result<bool> rescored = HealthRepository::rescoreIfStale(db); !rescored)
                return rescored.error();
            return CoolingOffQuery::find(db, kLimit);
        },
        [this, generation](Result<QList<CoolingContact>> result) {
            if (generation != m_generation)
                return;
            setLoading(false);
            if (!result) {
                fill({});
                m_summaryLabel->setText(result.error().message);
                Q_EMIT errorOccurred(result.error().message);
            } else {
                fill(*result);
            }
            Q_EMIT loaded();
        },
        options)
        .detach();
}

void CoolingOffView::fill(const QList<CoolingContact> &rows)
{
    m_model->setRows(rows);
    if (!m_tree->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_tree->setCurrentIndex(m_proxy->index(0, 0));
    updateCount();
    m_summaryLabel->setText(rows.isEmpty()
            ? tr("No valuable relationship is cooling off: nobody who was close 90 days ago has gone quiet since.")
            : tr("Valuable relationships whose health fell by %1 points or more in %2 days while they went quiet. "
                 "Space or “Follow up” plans a follow-up for tomorrow 9:00; Enter opens the contact.")
                  .arg(CoolingOffQuery::kCoolingMinDrop)
                  .arg(CoolingOffQuery::kCoolingDays));
}

void CoolingOffView::followUpCurrent()
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        followUp(m_proxy->mapToSource(current).row());
}

bool CoolingOffView::followUp(int row)
{
    if (row < 0 || row >= m_model->rowCount() || m_db.isReadOnly())
        return false;
    const CoolingContact c = m_model->rows().at(row);
    if (c.nextFollowUpAt.isValid())
        return false; // already planned
    FollowUp f;
    f.contactId = c.contactId;
    f.contactName = c.displayName;
    f.assigneeId = c.ownerId > 0 ? c.ownerId : m_db.currentUserId();
    f.dueAt = tomorrowNine();
    f.note = reason(c, Clock::now());
    if (const Status s = FollowUpCommand::run(FollowUpCommand::create(m_db, f), m_undoStack); !s) {
        Q_EMIT errorOccurred(s.error().message);
        return false;
    }
    return true;
}
