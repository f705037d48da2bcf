#include "inboxview.h"

#include "core/statuscolor.h"
#include "domain/network.h"
#include "inbox/inboxcommand.h"
#include "itemmodels/inboxmodel.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/searchrepository.h"

#include <QAction>
#include <QCompleter>
#include <QDesktopServices>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStringListModel>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

namespace {

// An Inbox author's network (handles.network) in words.
QString networkLabel(const QString &key)
{
    const std::optional<Network> network = Networks::fromKey(key);
    return network ? Networks::label(*network) : key;
}

QString authorTitle(const InboxEntry &e)
{
    return e.authorName.trimmed().isEmpty() ? e.handle : e.authorName.trimmed();
}

QLabel *errorLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, StatusColor::danger());
    label->setPalette(p);
    label->hide();
    return label;
}

} // namespace

InboxView::InboxView(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("inboxView"));
    setAccessibleName(tr("Inbox"));
    // Items synced or triaged elsewhere (another person, another window): once per burst, once loaded.
    connect(ChangeNotifier::instance(), &ChangeNotifier::inboxChanged, this, [this] {
        if (!m_loaded || m_refreshQueued)
            return;
        m_refreshQueued = true;
        QTimer::singleShot(50, this, [this] {
            m_refreshQueued = false;
            refresh();
        });
    });

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(8, 8, 8, 4);
    auto *title = new QLabel(tr("Inbox"), this);
    title->setObjectName(QStringLiteral("titleLabel"));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title->setFont(big);
    toolbar->addWidget(title);
    toolbar->addStretch();

    m_model = new InboxModel(this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("inboxTreeView"));
    m_tree->setAccessibleName(tr("Authors waiting in the Inbox"));
    m_tree->setModel(m_model);
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(InboxModel::AuthorColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(InboxModel::NetworkColumn, fontMetrics().averageCharWidth() * 12);
    m_tree->header()->resizeSection(InboxModel::ItemsColumn, fontMetrics().averageCharWidth() * 8);
    m_tree->header()->resizeSection(
        InboxModel::NewestColumn, fontMetrics().horizontalAdvance(QStringLiteral("Yesterday 00:00")) + 24);

    // Enter and Delete belong to the list only: in the "another contact" field they type.
    m_linkFirstAction = addAction_(QStringLiteral("linkFirstAction"), tr("&Link to First Suggestion"),
        QKeySequence(Qt::Key_Return), tr("Link the author to the first suggested contact"), m_tree);
    m_linkFirstAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_linkFirstAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_linkFirstAction, &QAction::triggered, this, &InboxView::linkToFirstSuggestion);
    m_createAction = addAction_(QStringLiteral("createContactAction"), tr("&Create Contact"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), tr("Make a new contact from the author"), this);
    connect(m_createAction, &QAction::triggered, this, &InboxView::createContact);
    m_ignoreAction = addAction_(QStringLiteral("ignoreAction"), tr("&Ignore This Person"), QKeySequence(Qt::Key_Delete),
        tr("Drop the author's items and skip them from now on"), m_tree);
    m_ignoreAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_ignoreAction, &QAction::triggered, this, &InboxView::ignoreCurrent);
    m_tree->addActions(m_actions);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        if (!m_refreshing)
            showCurrent();
    });

    m_emptyLabel = new QLabel(tr("The Inbox is empty. Posts and messages from people who are not contacts yet "
                                 "appear here after a sync (File → Accounts…)."),
        this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->hide();

    // The selected author: who, what they wrote last, and what to do with them.
    m_detail = new QWidget(this);
    m_detail->setObjectName(QStringLiteral("detailWidget"));
    auto *detail = new QVBoxLayout(m_detail);
    detail->setContentsMargins(12, 8, 12, 8);
    m_nameLabel = new QLabel(m_detail);
    m_nameLabel->setObjectName(QStringLiteral("authorNameLabel"));
    QFont bold = m_nameLabel->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_nameLabel->setFont(bold);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_handleLabel = new QLabel(m_detail);
    m_handleLabel->setObjectName(QStringLiteral("authorHandleLabel"));
    m_handleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_handleLabel->setForegroundRole(QPalette::PlaceholderText);
    m_latestLabel = new QLabel(m_detail);
    m_latestLabel->setObjectName(QStringLiteral("latestTextLabel"));
    m_latestLabel->setWordWrap(true);
    m_latestLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_latestLabel->setFrameShape(QFrame::StyledPanel);
    m_latestLabel->setMargin(8);
    m_latestLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_latestMetaLabel = new QLabel(m_detail);
    m_latestMetaLabel->setObjectName(QStringLiteral("latestMetaLabel"));
    m_latestMetaLabel->setOpenExternalLinks(true);
    m_latestMetaLabel->setForegroundRole(QPalette::PlaceholderText);
    detail->addWidget(m_nameLabel);
    detail->addWidget(m_handleLabel);
    detail->addSpacing(6);
    detail->addWidget(m_latestLabel);
    detail->addWidget(m_latestMetaLabel);
    detail->addSpacing(10);

    auto *suggestionsTitle = new QLabel(tr("Is this one of your contacts?"), m_detail);
    suggestionsTitle->setFont(bold);
    detail->addWidget(suggestionsTitle);
    m_suggestionsLayout = new QVBoxLayout;
    m_suggestionsLayout->setSpacing(4);
    detail->addLayout(m_suggestionsLayout);
    m_noSuggestionsLabel = new QLabel(tr("No contact looks like this author."), m_detail);
    m_noSuggestionsLabel->setObjectName(QStringLiteral("noSuggestionsLabel"));
    m_noSuggestionsLabel->setForegroundRole(QPalette::PlaceholderText);
    detail->addWidget(m_noSuggestionsLabel);

    auto *otherRow = new QHBoxLayout;
    auto *otherLabel = new QLabel(tr("Link to &another contact:"), m_detail);
    m_otherEdit = new QLineEdit(m_detail);
    m_otherEdit->setObjectName(QStringLiteral("otherContactLineEdit"));
    m_otherEdit->setAccessibleName(tr("Link to another contact"));
    m_otherEdit->setPlaceholderText(tr("Type a name"));
    otherLabel->setBuddy(m_otherEdit);
    m_completions = new QStringListModel(this);
    m_completer = new QCompleter(m_completions, this);
    m_completer->setObjectName(QStringLiteral("contactsCompleter"));
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_otherEdit->setCompleter(m_completer);
    connect(m_otherEdit, &QLineEdit::textEdited, this, &InboxView::updateCompletions);
    connect(m_otherEdit, &QLineEdit::returnPressed, this, &InboxView::linkToTypedContact);
    auto *otherButton = new QPushButton(tr("Link"), m_detail);
    otherButton->setObjectName(QStringLiteral("linkOtherPushButton"));
    otherButton->setAutoDefault(false);
    connect(otherButton, &QPushButton::clicked, this, &InboxView::linkToTypedContact);
    otherRow->addWidget(otherLabel);
    otherRow->addWidget(m_otherEdit, 1);
    otherRow->addWidget(otherButton);
    detail->addLayout(otherRow);
    m_otherErrorLabel = errorLabel(m_detail, QStringLiteral("otherContactErrorLabel"));
    detail->addWidget(m_otherErrorLabel);
    detail->addSpacing(10);

    auto *buttons = new QHBoxLayout;
    m_createButton = new QPushButton(m_detail);
    m_createButton->setObjectName(QStringLiteral("createContactPushButton"));
    m_createButton->setAutoDefault(false);
    m_createButton->setToolTip(m_createAction->toolTip());
    connect(m_createButton, &QPushButton::clicked, m_createAction, &QAction::trigger);
    m_ignoreButton = new QPushButton(tr("Ignore this person"), m_detail);
    m_ignoreButton->setObjectName(QStringLiteral("ignorePushButton"));
    m_ignoreButton->setAutoDefault(false);
    m_ignoreButton->setToolTip(m_ignoreAction->toolTip());
    connect(m_ignoreButton, &QPushButton::clicked, m_ignoreAction, &QAction::trigger);
    buttons->addWidget(m_createButton);
    buttons->addWidget(m_ignoreButton);
    buttons->addStretch();
    detail->addLayout(buttons);
    detail->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("detailScrollArea"));
    scroll->setWidget(m_detail);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("inboxSplitter"));
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addWidget(m_emptyLabel, 1);
    splitter->addWidget(left);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(splitter, 1);

    // The first load comes after the window's first paint (MainWindow), so opening Rapport never waits for it,
    // or when shown before that.
    showCurrent();
}

