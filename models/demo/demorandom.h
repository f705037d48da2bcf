#pragma once

#include <QtGlobal>

#include <cmath>
#include <random>

// A seeded random source whose output is the same on every platform and standard library:
// std::mt19937_64 is fully specified, but std::uniform_int_distribution and friends are not, so the
// range reductions are done here.
class DemoRandom final
{
public:
    // `stream` separates independent sequences drawn from one seed (people, campaigns, timeline...), so
    // a change in one phase of the generator does not shift the data of the others.
    DemoRandom(quint32 seed, quint32 stream)
        : m_engine((quint64(seed) << 32) ^ (quint64(stream) * 0x9E3779B97F4A7C15ULL))
    {
    }

    quint64 next() { return m_engine(); }

    // 0 <= x < n (the modulo bias is below 2^-40 for the ranges used here).
    qint64 below(qint64 n) { return n <= 1 ? 0 : qint64(next() % quint64(n)); }
    qint64 between(qint64 lo, qint64 hi) { return lo + below(hi - lo + 1); } // inclusive
    double unit() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
    bool chance(double p) { return unit() < p; }
    // Log-uniform in [lo, hi]: audiences and follower counts spread over orders of magnitude.
    qint64 logUniform(qint64 lo, qint64 hi)
    {
        const double l = std::log(double(lo)), h = std::log(double(hi));
        return qint64(std::exp(l + (h - l) * unit()));
    }

    template <typename Container> const auto &pick(const Container &c)
    {
        return c[std::size_t(below(qint64(std::size(c))))];
    }

    // Index into `weights` (non-negative ints), chosen with probability proportional to the weight.
    template <typename Container> int weighted(const Container &weights)
    {
        qint64 total = 0;
        for (auto w : weights)
            total += w;
        qint64 x = below(total);
        int i = 0;
        for (auto w : weights) {
            if (x < w)
                return i;
            x -= w;
            ++i;
        }
        return i - 1;
    }

private:
    std::mt19937_64 m_engine;
};
