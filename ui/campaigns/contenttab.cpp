#include "contenttab.h"

#include "common/formerror.h"
#include "common/messagebox.h"
#include "common/richtexteditor.h"
#include "common/wheelguard.h"
#include "contentcommands.h"
#include "core/statuscolor.h"
#include "domain/contentlabels.h"
#include "itemmodels/contentitemmodel.h"
#include "storage/changenotifier.h"
#include "storage/contentrepository.h"
#include "storage/userrepository.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextEdit>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

// The date edit's minimum stands for "no publish date" and shows as its special value text.
const QDate kNoDate(2000, 1, 1);

QTextDocument::MarkdownFeatures markdownDialect()
{
    return QTextDocument::MarkdownDialectGitHub;
}

} // namespace

ContentTab::ContentTab(Database &db, QUndoStack *undoStack, QWidget *parent)
    : CampaignTab(db, undoStack, parent)
{
    setObjectName(QStringLiteral("contentTab"));
    buildUi();
    clearEditor(false);
    connect(ChangeNotifier::instance(), &ChangeNotifier::campaignsChanged, this, &ContentTab::onCampaignsChanged);
}

ContentTab::~ContentTab() = default;

QString ContentTab::title() const
{
    return tr("Content");
}

void ContentTab::buildUi()
{
    m_model = new ContentItemModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ContentItemModel::SortRole);

    auto *newButton = new QPushButton(tr("&New Item"), this);
    newButton->setObjectName(QStringLiteral("newContentButton"));
    newButton->setToolTip(tr("Start a new content item (Ctrl+Shift+N)"));
    connect(newButton, &QPushButton::clicked, this, &ContentTab::newItem);
    auto *newAction = new QAction(this);
    newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(newAction, &QAction::triggered, this, &ContentTab::newItem);
    addAction(newAction);
    m_trash = new QPushButton(tr("Move to Trash"), this);
    m_trash->setObjectName(QStringLiteral("trashContentButton"));
    connect(m_trash, &QPushButton::clicked, this, &ContentTab::trashSelected);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("contentTableView"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ContentItemModel::UpdatedColumn, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(ContentItemModel::TitleColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ContentItemModel::KindColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ContentItemModel::StatusColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ContentItemModel::UpdatedColumn, QHeaderView::ResizeToContents);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            if (!m_loading && current.isValid())
                onCurrentRowChanged(current.data(ContentItemModel::IdRole).toLongLong());
        });
    auto *trashKey = new QAction(m_table);
    trashKey->setShortcut(QKeySequence::Delete);
    trashKey->setShortcutContext(Qt::WidgetShortcut);
    connect(trashKey, &QAction::triggered, this, &ContentTab::trashSelected);
    m_table->addAction(trashKey);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(m_trash);
    buttons->addStretch();
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_table);
    m_table->setMinimumHeight(m_table->verticalHeader()->defaultSectionSize() * 3 + 30);

    // The editor.
    m_editor = new QWidget(this);
    m_editor->setObjectName(QStringLiteral("contentEditorWidget"));
    auto *editorLayout = new QVBoxLayout(m_editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);

    auto *conflictRow = new QHBoxLayout;
    m_conflict = new QLabel(m_editor);
    m_conflict->setObjectName(QStringLiteral("conflictLabel"));
    m_conflict->setWordWrap(true);
    m_reload = new QPushButton(tr("Reload"), m_editor);
    m_reload->setObjectName(QStringLiteral("reloadButton"));
    m_reload->setToolTip(tr("Show the item as it is stored now; your unsaved changes are dropped"));
    connect(m_reload, &QPushButton::clicked, this, &ContentTab::discard);
    conflictRow->addWidget(m_conflict, 1);
    conflictRow->addWidget(m_reload);
    editorLayout->addLayout(conflictRow);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto withError = [this](QWidget *field, const QString &key) {
        QLabel *error = FormError::newLabel(m_editor, key + QStringLiteral("ErrorLabel"));
        m_errors.insert(key, error);
        return FormError::cell(field, error, m_editor);
    };
    m_title = new QLineEdit(m_editor);
    m_title->setObjectName(QStringLiteral("titleLineEdit"));
    m_title->setMaxLength(ContentRepository::kMaxTitle);
    form->addRow(tr("&Title:"), withError(m_title, QStringLiteral("title")));
    m_kind = new QComboBox(m_editor);
    m_kind->setObjectName(QStringLiteral("kindComboBox"));
    for (const QString &k : ContentItem::kinds())
        m_kind->addItem(ContentLabels::kindLabel(k), k);
    m_status = new QComboBox(m_editor);
    m_status->setObjectName(QStringLiteral("statusComboBox"));
    for (const QString &s : ContentItem::statuses())
        m_status->addItem(ContentLabels::statusLabel(s), s);
    auto *kindStatus = new QHBoxLayout;
    kindStatus->addWidget(m_kind);
    auto *statusLabel = new QLabel(tr("&Status:"), m_editor);
    statusLabel->setBuddy(m_status);
    kindStatus->addSpacing(12);
    kindStatus->addWidget(statusLabel);
    kindStatus->addWidget(m_status);
    kindStatus->addStretch();
    auto *kindLabel = new QLabel(tr("&Kind:"), m_editor);
    kindLabel->setBuddy(m_kind);
    form->addRow(kindLabel, kindStatus);
    m_url = new QLineEdit(m_editor);
    m_url->setObjectName(QStringLiteral("urlLineEdit"));
    m_url->setPlaceholderText(tr("https://newsroom.example.com/…"));
    m_publishDate = new QDateEdit(m_editor);
    m_publishDate->setObjectName(QStringLiteral("publishDateEdit"));
    m_publishDate->setCalendarPopup(true);
    m_publishDate->setMinimumDate(kNoDate);
    m_publishDate->setSpecialValueText(tr("Not set"));
    m_publishDate->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(withError(m_url, QStringLiteral("url")), 1);
    auto *dateLabel = new QLabel(tr("&Publish date:"), m_editor);
    dateLabel->setBuddy(m_publishDate);
    urlRow->addSpacing(12);
    urlRow->addWidget(dateLabel, 0, Qt::AlignTop);
    urlRow->addWidget(m_publishDate, 0, Qt::AlignTop);
    auto *urlLabel = new QLabel(tr("&URL:"), m_editor);
    urlLabel->setBuddy(m_url);
    form->addRow(urlLabel, urlRow);
    editorLayout->addLayout(form);

    m_pages = new QTabWidget(m_editor);
    m_pages->setObjectName(QStringLiteral("contentPagesTabWidget"));
    auto *textPage = new QWidget(m_pages);
    auto *textLayout = new QVBoxLayout(textPage);
    textLayout->setContentsMargins(4, 4, 4, 4);
    auto *body = new RichTextEditor(ContentRepository::kMaxBody, textPage);
    connect(body, &RichTextEditor::pasteRefused, this, [this](qsizetype total) {
        const QLocale locale;
        showError(QStringLiteral("body"),
            tr("That is too long to paste: the text would be %1 characters, and a content item holds at most %2 "
               "(about 1 MB). Nothing was pasted; put the full document on the web and enter its URL.")
                .arg(locale.toString(total), locale.toString(ContentRepository::kMaxBody)));
    });
    connect(body, &RichTextEditor::pasteAccepted, this, [this] {
        if (QLabel *l = m_errors.value(QStringLiteral("body")))
            l->hide();
    });
    m_body = body->textEdit();
    m_body->setObjectName(QStringLiteral("bodyTextEdit"));
    textLayout->addWidget(withError(body, QStringLiteral("body")), 1);
    m_pages->addTab(textPage, tr("Text"));

    auto *historyPage = new QWidget(m_pages);
    auto *historyLayout = new QVBoxLayout(historyPage);
    historyLayout->setContentsMargins(4, 4, 4, 4);
    auto *historySplit = new QSplitter(Qt::Horizontal, historyPage);
    m_versions = new QListWidget(historySplit);
    m_versions->setObjectName(QStringLiteral("versionsListWidget"));
    m_versionView = new QTextBrowser(historySplit);
    m_versionView->setObjectName(QStringLiteral("versionTextBrowser"));
    m_versionView->setOpenExternalLinks(false);
    historySplit->setStretchFactor(0, 1);
    historySplit->setStretchFactor(1, 2);
    historyLayout->addWidget(historySplit, 1);
    m_restoreVersion = new QPushButton(tr("&Restore This Version"), historyPage);
    m_restoreVersion->setObjectName(QStringLiteral("restoreVersionButton"));
    m_restoreVersion->setEnabled(false);
    auto *restoreRow = new QHBoxLayout;
    restoreRow->addStretch();
    restoreRow->addWidget(m_restoreVersion);
    historyLayout->addLayout(restoreRow);
    m_pages->addTab(historyPage, tr("History"));
    connect(m_versions, &QListWidget::currentRowChanged, this, &ContentTab::showVersion);
    connect(m_restoreVersion, &QPushButton::clicked, this, &ContentTab::restoreSelectedVersion);
    connect(m_pages, &QTabWidget::currentChanged, this, [this](int page) {
        if (page == 1)
            loadHistory();
    });
    editorLayout->addWidget(m_pages, 1);

    m_save = new QPushButton(tr("Save"), m_editor);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setToolTip(tr("Save the content item (Ctrl+S)"));
    connect(m_save, &QPushButton::clicked, this, &ContentTab::save);
    auto *saveAction = new QAction(this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(saveAction, &QAction::triggered, this, &ContentTab::save);
    addAction(saveAction);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    editorLayout->addLayout(saveRow);

    // The list above the editor: a campaign has a handful of items, and both get the tab's whole width (the
    // campaign list already takes the left of the window).
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("contentSplitter"));
    split->addWidget(left);
    split->addWidget(m_editor);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({ 215, 600 });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    WheelGuard::protectChildren(m_editor);

    // Anything typed marks the editor dirty (not while an item is being shown).
    const auto edited = [this] {
        if (!m_loading)
            setDirty(true);
    };
    connect(m_title, &QLineEdit::textEdited, this, edited);
    connect(m_url, &QLineEdit::textEdited, this, edited);
    connect(m_kind, &QComboBox::currentIndexChanged, this, edited);
    connect(m_status, &QComboBox::currentIndexChanged, this, edited);
    connect(m_publishDate, &QDateEdit::dateChanged, this, edited);
    connect(m_body->document(), &QTextDocument::contentsChanged, this, edited);
}

