#pragma once

#include "storage/database.h"

#include <QList>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QString>
#include <QTextStream>

#include <algorithm>

// Small helpers shared by the benchmark programs: percentiles over samples in milliseconds.
namespace Bench {

struct Summary
{
    double median = 0;
    double p95 = 0;
    double max = 0;
};

inline Summary summarize(QList<double> samples)
{
    if (samples.isEmpty())
        return {};
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) { return samples.at(qMin(samples.size() - 1, qsizetype(q * (samples.size() - 1) + 0.5))); };
    return {at(0.5), at(0.95), samples.last()};
}

inline void print(QTextStream &out, const QString &name, const Summary &s)
{
    out << QStringLiteral("%1  median %2 ms  p95 %3 ms  max %4 ms")
               .arg(name, -44)
               .arg(s.median, 0, 'f', 2)
               .arg(s.p95, 0, 'f', 2)
               .arg(s.max, 0, 'f', 2)
        << Qt::endl;
}

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
