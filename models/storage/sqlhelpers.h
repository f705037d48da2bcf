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

} // namespace Sql
