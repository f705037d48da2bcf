#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// What the contact list shows: the text typed into the search field and the filters a user combines.
// Within one criterion any value matches (kind is journalist OR editor); across criteria all must match
// (a journalist AND on the "retail" beat AND not contacted in 90 days). An empty criterion does not filter.
//
// A plain value: saved views store it as JSON (toJson/fromJson), the list query turns it into SQL.
struct ContactFilter
{
    enum class DoNotContact { Any, Only, Exclude };

    QString text; // search as you type: every word a prefix, all must match (see SearchRepository)
    QStringList kinds; // raw kind values (journalist, editor, ...)
    QStringList tags; // beat or tag names
    QList<qint64> outletIds;
    QList<qint64> ownerIds;
    QString country;
    QString city;
    DoNotContact doNotContact = DoNotContact::Any;
    int notContactedInDays = 0; // 0: off; otherwise last contacted more than N days ago, or never

    // True if nothing narrows the list (neither text nor any filter).
    bool isEmpty() const { return text.trimmed().isEmpty() && !hasFilters(); }
    // True if any filter other than the search text is set.
    bool hasFilters() const;

    QJsonObject toJson() const;
    // Unknown keys are ignored and wrong types read as "not set", so a view saved by a newer version loads.
    static ContactFilter fromJson(const QJsonObject &json);

    bool operator==(const ContactFilter &) const = default;
};
