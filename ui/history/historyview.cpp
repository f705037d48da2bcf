#include "historyview.h"

#include "itemmodels/historymodel.h"
#include "storage/database.h"
#include "storage/historyquery.h"
#include "storage/userrepository.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QShowEvent>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

// Period choices: days back from now; 0 = all time.
constexpr int kPeriods[] = { 0, 1, 7, 30, 365 };

} // namespace

HistoryView::HistoryView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_model(new HistoryModel(this))
{
    setObjectName(QStringLiteral("historyView"));
    m_person = new QComboBox(this);
    m_person->setObjectName(QStringLiteral("historyPersonComboBox"));
    m_person->setToolTip(tr("Only the changes of this person"));
    m_person->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("historyPeriodComboBox"));
    m_period->setToolTip(tr("Only the changes of this period"));
    for (int days : kPeriods) {
        const QString label = days == 0 ? tr("All time")
            : days == 1                 ? tr("Today and yesterday")
            : days == 365               ? tr("Last 12 months")
                                        : tr("Last %n days", nullptr, days);
        m_period->addItem(label, days);
    }
    auto *personLabel = new QLabel(tr("&Person:"), this);
    personLabel->setBuddy(m_person);
    auto *periodLabel = new QLabel(tr("P&eriod:"), this);
    periodLabel->setBuddy(m_period);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("historyTreeView"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(HistoryModel::WhenColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(HistoryModel::WhoColumn, QHeaderView::ResizeToContents);
    // A profile's panel is narrow: each change reads "Field: before → after" in What (the tooltip has it all).
    m_tree->setColumnHidden(HistoryModel::BeforeColumn, true);
    m_tree->setColumnHidden(HistoryModel::AfterColumn, true);

    m_empty = new QLabel(tr("No changes recorded."), this);
    m_empty->setObjectName(QStringLiteral("historyEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(personLabel);
    bar->addWidget(m_person);
    bar->addSpacing(12);
    bar->addWidget(periodLabel);
    bar->addWidget(m_period);
    bar->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_empty, 1);

    auto *refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refresh, &QAction::triggered, this, &HistoryView::reload);
    addAction(refresh);

    connect(m_person, &QComboBox::currentIndexChanged, this, &HistoryView::reload);
    connect(m_period, &QComboBox::currentIndexChanged, this, &HistoryView::reload);
    connect(m_tree, &QTreeView::activated, this, &HistoryView::activate);
}

HistoryView::~HistoryView() = default;

void HistoryView::setSubject(const QString &entity, qint64 id)
{
    if (entity == m_entity && id == m_id && !m_stale)
        return;
    m_entity = entity;
    m_id = id;
    m_model->setShowSubject(entity.isEmpty());
    m_stale = true;
    if (isVisible())
        reload();
}

void HistoryView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_person->count() == 0)
        fillPeople();
    // Someone may have changed the record while another tab was in front: read again each time it shows.
    reload();
}

void HistoryView::fillPeople()
{
    const QSignalBlocker blocker(m_person);
    m_person->clear();
    m_person->addItem(tr("Everybody"), qint64(0));
    if (Result<QList<User>> users = UserRepository(m_db).team())
        for (const User &u : std::as_const(*users))
            m_person->addItem(u.name.isEmpty() ? u.login : u.name, u.id);
}

void HistoryView::reload()
{
    if (!m_entity.isEmpty() && m_id <= 0) {
        m_model->setEntries({});
        m_stale = false;
        return;
    }
    HistoryFilter filter;
    filter.entity = m_entity;
    filter.entityId = m_id;
    filter.userId = m_person->currentData().toLongLong();
    if (const int days = m_period->currentData().toInt(); days > 0)
        filter.from = QDateTime::currentDateTimeUtc().addDays(-days);
    Result<QList<HistoryEntry>> entries = HistoryQuery(m_db).load(filter);
    if (!entries) {
        Q_EMIT errorOccurred(entries.error().message);
        return;
    }
    m_model->setEntries(*entries);
    m_stale = false;
    const bool empty = entries->isEmpty();
    m_tree->setVisible(!empty);
    m_empty->setVisible(empty);
    if (!m_entity.isEmpty())
        m_tree->expandAll();
}

void HistoryView::activate(const QModelIndex &index)
{
    const QModelIndex top = index.parent().isValid() ? index.parent() : index;
    const QString entity = top.data(HistoryModel::EntityRole).toString();
    const qint64 id = top.data(HistoryModel::EntityIdRole).toLongLong();
    if (id <= 0 || (entity == m_entity && id == m_id))
        return;
    if (entity == u"contact")
        Q_EMIT contactActivated(id);
    else if (entity == u"campaign")
        Q_EMIT campaignActivated(id);
}
