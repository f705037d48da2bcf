#include "organizationsview.h"

#include "common/listtable.h"
#include "common/messagebox.h"
#include "contacts/conflictdialog.h"
#include "domain/recordmerge.h"
#include "itemmodels/organizationlistmodel.h"
#include "organizationcommands.h"
#include "organizationeditor.h"
#include "storage/changenotifier.h"
#include "storage/organizationrepository.h"
#include "storage/softdelete.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {
const QString kHeaderKey = QStringLiteral("organizations/listHeader");
const QString kSplitterKey = QStringLiteral("organizations/splitter");

QString withShortcut(const QString &text, const QKeySequence &shortcut)
{
    return shortcut.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText));
}
} // namespace

OrganizationsView::OrganizationsView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    // Listed when the section is first shown, not at start-up (20,000 organizations sorted by name: 13 % of the
    // instructions before the window's first paint).
    , m_model(new OrganizationListModel(db, this, OrganizationListModel::Load::Later))
    , m_tableView(new QTableView(this))
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchLineEdit"));
    m_search->setPlaceholderText(tr("Search by name, city, country or website"));
    m_search->setAccessibleName(tr("Search organizations"));
    m_search->setClearButtonEnabled(true);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    auto *newButton = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New"), this);
    newButton->setObjectName(QStringLiteral("newButton"));

    auto *toolBar = new QHBoxLayout;
    toolBar->setContentsMargins(6, 6, 6, 6);
    toolBar->setSpacing(8);
    toolBar->addWidget(m_search, 1);
    toolBar->addWidget(m_countLabel);
    toolBar->addWidget(newButton);

    m_tableView->setObjectName(QStringLiteral("organizationsTableView"));
    m_tableView->setAccessibleName(tr("Organizations"));
    ListTable::setUp(m_tableView, QAbstractItemView::SingleSelection);
    m_tableView->setModel(m_model);
    QHeaderView *columns = m_tableView->horizontalHeader();
    columns->setStretchLastSection(true);
    const int ch = fontMetrics().averageCharWidth();
    const std::pair<int, int> widths[] = {{OrganizationListModel::NameColumn, 28}, {OrganizationListModel::KindColumn, 14},
        {OrganizationListModel::CityColumn, 14}, {OrganizationListModel::CountryColumn, 14},
        {OrganizationListModel::ReachColumn, 11}, {OrganizationListModel::PeopleColumn, 9}};
    for (const auto &[column, chars] : widths) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        columns->resizeSection(column, qMax(chars * ch, columns->fontMetrics().horizontalAdvance(title) + 5 * ch));
    }
    columns->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_tableView->setSortingEnabled(true);
    // Organizations (and their people counts) changed in bulk (an import, its undo): a list already read is read
    // again; one not read yet will be when the section is first shown.
    const auto reread = [this] {
        if (m_model->isLoaded())
            refresh();
    };
    // Named organizations (a save here or elsewhere, the server's notifications) the model updates in place
    // itself, keeping the scroll position; "some, not known which" (an import) is read again.
    connect(ChangeNotifier::instance(), &ChangeNotifier::organizationsChanged, this,
        [reread](const QList<qint64> &ids) {
            if (ids.isEmpty())
                reread();
        });
    connect(ChangeNotifier::instance(), &ChangeNotifier::contactSetChanged, this, reread);

    m_editor = new OrganizationEditor(db, this);
    m_editor->setObjectName(QStringLiteral("organizationEditor"));
    auto *placeholder = new QLabel(tr("Select an organization to see its details and its people."), this);
    placeholder->setObjectName(QStringLiteral("noOrganizationSelectedLabel"));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_detail = new QStackedWidget(this);
    m_detail->setObjectName(QStringLiteral("organizationDetailStackedWidget"));
    m_detail->addWidget(placeholder);
    m_detail->addWidget(m_editor);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("organizationsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_tableView);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(toolBar);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_search, m_tableView);

    createActions();
    newButton->setToolTip(m_menuActions.first()->toolTip());
    connect(newButton, &QPushButton::clicked, this, &OrganizationsView::newOrganization);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setFilterText(text);
        selectRowOf(m_editor->organizationId());
        updateCount();
    });
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { onCurrentRowChanged(current); });
    connect(m_model, &OrganizationListModel::errorOccurred, this, &OrganizationsView::errorOccurred);
    connect(m_editor, &OrganizationEditor::saveRequested, this, &OrganizationsView::save);
    connect(m_editor, &OrganizationEditor::revertRequested, this, &OrganizationsView::revert);
    connect(m_editor, &OrganizationEditor::contactActivated, this, &OrganizationsView::contactActivated);
    updateCount();
}

