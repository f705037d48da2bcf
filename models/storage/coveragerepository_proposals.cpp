// CoverageRepository, part 2: coverage proposed from synced posts, accepted or dismissed.
#include "coveragerepository.h"

#include "domain/topics.h"
#include "domain/url.h"
#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CoverageRepository)
};

// The campaign's topics as one full-text query, any of them, as the who-to-pitch suggestions build it
// (Topics::terms: a word of four letters or more is a prefix; a topic's words in a row): FTS5
// `("smart"* + "home"*) OR ("ai")`, PostgreSQL `(smart:* <-> home:*) | (ai)`. Terms are letters and digits
// only, so nothing needs quoting. Empty when no topic has a word.
QString topicQuery(bool postgres, const QStringList &topics)
{
    QStringList any;
    for (const QString &topic : topics) {
        QStringList phrase;
        for (const Topics::Term &t : Topics::terms(topic))
            phrase << (postgres ? QString(t.word + (t.prefix ? QStringLiteral(":*") : QString()))
                                : QString(u'"' + t.word + (t.prefix ? QStringLiteral("\"*") : QStringLiteral("\""))));
        if (!phrase.isEmpty())
            any << u'(' + phrase.join(postgres ? QStringLiteral(" <-> ") : QStringLiteral(" + ")) + u')';
    }
    return any.join(postgres ? QStringLiteral(" | ") : QStringLiteral(" OR "));
}

QString shortened(const QString &text, int length)
{
    const QString s = text.simplified();
    return s.size() <= length ? s : s.left(length - 1).trimmed() + QStringLiteral("…");
}

} // namespace

Result<QList<CoverageRepository::Proposal>> CoverageRepository::proposals(qint64 campaignId, int limit)
{
    QList<Proposal> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT topics FROM campaigns WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the campaign's topics"));
    if (!q.next())
        return out;
    const bool pg = m_db.isPostgres();
    const QString match = topicQuery(pg, Topics::parse(q.value(0).toString()));
    q.finish();
    if (match.isEmpty())
        return out;

    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT i.id, i.contact_id, c.display_name, c.organization_id, o.name, p.id, i.source, i.channel, "
        "i.subject, i.body, i.url, i.occurred_at "
        "FROM pitches p JOIN interactions i ON i.contact_id = p.contact_id "
        "JOIN contacts c ON c.id = i.contact_id "
        "LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL "
        "WHERE p.campaign_id = :campaign AND p.deleted_at IS NULL AND p.pitched_at IS NOT NULL "
        "AND i.occurred_at >= p.pitched_at AND i.deleted_at IS NULL AND c.deleted_at IS NULL "
        "AND i.source <> 'manual' AND i.channel <> 'direct_message' AND %1 "
        // Once for all candidates: coverage has no index on interaction_id (a correlated EXISTS scanned it per row).
        "AND i.id NOT IN (SELECT cv.interaction_id FROM coverage cv WHERE cv.interaction_id IS NOT NULL "
        "AND cv.deleted_at IS NULL) "
        "AND NOT EXISTS (SELECT 1 FROM coverage_dismissals d WHERE d.campaign_id = :campaign "
        "AND d.interaction_id = i.id) "
        "ORDER BY i.occurred_at DESC, i.id DESC LIMIT :limit")
                  .arg(pg ? QStringLiteral("i.search_vector @@ to_tsquery('simple', :q)")
                          : QStringLiteral(
                              "i.id IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH :q)")));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    q.bindValue(QStringLiteral(":q"), match);
    // A few more than asked, for those whose address is recorded already.
    q.bindValue(QStringLiteral(":limit"), limit + 10);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("looking for coverage in synced posts"));
    while (q.next()) {
        Proposal p;
        p.interactionId = q.value(0).toLongLong();
        p.contactId = q.value(1).toLongLong();
        p.author = q.value(2).toString();
        p.organizationId = q.value(3).toLongLong();
        p.outlet = q.value(4).toString();
        p.pitchId = q.value(5).toLongLong();
        p.source = q.value(6).toString();
        p.channel = q.value(7).toString();
        p.subject = q.value(8).toString();
        p.text = shortened(q.value(9).toString(), 280);
        p.url = q.value(10).toString();
        p.occurredAt = Sql::time(q.value(11));
        out.append(p);
    }
    q.finish();
    // Not coverage yet by address either (recorded by hand before the post was synced).
    for (qsizetype i = out.size() - 1; i >= 0; --i) {
        if (out.at(i).url.isEmpty())
            continue;
        const Result<QString> key = Url::coverageKey(out.at(i).url);
        if (!key)
            continue;
        Result<qint64> existing = findByKey(*key);
        if (!existing)
            return existing.error();
        if (*existing)
            out.removeAt(i);
    }
    if (out.size() > limit)
        out.resize(limit);
    return out;
}

Status CoverageRepository::acceptProposal(
    qint64 campaignId, qint64 interactionId, Coverage &c, QString *pitchStatusBefore)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT i.contact_id, c.organization_id, i.subject, i.body, i.url, i.occurred_at, "
                             "p.id, o.reach FROM interactions i JOIN contacts c ON c.id = i.contact_id "
                             "LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL "
                             "LEFT JOIN pitches p ON p.contact_id = i.contact_id AND p.campaign_id = :campaign "
                             "AND p.deleted_at IS NULL WHERE i.id = :id AND i.deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    q.bindValue(QStringLiteral(":id"), interactionId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the proposed post"));
    if (!q.next())
        return Error { Tr::tr("The proposed post no longer exists."), Error::Code::NotFound };
    c = Coverage();
    c.campaignId = campaignId;
    c.interactionId = interactionId;
    c.contactId = q.value(0).toLongLong();
    c.organizationId = q.value(1).toLongLong();
    const QString subject = q.value(2).toString().simplified();
    c.title = subject.isEmpty() ? shortened(q.value(3).toString(), 140) : shortened(subject, kMaxTitle);
    if (c.title.isEmpty())
        c.title = Tr::tr("Post");
    c.url = q.value(4).toString();
    c.publishedAt = Sql::time(q.value(5));
    c.pitchId = q.value(6).toLongLong();
    c.reach = q.value(7).isNull() ? -1 : q.value(7).toLongLong();
    q.finish();
    if (!c.url.isEmpty() && !Url::coverageKey(c.url))
        c.url.clear(); // a post's odd link must not stop it from being recorded
    return create(c, pitchStatusBefore);
}

Status CoverageRepository::dismissProposal(qint64 campaignId, qint64 interactionId)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO coverage_dismissals (campaign_id, interaction_id) VALUES (:campaign, :id) "
                             "ON CONFLICT DO NOTHING"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    q.bindValue(QStringLiteral(":id"), interactionId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("dismissing the proposal"));
    q.finish();
    if (Status s
        = AuditLog::record(m_db, QStringLiteral("dismiss"), QStringLiteral("coverage_proposal"), interactionId);
        !s)
        return s;
    return tx.commit();
}

Status CoverageRepository::undismissProposal(qint64 campaignId, qint64 interactionId)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM coverage_dismissals WHERE campaign_id = :campaign AND interaction_id = :id"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    q.bindValue(QStringLiteral(":id"), interactionId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("proposing the post again"));
    q.finish();
    if (Status s
        = AuditLog::record(m_db, QStringLiteral("undismiss"), QStringLiteral("coverage_proposal"), interactionId);
        !s)
        return s;
    return tx.commit();
}
