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

void DemoBuilder::tallyInteraction(int contact, qint64 at, const QString &channel, bool inbound)
{
    if (m_health.size() != m_people.size())
        m_health.resize(m_people.size());
    if (at > m_anchor)
        return; // as of the anchor, as recomputeAll(now = anchor)
    HealthTally &t = m_health[std::size_t(contact)];
    ++t.total;
    if (at >= m_anchor - qint64(HealthScore::kRecentDays) * day())
        ++t.recent;
    ++(inbound ? t.inbound : t.outbound);
    const qsizetype bit = Interaction::channels().indexOf(channel);
    if (bit >= 0)
        t.channels |= 1u << bit;
    t.first = t.total == 1 ? at : qMin(t.first, at);
    t.last = t.total == 1 ? at : qMax(t.last, at);
}

void DemoBuilder::tallyPitch(const Pitch &p)
{
    if (m_health.size() != m_people.size())
        m_health.resize(m_people.size());
    if (p.pitchedAt == 0 || p.pitchedAt > m_anchor)
        return;
    HealthTally &t = m_health[std::size_t(p.contact)];
    ++t.pitchesSent;
    // As the database counts an answer: a reply time by then, or without one a status past "pitched".
    const bool answered = p.repliedAt != 0
        ? p.repliedAt <= m_anchor
        : (p.status == Replied || p.status == Interested || p.status == Declined || p.status == Covered);
    if (answered)
        ++t.pitchesAnswered;
}

Status DemoBuilder::writeHealth()
{
    const QString doing = Tr::tr("Scoring relationship health…");
    setPhase(doing);
    if (Status s = report(); !s)
        return s;
    if (m_health.size() != m_people.size())
        m_health.resize(m_people.size());
    const QDateTime anchor = QDateTime::fromMSecsSinceEpoch(m_anchor, QTimeZone::utc());
    QHash<int, QList<qint64>> byScore;
    for (std::size_t i = 0; i < m_people.size(); ++i) {
        const HealthTally &t = m_health[i];
        HealthInputs in;
        if (t.total > HealthScore::kWindow) {
            // The few longer histories: over their latest kWindow interactions, as the database counts them.
            Result<HealthInputs> counted = HealthRepository::inputs(m_db, contactId(int(i)), anchor);
            if (!counted)
                return counted.error();
            in = *counted;
        } else {
            in.contactId = contactId(int(i));
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
        }
        byScore[HealthScore::compute(in, anchor, false).score].append(contactId(int(i)));
    }
    // One statement per score (at most 101, in slices), before the indexes are built: no index to keep.
    for (auto it = byScore.cbegin(); it != byScore.cend(); ++it) {
        for (qsizetype start = 0; start < it->size(); start += kIdsPerUpdate) {
            QStringList ids;
            for (qsizetype k = start; k < qMin(it->size(), start + kIdsPerUpdate); ++k)
                ids << QString::number(it->at(k)); // our own integers: safe to inline
            if (Status s = m_db.exec(QStringLiteral("UPDATE contacts SET health_score = %1 WHERE id IN (%2)")
                                         .arg(it.key())
                                         .arg(ids.join(u',')),
                    doing);
                !s)
                return s;
        }
    }
    return {};
}
