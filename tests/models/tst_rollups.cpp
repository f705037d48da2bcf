// The dashboard's rollups (schema v10, v13, v16) held against the raw rows: random writes of every kind go through the
// real repositories (log, edit, trash, restore, delete conversations; pitches added, moved, undone, removed;
// coverage created, edited, linked, trashed, restored; merges and unmerges; imports and their undo; synced pages
// and Inbox triage; writers that go around the repositories: plain UPDATE and DELETE, a user reassigned, a
// campaign deleted for good), and after each batch every rollup must equal the test's own grouping of the rows
// it reads back with plain SELECTs. On SQLite and PostgreSQL. Also: the v10 migration fills the rollups of
// existing rows, and a bulk load that takes the triggers away rebuilds them.
#include "core/clock.h"
#include "domain/syncitem.h"
#include "interchange/importrecord.h"
#include "storage/bulkinserter.h"
#include "storage/campaignrepository.h"
#include "storage/contactrepository.h"
#include "storage/coveragerepository.h"
#include "storage/database.h"
#include "storage/duplicaterepository.h"
#include "storage/importrepository.h"
#include "storage/interactionrepository.h"
#include "storage/migrator.h"
#include "storage/organizationrepository.h"
#include "storage/pitchrepository.h"
#include "storage/rollups.h"
#include "storage/syncrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QMap>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <algorithm>

