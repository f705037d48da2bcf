#include "activityview.h"

#include "core/clock.h"
#include "domain/interaction.h"
#include "interactions/timelinedelegate.h"
#include "itemmodels/timelinemodel.h"
#include "storage/changenotifier.h"
#include "storage/userrepository.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QVBoxLayout>

ActivityView::ActivityView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_model(new TimelineModel(db, this))
{
    setObjectName(QStringLiteral("latestActivityView"));
    setAccessibleName(tr("Latest activity"));

    m_userCombo = new QComboBox(this);
    m_userCombo->setObjectName(QStringLiteral("userComboBox"));
    m_userCombo->setAccessibleName(tr("Account manager"));
    m_userCombo->setToolTip(tr("Show one account manager's conversations"));
    m_userCombo->addItem(tr("Everybody"), qint64(0));

    m_channelCombo = new QComboBox(this);
    m_channelCombo->setObjectName(QStringLiteral("channelComboBox"));
    m_channelCombo->setAccessibleName(tr("Channel"));
    m_channelCombo->addItem(tr("All channels"), QString());
    for (const QString &channel : Interaction::channels())
        m_channelCombo->addItem(Interaction::channelLabel(channel), channel);

    m_periodCombo = new QComboBox(this);
    m_periodCombo->setObjectName(QStringLiteral("periodComboBox"));
    m_periodCombo->setAccessibleName(tr("Period"));
    m_periodCombo->addItem(tr("Any time"), int(Period::AnyTime));
    m_periodCombo->addItem(tr("Today"), int(Period::Today));
    m_periodCombo->addItem(tr("Last 7 days"), int(Period::Last7Days));
    m_periodCombo->addItem(tr("Last 30 days"), int(Period::Last30Days));
    m_periodCombo->addItem(tr("Last 90 days"), int(Period::Last90Days));
    m_periodCombo->addItem(tr("Between…"), int(Period::Custom));

    const QDate today = Clock::now().toLocalTime().date();
    m_fromEdit = new QDateEdit(today.addDays(-30), this);
    m_fromEdit->setObjectName(QStringLiteral("fromDateEdit"));
    m_fromEdit->setAccessibleName(tr("From"));
    m_fromEdit->setCalendarPopup(true);
    m_toEdit = new QDateEdit(today, this);
    m_toEdit->setObjectName(QStringLiteral("toDateEdit"));
    m_toEdit->setAccessibleName(tr("To"));
    m_toEdit->setCalendarPopup(true);
    auto *andLabel = new QLabel(tr("and", "between date and date"), this);
    m_fromEdit->hide();
    m_toEdit->hide();
    andLabel->hide();

    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(8, 6, 8, 0);
    auto *label = new QLabel(tr("&Who:"), this);
    label->setBuddy(m_userCombo);
    filters->addWidget(label);
    filters->addWidget(m_userCombo);
    filters->addWidget(m_channelCombo);
    filters->addWidget(m_periodCombo);
    filters->addWidget(m_fromEdit);
    filters->addWidget(andLabel);
    filters->addWidget(m_toEdit);
    filters->addStretch(1);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("activityListView"));
    m_list->setAccessibleName(tr("The team's conversations, newest first"));
    m_list->setToolTip(tr("Enter or double-click opens the contact"));
    m_list->setModel(m_model);
    auto *delegate = new TimelineDelegate(m_list);
    delegate->setShowContactNames(true);
    m_list->setItemDelegate(delegate);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // activated: Enter, or a double-click (or single click, by the platform's setting).
    connect(m_list, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = index.data(TimelineModel::ContactIdRole).toLongLong(); id > 0)
            Q_EMIT contactActivated(id);
    });

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_emptyLabel, 1);

    connect(m_userCombo, &QComboBox::currentIndexChanged, this, &ActivityView::applyFilter);
    connect(m_channelCombo, &QComboBox::currentIndexChanged, this, &ActivityView::applyFilter);
    connect(m_periodCombo, &QComboBox::currentIndexChanged, this, [this, andLabel] {
        const bool custom = Period(m_periodCombo->currentData().toInt()) == Period::Custom;
        m_fromEdit->setVisible(custom);
        andLabel->setVisible(custom);
        m_toEdit->setVisible(custom);
        applyFilter();
    });
    connect(m_fromEdit, &QDateEdit::dateChanged, this, &ActivityView::applyFilter);
    connect(m_toEdit, &QDateEdit::dateChanged, this, &ActivityView::applyFilter);
    connect(m_model, &TimelineModel::loadFailed, this, [this](const QString &message) {
        m_emptyLabel->setText(message);
        m_emptyLabel->show();
    });
    connect(ChangeNotifier::instance(), &ChangeNotifier::interactionsChanged, this, [this] {
        m_stale = true;
        if (isVisible())
            applyFilter();
    });

    auto *refreshAction = new QAction(tr("&Refresh"), this);
    refreshAction->setObjectName(QStringLiteral("refreshActivityAction"));
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshAction, &QAction::triggered, this, &ActivityView::refresh);
    addAction(refreshAction);
}

