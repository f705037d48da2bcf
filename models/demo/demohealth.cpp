// DemoBuilder, part 5: relationship health of every contact as of the anchor.
//
// The demo knows every interaction and pitch it writes, so it tallies the health inputs while writing them
// instead of aggregating a million rows afterwards (HealthRepository::recomputeAll: a sort of the whole
// interactions table, then 100,000 single-row UPDATEs, ~8 % of generating the large set). The tally is the
// same as HealthRepository's: live interactions and pitches up to the anchor, histories longer than
// HealthScore::kWindow counted by HealthRepository itself (tst_demogenerator compares every score).
#include "demo/demobuilder.h"
#include "domain/healthscore.h"
#include "domain/interaction.h"
#include "storage/database.h"
#include "storage/healthrepository.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimeZone>

#include <bit>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)
};

constexpr qsizetype kIdsPerUpdate = 5000;

} // namespace

namespace {

// One date's tally: interactions up to `asOf` (the anchor, or HealthScore::kThenDays before it).
template <typename Tally> void count(Tally &t, qint64 at, qint64 asOf, qint64 day, quint32 channelBit, bool inbound)
{
    if (at > asOf)
        return;
    ++t.total;
    if (at >= asOf - qint64(HealthScore::kRecentDays) * day)
        ++t.recent;
    ++(inbound ? t.inbound : t.outbound);
    t.channels |= channelBit;
    t.first = t.total == 1 ? at : qMin(t.first, at);
    t.last = t.total == 1 ? at : qMax(t.last, at);
}

template <typename Tally, typename PitchT> void countPitch(Tally &t, const PitchT &p, qint64 asOf, bool answeredStatus)
{
    if (p.pitchedAt == 0 || p.pitchedAt > asOf)
        return;
    ++t.pitchesSent;
    // As the database counts an answer: a reply time by then, or without one a status past "pitched".
    if (p.repliedAt != 0 ? p.repliedAt <= asOf : answeredStatus)
        ++t.pitchesAnswered;
}

} // namespace

qint64 DemoBuilder::thenAnchor() const
{
    return m_anchor - qint64(HealthScore::kThenDays) * day();
}

void DemoBuilder::tallyInteraction(int contact, qint64 at, const QString &channel, bool inbound)
{
    if (m_health.size() != m_people.size()) {
        m_health.resize(m_people.size());
        m_healthThen.resize(m_people.size());
    }
    const qsizetype bit = Interaction::channels().indexOf(channel);
    const quint32 channelBit = bit >= 0 ? 1u << bit : 0u;
    // As of the anchor, as recomputeAll(now = anchor), and as of kThenDays before it (health_then).
    count(m_health[std::size_t(contact)], at, m_anchor, day(), channelBit, inbound);
    count(m_healthThen[std::size_t(contact)], at, thenAnchor(), day(), channelBit, inbound);
}

void DemoBuilder::tallyPitch(const Pitch &p)
{
    if (m_health.size() != m_people.size()) {
        m_health.resize(m_people.size());
        m_healthThen.resize(m_people.size());
    }
    const bool answeredStatus
        = p.status == Replied || p.status == Interested || p.status == Declined || p.status == Covered;
    countPitch(m_health[std::size_t(p.contact)], p, m_anchor, answeredStatus);
    countPitch(m_healthThen[std::size_t(p.contact)], p, thenAnchor(), answeredStatus);
}

Result<HealthInputs> DemoBuilder::healthInputs(int person, const HealthTally &t, const QDateTime &asOf)
{
    if (t.total > HealthScore::kWindow) // the few longer histories: over their latest kWindow, as the database
        return HealthRepository::inputs(m_db, contactId(person), asOf);
    HealthInputs in;
    in.contactId = contactId(person);
    in.total = t.total;
    in.recent = t.recent;
    in.inbound = t.inbound;
    in.outbound = t.outbound;
    in.channels = std::popcount(t.channels);
    in.pitchesSent = t.pitchesSent;
    in.pitchesAnswered = t.pitchesAnswered;
    if (t.total > 0) {
        in.first = QDateTime::fromMSecsSinceEpoch(t.first, QTimeZone::utc());
        in.last = QDateTime::fromMSecsSinceEpoch(t.last, QTimeZone::utc());
    }
    return in;
}

Status DemoBuilder::writeHealth()
{
    const QString doing = Tr::tr("Scoring relationship health…");
    setPhase(doing);
    if (Status s = report(); !s)
        return s;
    if (m_health.size() != m_people.size())
        m_health.resize(m_people.size());
    if (m_healthThen.size() != m_people.size())
        m_healthThen.resize(m_people.size());
    const QDateTime anchor = QDateTime::fromMSecsSinceEpoch(m_anchor, QTimeZone::utc());
    const QDateTime then = QDateTime::fromMSecsSinceEpoch(thenAnchor(), QTimeZone::utc());
    QHash<int, QList<qint64>> byScore, byThen;
    for (std::size_t i = 0; i < m_people.size(); ++i) {
        Result<HealthInputs> in = healthInputs(int(i), m_health[i], anchor);
        if (!in)
            return in.error();
        byScore[HealthScore::compute(*in, anchor, false).score].append(contactId(int(i)));
        if (m_healthThen[i].total == 0)
            continue; // health_then stays NULL: no interaction by then
        Result<HealthInputs> thenIn = healthInputs(int(i), m_healthThen[i], then);
        if (!thenIn)
            return thenIn.error();
        byThen[HealthScore::compute(*thenIn, then, false).score].append(contactId(int(i)));
    }
    // One statement per score and column (at most 2 × 101, in slices), before the indexes are built: no
    // index to keep.
    for (const auto &[column, scores] : { std::pair { QStringLiteral("health_score"), &byScore },
             std::pair { QStringLiteral("health_then"), &byThen } }) {
        for (auto it = scores->cbegin(); it != scores->cend(); ++it) {
            for (qsizetype start = 0; start < it->size(); start += kIdsPerUpdate) {
                QStringList ids;
                for (qsizetype k = start; k < qMin(it->size(), start + kIdsPerUpdate); ++k)
                    ids << QString::number(it->at(k)); // our own integers: safe to inline
                if (Status s = m_db.exec(QStringLiteral("UPDATE contacts SET %1 = %2 WHERE id IN (%3)")
                                             .arg(column)
                                             .arg(it.key())
                                             .arg(ids.join(u',')),
                        doing);
                    !s)
                    return s;
            }
        }
    }
    // Everybody is scored as of the anchor: Cooling off rescored them once the day has changed.
    return HealthRepository::setScoredAt(m_db, anchor);
}