namespace {

constexpr qint64 kDay = 86400000;
const QDateTime kNow(QDate(2026, 11, 18), QTime(12, 0), Qt::UTC);

using Groups = QMap<QString, QPair<qint64, qint64>>; // key -> (count, reach)

qint64 v(const QVariant &x)
{
    return x.isNull() ? 0 : x.toLongLong();
}

QString key(std::initializer_list<QVariant> parts)
{
    QStringList s;
    for (const QVariant &p : parts)
        s << p.toString();
    return s.join(u'|');
}

// The first day of the UTC month of the day number `day` (the monthly rollups' key, schema v13).
qint64 monthOf(qint64 day)
{
    const QDate epoch(1970, 1, 1), date = epoch.addDays(day);
    return epoch.daysTo(QDate(date.year(), date.month(), 1));
}

// The rollups as stored, rows counting nothing left out.
Groups stored(Database &db, const QString &table)
{
    Groups g;
    QSqlQuery q(db.connection());
    QString sql;
    if (table == u"interaction_rollup_month")
        sql = QStringLiteral("SELECT month, channel, direction, user_id, with_contact, synced, n, 0 FROM "
                             "interaction_rollup_month");
    else if (table == u"pitch_rollup_month")
        sql = QStringLiteral(
            "SELECT month, campaign_id, user_id, status, pitched, replied, n, 0 FROM pitch_rollup_month");
    else if (table == u"coverage_rollup_month")
        sql = QStringLiteral("SELECT month, campaign_id, user_id, sentiment, n, reach FROM coverage_rollup_month");
    else if (table == u"engagement_rollup_month")
        sql = QStringLiteral("SELECT month, kind, n, 0 FROM engagement_rollup_month");
    else if (table == u"contact_rollup_month")
        sql = QStringLiteral("SELECT month, contact_id, n, 0 FROM contact_rollup_month");
    else if (table == u"interaction_rollup")
        sql = QStringLiteral("SELECT day, channel, direction, user_id, campaign_id, with_contact, synced, n, 0 FROM "
                             "interaction_rollup");
    else if (table == u"pitch_rollup")
        sql = QStringLiteral("SELECT day, campaign_id, user_id, status, pitched, replied, n, 0 FROM pitch_rollup");
    else if (table == u"coverage_rollup")
        sql = QStringLiteral("SELECT day, campaign_id, user_id, sentiment, n, reach FROM coverage_rollup");
    else
        sql = QStringLiteral("SELECT day, kind, n, 0 FROM engagement_rollup");
    if (!q.exec(sql))
        qFatal("%s", qPrintable(q.lastError().text()));
    const int cols = q.record().count();
    while (q.next()) {
        QStringList parts;
        for (int c = 0; c < cols - 2; ++c)
            parts << q.value(c).toString();
        const qint64 n = q.value(cols - 2).toLongLong(), reach = q.value(cols - 1).toLongLong();
        if (n != 0 || reach != 0)
            g.insert(parts.join(u'|'), { n, reach });
    }
    return g;
}

// The same groups, computed here from the rows (no GROUP BY: every row read and counted in C++). A monthly
// rollup: the daily groups of the rows added up per UTC month (the interactions' without their campaign); the
// conversations per contact and month (schema v16) straight from the rows.
Groups expected(Database &db, const QString &table)
{
    Groups g;
    if (table == u"contact_rollup_month") {
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT occurred_at, contact_id, deleted_at FROM interactions"));
        while (q.next())
            if (q.value(2).isNull() && !q.value(1).isNull())
                g[key({ monthOf(v(q.value(0)) / kDay), v(q.value(1)) })].first++;
        return g;
    }
    if (table.endsWith(u"_month")) {
        const Groups days = expected(db, table.chopped(6));
        for (auto it = days.cbegin(); it != days.cend(); ++it) {
            QStringList parts = it.key().split(u'|');
            parts[0] = QString::number(monthOf(parts.at(0).toLongLong()));
            if (table == u"interaction_rollup_month")
                parts.removeAt(4); // campaign_id
            auto &cell = g[parts.join(u'|')];
            cell.first += it->first;
            cell.second += it->second;
        }
        for (auto it = g.begin(); it != g.end();)
            it = it->first == 0 && it->second == 0 ? g.erase(it) : std::next(it);
        return g;
    }
    QSqlQuery q(db.connection());
    if (table == u"interaction_rollup") {
        q.exec(QStringLiteral("SELECT occurred_at, channel, direction, user_id, campaign_id, contact_id, source "
                              "FROM interactions WHERE deleted_at IS NULL"));
        while (q.next())
            g[key({ v(q.value(0)) / kDay, q.value(1), q.value(2), v(q.value(3)), v(q.value(4)),
                q.value(5).isNull() ? 0 : 1, q.value(6).toString() == u"manual" ? 0 : 1 })]
                .first++;
    } else if (table == u"pitch_rollup") {
        q.exec(QStringLiteral("SELECT pitched_at, created_at, campaign_id, user_id, status, replied_at FROM pitches "
                              "WHERE deleted_at IS NULL"));
        while (q.next()) {
            const qint64 pitched = v(q.value(0)), replied = v(q.value(5));
            const bool within = pitched && replied && replied >= pitched && replied - pitched <= 14 * kDay;
            g[key({ (pitched ? pitched : v(q.value(1))) / kDay, v(q.value(2)), v(q.value(3)), q.value(4),
                pitched ? 1 : 0, within ? 1 : 0 })]
                .first++;
        }
    } else if (table == u"coverage_rollup") {
        QHash<qint64, qint64> pitchUser;
        q.exec(QStringLiteral("SELECT id, user_id FROM pitches"));
        while (q.next())
            pitchUser.insert(v(q.value(0)), v(q.value(1)));
        q.exec(QStringLiteral("SELECT published_at, campaign_id, pitch_id, sentiment, reach FROM coverage "
                              "WHERE deleted_at IS NULL AND published_at IS NOT NULL"));
        while (q.next()) {
            auto &cell = g[key({ v(q.value(0)) / kDay, v(q.value(1)), pitchUser.value(v(q.value(2))),
                q.value(3).isNull() ? 2 : q.value(3).toInt() })];
            cell.first++;
            cell.second += v(q.value(4));
        }
    } else {
        q.exec(QStringLiteral("SELECT occurred_at, kind FROM engagement_events"));
        while (q.next())
            g[key({ v(q.value(0)) / kDay, q.value(1) })].first++;
    }
    return g;
}

// What differs, in words; empty when equal.
QString difference(Database &db)
{
    for (const QString &table : Rollups::tables()) {
        const Groups s = stored(db, table), e = expected(db, table);
        if (s == e)
            continue;
        QStringList lines;
        for (auto it = e.cbegin(); it != e.cend(); ++it)
            if (s.value(it.key()) != it.value())
                lines << QStringLiteral("%1 %2: rows %3/%4, stored %5/%6")
                             .arg(table, it.key())
                             .arg(it->first)
                             .arg(it->second)
                             .arg(s.value(it.key()).first)
                             .arg(s.value(it.key()).second);
        for (auto it = s.cbegin(); it != s.cend(); ++it)
            if (!e.contains(it.key()))
                lines << QStringLiteral("%1 %2: no rows, stored %3/%4").arg(table, it.key()).arg(it->first).arg(it->second);
        return lines.mid(0, 8).join(u'\n');
    }
    return {};
}

bool sql(Database &db, const QString &statement)
{
    QSqlQuery q(db.connection());
    if (!q.exec(statement)) {
        qWarning() << q.lastError().text() << statement;
        return false;
    }
    return true;
}

QList<qint64> ids(Database &db, const QString &statement)
{
    QList<qint64> list;
    QSqlQuery q(db.connection());
    q.exec(statement);
    while (q.next())
        list << q.value(0).toLongLong();
    // In id order whatever order the server returned them in: PostgreSQL returns unordered rows in their place in
    // the heap, which an update moves and a vacuum may compact, so a seeded random pick was not repeatable there
    // (randomWrites(postgres-1234) once made too few pitches to count).
    std::sort(list.begin(), list.end());
    return list;
}

// Random writes of every kind, through the repositories where there is one.
class Writer
{
public:
    Writer(Database &db, quint32 seed)
        : m_db(db)
        , m_r(seed)
    {
    }

