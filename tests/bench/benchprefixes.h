#pragma once

#include "storage/database.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStringList>

namespace Bench {

// `count` prefixes of 2–4 letters of words from real contact names, the same every run (seeded), as a person
// starts typing a name.
inline QStringList randomPrefixes(Database &db, int count)
{
    QSqlQuery q(db.connection());
    QStringList names;
    q.exec(QStringLiteral("SELECT display_name FROM contacts WHERE id % 97 = 0 ORDER BY id"));
    while (q.next())
        names << q.value(0).toString();
    QRandomGenerator rng(42);
    QStringList prefixes;
    while (prefixes.size() < count && !names.isEmpty()) {
        const QStringList words = names.at(rng.bounded(int(names.size()))).split(u' ', Qt::SkipEmptyParts);
        const QString word = words.at(rng.bounded(int(words.size())));
        const int len = 2 + rng.bounded(3);
        if (word.size() >= len)
            prefixes << word.left(len).toLower();
    }
    return prefixes;
}

} // namespace Bench
