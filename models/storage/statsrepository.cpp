#include "statsrepository.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QSqlQuery>

QStringList StatsRepository::tables()
{
    return {QStringLiteral("users"),           QStringLiteral("organizations"),     QStringLiteral("contacts"),
            QStringLiteral("contact_emails"),  QStringLiteral("contact_phones"),    QStringLiteral("handles"),
            QStringLiteral("tags"),            QStringLiteral("contact_tags"),      QStringLiteral("interactions"),
            QStringLiteral("campaigns"),       QStringLiteral("content_items"),     QStringLiteral("media_lists"),
            QStringLiteral("media_list_members"), QStringLiteral("pitches"),        QStringLiteral("coverage"),
            QStringLiteral("follow_ups"),      QStringLiteral("social_accounts"),   QStringLiteral("sync_state"),
            QStringLiteral("engagement_events"), QStringLiteral("ignored_handles"), QStringLiteral("saved_views"),
            QStringLiteral("audit_log")};
}

Result<DatabaseStats> StatsRepository::stats()
{
    DatabaseStats s;
    Result<int> version = m_db.schemaVersion();
    if (!version)
        return version.error();
    s.schemaVersion = *version;
    s.sizeBytes = m_db.sizeBytes();
    QSqlQuery q(m_db.connection());
    for (const QString &table : tables()) {
        if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !q.next())
            return m_db.errorFrom(q, QCoreApplication::translate("StatsRepository", "counting rows"));
        s.rowCounts.append({table, q.value(0).toLongLong()});
    }
    return s;
}

Result<bool> StatsRepository::isEmpty()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM (SELECT 1 FROM contacts LIMIT 1) a) + "
                               "(SELECT count(*) FROM (SELECT 1 FROM organizations LIMIT 1) b) + "
                               "(SELECT count(*) FROM (SELECT 1 FROM interactions LIMIT 1) c)"))
        || !q.next())
        return m_db.errorFrom(q, QCoreApplication::translate("StatsRepository", "reading the database"));
    return q.value(0).toLongLong() == 0;
}