    bool setUp()
    {
        Result<User> u = UserRepository(m_db).ensureUser(QStringLiteral("ana"), QStringLiteral("Ana"));
        if (!u)
            return false;
        m_users << u->id;
        m_users << UserRepository(m_db).ensureUser(QStringLiteral("ben"), QStringLiteral("Ben"))->id;
        m_users << UserRepository(m_db).ensureUser(QStringLiteral("cleo"), QStringLiteral("Cleo"))->id;
        for (int i = 0; i < 3; ++i) {
            Organization o;
            o.name = QStringLiteral("Outlet %1").arg(i);
            o.kind = QStringLiteral("newspaper");
            if (!OrganizationRepository(m_db).create(o).ok())
                return false;
            m_orgs << o.id;
        }
        for (int i = 0; i < 12; ++i)
            if (!newContact(QStringLiteral("Person %1").arg(i)))
                return false;
        for (int i = 0; i < 3; ++i) {
            Campaign c;
            c.name = QStringLiteral("Campaign %1").arg(i);
            c.clientId = m_orgs.at(i);
            c.ownerId = m_users.at(i);
            if (!CampaignRepository(m_db).create(c).ok())
                return false;
            m_campaigns << c.id;
        }
        m_account.network = Network::Mastodon;
        m_account.serverUrl = QStringLiteral("https://example.social");
        m_account.handle = QStringLiteral("agency@example.social");
        m_account.displayName = QStringLiteral("Agency");
        return SyncRepository(m_db).createAccount(m_account).ok();
    }

    // One random write; returns what it was (for failure messages). A refused write (a conflict, a rule) is
    // fine: it must leave the rollups as they were.
    QString step()
    {
        switch (m_r.bounded(22)) {
        case 0:
        case 1:
        case 2:
            return logInteraction();
        case 3:
        case 4:
            return editInteraction();
        case 5:
            return trashOrRestoreInteraction();
        case 6:
            return sql(m_db, QStringLiteral("DELETE FROM interactions WHERE id = %1").arg(any(liveInteractions())))
                ? QStringLiteral("delete interaction")
                : QStringLiteral("delete interaction failed");
        case 7:
            return addPitches();
        case 8:
        case 9:
            return movePitch();
        case 10:
            return removeOrRestorePitch();
        case 11:
        case 12:
            return writeCoverage();
        case 13:
            return trashOrRestoreCoverage();
        case 14:
            return mergeOrUnmerge();
        case 15:
            return importOrUndo();
        case 16:
        case 17:
            return ingest();
        case 18:
            return triage();
        case 19:
            return reassignPitch();
        case 20:
            return deleteContact();
        default:
            return plainUpdates();
        }
    }

    QList<qint64> m_campaigns;

private:
    template <typename T>
    T any(const QList<T> &list)
    {
        return list.isEmpty() ? T() : list.at(m_r.bounded(int(list.size())));
    }
    QDateTime randomTime()
    {
        // Within ±40 days, at any minute: days cut at every hour.
        return kNow.addSecs(qint64(m_r.bounded(80 * 24 * 60)) * 60 - 40 * 86400);
    }
    QList<qint64> liveContacts() { return ids(m_db, QStringLiteral("SELECT id FROM contacts WHERE deleted_at IS NULL")); }
    QList<qint64> liveInteractions()
    {
        return ids(m_db, QStringLiteral("SELECT id FROM interactions WHERE deleted_at IS NULL AND source = 'manual'"));
    }

