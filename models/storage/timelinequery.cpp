#include "timelinequery.h"

#include "storage/database.h"
#include "storage/searchrepository.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TimelineQuery)
};

// Rows strictly after the cursor in (at DESC, id DESC, kind DESC) order, for a branch whose kind is fixed:
// at < :at, or the same at and a smaller id, or the same id and a smaller kind. The last case folds into the
// id bound, so each branch gets its own (at, id) bound the index can use: :id_N is the cursor id, plus one
// when this branch's kind is smaller than the cursor's (so it comes after it at an equal id).
QString keysetClause(const QString &atColumn, const QString &idColumn, int kind)
{
    const QString idParam = QStringLiteral(":id_%1").arg(kind);
    return QStringLiteral(" AND %1 <= :at AND (%1 < :at OR %2 < %3)").arg(atColumn, idColumn, idParam);
}

QString branch(const QString &select)
{
    return QStringLiteral("SELECT * FROM (") + select + QStringLiteral(") b");
}

} // namespace

bool TimelineQuery::wants(const QString &channel) const
{
    return m_filter.channels.isEmpty() || m_filter.channels.contains(channel);
}

QString TimelineQuery::interactionBranch(bool keyset) const
{
    QString where = QStringLiteral("i.deleted_at IS NULL");
    switch (m_filter.scope) {
    case TimelineFilter::Scope::Contact:
        where += QStringLiteral(" AND i.contact_id = :scope");
        break;
    case TimelineFilter::Scope::Organization:
        where += QStringLiteral(" AND i.contact_id IN (SELECT id FROM contacts WHERE organization_id = :scope "
                                "AND deleted_at IS NULL)");
        break;
    case TimelineFilter::Scope::Everybody:
        // Synced items nobody is matched to yet wait in the Inbox; the team's activity is about contacts.
        where += QStringLiteral(" AND i.contact_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contacts tc WHERE tc.id = i.contact_id "
                                "AND tc.deleted_at IS NOT NULL)");
        break;
    }
    if (!m_filter.channels.isEmpty()) {
        QStringList params;
        for (int n = 0; n < m_filter.channels.size(); ++n)
            params << QStringLiteral(":ch%1").arg(n);
        where += QStringLiteral(" AND i.channel IN (") + params.join(QStringLiteral(", ")) + u')';
    }
    if (m_filter.userId > 0)
        where += QStringLiteral(" AND i.user_id = :user");
    if (m_filter.from.isValid())
        where += QStringLiteral(" AND i.occurred_at >= :from");
    if (m_filter.to.isValid())
        where += QStringLiteral(" AND i.occurred_at < :to");
    if (!SearchRepository::terms(m_filter.text).isEmpty())
        where += m_db.isPostgres() ? QStringLiteral(" AND i.search_vector @@ to_tsquery('simple', :text)")
                                   : QStringLiteral(" AND i.id IN (SELECT rowid FROM interactions_fts "
                                                    "WHERE interactions_fts MATCH :text)");
    if (keyset)
        where += keysetClause(
            QStringLiteral("i.occurred_at"), QStringLiteral("i.id"), int(TimelineEntry::Kind::Interaction));
    return branch(
        QStringLiteral("SELECT 0 AS kind, i.id AS id, i.occurred_at AS ts, i.contact_id AS contact_id, "
                       "i.user_id AS user_id, i.channel AS channel, i.direction AS direction, "
                       "i.subject AS title, substr(i.body, 1, 300) AS snippet, i.sentiment AS sentiment, "
                       "CAST(NULL AS TEXT) AS status, i.campaign_id AS campaign_id, i.source AS source, "
                       "i.date_unknown AS date_unknown FROM interactions i WHERE ")
        + where + QStringLiteral(" ORDER BY i.occurred_at DESC, i.id DESC LIMIT :limit"));
}

