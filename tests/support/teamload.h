#pragma once

// The team load test (issue 14): several client processes (teamload_worker) change the same contacts of one
// PostgreSQL database at once: edits over the version each read, trashes, restores and logged conversations.
// Then: no lost update (two accepted edits of one contact never wrote the same version, and each contact's
// title is the one of its last accepted edit), the audit log accounts for every accepted change (one entry
// each, nothing more), each contact's trash state is what its last trash or restore entry says, and every
// logged conversation is there. Meanwhile the coordinator is a client too, watching the contact list live
// (ContactListModel over a LiveChannel, as a window does): once the others are done, its list must show
// exactly the database's contacts with their final titles. Used by tst_teamload (small) and bench_teamload
// (10 × 1,000).
#include "domain/contact.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/livechannel.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QStringList>

#include <memory>
#include <vector>

namespace TeamLoad {

struct Report
{
    int clients = 0;
    int opsPerClient = 0;
    int edits = 0; // accepted
    int conflicts = 0; // refused edits
    int trashes = 0;
    int restores = 0;
    int logs = 0;
    int refusedLogs = 0; // the contact was in the trash
    qint64 elapsedMs = 0; // the clients' run, from the first start to the last exit
    qint64 viewCaughtUpMs = -1; // from the last exit until the watching client's list equalled the database
    QStringList problems; // empty: everything accounted for
};

// Runs the event loop (the live channel delivers through it) until `done` or the deadline.
template <typename F>
bool waitFor(F done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

// Where the watching client's list differs from the database (empty: the same).
inline QString viewDiffers(Database &db, const ContactListModel &view, const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        Result<Contact> c = ContactRepository(db).get(id);
        if (!c)
            return c.error().message;
        const int row = view.rowOfId(id);
        if (c->inTrash != (row < 0))
            return QStringLiteral("contact %1 is %2 in the database but %3 in the list")
                .arg(id)
                .arg(c->inTrash ? QStringLiteral("in the trash") : QStringLiteral("live"),
                    row < 0 ? QStringLiteral("missing") : QStringLiteral("shown"));
        if (row >= 0) {
            const QString shown = view.index(row, ContactListModel::TitleColumn).data().toString();
            if (shown != c->title)
                return QStringLiteral("contact %1's title is “%2” in the database, “%3” in the list")
                    .arg(id)
                    .arg(c->title, shown);
        }
    }
    return {};
}

inline qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

// `db` is the coordinator's own connection to `where` (migrated, signed in); `workerPath` the teamload_worker
// executable. Makes `contactCount` contacts, runs the clients and checks what they did.
inline Report run(Database &db, const DatabaseLocation &where, const QString &workerPath, int clients,
    int opsPerClient, int contactCount, quint32 seed)
{
    Report report;
    report.clients = clients;
    report.opsPerClient = opsPerClient;
    QList<qint64> ids;
    for (int i = 0; i < contactCount; ++i) {
        Contact c;
        c.displayName = QStringLiteral("Load %1").arg(i);
        c.title = QStringLiteral("start");
        if (Status s = ContactRepository(db).create(c); !s) {
            report.problems << s.error().message;
            return report;
        }
        ids << c.id;
    }
    if (ids.last() - ids.first() + 1 != ids.size()) {
        report.problems << QStringLiteral("the contacts' ids are not one range");
        return report;
    }
    const qint64 auditBefore = scalar(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM audit_log"));

    // The coordinator's own window, so to speak: the contact list, kept live by the server's notifications.
    ContactListModel view(db);
    LiveChannel channel(db);
    channel.start();
    if (!waitFor([&] { return channel.state() == LiveChannel::State::Live; }, 30000)) {
        report.problems << QStringLiteral("the watching client's live channel did not connect");
        return report;
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RAPPORT_TEAMLOAD_PASSWORD"), where.password);
    std::vector<std::unique_ptr<QProcess>> workers;
    QElapsedTimer clock;
    clock.start();
    for (int w = 0; w < clients; ++w) {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(env);
        p->setProcessChannelMode(QProcess::SeparateChannels);
        p->start(workerPath,
            { where.toUrl(), QString::number(w), QString::number(opsPerClient), QString::number(seed + quint32(w)),
                QString::number(ids.first()), QString::number(ids.last()) });
        workers.push_back(std::move(p));
    }
    // The event loop runs meanwhile: the watching client takes in the others' changes as they come.
    waitFor(
        [&] {
            for (const auto &p : workers)
                if (p->state() != QProcess::NotRunning)
                    return false;
            return true;
        },
        15 * 60 * 1000);
    QStringList lines;
    for (int w = 0; w < clients; ++w) {
        QProcess &p = *workers[size_t(w)];
        if (p.state() != QProcess::NotRunning) {
            report.problems << QStringLiteral("client %1 did not finish: %2").arg(w).arg(p.errorString());
            p.kill();
            p.waitForFinished();
            continue;
        }
        const QStringList out = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        if (p.exitCode() != 0 || out.isEmpty() || out.last() != u"DONE")
            report.problems << QStringLiteral("client %1 exited with %2: %3 %4")
                                   .arg(w)
                                   .arg(p.exitCode())
                                   .arg(out.isEmpty() ? QString() : out.last(),
                                       QString::fromUtf8(p.readAllStandardError()).left(500));
        lines << out;
    }
    report.elapsedMs = clock.elapsed();
    // The watching client's list catches up with the last notifications, then equals the database.
    QElapsedTimer caughtUp;
    caughtUp.start();
    if (waitFor([&] { return viewDiffers(db, view, ids).isEmpty(); }, 60000))
        report.viewCaughtUpMs = caughtUp.elapsed();
    else
        report.problems << QStringLiteral("the watching client's list: %1").arg(viewDiffers(db, view, ids));

    // What the clients say the database accepted.
    QHash<qint64, QMap<int, QString>> editsByContact; // contact -> version written -> title
    QHash<qint64, int> logsByContact;
    for (const QString &line : std::as_const(lines)) {
        const QStringList f = line.split(u' ');
        if (f.first() == u"E") {
            ++report.edits;
            const qint64 id = f.at(1).toLongLong();
            const int version = f.at(2).toInt();
            if (editsByContact[id].contains(version))
                report.problems << QStringLiteral("lost update: two edits of contact %1 both wrote version %2")
                                       .arg(id)
                                       .arg(version);
            editsByContact[id].insert(version, f.at(3));
        } else if (f.first() == u"C") {
            ++report.conflicts;
        } else if (f.first() == u"T") {
            ++report.trashes;
        } else if (f.first() == u"R") {
            ++report.restores;
        } else if (f.first() == u"L") {
            ++report.logs;
            ++logsByContact[f.at(1).toLongLong()];
        } else if (f.first() == u"N") {
            ++report.refusedLogs;
        } else if (f.first() == u"X") {
            report.problems << QStringLiteral("a client's change failed: %1").arg(line);
        }
    }

    // The final state.
    for (qint64 id : std::as_const(ids)) {
        Result<Contact> c = ContactRepository(db).get(id);
        if (!c) {
            report.problems << c.error().message;
            continue;
        }
        const QMap<int, QString> &edits = editsByContact.value(id);
        const QString expected = edits.isEmpty() ? QStringLiteral("start") : edits.last();
        if (c->title != expected)
            report.problems << QStringLiteral("contact %1 shows “%2”, its last accepted edit wrote “%3”")
                                   .arg(id)
                                   .arg(c->title, expected);
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT action FROM audit_log WHERE entity = 'contact' AND entity_id = :id "
                                 "AND action IN ('trash', 'restore') AND id > :before ORDER BY id DESC LIMIT 1"));
        q.bindValue(QStringLiteral(":id"), id);
        q.bindValue(QStringLiteral(":before"), auditBefore);
        if (q.exec() && q.next() && (q.value(0).toString() == u"trash") != c->inTrash)
            report.problems << QStringLiteral("contact %1: in the trash %2, but its last entry says %3")
                                   .arg(id)
                                   .arg(c->inTrash)
                                   .arg(q.value(0).toString());
        const qint64 logged = scalar(db,
            QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = %1 AND channel = 'call'").arg(id));
        if (logged != logsByContact.value(id))
            report.problems << QStringLiteral("contact %1 has %2 logged conversations, the clients logged %3")
                                   .arg(id)
                                   .arg(logged)
                                   .arg(logsByContact.value(id));
    }

    // The audit log: one entry per accepted change, nothing more.
    const auto audited = [&](const QString &action, const QString &entity) {
        return scalar(db,
            QStringLiteral("SELECT count(*) FROM audit_log WHERE id > %1 AND action = '%2' AND entity = '%3'")
                .arg(auditBefore)
                .arg(action, entity));
    };
    const struct
    {
        const char *action;
        const char *entity;
        int expected;
    } expectations[] = { { "update", "contact", report.edits }, { "trash", "contact", report.trashes },
        { "restore", "contact", report.restores }, { "create", "interaction", report.logs } };
    qint64 accounted = 0;
    for (const auto &e : expectations) {
        const qint64 n = audited(QString::fromLatin1(e.action), QString::fromLatin1(e.entity));
        accounted += n;
        if (n != e.expected)
            report.problems << QStringLiteral("the audit log has %1 %2 entries for %3, the clients made %4")
                                   .arg(n)
                                   .arg(QString::fromLatin1(e.action), QString::fromLatin1(e.entity))
                                   .arg(e.expected);
    }
    const qint64 all = scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE id > %1").arg(auditBefore));
    if (all != accounted)
        report.problems << QStringLiteral("the audit log has %1 entries since the start, %2 of them accounted for")
                               .arg(all)
                               .arg(accounted);
    return report;
}

} // namespace TeamLoad
