#include "contactfollowupspanel.h"

#include "core/clock.h"
#include "followups/followupcommand.h"
#include "itemmodels/followupmodel.h"
#include "storage/changenotifier.h"
#include "storage/database.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

// Rows shown before the list scrolls: a profile with a long backlog keeps its form in view.
constexpr int kVisibleRows = 4;

} // namespace

ContactFollowUpsPanel::ContactFollowUpsPanel(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("contactFollowUpsPanel"));
    setAccessibleName(tr("Open follow-ups"));

    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("followUpsTitleLabel"));
    QFont bold = m_titleLabel->font();
    bold.setBold(true);
    m_titleLabel->setFont(bold);

    auto makeButton = [this](const char *name, const QString &text, const QString &tip) {
        auto *button = new QToolButton(this);
        button->setObjectName(QString::fromLatin1(name));
        button->setText(text);
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    };
    m_completeButton = makeButton("completeToolButton", tr("&Done"), tr("Mark the selected follow-up as done"));
    m_snoozeDayButton = makeButton("snoozeDayToolButton", tr("+1 day"), tr("Move the selected follow-up one day on"));
    m_snoozeWeekButton
        = makeButton("snoozeWeekToolButton", tr("+1 week"), tr("Move the selected follow-up one week on"));
    connect(m_completeButton, &QToolButton::clicked, this, &ContactFollowUpsPanel::completeCurrent);
    connect(m_snoozeDayButton, &QToolButton::clicked, this, [this] { snoozeCurrent(1); });
    connect(m_snoozeWeekButton, &QToolButton::clicked, this, [this] { snoozeCurrent(7); });

    m_model = new FollowUpModel(m_db, FollowUpModel::Mode::Flat, this);
    connect(m_model, &FollowUpModel::errorOccurred, this, &ContactFollowUpsPanel::errorOccurred);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("contactFollowUpsTreeView"));
    m_tree->setAccessibleName(tr("Open follow-ups with this contact"));
    m_tree->setModel(m_model);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setHeaderHidden(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setColumnHidden(FollowUpModel::ContactColumn, true); // the profile's own contact
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(FollowUpModel::NoteColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(
        FollowUpModel::DueColumn, fontMetrics().horizontalAdvance(QStringLiteral("Wed 30 Sep, 00:00")) + 24);
    m_tree->header()->resizeSection(FollowUpModel::AssigneeColumn, fontMetrics().averageCharWidth() * 14);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &ContactFollowUpsPanel::updateState);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_titleLabel, 1);
    top->addWidget(m_completeButton);
    top->addWidget(m_snoozeDayButton);
    top->addWidget(m_snoozeWeekButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 2, 8, 4);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_tree);

    connect(ChangeNotifier::instance(), &ChangeNotifier::followUpsChanged, this, &ContactFollowUpsPanel::reload);
    hide();
}

void ContactFollowUpsPanel::setContactId(qint64 id)
{
    if (id == m_model->contactId() && id > 0)
        return;
    m_model->setContactId(id);
    reload();
}

void ContactFollowUpsPanel::reload()
{
    const qint64 keep = m_tree->currentIndex().data(FollowUpModel::IdRole).toLongLong();
    if (!m_model->refresh())
        return;
    const int rows = m_model->rowCount();
    if (rows > 0) {
        const QModelIndex again = m_model->indexOf(keep);
        m_tree->setCurrentIndex(again.isValid() ? again : m_model->index(0, 0));
    }
    const int rowHeight = qMax(m_tree->sizeHintForRow(0), fontMetrics().height() + 4);
    m_tree->setFixedHeight(rowHeight * qBound(1, rows, kVisibleRows) + 2 * m_tree->frameWidth());
    m_titleLabel->setText(tr("Open follow-ups (%L1)").arg(rows));
    setVisible(rows > 0);
    updateState();
}

void ContactFollowUpsPanel::updateState()
{
    const bool enabled = !m_db.isReadOnly() && m_tree->currentIndex().isValid();
    for (QToolButton *button : { m_completeButton, m_snoozeDayButton, m_snoozeWeekButton })
        button->setEnabled(enabled);
}

void ContactFollowUpsPanel::push(FollowUpCommand *command)
{
    if (const Status s = FollowUpCommand::run(command, m_undoStack); !s)
        Q_EMIT errorOccurred(s.error().message);
}

void ContactFollowUpsPanel::completeCurrent()
{
    if (const std::optional<FollowUp> f = m_model->followUp(m_tree->currentIndex()))
        push(FollowUpCommand::complete(m_db, *f));
}

void ContactFollowUpsPanel::snoozeCurrent(int days)
{
    if (const std::optional<FollowUp> f = m_model->followUp(m_tree->currentIndex())) {
        push(FollowUpCommand::snoozeBy(m_db, *f, days));
    }
}