QString TimelineQuery::pitchBranch(TimelineEntry::Kind kind, bool keyset) const
{
    const bool reply = kind == TimelineEntry::Kind::PitchReply;
    const QString at = reply ? QStringLiteral("p.replied_at") : QStringLiteral("p.pitched_at");
    QString where = QStringLiteral("p.deleted_at IS NULL AND ") + at + QStringLiteral(" IS NOT NULL");
    // A pitch marked pitched on the board logs its own outbound `pitch` interaction (PitchRepository::move),
    // which the interaction branch shows: the pitch itself is shown only when it has none (older data).
    if (!reply)
        where += QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM interactions pi WHERE pi.pitch_id = p.id "
                                "AND pi.channel = 'pitch' AND pi.direction = 'outbound' AND pi.deleted_at IS NULL)");
    where += m_filter.scope == TimelineFilter::Scope::Contact
        ? QStringLiteral(" AND p.contact_id = :scope")
        : QStringLiteral(" AND p.contact_id IN (SELECT id FROM contacts WHERE organization_id = :scope "
                         "AND deleted_at IS NULL)");
    if (m_filter.userId > 0)
        where += QStringLiteral(" AND p.user_id = :user");
    if (m_filter.from.isValid())
        where += QStringLiteral(" AND ") + at + QStringLiteral(" >= :from");
    if (m_filter.to.isValid())
        where += QStringLiteral(" AND ") + at + QStringLiteral(" < :to");
    if (keyset)
        where += keysetClause(at, QStringLiteral("p.id"), int(kind));
    return branch(QStringLiteral("SELECT %1 AS kind, p.id AS id, %2 AS ts, p.contact_id AS contact_id, "
                                 "p.user_id AS user_id, 'pitch' AS channel, '%3' AS direction, "
                                 "CAST(NULL AS TEXT) AS title, substr(p.notes, 1, 300) AS snippet, "
                                 "CAST(NULL AS INTEGER) AS sentiment, p.status AS status, p.campaign_id AS campaign_id, "
                                 "CAST(NULL AS TEXT) AS source, 0 AS date_unknown FROM pitches p WHERE ")
                      .arg(int(kind))
                      .arg(at, reply ? QStringLiteral("inbound") : QStringLiteral("outbound"))
        + where + QStringLiteral(" ORDER BY ") + at + QStringLiteral(" DESC, p.id DESC LIMIT :limit"));
}

QString TimelineQuery::coverageBranch(bool keyset) const
{
    QString where = QStringLiteral("v.deleted_at IS NULL AND v.published_at IS NOT NULL");
    where += m_filter.scope == TimelineFilter::Scope::Contact
        ? QStringLiteral(" AND v.contact_id = :scope")
        : QStringLiteral(" AND (v.organization_id = :scope OR v.contact_id IN (SELECT id FROM contacts "
                         "WHERE organization_id = :scope AND deleted_at IS NULL))");
    if (m_filter.from.isValid())
        where += QStringLiteral(" AND v.published_at >= :from");
    if (m_filter.to.isValid())
        where += QStringLiteral(" AND v.published_at < :to");
    if (keyset)
        where += keysetClause(
            QStringLiteral("v.published_at"), QStringLiteral("v.id"), int(TimelineEntry::Kind::Coverage));
    return branch(
        QStringLiteral("SELECT 3 AS kind, v.id AS id, v.published_at AS ts, v.contact_id AS contact_id, "
                       "CAST(NULL AS BIGINT) AS user_id, 'coverage' AS channel, CAST(NULL AS TEXT) AS direction, "
                       "v.title AS title, v.url AS snippet, v.sentiment AS sentiment, "
                       "CAST(NULL AS TEXT) AS status, v.campaign_id AS campaign_id, CAST(NULL AS TEXT) AS source, "
                       "0 AS date_unknown FROM coverage v WHERE ")
        + where + QStringLiteral(" ORDER BY v.published_at DESC, v.id DESC LIMIT :limit"));
}

