#include "timelineview.h"

#include "domain/interaction.h"
#include "interactions/interactioncommands.h"
#include "interactions/quicklogdialog.h"
#include "interactions/timelinedelegate.h"
#include "itemmodels/timelinemodel.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/interactionrepository.h"

#include <QAction>
#include <QMainWindow>
#include <QStatusBar>
#include <QUndoStack>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

TimelineView::TimelineView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_model(new TimelineModel(db, this))
{
    setObjectName(QStringLiteral("timelineView"));
    setAccessibleName(tr("Timeline"));

    m_channelCombo = new QComboBox(this);
    m_channelCombo->setObjectName(QStringLiteral("channelComboBox"));
    m_channelCombo->setAccessibleName(tr("Channel"));
    m_channelCombo->setToolTip(tr("Show one channel only"));
    m_channelCombo->addItem(tr("All channels"), QString());
    for (const QString &channel : Interaction::channels()) {
        if (channel != u"pitch") // logged pitches show with the campaign pitches below
            m_channelCombo->addItem(Interaction::channelLabel(channel), channel);
    }
    m_channelCombo->addItem(tr("Pitches"), QStringLiteral("pitch"));
    m_channelCombo->addItem(tr("Coverage"), TimelineFilter::kCoverage);

    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchLineEdit"));
    m_searchEdit->setAccessibleName(tr("Search the timeline"));
    m_searchEdit->setPlaceholderText(tr("Search subjects and notes"));
    m_searchEdit->setClearButtonEnabled(true);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_searchTimer, &QTimer::timeout, this, &TimelineView::applyFilter);
    connect(m_searchEdit, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_channelCombo, &QComboBox::currentIndexChanged, this, &TimelineView::applyFilter);

    auto *filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(8, 6, 8, 0);
    filterRow->addWidget(m_channelCombo);
    filterRow->addWidget(m_searchEdit, 1);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("timelineListView"));
    m_list->setAccessibleName(tr("Conversations, newest first"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new TimelineDelegate(m_list));
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setUniformItemSizes(false);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setToolTip(tr("Enter or double-click edits a conversation; Delete moves it to the trash"));

    // Shortcuts only while the list has focus: Enter and Delete keep their meaning in the filter row.
    m_editAction = new QAction(QIcon::fromTheme(QStringLiteral("document-edit")), tr("&Edit Conversation…"), this);
    m_editAction->setObjectName(QStringLiteral("editInteractionAction"));
    m_editAction->setShortcuts({ QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter) });
    m_editAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_editAction, &QAction::triggered, this, &TimelineView::editCurrent);
    m_deleteAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete Conversation"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteInteractionAction"));
    m_deleteAction->setShortcut(QKeySequence(Qt::Key_Delete));
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_deleteAction->setToolTip(tr("Move the conversation to the trash (Delete); Ctrl+Z brings it back"));
    connect(m_deleteAction, &QAction::triggered, this, &TimelineView::deleteCurrent);
    m_openContactAction = new QAction(tr("&Open Contact"), this);
    m_openContactAction->setObjectName(QStringLiteral("openContactAction"));
    m_openContactAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_openContactAction->setShortcutContext(Qt::WidgetShortcut);
    m_openContactAction->setVisible(false);
    connect(m_openContactAction, &QAction::triggered, this, [this] {
        if (const QModelIndex current = m_list->currentIndex(); current.isValid())
            Q_EMIT contactActivated(current.data(TimelineModel::ContactIdRole).toLongLong());
    });
    m_list->addActions({ m_editAction, m_deleteAction, m_openContactAction });
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_list, &QAbstractItemView::doubleClicked, this, &TimelineView::editCurrent);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &TimelineView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineView::updateActions);

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filterRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_emptyLabel, 1);

    connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineView::updateEmptyLabel);
    connect(m_model, &TimelineModel::loadFailed, this, [this](const QString &message) {
        m_emptyLabel->setText(message);
        m_emptyLabel->show();
    });
    connect(ChangeNotifier::instance(), &ChangeNotifier::interactionsChanged, this,
        [this](const QList<qint64> &contactIds) {
            // An organization's timeline cannot tell from the ids alone whether the person works there.
            if (m_scope == TimelineFilter::Scope::Contact && !ChangeNotifier::concerns(contactIds, m_scopeId))
                return;
            m_stale = true;
            if (isVisible())
                applyFilter();
        });
}

