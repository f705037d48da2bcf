#pragma once

#include <QDateTime>
#include <QTimeZone>
#include <QVariant>

// Conversions between domain values and the portable column types (times are UTC epoch ms, ids are
// BIGINT with NULL for "none").
namespace Sql {

inline QVariant time(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

inline QDateTime time(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

inline QVariant id(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

inline QVariant text(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A list of ids bound as ONE parameter (:ids), so a statement is prepared once whatever the list's length:
// a JSON array for SQLite (read with json_each), an array literal for PostgreSQL.
inline QString idArray(bool postgres, const QList<qint64> &ids)
{
    QString list;
    list.reserve(ids.size() * 8 + 2);
    for (qint64 id : ids) {
        if (!list.isEmpty())
            list += u',';
        list += QString::number(id);
    }
    return postgres ? u'{' + list + u'}' : u'[' + list + u']';
}

// "column is one of :ids", for the parameter made by idArray().
inline QString inIdArray(bool postgres, const QString &column)
{
    return postgres ? column + QStringLiteral(" = ANY (CAST(:ids AS BIGINT[]))")
                    : column + QStringLiteral(" IN (SELECT value FROM json_each(:ids))");
}

} // namespace Sql
