#pragma once

#include "domain/interaction.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/userrepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// Small builders shared by the history tests: contacts, interactions, campaigns, pitches and coverage.
namespace Fixtures {

inline qint64 contact(Database &db, const QString &name, qint64 organizationId = 0)
{
    Contact c;
    c.displayName = name;
    c.organizationId = organizationId;
    ContactRepository repo(db);
    if (!repo.create(c).ok())
        return 0;
    return c.id;
}

inline Interaction interaction(qint64 contactId, const QDateTime &at, const QString &channel = QStringLiteral("email"),
    const QString &direction = QStringLiteral("outbound"))
{
    Interaction i;
    i.contactId = contactId;
    i.occurredAt = at;
    i.channel = channel;
    i.direction = direction;
    i.subject = QStringLiteral("Subject");
    return i;
}

inline qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

inline QVariant value(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

// Inserts a row with named values and returns its id (raw SQL: campaigns, pitches and coverage have no
// repository in this part of the issue).
inline qint64 insert(Database &db, const QString &table, const QVariantMap &values)
{
    QStringList columns = values.keys();
    QStringList params;
    for (const QString &c : columns)
        params << u':' + c;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO ") + table + u'(' + columns.join(QStringLiteral(", "))
        + QStringLiteral(", created_at, updated_at, version) VALUES (") + params.join(QStringLiteral(", "))
        + QStringLiteral(", 0, 0, 1) RETURNING id"));
    for (const QString &c : columns)
        q.bindValue(u':' + c, values.value(c));
    if (!q.exec() || !q.next()) {
        qWarning() << q.lastError().text();
        return 0;
    }
    return q.value(0).toLongLong();
}

inline qint64 ms(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}

} // namespace Fixtures
