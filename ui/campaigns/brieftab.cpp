#include "brieftab.h"

#include "campaigneditcommands.h"
#include "contacts/conflictdialog.h"
#include "contacts/tagsedit.h"
#include "itemmodels/campaignlistmodel.h"
#include "storage/campaignrepository.h"
#include "storage/softdelete.h"
#include "storage/changenotifier.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QStringListModel>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

// A date field that can be empty: the minimum date stands for "not set".
const QDate kNoDate(2000, 1, 1);

QDateEdit *dateEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(kNoDate);
    edit->setSpecialValueText(BriefTab::tr("Not set", "no date"));
    edit->setDate(kNoDate);
    return edit;
}

QDate dateOf(const QDateEdit *edit)
{
    return edit->date() == kNoDate ? QDate() : edit->date();
}

QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    label->setPalette(palette);
    label->hide();
    return label;
}

QPlainTextEdit *paragraphs(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * 4);
    return edit;
}

} // namespace

BriefTab::BriefTab(Database &db, QUndoStack *undoStack, QWidget *parent)
    : CampaignTab(db, undoStack, parent)
{
    setObjectName(QStringLiteral("briefTab"));
    build();
    setEnabled(false); // until a campaign is open
}

BriefTab::~BriefTab() = default;

QString BriefTab::title() const
{
    return tr("Brief");
}