void ContentTab::setCampaign(qint64 campaignId)
{
    m_campaignId = campaignId;
    m_userNames.clear();
    if (Result<QList<User>> users = UserRepository(db()).all())
        for (const User &u : *users)
            m_userNames.insert(u.id, u.name);
    m_item = ContentItem();
    setDirty(false);
    reloadList();
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_proxy->index(0, ContentItemModel::TitleColumn));
    else
        clearEditor(false);
}

bool ContentTab::hasUnsavedChanges() const
{
    return m_dirty;
}

void ContentTab::reloadList()
{
    if (m_campaignId <= 0) {
        m_model->setItems({});
        return;
    }
    Result<QList<ContentItem>> items = ContentRepository(db()).list(m_campaignId);
    if (!items) {
        Q_EMIT errorOccurred(items.error().message);
        return;
    }
    m_loading = true;
    m_model->setItems(*items);
    m_loading = false;
    m_trash->setEnabled(m_item.id > 0);
}

void ContentTab::clearEditor(bool enabled)
{
    m_loading = true;
    m_title->clear();
    m_url->clear();
    m_kind->setCurrentIndex(0);
    m_status->setCurrentIndex(0);
    m_publishDate->setDate(kNoDate);
    m_body->clear();
    m_body->document()->setModified(false);
    m_versions->clear();
    m_versionView->clear();
    m_loading = false;
    clearErrors();
    m_conflict->hide();
    m_reload->hide();
    m_editor->setEnabled(enabled);
    m_trash->setEnabled(false);
}

