// Placeholder so the tree links while the worker is being written; replaced by the real SyncManager.
#include "sync/syncmanager.h"

SyncManager::SyncManager(DatabaseLocation location, QString secretScope, Options options, QObject *parent)
    : QObject(parent), m_location(std::move(location)), m_scope(std::move(secretScope)), m_options(options)
{
}
SyncManager::SyncManager(DatabaseLocation location, QString secretScope, QObject *parent)
    : SyncManager(std::move(location), std::move(secretScope), Options(), parent)
{
}
SyncManager::~SyncManager() = default;
void SyncManager::start() {}
void SyncManager::stop() {}
bool SyncManager::isRunning() const { return false; }
void SyncManager::syncNow(qint64) {}
void SyncManager::cancel() {}
void SyncManager::accountsChanged() {}
void SyncManager::testConnection(int, const SocialAccount &, const QString &, const QString &) {}
