#include "medialisttab.h"

#include "campaigns/pitchcommands.h"
#include "domain/contactfilter.h"
#include "itemmodels/medialistmodel.h"
#include "storage/campaignrepository.h"
#include "storage/changenotifier.h"
#include "storage/contactlistquery.h"
#include "storage/pitchrepository.h"
#include "storage/savedviewrepository.h"
#include "storage/searchrepository.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {
constexpr int kContactIdRole = Qt::UserRole + 1;
constexpr int kCompletionRole = Qt::UserRole + 2;
} // namespace

MediaListTab::MediaListTab(Database &db, QUndoStack *undoStack, QWidget *parent)
    : CampaignTab(db, undoStack, parent)
    , m_model(new MediaListModel(this))
{
    setObjectName(QStringLiteral("mediaListTab"));
    auto *layout = new QVBoxLayout(this);

    auto *bar = new QHBoxLayout;
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("addLineEdit"));
    m_nameEdit->setPlaceholderText(tr("Add a person: type a name, pick from the list"));
    m_nameEdit->setAccessibleName(tr("Add a person"));
    m_nameEdit->setClearButtonEnabled(true);
    m_completions = new QStandardItemModel(this);
    m_completer = new QCompleter(m_completions, this);
    m_completer->setObjectName(QStringLiteral("addCompleter"));
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionRole(kCompletionRole);
    m_nameEdit->setCompleter(m_completer);
    connect(m_nameEdit, &QLineEdit::textEdited, this, &MediaListTab::updateCompletions);
    // Picking a suggestion adds that very person (namesakes are told apart by title and outlet).
    connect(
        m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this, [this](const QModelIndex &index) {
            const qint64 id = index.data(kContactIdRole).toLongLong();
            if (id > 0) {
                // Enter in the list also reaches the field (addTyped): whichever comes first adds.
                if (m_model->rowOfContact(id) < 0)
                    addContacts({ id });
                // The completer writes the picked text into the field after this signal: clear it afterwards.
                QMetaObject::invokeMethod(m_nameEdit, &QLineEdit::clear, Qt::QueuedConnection);
            }
        });
    connect(m_nameEdit, &QLineEdit::returnPressed, this, &MediaListTab::addTyped);
    bar->addWidget(m_nameEdit, 2);
    auto *addButton = new QPushButton(tr("&Add"), this);
    addButton->setObjectName(QStringLiteral("addPushButton"));
    connect(addButton, &QPushButton::clicked, this, &MediaListTab::addTyped);
    bar->addWidget(addButton);
    bar->addSpacing(12);
    m_viewCombo = new QComboBox(this);
    m_viewCombo->setObjectName(QStringLiteral("savedViewComboBox"));
    m_viewCombo->setAccessibleName(tr("Saved view"));
    m_viewCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_viewCombo->setToolTip(tr("A saved view of the contact list: everybody it lists can be added at once"));
    bar->addWidget(m_viewCombo, 1);
    m_addViewButton = new QPushButton(tr("Add &everybody in the view"), this);
    m_addViewButton->setObjectName(QStringLiteral("addViewPushButton"));
    connect(m_addViewButton, &QPushButton::clicked, this, [this] {
        const qint64 id = m_viewCombo->currentData().toLongLong();
        if (id > 0)
            addSavedView(id);
    });
    bar->addWidget(m_addViewButton);
    bar->addSpacing(12);
    m_removeButton = new QPushButton(tr("&Remove"), this);
    m_removeButton->setObjectName(QStringLiteral("removePushButton"));
    m_removeButton->setToolTip(tr("Take the selected people off the media list (Delete)"));
    connect(m_removeButton, &QPushButton::clicked, this, &MediaListTab::removeSelected);
    bar->addWidget(m_removeButton);
    layout->addLayout(bar);

    m_noticeLabel = new QLabel(this);
    m_noticeLabel->setObjectName(QStringLiteral("noticeLabel"));
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setTextFormat(Qt::PlainText);
    m_noticeLabel->setFrameShape(QFrame::StyledPanel);
    m_noticeLabel->setMargin(6);
    m_noticeLabel->hide();
    layout->addWidget(m_noticeLabel);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(MediaListModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("mediaListTableView"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(MediaListModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(true);
    m_table->setColumnWidth(MediaListModel::NameColumn, 220);
    m_table->setColumnWidth(MediaListModel::WarningsColumn, 190);
    m_table->setColumnWidth(MediaListModel::OutletColumn, 160);
    m_table->setColumnWidth(MediaListModel::BeatsColumn, 150);
    // Never narrower than their titles (German "Beziehungsqualität").
    for (const int c : { int(MediaListModel::HealthColumn), int(MediaListModel::LastContactedColumn) })
        m_table->setColumnWidth(c, qMax(90, m_table->horizontalHeader()->sectionSizeHint(c)));
    m_table->installEventFilter(this);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT contactActivated(index.data(MediaListModel::ContactIdRole).toLongLong());
    });
    layout->addWidget(m_table, 1);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    layout->addWidget(m_countLabel);

    connect(ChangeNotifier::instance(), &ChangeNotifier::campaignsChanged, this, [this](const QList<qint64> &ids) {
        if (m_campaignId > 0 && (ids.isEmpty() || ids.contains(m_campaignId))) {
            if (isVisible())
                reload();
            else
                m_stale = true;
        }
    });
    // Names, outlets, do-not-contact and consent are the contacts' own fields; health and last contacted follow
    // their conversations.
    const auto contactsChanged = [this] {
        if (m_campaignId > 0) {
            if (isVisible())
                reload();
            else
                m_stale = true;
        }
    };
    connect(ChangeNotifier::instance(), &ChangeNotifier::contactsChanged, this, contactsChanged);
    connect(ChangeNotifier::instance(), &ChangeNotifier::interactionsChanged, this, contactsChanged);
}