void InboxView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loaded)
        refresh();
}

QAction *InboxView::addAction_(
    const QString &objectName, const QString &text, const QKeySequence &key, const QString &tip, QWidget *on)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    if (on != this)
        on->addAction(action);
    addAction(action);
    m_actions.append(action);
    return action;
}

void InboxView::refresh()
{
    m_loaded = true;
    SyncRepository repo(m_db);
    Result<QList<InboxEntry>> entries = repo.inbox();
    if (!entries) {
        Q_EMIT errorOccurred(entries.error().message);
        return;
    }
    const int keepRow = qMax(0, m_tree->currentIndex().row());
    const InboxEntry *before = currentEntry();
    const QString keepNetwork = before ? before->network : QString();
    const QString keepHandle = before ? before->handle : QString();

    // Rows come and go by difference; the details follow once, below.
    m_refreshing = true;
    m_model->setEntries(*entries);
    const bool empty = m_model->rowCount() == 0;
    m_tree->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
    // Keep the author in view; if it left the Inbox, the one that took its place.
    if (!selectAuthor(keepNetwork, keepHandle) && !empty)
        m_tree->setCurrentIndex(m_model->index(qBound(0, keepRow, m_model->rowCount() - 1), 0));
    m_refreshing = false;
    showCurrent();

    const int count = m_model->rowCount();
    if (count != m_lastCount) {
        m_lastCount = count;
        Q_EMIT countChanged(count);
    }
}

