#include "contacteditor.h"

#include "campaigns/contactcampaignspanel.h"
#include "common/messagebox.h"
#include "contacts/contactcommands.h"
#include "contacts/contactform.h"
#include "contacts/contactsview.h"
#include "contacts/trashdialog.h"
#include "followups/contactfollowupspanel.h"
#include "history/historyview.h"
#include "interactions/healthpanel.h"
#include "interactions/quicklogdialog.h"
#include "interactions/timelineview.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <memory>

namespace {

QString withShortcut(const QString &text, const QKeySequence &key)
{
    return QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText));
}

} // namespace

ContactEditor::ContactEditor(ContactsView &view)
    : QWidget(view.detailArea())
    , m_view(view)
    , m_form(new ContactForm(view.database(), this))
{
    setObjectName(QStringLiteral("contactEditor"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *header = new QWidget(this);
    auto *h = new QHBoxLayout(header);
    h->setContentsMargins(8, 6, 8, 0);
    m_heading = new QLabel(header);
    m_heading->setObjectName(QStringLiteral("headingLabel"));
    QFont big = m_heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_heading->setFont(big);
    m_heading->setTextFormat(Qt::PlainText);
    // Elided to the room there is: a long name, or "(edited)" added to it, must not widen the pane.
    m_heading->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_heading->setMinimumWidth(fontMetrics().averageCharWidth() * 8);
    m_heading->installEventFilter(this);
    h->addWidget(m_heading, 1);
    m_revertButton = new QPushButton(tr("Re&vert"), header);
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    m_saveButton = new QPushButton(tr("&Save"), header);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setDefault(true);
    m_logButton = new QPushButton(tr("&Log…"), header);
    m_logButton->setObjectName(QStringLiteral("logPushButton"));
    m_logButton->setAccessibleName(tr("Log a conversation with this contact"));
    m_logButton->setToolTip(tr("Log a call, email or meeting with this contact"));
    m_logButton->setEnabled(!view.database().isReadOnly());
    connect(m_logButton, &QPushButton::clicked, this, [this] {
        if (m_loaded.id > 0)
            QuickLogDialog::openFor(window(), m_view.database(), m_view.undoStack(), m_loaded.id);
    });
    h->addWidget(m_logButton);
    h->addWidget(m_revertButton);
    h->addWidget(m_saveButton);
    layout->addWidget(header);

    QPushButton *reload = nullptr;
    QPushButton *keep = nullptr;
    m_conflictBanner = createBanner(QStringLiteral("conflictBannerWidget"), &m_conflictLabel, &reload, &keep);
    reload->setObjectName(QStringLiteral("reloadButton"));
    reload->setText(tr("&Reload (lose my changes)"));
    keep->setObjectName(QStringLiteral("keepEditingButton"));
    keep->setText(tr("&Keep editing"));
    connect(reload, &QPushButton::clicked, this, [this] {
        m_conflictBanner->hide();
        showContact(m_loaded.id);
    });
    connect(keep, &QPushButton::clicked, this, [this] {
        m_conflictBanner->hide();
        m_form->firstNameEdit()->setFocus();
    });
    layout->addWidget(m_conflictBanner);

    QPushButton *open = nullptr;
    QPushButton *dismiss = nullptr;
    m_duplicateBanner = createBanner(QStringLiteral("duplicateBannerWidget"), &m_duplicateLabel, &open, &dismiss);
    open->setObjectName(QStringLiteral("openDuplicateButton"));
    open->setText(tr("&Open"));
    dismiss->setObjectName(QStringLiteral("dismissDuplicateButton"));
    dismiss->setText(tr("Dismiss"));
    connect(open, &QPushButton::clicked, this, [this] {
        if (!m_duplicates.isEmpty())
            openContact(m_duplicates.first());
    });
    connect(dismiss, &QPushButton::clicked, m_duplicateBanner, &QWidget::hide);
    layout->addWidget(m_duplicateBanner);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("profileScrollArea"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_form);
    // The profile and the conversation history share the space beside the list (issue #4).
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("profileTabWidget"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_scroll, tr("Profile"));
    m_timeline = new TimelineView(view.database(), m_tabs);
    m_timeline->setUndoStack(view.undoStack());
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_campaigns = new ContactCampaignsPanel(view.database(), m_tabs);
    m_tabs->addTab(m_campaigns, tr("Campaigns"));
    connect(m_campaigns, &ContactCampaignsPanel::campaignActivated, this, &ContactEditor::campaignActivated);
    connect(m_campaigns, &ContactCampaignsPanel::errorOccurred, this, &ContactEditor::showStatus);
    m_history = new HistoryView(view.database(), m_tabs);
    m_history->setObjectName(QStringLiteral("contactHistoryView"));
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_history), tr("Who changed what in this profile, and when"));
    connect(m_history, &HistoryView::errorOccurred, this, &ContactEditor::showStatus);
    m_health = new HealthPanel(view.database(), this);
    layout->addWidget(m_health);
    m_followUps = new ContactFollowUpsPanel(view.database(), view.undoStack(), this);
    connect(m_followUps, &ContactFollowUpsPanel::errorOccurred, this, &ContactEditor::showStatus);
    layout->addWidget(m_followUps);
    layout->addWidget(m_tabs, 1);

    m_duplicateTimer = new QTimer(this);
    m_duplicateTimer->setSingleShot(true);
    m_duplicateTimer->setInterval(400);
    connect(m_duplicateTimer, &QTimer::timeout, this, &ContactEditor::checkDuplicates);
    connect(m_form, &ContactForm::identityEdited, m_duplicateTimer, qOverload<>(&QTimer::start));
    connect(m_form, &ContactForm::edited, this, [this] { setDirty(true); });
    connect(m_saveButton, &QPushButton::clicked, this, &ContactEditor::save);
    connect(m_revertButton, &QPushButton::clicked, this, &ContactEditor::revert);

    // Ctrl+Z in a field undoes typing there first; once the field has nothing left to undo, it reaches the
    // workspace's undo stack (saved edits, deletes) instead of being swallowed by the field.
    for (QLineEdit *edit : m_form->findChildren<QLineEdit *>())
        edit->installEventFilter(this);
    m_form->findChild<QPlainTextEdit *>()->installEventFilter(this);

    view.detailArea()->addWidget(this);
    createActions();
    connect(view.tableView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { onCurrentRowChanged(current); });
    connect(view.tableView()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &ContactEditor::updateActions);
    view.setLeaveGuard([this](const std::function<void()> &proceed) { return confirmLeave(proceed); });
    // A conversation logged, edited or undone moves "last contacted": the profile says so at once, and keeps
    // any unsaved edits (the timeline and the health line listen for themselves).
    connect(ChangeNotifier::instance(), &ChangeNotifier::interactionsChanged, this, [this](const QList<qint64> &ids) {
        if (m_loaded.id <= 0 || !ChangeNotifier::concerns(ids, m_loaded.id))
            return;
        if (Result<Contact> c = ContactRepository(m_view.database()).get(m_loaded.id)) {
            m_loaded.lastContactedAt = c->lastContactedAt;
            m_form->setLastContacted(c->lastContactedAt);
        }
    });
    connect(ChangeNotifier::instance(), &ChangeNotifier::contactsMerged, this, &ContactEditor::onMerged);
    connect(ChangeNotifier::instance(), &ChangeNotifier::contactsChanged, this, [this](const QList<qint64> &ids) {
        if (m_editing && !m_dirty && m_loaded.id > 0 && ChangeNotifier::concerns(ids, m_loaded.id))
            showContact(m_loaded.id);
    });
    setDirty(false);
}

