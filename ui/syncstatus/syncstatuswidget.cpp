#include "syncstatuswidget.h"

#include "storage/syncrepository.h"
#include "sync/syncmanager.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

SyncStatusWidget::SyncStatusWidget(Database &db, SyncManager *sync, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_sync(sync)
{
    setObjectName(QStringLiteral("syncStatusWidget"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("syncProgressBar"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedWidth(60);
    m_busy->setMaximumHeight(fontMetrics().height() * 2 / 3);
    m_busy->setAccessibleName(tr("Syncing"));
    m_busy->hide();
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("syncStatusLabel"));
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("syncCancelToolButton"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop syncing now; what was fetched so far is kept"));
    m_cancel->setAutoRaise(true);
    m_cancel->hide();
    layout->addWidget(m_busy);
    layout->addWidget(m_label);
    layout->addWidget(m_cancel);
    if (!m_sync)
        return;
    connect(m_cancel, &QToolButton::clicked, m_sync, &SyncManager::cancel);
    connect(m_sync, &SyncManager::syncStarted, this, &SyncStatusWidget::started);
    connect(m_sync, &SyncManager::progress, this, &SyncStatusWidget::progressed);
    connect(m_sync, &SyncManager::accountSynced, this, &SyncStatusWidget::synced);
    connect(m_sync, &SyncManager::idle, this, &SyncStatusWidget::finished);
}

QString SyncStatusWidget::text() const
{
    return m_label->text();
}

bool SyncStatusWidget::isBusy() const
{
    return m_running;
}

QString SyncStatusWidget::accountName(qint64 accountId)
{
    if (!m_names.contains(accountId)) {
        Result<SocialAccount> a = SyncRepository(m_db).account(accountId);
        m_names.insert(accountId, a ? a->displayName : tr("account %1").arg(accountId));
    }
    return m_names.value(accountId);
}

void SyncStatusWidget::started(qint64 accountId)
{
    if (!m_running) {
        m_running = true;
        m_accounts = m_failed = m_newItems = m_toInbox = 0;
        m_lastError.clear();
        m_names.clear(); // names may have been edited since the last run
    }
    m_busy->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_label->setText(tr("Syncing %1…").arg(accountName(accountId)));
}

void SyncStatusWidget::progressed(qint64 accountId, int fetched)
{
    m_label->setText(tr("Syncing %1… %n item(s)", nullptr, fetched).arg(accountName(accountId)));
}

void SyncStatusWidget::synced(qint64 accountId, bool ok, const QString &message, const SyncOutcome &outcome)
{
    ++m_accounts;
    if (!ok) {
        ++m_failed;
        m_lastError = tr("%1: %2").arg(accountName(accountId), message);
    }
    m_newItems += outcome.inserted;
    m_toInbox += outcome.toInbox;
}

void SyncStatusWidget::finished()
{
    if (!m_running)
        return;
    m_running = false;
    m_busy->hide();
    m_cancel->hide();
    QString line;
    if (m_failed > 0 && m_failed == m_accounts) {
        line = m_lastError;
    } else {
        line = tr("Synced %n account(s)", nullptr, m_accounts - m_failed) + tr(", %n new item(s)", nullptr, m_newItems)
            + tr(", %n in the Inbox", nullptr, m_toInbox);
        if (m_failed > 0)
            line += tr("; %n failed: %1", nullptr, m_failed).arg(m_lastError);
    }
    m_label->setText(line);
    m_label->setToolTip(m_lastError);
}