int InboxView::authorCount() const
{
    return m_model->rowCount();
}

QList<InboxEntry> InboxView::entries() const
{
    return m_model->entries();
}

const InboxEntry *InboxView::currentEntry() const
{
    const QModelIndex current = m_tree->currentIndex();
    return current.isValid() ? m_model->entryAt(current.row()) : nullptr;
}

bool InboxView::selectAuthor(const QString &network, const QString &handle)
{
    const int row = m_model->rowOf(network, handle);
    if (row < 0)
        return false;
    m_tree->setCurrentIndex(m_model->index(row, 0));
    return true;
}

void InboxView::showCurrent()
{
    qDeleteAll(m_suggestionRows);
    m_suggestionRows.clear();
    m_suggestions.clear();
    m_otherErrorLabel->hide();
    const InboxEntry *e = currentEntry();
    m_detail->setEnabled(e != nullptr);
    if (!e) {
        m_nameLabel->clear();
        m_handleLabel->clear();
        m_latestLabel->clear();
        m_latestMetaLabel->clear();
        m_createButton->setText(tr("Create contact"));
        m_noSuggestionsLabel->hide();
        updateActions();
        return;
    }
    m_nameLabel->setText(authorTitle(*e));
    m_handleLabel->setText(tr("%1 on %2").arg(e->handle, networkLabel(e->network)));
    m_latestLabel->setText(e->latestText);
    QString meta = tr("Newest of %n item(s): %1", nullptr, e->itemCount).arg(InboxModel::whenText(e->latestAt));
    if (const QUrl url(e->latestUrl); url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http"))
        meta = meta.toHtmlEscaped() + QStringLiteral(" · <a href=\"%1\">%2</a>")
                                          .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), tr("Open"));
    else
        meta = meta.toHtmlEscaped();
    m_latestMetaLabel->setText(meta);
    m_createButton->setText(tr("Create contact “%1”").arg(authorTitle(*e)));

    Result<QList<ContactSuggestion>> suggestions = SyncRepository(m_db).suggestions(*e);
    if (!suggestions)
        Q_EMIT errorOccurred(suggestions.error().message);
    else
        m_suggestions = *suggestions;
    for (int i = 0; i < m_suggestions.size(); ++i) {
        const ContactSuggestion &s = m_suggestions.at(i);
        auto *row = new QWidget(m_detail);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *button = new QPushButton(tr("Link to %1").arg(s.displayName), row);
        button->setObjectName(QStringLiteral("linkSuggestion%1PushButton").arg(i));
        button->setAutoDefault(false);
        if (i == 0)
            button->setToolTip(tr("Link to %1 (%2)")
                    .arg(s.displayName, m_linkFirstAction->shortcut().toString(QKeySequence::NativeText)));
        const qint64 id = s.contactId;
        const QString name = s.displayName;
        connect(button, &QPushButton::clicked, this, [this, id, name] { linkTo(id, name); });
        QStringList about{s.organizationName, s.reason};
        about.removeAll(QString());
        auto *reason = new QLabel(about.join(QStringLiteral(" · ")), row);
        reason->setForegroundRole(QPalette::PlaceholderText);
        h->addWidget(button);
        h->addWidget(reason, 1);
        m_suggestionsLayout->addWidget(row);
        m_suggestionRows.append(row);
    }
    m_noSuggestionsLabel->setVisible(m_suggestions.isEmpty());
    updateActions();
}

