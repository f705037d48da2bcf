// SyncRepository: the contacts' handles a sync follows (Bluesky author feeds).
#include "syncrepository.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SyncRepository)
};
} // namespace

Result<QStringList> SyncRepository::contactHandles(const QString &network, int limit)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT h.normalized FROM handles h JOIN contacts c ON c.id = h.contact_id "
                             "WHERE h.network = :network AND c.deleted_at IS NULL "
                             "ORDER BY h.contact_id, h.normalized LIMIT :limit"));
    q.bindValue(QStringLiteral(":network"), network);
    q.bindValue(QStringLiteral(":limit"), qMax(0, limit));
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the contacts' handles"));
    QStringList handles;
    while (q.next())
        handles.append(q.value(0).toString());
    return handles;
}
