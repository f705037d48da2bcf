#include "timelineview.h"

#include "domain/interaction.h"
#include "interactions/historynotifier.h"
#include "interactions/timelinedelegate.h"
#include "itemmodels/timelinemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

TimelineView::TimelineView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_model(new TimelineModel(db, this))
{
    setObjectName(QStringLiteral("timelineView"));
    setAccessibleName(tr("Timeline"));

    m_channelCombo = new QComboBox(this);
    m_channelCombo->setObjectName(QStringLiteral("channelComboBox"));
    m_channelCombo->setAccessibleName(tr("Channel"));
    m_channelCombo->setToolTip(tr("Show one channel only"));
    m_channelCombo->addItem(tr("All channels"), QString());
    for (const QString &channel : Interaction::channels()) {
        if (channel != u"pitch") // logged pitches show with the campaign pitches below
            m_channelCombo->addItem(Interaction::channelLabel(channel), channel);
    }
    m_channelCombo->addItem(tr("Pitches"), QStringLiteral("pitch"));
    m_channelCombo->addItem(tr("Coverage"), TimelineFilter::kCoverage);

    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchLineEdit"));
    m_searchEdit->setAccessibleName(tr("Search the timeline"));
    m_searchEdit->setPlaceholderText(tr("Search subjects and notes"));
    m_searchEdit->setClearButtonEnabled(true);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_searchTimer, &QTimer::timeout, this, &TimelineView::applyFilter);
    connect(m_searchEdit, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_channelCombo, &QComboBox::currentIndexChanged, this, &TimelineView::applyFilter);

    auto *filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(8, 6, 8, 0);
    filterRow->addWidget(m_channelCombo);
    filterRow->addWidget(m_searchEdit, 1);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("timelineListView"));
    m_list->setAccessibleName(tr("Conversations, newest first"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new TimelineDelegate(m_list));
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setUniformItemSizes(false);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filterRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_emptyLabel, 1);

    connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineView::updateEmptyLabel);
    connect(m_model, &TimelineModel::loadFailed, this, [this](const QString &message) {
        m_emptyLabel->setText(message);
        m_emptyLabel->show();
    });
    connect(HistoryNotifier::instance(), &HistoryNotifier::interactionsChanged, this,
        [this](const QList<qint64> &contactIds) {
            if (!contactIds.contains(m_contactId))
                return;
            m_stale = true;
            if (isVisible())
                applyFilter();
        });
}

void TimelineView::setContactId(qint64 id)
{
    if (id == m_contactId && !m_stale)
        return;
    m_contactId = id;
    m_stale = true;
    if (isVisible())
        applyFilter();
}

void TimelineView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        applyFilter();
}

void TimelineView::applyFilter()
{
    m_searchTimer->stop();
    TimelineFilter filter;
    filter.scope = TimelineFilter::Scope::Contact;
    filter.scopeId = m_contactId;
    if (const QString channel = m_channelCombo->currentData().toString(); !channel.isEmpty())
        filter.channels = { channel };
    filter.text = m_searchEdit->text().trimmed();
    m_stale = false;
    m_model->setFilter(filter);
    // Fill the viewport at once rather than on the first scroll.
    while (m_model->canFetchMore({}) && m_model->rowCount() < 40)
        m_model->fetchMore({});
    updateEmptyLabel();
}

void TimelineView::updateEmptyLabel()
{
    const bool empty = m_model->rowCount() == 0;
    if (empty) {
        const bool filtered = m_channelCombo->currentIndex() > 0 || !m_searchEdit->text().trimmed().isEmpty();
        m_emptyLabel->setText(filtered ? tr("Nothing matches this filter.")
                                       : tr("No conversations yet. Log one with Ctrl+L."));
    }
    m_list->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
}