void InboxView::updateActions()
{
    const bool writable = !m_db.isReadOnly() && currentEntry();
    m_linkFirstAction->setEnabled(writable && !m_suggestions.isEmpty());
    m_createAction->setEnabled(writable);
    m_ignoreAction->setEnabled(writable);
    m_createButton->setEnabled(writable);
    m_ignoreButton->setEnabled(writable);
}

void InboxView::push(InboxCommand *command)
{
    if (!command->apply()) {
        Q_EMIT errorOccurred(command->lastError());
        delete command;
        return;
    }
    const QList<qint64> contacts = command->contactId() > 0 ? QList<qint64>{command->contactId()} : QList<qint64>{};
    QString message;
    switch (command->kind()) {
    case InboxCommand::Kind::Link:
    case InboxCommand::Kind::Create:
        message = tr("%1: %n item(s) moved to the contact's history.", nullptr, command->movedItems()).arg(command->text());
        break;
    case InboxCommand::Kind::Ignore:
        message = tr("%1: its items were removed; later ones will be skipped.").arg(command->text());
        break;
    }
    if (m_undoStack)
        m_undoStack->push(command);
    else
        delete command;
    refresh();
    if (!contacts.isEmpty())
        Q_EMIT contactsChanged(contacts);
    Q_EMIT statusMessage(message);
}

InboxCommand::Changed InboxView::changedHook()
{
    // Commands outlive nothing but the stack; the view may go first when the window closes.
    QPointer<InboxView> self(this);
    return [self](const QList<qint64> &contactIds, const QString &error) {
        if (!self)
            return;
        if (!error.isEmpty())
            Q_EMIT self->errorOccurred(error);
        self->refresh();
        if (!contactIds.isEmpty())
            Q_EMIT self->contactsChanged(contactIds);
    };
}

void InboxView::linkToFirstSuggestion()
{
    if (!m_suggestions.isEmpty())
        linkTo(m_suggestions.first().contactId, m_suggestions.first().displayName);
}

void InboxView::linkTo(qint64 contactId, const QString &contactName)
{
    const InboxEntry *e = currentEntry();
    if (!e || contactId <= 0 || m_db.isReadOnly())
        return;
    push(InboxCommand::link(m_db, e->network, e->handle, e->authorName, contactId, contactName, changedHook()));
}

void InboxView::updateCompletions(const QString &text)
{
    m_otherErrorLabel->hide();
    const QString typed = text.trimmed();
    if (typed.isEmpty()) {
        m_completions->setStringList({});
        return;
    }
    Result<QList<ContactHit>> hits = SearchRepository(m_db).searchContacts(typed, 12);
    QStringList items;
    if (hits) {
        for (const ContactHit &hit : *hits) {
            m_known.insert(hit.displayName.toLower(), hit.id);
            items.append(hit.displayName);
        }
    }
    m_completions->setStringList(items);
    if (!items.isEmpty())
        m_completer->complete();
}

void InboxView::linkToTypedContact()
{
    const QString name = m_otherEdit->text().simplified();
    const auto fail = [this](const QString &message) {
        m_otherErrorLabel->setText(message);
        m_otherErrorLabel->show();
        m_otherEdit->setFocus();
    };
    if (name.isEmpty())
        return fail(tr("Type the name of the contact this author is."));
    qint64 id = m_known.value(name.toLower());
    if (id == 0) {
        Result<QList<ContactHit>> hits = SearchRepository(m_db).searchContacts(name, 5);
        if (!hits)
            return fail(hits.error().message);
        for (const ContactHit &hit : *hits) {
            if (hit.displayName.compare(name, Qt::CaseInsensitive) == 0)
                id = hit.id;
        }
        if (id == 0 && hits->size() == 1)
            id = hits->first().id;
        if (id == 0)
            return fail(hits->isEmpty() ? tr("No contact is called “%1”.").arg(name)
                                        : tr("Several contacts match “%1”: pick one from the list.").arg(name));
    }
    m_otherEdit->clear();
    m_completions->setStringList({});
    linkTo(id, name);
    m_tree->setFocus();
}

void InboxView::createContact()
{
    const InboxEntry *e = currentEntry();
    if (!e || m_db.isReadOnly())
        return;
    push(InboxCommand::create(m_db, e->network, e->handle, e->authorName, changedHook()));
}

void InboxView::ignoreCurrent()
{
    const InboxEntry *e = currentEntry();
    if (!e || m_db.isReadOnly())
        return;
    push(InboxCommand::ignore(m_db, e->network, e->handle, e->authorName, changedHook()));
}