OrganizationsView::~OrganizationsView() = default;

QAction *OrganizationsView::addMenuAction(const QString &text, const QKeySequence &shortcut, const char *objectName)
{
    auto *action = new QAction(text, this);
    action->setObjectName(QString::fromLatin1(objectName));
    action->setShortcut(shortcut);
    action->setToolTip(withShortcut(QString(text).remove(u'&'), shortcut));
    action->setEnabled(false); // until the section is shown
    m_menuActions.append(action);
    addAction(action);
    return action;
}

void OrganizationsView::createActions()
{
    QAction *add = addMenuAction(tr("&New Organization"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
        "newOrganizationAction");
    add->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    connect(add, &QAction::triggered, this, &OrganizationsView::newOrganization);
    m_saveAction = addMenuAction(tr("&Save Organization"), QKeySequence::Save, "saveOrganizationAction");
    m_saveAction->setIcon(QIcon::fromTheme(QStringLiteral("document-save")));
    connect(m_saveAction, &QAction::triggered, this, &OrganizationsView::save);
    QAction *revertAction = addMenuAction(tr("Re&vert Changes"), {}, "revertOrganizationAction");
    connect(revertAction, &QAction::triggered, this, &OrganizationsView::revert);
    m_deleteAction = addMenuAction(tr("&Move to Trash"), QKeySequence::Delete, "deleteOrganizationAction");
    m_deleteAction->setIcon(QIcon::fromTheme(QStringLiteral("user-trash")));
    // Only from the list: Delete in a text field deletes text.
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_tableView->addAction(m_deleteAction);
    connect(m_deleteAction, &QAction::triggered, this, &OrganizationsView::deleteCurrent);
}

void OrganizationsView::showEvent(QShowEvent *event)
{
    for (QAction *action : std::as_const(m_menuActions))
        action->setEnabled(true);
    ensureListed();
    QWidget::showEvent(event);
    // After the list is painted, so the section opens at once and the first keystroke needs no loading.
    QTimer::singleShot(0, m_model, &OrganizationListModel::prepareSearch);
}

void OrganizationsView::hideEvent(QHideEvent *event)
{
    for (QAction *action : std::as_const(m_menuActions))
        action->setEnabled(false);
    QWidget::hideEvent(event);
}

bool OrganizationsView::hasUnsavedChanges() const
{
    return m_detail->currentWidget() == m_editor && m_editor->isDirty();
}

void OrganizationsView::updateCount()
{
    const int shown = m_model->rowCount();
    const int total = m_model->totalCount();
    m_countLabel->setText(shown == total ? tr("%L1 organizations").arg(total) : tr("%L1 of %L2").arg(shown).arg(total));
}

void OrganizationsView::selectRowOf(qint64 id)
{
    QItemSelectionModel *selection = m_tableView->selectionModel();
    const int row = id > 0 ? m_model->rowOf(id) : -1;
    if (row < 0) {
        const QSignalBlocker blocker(selection);
        selection->clear();
        m_tableView->viewport()->update();
        return;
    }
    const QModelIndex index = m_model->index(row, OrganizationListModel::NameColumn);
    selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tableView->scrollTo(index);
}

void OrganizationsView::onCurrentRowChanged(const QModelIndex &current)
{
    const qint64 id = current.isValid() ? m_model->idAt(current.row()) : 0;
    if (id <= 0 || (m_detail->currentWidget() == m_editor && id == m_editor->organizationId()))
        return;
    if (!hasUnsavedChanges()) {
        load(id);
        return;
    }
    // Ask after the view has finished changing the selection, then put it back until answered.
    QMetaObject::invokeMethod(this, [this, id] { askThenShow(id); }, Qt::QueuedConnection);
}

void OrganizationsView::ensureListed()
{
    if (m_model->isLoaded())
        return;
    m_model->load();
    updateCount();
}

void OrganizationsView::showOrganization(qint64 id)
{
    ensureListed();
    if (hasUnsavedChanges() && id != m_editor->organizationId())
        askThenShow(id);
    else
        load(id);
}

void OrganizationsView::askThenShow(qint64 id)
{
    if (m_asking)
        return;
    m_asking = true;
    selectRowOf(m_editor->organizationId());
    const QString name = m_editor->organization().name.trimmed();
    MessageBox::question(this, tr("Unsaved changes"),
        name.isEmpty() ? tr("Save the new organization before leaving it?")
                       : tr("“%1” has unsaved changes. Save them before leaving it?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save, this,
        [this, id](MessageBox::Button answer) {
            m_asking = false;
            if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save()))
                return;
            load(id);
        });
}

