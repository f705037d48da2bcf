#include "livelistener.h"

#include "core/logging.h"

#include <QAtomicInt>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSocketNotifier>
#include <QSqlQuery>
#include <QStringList>
#include <QTimer>

#include <algorithm>

namespace {

const QString kChannel = QStringLiteral("rapport_changes");

// Audit entries read again before the last one seen: a transaction that took its audit id before a later
// one committed first is not missed when it commits during the outage (its notification is lost then).
constexpr qint64 kCatchUpMargin = 20;
// More entries than this and the catch-up says "everything may have changed" instead of listing them.
constexpr int kCatchUpLimit = 2000;

QString nextListenerName()
{
    static QAtomicInt counter;
    return QStringLiteral("rapport-live-%1").arg(counter.fetchAndAddRelaxed(1));
}

QList<qint64> idsOf(const QJsonValue &value)
{
    QList<qint64> ids;
    const QJsonArray array = value.toArray();
    ids.reserve(array.size());
    for (const QJsonValue &v : array)
        ids.append(v.toInteger());
    return ids;
}

QList<qint64> sorted(QSet<qint64> set)
{
    QList<qint64> list(set.cbegin(), set.cend());
    std::sort(list.begin(), list.end());
    return list;
}

QString idList(const QSet<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(u',');
}

} // namespace

LiveListener::LiveListener(DatabaseLocation location, Options options)
    : m_location(std::move(location))
    , m_options(options)
    , m_connectionName(nextListenerName())
    , m_retryMs(options.firstRetryMs)
{
}

LiveListener::~LiveListener()
{
    dropConnection();
}

bool LiveListener::parsePayload(const QString &payload, Change *change, qint64 *pid, qint64 *auditId)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(payload.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    const QJsonObject o = doc.object();
    const QString table = o.value(u"t").toString();
    Change c;
    c.origin = Change::Origin::Remote;
    c.ids = idsOf(o.value(u"ids"));
    c.contactIds = idsOf(o.value(u"c"));
    c.campaignIds = idsOf(o.value(u"k"));
    c.touchesInbox = o.value(u"i").toBool();
    if (table == u"content_items") {
        // A content item is part of its campaign's workspace.
        c.table = Change::Table::Campaigns;
        c.ids = c.campaignIds;
    } else if (!Change::tableFromName(table, &c.table)) {
        return false;
    }
    *change = c;
    *pid = o.value(u"p").toInteger();
    *auditId = o.value(u"a").toInteger(-1);
    return true;
}

void LiveListener::start(qint64 ignoredPid)
{
    m_ignoredPid = ignoredPid;
    m_heartbeat = new QTimer(this);
    m_heartbeat->setInterval(m_options.heartbeatMs);
    connect(m_heartbeat, &QTimer::timeout, this, &LiveListener::heartbeat);
    m_retry = new QTimer(this);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &LiveListener::connectNow);
    m_flush = new QTimer(this);
    m_flush->setSingleShot(true);
    m_flush->setInterval(m_options.batchMs);
    connect(m_flush, &QTimer::timeout, this, &LiveListener::flush);
    connectNow();
}

void LiveListener::stop()
{
    m_stopped = true;
    if (m_heartbeat)
        m_heartbeat->stop();
    if (m_retry)
        m_retry->stop();
    flush();
    dropConnection();
}

