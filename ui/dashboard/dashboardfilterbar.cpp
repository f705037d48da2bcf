#include "dashboardfilterbar.h"

#include "core/clock.h"
#include "domain/interaction.h"
#include "storage/dashboardquery.h"
#include "storage/database.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace {

void selectData(QComboBox *combo, const QVariant &value)
{
    const int i = combo->findData(value);
    combo->setCurrentIndex(i >= 0 ? i : 0);
}

} // namespace

DashboardFilterBar::DashboardFilterBar(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
{
    // Two rows: the period, then who and what. In one row the bar was wider than a 1400 px screen in French and
    // Spanish and forced the window wider than the screen.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *periodRow = m_periodRow = new QHBoxLayout;
    auto *scopeRow = new QHBoxLayout;
    layout->addLayout(periodRow);
    layout->addLayout(scopeRow);
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("periodComboBox"));
    m_period->addItem(tr("This week"), int(DashboardFilter::Period::ThisWeek));
    m_period->addItem(tr("Last 30 days"), int(DashboardFilter::Period::Last30Days));
    m_period->addItem(tr("This quarter"), int(DashboardFilter::Period::ThisQuarter));
    m_period->addItem(tr("Last 12 months"), int(DashboardFilter::Period::Last12Months));
    m_period->addItem(tr("Custom range"), int(DashboardFilter::Period::Custom));
    m_period->setToolTip(tr("The period every chart looks at"));
    m_from = new QDateEdit(this);
    m_from->setObjectName(QStringLiteral("fromDateEdit"));
    m_from->setCalendarPopup(true);
    m_from->setToolTip(tr("First day"));
    m_to = new QDateEdit(this);
    m_to->setObjectName(QStringLiteral("toDateEdit"));
    m_to->setCalendarPopup(true);
    m_to->setToolTip(tr("Last day"));
    m_user = new QComboBox(this);
    m_user->setObjectName(QStringLiteral("accountManagerComboBox"));
    m_user->setToolTip(tr("Account manager"));
    m_client = new QComboBox(this);
    m_client->setObjectName(QStringLiteral("clientComboBox"));
    m_client->setToolTip(tr("Client"));
    m_campaign = new QComboBox(this);
    m_campaign->setObjectName(QStringLiteral("campaignComboBox"));
    m_campaign->setToolTip(tr("Campaign"));
    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("channelComboBox"));
    m_channel->setToolTip(tr("Channel (for the interaction charts)"));
    m_channel->addItem(tr("All channels"), QString());
    for (const QString &c : Interaction::channels())
        m_channel->addItem(Interaction::channelLabel(c), c);

    // Full width when the window has room; in a narrow window the filters shrink (eliding their text) rather
    // than make the whole window wider than the screen.
    const int charWidth = fontMetrics().averageCharWidth();
    for (QComboBox *combo : { m_user, m_client, m_campaign, m_channel }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
        combo->setMinimumWidth(charWidth * 6);
    }
    m_period->setMinimumWidth(charWidth * 8);
    auto *periodLabel = new QLabel(tr("&Period:"), this);
    periodLabel->setBuddy(m_period);
    periodRow->addWidget(periodLabel);
    periodRow->addWidget(m_period);
    periodRow->addWidget(m_from);
    periodRow->addWidget(new QLabel(QStringLiteral("–"), this));
    periodRow->addWidget(m_to);
    periodRow->addStretch();
    // The four filters share the row's width, so their choices ("Toutes les campagnes") show in full where there is
    // room (at 1000 px, in every language: tst_dashboardview); narrower, they shrink as above.
    for (QComboBox *combo : { m_user, m_client, m_campaign, m_channel })
        scopeRow->addWidget(combo, 1);

    reloadChoices();
    restore();

    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating)
            return;
        const auto period = DashboardFilter::Period(m_period->currentData().toInt());
        if (period != DashboardFilter::Period::Custom) {
            const DashboardFilter f = DashboardFilter::forPeriod(period, Clock::now().toLocalTime().date());
            m_updating = true;
            m_from->setDate(f.from);
            m_to->setDate(f.to);
            m_updating = false;
        }
        changed();
    });
    for (QDateEdit *edit : { m_from, m_to })
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            if (m_updating)
                return;
            m_updating = true;
            m_period->setCurrentIndex(m_period->findData(int(DashboardFilter::Period::Custom)));
            if (m_from->date() > m_to->date())
                (sender() == m_from ? m_to : m_from)->setDate(sender() == m_from ? m_from->date() : m_to->date());
            m_updating = false;
            changed();
        });
    connect(m_client, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating)
            return;
        m_updating = true;
        fillCampaigns();
        m_updating = false;
        changed();
    });
    for (QComboBox *combo : { m_user, m_campaign, m_channel })
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_updating)
                changed();
        });
}

