#pragma once

#include <QSqlQuery>
#include <QStringList>

// ORDER BY pieces the list queries (ContactListQuery, OrganizationListQuery) share.
namespace ListOrder {

inline QString direction(Qt::SortOrder order)
{
    return order == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
}

// The column in the order the user sees its values (`ranks`, e.g. the translated kinds sorted), bound as
// :kind0, :kind1, … by bindKindRanks(); values not listed come last. The column itself without ranks.
inline QString kindKey(const QString &column, const QStringList &ranks, Qt::SortOrder order)
{
    if (ranks.isEmpty())
        return column + direction(order);
    QString key = QStringLiteral("CASE ") + column;
    for (qsizetype i = 0; i < ranks.size(); ++i)
        key += QStringLiteral(" WHEN :kind%1 THEN %1").arg(i);
    return key + QStringLiteral(" ELSE %1 END").arg(ranks.size()) + direction(order);
}

inline void bindKindRanks(QSqlQuery &q, const QStringList &ranks)
{
    for (qsizetype i = 0; i < ranks.size(); ++i)
        q.bindValue(QStringLiteral(":kind%1").arg(i), ranks.at(i));
}

} // namespace ListOrder
