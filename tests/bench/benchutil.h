#pragma once

#include <QList>
#include <QString>
#include <QTextStream>

#include <algorithm>

#include <ctime>

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

// CPU time of the calling thread: on a shared, loaded machine the wall clock also counts other processes'
// turns, this does not (cache and frequency effects remain).
inline double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
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

} // namespace Bench