void ActivityView::setPeriod(Period period)
{
    m_periodCombo->setCurrentIndex(qMax(0, m_periodCombo->findData(int(period))));
}

void ActivityView::setRange(const QDate &from, const QDate &to)
{
    const QSignalBlocker a(m_fromEdit), b(m_toEdit);
    m_fromEdit->setDate(from);
    m_toEdit->setDate(to);
    if (Period(m_periodCombo->currentData().toInt()) == Period::Custom)
        applyFilter();
    else
        setPeriod(Period::Custom);
}

void ActivityView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_usersLoaded)
        loadUsers();
    if (m_stale)
        applyFilter();
}

void ActivityView::refresh()
{
    m_usersLoaded = false;
    loadUsers();
    applyFilter();
}

void ActivityView::loadUsers()
{
    m_usersLoaded = true;
    Result<QList<User>> users = UserRepository(m_db).all();
    if (!users)
        return;
    const qint64 current = m_userCombo->currentData().toLongLong();
    const QSignalBlocker blocker(m_userCombo);
    while (m_userCombo->count() > 1)
        m_userCombo->removeItem(1);
    for (const User &u : *users)
        m_userCombo->addItem(u.name, u.id);
    m_userCombo->setCurrentIndex(qMax(0, m_userCombo->findData(current)));
}

void ActivityView::applyFilter()
{
    TimelineFilter filter;
    filter.scope = TimelineFilter::Scope::Everybody;
    filter.userId = m_userCombo->currentData().toLongLong();
    if (const QString channel = m_channelCombo->currentData().toString(); !channel.isEmpty())
        filter.channels = { channel };
    const QDate today = Clock::now().toLocalTime().date();
    const auto startOf = [](const QDate &day) { return QDateTime(day, QTime(0, 0)).toUTC(); };
    switch (Period(m_periodCombo->currentData().toInt())) {
    case Period::AnyTime:
        break;
    case Period::Today:
        filter.from = startOf(today);
        break;
    case Period::Last7Days:
        filter.from = startOf(today.addDays(-6));
        break;
    case Period::Last30Days:
        filter.from = startOf(today.addDays(-29));
        break;
    case Period::Last90Days:
        filter.from = startOf(today.addDays(-89));
        break;
    case Period::Custom:
        filter.from = startOf(qMin(m_fromEdit->date(), m_toEdit->date()));
        filter.to = startOf(qMax(m_fromEdit->date(), m_toEdit->date()).addDays(1));
        break;
    }
    m_stale = false;
    m_model->setFilter(filter);
    while (m_model->canFetchMore({}) && m_model->rowCount() < 40)
        m_model->fetchMore({});
    updateEmptyLabel();
}

void ActivityView::updateEmptyLabel()
{
    const bool empty = m_model->rowCount() == 0;
    if (empty)
        m_emptyLabel->setText(tr("No conversations match these filters."));
    m_list->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
}
