#include "contactfilter.h"

#include <QJsonArray>

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonArray toArray(const QList<qint64> &list)
{
    QJsonArray array;
    for (qint64 id : list)
        array.append(id);
    return array;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        if (v.isString() && !v.toString().isEmpty() && !list.contains(v.toString()))
            list << v.toString();
    return list;
}

QList<qint64> idList(const QJsonValue &value)
{
    QList<qint64> list;
    for (const QJsonValue &v : value.toArray()) {
        const qint64 id = v.toInteger();
        if (id > 0 && !list.contains(id))
            list << id;
    }
    return list;
}

} // namespace

bool ContactFilter::hasFilters() const
{
    return !kinds.isEmpty() || !tags.isEmpty() || !outletIds.isEmpty() || !ownerIds.isEmpty()
        || !country.trimmed().isEmpty() || !city.trimmed().isEmpty() || doNotContact != DoNotContact::Any
        || notContactedInDays > 0;
}

QJsonObject ContactFilter::toJson() const
{
    QJsonObject json;
    if (!text.isEmpty())
        json.insert(QStringLiteral("text"), text);
    if (!kinds.isEmpty())
        json.insert(QStringLiteral("kinds"), toArray(kinds));
    if (!tags.isEmpty())
        json.insert(QStringLiteral("tags"), toArray(tags));
    if (!outletIds.isEmpty())
        json.insert(QStringLiteral("outlets"), toArray(outletIds));
    if (!ownerIds.isEmpty())
        json.insert(QStringLiteral("owners"), toArray(ownerIds));
    if (!country.isEmpty())
        json.insert(QStringLiteral("country"), country);
    if (!city.isEmpty())
        json.insert(QStringLiteral("city"), city);
    if (doNotContact != DoNotContact::Any)
        json.insert(QStringLiteral("doNotContact"),
            doNotContact == DoNotContact::Only ? QStringLiteral("only") : QStringLiteral("exclude"));
    if (notContactedInDays > 0)
        json.insert(QStringLiteral("notContactedInDays"), notContactedInDays);
    return json;
}

ContactFilter ContactFilter::fromJson(const QJsonObject &json)
{
    ContactFilter f;
    f.text = json.value(QStringLiteral("text")).toString();
    f.kinds = stringList(json.value(QStringLiteral("kinds")));
    f.tags = stringList(json.value(QStringLiteral("tags")));
    f.outletIds = idList(json.value(QStringLiteral("outlets")));
    f.ownerIds = idList(json.value(QStringLiteral("owners")));
    f.country = json.value(QStringLiteral("country")).toString();
    f.city = json.value(QStringLiteral("city")).toString();
    const QString dnc = json.value(QStringLiteral("doNotContact")).toString();
    f.doNotContact = dnc == u"only" ? DoNotContact::Only
        : dnc == u"exclude"         ? DoNotContact::Exclude
                                    : DoNotContact::Any;
    f.notContactedInDays = qMax(0, json.value(QStringLiteral("notContactedInDays")).toInt());
    return f;
}
