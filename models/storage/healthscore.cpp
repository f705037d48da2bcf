#include "healthscore.h"

#include "core/clock.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <optional>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HealthScore)
};

constexpr double kDayMs = 86400000.0;
constexpr double kRecencyDecayDays = 60; // recency falls to 37% after 60 days, 5% after 180
constexpr int kFullFrequency = 12; // 12 touches in 90 days (about one a week) is full marks
constexpr int kFullChannels = 4;
constexpr double kFullTenureYears = 3;
constexpr int kFullTenureDepth = 30; // interactions needed for tenure to count fully
constexpr int kWriteChunk = 5000; // rows per write transaction in recomputeAll()
constexpr int kWindow = HealthScore::kWindow;

// Everybody at once: one scan of the table (SQLite: NOT INDEXED, since walking the timeline index and
// looking up each row costs three times as much as reading the table in order).
const QString kInteractionAggregate = QStringLiteral(
    "SELECT contact_id, count(*), sum(CASE WHEN occurred_at >= :recent THEN 1 ELSE 0 END), "
    "sum(CASE WHEN direction = 'inbound' THEN 1 ELSE 0 END), sum(CASE WHEN direction = 'outbound' THEN 1 ELSE 0 END), "
    "count(DISTINCT channel), min(occurred_at), max(occurred_at) FROM interactions %1 "
    "WHERE deleted_at IS NULL AND occurred_at <= :now AND contact_id IS NOT NULL GROUP BY contact_id");

// One contact: the latest kWindow interactions from the timeline index, and the first one, so that a
// contact with 10,000 interactions costs what one with 500 does.
const QString kWindowAggregate = QStringLiteral(
    "SELECT count(*), sum(CASE WHEN occurred_at >= :recent THEN 1 ELSE 0 END), "
    "sum(CASE WHEN direction = 'inbound' THEN 1 ELSE 0 END), sum(CASE WHEN direction = 'outbound' THEN 1 ELSE 0 END), "
    "count(DISTINCT channel), max(occurred_at), (SELECT occurred_at FROM interactions WHERE contact_id = :contact "
    "AND deleted_at IS NULL AND occurred_at <= :now ORDER BY occurred_at, id LIMIT 1) "
    "FROM (SELECT occurred_at, direction, channel FROM interactions WHERE contact_id = :contact AND deleted_at IS NULL "
    "AND occurred_at <= :now ORDER BY occurred_at DESC, id DESC LIMIT :window) w");

// A pitch counts as answered once it has a reply time, or a status past "pitched" (older rows may lack
// replied_at).
const QString kPitchAggregate = QStringLiteral(
    "SELECT contact_id, count(*), sum(CASE WHEN (replied_at IS NOT NULL AND replied_at <= :now) OR (replied_at IS NULL "
    "AND status IN ('replied', 'interested', 'declined', 'covered')) THEN 1 ELSE 0 END) FROM pitches "
    "WHERE deleted_at IS NULL AND pitched_at IS NOT NULL AND pitched_at <= :now AND contact_id %1 GROUP BY contact_id");

using InputMap = QHash<qint64, HealthInputs>;

Status aggregateWindow(Database &db, qint64 nowMs, qint64 contactId, HealthInputs &in)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(kWindowAggregate);
    q.bindValue(QStringLiteral(":recent"), nowMs - qint64(HealthScore::kRecentDays) * 86400000);
    q.bindValue(QStringLiteral(":now"), nowMs);
    q.bindValue(QStringLiteral(":contact"), contactId);
    q.bindValue(QStringLiteral(":window"), kWindow);
    if (!q.exec() || !q.next())
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    in.contactId = contactId;
    in.total = q.value(0).toInt();
    in.recent = q.value(1).toInt();
    in.inbound = q.value(2).toInt();
    in.outbound = q.value(3).toInt();
    in.channels = q.value(4).toInt();
    in.last = Sql::time(q.value(5));
    in.first = Sql::time(q.value(6));
    return {};
}