    bool newContact(const QString &name)
    {
        Contact c;
        c.displayName = name;
        c.organizationId = any(m_orgs);
        c.emails.append({ QStringLiteral("work"), QStringLiteral("p%1@example.com").arg(++m_serial) });
        return ContactRepository(m_db).create(c).ok();
    }

    QString logInteraction()
    {
        Interaction i;
        i.contactId = any(liveContacts());
        i.userId = m_r.bounded(4) ? any(m_users) : 0;
        i.campaignId = m_r.bounded(2) ? any(m_campaigns) : 0;
        i.channel = any(Interaction::channels());
        i.direction = m_r.bounded(2) ? QStringLiteral("inbound") : QStringLiteral("outbound");
        i.occurredAt = randomTime();
        i.subject = QStringLiteral("Talk %1").arg(++m_serial);
        return InteractionRepository(m_db).create(i).ok() ? QStringLiteral("log") : QStringLiteral("log refused");
    }

    QString editInteraction()
    {
        InteractionRepository repo(m_db);
        Result<Interaction> i = repo.get(any(liveInteractions()));
        if (!i)
            return QStringLiteral("edit: none");
        switch (m_r.bounded(5)) {
        case 0:
            i->occurredAt = randomTime();
            break;
        case 1:
            i->channel = any(Interaction::channels());
            break;
        case 2:
            i->direction = i->direction == u"inbound" ? QStringLiteral("outbound") : QStringLiteral("inbound");
            break;
        case 3:
            i->campaignId = m_r.bounded(3) ? any(m_campaigns) : 0;
            break;
        default:
            i->subject = QStringLiteral("Edited %1").arg(++m_serial); // nothing the rollup keys on
        }
        return repo.update(*i).ok() ? QStringLiteral("edit") : QStringLiteral("edit refused");
    }

    QString trashOrRestoreInteraction()
    {
        InteractionRepository repo(m_db);
        if (m_r.bounded(2)) {
            const qint64 id = any(ids(m_db, QStringLiteral("SELECT id FROM interactions WHERE deleted_at IS NOT NULL")));
            return id && repo.restore(id).ok() ? QStringLiteral("restore interaction") : QStringLiteral("restore: none");
        }
        const qint64 id = any(liveInteractions());
        return id && repo.moveToTrash(id).ok() ? QStringLiteral("trash interaction") : QStringLiteral("trash: none");
    }

    QString addPitches()
    {
        QList<qint64> people;
        for (int n = 0; n < 3; ++n)
            people << any(liveContacts());
        Result<PitchRepository::AddOutcome> added = PitchRepository(m_db).addToMediaList(any(m_campaigns), people);
        return added ? QStringLiteral("add pitches") : QStringLiteral("add pitches refused");
    }

    QString movePitch()
    {
        PitchRepository repo(m_db);
        QSqlQuery q(m_db.connection());
        q.exec(QStringLiteral("SELECT id, version, status FROM pitches WHERE deleted_at IS NULL ORDER BY id"));
        QList<std::tuple<qint64, int, QString>> pitches;
        while (q.next())
            pitches << std::make_tuple(q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toString());
        if (pitches.isEmpty())
            return QStringLiteral("move: none");
        const auto [id, version, status] = pitches.at(m_r.bounded(int(pitches.size())));
        static const QStringList statuses { QStringLiteral("planned"), QStringLiteral("pitched"),
            QStringLiteral("replied"), QStringLiteral("interested"), QStringLiteral("declined"),
            QStringLiteral("covered") };
        const QString to = any(statuses);
        if (m_r.bounded(3) == 0) {
            // As undo does: back with the exact earlier stamps.
            PitchRepository::MoveStamps stamps;
            stamps.pitchedAt = to == u"planned" ? QDateTime() : randomTime();
            stamps.repliedAt = to == u"planned" || to == u"pitched" ? QDateTime()
                                                                    : stamps.pitchedAt.addSecs(m_r.bounded(30 * 86400));
            return repo.moveIfIn(id, status, to, stamps) ? QStringLiteral("undo move") : QStringLiteral("undo refused");
        }
        return repo.move(id, to, version) ? QStringLiteral("move") : QStringLiteral("move refused");
    }