MediaListTab::~MediaListTab() = default;

QString MediaListTab::title() const
{
    return tr("Media list");
}

void MediaListTab::setCampaign(qint64 campaignId)
{
    m_campaignId = campaignId;
    showNotice({});
    m_model->setRows({});
    m_campaignName.clear();
    if (campaignId > 0)
        if (Result<Campaign> c = CampaignRepository(db()).get(campaignId))
            m_campaignName = c->name;
    if (isVisible())
        reload();
    else
        m_stale = true;
}

void MediaListTab::showEvent(QShowEvent *event)
{
    CampaignTab::showEvent(event);
    loadSavedViews();
    if (m_stale)
        reload();
}

void MediaListTab::reload()
{
    m_stale = false;
    if (m_campaignId <= 0) {
        m_model->setRows({});
        m_countLabel->clear();
        return;
    }
    Result<QList<PitchRepository::MediaListRow>> rows = PitchRepository(db()).mediaList(m_campaignId);
    if (!rows) {
        Q_EMIT errorOccurred(rows.error().message);
        return;
    }
    m_model->setRows(*rows);
    int warned = 0;
    for (const auto &r : *rows)
        warned += r.warnings().isEmpty() ? 0 : 1;
    m_countLabel->setText(tr("%Ln person(s) on the media list", nullptr, int(rows->size()))
        + (warned > 0 ? QStringLiteral(" · ") + tr("%Ln with a warning", nullptr, warned) : QString()));
}

void MediaListTab::loadSavedViews()
{
    const qint64 current = m_viewCombo->currentData().toLongLong();
    m_viewCombo->clear();
    Result<QList<SavedView>> views = SavedViewRepository(db()).list(QStringLiteral("contacts"));
    if (views)
        for (const SavedView &v : *views)
            m_viewCombo->addItem(v.name, v.id);
    if (m_viewCombo->count() == 0)
        m_viewCombo->addItem(tr("No saved views yet"), 0);
    const int at = m_viewCombo->findData(current);
    if (at >= 0)
        m_viewCombo->setCurrentIndex(at);
    m_addViewButton->setEnabled(m_viewCombo->currentData().toLongLong() > 0);
}

QString MediaListTab::notice() const
{
    return m_noticeLabel->isVisible() ? m_noticeLabel->text() : QString();
}

void MediaListTab::showNotice(const QString &text)
{
    m_noticeLabel->setText(text);
    m_noticeLabel->setVisible(!text.isEmpty());
}

void MediaListTab::updateCompletions(const QString &text)
{
    m_completions->clear();
    const QString typed = text.trimmed();
    if (typed.isEmpty())
        return;
    Result<QList<ContactHit>> hits = SearchRepository(db()).searchContacts(typed, 12);
    if (!hits)
        return;
    for (const ContactHit &hit : *hits) {
        // Title and outlet as the quick log shows them: ten people of the same name must not look alike.
        QStringList detail { hit.title, hit.organizationName };
        detail.removeAll(QString());
        auto *item = new QStandardItem(detail.isEmpty() ? hit.displayName
                                                        : tr("%1 — %2", "completion: name — title, outlet")
                                                              .arg(hit.displayName, detail.join(QStringLiteral(", "))));
        item->setData(item->text(), kCompletionRole);
        item->setData(hit.id, kContactIdRole);
        item->setToolTip(item->text());
        m_completions->appendRow(item);
    }
    if (m_completions->rowCount() > 0)
        m_completer->complete();
}

