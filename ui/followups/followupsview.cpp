#include "followupsview.h"

#include "core/clock.h"
#include "followups/followupcommand.h"
#include "interactions/historynotifier.h"
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
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kContactRole = Qt::UserRole + 2;
enum Column { DueColumn, ContactColumn, NoteColumn, AssigneeColumn, ColumnCount };

QString dueText(const QDateTime &due, const QDateTime &now)
{
    const QDateTime local = due.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString time = local.time().toString(QStringLiteral("HH:mm"));
    if (local.date() == today)
        return FollowUpsView::tr("Today %1").arg(time);
    if (local.date() == today.addDays(-1))
        return FollowUpsView::tr("Yesterday %1").arg(time);
    if (local.date() == today.addDays(1))
        return FollowUpsView::tr("Tomorrow %1").arg(time);
    if (local.date().year() == today.year())
        return QLocale().toString(local, QStringLiteral("ddd d MMM, ")) + time;
    return QLocale().toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}

} // namespace

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
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter), QKeySequence(Qt::Key_Space) },
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
    for (QAction *action : std::as_const(m_actions)) {
        auto *button = new QToolButton(this);
        button->setObjectName(action->objectName().replace(QStringLiteral("Action"), QStringLiteral("ToolButton")));
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        toolbar->addWidget(button);
    }

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("followUpsTreeWidget"));
    m_tree->setAccessibleName(tr("Open follow-ups by due date"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({ tr("Due"), tr("Contact"), tr("Note"), tr("Assignee") });
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(fontMetrics().averageCharWidth() * 2);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->addActions(m_actions);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(NoteColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(DueColumn, fontMetrics().horizontalAdvance(QStringLiteral("Wed 30 Sep, 00:00")) + 48);
    m_tree->header()->resizeSection(ContactColumn, fontMetrics().averageCharWidth() * 24);
    m_tree->header()->resizeSection(AssigneeColumn, fontMetrics().averageCharWidth() * 18);
    const FollowUp::Bucket buckets[] = { FollowUp::Bucket::Overdue, FollowUp::Bucket::Today,
        FollowUp::Bucket::ThisWeek, FollowUp::Bucket::Later };
    for (int i = 0; i < 4; ++i) {
        auto *group = new QTreeWidgetItem(m_tree);
        group->setFlags(Qt::ItemIsEnabled);
        group->setFirstColumnSpanned(true);
        QFont bold = font();
        bold.setBold(true);
        group->setFont(0, bold);
        group->setText(0, FollowUp::bucketLabel(buckets[i]));
        group->setExpanded(true);
        m_groups[i] = group;
    }
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &FollowUpsView::updateActions);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const qint64 contact = item->data(0, kContactRole).toLongLong(); contact > 0)
            Q_EMIT contactActivated(contact);
    });

    m_emptyLabel = new QLabel(tr("Nothing to follow up. Add a follow-up date when you log a conversation (Ctrl+L)."), this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_emptyLabel, 1);

    m_minuteTimer = new QTimer(this);
    m_minuteTimer->setInterval(60 * 1000);
    connect(m_minuteTimer, &QTimer::timeout, this, &FollowUpsView::refresh);
    m_minuteTimer->start();
    connect(HistoryNotifier::instance(), &HistoryNotifier::followUpsChanged, this, &FollowUpsView::refresh);
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