void BriefTab::build()
{
    m_conflict = new QLabel(this);
    m_conflict->setObjectName(QStringLiteral("conflictLabel"));
    m_conflict->setWordWrap(true);
    m_reloadButton = new QPushButton(tr("Re&load Theirs"), this);
    m_reloadButton->setObjectName(QStringLiteral("reloadButton"));
    m_reloadButton->setToolTip(tr("Show the brief as it is stored now; your edits are dropped"));
    auto *banner = new QWidget(this);
    banner->setObjectName(QStringLiteral("conflictBanner"));
    banner->setAutoFillBackground(true);
    QPalette bannerPalette = banner->palette();
    bannerPalette.setColor(QPalette::Window, QColor(0xff, 0xf1, 0xc2));
    bannerPalette.setColor(QPalette::WindowText, QColor(0x3d, 0x2e, 0x00));
    banner->setPalette(bannerPalette);
    auto *bannerLayout = new QHBoxLayout(banner);
    bannerLayout->addWidget(m_conflict, 1);
    bannerLayout->addWidget(m_reloadButton);
    banner->hide();
    connect(m_reloadButton, &QPushButton::clicked, this, [this] { load(m_campaign.id); });

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameLineEdit"));
    m_name->setMaxLength(300);
    m_nameError = errorLabel(QStringLiteral("nameErrorLabel"), this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameError);

    m_client = new QLineEdit(this);
    m_client->setObjectName(QStringLiteral("clientLineEdit"));
    m_client->setPlaceholderText(tr("The client organization: type to pick one"));
    m_clientNames = new QStringListModel(this);
    auto *completer = new QCompleter(m_clientNames, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_client->setCompleter(completer);
    connect(m_client, &QLineEdit::textEdited, this, &BriefTab::lookUpClient);
    m_clientError = errorLabel(QStringLiteral("clientErrorLabel"), this);
    form->addRow(tr("&Client:"), m_client);
    form->addRow(QString(), m_clientError);

    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusComboBox"));
    for (const QString &status : Campaign::statuses())
        m_status->addItem(CampaignListModel::statusLabel(status), status);
    form->addRow(tr("&Status:"), m_status);

    m_starts = dateEdit(QStringLiteral("startsDateEdit"), this);
    m_ends = dateEdit(QStringLiteral("endsDateEdit"), this);
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_starts);
    auto *to = new QLabel(tr("to", "from date to date"), this);
    dates->addWidget(to);
    dates->addWidget(m_ends);
    for (QDateEdit *edit : { m_starts, m_ends }) {
        auto *clear = new QToolButton(this);
        clear->setObjectName(edit->objectName() + QStringLiteral("ClearButton"));
        clear->setText(QStringLiteral("×"));
        clear->setToolTip(tr("No date"));
        clear->setAutoRaise(true);
        connect(clear, &QToolButton::clicked, edit, [edit] { edit->setDate(kNoDate); });
        dates->insertWidget(dates->indexOf(edit) + 1, clear);
    }
    dates->addStretch();
    m_dateError = errorLabel(QStringLiteral("dateErrorLabel"), this);
    // A row made of a layout gets a label without a buddy, which shows its "&" instead of an accelerator.
    auto *datesLabel = new QLabel(tr("&Dates:"), this);
    datesLabel->setBuddy(m_starts);
    form->addRow(datesLabel, dates);
    form->addRow(QString(), m_dateError);

    m_owner = new QComboBox(this);
    m_owner->setObjectName(QStringLiteral("ownerComboBox"));
    form->addRow(tr("&Owner:"), m_owner);

    m_team = new QListWidget(this);
    m_team->setObjectName(QStringLiteral("teamListWidget"));
    m_team->setAccessibleName(tr("Team members"));
    m_team->setUniformItemSizes(true);
    // Room for five people; more scroll.
    m_team->setFixedHeight((m_team->fontMetrics().height() + 6) * 5 + 2 * m_team->frameWidth());
    form->addRow(tr("&Team:"), m_team);

    m_description = paragraphs(QStringLiteral("descriptionTextEdit"), tr("What the campaign is about"), this);
    form->addRow(tr("D&escription:"), m_description);
    m_goals
        = paragraphs(QStringLiteral("goalsTextEdit"), tr("What counts as success, e.g. ten tier-one articles"), this);
    form->addRow(tr("&Goals:"), m_goals);
    m_keyMessages
        = paragraphs(QStringLiteral("keyMessagesTextEdit"), tr("What every pitch and article should carry"), this);
    form->addRow(tr("&Key messages:"), m_keyMessages);
    m_topics = new TagsEdit(this);
    m_topics->setObjectName(QStringLiteral("topicsEdit"));
    m_topics->setPlaceholderText(tr("Keywords, separated by commas: used to suggest whom to pitch"));
    form->addRow(tr("To&pics:"), m_topics);

    m_saveButton = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save"), this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_revertButton = new QPushButton(tr("Re&vert"), this);
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(6, 0, 6, 6);
    buttons->addStretch();
    buttons->addWidget(m_revertButton);
    buttons->addWidget(m_saveButton);
    connect(m_saveButton, &QPushButton::clicked, this, &BriefTab::save);
    connect(m_revertButton, &QPushButton::clicked, this, &BriefTab::revert);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addLayout(form);
    contentLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(banner);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    auto *saveAction = new QAction(tr("Save Brief"), this);
    saveAction->setObjectName(QStringLiteral("saveBriefAction"));
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(saveAction);
    connect(saveAction, &QAction::triggered, this, &BriefTab::save);
    m_saveButton->setToolTip(tr("Save the brief (%1)").arg(saveAction->shortcut().toString(QKeySequence::NativeText)));

    setFocusProxy(m_name);

    const auto changed = [this] {
        if (!m_loading)
            setDirty(true);
    };
    for (QLineEdit *edit : { m_name, m_client, static_cast<QLineEdit *>(m_topics) })
        connect(edit, &QLineEdit::textChanged, this, changed);
    for (QPlainTextEdit *edit : { m_description, m_goals, m_keyMessages })
        connect(edit, &QPlainTextEdit::textChanged, this, changed);
    for (QComboBox *combo : { m_status, m_owner })
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
    for (QDateEdit *edit : { m_starts, m_ends }) {
        connect(edit, &QDateEdit::dateChanged, this, changed);
        connect(edit, &QDateEdit::dateChanged, this, &BriefTab::updateDateError);
    }
    connect(m_team, &QListWidget::itemChanged, this, changed);
    connect(m_name, &QLineEdit::textChanged, m_nameError, &QWidget::hide);
    connect(m_client, &QLineEdit::textChanged, m_clientError, &QWidget::hide);
    // Someone else (another window, a sync, an undo) changed this campaign: show it, unless edits are pending.
    connect(ChangeNotifier::instance(), &ChangeNotifier::campaignsChanged, this, [this](const QList<qint64> &ids) {
        if (m_campaign.id > 0 && ChangeNotifier::concerns(ids, m_campaign.id) && !m_dirty)
            load(m_campaign.id);
    });
    setDirty(false);
}

