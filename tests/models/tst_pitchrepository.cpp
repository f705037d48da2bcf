#include "core/clock.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/interactionrepository.h"
#include "storage/organizationrepository.h"
#include "storage/pitchrepository.h"
#include "storage/timelinequery.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

namespace {

qint64 contact(Database &db, const QString &name, bool doNotContact = false, bool consent = true)
{
    Contact c;
    c.displayName = name;
    c.doNotContact = doNotContact;
    c.doNotContactReason = doNotContact ? QStringLiteral("asked in writing") : QString();
    if (consent)
        c.consentBasis = QStringLiteral("legitimate_interest");
    return ContactRepository(db).create(c).ok() ? c.id : -1;
}

qint64 campaign(Database &db, const QString &name)
{
    Campaign c;
    c.name = name;
    return CampaignRepository(db).create(c).ok() ? c.id : -1;
}

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next()) {
        qWarning() << sql;
        return -1;
    }
    return q.value(0).toLongLong();
}

Interaction inbound(qint64 contactId, const QDateTime &at, const QString &source = QStringLiteral("manual"))
{
    Interaction i;
    i.contactId = contactId;
    i.channel = QStringLiteral("email");
    i.direction = QStringLiteral("inbound");
    i.occurredAt = at;
    i.subject = QStringLiteral("Re: your story");
    i.source = source;
    if (source != u"manual")
        i.externalId = QStringLiteral("ext-%1").arg(at.toMSecsSinceEpoch());
    return i;
}

template <typename R> QByteArray why(const R &r)
{
    return r.ok() ? QByteArray() : r.error().message.toUtf8();
}

} // namespace

class TestPitchRepository final : public QObject
{
    Q_OBJECT

private slots:
    void addRefusesWithReasonsAndAddsTheOthers_data() { TestDatabase::addBackends(); }
    void addRefusesWithReasonsAndAddsTheOthers()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 k = campaign(*db, QStringLiteral("Spring launch"));
        const qint64 amara = contact(*db, QStringLiteral("Amara Okafor"));
        const qint64 ben = contact(*db, QStringLiteral("Ben Ode"), true);
        const qint64 cleo = contact(*db, QStringLiteral("Cleo Park"));
        const qint64 gone = contact(*db, QStringLiteral("Gone Person"));
        QVERIFY(ContactRepository(*db).moveToTrash(gone).ok());
        PitchRepository repo(*db);

        Result<PitchRepository::AddOutcome> out = repo.addToMediaList(k, { amara, ben, cleo, gone, 999999, amara });
        QVERIFY2(out.ok(), why(out).constData());
        QCOMPARE(out->addedContactIds, (QList<qint64> { amara, cleo }));
        QCOMPARE(out->refused.size(), 3);
        QCOMPARE(out->refused[0].reason, PitchRepository::Refusal::Reason::DoNotContact);
        QVERIFY2(
            out->refused[0].message.contains(QStringLiteral("Ben Ode asked not to be contacted (asked in writing)")),
            qPrintable(out->refused[0].message));
        QCOMPARE(out->refused[1].reason, PitchRepository::Refusal::Reason::Trashed);
        QCOMPARE(out->refused[2].reason, PitchRepository::Refusal::Reason::Missing);
        QVERIFY(out->summary().contains(QStringLiteral("Added 2")));
        QVERIFY(out->summary().contains(QStringLiteral("asked in writing")));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM pitches WHERE status = 'planned'")), 2);
        QCOMPARE(scalar(*db,
                     QStringLiteral("SELECT count(*) FROM pitch_moves WHERE to_status = 'planned' "
                                    "AND from_status IS NULL")),
            2);

        // Once per campaign.
        Result<PitchRepository::AddOutcome> again = repo.addToMediaList(k, { amara });
        QVERIFY(again.ok());
        QVERIFY(again->addedPitchIds.isEmpty());
        QCOMPARE(again->refused.first().reason, PitchRepository::Refusal::Reason::AlreadyListed);