void TimelineView::setContactId(qint64 id)
{
    setScope(TimelineFilter::Scope::Contact, id);
}

void TimelineView::setOrganizationId(qint64 id)
{
    setScope(TimelineFilter::Scope::Organization, id);
}

void TimelineView::setScope(TimelineFilter::Scope scope, qint64 id)
{
    if (scope == m_scope && id == m_scopeId && !m_stale)
        return;
    m_scope = scope;
    m_scopeId = id;
    m_stale = true;
    const bool several = scope != TimelineFilter::Scope::Contact;
    static_cast<TimelineDelegate *>(m_list->itemDelegate())->setShowContactNames(several);
    m_openContactAction->setVisible(several);
    m_list->setAccessibleName(several ? tr("Conversations with the people here, newest first")
                                      : tr("Conversations, newest first"));
    if (isVisible())
        applyFilter();
}

void TimelineView::updateActions()
{
    const QModelIndex current = m_list->currentIndex();
    const bool interaction = current.isValid()
        && TimelineEntry::Kind(current.data(TimelineModel::KindRole).toInt()) == TimelineEntry::Kind::Interaction;
    const bool writable = !m_db.isReadOnly();
    m_editAction->setEnabled(interaction);
    m_editAction->setText(interaction && (!writable || !current.data(TimelineModel::EditableRole).toBool())
            ? tr("&View Conversation…")
            : tr("&Edit Conversation…"));
    m_deleteAction->setEnabled(interaction && writable);
    m_openContactAction->setEnabled(current.isValid());
}

void TimelineView::editCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid()
        || TimelineEntry::Kind(current.data(TimelineModel::KindRole).toInt()) != TimelineEntry::Kind::Interaction)
        return;
    QString error;
    if (!QuickLogDialog::openForEdit(this, m_db, m_undoStack, current.data(TimelineModel::IdRole).toLongLong(), &error)) {
        m_emptyLabel->setText(error);
        if (auto *main = qobject_cast<QMainWindow *>(window()))
            main->statusBar()->showMessage(error, 8000);
        m_stale = true;
        applyFilter(); // it was deleted or changed elsewhere: show what is there now
    }
}

void TimelineView::deleteCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    if (m_db.isReadOnly() || !current.isValid()
        || TimelineEntry::Kind(current.data(TimelineModel::KindRole).toInt()) != TimelineEntry::Kind::Interaction)
        return;
    const int row = current.row();
    Interaction gone;
    gone.id = current.data(TimelineModel::IdRole).toLongLong();
    gone.contactId = current.data(TimelineModel::ContactIdRole).toLongLong();
    gone.channel = current.data(TimelineModel::ChannelRole).toString();
    gone.subject = current.data(TimelineModel::TitleRole).toString();
    auto *command = new TrashInteractionCommand(m_db, gone);
    if (!command->apply()) {
        const QString error = command->lastError();
        delete command;
        if (auto *main = qobject_cast<QMainWindow *>(window()))
            main->statusBar()->showMessage(error, 8000);
        return;
    }
    if (m_undoStack)
        m_undoStack->push(command);
    else
        delete command;
    // The reload (ChangeNotifier) put the list back at the top: stay where the deleted entry was.
    if (m_model->rowCount() > 0) {
        const QModelIndex next = m_model->index(qMin(row, m_model->rowCount() - 1));
        m_list->setCurrentIndex(next);
        m_list->scrollTo(next);
    }
}

void TimelineView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        applyFilter();
}

void TimelineView::applyFilter()
{
    m_searchTimer->stop();
    TimelineFilter filter;
    filter.scope = m_scope;
    filter.scopeId = m_scopeId;
    if (const QString channel = m_channelCombo->currentData().toString(); !channel.isEmpty())
        filter.channels = { channel };
    filter.text = m_searchEdit->text().trimmed();
    m_stale = false;
    m_model->setFilter(filter);
    // Fill the viewport at once rather than on the first scroll.
    while (m_model->canFetchMore({}) && m_model->rowCount() < 40)
        m_model->fetchMore({});
    updateEmptyLabel();
}

void TimelineView::updateEmptyLabel()
{
    const bool empty = m_model->rowCount() == 0;
    if (empty) {
        const bool filtered = m_channelCombo->currentIndex() > 0 || !m_searchEdit->text().trimmed().isEmpty();
        m_emptyLabel->setText(filtered ? tr("Nothing matches this filter.")
                                       : tr("No conversations yet. Log one with Ctrl+L."));
    }
    m_list->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
}