void BriefTab::setCampaign(qint64 campaignId)
{
    if (campaignId == m_campaign.id && !m_dirty)
        return;
    load(campaignId);
}

void BriefTab::load(qint64 id)
{
    findChild<QWidget *>(QStringLiteral("conflictBanner"))->hide();
    clearFieldErrors();
    if (id <= 0) {
        m_campaign = Campaign();
        m_campaign.id = 0;
        show(m_campaign);
        setEnabled(false);
        return;
    }
    Result<Campaign> campaign = CampaignRepository(db()).get(id);
    if (!campaign) {
        Q_EMIT errorOccurred(campaign.error().message);
        m_campaign = Campaign();
        show(m_campaign);
        setEnabled(false);
        return;
    }
    m_campaign = std::move(campaign).value();
    m_clientName.clear();
    if (m_campaign.clientId > 0) {
        if (Result<Organization> client = OrganizationRepository(db()).get(m_campaign.clientId))
            m_clientName = client->name;
    }
    show(m_campaign);
    setEnabled(true);
}

void BriefTab::fillUsers()
{
    m_owner->clear();
    m_team->clear();
    m_owner->addItem(tr("Nobody"), qint64(0));
    Result<QList<User>> users = UserRepository(db()).all();
    if (!users) {
        Q_EMIT errorOccurred(users.error().message);
        return;
    }
    for (const User &user : *users) {
        m_owner->addItem(user.name, user.id);
        auto *item = new QListWidgetItem(user.name, m_team);
        item->setData(Qt::UserRole, user.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
}

void BriefTab::show(const Campaign &c)
{
    m_loading = true;
    fillUsers();
    m_name->setText(c.name);
    m_client->setText(m_clientName);
    m_description->setPlainText(c.description);
    m_goals->setPlainText(c.goals);
    m_keyMessages->setPlainText(c.keyMessages);
    m_topics->setTags(c.topics);
    m_starts->setDate(c.startsAt.isValid() ? c.startsAt.toLocalTime().date() : kNoDate);
    m_ends->setDate(c.endsAt.isValid() ? c.endsAt.toLocalTime().date() : kNoDate);
    m_status->setCurrentIndex(qMax(0, m_status->findData(c.status)));
    int owner = m_owner->findData(c.ownerId);
    if (owner < 0 && c.ownerId > 0) { // a user the list does not know (yet)
        m_owner->addItem(tr("User %1").arg(c.ownerId), c.ownerId);
        owner = m_owner->count() - 1;
    }
    m_owner->setCurrentIndex(qMax(0, owner));
    for (int i = 0; i < m_team->count(); ++i) {
        QListWidgetItem *item = m_team->item(i);
        item->setCheckState(c.memberIds.contains(item->data(Qt::UserRole).toLongLong()) ? Qt::Checked : Qt::Unchecked);
    }
    m_loading = false;
    updateDateError();
    setDirty(false);
}

Campaign BriefTab::edited() const
{
    Campaign c = m_campaign;
    c.name = m_name->text();
    c.description = m_description->toPlainText();
    c.goals = m_goals->toPlainText();
    c.keyMessages = m_keyMessages->toPlainText();
    c.topics = m_topics->tags();
    c.status = m_status->currentData().toString();
    c.ownerId = m_owner->currentData().toLongLong();
    // An unchanged date keeps its stored time; a new one starts at the start of its day and ends at its end.
    const QDate starts = dateOf(m_starts);
    const QDate ends = dateOf(m_ends);
    if (starts != (m_campaign.startsAt.isValid() ? m_campaign.startsAt.toLocalTime().date() : QDate()))
        c.startsAt = starts.isValid() ? starts.startOfDay() : QDateTime();
    if (ends != (m_campaign.endsAt.isValid() ? m_campaign.endsAt.toLocalTime().date() : QDate()))
        c.endsAt = ends.isValid() ? ends.endOfDay() : QDateTime();
    c.memberIds.clear();
    for (int i = 0; i < m_team->count(); ++i) {
        if (m_team->item(i)->checkState() == Qt::Checked)
            c.memberIds.append(m_team->item(i)->data(Qt::UserRole).toLongLong());
    }
    std::sort(c.memberIds.begin(), c.memberIds.end());
    return c;
}

void BriefTab::updateDateError()
{
    const QDate starts = dateOf(m_starts);
    const QDate ends = dateOf(m_ends);
    if (starts.isValid() && ends.isValid() && ends < starts)
        showFieldError(QStringLiteral("endsAt"),
            tr("The campaign cannot end before it starts (%1).").arg(QLocale().toString(starts, QLocale::ShortFormat)));
    else
        m_dateError->hide();
}

void BriefTab::showFieldError(const QString &field, const QString &message)
{
    QLabel *label = m_dateError;
    QWidget *focus = m_ends;
    if (field == u"name") {
        label = m_nameError;
        focus = m_name;
    } else if (field == u"client") {
        label = m_clientError;
        focus = m_client;
    } else if (field == u"status") {
        label = m_dateError;
        focus = m_status;
    }
    label->setText(message);
    label->show();
    Q_UNUSED(focus)
}

void BriefTab::clearFieldErrors()
{
    for (QLabel *label : { m_nameError, m_clientError, m_dateError })
        label->hide();
}

void BriefTab::lookUpClient(const QString &text)
{
    QStringList names;
    if (Result<QList<OrganizationRepository::NameHit>> hits
        = OrganizationRepository(db()).findByName(text.trimmed(), 15)) {
        for (const auto &hit : *hits)
            names << hit.name;
    }
    m_clientNames->setStringList(names);
}

void BriefTab::setDirty(bool dirty)
{
    m_dirty = dirty;
    m_saveButton->setEnabled(dirty && !db().isReadOnly());
    m_revertButton->setEnabled(dirty);
}

bool BriefTab::save()
{
    if (m_campaign.id <= 0 || db().isReadOnly())
        return false;
    if (!m_dirty)
        return true;
    clearFieldErrors();
    Campaign after = edited();
    // The client by its name: an organization that exists (the completer offers them), or none.
    const QString clientName = m_client->text().trimmed();
    if (clientName.isEmpty()) {
        after.clientId = 0;
    } else if (clientName.compare(m_clientName, Qt::CaseInsensitive) != 0 || m_campaign.clientId <= 0) {
        Result<qint64> id = OrganizationRepository(db()).idByName(clientName);
        if (!id) {
            showFieldError(QStringLiteral("client"), id.error().message);
            return false;
        }
        if (*id <= 0) {
            showFieldError(QStringLiteral("client"),
                tr("There is no organization named “%1”. Pick one from the list, or add it in Organizations first.")
                    .arg(clientName));
            m_client->setFocus();
            return false;
        }
        after.clientId = *id;
    }
    const Campaign before = m_campaign;
    const Status status = CampaignRepository(db()).update(after);
    if (!status) {
        const Error &error = status.error();
        if (error.code == Error::Code::Conflict) {
            if (const std::optional<bool> merged = mergeConcurrentEdit(before, after))
                return *merged;
            m_conflict->setText(error.message);
            findChild<QWidget *>(QStringLiteral("conflictBanner"))->show();
        } else if (error.code == Error::Code::Validation) {
            showFieldError(error.field, error.message);
        } else {
            Q_EMIT errorOccurred(error.message);
        }
        return false;
    }
    m_clientName = after.clientId > 0 ? clientName : QString();
    finishSave(before, after, tr("Saved the brief of “%1”.").arg(after.name), false);
    return true;
}

void BriefTab::finishSave(const Campaign &before, const Campaign &after, const QString &said, bool showSaved)
{
    findChild<QWidget *>(QStringLiteral("conflictBanner"))->hide();
    if (undoStack())
        undoStack()->push(new EditCampaignCommand(db(), before, after));
    if (showSaved) {
        load(after.id); // merged: the form shows what was saved, their fields too
    } else {
        m_campaign = after;
        setDirty(false);
    }
    ChangeNotifier::instance()->notifyCampaigns({ after.id });
    Q_EMIT statusMessage(said);
}

RecordMerge::Names BriefTab::names() const
{
    RecordMerge::Names n;
    QPointer<const BriefTab> self(this);
    n.user = [self](qint64 id) {
        const int i = self ? self->m_owner->findData(id) : -1;
        return i >= 0 ? self->m_owner->itemText(i) : QString();
    };
    n.organization = [self](qint64 id) {
        if (!self)
            return QString();
        Result<Organization> o = OrganizationRepository(self->db()).get(id);
        return o ? o->name : QString();
    };
    return n;
}

std::optional<bool> BriefTab::mergeConcurrentEdit(const Campaign &original, const Campaign &mine)
{
    // Somebody saved this campaign since it was loaded (issue 14): fields only they changed are taken,
    // fields only this person changed stay; the same field changed by both goes to the conflict dialog.
    Result<Campaign> theirs = CampaignRepository(db()).get(mine.id);
    if (!theirs)
        return std::nullopt;
    const QString who = ConflictDialog::whoChanged(db(), QStringLiteral("campaign"), mine.id);
    if (const Result<bool> trashed = SoftDelete::isTrashed(db(), QStringLiteral("campaigns"), mine.id);
        trashed && *trashed) {
        m_conflict->setText(ConflictDialog::trashedMeanwhile(mine.name, who));
        findChild<QWidget *>(QStringLiteral("conflictBanner"))->show();
        return false; // nothing written into a campaign in the trash; the typing stays
    }
    const RecordMerge::Names n = names();
    const RecordMerge::Outcome<Campaign> outcome = RecordMerge::merge(original, mine, *theirs, n);
    const Campaign before = *theirs;
    QPointer<BriefTab> self(this);
    const auto saveMerged = [self, before](Campaign merged, const QString &said) {
        if (!self)
            return false;
        if (Status s = CampaignRepository(self->db()).update(merged); !s) {
            // Changed yet again meanwhile: the banner offers to reload.
            self->m_conflict->setText(s.error().message);
            self->findChild<QWidget *>(QStringLiteral("conflictBanner"))->show();
            return false;
        }
        self->finishSave(before, merged, said, true);
        return true;
    };
    if (outcome.conflicts.isEmpty()) {
        return saveMerged(outcome.merged,
            tr("Saved the brief of “%1”, merged with what %2 changed meanwhile (%3).")
                .arg(outcome.merged.name, who, FieldMerge::theirLabels(RecordMerge::campaignFields(), outcome)));
    }
    ConflictDialog::ask<Campaign>(this, theirs->name, RecordMerge::campaignFields(n), outcome, original, *theirs,
        who, [saveMerged](const Campaign &chosen) {
            saveMerged(chosen, BriefTab::tr("Saved the brief of “%1” with your choices.").arg(chosen.name));
        });
    return false; // not yet: the dialog decides
}

void BriefTab::revert()
{
    load(m_campaign.id);
}