bool OrganizationsView::confirmLeave(const std::function<void()> &proceed)
{
    if (!hasUnsavedChanges())
        return true;
    if (m_asking)
        return false;
    m_asking = true;
    const QString name = m_editor->organization().name.trimmed();
    MessageBox::question(this, tr("Unsaved changes"),
        name.isEmpty() ? tr("Save the new organization before leaving it?")
                       : tr("“%1” has unsaved changes. Save them before leaving it?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save, this,
        [this, proceed](MessageBox::Button answer) {
            m_asking = false;
            if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save()))
                return;
            if (answer == QMessageBox::Discard)
                revert();
            proceed();
        });
    return false;
}

void OrganizationsView::load(qint64 id)
{
    OrganizationRepository repo(m_db);
    Result<Organization> organization = repo.get(id);
    if (!organization) {
        MessageBox::critical(this, tr("Organization not opened"), organization.error().message);
        refresh();
        return;
    }
    m_editor->load(*organization);
    m_detail->setCurrentWidget(m_editor);
    m_deleteAction->setEnabled(isVisible());
    selectRowOf(id);
}

void OrganizationsView::newOrganization()
{
    if (hasUnsavedChanges()) {
        MessageBox::question(this, tr("Unsaved changes"), tr("Discard your unsaved changes and start a new organization?"),
            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel, this, [this](MessageBox::Button answer) {
                if (answer != QMessageBox::Discard)
                    return;
                m_editor->load(Organization{});
                newOrganization();
            });
        return;
    }
    m_editor->load(Organization{});
    m_detail->setCurrentWidget(m_editor);
    selectRowOf(0);
    m_editor->focusName();
}

bool OrganizationsView::save()
{
    if (m_detail->currentWidget() != m_editor)
        return false;
    Organization organization = m_editor->organization();
    const Organization before = m_editor->loadedOrganization();
    OrganizationRepository repo(m_db);
    const bool creating = organization.id <= 0;
    if (!creating && !m_editor->isDirty())
        return true;
    const Status status = creating ? repo.create(organization) : repo.update(organization);
    if (!status) {
        if (!creating && status.error().code == Error::Code::Conflict && status.error().field.isEmpty())
            if (const std::optional<bool> merged = mergeConcurrentEdit(before, organization))
                return *merged; // saved merged, or the conflict dialog decides
        m_editor->showError(status.error());
        return false;
    }
    if (m_undoStack) {
        if (creating)
            m_undoStack->push(new TrashOrganizationCommand(
                m_db, this, TrashOrganizationCommand::Kind::Create, organization.id, organization.name));
        else
            m_undoStack->push(new EditOrganizationCommand(m_db, this, before, organization));
    }
    m_editor->load(organization);
    refresh();
    return true;
}

std::optional<bool> OrganizationsView::mergeConcurrentEdit(const Organization &original, const Organization &mine)
{
    // Somebody saved this organization since it was loaded (issue 14): fields only they changed are taken,
    // fields only this person changed stay; the same field changed by both goes to the conflict dialog.
    Result<Organization> theirs = OrganizationRepository(m_db).get(mine.id);
    if (!theirs)
        return std::nullopt;
    const QString who = ConflictDialog::whoChanged(m_db, QStringLiteral("organization"), mine.id);
    if (const Result<bool> trashed = SoftDelete::isTrashed(m_db, QStringLiteral("organizations"), mine.id);
        trashed && *trashed) {
        m_editor->showError(Error { ConflictDialog::trashedMeanwhile(mine.name, who), Error::Code::Conflict });
        return false; // nothing written into a record in the trash; the typing stays
    }
    const RecordMerge::Outcome<Organization> outcome = RecordMerge::merge(original, mine, *theirs);
    const Organization before = *theirs;
    QPointer<OrganizationsView> self(this);
    const auto saveMerged = [self, before](Organization merged, const QString &said) {
        if (!self)
            return false;
        if (Status s = OrganizationRepository(self->m_db).update(merged); !s) {
            self->m_editor->showError(s.error()); // changed yet again meanwhile: the banner says to reload
            return false;
        }
        if (self->m_undoStack)
            self->m_undoStack->push(new EditOrganizationCommand(self->m_db, self, before, merged));
        self->m_editor->load(merged);
        self->refresh();
        Q_EMIT self->statusMessage(said);
        return true;
    };
    if (outcome.conflicts.isEmpty()) {
        return saveMerged(outcome.merged,
            tr("“%1” saved, merged with what %2 changed meanwhile (%3).")
                .arg(outcome.merged.name, who, FieldMerge::theirLabels(RecordMerge::organizationFields(), outcome)));
    }
    ConflictDialog::ask<Organization>(this, theirs->name, RecordMerge::organizationFields(), outcome, original,
        *theirs, who, [saveMerged](const Organization &chosen) {
            saveMerged(chosen, OrganizationsView::tr("“%1” saved with your choices.").arg(chosen.name));
        });
    return false; // not yet: the dialog decides
}