void LiveListener::connectNow()
{
    if (m_stopped)
        return;
    dropConnection();
    bool ok = false;
    QString reason;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        db.setHostName(m_location.host);
        db.setPort(m_location.port);
        db.setUserName(m_location.user);
        db.setPassword(m_location.password);
        db.setDatabaseName(m_location.databaseName);
        // Its own application name: an administrator sees (and tests cut) the listening connections apart.
        db.setConnectOptions(m_location.postgresConnectOptions(5).replace(
            QStringLiteral("application_name=rapport"), QStringLiteral("application_name=rapport-live")));
        if (!db.open()) {
            reason = db.lastError().databaseText().trimmed();
        } else {
            QSqlDriver *driver = db.driver();
            connect(driver, &QSqlDriver::notification, this, &LiveListener::onNotification);
            if (!driver->subscribeToNotification(kChannel)) {
                reason = driver->lastError().text();
            } else {
                ok = true;
                // QPSQL reads the socket when it turns readable and says nothing when what it read was not a
                // notification, e.g. the server closing the connection (libpq then closes the socket, which
                // would keep waking this thread). So whenever it woke up without a notification, check the
                // connection at once rather than at the next heartbeat.
                if (auto *socket = driver->findChild<QSocketNotifier *>()) {
                    connect(socket, &QSocketNotifier::activated, this, [this] {
                        if (m_sawNotification)
                            m_sawNotification = false;
                        else
                            QMetaObject::invokeMethod(this, &LiveListener::heartbeat, Qt::QueuedConnection);
                    });
                }
            }
        }
    }
    if (!ok) {
        qCInfo(lcStorage) << "live: cannot listen on" << m_location.displayName() << ":" << reason;
        dropConnection();
        Q_EMIT lost(reason);
        scheduleRetry();
        return;
    }
    m_open = true;
    // LISTEN first, then the audit log's newest id: whatever commits in between is both announced and read.
    qint64 newest = 0;
    if (!readNewestAuditId(&newest)) {
        dropConnection();
        scheduleRetry();
        return;
    }
    const bool afterLoss = m_lastAuditId >= 0;
    m_retryMs = m_options.firstRetryMs;
    m_heartbeat->start();
    qCInfo(lcStorage) << "live: listening on" << m_location.displayName() << (afterLoss ? "again" : "");
    // Said first, so that the window opens its own connection again before the changes missed meanwhile
    // (queued after it) make the views read.
    Q_EMIT connected(afterLoss || m_wasLost);
    m_wasLost = false;
    if (afterLoss) {
        const int entries = catchUp(m_lastAuditId);
        if (entries < 0) {
            dropConnection();
            Q_EMIT lost(QString());
            scheduleRetry();
            return;
        }
        Q_EMIT caughtUp(entries);
    }
    m_lastAuditId = std::max(m_lastAuditId, newest);
}

void LiveListener::dropConnection()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            if (db.driver())
                disconnect(db.driver(), nullptr, this, nullptr);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
}

void LiveListener::scheduleRetry()
{
    if (m_stopped)
        return;
    m_wasLost = true;
    if (m_heartbeat)
        m_heartbeat->stop();
    m_retry->start(m_retryMs);
    m_retryMs = std::min(m_retryMs * 2, m_options.maxRetryMs);
}

void LiveListener::retryNow()
{
    if (m_open || m_stopped || !m_retry)
        return;
    m_retry->stop();
    connectNow();
}

void LiveListener::heartbeat()
{
    if (!m_open)
        return;
    QString reason;
    {
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        if (q.exec(QStringLiteral("SELECT 1")) && q.next())
            return;
        reason = q.lastError().databaseText().trimmed();
    }
    qCInfo(lcStorage) << "live: lost the connection to" << m_location.displayName() << ":" << reason;
    flush();
    dropConnection();
    Q_EMIT lost(reason);
    // The first attempt soon (a restarted server is usually back), then waiting longer each time.
    m_retryMs = m_options.firstRetryMs;
    scheduleRetry();
}

void LiveListener::onNotification(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    m_sawNotification = true;
    if (name != kChannel)
        return;
    Change change;
    qint64 pid = 0;
    qint64 auditId = -1;
    if (!parsePayload(payload.toString(), &change, &pid, &auditId)) {
        qCWarning(lcStorage) << "live: a notification Rapport cannot read:" << payload.toString().left(200);
        return;
    }
    m_lastAuditId = std::max(m_lastAuditId, auditId);
    // The window's own writes: it published them itself when they committed.
    if (pid != 0 && pid == m_ignoredPid)
        return;
    m_pending.append(change);
    if (!m_flush->isActive())
        m_flush->start();
}

void LiveListener::flush()
{
    if (m_flush)
        m_flush->stop();
    if (m_pending.isEmpty())
        return;
    Q_EMIT changesArrived(m_pending, m_lastAuditId);
    m_pending.clear();
}

bool LiveListener::readNewestAuditId(qint64 *id)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM audit_log")) || !q.next()) {
        qCWarning(lcStorage) << "live: cannot read the audit log:" << q.lastError().text();
        return false;
    }
    *id = q.value(0).toLongLong();
    return true;
}