void ContentTab::loadItem(qint64 id)
{
    Result<ContentItem> item = ContentRepository(db()).get(id);
    if (!item) {
        Q_EMIT errorOccurred(item.error().message);
        return;
    }
    showItem(*item);
}

void ContentTab::showItem(const ContentItem &item)
{
    m_item = item;
    m_loading = true;
    m_title->setText(item.title);
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(item.kind)));
    m_status->setCurrentIndex(qMax(0, m_status->findData(item.status)));
    m_url->setText(item.url);
    m_publishDate->setDate(item.publishedAt.isValid() ? item.publishedAt.toLocalTime().date() : kNoDate);
    m_body->document()->setMarkdown(item.body, markdownDialect());
    m_body->document()->setModified(false);
    m_body->moveCursor(QTextCursor::Start);
    m_loading = false;
    clearErrors();
    m_conflict->hide();
    m_reload->hide();
    m_editor->setEnabled(true);
    m_trash->setEnabled(item.id > 0);
    setDirty(false);
    if (const int row = m_model->rowOf(item.id); row >= 0) {
        m_loading = true;
        m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, ContentItemModel::TitleColumn)));
        m_loading = false;
    }
    if (m_pages->currentIndex() == 1)
        loadHistory();
    else
        m_versions->clear();
}