QWidget *ContactEditor::createBanner(const QString &objectName, QLabel **label, QPushButton **first, QPushButton **second)
{
    auto *banner = new QFrame(this);
    banner->setObjectName(objectName);
    banner->setFrameShape(QFrame::StyledPanel);
    banner->setAutoFillBackground(true);
    banner->setBackgroundRole(QPalette::ToolTipBase);
    banner->setForegroundRole(QPalette::ToolTipText);
    auto *h = new QHBoxLayout(banner);
    *label = new QLabel(banner);
    (*label)->setWordWrap(true);
    (*label)->setForegroundRole(QPalette::ToolTipText);
    (*label)->setTextFormat(Qt::PlainText);
    h->addWidget(*label, 1);
    *first = new QPushButton(banner);
    *second = new QPushButton(banner);
    h->addWidget(*first);
    h->addWidget(*second);
    banner->hide();
    return banner;
}

void ContactEditor::createActions()
{
    auto makeAction = [this](const QString &text, const QString &name, const QString &icon, const QKeySequence &key) {
        auto *action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(name);
        action->setShortcut(key);
        QString tip = text;
        tip.remove(u'&').remove(QStringLiteral("…"));
        action->setToolTip(withShortcut(tip, key));
        m_view.addMenuAction(action);
        return action;
    };
    m_newAction = makeAction(tr("&New contact"), QStringLiteral("newContactAction"), QStringLiteral("contact-new"),
        QKeySequence(Qt::CTRL | Qt::Key_N));
    m_saveAction = makeAction(tr("&Save contact"), QStringLiteral("saveContactAction"), QStringLiteral("document-save"),
        QKeySequence(Qt::CTRL | Qt::Key_S));
    m_revertAction = makeAction(tr("Re&vert changes"), QStringLiteral("revertContactAction"),
        QStringLiteral("document-revert"), QKeySequence(Qt::Key_Escape));
    // Escape and Delete act only where they mean this: Esc inside the profile, Del in the list. Elsewhere
    // (a search box, a text field) they keep their ordinary meaning.
    m_revertAction->setShortcutContext(Qt::WidgetShortcut);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this, this, [this] {
        if (m_dirty)
            revert();
    }, Qt::WidgetWithChildrenShortcut);
    escape->setObjectName(QStringLiteral("revertShortcut"));
    m_deleteAction = makeAction(tr("Move to Tras&h"), QStringLiteral("deleteContactAction"),
        QStringLiteral("edit-delete"), QKeySequence(Qt::Key_Delete));
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_view.tableView()->addAction(m_deleteAction);
    m_trashAction = makeAction(tr("Show &trash…"), QStringLiteral("showTrashAction"), QStringLiteral("user-trash"),
        QKeySequence());
    m_trashAction->setToolTip(tr("Contacts in the trash, to restore"));
    m_view.addMenuSeparator();
    m_nextAction = makeAction(tr("Ne&xt contact"), QStringLiteral("nextContactAction"), QStringLiteral("go-down"),
        QKeySequence(Qt::ALT | Qt::Key_Down));
    m_previousAction = makeAction(tr("&Previous contact"), QStringLiteral("previousContactAction"),
        QStringLiteral("go-up"), QKeySequence(Qt::ALT | Qt::Key_Up));
    m_saveButton->setToolTip(m_saveAction->toolTip());
    m_revertButton->setToolTip(m_revertAction->toolTip());

    connect(m_newAction, &QAction::triggered, this, &ContactEditor::newContact);
    connect(m_saveAction, &QAction::triggered, this, &ContactEditor::save);
    connect(m_revertAction, &QAction::triggered, this, &ContactEditor::revert);
    connect(m_deleteAction, &QAction::triggered, this, &ContactEditor::trashSelected);
    connect(m_trashAction, &QAction::triggered, this, &ContactEditor::showTrash);
    connect(m_nextAction, &QAction::triggered, this, &ContactEditor::nextContact);
    connect(m_previousAction, &QAction::triggered, this, &ContactEditor::previousContact);
    const bool writable = !m_view.database().isReadOnly();
    // Ctrl+N is New in every section that makes things (a campaign in Campaigns): the contact's only while the
    // Contacts section is shown, so the shortcut is never ambiguous (the Contact menu keeps it reachable).
    m_newAction->setEnabled(writable && m_view.isVisible());
    m_view.installEventFilter(this);
    m_trashAction->setEnabled(writable);
}