int LiveListener::catchUp(qint64 from)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, entity, entity_id FROM audit_log WHERE id > :from ORDER BY id LIMIT :limit"));
    q.bindValue(QStringLiteral(":from"), std::max<qint64>(0, from - kCatchUpMargin));
    q.bindValue(QStringLiteral(":limit"), kCatchUpLimit + 1);
    if (!q.exec()) {
        qCWarning(lcStorage) << "live: cannot catch up from the audit log:" << q.lastError().text();
        return -1;
    }
    QSet<qint64> contacts, organizations, interactions, followUps, campaigns, pitches, coverage, contentItems;
    bool everything = false;
    bool synced = false;
    bool inbox = false;
    bool imported = false;
    int entries = 0;
    while (q.next()) {
        if (++entries > kCatchUpLimit) {
            everything = true;
            break;
        }
        m_lastAuditId = std::max(m_lastAuditId, q.value(0).toLongLong());
        const QString entity = q.value(1).toString();
        const qint64 id = q.value(2).toLongLong();
        if (entity == u"contact")
            contacts.insert(id);
        else if (entity == u"organization")
            organizations.insert(id);
        else if (entity == u"interaction")
            interactions.insert(id);
        else if (entity == u"follow_up")
            followUps.insert(id);
        else if (entity == u"campaign")
            campaigns.insert(id);
        else if (entity == u"pitch")
            pitches.insert(id);
        else if (entity == u"coverage" || entity == u"coverage_proposal")
            coverage.insert(id);
        else if (entity == u"content_item")
            contentItems.insert(id);
        else if (entity == u"social_account")
            synced = true; // a sync stored a page: which timelines is not recorded
        else if (entity == u"handle")
            inbox = true;
        else if (entity == u"import_batch")
            imported = true;
    }
    if (everything)
        qCInfo(lcStorage) << "live: more than" << kCatchUpLimit << "changes were missed; everything is read again";

    // The contacts and campaigns of the rows the audit log names (a row may be gone: then nothing).
    const auto related = [&](const QString &table, const QSet<qint64> &ids, const char *column) {
        QSet<qint64> out;
        if (ids.isEmpty())
            return out;
        QSqlQuery r(db);
        if (r.exec(QStringLiteral("SELECT DISTINCT %1 FROM %2 WHERE id IN (%3) AND %1 IS NOT NULL")
                       .arg(QString::fromLatin1(column), table, idList(ids)))) {
            while (r.next())
                out.insert(r.value(0).toLongLong());
        }
        return out;
    };
    QList<Change> changes;
    const auto add = [&](Change::Table table, QList<qint64> ids, QList<qint64> contactIds, QList<qint64> campaignIds,
                         bool touchesInbox = false) {
        changes.append(Change { table, std::move(ids), std::move(contactIds), std::move(campaignIds), touchesInbox,
            Change::Origin::CatchUp });
    };
    if (everything || imported) {
        add(Change::Table::Contacts, {}, {}, {});
        add(Change::Table::Organizations, {}, {}, {});
    }
    if (everything) {
        add(Change::Table::Interactions, {}, {}, {}, true);
        add(Change::Table::FollowUps, {}, {}, {});
        add(Change::Table::Campaigns, {}, {}, {});
        add(Change::Table::Inbox, {}, {}, {});
    } else {
        if (!contacts.isEmpty() && !imported) {
            // A contact's entry may be a merge or an Inbox link, which moved conversations too.
            add(Change::Table::Contacts, sorted(contacts), sorted(contacts), {});
            add(Change::Table::Interactions, {}, sorted(contacts), {});
        }
        if (!organizations.isEmpty() && !imported)
            add(Change::Table::Organizations, sorted(organizations), {}, {});
        if (synced) {
            add(Change::Table::Interactions, {}, {}, {}, true);
        } else if (!interactions.isEmpty()) {
            const QSet<qint64> who = related(QStringLiteral("interactions"), interactions, "contact_id");
            add(Change::Table::Interactions, sorted(interactions), sorted(who),
                sorted(related(QStringLiteral("interactions"), interactions, "campaign_id")), who.isEmpty());
        }
        if (!followUps.isEmpty())
            add(Change::Table::FollowUps, sorted(followUps), {}, {});
        QSet<qint64> campaignIds = campaigns;
        campaignIds.unite(related(QStringLiteral("pitches"), pitches, "campaign_id"));
        campaignIds.unite(related(QStringLiteral("coverage"), coverage, "campaign_id"));
        campaignIds.unite(related(QStringLiteral("content_items"), contentItems, "campaign_id"));
        if (!campaignIds.isEmpty())
            add(Change::Table::Campaigns, sorted(campaignIds), {}, sorted(campaignIds));
        if (inbox || synced)
            add(Change::Table::Inbox, {}, {}, {});
    }
    if (!changes.isEmpty())
        Q_EMIT changesArrived(changes, m_lastAuditId);
    qCInfo(lcStorage) << "live: caught up" << std::min(entries, kCatchUpLimit) << "audit entries";
    return std::min(entries, kCatchUpLimit);
}