ContentItem ContentTab::itemFromEditor() const
{
    ContentItem c = m_item;
    c.campaignId = m_campaignId;
    c.title = m_title->text();
    c.kind = m_kind->currentData().toString();
    c.status = m_status->currentData().toString();
    c.url = m_url->text();
    const QDate date = m_publishDate->date();
    c.publishedAt = date.isValid() && date > kNoDate ? QDateTime(date, QTime(9, 0)).toUTC() : QDateTime();
    if (c.publishedAt.isValid() && m_item.publishedAt.isValid() && m_item.publishedAt.toLocalTime().date() == date)
        c.publishedAt = m_item.publishedAt; // the stored time of day stays
    // The stored Markdown stays byte for byte unless the text was edited.
    if (m_item.id == 0 || m_body->document()->isModified())
        c.body = m_body->document()->toMarkdown(markdownDialect());
    return c;
}

void ContentTab::showError(const QString &field, const QString &message)
{
    QLabel *label = m_errors.value(field);
    if (!label) {
        m_conflict->setText(message);
        m_conflict->show();
        return;
    }
    label->setText(message);
    label->show();
    if (field == u"title")
        m_title->setFocus();
    else if (field == u"url")
        m_url->setFocus();
    else if (field == u"body") {
        m_pages->setCurrentIndex(0);
        m_body->setFocus();
    }
}

void ContentTab::clearErrors()
{
    for (QLabel *l : std::as_const(m_errors)) {
        l->clear();
        l->hide();
    }
}

void ContentTab::setDirty(bool dirty)
{
    m_dirty = dirty;
    m_save->setEnabled(dirty || m_item.id == 0);
}

void ContentTab::newItem()
{
    if (m_campaignId <= 0)
        return;
    auto start = [this] {
        ContentItem fresh;
        fresh.campaignId = m_campaignId;
        clearEditor(true);
        m_item = fresh;
        m_loading = true;
        m_table->clearSelection();
        m_table->setCurrentIndex(QModelIndex());
        m_loading = false;
        m_pages->setCurrentIndex(0);
        setDirty(false);
        m_title->setFocus();
        m_save->setEnabled(true);
    };
    if (!m_dirty) {
        start();
        return;
    }
    MessageBox::question(this, tr("Unsaved changes"), tr("Discard your unsaved changes and start a new item?"),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel, this, [start](MessageBox::Button answer) {
            if (answer == QMessageBox::Discard)
                start();
        });
}

