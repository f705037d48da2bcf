#include "bulkactions.h"

#include "common/backgroundjob.h"

#include "campaigns/pitchcommands.h"
#include "common/messagebox.h"
#include "contacts/bulkcommands.h"
#include "contacts/contactsview.h"
#include "domain/contact.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/bulkcontactrepository.h"
#include "storage/campaignrepository.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/pitchrepository.h"
#include "storage/userrepository.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QSet>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

std::optional<QString> BulkActions::s_nextInput;

namespace {

// Above this many contacts the status bar says what is being done before the work starts.
constexpr int kAnnounceAbove = 1000;

// Asks for one value: a combo box, editable (free text with completion) or not (a choice).
class BulkInputDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkInputDialog)

public:
    BulkInputDialog(QWidget *parent, const QString &title, const QString &label, const QStringList &choices,
        const QStringList &values, bool editable)
        : QDialog(parent)
        , m_combo(new QComboBox(this))
    {
        setObjectName(QStringLiteral("bulkInputDialog"));
        setWindowTitle(title);
        setAttribute(Qt::WA_DeleteOnClose);
        m_combo->setObjectName(QStringLiteral("bulkInputComboBox"));
        m_combo->setEditable(editable);
        m_combo->setMinimumContentsLength(30);
        m_combo->setAccessibleName(label);
        for (qsizetype i = 0; i < choices.size(); ++i)
            m_combo->addItem(choices.at(i), values.value(i, choices.at(i)));
        if (editable) {
            m_combo->setInsertPolicy(QComboBox::NoInsert);
            m_combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
            m_combo->completer()->setFilterMode(Qt::MatchContains);
            m_combo->setCurrentIndex(-1);
            m_combo->setEditText(QString());
        }
        auto *caption = new QLabel(label, this);
        caption->setBuddy(m_combo);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
        buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
        buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(caption);
        layout->addWidget(m_combo);
        layout->addWidget(buttons);
    }
    ~BulkInputDialog() override = default;

    QString value() const
    {
        if (m_combo->isEditable())
            return m_combo->currentText().simplified();
        return m_combo->currentData().toString();
    }

private:
    QComboBox *m_combo;
};

} // namespace

