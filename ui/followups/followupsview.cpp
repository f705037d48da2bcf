#include "followupsview.h"

#include "core/clock.h"
#include "followups/followupcommand.h"
#include "itemmodels/followupmodel.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/followuprepository.h"
#include "storage/userrepository.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

FollowUpsView::FollowUpsView(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_undoStack(undoStack)
    , m_lastDueCheck(Clock::now())
{
    setObjectName(QStringLiteral("followUpsView"));
    setAccessibleName(tr("Follow-ups"));

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(8, 8, 8, 4);
    auto *title = new QLabel(tr("Follow-ups"), this);
    title->setObjectName(QStringLiteral("titleLabel"));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title->setFont(big);
    toolbar->addWidget(title);
    toolbar->addStretch();

    QAction *complete = addAction_(QStringLiteral("completeAction"), tr("&Complete"),
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter),
            QKeySequence(Qt::Key_Space) },
        tr("Mark the follow-up as done"));
    connect(complete, &QAction::triggered, this, &FollowUpsView::completeCurrent);
    QAction *day = addAction_(QStringLiteral("snoozeDayAction"), tr("Snooze 1 &Day"),
        { QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_1) }, tr("Move the due time one day on"));
    connect(day, &QAction::triggered, this, [this] { snoozeCurrent(1); });
    QAction *week = addAction_(QStringLiteral("snoozeWeekAction"), tr("Snooze 1 &Week"),
        { QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_7) }, tr("Move the due time one week on"));
    connect(week, &QAction::triggered, this, [this] { snoozeCurrent(7); });
    QAction *to = addAction_(QStringLiteral("snoozeToAction"), tr("Snooze &To…"),
        { QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S) }, tr("Pick a new due date and time"));
    connect(to, &QAction::triggered, this, &FollowUpsView::askSnoozeTime);
    QAction *reassign = addAction_(QStringLiteral("reassignAction"), tr("&Reassign…"),
        { QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R) }, tr("Give the follow-up to someone else"));
    connect(reassign, &QAction::triggered, this, &FollowUpsView::askAssignee);
    // The actions on a row of their own, under the title and the filter: in one row, German and French made the
    // section (and so the whole window) more than 1000 px wide.
    auto *actionRow = new QHBoxLayout;
    actionRow->setContentsMargins(8, 0, 8, 4);
    for (QAction *action : std::as_const(m_actions)) {
        auto *button = new QToolButton(this);
        button->setObjectName(action->objectName().replace(QStringLiteral("Action"), QStringLiteral("ToolButton")));
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        actionRow->addWidget(button);
    }
    actionRow->addStretch();

    m_assigneeFilter = new QComboBox(this);
    m_assigneeFilter->setObjectName(QStringLiteral("assigneeFilterComboBox"));
    m_assigneeFilter->setAccessibleName(tr("Show the follow-ups of"));
    m_assigneeFilter->setToolTip(tr("Everybody's follow-ups, yours, or one account manager's"));
    m_assigneeFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *showLabel = new QLabel(tr("S&how:"), this);
    showLabel->setBuddy(m_assigneeFilter);
    toolbar->insertSpacing(1, fontMetrics().averageCharWidth() * 3);
    toolbar->insertWidget(2, showLabel);
    toolbar->insertWidget(3, m_assigneeFilter);
    fillAssignees();
    connect(m_assigneeFilter, &QComboBox::activated, this, [this] { setAssigneeFilter(assigneeFilter()); });

    m_model = new FollowUpModel(m_db, FollowUpModel::Mode::Grouped, this);
    connect(m_model, &FollowUpModel::errorOccurred, this, &FollowUpsView::errorOccurred);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("followUpsTreeView"));
    m_tree->setAccessibleName(tr("Open follow-ups by due date"));
    m_tree->setModel(m_model);
    m_tree->setRootIsDecorated(false);
    m_tree->setItemsExpandable(false);
    m_tree->setIndentation(fontMetrics().averageCharWidth() * 2);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->addActions(m_actions);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(FollowUpModel::NoteColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(
        FollowUpModel::DueColumn, fontMetrics().horizontalAdvance(QStringLiteral("Wed 30 Sep, 00:00")) + 48);
    m_tree->header()->resizeSection(FollowUpModel::ContactColumn, fontMetrics().averageCharWidth() * 24);
    m_tree->header()->resizeSection(FollowUpModel::AssigneeColumn, fontMetrics().averageCharWidth() * 18);
    for (int g = 0; g < 4; ++g)
        m_tree->setFirstColumnSpanned(g, QModelIndex(), true);
    m_tree->expandAll();
    // New rows in a group: keep every group open (the groups are headings, not folders).
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (parent.isValid())
            m_tree->expand(parent);
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &FollowUpsView::updateActions);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 contact = index.data(FollowUpModel::ContactIdRole).toLongLong(); contact > 0)
            Q_EMIT contactActivated(contact);
    });

    m_emptyLabel
        = new QLabel(tr("Nothing to follow up. Add a follow-up date when you log a conversation (Ctrl+L)."), this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addLayout(actionRow);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_emptyLabel, 1);

    m_minuteTimer = new QTimer(this);
    m_minuteTimer->setInterval(60 * 1000);
    connect(m_minuteTimer, &QTimer::timeout, this, &FollowUpsView::refresh);
    m_minuteTimer->start();
    connect(ChangeNotifier::instance(), &ChangeNotifier::followUpsChanged, this, &FollowUpsView::refresh);
    // The first load comes after the window's first paint (MainWindow), so opening Rapport never waits for it
    // (the large dataset's open follow-ups cost more than a third of the start-up), or when shown before that.
    updateActions();
}

void FollowUpsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loaded)
        refresh();
}

QAction *FollowUpsView::addAction_(
    const QString &objectName, const QString &text, const QList<QKeySequence> &keys, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.first().toString(QKeySequence::NativeText)));
    addAction(action);
    m_actions.append(action);
    return action;
}

void FollowUpsView::fillAssignees()
{
    const qint64 keep = m_assigneeFilter->count() ? assigneeFilter() : 0;
    m_assigneeFilter->clear();
    m_assigneeFilter->addItem(tr("Everybody", "follow-ups of"), qint64(0));
    const qint64 me = m_db.currentUserId();
    if (me > 0)
        m_assigneeFilter->addItem(tr("Mine", "follow-ups"), me);
    if (Result<QList<User>> users = UserRepository(m_db).all()) {
        for (const User &u : *users)
            if (u.id != me)
                m_assigneeFilter->addItem(u.name.isEmpty() ? u.login : u.name, u.id);
    }
    m_assigneeFilter->setCurrentIndex(qMax(0, m_assigneeFilter->findData(keep)));
}

qint64 FollowUpsView::assigneeFilter() const
{
    return m_assigneeFilter->currentData().toLongLong();
}

void FollowUpsView::setAssigneeFilter(qint64 userId)
{
    int at = m_assigneeFilter->findData(userId);
    if (at < 0) {
        fillAssignees(); // a user added since
        at = m_assigneeFilter->findData(userId);
    }
    m_assigneeFilter->setCurrentIndex(qMax(0, at));
    if (m_model->assigneeId() == assigneeFilter())
        return;
    m_model->setAssigneeId(assigneeFilter());
    refresh();
}

void FollowUpsView::refresh()
{
    m_loaded = true;
    const qint64 keep = currentId();
    fillAssignees(); // account managers added since
    if (!m_model->refresh())
        return;
    updateGroups();
    if (!selectFollowUp(keep)) {
        for (int g = 0; g < 4; ++g) {
            const QModelIndex group = m_model->index(g, 0);
            if (m_model->rowCount(group) > 0) {
                m_tree->setCurrentIndex(m_model->index(0, 0, group));
                break;
            }
        }
    }
    notifyNewlyDue();
    const int overdue = m_model->count(FollowUp::Bucket::Overdue);
    if (overdue != m_overdueCount) {
        m_overdueCount = overdue;
        Q_EMIT overdueCountChanged(m_overdueCount);
    }
    updateActions();
}

void FollowUpsView::updateGroups()
{
    bool any = false;
    for (int g = 0; g < 4; ++g) {
        const bool empty = m_model->rowCount(m_model->index(g, 0)) == 0;
        m_tree->setRowHidden(g, QModelIndex(), empty);
        any = any || !empty;
    }
    m_tree->setVisible(any);
    m_emptyLabel->setVisible(!any);
    if (m_model->assigneeId() > 0)
        m_emptyLabel->setText(tr("Nothing to follow up for %1.").arg(m_assigneeFilter->currentText()));
    else
        m_emptyLabel->setText(tr("Nothing to follow up. Add a follow-up date when you log a conversation (Ctrl+L)."));
}

void FollowUpsView::notifyNewlyDue()
{
    const QDateTime now = Clock::now();
    QStringList due;
    const QModelIndex overdue = m_model->index(int(FollowUp::Bucket::Overdue), 0);
    for (int r = 0; r < m_model->rowCount(overdue); ++r) {
        const std::optional<FollowUp> f = m_model->followUp(m_model->index(r, 0, overdue));
        if (f && f->dueAt > m_lastDueCheck && f->dueAt <= now)
            due.append(f->contactName.isEmpty() ? f->note.left(60) : f->contactName);
    }
    m_lastDueCheck = now;
    if (due.isEmpty() || !QSystemTrayIcon::isSystemTrayAvailable()) // offscreen, or a desktop without a tray
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setObjectName(QStringLiteral("followUpSystemTrayIcon"));
        m_tray->setToolTip(tr("Rapport"));
        m_tray->show();
    }
    m_tray->showMessage(tr("Follow-up due"), due.join(QStringLiteral(", ")), QSystemTrayIcon::Information, 10000);
}