bool ContentTab::save()
{
    if (m_campaignId <= 0 || !m_editor->isEnabled())
        return false;
    clearErrors();
    m_conflict->hide();
    m_reload->hide();
    ContentItem item = itemFromEditor();
    const ContentItem before = m_item;
    ContentRepository repo(db());
    const bool creating = item.id == 0;
    const Status s = creating ? repo.create(item) : repo.update(item);
    if (!s) {
        if (s.error().code == Error::Code::Conflict) {
            m_conflict->setText(s.error().message);
            m_conflict->show();
            m_reload->show();
        } else {
            showError(s.error().field, s.error().message);
        }
        return false;
    }
    if (creating) {
        undoStack()->push(new TrashContentCommand(db(), TrashContentCommand::Kind::Create, item));
    } else {
        const bool statusOnly = before.status != item.status && before.title == item.title && before.body == item.body
            && before.url == item.url && before.kind == item.kind && before.publishedAt == item.publishedAt;
        undoStack()->push(new EditContentCommand(db(), before, item,
            statusOnly ? tr("Set “%1” to %2").arg(item.title, ContentLabels::statusLabel(item.status))
                       : tr("Edit “%1”").arg(item.title)));
    }
    m_item = item;
    m_body->document()->setModified(false);
    setDirty(false);
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    Q_EMIT statusMessage(tr("Saved “%1”.").arg(item.title));
    return true;
}

void ContentTab::discard()
{
    setDirty(false);
    if (m_item.id > 0)
        loadItem(m_item.id);
    else
        clearEditor(false);
}

void ContentTab::trashSelected()
{
    if (m_item.id <= 0)
        return;
    const ContentItem item = m_item;
    const Status s = ContentRepository(db()).moveToTrash(item.id);
    if (!s) {
        Q_EMIT errorOccurred(s.error().message);
        return;
    }
    undoStack()->push(new TrashContentCommand(db(), TrashContentCommand::Kind::Trash, item));
    setDirty(false); // its edits went with it; onCampaignsChanged() shows the next item
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    Q_EMIT statusMessage(tr("Moved “%1” to the trash.").arg(item.title));
}

void ContentTab::onCurrentRowChanged(qint64 id)
{
    if (id == m_item.id)
        return;
    if (!m_dirty) {
        loadItem(id);
        return;
    }
    if (m_asking)
        return;
    m_asking = true;
    const QString name = m_item.title.isEmpty() ? tr("The new item") : u'“' + m_item.title + u'”';
    MessageBox::question(this, tr("Unsaved changes"), tr("%1 has unsaved changes. Save them first?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save, this,
        [this, id](MessageBox::Button answer) {
            m_asking = false;
            if (answer == QMessageBox::Discard || (answer == QMessageBox::Save && save())) {
                setDirty(false);
                loadItem(id);
                return;
            }
            // Stay on the item being edited.
            m_loading = true;
            if (const int row = m_model->rowOf(m_item.id); row >= 0)
                m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, ContentItemModel::TitleColumn)));
            else
                m_table->clearSelection();
            m_loading = false;
        });
}

void ContentTab::showEvent(QShowEvent *event)
{
    CampaignTab::showEvent(event);
    if (m_stale) {
        m_stale = false;
        onCampaignsChanged({ m_campaignId });
    }
}