void FollowUpsView::refresh()
{
    m_loaded = true;
    Result<FollowUpRepository::Buckets> b = FollowUpRepository(m_db).buckets();
    if (!b) {
        Q_EMIT errorOccurred(b.error().message);
        return;
    }
    const qint64 keep = currentId();
    const QDateTime now = Clock::now();
    m_rows.clear();
    const QList<FollowUp> *lists[] = { &b->overdue, &b->today, &b->thisWeek, &b->later };
    QList<FollowUp> open;
    for (int i = 0; i < 4; ++i) {
        QTreeWidgetItem *group = m_groups[i];
        qDeleteAll(group->takeChildren());
        for (const FollowUp &f : *lists[i]) {
            auto *item = new QTreeWidgetItem(group);
            item->setData(0, kIdRole, f.id);
            item->setData(0, kContactRole, f.contactId);
            item->setText(DueColumn, dueText(f.dueAt, now));
            item->setToolTip(DueColumn, QLocale().toString(f.dueAt.toLocalTime(), QLocale::LongFormat));
            item->setText(ContactColumn, f.contactName.isEmpty() ? f.campaignName : f.contactName);
            item->setText(NoteColumn, f.note.simplified());
            item->setToolTip(NoteColumn, f.note);
            item->setText(AssigneeColumn, f.assigneeName);
            if (i == 0)
                item->setForeground(DueColumn, QColor(0xc0, 0x1c, 0x28));
            m_rows.insert(f.id, f);
            open.append(f);
        }
        const int count = i == 0 ? b->overdueCount : int(lists[i]->size());
        const QString label = FollowUp::bucketLabel(FollowUp::Bucket(i));
        group->setText(0, count ? tr("%1 (%L2)").arg(label).arg(count) : label);
        group->setHidden(lists[i]->isEmpty());
    }
    m_tree->setVisible(!m_rows.isEmpty());
    m_emptyLabel->setVisible(m_rows.isEmpty());
    if (!selectFollowUp(keep) && !m_rows.isEmpty()) {
        for (QTreeWidgetItem *group : m_groups) {
            if (group->childCount()) {
                m_tree->setCurrentItem(group->child(0));
                break;
            }
        }
    }
    notifyNewlyDue(open);
    if (b->overdueCount != m_overdueCount) {
        m_overdueCount = b->overdueCount;
        Q_EMIT overdueCountChanged(m_overdueCount);
    }
    updateActions();
}

void FollowUpsView::notifyNewlyDue(const QList<FollowUp> &open)
{
    const QDateTime now = Clock::now();
    QStringList due;
    for (const FollowUp &f : open) {
        if (f.dueAt > m_lastDueCheck && f.dueAt <= now)
            due.append(f.contactName.isEmpty() ? f.note.left(60) : f.contactName);
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
    QList<qint64> ids;
    QTreeWidgetItem *group = m_groups[int(bucket)];
    for (int i = 0; i < group->childCount(); ++i)
        ids.append(group->child(i)->data(0, kIdRole).toLongLong());
    return ids;
}

qint64 FollowUpsView::currentId() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(0, kIdRole).toLongLong() : 0;
}

std::optional<FollowUp> FollowUpsView::current() const
{
    const auto it = m_rows.constFind(currentId());
    if (it == m_rows.cend())
        return std::nullopt;
    return *it;
}

bool FollowUpsView::selectFollowUp(qint64 id)
{
    if (id <= 0)
        return false;
    for (QTreeWidgetItem *group : m_groups) {
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, kIdRole).toLongLong() == id) {
                m_tree->setCurrentItem(group->child(i));
                return true;
            }
        }
    }
    return false;
}

void FollowUpsView::updateActions()
{
    const bool enabled = !m_db.isReadOnly() && currentId() > 0;
    for (QAction *action : std::as_const(m_actions))
        action->setEnabled(enabled);
}

void FollowUpsView::push(FollowUpCommand *command)
{
    if (!command->apply()) {
        Q_EMIT errorOccurred(command->lastError());
        delete command;
        return;
    }
    if (m_undoStack)
        m_undoStack->push(command);
    else
        delete command;
}

void FollowUpsView::completeCurrent()
{
    if (const auto f = current()) {
        // The next row keeps the keyboard's place.
        QTreeWidgetItem *item = m_tree->currentItem();
        QTreeWidgetItem *next = m_tree->itemBelow(item);
        if (!next || !next->data(0, kIdRole).isValid())
            next = m_tree->itemAbove(item);
        const qint64 nextId = next ? next->data(0, kIdRole).toLongLong() : 0;
        push(FollowUpCommand::complete(m_db, *f));
        selectFollowUp(nextId);
    }
}

void FollowUpsView::snoozeCurrent(int days)
{
    if (const auto f = current()) {
        // From now for an overdue one (a day later than a week ago is still overdue), else from its due time.
        const QDateTime now = Clock::now();
        const QDateTime base = f->dueAt < now ? now : f->dueAt;
        push(FollowUpCommand::snooze(m_db, *f, base.addDays(days)));
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