    QString removeOrRestorePitch()
    {
        PitchRepository repo(m_db);
        if (m_r.bounded(2)) {
            const qint64 id = any(ids(m_db, QStringLiteral("SELECT id FROM pitches WHERE deleted_at IS NOT NULL")));
            return id && repo.restoreToMediaList({ id }).ok() ? QStringLiteral("restore pitch")
                                                             : QStringLiteral("restore pitch: none");
        }
        const qint64 id = any(ids(m_db, QStringLiteral("SELECT id FROM pitches WHERE deleted_at IS NULL")));
        return id && repo.removeFromMediaList({ id }).ok() ? QStringLiteral("remove pitch")
                                                          : QStringLiteral("remove pitch: none");
    }

    QString writeCoverage()
    {
        CoverageRepository repo(m_db);
        const QList<qint64> existing = ids(m_db, QStringLiteral("SELECT id FROM coverage WHERE deleted_at IS NULL"));
        Coverage c;
        if (!existing.isEmpty() && m_r.bounded(2)) {
            Result<Coverage> got = repo.get(any(existing));
            if (!got)
                return QStringLiteral("coverage: gone");
            c = *got;
        } else {
            c.campaignId = any(m_campaigns);
            c.title = QStringLiteral("Headline %1").arg(++m_serial);
            c.url = QStringLiteral("https://news.example/%1").arg(m_serial);
        }
        c.organizationId = m_r.bounded(3) ? any(m_orgs) : 0;
        c.publishedAt = m_r.bounded(8) ? randomTime() : QDateTime();
        c.reach = m_r.bounded(4) ? m_r.bounded(50000) : -1;
        c.sentimentKnown = m_r.bounded(3) != 0;
        c.sentiment = m_r.bounded(3) - 1;
        const QList<qint64> pitches = ids(m_db,
            QStringLiteral("SELECT id FROM pitches WHERE deleted_at IS NULL AND campaign_id = %1").arg(c.campaignId));
        c.pitchId = m_r.bounded(2) ? any(pitches) : 0;
        const bool update = c.id != 0;
        const Status s = update ? repo.update(c) : repo.create(c);
        if (!s)
            return QStringLiteral("coverage refused");
        return update ? QStringLiteral("edit coverage") : QStringLiteral("create coverage");
    }

    QString trashOrRestoreCoverage()
    {
        CoverageRepository repo(m_db);
        if (m_r.bounded(2)) {
            const qint64 id = any(ids(m_db, QStringLiteral("SELECT id FROM coverage WHERE deleted_at IS NOT NULL")));
            return id && repo.restore(id).ok() ? QStringLiteral("restore coverage") : QStringLiteral("restore cov: none");
        }
        const qint64 id = any(ids(m_db, QStringLiteral("SELECT id FROM coverage WHERE deleted_at IS NULL")));
        return id && repo.moveToTrash(id).ok() ? QStringLiteral("trash coverage") : QStringLiteral("trash cov: none");
    }

    QString mergeOrUnmerge()
    {
        DuplicateRepository repo(m_db);
        if (!m_merges.isEmpty() && m_r.bounded(2)) {
            const MergeRecord record = m_merges.takeLast();
            return repo.unmerge(record).ok() ? QStringLiteral("unmerge") : QStringLiteral("unmerge refused");
        }
        const QList<qint64> people = liveContacts();
        if (people.size() < 4)
            return QStringLiteral("merge: too few");
        const qint64 keep = any(people), other = any(people);
        if (keep == other)
            return QStringLiteral("merge: same");
        Result<MergeRecord> merged = repo.merge(keep, other);
        if (!merged)
            return QStringLiteral("merge refused");
        m_merges << *merged;
        return QStringLiteral("merge");
    }