Result<QList<TimelineEntry>> TimelineQuery::page(const std::optional<TimelineCursor> &after, int limit)
{
    QList<TimelineEntry> out;
    const bool keyset = after.has_value();
    const QStringList terms = SearchRepository::terms(m_filter.text);
    const bool textOnly = !m_filter.text.trimmed().isEmpty();
    if (textOnly && terms.isEmpty())
        return out; // only punctuation typed: nothing can match
    const bool merged = m_filter.scope != TimelineFilter::Scope::Everybody && !textOnly;

    QStringList branches;
    const QStringList interactionChannels = [&] {
        QStringList c = m_filter.channels;
        c.removeAll(TimelineFilter::kCoverage);
        return c;
    }();
    if (m_filter.channels.isEmpty() || !interactionChannels.isEmpty())
        branches << interactionBranch(keyset);
    if (merged && wants(QStringLiteral("pitch"))) {
        branches << pitchBranch(TimelineEntry::Kind::Pitch, keyset);
        branches << pitchBranch(TimelineEntry::Kind::PitchReply, keyset);
    }
    if (merged && wants(TimelineFilter::kCoverage) && m_filter.userId <= 0)
        branches << coverageBranch(keyset);
    if (branches.isEmpty())
        return out;

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT t.kind, t.id, t.ts, t.contact_id, c.display_name, t.user_id, t.channel, "
                             "t.direction, t.title, t.snippet, t.sentiment, t.status, t.campaign_id, k.name, t.source, u.name, "
                             "t.date_unknown FROM (")
        + branches.join(QStringLiteral(" UNION ALL "))
        + QStringLiteral(" ORDER BY ts DESC, id DESC, kind DESC LIMIT :limit) t "
                         "LEFT JOIN contacts c ON c.id = t.contact_id LEFT JOIN campaigns k ON k.id = t.campaign_id "
                         "LEFT JOIN users u ON u.id = t.user_id ORDER BY t.ts DESC, t.id DESC, t.kind DESC"));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (m_filter.scope != TimelineFilter::Scope::Everybody)
        q.bindValue(QStringLiteral(":scope"), m_filter.scopeId);
    if (!m_filter.channels.isEmpty())
        for (int n = 0; n < interactionChannels.size(); ++n)
            q.bindValue(QStringLiteral(":ch%1").arg(n), interactionChannels[n]);
    if (m_filter.userId > 0)
        q.bindValue(QStringLiteral(":user"), m_filter.userId);
    if (m_filter.from.isValid())
        q.bindValue(QStringLiteral(":from"), m_filter.from.toMSecsSinceEpoch());
    if (m_filter.to.isValid())
        q.bindValue(QStringLiteral(":to"), m_filter.to.toMSecsSinceEpoch());
    if (!terms.isEmpty()) {
        QStringList parts;
        for (const QString &t : terms)
            parts << (m_db.isPostgres() ? QString(t + QStringLiteral(":*"))
                                        : QString(u'"' + t + QStringLiteral("\"*")));
        q.bindValue(
            QStringLiteral(":text"), parts.join(m_db.isPostgres() ? QStringLiteral(" & ") : QStringLiteral(" ")));
    }
    if (keyset) {
        q.bindValue(QStringLiteral(":at"), after->atMs);
        for (int kind = 0; kind <= int(TimelineEntry::Kind::Coverage); ++kind)
            q.bindValue(QStringLiteral(":id_%1").arg(kind), kind < after->kind ? after->id + 1 : after->id);
    }
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the timeline"));
    while (q.next()) {
        TimelineEntry e;
        e.kind = TimelineEntry::Kind(q.value(0).toInt());
        e.id = q.value(1).toLongLong();
        e.at = Sql::time(q.value(2));
        e.contactId = q.value(3).toLongLong();
        e.contactName = q.value(4).toString();
        e.userId = q.value(5).toLongLong();
        e.channel = q.value(6).toString();
        e.direction = q.value(7).toString();
        e.title = q.value(8).toString();
        e.snippet = q.value(9).toString();
        if (!q.value(10).isNull())
            e.sentiment = q.value(10).toInt();
        e.status = q.value(11).toString();
        e.campaignId = q.value(12).toLongLong();
        e.campaignName = q.value(13).toString();
        e.source = q.value(14).toString();
        e.userName = q.value(15).toString();
        e.dateUnknown = q.value(16).toInt() != 0;
        out.append(e);
    }
    return out;
}