void ContactEditor::updateActions()
{
    const bool writable = !m_view.database().isReadOnly();
    m_saveAction->setEnabled(writable && m_editing && (m_dirty || m_loaded.id == 0));
    m_saveButton->setEnabled(m_saveAction->isEnabled());
    m_revertAction->setEnabled(m_dirty);
    m_revertButton->setEnabled(m_dirty);
    const bool selected = m_view.tableView()->selectionModel()->hasSelection();
    m_deleteAction->setEnabled(writable && selected);
}

bool ContactEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_heading && event->type() == QEvent::Resize)
        updateHeading();
    if (watched == &m_view && (event->type() == QEvent::Show || event->type() == QEvent::Hide))
        m_newAction->setEnabled(!m_view.database().isReadOnly() && event->type() == QEvent::Show);
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool undo = key->matches(QKeySequence::Undo);
        const bool redo = key->matches(QKeySequence::Redo);
        if (undo || redo) {
            bool fieldCan = false;
            if (auto *line = qobject_cast<QLineEdit *>(watched))
                fieldCan = undo ? line->isUndoAvailable() : line->isRedoAvailable();
            else if (auto *text = qobject_cast<QPlainTextEdit *>(watched))
                fieldCan = undo ? text->document()->isUndoAvailable() : text->document()->isRedoAvailable();
            if (!fieldCan)
                return true; // not accepted: the Edit menu's shortcut gets it
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ContactEditor::setDirty(bool dirty)
{
    m_dirty = dirty;
    const QString name = m_loaded.id == 0 ? tr("New contact") : m_loaded.displayName;
    m_headingText = m_dirty ? tr("%1 (edited)").arg(name) : name;
    updateHeading();
    updateActions();
}

void ContactEditor::updateHeading()
{
    const QString shown = m_heading->fontMetrics().elidedText(m_headingText, Qt::ElideMiddle, m_heading->width());
    m_heading->setText(shown);
    m_heading->setToolTip(shown == m_headingText ? QString() : m_headingText);
    m_heading->setAccessibleName(m_headingText);
}

void ContactEditor::showStatus(const QString &message)
{
    m_lastStatus = message;
    if (auto *main = qobject_cast<QMainWindow *>(window()))
        main->statusBar()->showMessage(message, 8000);
}

void ContactEditor::load(const Contact &contact)
{
    // Another person (or a new one) starts at the top of the profile, not where the last one was scrolled to.
    const bool another = contact.id != m_loaded.id || contact.id == 0 || !m_editing;
    m_loaded = contact;
    m_editing = true;
    m_duplicateAcknowledged = false;
    m_conflictBanner->hide();
    m_duplicateBanner->hide();
    m_form->setContact(contact);
    m_timeline->setContactId(contact.id);
    m_campaigns->setContactId(contact.id);
    m_history->setSubject(QStringLiteral("contact"), contact.id);
    m_health->setContactId(contact.id);
    m_followUps->setContactId(contact.id);
    m_logButton->setVisible(contact.id > 0);
    m_view.detailArea()->setCurrentWidget(this);
    if (another)
        m_scroll->verticalScrollBar()->setValue(0);
    setDirty(false);
}

void ContactEditor::showContact(qint64 id)
{
    Result<Contact> c = ContactRepository(m_view.database()).get(id);
    if (!c) {
        showStatus(c.error().message);
        return;
    }
    load(*c);
}

void ContactEditor::openContact(qint64 id)
{
    if (id <= 0)
        return;
    auto go = [this, id] {
        showContact(id);
        if (!m_editing || m_loaded.id != id)
            return; // could not be read: showContact() said why
        ContactListModel *model = m_view.model();
        if (model->rowOfId(id) >= 0) {
            selectInList(id);
            return;
        }
        // The profile is this person's now, whatever the list shows: never leave another row selected.
        selectInList(0);
        if (m_loaded.inTrash) {
            showStatus(tr("“%1” is in the trash: shown on its own. Restore it from Contact → Show trash.")
                           .arg(m_loaded.displayName));
            return;
        }
        if (!model->filter().isEmpty()) {
            const QString name = m_loaded.displayName;
            auto widen = [this, id, name] {
                if (m_loaded.id != id || m_view.model()->rowOfId(id) >= 0)
                    return selectWhenListed(id);
                m_view.model()->setFilter(ContactFilter());
                showStatus(tr("Search and filters cleared to show “%1”.").arg(name));
                selectWhenListed(id);
            };
            if (model->isComplete()) {
                widen();
            } else {
                // The rest of the filtered list is still being read: it may be there.
                QObject::disconnect(m_pendingSelect);
                m_pendingSelect = connect(model, &ContactListModel::snapshotCompleted, this, [this, widen] {
                    QObject::disconnect(m_pendingSelect);
                    widen();
                });
            }
            return;
        }
        selectWhenListed(id);
    };
    if (confirmLeave(go))
        go();
}

void ContactEditor::selectWhenListed(qint64 id)
{
    QObject::disconnect(m_pendingSelect);
    ContactListModel *model = m_view.model();
    if (model->rowOfId(id) >= 0 || model->isComplete()) {
        if (m_loaded.id == id && model->rowOfId(id) >= 0)
            selectInList(id);
        return;
    }
    m_pendingSelect = connect(model, &ContactListModel::snapshotCompleted, this, [this, id] {
        QObject::disconnect(m_pendingSelect);
        if (m_loaded.id == id && m_view.model()->rowOfId(id) >= 0 && !m_view.tableView()->currentIndex().isValid())
            selectInList(id);
    });
}

void ContactEditor::onCurrentRowChanged(const QModelIndex &current)
{
    if (m_selecting)
        return;
    const qint64 id = current.isValid() ? current.data(ContactListModel::IdRole).toLongLong() : 0;
    if (id == 0 || (id == m_loaded.id && m_editing))
        return;
    auto go = [this, id] {
        showContact(id);
        selectInList(id);
    };
    if (confirmLeave(go)) {
        showContact(id);
        // Saving on the way refreshes the list: select the row again (but never disturb a multi-selection).
        if (m_view.tableView()->currentIndex().data(ContactListModel::IdRole).toLongLong() != id)
            selectInList(id);
        return;
    }
    // Asked: stay on the contact being edited until the user chose.
    selectInList(m_loaded.id);
}

void ContactEditor::selectInList(qint64 id)
{
    const QScopedValueRollback<bool> guard(m_selecting, true);
    if (id == 0 || !m_view.selectContact(id)) {
        m_view.tableView()->selectionModel()->clearSelection();
        m_view.tableView()->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    }
    updateActions();
}

bool ContactEditor::confirmLeave(const std::function<void()> &proceed)
{
    if (!m_dirty)
        return true;
    struct State
    {
        bool asking = true;
        bool leaveNow = false;
    };
    auto state = std::make_shared<State>();
    const QString name = m_loaded.id == 0 ? tr("the new contact") : m_loaded.displayName;
    MessageBox::question(window(), tr("Unsaved changes"),
        tr("Save your changes to %1?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save, this,
        [this, state, proceed](MessageBox::Button answer) {
            if (answer == QMessageBox::Save) {
                if (!save())
                    return; // the errors are shown next to their fields; stay
            } else if (answer == QMessageBox::Discard) {
                revert();
            } else {
                return;
            }
            if (state->asking)
                state->leaveNow = true;
            else if (proceed)
                proceed();
        });
    state->asking = false;
    return state->leaveNow;
}