// Aggregates histories as of `now`, for one contact or (contactId 0) everybody. Both give the same inputs:
// counts over the latest kWindow interactions, and the first interaction ever.
Status aggregate(Database &db, const QDateTime &now, qint64 contactId, InputMap &out)
{
    const QString which = contactId > 0 ? QStringLiteral("= :contact") : QStringLiteral("IS NOT NULL");
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (contactId > 0) {
        HealthInputs in;
        if (Status s = aggregateWindow(db, nowMs, contactId, in); !s)
            return s;
        if (in.total > 0)
            out.insert(contactId, in);
    } else {
        q.prepare(kInteractionAggregate.arg(db.isPostgres() ? QString() : QStringLiteral("NOT INDEXED")));
        q.bindValue(QStringLiteral(":recent"), nowMs - qint64(HealthScore::kRecentDays) * 86400000);
        q.bindValue(QStringLiteral(":now"), nowMs);
        if (!q.exec())
            return db.errorFrom(q, Tr::tr("computing relationship health"));
        QList<qint64> large;
        while (q.next()) {
            HealthInputs &in = out[q.value(0).toLongLong()];
            in.contactId = q.value(0).toLongLong();
            in.total = q.value(1).toInt();
            in.recent = q.value(2).toInt();
            in.inbound = q.value(3).toInt();
            in.outbound = q.value(4).toInt();
            in.channels = q.value(5).toInt();
            in.first = Sql::time(q.value(6));
            in.last = Sql::time(q.value(7));
            if (in.total > kWindow)
                large.append(in.contactId);
        }
        q.finish();
        for (qint64 id : large) // the few with a longer history than the window: counted as one by one
            if (Status s = aggregateWindow(db, nowMs, id, out[id]); !s)
                return s;
    }
    q.prepare(kPitchAggregate.arg(which));
    q.bindValue(QStringLiteral(":now"), nowMs);
    if (contactId > 0)
        q.bindValue(QStringLiteral(":contact"), contactId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    while (q.next()) {
        HealthInputs &in = out[q.value(0).toLongLong()];
        in.contactId = q.value(0).toLongLong();
        in.pitchesSent = q.value(1).toInt();
        in.pitchesAnswered = q.value(2).toInt();
    }
    return {};
}

struct LiveContact
{
    qint64 id = 0;
    qint64 reach = 0;
    QVariant health;
    QString name;
    QDateTime lastContacted;
};

Result<QList<LiveContact>> liveContacts(Database &db)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, reach, health_score, display_name, last_contacted_at FROM contacts "
                               "WHERE deleted_at IS NULL")))
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    QList<LiveContact> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2), q.value(3).toString(),
            Sql::time(q.value(4)) });
    return out;
}

} // namespace