QList<qint64> FollowUpsView::idsIn(FollowUp::Bucket bucket) const
{
    return m_model->idsIn(bucket);
}

qint64 FollowUpsView::currentId() const
{
    return m_tree->currentIndex().data(FollowUpModel::IdRole).toLongLong();
}

std::optional<FollowUp> FollowUpsView::current() const
{
    return m_model->followUp(m_tree->currentIndex());
}

bool FollowUpsView::selectFollowUp(qint64 id)
{
    const QModelIndex index = m_model->indexOf(id);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}
void FollowUpsView::updateActions()
{
    const bool enabled = !m_db.isReadOnly() && currentId() > 0;
    for (QAction *action : std::as_const(m_actions))
        action->setEnabled(enabled);
}

void FollowUpsView::push(FollowUpCommand *command)
{
    if (const Status s = FollowUpCommand::run(command, m_undoStack); !s)
        Q_EMIT errorOccurred(s.error().message);
}

void FollowUpsView::completeCurrent()
{
    if (const auto f = current()) {
        // The next row keeps the keyboard's place.
        const QModelIndex item = m_tree->currentIndex();
        QModelIndex next = m_tree->indexBelow(item);
        while (next.isValid() && next.data(FollowUpModel::IsGroupRole).toBool())
            next = m_tree->indexBelow(next);
        if (!next.isValid()) {
            next = m_tree->indexAbove(item);
            while (next.isValid() && next.data(FollowUpModel::IsGroupRole).toBool())
                next = m_tree->indexAbove(next);
        }
        const qint64 nextId = next.data(FollowUpModel::IdRole).toLongLong();
        push(FollowUpCommand::complete(m_db, *f));
        selectFollowUp(nextId);
    }
}

void FollowUpsView::snoozeCurrent(int days)
{
    if (const auto f = current()) {
        push(FollowUpCommand::snoozeBy(m_db, *f, days));
        selectFollowUp(f->id);
    }
}

void FollowUpsView::snoozeCurrentTo(const QDateTime &until)
{
    if (const auto f = current()) {
        push(FollowUpCommand::snooze(m_db, *f, until));
        selectFollowUp(f->id);
    }
}

void FollowUpsView::askSnoozeTime()
{
    const auto f = current();
    if (!f)
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("snoozeDialog"));
    dialog->setWindowTitle(tr("Snooze Follow-up"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *edit = new QDateTimeEdit(dialog);
    edit->setObjectName(QStringLiteral("dueDateTimeEdit"));
    edit->setAccessibleName(tr("New due time"));
    edit->setCalendarPopup(true);
    edit->setDateTime(QDateTime(Clock::now().toLocalTime().date().addDays(1), QTime(9, 0)));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto *layout = new QFormLayout(dialog);
    layout->addRow(tr("Due &on:"), edit);
    layout->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    const qint64 id = f->id;
    connect(dialog, &QDialog::accepted, this, [this, edit, id] {
        if (selectFollowUp(id))
            snoozeCurrentTo(edit->dateTime().toUTC());
    });
    dialog->open();
}

void FollowUpsView::askAssignee()
{
    const auto f = current();
    if (!f)
        return;
    Result<QList<User>> users = UserRepository(m_db).all();
    if (!users) {
        Q_EMIT errorOccurred(users.error().message);
        return;
    }
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("reassignDialog"));
    dialog->setWindowTitle(tr("Reassign Follow-up"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *combo = new QComboBox(dialog);
    combo->setObjectName(QStringLiteral("assigneeComboBox"));
    combo->setAccessibleName(tr("Assignee"));
    for (const User &u : *users)
        combo->addItem(u.name.isEmpty() ? u.login : u.name, u.id);
    combo->setCurrentIndex(qMax(0, combo->findData(f->assigneeId)));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto *layout = new QFormLayout(dialog);
    layout->addRow(tr("&Assign to:"), combo);
    layout->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    const FollowUp before = *f;
    connect(dialog, &QDialog::accepted, this, [this, combo, before] {
        const qint64 to = combo->currentData().toLongLong();
        if (to != before.assigneeId)
            push(FollowUpCommand::reassign(m_db, before, to, combo->currentText()));
    });
    dialog->open();
}