    QString importOrUndo()
    {
        ImportRepository repo(m_db);
        if (!m_batches.isEmpty() && m_r.bounded(2))
            return repo.undo(m_batches.takeLast()) ? QStringLiteral("undo import") : QStringLiteral("undo import refused");
        ImportRequest request;
        request.fileName = QStringLiteral("people.csv");
        request.format = QStringLiteral("csv");
        for (int n = 0; n < 3; ++n) {
            ImportRecord r;
            r.row = n + 1;
            r.line = n + 2;
            r.contact.displayName = QStringLiteral("Imported %1").arg(++m_serial);
            r.contact.emails.append({ QStringLiteral("work"), QStringLiteral("i%1@example.com").arg(m_serial) });
            r.revalidate();
            request.records << r;
        }
        Result<ImportSummary> done = repo.run(request);
        if (!done)
            return QStringLiteral("import refused");
        m_batches << done->batchId;
        return QStringLiteral("import");
    }

    QString ingest()
    {
        QList<SyncItem> items;
        for (int n = 0; n < 4; ++n) {
            SyncItem item;
            ++m_serial;
            item.source = QStringLiteral("mastodon");
            item.occurredAt = randomTime();
            item.authorNetwork = QStringLiteral("mastodon");
            item.authorHandle = QStringLiteral("author%1@example.social").arg(m_r.bounded(4));
            item.authorName = QStringLiteral("Author");
            if (m_r.bounded(3) == 0) {
                item.kind = SyncItem::Kind::Engagement;
                item.engagement = any(QStringList { QStringLiteral("like"), QStringLiteral("boost"),
                    QStringLiteral("follow"), QStringLiteral("quote") });
                item.externalId = QStringLiteral("e%1").arg(m_serial);
            } else {
                item.channel = m_r.bounded(2) ? QStringLiteral("mention") : QStringLiteral("reply");
                item.externalId = QStringLiteral("s%1").arg(m_r.bounded(8) ? m_serial : 1); // some seen twice
                item.text = QStringLiteral("Post %1").arg(m_serial);
                if (m_r.bounded(2))
                    item.contactId = any(liveContacts());
            }
            items << item;
        }
        return SyncRepository(m_db).ingestPage(m_account, QStringLiteral("notifications"), items, SyncCursor {})
            ? QStringLiteral("ingest")
            : QStringLiteral("ingest refused");
    }

    QString triage()
    {
        SyncRepository repo(m_db);
        const QString handle = QStringLiteral("author%1@example.social").arg(m_r.bounded(4));
        if (m_r.bounded(3) == 0)
            return repo.ignore(QStringLiteral("mastodon"), handle) ? QStringLiteral("ignore") : QStringLiteral("ignore refused");
        return repo.linkToContact(QStringLiteral("mastodon"), handle, any(liveContacts()))
            ? QStringLiteral("link")
            : QStringLiteral("link refused");
    }

    // Writers around the repositories: an account manager reassigned (the pitch keys its coverage).
    QString reassignPitch()
    {
        const qint64 id = any(ids(m_db, QStringLiteral("SELECT id FROM pitches")));
        const qint64 user = m_r.bounded(3) ? any(m_users) : 0;
        return id && sql(m_db,
                   QStringLiteral("UPDATE pitches SET user_id = %1 WHERE id = %2")
                       .arg(user ? QString::number(user) : QStringLiteral("NULL"))
                       .arg(id))
            ? QStringLiteral("reassign pitch")
            : QStringLiteral("reassign: none");
    }

    // Deleted for good: the contact's conversations and pitches go with it (ON DELETE CASCADE), its coverage
    // loses the author and the pitch (SET NULL). Then a new person keeps the numbers up.
    QString deleteContact()
    {
        const qint64 id = any(ids(m_db, QStringLiteral("SELECT id FROM contacts")));
        if (!id || !sql(m_db, QStringLiteral("DELETE FROM contacts WHERE id = %1").arg(id)))
            return QStringLiteral("delete contact failed");
        newContact(QStringLiteral("Newcomer %1").arg(m_serial));
        return QStringLiteral("delete contact");
    }