HealthScore HealthScore::compute(const HealthInputs &in, const QDateTime &now, bool withExplanation)
{
    HealthScore h;
    if (in.total == 0 && in.pitchesSent == 0) {
        h.explanation << Tr::tr("No conversations yet.");
        return h;
    }
    const double daysSinceLast
        = in.last.isValid() ? std::max(0.0, double(now.toMSecsSinceEpoch() - in.last.toMSecsSinceEpoch()) / kDayMs) : 0;
    const double daysKnown = in.first.isValid()
        ? std::max(0.0, double(now.toMSecsSinceEpoch() - in.first.toMSecsSinceEpoch()) / kDayMs)
        : 0;

    h.recency = in.last.isValid() ? std::exp(-daysSinceLast / kRecencyDecayDays) : 0;
    h.frequency = std::min(1.0, std::log2(1.0 + in.recent) / std::log2(1.0 + kFullFrequency));
    const int directed = in.inbound + in.outbound;
    h.reciprocity = directed > 0 ? 2.0 * std::min(in.inbound, in.outbound) / directed : 0;
    h.response = in.pitchesSent > 0 ? double(in.pitchesAnswered) / in.pitchesSent : 0.5; // unknown: neutral
    h.breadth = std::min(1.0, double(in.channels) / kFullChannels);
    h.tenure
        = std::min(1.0, daysKnown / 365.25 / kFullTenureYears) * std::min(1.0, double(in.total) / kFullTenureDepth);

    const double sum = kRecencyWeight * h.recency + kFrequencyWeight * h.frequency + kReciprocityWeight * h.reciprocity
        + kResponseWeight * h.response + kBreadthWeight * h.breadth + kTenureWeight * h.tenure;
    h.score = std::clamp(int(std::lround(sum)), 0, 100);
    if (!withExplanation)
        return h;

    // Singular and plural as separate sentences: the project ships no English numerus translation, and
    // "%n day(s)" would show as is.
    auto part = [&h](const QString &name, double value, double weight, const QString &sentence) {
        h.parts.append({ name, int(std::lround(value * weight)), int(weight), sentence });
        h.explanation << sentence;
    };
    if (in.last.isValid()) {
        const int days = int(daysSinceLast);
        part(Tr::tr("Recency"), h.recency, kRecencyWeight,
            days == 0       ? Tr::tr("Last spoke today.")
                : days == 1 ? Tr::tr("Last spoke yesterday.")
                            : Tr::tr("Last spoke %1 days ago.").arg(days));
    } else {
        part(Tr::tr("Recency"), h.recency, kRecencyWeight, Tr::tr("No conversation logged, only pitches."));
    }
    part(Tr::tr("Frequency"), h.frequency, kFrequencyWeight,
        in.recent == 1 ? Tr::tr("One interaction in the last %1 days.").arg(kRecentDays)
                       : Tr::tr("%1 interactions in the last %2 days.").arg(in.recent).arg(kRecentDays));
    if (directed > 0) {
        // "Mostly" from 70% one way: 12 of 15 is one-sided, 9 of 15 is a conversation.
        const QString sentence = in.outbound * 10 >= directed * 7
            ? Tr::tr("Mostly outbound: %1 of %2 interactions were ours.").arg(in.outbound).arg(directed)
            : in.inbound * 10 >= directed * 7
            ? Tr::tr("Mostly inbound: %1 of %2 interactions came from them.").arg(in.inbound).arg(directed)
            : Tr::tr("Balanced: %1 of %2 interactions came from them.").arg(in.inbound).arg(directed);
        part(Tr::tr("Reciprocity"), h.reciprocity, kReciprocityWeight, sentence);
    }
    part(Tr::tr("Response"), h.response, kResponseWeight,
        in.pitchesSent > 0 ? Tr::tr("Answers %1 of %2 pitches.").arg(in.pitchesAnswered).arg(in.pitchesSent)
                           : Tr::tr("No pitches sent yet."));
    if (in.channels > 0)
        part(Tr::tr("Breadth"), h.breadth, kBreadthWeight,
            in.channels == 1 ? Tr::tr("Talked on one channel.") : Tr::tr("Talked on %1 channels.").arg(in.channels));
    if (in.first.isValid()) {
        const int years = int(daysKnown / 365.25);
        const int months = int(daysKnown / 30.44);
        part(Tr::tr("Tenure"), h.tenure, kTenureWeight,
            years >= 2        ? Tr::tr("Known for %1 years.").arg(years)
                : years == 1  ? Tr::tr("Known for over a year.")
                : months >= 2 ? Tr::tr("Known for %1 months.").arg(months)
                : months == 1 ? Tr::tr("Known for a month.")
                              : Tr::tr("Known for less than a month."));
    }
    return h;
}

QString HealthScore::grade(int score)
{
    if (score < 0)
        return Tr::tr("not scored", "relationship health");
    if (score >= 70)
        return Tr::tr("strong", "relationship health");
    if (score >= 45)
        return Tr::tr("steady", "relationship health");
    if (score >= 20)
        return Tr::tr("cooling", "relationship health");
    return Tr::tr("cold", "relationship health");
}

QStringList HealthScore::breakdownLines() const
{
    if (parts.isEmpty())
        return explanation;
    QStringList lines;
    for (const Part &p : parts)
        lines << Tr::tr("%1 %2 of %3: %4", "component, points, maximum, sentence")
                     .arg(p.name)
                     .arg(p.points)
                     .arg(p.maxPoints)
                     .arg(p.sentence);
    return lines;
}

QString HealthScore::describe() const
{
    return (QStringList { Tr::tr("Relationship health %1 of 100 (%2)").arg(score).arg(grade(score)) }
               + breakdownLines())
        .join(u'\n');
}

Result<HealthInputs> HealthRepository::inputs(Database &db, qint64 contactId, const QDateTime &now)
{
    InputMap map;
    if (Status s = aggregate(db, now, contactId, map); !s)
        return s.error();
    HealthInputs in = map.value(contactId);
    in.contactId = contactId;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT reach FROM contacts WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("computing relationship health"));
    if (!q.next())
        return Error { Tr::tr("The contact no longer exists."), Error::Code::NotFound };
    in.reach = q.value(0).toLongLong();
    return in;
}

Status HealthRepository::recomputeContact(Database &db, qint64 contactId)
{
    Result<HealthInputs> in = inputs(db, contactId, Clock::now());
    if (!in)
        return in.error();
    const HealthScore h = HealthScore::compute(*in, Clock::now());
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE contacts SET health_score = :score, last_contacted_at = (SELECT occurred_at "
                             "FROM interactions WHERE contact_id = :id AND deleted_at IS NULL "
                             "ORDER BY occurred_at DESC, id DESC LIMIT 1) WHERE id = :id"));
    q.bindValue(QStringLiteral(":score"), h.score);
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("updating relationship health"));
    return {};
}