void OrganizationsView::revert()
{
    const qint64 id = m_editor->organizationId();
    if (id > 0) {
        load(id);
    } else {
        m_editor->load(Organization{});
        m_detail->setCurrentIndex(0);
    }
}

void OrganizationsView::deleteCurrent()
{
    const qint64 id = m_detail->currentWidget() == m_editor ? m_editor->organizationId() : 0;
    if (id <= 0)
        return;
    const QString name = m_editor->loadedOrganization().name;
    auto moveToTrash = [this, id, name] {
        OrganizationRepository repo(m_db);
        if (Status s = repo.moveToTrash(id); !s) {
            MessageBox::critical(this, tr("Organization not deleted"), s.error().message);
            return;
        }
        const int row = m_model->rowOf(id);
        if (m_undoStack)
            m_undoStack->push(new TrashOrganizationCommand(m_db, this, TrashOrganizationCommand::Kind::Delete, id, name));
        m_editor->load(Organization{});
        m_detail->setCurrentIndex(0);
        refresh();
        // Go on with the organization that took its place, as a mail client does.
        if (const qint64 next = m_model->idAt(qMin(row, m_model->rowCount() - 1)); row >= 0 && next > 0)
            load(next);
    };
    OrganizationRepository repo(m_db);
    const Result<qint64> people = repo.peopleCount(id);
    if (!people || *people == 0) {
        moveToTrash();
        return;
    }
    MessageBox::question(this, tr("Move to the trash?"),
        tr("%n people work at “%1”. They keep their other details and show no organization while it is in the "
           "trash. Move it to the trash?", nullptr, static_cast<int>(*people))
            .arg(name),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes, this, [moveToTrash](MessageBox::Button answer) {
            if (answer == QMessageBox::Yes)
                moveToTrash();
        });
}

void OrganizationsView::refresh()
{
    m_model->refresh();
    if (m_detail->currentWidget() == m_editor && m_editor->organizationId() > 0)
        selectRowOf(m_editor->organizationId());
    m_editor->refreshPeople();
    updateCount();
}

void OrganizationsView::organizationChangedByCommand(qint64 id, const Status &status)
{
    if (!status)
        MessageBox::critical(this, tr("Could not undo or redo"), status.error().message);
    m_model->refresh();
    updateCount();
    if (m_model->contains(id)) {
        // Never over unsaved edits of another organization.
        if (!hasUnsavedChanges() || m_editor->organizationId() == id)
            load(id);
        else
            selectRowOf(m_editor->organizationId());
    } else if (m_editor->organizationId() == id) {
        m_editor->load(Organization{});
        m_detail->setCurrentIndex(0);
        selectRowOf(0);
    }
}

void OrganizationsView::saveSettings(QSettings &settings) const
{
    settings.setValue(kHeaderKey, m_tableView->horizontalHeader()->saveState());
    settings.setValue(kSplitterKey, m_splitter->saveState());
}

void OrganizationsView::restoreSettings(const QSettings &settings)
{
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    QHeaderView *columns = m_tableView->horizontalHeader();
    if (!columns->restoreState(settings.value(kHeaderKey).toByteArray()))
        return;
    m_model->sort(columns->sortIndicatorSection(), columns->sortIndicatorOrder());
}

void OrganizationsView::setUndoStack(QUndoStack *stack)
{
    m_undoStack = stack;
    m_editor->setUndoStack(stack);
}
