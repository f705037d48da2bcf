#include "savedviewrepository.h"

#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"
#include "storage/versionedwrite.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SavedViewRepository)
};

const QString kColumns
    = QStringLiteral("id, name, section, owner_id, shared, definition, version, created_at, updated_at");
// What the current user sees: their own views, shared ones and those of nobody in particular.
const QString kVisible = QStringLiteral("deleted_at IS NULL AND (owner_id IS NULL OR owner_id = :me OR shared <> 0)");

SavedView fromQuery(const QSqlQuery &q)
{
    SavedView v;
    v.id = q.value(0).toLongLong();
    v.name = q.value(1).toString();
    v.section = q.value(2).toString();
    v.ownerId = q.value(3).toLongLong();
    v.shared = q.value(4).toInt() != 0;
    v.definition = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
    v.version = q.value(6).toInt();
    v.createdAt = Sql::time(q.value(7));
    v.updatedAt = Sql::time(q.value(8));
    return v;
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// What create and update share; the name is trimmed before.
VersionedWrite::Write write(const SavedView &view)
{
    VersionedWrite::Write w;
    w.table = QStringLiteral("saved_views");
    w.bind = [&view](QSqlQuery &q) {
        q.bindValue(QStringLiteral(":name"), view.name);
        q.bindValue(QStringLiteral(":shared"), view.shared ? 1 : 0);
        q.bindValue(QStringLiteral(":definition"), json(view.definition));
    };
    w.auditEntity = QStringLiteral("saved_view");
    w.auditDetails = view.name;
    w.doing = Tr::tr("saving the view");
    return w;
}

} // namespace

Status SavedViewRepository::validate(const SavedView &view)
{
    const QString name = view.name.trimmed();
    if (name.isEmpty())
        return Error::validation(QStringLiteral("name"), Tr::tr("Give the view a name."));
    if (name.size() > MaxNameLength)
        return Error::validation(
            QStringLiteral("name"), Tr::tr("A view's name can have at most %1 characters.").arg(MaxNameLength));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM saved_views WHERE ") + kVisible
        + QStringLiteral(" AND section = :section AND lower(name) = lower(:name) AND id <> :id"));
    q.bindValue(QStringLiteral(":me"), m_db.currentUserId());
    q.bindValue(QStringLiteral(":section"), view.section);
    q.bindValue(QStringLiteral(":name"), name);
    q.bindValue(QStringLiteral(":id"), view.id);
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, Tr::tr("checking the view's name"));
    if (q.value(0).toLongLong() > 0)
        return Error::validation(QStringLiteral("name"), Tr::tr("There is already a view named “%1”.").arg(name));
    return {};
}

Status SavedViewRepository::create(SavedView &view)
{
    view.name = view.name.trimmed();
    VersionedWrite::Write w = write(view);
    w.columns = QStringLiteral("name, section, owner_id, shared, definition");
    w.bind = [bindShared = w.bind, &view, owner = m_db.currentUserId()](QSqlQuery &q) {
        bindShared(q);
        q.bindValue(QStringLiteral(":section"), view.section);
        q.bindValue(QStringLiteral(":owner_id"), Sql::id(owner));
    };
    w.before = [this, &view] { return validate(view); }; // in the transaction: the name must stay unique
    if (Status s = VersionedWrite::create(m_db, view, w); !s)
        return s;
    view.ownerId = m_db.currentUserId();
    return {};
}

Status SavedViewRepository::update(SavedView &view)
{
    if (view.id <= 0)
        return Error { Tr::tr("This view has not been saved yet."), Error::Code::NotFound };
    view.name = view.name.trimmed();
    VersionedWrite::Write w = write(view);
    w.columns = QStringLiteral("name, shared, definition");
    w.liveOnly = true;
    w.conflict
        = Tr::tr("Someone else changed or deleted the view “%1” meanwhile. Reload it and try again.").arg(view.name);
    w.before = [this, &view] { return validate(view); }; // in the transaction: the name must stay unique
    return VersionedWrite::update(m_db, view, w);
}

Status SavedViewRepository::rename(qint64 id, const QString &name)
{
    Result<SavedView> view = get(id);
    if (!view)
        return view.error();
    view->name = name;
    return update(*view);
}

Status SavedViewRepository::remove(qint64 id)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    const qint64 now = Sql::nowMs();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE saved_views SET deleted_at = :now, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE id = :id AND deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("deleting the view"));
    if (q.numRowsAffected() != 1)
        return Error { Tr::tr("This view no longer exists."), Error::Code::NotFound };
    if (Status s = AuditLog::record(m_db, QStringLiteral("delete"), QStringLiteral("saved_view"), id); !s)
        return s;
    return tx.commit();
}

Result<SavedView> SavedViewRepository::get(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM saved_views WHERE id = :id AND ") + kVisible);
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":me"), m_db.currentUserId());
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the view"));
    if (!q.next())
        return Error { Tr::tr("This view no longer exists."), Error::Code::NotFound };
    return fromQuery(q);
}

Result<QList<SavedView>> SavedViewRepository::list(const QString &section)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM saved_views WHERE section = :section AND ")
        + kVisible + QStringLiteral(" ORDER BY lower(name), id"));
    q.bindValue(QStringLiteral(":section"), section);
    q.bindValue(QStringLiteral(":me"), m_db.currentUserId());
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the saved views"));
    QList<SavedView> views;
    while (q.next())
        views << fromQuery(q);
    return views;
}