    QString plainUpdates()
    {
        switch (m_r.bounded(6)) {
        case 4: // 20 days on or back: across the ends of October and November (and the change of summer time)
            return sql(m_db,
                       QStringLiteral("UPDATE interactions SET occurred_at = occurred_at + %1 WHERE id % 6 = 2")
                           .arg((m_r.bounded(2) ? 20 : -20) * kDay))
                    && sql(m_db,
                        QStringLiteral("UPDATE pitches SET pitched_at = pitched_at - %1, replied_at = replied_at - %1 "
                                       "WHERE pitched_at IS NOT NULL AND id % 4 = 1")
                            .arg(20 * kDay))
                    && sql(m_db,
                        QStringLiteral("UPDATE coverage SET published_at = published_at + %1 WHERE id % 4 = 2")
                            .arg(20 * kDay))
                    && sql(m_db,
                        QStringLiteral("UPDATE engagement_events SET occurred_at = occurred_at - %1 WHERE id % 3 = 0")
                            .arg(20 * kDay))
                ? QStringLiteral("plain move across months")
                : QStringLiteral("failed");
        case 5:
            return sql(m_db, QStringLiteral("DELETE FROM coverage WHERE id % 9 = 4"))
                    && sql(m_db, QStringLiteral("DELETE FROM pitches WHERE id % 11 = 5"))
                ? QStringLiteral("plain delete pitches and coverage")
                : QStringLiteral("failed");
        case 0:
            return sql(m_db, QStringLiteral("UPDATE interactions SET user_id = NULL WHERE id % 7 = 3"))
                ? QStringLiteral("plain update users")
                : QStringLiteral("failed");
        case 1:
            return sql(m_db, QStringLiteral("UPDATE interactions SET occurred_at = occurred_at + 3600000 WHERE id % 5 = 1"))
                ? QStringLiteral("plain update times")
                : QStringLiteral("failed");
        case 2:
            return sql(m_db,
                       QStringLiteral("UPDATE coverage SET reach = COALESCE(reach, 0) + 7, sentiment = NULL WHERE id % 3 = 0"))
                ? QStringLiteral("plain update coverage")
                : QStringLiteral("failed");
        default:
            return sql(m_db, QStringLiteral("DELETE FROM engagement_events WHERE id % 4 = 1"))
                ? QStringLiteral("plain delete engagement")
                : QStringLiteral("failed");
        }
    }

    Database &m_db;
    QRandomGenerator m_r;
    QList<qint64> m_users, m_orgs;
    SocialAccount m_account;
    QList<MergeRecord> m_merges;
    QList<qint64> m_batches;
    int m_serial = 0;
};

} // namespace

