#pragma once

#include "domain/interaction.h"
#include "storage/auditlog.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/interactionrepository.h"
#include "storage/userrepository.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// Two people with everything Rapport keeps about a person, for the export and erasure tests: "Quillon
// Vantablack" (X, the one exported or erased) and "Yolanda Otherperson" (Y, who must stay untouched and never
// appear in X's export). Each has emails, a phone, a Mastodon handle, tags, notes, logged interactions (with
// their audit entries), an Inbox item by their handle, a pitch with a move, coverage, a follow-up, an engagement
// event, a media list place and an import record with old values; the audit log also has a line of another row
// whose stored values name X. The words below are unique in the database, so a text search finds only them.
namespace PrivacyFixture {

inline const QString kXName = QStringLiteral("Quillon Vantablack");
inline const QString kXEmail = QStringLiteral("qv@secret.example");
inline const QString kXWord = QStringLiteral("xylophonic"); // in X's notes and conversations
inline const QString kXHandle = QStringLiteral("@qv_writes@social.example");
inline const QString kYName = QStringLiteral("Yolanda Otherperson");
inline const QString kYEmail = QStringLiteral("yo@other.example");
inline const QString kYWord = QStringLiteral("zanzibarian"); // in Y's notes and conversations

struct Ids
{
    qint64 x = 0;
    qint64 y = 0;
    qint64 campaign = 0;
    qint64 owner = 0;
};

inline QVariant exec(Database &db, const QString &sql, const QVariantMap &binds = {})
{
    QSqlQuery q(db.connection());
    q.prepare(sql);
    for (auto it = binds.begin(); it != binds.end(); ++it)
        q.bindValue(u':' + it.key(), it.value());
    if (!q.exec())
        qFatal("fixture SQL failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.next() ? q.value(0) : QVariant();
}

// An audit entry the fixture needs; a failure stops the test with the reason.
inline void audit(Database &db, const QString &action, const QString &entity, qint64 id, const QString &details = {})
{
    if (Status s = AuditLog::record(db, action, entity, id, details); !s)
        qFatal("fixture audit entry failed: %s", qPrintable(s.error().message));
}

inline qint64 person(Database &db, const QString &name, const QString &email, const QString &handle,
    const QString &word, qint64 owner)
{
    Contact c;
    const qsizetype space = name.indexOf(u' ');
    c.firstName = name.left(space);
    c.lastName = name.mid(space + 1);
    c.displayName = name;
    c.title = QStringLiteral("Editor");
    c.emails = { { QStringLiteral("work"), email } };
    c.phones = { { QStringLiteral("mobile"), QStringLiteral("+49 30 %1").arg(name.size()) } };
    c.handles = { { QStringLiteral("mastodon"), handle, QString() } };
    c.tags = { QStringLiteral("vip") };
    c.beats = { QStringLiteral("consumer tech") };
    c.notes = QStringLiteral("Likes %1 metaphors.").arg(word);
    c.ownerId = owner;
    ContactRepository repo(db);
    if (Status s = repo.create(c); !s)
        qFatal("creating %s failed: %s", qPrintable(name), qPrintable(s.error().message));
    c.city = QStringLiteral("Berlin"); // an update: a second audit entry naming them
    if (Status s = repo.update(c); !s)
        qFatal("updating %s failed: %s", qPrintable(name), qPrintable(s.error().message));
    return c.id;
}

inline void history(Database &db, const Ids &ids, qint64 contact, const QString &word)
{
    const QString who = contact == ids.x ? QStringLiteral("x") : QStringLiteral("y");
    Interaction i;
    i.contactId = contact;
    i.occurredAt = QDateTime::currentDateTimeUtc().addDays(-3);
    i.subject = QStringLiteral("About the %1 launch").arg(word);
    i.body = QStringLiteral("A %1 conversation.").arg(word);
    if (Status s = InteractionRepository(db).create(i); !s)
        qFatal("interaction failed: %s", qPrintable(s.error().message));
    const QString normalized
        = exec(db, QStringLiteral("SELECT normalized FROM handles WHERE contact_id = :c"), { { QStringLiteral("c"), contact } })
              .toString();
    // An Inbox item by their handle, not linked to them.
    exec(db,
        QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, subject, body, source, "
                       "external_id, author_handle, author_name, created_at, updated_at, version) VALUES (NULL, "
                       "'mention', 'inbound', 1, NULL, :body, 'mastodon', :ext, :author, :name, 1, 1, 1)"),
        { { QStringLiteral("body"), QStringLiteral("Inbox %1 mention").arg(word) },
            { QStringLiteral("ext"), QString(QStringLiteral("inbox-") + who) }, { QStringLiteral("author"), normalized },
            { QStringLiteral("name"), word } });
    const qint64 pitch = exec(db,
        QStringLiteral("INSERT INTO pitches (campaign_id, contact_id, status, notes, created_at, updated_at, version) "
                       "VALUES (:campaign, :contact, 'pitched', :notes, 1, 1, 1) RETURNING id"),
        { { QStringLiteral("campaign"), ids.campaign }, { QStringLiteral("contact"), contact },
            { QStringLiteral("notes"), QStringLiteral("Pitch notes %1").arg(word) } })
                             .toLongLong();
    exec(db, QStringLiteral("INSERT INTO pitch_moves (pitch_id, from_status, to_status, moved_at) "
                            "VALUES (:p, 'planned', 'pitched', 2)"),
        { { QStringLiteral("p"), pitch } });
    audit(db, QStringLiteral("create"), QStringLiteral("pitch"), pitch);
    exec(db,
        QStringLiteral("INSERT INTO coverage (campaign_id, pitch_id, contact_id, title, url, created_at, updated_at, "
                       "version) VALUES (:campaign, :pitch, :contact, :title, :url, 1, 1, 1)"),
        { { QStringLiteral("campaign"), ids.campaign }, { QStringLiteral("pitch"), pitch },
            { QStringLiteral("contact"), contact }, { QStringLiteral("title"), QString(QStringLiteral("Review ") + who) },
            { QStringLiteral("url"), QString(QStringLiteral("https://news.example/") + who) } });
    const qint64 followUp = exec(db,
        QStringLiteral("INSERT INTO follow_ups (contact_id, due_at, note, created_at, updated_at, version) "
                       "VALUES (:contact, 1900000000000, :note, 1, 1, 1) RETURNING id"),
        { { QStringLiteral("contact"), contact }, { QStringLiteral("note"), QStringLiteral("Call back about %1").arg(word) } })
                                .toLongLong();
    audit(db, QStringLiteral("create"), QStringLiteral("follow_up"), followUp);
    exec(db,
        QStringLiteral("INSERT INTO engagement_events (contact_id, kind, actor_handle, occurred_at, source, external_id) "
                       "VALUES (:contact, 'like', :actor, 5, 'mastodon', :ext)"),
        { { QStringLiteral("contact"), contact }, { QStringLiteral("actor"), normalized },
            { QStringLiteral("ext"), QString(QStringLiteral("like-") + who) } });
    const qint64 list = exec(db,
        QStringLiteral("INSERT INTO media_lists (campaign_id, name, created_at, updated_at, version) "
                       "VALUES (:campaign, :name, 1, 1, 1) RETURNING id"),
        { { QStringLiteral("campaign"), ids.campaign }, { QStringLiteral("name"), QString(QStringLiteral("List ") + who) } })
                            .toLongLong();
    exec(db, QStringLiteral("INSERT INTO media_list_members (media_list_id, contact_id) VALUES (:l, :c)"),
        { { QStringLiteral("l"), list }, { QStringLiteral("c"), contact } });
}

inline Ids create(Database &db)
{
    Ids ids;
    Result<User> owner = UserRepository(db).ensureUser(QStringLiteral("mara"), QStringLiteral("Mara Owner"));
    if (!owner)
        qFatal("user failed: %s", qPrintable(owner.error().message));
    ids.owner = owner->id;
    ids.campaign = exec(db,
        QStringLiteral("INSERT INTO campaigns (name, created_at, updated_at, version) VALUES ('Lantern Launch', 1, 1, 1) "
                       "RETURNING id"))
                       .toLongLong();
    ids.x = person(db, kXName, kXEmail, kXHandle, kXWord, ids.owner);
    ids.y = person(db, kYName, kYEmail, QStringLiteral("@yo@social.example"), kYWord, ids.owner);
    history(db, ids, ids.x, kXWord);
    history(db, ids, ids.y, kYWord);
    // An import that changed X and kept the old values for its undo.
    const qint64 batch = exec(db,
        QStringLiteral("INSERT INTO import_batches (file_name, format, started_at) VALUES ('people.csv', 'csv', 1) "
                       "RETURNING id"))
                             .toLongLong();
    exec(db,
        QStringLiteral("INSERT INTO import_batch_items (batch_id, entity, entity_id, action, old_values) "
                       "VALUES (:b, 'contact', :x, 'updated', :old)"),
        { { QStringLiteral("b"), batch }, { QStringLiteral("x"), ids.x },
            { QStringLiteral("old"), QStringLiteral("{\"display_name\": \"%1\"}").arg(kXName) } });
    // Another row's audit entry whose stored values name X.
    audit(db, QStringLiteral("ignore"), QStringLiteral("handle"), 0, QStringLiteral("email ") + kXEmail);
    return ids;
}

} // namespace PrivacyFixture