void MediaListTab::addTyped()
{
    const QString typed = m_nameEdit->text().trimmed();
    if (typed.isEmpty())
        return;
    // The text of a suggestion picked with the keys or the mouse: already added when it was picked.
    for (int r = 0; r < m_completions->rowCount(); ++r) {
        if (m_completions->item(r)->data(kCompletionRole).toString() == typed) {
            if (m_model->rowOfContact(m_completions->item(r)->data(kContactIdRole).toLongLong()) < 0)
                addContacts({ m_completions->item(r)->data(kContactIdRole).toLongLong() });
            m_nameEdit->clear();
            return;
        }
    }
    Result<QList<ContactHit>> hits = SearchRepository(db()).searchContacts(typed, 5);
    if (!hits) {
        showNotice(hits.error().message);
        return;
    }
    QList<qint64> same;
    for (const ContactHit &hit : *hits)
        if (hit.displayName.compare(typed, Qt::CaseInsensitive) == 0)
            same.append(hit.id);
    if (same.size() == 1 || (same.isEmpty() && hits->size() == 1)) {
        addContacts({ same.isEmpty() ? hits->first().id : same.first() });
        m_nameEdit->clear();
        return;
    }
    showNotice(hits->isEmpty() ? tr("Nobody is called “%1”.").arg(typed)
                               : tr("Several people match “%1”: pick one from the list.").arg(typed));
}

void MediaListTab::addContacts(const QList<qint64> &contactIds)
{
    if (m_campaignId <= 0 || contactIds.isEmpty())
        return;
    Result<PitchRepository::AddOutcome> out = PitchRepository(db()).addToMediaList(m_campaignId, contactIds);
    if (!out) {
        showNotice(out.error().message);
        return;
    }
    // A single refusal says just why; several get the whole summary.
    if (out->addedPitchIds.isEmpty() && out->refused.size() == 1)
        showNotice(out->refused.first().message + u' ' + tr("Not added."));
    else
        showNotice(out->refused.isEmpty() ? QString() : out->summary());
    if (out->addedPitchIds.isEmpty())
        return;
    if (undoStack())
        undoStack()->push(new AddToMediaListCommand(db(), m_campaignId, m_campaignName, *out));
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    Q_EMIT statusMessage(tr("Added %n person(s) to the media list.", nullptr, int(out->addedPitchIds.size())));
    const int row = m_model->rowOfContact(out->addedContactIds.first());
    if (row >= 0)
        m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
}

void MediaListTab::addSavedView(qint64 viewId)
{
    Result<SavedView> view = SavedViewRepository(db()).get(viewId);
    if (!view) {
        showNotice(view.error().message);
        return;
    }
    ContactListQuery query(db());
    query.setFilter(ContactFilter::fromJson(view->definition.value(QStringLiteral("filter")).toObject()));
    Result<QList<qint64>> ids = query.orderedIds(ContactListQuery::SortKey::Name, Qt::AscendingOrder, kMaxFromView + 1);
    if (!ids) {
        showNotice(ids.error().message);
        return;
    }
    if (ids->size() > kMaxFromView) {
        showNotice(tr("“%1” lists more than %L2 people; narrow it down first (a media list is for the people you "
                      "will really pitch).")
                       .arg(view->name)
                       .arg(kMaxFromView));
        return;
    }
    if (ids->isEmpty()) {
        showNotice(tr("“%1” lists nobody.").arg(view->name));
        return;
    }
    addContacts(*ids);
}

void MediaListTab::removeSelected()
{
    QList<qint64> pitchIds;
    QStringList names;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows()) {
        pitchIds.append(i.data(MediaListModel::PitchIdRole).toLongLong());
        names.append(m_model->rows().at(m_proxy->mapToSource(i).row()).name);
    }
    if (pitchIds.isEmpty())
        return;
    const Status s = PitchRepository(db()).removeFromMediaList(pitchIds);
    if (!s) {
        showNotice(s.error().message);
        reload();
        return;
    }
    showNotice({});
    const QString text = names.size() == 1 ? tr("Remove %1 from the media list").arg(names.first())
                                           : tr("Remove %n people from the media list", nullptr, int(names.size()));
    if (undoStack())
        undoStack()->push(new RemoveFromMediaListCommand(db(), m_campaignId, pitchIds, text));
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
}

bool MediaListTab::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier) {
            removeSelected();
            return true;
        }
    }
    return CampaignTab::eventFilter(watched, event);
}