void ContentTab::onCampaignsChanged(const QList<qint64> &campaignIds)
{
    // A hidden tab only notes the change (the proposals' full-text query is not free); it reloads when shown.
    if (!isVisible() && m_campaignId > 0 && ChangeNotifier::concerns(campaignIds, m_campaignId)) {
        m_stale = true;
        return;
    }
    if (m_campaignId <= 0 || !ChangeNotifier::concerns(campaignIds, m_campaignId))
        return;
    reloadList();
    if (m_item.id <= 0)
        return;
    if (m_model->rowOf(m_item.id) < 0) { // moved to the trash (here, by an undo, or by someone else)
        if (!m_dirty) {
            m_item = ContentItem();
            clearEditor(false);
            // The row that became current as the other left (or the first) is shown: the view does not say
            // "current changed" when the row under the cursor merely took the place of the one removed.
            QModelIndex current = m_table->currentIndex();
            if (!current.isValid() && m_model->rowCount() > 0) {
                current = m_proxy->index(0, ContentItemModel::TitleColumn);
                m_loading = true;
                m_table->setCurrentIndex(current);
                m_loading = false;
            }
            if (current.isValid())
                loadItem(current.data(ContentItemModel::IdRole).toLongLong());
        }
        return;
    }
    Result<ContentItem> stored = ContentRepository(db()).get(m_item.id);
    if (!stored || stored->version == m_item.version)
        return;
    if (!m_dirty) {
        showItem(*stored);
    } else {
        m_conflict->setText(tr("This item was saved elsewhere meanwhile (an undo, another window or another "
                               "user). Saving now would be refused: copy your changes, then reload."));
        m_conflict->show();
        m_reload->show();
    }
}

void ContentTab::loadHistory()
{
    m_versions->clear();
    m_versionView->clear();
    m_versionList.clear();
    m_restoreVersion->setEnabled(false);
    if (m_item.id <= 0)
        return;
    Result<QList<ContentItemVersion>> versions = ContentRepository(db()).versions(m_item.id);
    if (!versions) {
        Q_EMIT errorOccurred(versions.error().message);
        return;
    }
    m_versionList = *versions;
    const QLocale locale;
    for (const ContentItemVersion &v : std::as_const(m_versionList)) {
        // Two lines, so that a narrow list still shows everything: which version and its status, then when and who.
        const QString who = m_userNames.value(v.savedBy);
        QString line = tr("Version %1 · %2").arg(v.version).arg(ContentLabels::statusLabel(v.status)) + u'\n'
            + locale.toString(v.savedAt.toLocalTime(), QLocale::ShortFormat);
        if (!who.isEmpty())
            line += QStringLiteral(" · ") + who;
        m_versions->addItem(line);
    }
    if (m_versionList.isEmpty()) {
        m_versionView->setPlainText(tr("No earlier versions yet: each save keeps the text it replaces here."));
        return;
    }
    m_versions->setCurrentRow(0);
}

void ContentTab::showVersion(int row)
{
    m_restoreVersion->setEnabled(row >= 0 && row < m_versionList.size());
    if (row < 0 || row >= m_versionList.size())
        return;
    const ContentItemVersion &v = m_versionList.at(row);
    // The title as a heading over the rendered body, unless the body opens with it already.
    const bool titled = v.body.trimmed().startsWith(QStringLiteral("# ") + v.title);
    m_versionView->setMarkdown(titled ? v.body : QStringLiteral("## ") + v.title + QStringLiteral("\n\n") + v.body);
}

void ContentTab::restoreSelectedVersion()
{
    const int row = m_versions->currentRow();
    if (row < 0 || row >= m_versionList.size() || m_item.id <= 0)
        return;
    const ContentItemVersion v = m_versionList.at(row);
    auto restore = [this, v] {
        ContentItem item = m_item;
        const ContentItem before = m_item;
        const Status s = ContentRepository(db()).restoreVersion(item, v.id);
        if (!s) {
            if (s.error().code == Error::Code::Conflict) {
                m_conflict->setText(s.error().message);
                m_conflict->show();
                m_reload->show();
            } else {
                Q_EMIT errorOccurred(s.error().message);
            }
            return;
        }
        undoStack()->push(new EditContentCommand(
            db(), before, item, tr("Restore version %1 of “%2”").arg(v.version).arg(item.title)));
        setDirty(false);
        showItem(item);
        loadHistory();
        ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
        Q_EMIT statusMessage(tr("Restored version %1 of “%2”.").arg(v.version).arg(item.title));
    };
    if (!m_dirty) {
        restore();
        return;
    }
    MessageBox::question(this, tr("Unsaved changes"),
        tr("Restoring version %1 drops your unsaved changes. Restore it?").arg(v.version),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel, this, [restore](MessageBox::Button answer) {
            if (answer == QMessageBox::Discard)
                restore();
        });
}