Result<HealthScore> HealthRepository::explain(Database &db, qint64 contactId)
{
    const QDateTime now = Clock::now();
    Result<HealthInputs> in = inputs(db, contactId, now);
    if (!in)
        return in.error();
    return HealthScore::compute(*in, now);
}

namespace {

// recomputeAll() as of `now`; with ownTransactions the writes go in short transactions of their own, without
// them into the caller's open transaction.
Result<HealthRepository::RecomputeStats> recomputeEverybody(Database &db, const QDateTime &now, bool ownTransactions)
{
    using HealthRepository::RecomputeStats;
    InputMap map;
    if (Status s = aggregate(db, now, 0, map); !s)
        return s.error();
    Result<QList<LiveContact>> contacts = liveContacts(db);
    if (!contacts)
        return contacts.error();

    QList<std::pair<qint64, int>> writes;
    RecomputeStats stats;
    for (const LiveContact &c : *contacts) {
        HealthInputs in = map.value(c.id);
        in.reach = c.reach;
        const int score = HealthScore::compute(in, now, false).score;
        ++stats.contacts;
        if (c.health.isNull() || c.health.toInt() != score)
            writes.append({ c.id, score });
    }
    // Short transactions, so that a person saving an interaction meanwhile waits milliseconds, not seconds.
    for (qsizetype start = 0; start < writes.size(); start += kWriteChunk) {
        std::optional<Transaction> tx;
        if (ownTransactions) {
            tx.emplace(db);
            if (!tx->status())
                return tx->status().error();
        }
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("UPDATE contacts SET health_score = :score WHERE id = :id"));
        const qsizetype end = std::min(writes.size(), start + kWriteChunk);
        for (qsizetype i = start; i < end; ++i) {
            q.bindValue(QStringLiteral(":score"), writes[i].second);
            q.bindValue(QStringLiteral(":id"), writes[i].first);
            if (!q.exec())
                return db.errorFrom(q, Tr::tr("updating relationship health"));
        }
        if (tx)
            if (Status s = tx->commit(); !s)
                return s.error();
        stats.changed += int(end - start);
    }
    return stats;
}

} // namespace

Result<HealthRepository::RecomputeStats> HealthRepository::recomputeAll(Database &db)
{
    return recomputeEverybody(db, Clock::now(), true);
}

Result<HealthRepository::RecomputeStats> HealthRepository::recomputeAllInTransaction(Database &db, const QDateTime &now)
{
    return recomputeEverybody(db, now, false);
}

void HealthRepository::recomputeAllInBackground(
    const DatabaseLocation &location, QObject *context, std::function<void(const Result<RecomputeStats> &)> done)
{
    auto result = std::make_shared<Result<RecomputeStats>>(Error { Tr::tr("The health scores were not recomputed.") });
    QThread *thread = QThread::create([location, result] {
        // Qt SQL connections belong to the thread that opens them: this one opens and closes its own.
        Result<std::unique_ptr<Database>> db = Database::open(location, Database::OpenFlag::None);
        *result = db ? recomputeAll(**db) : Result<RecomputeStats>(db.error());
    });
    QObject::connect(thread, &QThread::finished, context, [result, done = std::move(done)] { done(*result); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start(QThread::LowPriority);
}

namespace {

// Cooling off, in one pass over the interactions of the quiet contacts: the inputs as of now and as of
// `then` side by side. SQLite: NOT INDEXED, one sequential scan (reading half the contacts' histories
// through the timeline index costs twice as much in random reads). Counts run over the whole history;
// the few contacts with more than kWindow interactions are recounted over their window afterwards, as the
// stored score does.
const QString kQuietContacts = QStringLiteral(
    "SELECT id FROM contacts WHERE deleted_at IS NULL AND last_contacted_at >= :oldest AND last_contacted_at < :quiet");

const QString kCoolingAggregate = QStringLiteral(
    "SELECT i.contact_id, count(*), sum(CASE WHEN i.occurred_at >= :recent_now THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.direction = 'inbound' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.direction = 'outbound' THEN 1 ELSE 0 END), count(DISTINCT i.channel), "
    "min(i.occurred_at), max(i.occurred_at), "
    "sum(CASE WHEN i.occurred_at <= :then THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.occurred_at <= :then AND i.occurred_at >= :recent_then THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.occurred_at <= :then AND i.direction = 'inbound' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN i.occurred_at <= :then AND i.direction = 'outbound' THEN 1 ELSE 0 END), "
    "count(DISTINCT CASE WHEN i.occurred_at <= :then THEN i.channel END), "
    "max(CASE WHEN i.occurred_at <= :then THEN i.occurred_at END) "
    "FROM interactions i %1 WHERE i.deleted_at IS NULL AND i.occurred_at <= :now AND i.contact_id IN (%2) "
    "GROUP BY i.contact_id");

const QString kCoolingPitches = QStringLiteral(
    "SELECT p.contact_id, count(*), sum(CASE WHEN (p.replied_at IS NOT NULL AND p.replied_at <= :at) OR "
    "(p.replied_at IS NULL AND p.status IN ('replied', 'interested', 'declined', 'covered')) THEN 1 ELSE 0 END) "
    "FROM pitches p WHERE p.deleted_at IS NULL AND p.pitched_at IS NOT NULL AND p.pitched_at <= :at "
    "AND p.contact_id IN (%1) GROUP BY p.contact_id");

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id); // integers from the database: safe to inline
    return parts.join(u',');
}

} // namespace