BulkActions::BulkActions(ContactsView *view)
    : QObject(view)
    , m_view(view)
{
    setObjectName(QStringLiteral("bulkActions"));
    auto make = [this](const QString &objectName, const QString &text, const QString &tip, const QKeySequence &keys) {
        auto *action = new QAction(text, m_view);
        action->setObjectName(objectName);
        if (!keys.isEmpty()) {
            action->setShortcut(keys);
            action->setToolTip(tr("%1 (%2)").arg(tip, keys.toString(QKeySequence::NativeText)));
        } else {
            action->setToolTip(tip);
        }
        action->setStatusTip(tip);
        return action;
    };
    m_addTag = make(QStringLiteral("addTagAction"), tr("&Add Tag…"), tr("Add a tag to the selected contacts"),
        QKeySequence(Qt::CTRL | Qt::Key_T));
    m_removeTag = make(QStringLiteral("removeTagAction"), tr("Re&move Tag…"),
        tr("Remove a tag from the selected contacts"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_addBeat = make(QStringLiteral("addBeatAction"), tr("Add &Beat…"), tr("Add a beat to the selected contacts"), {});
    m_removeBeat = make(
        QStringLiteral("removeBeatAction"), tr("Remove B&eat…"), tr("Remove a beat from the selected contacts"), {});
    m_setOwner = make(QStringLiteral("setOwnerAction"), tr("Set &Owner…"),
        tr("Give the selected contacts to an account manager"), {});
    m_setKind
        = make(QStringLiteral("setKindAction"), tr("Set &Kind…"), tr("Set the kind of the selected contacts"), {});

    m_addToCampaign = make(QStringLiteral("addToCampaignAction"), tr("Add to &Campaign…"),
        tr("Add the selected contacts to a campaign's media list"), {});

    connect(m_addTag, &QAction::triggered, this, [this] { changeTag(QStringLiteral("tag"), true); });
    connect(m_removeTag, &QAction::triggered, this, [this] { changeTag(QStringLiteral("tag"), false); });
    connect(m_addBeat, &QAction::triggered, this, [this] { changeTag(QStringLiteral("beat"), true); });
    connect(m_removeBeat, &QAction::triggered, this, [this] { changeTag(QStringLiteral("beat"), false); });
    connect(m_setOwner, &QAction::triggered, this, &BulkActions::setOwner);
    connect(m_setKind, &QAction::triggered, this, &BulkActions::setKind);
    connect(m_addToCampaign, &QAction::triggered, this, &BulkActions::addToCampaign);

    m_view->addMenuSeparator();
    QTableView *table = m_view->tableView();
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (QAction *action : actions()) {
        m_view->addMenuAction(action);
        table->addAction(action);
    }
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BulkActions::updateEnabled);
    connect(m_view->model(), &QAbstractItemModel::modelReset, this, &BulkActions::updateEnabled);
    buildSelectionBar();
    updateEnabled();
}

void BulkActions::buildSelectionBar()
{
    m_selectionBar = new QFrame(m_view);
    m_selectionBar->setObjectName(QStringLiteral("selectionBarFrame"));
    m_selectionBar->setFrameShape(QFrame::StyledPanel);
    m_selectionBar->setAutoFillBackground(true);
    m_selectionBar->setBackgroundRole(QPalette::AlternateBase);
    auto *layout = new QHBoxLayout(m_selectionBar);
    layout->setContentsMargins(8, 2, 8, 2);
    m_selectionLabel = new QLabel(m_selectionBar);
    m_selectionLabel->setObjectName(QStringLiteral("selectionCountLabel"));
    QFont bold = m_selectionLabel->font();
    bold.setBold(true);
    m_selectionLabel->setFont(bold);
    layout->addWidget(m_selectionLabel);
    layout->addSpacing(m_selectionBar->fontMetrics().averageCharWidth() * 2);
    QList<QAction *> shown = { m_addTag, m_removeTag, m_setOwner, m_setKind, m_addToCampaign };
    // The profile's Move to Trash (one entry for one contact or many), when there is a profile.
    if (auto *trash = m_view->findChild<QAction *>(QStringLiteral("deleteContactAction")))
        shown.append(trash);
    for (QAction *action : std::as_const(shown)) {
        auto *button = new QToolButton(m_selectionBar);
        button->setObjectName(action->objectName().replace(QStringLiteral("Action"), QStringLiteral("ToolButton")));
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAutoRaise(true);
        layout->addWidget(button);
    }
    layout->addStretch(1);
    auto *none = new QToolButton(m_selectionBar);
    none->setObjectName(QStringLiteral("selectNoneToolButton"));
    none->setText(tr("Select None"));
    none->setToolTip(tr("Keep only the current contact selected"));
    none->setAutoRaise(true);
    connect(none, &QToolButton::clicked, this, [this] {
        QTableView *table = m_view->tableView();
        table->selectionModel()->select(
            table->currentIndex(), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    });
    layout->addWidget(none);
    m_selectionBar->hide();
    if (auto *column = qobject_cast<QVBoxLayout *>(m_view->layout()))
        column->insertWidget(1, m_selectionBar); // under the search and filter row, above the list
}

int BulkActions::selectedCount() const
{
    const QItemSelection selection = m_view->tableView()->selectionModel()->selection();
    qsizetype total = 0;
    for (const QItemSelectionRange &range : selection)
        total += range.height();
    if (total > 10000)
        return int(total); // a Select All: one range per block, no overlap worth counting row by row
    QSet<int> rows;
    for (const QItemSelectionRange &range : selection)
        for (int r = range.top(); r <= range.bottom(); ++r)
            rows.insert(r);
    return int(rows.size());
}

BulkActions::~BulkActions() = default;

void BulkActions::setNextInput(const QString &text)
{
    s_nextInput = text;
}

QList<QAction *> BulkActions::actions() const
{
    return { m_addTag, m_removeTag, m_addBeat, m_removeBeat, m_setOwner, m_setKind, m_addToCampaign };
}

void BulkActions::updateEnabled()
{
    const int count = selectedCount();
    const TeamRole role = m_view->database().teamRole();
    // A member changes at most TeamRoleTraits::bulkLimit contacts at once; the server refuses more anyway.
    const bool allowed = TeamRoles::allowsBulk(role, count);
    const bool enabled
        = !m_view->database().isReadOnly() && m_view->tableView()->selectionModel()->hasSelection() && allowed;
    for (QAction *action : actions())
        action->setEnabled(enabled);
    if (!m_selectionBar)
        return;
    m_selectionLabel->setText(allowed ? tr("%L1 selected", "contacts").arg(count)
                                      : tr("%L1 selected — your role changes at most %L2 at once; ask a manager",
                                            "contacts")
                                            .arg(count)
                                            .arg(TeamRoles::traits(role).bulkLimit));
    m_selectionBar->setVisible(count >= 2);
}

void BulkActions::ask(const QString &title, const QString &label, const QStringList &choices, const QStringList &values,
    bool editable, std::function<void(const QString &)> then)
{
    if (s_nextInput) {
        const QString answer = *s_nextInput;
        s_nextInput.reset();
        then(answer);
        return;
    }
    auto *dialog = new BulkInputDialog(m_view->window(), title, label, choices, values, editable);
    connect(dialog, &QDialog::accepted, this, [dialog, then = std::move(then)] { then(dialog->value()); });
    dialog->open();
}

void BulkActions::push(QUndoCommand *command)
{
    if (QUndoStack *stack = m_view->undoStack())
        stack->push(command); // its first redo() does nothing: the change is already made
    else
        delete command;
}

void BulkActions::showStatus(const QString &message, int timeoutMs)
{
    if (auto *window = qobject_cast<QMainWindow *>(m_view->window())) {
        window->statusBar()->showMessage(message, timeoutMs);
        window->statusBar()->repaint(); // seen before a long change starts; no event loop is spun
    }
}

void BulkActions::runJob(const QString &label, int items, const std::function<void(Database &)> &work)
{
    // The work keeps its own result; the job's status has nothing to add.
    (void)BackgroundJob::run(
        m_view, m_view->database(), label,
        [&work](Database &db) {
            work(db);
            return Status();
        },
        items);
}

void BulkActions::showError(const QString &message)
{
    MessageBox::critical(m_view, tr("Bulk change failed"), message);
}

void BulkActions::changeTag(const QString &kind, bool add)
{
    const QList<qint64> ids = ContactSelection::selectedIds(m_view);
    if (ids.isEmpty())
        return;
    const bool beat = kind == u"beat";
    Result<QStringList> names = BulkContactRepository(m_view->database()).tagNames(kind);
    const QString title = add ? (beat ? tr("Add Beat") : tr("Add Tag")) : (beat ? tr("Remove Beat") : tr("Remove Tag"));
    const QString label = add ? (beat ? tr("&Beat to add to %n contact(s):", "", int(ids.size()))
                                      : tr("&Tag to add to %n contact(s):", "", int(ids.size())))
                              : (beat ? tr("&Beat to remove from %n contact(s):", "", int(ids.size()))
                                      : tr("&Tag to remove from %n contact(s):", "", int(ids.size())));
    const QStringList choices = names ? *names : QStringList();
    ask(title, label, choices, choices, true, [this, ids, kind, add, beat](const QString &name) {
        if (name.trimmed().isEmpty())
            return;
        if (ids.size() > kAnnounceAbove)
            showStatus(tr("Changing %n contact(s)…", "", int(ids.size())), 0);
        Result<QList<qint64>> changed = Error(QString());
        runJob(tr("Changing %n contact(s)…", "", int(ids.size())), int(ids.size()), [&](Database &db) {
            BulkContactRepository bulk(db);
            changed = add ? bulk.addTag(ids, name, kind) : bulk.removeTag(ids, name, kind);
        });
        if (!changed) {
            showStatus(QString());
            showError(changed.error().message);
            return;
        }
        const int n = int(changed->size());
        const QString text = add
            ? (beat ? tr("Add beat “%1” to %n contact(s)", "", n) : tr("Add tag “%1” to %n contact(s)", "", n))
            : (beat ? tr("Remove beat “%1” from %n contact(s)", "", n)
                    : tr("Remove tag “%1” from %n contact(s)", "", n));
        if (n > 0)
            push(new BulkTagCommand(m_view, ids, name.simplified(), kind, add, *changed, text.arg(name.simplified())));
        ContactSelection::refreshAndSelect(m_view, ids);
        showStatus(n > 0 ? text.arg(name.simplified()) + u'.' : tr("Nothing to change."));
    });
}

void BulkActions::setOwner()
{
    const QList<qint64> ids = ContactSelection::selectedIds(m_view);
    if (ids.isEmpty())
        return;
    Result<QList<User>> users = UserRepository(m_view->database()).all();
    if (!users) {
        showError(users.error().message);
        return;
    }
    QStringList names { tr("Nobody", "no owner") };
    QStringList values { QStringLiteral("0") };
    for (const User &u : *users) {
        names << (u.name.isEmpty() ? u.login : u.name);
        values << QString::number(u.id);
    }
    const QList<User> all = *users;
    ask(tr("Set Owner"), tr("&Account manager for %n contact(s):", "", int(ids.size())), names, values, false,
        [this, ids, all](const QString &answer) {
            qint64 owner = answer.toLongLong();
            QString ownerName = tr("nobody", "no owner");
            for (const User &u : all) {
                if (u.id == owner || (!answer.isEmpty() && (u.login == answer || u.name == answer))) {
                    owner = u.id;
                    ownerName = u.name.isEmpty() ? u.login : u.name;
                }
            }
            Result<QHash<qint64, QVariant>> previous = Error(QString());
            runJob(tr("Changing %n contact(s)…", "", int(ids.size())), int(ids.size()), [&](Database &db) {
                previous = BulkContactRepository(db).setField(ids, BulkContactRepository::Field::Owner, owner);
            });
            if (!previous) {
                showError(previous.error().message);
                return;
            }
            const QString text = tr("Give %n contact(s) to %1", "", int(previous->size())).arg(ownerName);
            if (!previous->isEmpty())
                push(new BulkFieldCommand(m_view, ids, BulkContactRepository::Field::Owner, owner, *previous, text));
            ContactSelection::refreshAndSelect(m_view, ids);
            showStatus(previous->isEmpty() ? tr("Nothing to change.") : text + u'.');
        });
}

void BulkActions::setKind()
{
    const QList<qint64> ids = ContactSelection::selectedIds(m_view);
    if (ids.isEmpty())
        return;
    const QStringList kinds = Contact::kinds();
    QStringList labels;
    for (const QString &kind : kinds)
        labels << ContactListModel::kindLabel(kind);
    ask(tr("Set Kind"), tr("&Kind of %n contact(s):", "", int(ids.size())), labels, kinds, false,
        [this, ids](const QString &kind) {
            Result<QHash<qint64, QVariant>> previous = Error(QString());
            runJob(tr("Changing %n contact(s)…", "", int(ids.size())), int(ids.size()), [&](Database &db) {
                previous = BulkContactRepository(db).setField(ids, BulkContactRepository::Field::Kind, kind);
            });
            if (!previous) {
                showError(previous.error().message);
                return;
            }
            const QString text
                = tr("Make %n contact(s) “%1”", "", int(previous->size())).arg(ContactListModel::kindLabel(kind));
            if (!previous->isEmpty())
                push(new BulkFieldCommand(m_view, ids, BulkContactRepository::Field::Kind, kind, *previous, text));
            ContactSelection::refreshAndSelect(m_view, ids);
            showStatus(previous->isEmpty() ? tr("Nothing to change.") : text + u'.');
        });
}

void BulkActions::addToCampaign()
{
    const QList<qint64> ids = ContactSelection::selectedIds(m_view);
    if (ids.isEmpty())
        return;
    Result<QList<Campaign>> campaigns = CampaignRepository(m_view->database()).list();
    if (!campaigns) {
        showError(campaigns.error().message);
        return;
    }
    if (campaigns->isEmpty()) {
        showError(tr("There is no campaign yet: create one in the Campaigns section first."));
        return;
    }
    QStringList names;
    QStringList values;
    // Running and planned campaigns first: those are the ones people are added to.
    for (const bool open : { true, false })
        for (const Campaign &c : *campaigns)
            if ((c.status == u"planned" || c.status == u"active") == open) {
                names << c.name;
                values << QString::number(c.id);
            }
    ask(tr("Add to Campaign"), tr("&Campaign to add %n contact(s) to:", "", int(ids.size())), names, values, false,
        [this, ids, names, values](const QString &answer) {
            const qint64 campaignId = answer.toLongLong();
            const QString name = names.value(values.indexOf(answer));
            if (campaignId <= 0)
                return;
            Result<PitchRepository::AddOutcome> out = Error(QString());
            runJob(tr("Adding %n contact(s) to “%1”…", "", int(ids.size())).arg(name), int(ids.size()),
                [&](Database &db) { out = PitchRepository(db).addToMediaList(campaignId, ids); });
            if (!out) {
                showError(out.error().message);
                return;
            }
            if (!out->addedPitchIds.isEmpty()) {
                push(new AddToMediaListCommand(m_view->database(), campaignId, name, *out));
                ChangeNotifier::instance()->notifyCampaigns({ campaignId });
            }
            // Everybody skipped (do not contact, already listed) is named with the reason.
            const QString summary = tr("“%1”:", "campaign name").arg(name) + u' ' + out->summary();
            showStatus(summary, 10000);
            if (!out->refused.isEmpty())
                MessageBox::information(m_view, tr("Add to Campaign"), summary.toHtmlEscaped());
        });
}

void BulkActions::moveToTrash()
{
    const QList<qint64> ids = ContactSelection::selectedIds(m_view);
    if (ids.isEmpty())
        return;
    // No question asked: the trash and Undo both give the contacts back.
    if (ids.size() > kAnnounceAbove)
        showStatus(tr("Moving %n contact(s) to the trash…", "", int(ids.size())), 0);
    Result<QList<qint64>> trashed = Error(QString());
    runJob(tr("Moving %n contact(s) to the trash…", "", int(ids.size())), int(ids.size()),
        [&](Database &db) { trashed = BulkContactRepository(db).moveToTrash(ids); });
    if (!trashed) {
        showStatus(QString());
        showError(trashed.error().message);
        return;
    }
    const QString text = tr("Move %n contact(s) to the trash", "", int(trashed->size()));
    if (!trashed->isEmpty())
        push(new BulkTrashCommand(m_view, ids, *trashed, text));
    ContactSelection::refreshAndSelect(m_view, ids);
    showStatus(text + tr(". Undo with %1.").arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
}

#include "bulkactions.moc"