class TestRollups final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomWrites_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<quint32>("seed");
        for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgres") })
            for (quint32 seed : { 7u, 1234u })
                QTest::addRow("%s-%u", qPrintable(backend), seed) << backend << seed;
    }
    void randomWrites()
    {
        OPEN_TEST_DATABASE(db);
        QFETCH(quint32, seed);
        FixedClock clock(kNow);
        Writer w(*db, seed);
        QVERIFY(w.setUp());
        QCOMPARE(difference(*db), QString());
        QMap<QString, int> done;
        for (int batch = 0; batch < 14; ++batch) {
            QStringList steps;
            for (int n = 0; n < 12; ++n) {
                const QString what = w.step();
                steps << what;
                done[what]++;
            }
            const QString diff = difference(*db);
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("after batch %1 (%2):\n%3")
                                                    .arg(batch)
                                                    .arg(steps.join(QStringLiteral(", ")), diff)));
        }
        // A campaign deleted for good: its pitches go (CASCADE), its conversations and coverage lose it.
        QVERIFY(sql(*db, QStringLiteral("DELETE FROM campaigns WHERE id = %1").arg(w.m_campaigns.first())));
        QCOMPARE(difference(*db), QString());
        // The writes the test meant to make happened (not only refusals).
        for (const char *kind : { "log", "edit", "trash interaction", "restore interaction", "delete interaction",
                 "add pitches", "move", "create coverage", "edit coverage", "merge", "import", "ingest", "link",
                 "reassign pitch", "delete contact" })
            QVERIFY2(done.value(QString::fromLatin1(kind)) > 0, kind);
        qInfo() << "writes:" << done;
        // Something to count at all.
        QVERIFY(stored(*db, QStringLiteral("interaction_rollup")).size() > 20);
        QVERIFY(stored(*db, QStringLiteral("pitch_rollup")).size() > 3);
        QVERIFY(stored(*db, QStringLiteral("coverage_rollup")).size() > 3);
        QVERIFY(stored(*db, QStringLiteral("engagement_rollup")).size() > 3);
        // The monthly rollups span the three months the writes fall in (and those the moves reach).
        QVERIFY(stored(*db, QStringLiteral("interaction_rollup_month")).size() > 8);
        QVERIFY(ids(*db, QStringLiteral("SELECT DISTINCT month FROM interaction_rollup_month WHERE n <> 0")).size() >= 3);
        QVERIFY(stored(*db, QStringLiteral("coverage_rollup_month")).size() > 3);
        // The conversations per contact and month: many contacts, over several months.
        const qsizetype perContact = stored(*db, QStringLiteral("contact_rollup_month")).size();
        QVERIFY2(perContact > 6, qPrintable(QString::number(perContact)));
        QVERIFY(ids(*db, QStringLiteral("SELECT DISTINCT month FROM contact_rollup_month WHERE n <> 0")).size() >= 3);
    }

    // Rebuilding from the rows gives what the triggers kept; a bulk load without the triggers rebuilds.
    void rebuildAndBulkLoad_data() { TestDatabase::addBackends(); }
    void rebuildAndBulkLoad()
    {
        OPEN_TEST_DATABASE(db);
        FixedClock clock(kNow);
        Writer w(*db, 99);
        QVERIFY(w.setUp());
        for (int n = 0; n < 60; ++n)
            w.step();
        const Groups before = stored(*db, QStringLiteral("interaction_rollup"));
        const Groups monthsBefore = stored(*db, QStringLiteral("interaction_rollup_month"));
        QVERIFY(sql(*db, QStringLiteral("DELETE FROM pitch_rollup")));
        QVERIFY(!difference(*db).isEmpty()); // the check can fail
        QVERIFY(sql(*db, QStringLiteral("UPDATE coverage_rollup_month SET n = n + 1")));
        const Groups contactsBefore = stored(*db, QStringLiteral("contact_rollup_month"));
        QVERIFY(!contactsBefore.isEmpty());
        QVERIFY(sql(*db, QStringLiteral("UPDATE contact_rollup_month SET n = n + 2")));
        QVERIFY(Rollups::rebuild(*db).ok());
        QCOMPARE(difference(*db), QString());
        QCOMPARE(stored(*db, QStringLiteral("interaction_rollup")), before);
        QCOMPARE(stored(*db, QStringLiteral("interaction_rollup_month")), monthsBefore);
        QCOMPARE(stored(*db, QStringLiteral("contact_rollup_month")), contactsBefore);
        // The triggers that keep the months from the days are back after the rebuild.
        {
            Transaction t(*db);
            QVERIFY(Rollups::rebuild(*db).ok());
            QVERIFY(t.commit().ok());
        }
        for (int n = 0; n < 30; ++n)
            w.step();
        QCOMPARE(difference(*db), QString());

        // As the demo generator loads: triggers out of the way, rows written, everything back.
        {
            Transaction t(*db);
            DeferredIndexes deferred(*db);
            QVERIFY(deferred.defer({ QStringLiteral("interactions"), QStringLiteral("pitches"),
                                       QStringLiteral("coverage") })
                        .ok());
            BulkInserter ins(*db, QStringLiteral("interactions"),
                { QStringLiteral("contact_id"), QStringLiteral("channel"), QStringLiteral("direction"),
                    QStringLiteral("occurred_at"), QStringLiteral("source"), QStringLiteral("created_at"),
                    QStringLiteral("updated_at") });
            const qint64 contact = ids(*db, QStringLiteral("SELECT id FROM contacts ORDER BY id")).first();
            for (int n = 0; n < 500; ++n)
                QVERIFY(ins.add({ contact, QStringLiteral("call"), QStringLiteral("outbound"),
                                    kNow.toMSecsSinceEpoch() - n * 3600000LL, QStringLiteral("manual"),
                                    kNow.toMSecsSinceEpoch(), kNow.toMSecsSinceEpoch() })
                            .ok());
            QVERIFY(ins.finish().ok());
            QVERIFY(deferred.restore().ok());
            QVERIFY(t.commit().ok());
        }
        QCOMPARE(difference(*db), QString());
        // The triggers are back.
        for (int n = 0; n < 30; ++n)
            w.step();
        QCOMPARE(difference(*db), QString());
    }
};

QTEST_GUILESS_MAIN(TestRollups)
#include "tst_rollups.moc"
