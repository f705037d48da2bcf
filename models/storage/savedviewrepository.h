#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

class Database;

// A named way of looking at a section: for contacts, a filter, a sort and the visible columns in their order
// (the definition, as JSON). A shared view is seen by the whole team; a private one only by its owner.
struct SavedView
{
    qint64 id = 0;
    QString name;
    QString section = QStringLiteral("contacts");
    qint64 ownerId = 0; // 0: nobody in particular (a personal database without users)
    bool shared = false;
    QJsonObject definition;
    int version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// All reads and writes of saved views. Each write is one transaction with its audit log entry; deleted views
// go to the trash (deleted_at) like every other row.
class SavedViewRepository final
{
public:
    static constexpr int MaxNameLength = 100;

    explicit SavedViewRepository(Database &db) : m_db(db) {}

    // Validates (a name, unique among the views the current user sees in that section) and inserts; the
    // owner is the database's current user.
    Status create(SavedView &view);
    // Saves name, shared flag and definition; fails with Error::Code::Conflict if someone else saved it since.
    Status update(SavedView &view);
    Status rename(qint64 id, const QString &name);
    Status remove(qint64 id);
    Result<SavedView> get(qint64 id);
    // The views of a section the current user sees (their own and the shared ones), by name.
    Result<QList<SavedView>> list(const QString &section);

private:
    Status validate(const SavedView &view);

    Database &m_db;
};