Result<QList<CoolingContact>> HealthRepository::coolingOff(Database &db, int limit)
{
    const QDateTime now = Clock::now();
    const QDateTime then = now.addDays(-kCoolingDays);
    const qint64 nowMs = now.toMSecsSinceEpoch(), thenMs = then.toMSecsSinceEpoch();
    constexpr qint64 kDay = 86400000;
    const qint64 quietMs = nowMs - kCoolingQuietDays * kDay;
    const qint64 oldestMs = nowMs - kCoolingOldestDays * kDay;
    const QString doing = Tr::tr("finding the relationships that are cooling off");

    struct Row
    {
        HealthInputs now, then;
        int scoreThen = 0, scoreNow = 0;
    };
    QHash<qint64, Row> rows;
    QList<qint64> order;
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        q.prepare(kCoolingAggregate.arg(db.isPostgres() ? QString() : QStringLiteral("NOT INDEXED"), kQuietContacts));
        q.bindValue(QStringLiteral(":recent_now"), nowMs - qint64(HealthScore::kRecentDays) * kDay);
        q.bindValue(QStringLiteral(":recent_then"), thenMs - qint64(HealthScore::kRecentDays) * kDay);
        q.bindValue(QStringLiteral(":then"), thenMs);
        q.bindValue(QStringLiteral(":now"), nowMs);
        q.bindValue(QStringLiteral(":oldest"), oldestMs);
        q.bindValue(QStringLiteral(":quiet"), quietMs);
        if (!q.exec())
            return db.errorFrom(q, doing);
        while (q.next()) {
            Row r;
            const qint64 id = q.value(0).toLongLong();
            r.now.contactId = r.then.contactId = id;
            r.now.total = q.value(1).toInt();
            r.now.recent = q.value(2).toInt();
            r.now.inbound = q.value(3).toInt();
            r.now.outbound = q.value(4).toInt();
            r.now.channels = q.value(5).toInt();
            r.now.first = r.then.first = Sql::time(q.value(6));
            r.now.last = Sql::time(q.value(7));
            r.then.total = q.value(8).toInt();
            r.then.recent = q.value(9).toInt();
            r.then.inbound = q.value(10).toInt();
            r.then.outbound = q.value(11).toInt();
            r.then.channels = q.value(12).toInt();
            r.then.last = Sql::time(q.value(13));
            if (r.then.total == 0)
                continue; // not known 90 days ago: nothing to cool from
            order.append(id);
            rows.insert(id, r);
        }
    }
    if (order.isEmpty())
        return QList<CoolingContact>();
    for (const bool atNow : { true, false }) {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        q.prepare(kCoolingPitches.arg(kQuietContacts));
        q.bindValue(QStringLiteral(":at"), atNow ? nowMs : thenMs);
        q.bindValue(QStringLiteral(":oldest"), oldestMs);
        q.bindValue(QStringLiteral(":quiet"), quietMs);
        if (!q.exec())
            return db.errorFrom(q, doing);
        while (q.next()) {
            auto it = rows.find(q.value(0).toLongLong());
            if (it == rows.end())
                continue;
            HealthInputs &in = atNow ? it->now : it->then;
            in.pitchesSent = q.value(1).toInt();
            in.pitchesAnswered = q.value(2).toInt();
        }
    }
    // Reach only matters for those the score alone does not make valuable.
    QHash<qint64, qint64> reach;
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT id, reach FROM contacts WHERE reach >= :reach AND id IN (%1)").arg(kQuietContacts));
        q.bindValue(QStringLiteral(":reach"), kCoolingValuableReach);
        q.bindValue(QStringLiteral(":oldest"), oldestMs);
        q.bindValue(QStringLiteral(":quiet"), quietMs);
        if (!q.exec())
            return db.errorFrom(q, doing);
        while (q.next())
            reach.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    }
    struct Hit
    {
        qint64 id;
        int drop;
        qint64 reach;
        int scoreThen, scoreNow;
    };
    QList<Hit> hits;
    for (qint64 id : std::as_const(order)) {
        Row &r = rows[id];
        // Longer histories than the stored score's window: count them over the window, as recomputeContact().
        if (r.now.total > kWindow)
            if (Status s = aggregateWindow(db, nowMs, id, r.now); !s)
                return s.error();
        if (r.then.total > kWindow)
            if (Status s = aggregateWindow(db, thenMs, id, r.then); !s)
                return s.error();
        const int scoreThen = HealthScore::compute(r.then, then, false).score;
        const int scoreNow = HealthScore::compute(r.now, now, false).score;
        const qint64 contactReach = reach.value(id);
        const bool valuable = scoreThen >= kCoolingValuableScore
            || (contactReach >= kCoolingValuableReach && scoreThen >= kCoolingMinDrop);
        if (valuable && scoreThen - scoreNow >= kCoolingMinDrop)
            hits.append({ id, scoreThen - scoreNow, contactReach, scoreThen, scoreNow });
    }
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) {
        return a.drop != b.drop ? a.drop > b.drop : a.reach != b.reach ? a.reach > b.reach : a.id < b.id;
    });
    if (hits.size() > limit)
        hits.resize(limit);

    // Names, owners and last contact for the rows shown only.
    QList<CoolingContact> out;
    if (hits.isEmpty())
        return out;
    QList<qint64> ids;
    for (const Hit &h : std::as_const(hits))
        ids << h.id;
    QHash<qint64, CoolingContact> details;
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT c.id, c.display_name, c.reach, c.last_contacted_at, c.owner_id, u.name "
                                   "FROM contacts c LEFT JOIN users u ON u.id = c.owner_id WHERE c.id IN (")
                + idList(ids) + u')'))
            return db.errorFrom(q, doing);
        while (q.next()) {
            CoolingContact c;
            c.contactId = q.value(0).toLongLong();
            c.displayName = q.value(1).toString();
            c.reach = q.value(2).toLongLong();
            c.lastContactedAt = Sql::time(q.value(3));
            c.ownerId = q.value(4).toLongLong();
            c.ownerName = q.value(5).toString();
            details.insert(c.contactId, c);
        }
    }
    for (const Hit &h : std::as_const(hits)) {
        CoolingContact c = details.value(h.id);
        c.contactId = h.id;
        c.scoreThen = h.scoreThen;
        c.scoreNow = h.scoreNow;
        out.append(c);
    }
    if (Status s = fillNextFollowUps(db, out); !s)
        return s.error();
    return out;
}

Status HealthRepository::fillNextFollowUps(Database &db, QList<CoolingContact> &contacts)
{
    // One pass over the open follow-ups (there is no index by contact; the open ones lead the
    // (done_at, due_at) index).
    if (contacts.isEmpty())
        return {};
    QList<qint64> ids;
    QHash<qint64, qsizetype> at;
    for (qsizetype n = 0; n < contacts.size(); ++n) {
        ids << contacts[n].contactId;
        at.insert(contacts[n].contactId, n);
        contacts[n].nextFollowUpAt = QDateTime();
    }
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT contact_id, min(due_at) FROM follow_ups WHERE done_at IS NULL "
                               "AND deleted_at IS NULL AND contact_id IN (")
            + idList(ids) + QStringLiteral(") GROUP BY contact_id")))
        return db.errorFrom(q, Tr::tr("finding the relationships that are cooling off"));
    while (q.next())
        contacts[at.value(q.value(0).toLongLong())].nextFollowUpAt = Sql::time(q.value(1));
    return {};
}
