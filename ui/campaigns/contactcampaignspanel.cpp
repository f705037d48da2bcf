#include "contactcampaignspanel.h"

#include "domain/pitchstatus.h"
#include "itemmodels/campaignlistmodel.h"
#include "storage/changenotifier.h"
#include "storage/contactcampaignsquery.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int kCampaignIdRole = Qt::UserRole;
}

ContactCampaignsPanel::ContactCampaignsPanel(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
{
    setObjectName(QStringLiteral("contactCampaignsPanel"));
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("contactCampaignsTreeWidget"));
    m_tree->setAccessibleName(tr("Campaigns and coverage"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({ tr("Campaign or coverage"), tr("Pitch", "the pitch's status"), tr("Date") });
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_empty = new QLabel(tr("Not pitched for any campaign yet, and no coverage recorded."), this);
    m_empty->setObjectName(QStringLiteral("noCampaignsLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_empty, 1);

    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { activate(item); });
    connect(ChangeNotifier::instance(), &ChangeNotifier::campaignsChanged, this, [this] {
        m_shownId = -1;
        if (isVisible())
            reload();
    });
}

void ContactCampaignsPanel::setContactId(qint64 id)
{
    if (id == m_contactId)
        return;
    m_contactId = id;
    if (isVisible())
        reload();
}

void ContactCampaignsPanel::showEvent(QShowEvent *event)
{
    if (m_shownId != m_contactId)
        reload();
    QWidget::showEvent(event);
}

void ContactCampaignsPanel::reload()
{
    m_shownId = m_contactId;
    m_tree->clear();
    if (m_contactId <= 0) {
        m_tree->hide();
        m_empty->show();
        return;
    }
    Result<QList<ContactCampaignsQuery::Row>> rows = ContactCampaignsQuery(m_db).forContact(m_contactId);
    if (!rows) {
        Q_EMIT errorOccurred(rows.error().message);
        return;
    }
    const QLocale locale;
    const auto date = [&locale](const QDateTime &at) {
        return at.isValid() ? locale.toString(at.toLocalTime().date(), QLocale::ShortFormat) : QString();
    };
    for (const ContactCampaignsQuery::Row &row : *rows) {
        auto *item = new QTreeWidgetItem(m_tree);
        if (row.campaignId > 0) {
            item->setText(0, row.client.isEmpty() ? row.campaignName : tr("%1 — %2").arg(row.campaignName, row.client));
            item->setToolTip(0,
                tr("Campaign %1. Double-click or press Enter to open it.")
                    .arg(CampaignListModel::statusLabel(row.campaignStatus).toLower()));
            item->setText(1, row.pitchStatus.isEmpty() ? tr("Not pitched") : PitchStatus::label(row.pitchStatus));
            item->setText(2, date(row.pitchedAt.isValid() ? row.pitchedAt : row.startsAt));
            item->setData(0, kCampaignIdRole, row.campaignId);
            QFont bold = item->font(0);
            bold.setBold(true);
            item->setFont(0, bold);
        } else {
            item->setText(0, tr("Coverage without a campaign"));
        }
        for (const ContactCampaignsQuery::CoverageItem &coverage : row.coverage) {
            auto *child = new QTreeWidgetItem(item);
            QString text = coverage.title;
            if (!coverage.outlet.isEmpty())
                text = tr("%1 (%2)").arg(coverage.title, coverage.outlet);
            child->setText(0, text);
            child->setToolTip(0, coverage.url);
            child->setText(1, coverage.reach >= 0 ? tr("Reach %L1").arg(coverage.reach) : QString());
            child->setText(2, date(coverage.publishedAt));
            child->setData(0, kCampaignIdRole, row.campaignId);
        }
        item->setExpanded(true);
    }
    m_tree->setVisible(!rows->isEmpty());
    m_empty->setVisible(rows->isEmpty());
    if (m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
}

void ContactCampaignsPanel::activate(QTreeWidgetItem *item)
{
    const qint64 id = item ? item->data(0, kCampaignIdRole).toLongLong() : 0;
    if (id > 0)
        Q_EMIT campaignActivated(id);
}