void DashboardFilterBar::addToPeriodRow(QWidget *widget)
{
    m_periodRow->addWidget(widget);
}

void DashboardFilterBar::reloadChoices()
{
    const bool wasUpdating = std::exchange(m_updating, true);
    const QVariant user = m_user->currentData(), client = m_client->currentData();
    m_user->clear();
    m_user->addItem(tr("Everybody"), qint64(0));
    if (auto users = DashboardQuery::accountManagers(m_db))
        for (const auto &u : *users)
            m_user->addItem(u.name, u.id);
    m_client->clear();
    m_client->addItem(tr("All clients"), qint64(0));
    if (auto clients = DashboardQuery::clients(m_db))
        for (const auto &c : *clients)
            m_client->addItem(c.name, c.id);
    selectData(m_user, user.isValid() ? user : QVariant(qint64(0)));
    selectData(m_client, client.isValid() ? client : QVariant(qint64(0)));
    fillCampaigns();
    m_updating = wasUpdating;
}

void DashboardFilterBar::fillCampaigns()
{
    const QVariant campaign = m_campaign->currentData();
    m_campaign->clear();
    m_campaign->addItem(tr("All campaigns"), qint64(0));
    if (auto campaigns = DashboardQuery::campaigns(m_db, m_client->currentData().toLongLong()))
        for (const auto &c : *campaigns)
            m_campaign->addItem(c.name, c.id);
    selectData(m_campaign, campaign.isValid() ? campaign : QVariant(qint64(0)));
}

DashboardFilter DashboardFilterBar::filter() const
{
    DashboardFilter f;
    f.period = DashboardFilter::Period(m_period->currentData().toInt());
    f.from = m_from->date();
    f.to = m_to->date();
    f.userId = m_user->currentData().toLongLong();
    f.clientId = m_client->currentData().toLongLong();
    f.campaignId = m_campaign->currentData().toLongLong();
    f.channel = m_channel->currentData().toString();
    return f;
}

void DashboardFilterBar::setFilter(const DashboardFilter &f)
{
    const bool wasUpdating = std::exchange(m_updating, true);
    m_period->setCurrentIndex(qMax(0, m_period->findData(int(f.period))));
    m_from->setDate(f.from);
    m_to->setDate(f.to);
    selectData(m_user, f.userId);
    selectData(m_client, f.clientId);
    fillCampaigns();
    selectData(m_campaign, f.campaignId);
    selectData(m_channel, f.channel);
    m_updating = wasUpdating;
    save();
}

void DashboardFilterBar::changed()
{
    save();
    Q_EMIT filterChanged(filter());
}

void DashboardFilterBar::save() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("dashboard"));
    const DashboardFilter f = filter();
    settings.setValue(QStringLiteral("period"), DashboardFilter::periodKey(f.period));
    settings.setValue(QStringLiteral("from"), f.from);
    settings.setValue(QStringLiteral("to"), f.to);
    settings.setValue(QStringLiteral("user"), f.userId);
    settings.setValue(QStringLiteral("client"), f.clientId);
    settings.setValue(QStringLiteral("campaign"), f.campaignId);
    settings.setValue(QStringLiteral("channel"), f.channel);
}

void DashboardFilterBar::restore()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("dashboard"));
    const QDate today = Clock::now().toLocalTime().date();
    const auto period = DashboardFilter::periodFromKey(
        settings.value(QStringLiteral("period"), DashboardFilter::periodKey(DashboardFilter::Period::Last30Days))
            .toString());
    DashboardFilter f = DashboardFilter::forPeriod(period, today);
    if (period == DashboardFilter::Period::Custom) {
        const QDate from = settings.value(QStringLiteral("from")).toDate();
        const QDate to = settings.value(QStringLiteral("to")).toDate();
        if (from.isValid() && to.isValid() && from <= to) {
            f.from = from;
            f.to = to;
        }
    }
    f.userId = settings.value(QStringLiteral("user")).toLongLong();
    f.clientId = settings.value(QStringLiteral("client")).toLongLong();
    f.campaignId = settings.value(QStringLiteral("campaign")).toLongLong();
    f.channel = settings.value(QStringLiteral("channel")).toString();
    settings.endGroup();
    setFilter(f);
}