        // Remove (undo: restore); adding again brings the same pitch back.
        const qint64 amaraPitch = out->addedPitchIds.first();
        QVERIFY(repo.removeFromMediaList({ amaraPitch }).ok());
        QCOMPARE(repo.mediaList(k)->size(), 1);
        QCOMPARE(repo.removeFromMediaList({ amaraPitch }).error().code, Error::Code::Conflict);
        QVERIFY(repo.restoreToMediaList({ amaraPitch }).ok());
        QCOMPARE(repo.mediaList(k)->size(), 2);
        QVERIFY(repo.removeFromMediaList({ amaraPitch }).ok());
        Result<PitchRepository::AddOutcome> back = repo.addToMediaList(k, { amara });
        QCOMPARE(back->addedPitchIds, QList<qint64> { amaraPitch });
        QCOMPARE(repo.addToMediaList(424242, { amara }).error().code, Error::Code::NotFound);
    }

    void mediaListRowsAndWarnings_data() { TestDatabase::addBackends(); }
    void mediaListRowsAndWarnings()
    {
        OPEN_TEST_DATABASE(db);
        Organization outlet;
        outlet.name = QStringLiteral("The Ledger");
        QVERIFY(OrganizationRepository(*db).create(outlet).ok());
        Contact amara;
        amara.displayName = QStringLiteral("Amara Okafor");
        amara.title = QStringLiteral("Tech editor");
        amara.consentBasis = QStringLiteral("legitimate_interest");
        amara.organizationId = outlet.id;
        amara.beats = { QStringLiteral("consumer tech"), QStringLiteral("ai") };
        QVERIFY(ContactRepository(*db).create(amara).ok());
        const qint64 noConsent = contact(*db, QStringLiteral("Zoe Without Consent"), false, false);
        const qint64 k = campaign(*db, QStringLiteral("Spring launch"));
        const qint64 other = campaign(*db, QStringLiteral("Autumn report"));
        PitchRepository repo(*db);
        QVERIFY(repo.addToMediaList(k, { amara.id, noConsent }).ok());
        // Amara was pitched 3 days ago for another campaign; Zoe 20 days ago (too long ago to warn).
        Result<PitchRepository::AddOutcome> o = repo.addToMediaList(other, { amara.id, noConsent });
        QVERIFY(o.ok());
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("UPDATE pitches SET status = 'pitched', pitched_at = :at WHERE id = :id"));
        q.bindValue(QStringLiteral(":at"), Clock::now().addDays(-3).toMSecsSinceEpoch());
        q.bindValue(QStringLiteral(":id"), o->addedPitchIds[0]);
        QVERIFY(q.exec());
        q.bindValue(QStringLiteral(":at"), Clock::now().addDays(-20).toMSecsSinceEpoch());
        q.bindValue(QStringLiteral(":id"), o->addedPitchIds[1]);
        QVERIFY(q.exec());
        // Marked do-not-contact after being added: the row says so.
        Contact late = *ContactRepository(*db).get(noConsent);
        late.doNotContact = true;
        late.doNotContactReason = QStringLiteral("left journalism");
        QVERIFY(ContactRepository(*db).update(late).ok());

        Result<QList<PitchRepository::MediaListRow>> rows = repo.mediaList(k);
        QVERIFY2(rows.ok(), why(rows).constData());
        QCOMPARE(rows->size(), 2);
        const PitchRepository::MediaListRow &a = rows->at(0);
        QCOMPARE(a.name, QStringLiteral("Amara Okafor"));
        QCOMPARE(a.outlet, QStringLiteral("The Ledger"));
        QCOMPARE(a.title, QStringLiteral("Tech editor"));
        QCOMPARE(a.beats, (QStringList { QStringLiteral("ai"), QStringLiteral("consumer tech") }));
        QCOMPARE(a.status, QStringLiteral("planned"));
        QCOMPARE(a.recentlyPitchedCampaign, QStringLiteral("Autumn report"));
        // (English plural forms come from rapport_en.ts, which only the application loads.)
        QCOMPARE(a.warnings().size(), 1);
        QVERIFY2(a.warnings().first().startsWith(QStringLiteral("Pitched 3 day")), qPrintable(a.warnings().first()));
        QVERIFY(a.warnings().first().endsWith(QStringLiteral("ago for “Autumn report”.")));
        const PitchRepository::MediaListRow &z = rows->at(1);
        QVERIFY(!z.recentlyPitchedAt.isValid());
        QCOMPARE(z.warnings(),
            (QStringList {
                QStringLiteral("Do not contact: left journalism."), QStringLiteral("No recorded consent.") }));
    }

    void moveStampsLogsAndUndoes_data() { TestDatabase::addBackends(); }
    void moveStampsLogsAndUndoes()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 k = campaign(*db, QStringLiteral("Spring launch"));
        const qint64 amara = contact(*db, QStringLiteral("Amara Okafor"));
        PitchRepository repo(*db);
        const qint64 pitch = repo.addToMediaList(k, { amara })->addedPitchIds.first();
        PitchRepository::BoardRow row = *repo.boardRow(pitch);
        QCOMPARE(row.status, QStringLiteral("planned"));

        Result<PitchRepository::MoveResult> m = repo.move(pitch, QStringLiteral("pitched"), row.version);
        QVERIFY2(m.ok(), why(m).constData());
        QVERIFY(m->after.pitchedAt.isValid());
        QVERIFY(!m->after.repliedAt.isValid());
        QVERIFY(m->loggedInteractionId > 0);
        Interaction logged = *InteractionRepository(*db).get(m->loggedInteractionId);
        QCOMPARE(logged.channel, QStringLiteral("pitch"));
        QCOMPARE(logged.direction, QStringLiteral("outbound"));
        QCOMPARE(logged.campaignId, k);
        QCOMPARE(logged.occurredAt, m->after.pitchedAt);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT pitch_id FROM interactions WHERE id = %1").arg(logged.id)), pitch);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM pitch_moves WHERE pitch_id = %1").arg(pitch)), 2);
        row = *repo.boardRow(pitch);
        QCOMPARE(row.status, QStringLiteral("pitched"));
        QCOMPARE(row.version, m->version);
        QCOMPARE(row.movedAt, m->movedAt);

        // The pitch shows once in the person's timeline: as the logged interaction.
        TimelineFilter f;
        f.scopeId = amara;
        Result<QList<TimelineEntry>> timeline = TimelineQuery(*db, f).page(std::nullopt, 50);
        QVERIFY(timeline.ok());
        QCOMPARE(timeline->size(), 1);
        QCOMPARE(timeline->first().kind, TimelineEntry::Kind::Interaction);
        QCOMPARE(timeline->first().channel, QStringLiteral("pitch"));
        QCOMPARE(timeline->first().campaignName, QStringLiteral("Spring launch"));

        // A second window still holding the old version: a conflict, nothing changed.
        Result<PitchRepository::MoveResult> stale = repo.move(pitch, QStringLiteral("declined"), m->version - 1);
        QCOMPARE(stale.error().code, Error::Code::Conflict);
        QVERIFY2(stale.error().message.contains(QStringLiteral("“Pitched”")), qPrintable(stale.error().message));
        QCOMPARE(repo.boardRow(pitch)->status, QStringLiteral("pitched"));

        // Further: replied stamps replied_at, pitched_at stays.
        Result<PitchRepository::MoveResult> r = repo.move(pitch, QStringLiteral("replied"), m->version);
        QVERIFY(r.ok());
        QCOMPARE(r->after.pitchedAt, m->after.pitchedAt);
        QVERIFY(r->after.repliedAt.isValid());
        QCOMPARE(r->loggedInteractionId, 0);
        // Undo replied → pitched with the earlier stamps.
        Result<PitchRepository::MoveResult> undo1 = repo.move(pitch, r->fromStatus, r->version, &r->before);
        QVERIFY(undo1.ok());
        QVERIFY(!repo.boardRow(pitch)->repliedAt.isValid());
        // Undo pitched → planned: the logged interaction is taken back out.
        Result<PitchRepository::MoveResult> undo2 = repo.move(pitch, m->fromStatus, undo1->version, &m->before);
        QVERIFY(undo2.ok());
        QVERIFY(undo2->interactionRemoved);
        QCOMPARE(scalar(*db,
                     QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = %1 "
                                    "AND deleted_at IS NULL")
                         .arg(amara)),
            0);
        QVERIFY(!repo.boardRow(pitch)->pitchedAt.isValid());
        QVERIFY(TimelineQuery(*db, f).page(std::nullopt, 50)->isEmpty());
        // Redo: logged again at the same time.
        Result<PitchRepository::MoveResult> redo = repo.move(pitch, m->toStatus, undo2->version, &m->after);
        QVERIFY(redo.ok());
        QCOMPARE(InteractionRepository(*db).get(redo->loggedInteractionId)->occurredAt, m->after.pitchedAt);
        QCOMPARE(redo->loggedInteractionId, m->loggedInteractionId); // the same row back, not a copy
        QVERIFY(!InteractionRepository(*db).get(redo->loggedInteractionId)->inTrash);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM pitch_moves WHERE pitch_id = %1").arg(pitch)), 6);
        QCOMPARE(repo.moves(pitch)->size(), 6);
        QCOMPARE(repo.moves(pitch)->last().toStatus, QStringLiteral("pitched"));

        // Undo/redo are checked on the status, not the version: still where it was left → moved; elsewhere → conflict.
        QCOMPARE(repo.moveIfIn(pitch, QStringLiteral("replied"), QStringLiteral("planned"), m->before).error().code,
            Error::Code::Conflict);
        Result<PitchRepository::MoveResult> back
            = repo.moveIfIn(pitch, QStringLiteral("pitched"), QStringLiteral("planned"), m->before);
        QVERIFY(back.ok());
        QVERIFY(back->interactionRemoved);
        Result<PitchRepository::MoveResult> forth
            = repo.moveIfIn(pitch, QStringLiteral("planned"), QStringLiteral("pitched"), m->after);
        QVERIFY(forth.ok());
        redo = forth;

        // Removed by someone else: a conflict that says so.
        QVERIFY(repo.removeFromMediaList({ pitch }).ok());
        QCOMPARE(repo.move(pitch, QStringLiteral("replied"), redo->version + 1).error().code, Error::Code::Conflict);
    }

    void twoConnectionsMoveTheSamePitch_data() { TestDatabase::addBackends(); }
    void twoConnectionsMoveTheSamePitch()
    {
        QFETCH(QString, backend);
        Result<DatabaseLocation> where = TestDatabase::freshLocation(backend);
        if (!where) {
            if (!TestDatabase::postgresRequired())
                QSKIP("PostgreSQL is not configured");
            QFAIL(qPrintable(where.error().message));
        }
        auto first = Database::open(*where);
        QVERIFY2(first.ok(), why(first).constData());
        auto second = Database::open(*where);
        QVERIFY2(second.ok(), why(second).constData());
        const qint64 k = campaign(**first, QStringLiteral("Spring launch"));
        const qint64 amara = contact(**first, QStringLiteral("Amara Okafor"));
        const qint64 pitch = PitchRepository(**first).addToMediaList(k, { amara })->addedPitchIds.first();
        const int version = PitchRepository(**second).boardRow(pitch)->version;
        QVERIFY(PitchRepository(**first).move(pitch, QStringLiteral("pitched"), version).ok());
        Result<PitchRepository::MoveResult> theirs
            = PitchRepository(**second).move(pitch, QStringLiteral("declined"), version);
        QCOMPARE(theirs.error().code, Error::Code::Conflict);
        QCOMPARE(PitchRepository(**second).boardRow(pitch)->status, QStringLiteral("pitched"));
        QCOMPARE(scalar(**second, QStringLiteral("SELECT count(*) FROM interactions")), 1);
    }

    void replyProposals_data() { TestDatabase::addBackends(); }
    void replyProposals()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 k = campaign(*db, QStringLiteral("Spring launch"));
        const qint64 amara = contact(*db, QStringLiteral("Amara Okafor"));
        const qint64 ben = contact(*db, QStringLiteral("Ben Ode"));
        PitchRepository repo(*db);
        const QList<qint64> pitches = repo.addToMediaList(k, { amara, ben })->addedPitchIds;
        const QDateTime t0 = Clock::now().addDays(-10);
        for (qint64 p : pitches) {
            const PitchRepository::MoveStamps stamps { t0, {} };
            QVERIFY(repo.move(p, QStringLiteral("pitched"), repo.boardRow(p)->version, &stamps).ok());
        }
        InteractionRepository interactions(*db);
        Interaction before = inbound(amara, t0.addDays(-1));
        QVERIFY(interactions.create(before).ok());
        QVERIFY(repo.replyProposals(k)->isEmpty()); // before the pitch: no reply

        Interaction synced = inbound(amara, t0.addDays(2), QStringLiteral("mastodon"));
        QVERIFY(interactions.create(synced).ok());
        Interaction later = inbound(amara, t0.addDays(3));
        QVERIFY(interactions.create(later).ok());
        Interaction benReply = inbound(ben, t0.addDays(1));
        QVERIFY(interactions.create(benReply).ok());
        Result<QList<PitchRepository::ReplyProposal>> proposals = repo.replyProposals(k);
        QVERIFY2(proposals.ok(), why(proposals).constData());
        QCOMPARE(proposals->size(), 2);
        const PitchRepository::ReplyProposal a = proposals->at(0);
        QCOMPARE(a.name, QStringLiteral("Amara Okafor"));
        QCOMPARE(a.interactionId, synced.id);
        QCOMPARE(a.source, QStringLiteral("mastodon"));
        QCOMPARE(a.at, synced.occurredAt);
        QCOMPARE(a.latestAt, later.occurredAt);

        Result<PitchRepository::MoveResult> accepted = repo.acceptReply(a);
        QVERIFY2(accepted.ok(), why(accepted).constData());
        QCOMPARE(repo.boardRow(a.pitchId)->status, QStringLiteral("replied"));
        QCOMPARE(repo.boardRow(a.pitchId)->repliedAt, synced.occurredAt);
        QCOMPARE(repo.boardRow(a.pitchId)->pitchedAt, t0);

        // Dismissed: not proposed again until something newer comes in.
        const PitchRepository::ReplyProposal b = repo.replyProposals(k)->first();
        QCOMPARE(b.name, QStringLiteral("Ben Ode"));
        Result<int> v = repo.setReplyDismissedAt(b.pitchId, b.latestAt, b.version);
        QVERIFY(v.ok());
        QCOMPARE(repo.setReplyDismissedAt(b.pitchId, b.latestAt, b.version).error().code, Error::Code::Conflict);
        QVERIFY(repo.replyProposals(k)->isEmpty());
        Interaction newer = inbound(ben, t0.addDays(4));
        QVERIFY(interactions.create(newer).ok());
        QCOMPARE(repo.replyProposals(k)->first().interactionId, newer.id);
        // Undo the dismissal (checked on the dismissal itself): the first reply is proposed again.
        QCOMPARE(repo.setReplyDismissedAtIf(b.pitchId, QDateTime(), b.latestAt.addSecs(-60)).error().code,
            Error::Code::Conflict);
        QVERIFY(repo.setReplyDismissedAtIf(b.pitchId, QDateTime(), b.latestAt).ok());
        QCOMPARE(repo.replyProposals(k)->first().interactionId, benReply.id);
    }
};

QTEST_GUILESS_MAIN(TestPitchRepository)
#include "tst_pitchrepository.moc"
