#pragma once

#include "domain/contactfilter.h"
#include "storage/contactlistquery.h"
#include "storage/databaselocation.h"

#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

class Database;
class QThread;

// Computes complete id snapshots of the contact list on a worker thread with its own Database, so a broad
// search shows its first screenful at once and the rest of its tens of thousands of ids arrive without
// freezing the window. Requests are numbered; a request overtaken by a newer one is skipped, and a result
// for an old number is never delivered.
//
// Owned by ContactListModel on the GUI thread; the worker thread stops when this is destroyed.
class ContactSnapshotLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactSnapshotLoader)

public:
    struct Request
    {
        ContactFilter filter;
        QStringList kindOrder;
        ContactListQuery::SortKey key = ContactListQuery::SortKey::Name;
        Qt::SortOrder order = Qt::AscendingOrder;
    };

    explicit ContactSnapshotLoader(DatabaseLocation location, QObject *parent = nullptr);
    ~ContactSnapshotLoader() override;

    // Starts computing the snapshot; returns the request's number. Any earlier request is abandoned.
    quint64 load(const Request &request);
    // Abandons the current request: nothing is delivered for it.
    void cancel();

Q_SIGNALS:
    void loaded(quint64 generation, const QList<qint64> &ids);
    void failed(quint64 generation, const QString &message);

private:
    class Worker;
    DatabaseLocation m_location;
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_latest;
};
