// The social sync end to end: a loopback Mastodon-compatible server (synthetic, following Mastodon's paging
// rules: min_id pages newest-first, Link rel="prev" to go newer, an empty page without a Link header) holds
// N mention notifications from M authors; the real SyncManager (worker thread, own connection, own network
// manager) ingests them all. Reports the end-to-end time, the longest stall of the calling thread's event
// loop (a 5 ms heartbeat, as the window would see it) and the resident memory growth.
//
//   bench_sync [--items 10000] [--authors 500] [--matched] [--db PATH]   (PATH: a copy of a demo database, or a new file)
#include "loopbackhttpserver.h"

#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "sync/secretstore.h"
#include "sync/syncmanager.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QUrlQuery>

namespace {

qint64 residentKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

QByteArray notification(int id, int authors, const QString &host)
{
    const int author = id % authors;
    const QString acct = QStringLiteral("writer%1@news%2.example").arg(author).arg(author % 7);
    QJsonObject account{{QStringLiteral("id"), QString::number(1000 + author)},
                        {QStringLiteral("username"), QStringLiteral("writer%1").arg(author)},
                        {QStringLiteral("acct"), acct},
                        {QStringLiteral("display_name"), QStringLiteral("Writer %1").arg(author)},
                        {QStringLiteral("url"), QStringLiteral("https://news%1.example/@writer%2").arg(author % 7).arg(author)}};
    const QString created = QDateTime::fromSecsSinceEpoch(1767225600LL + id * 60, Qt::UTC).toString(Qt::ISODate);
    QJsonObject status{{QStringLiteral("id"), QString::number(500000 + id)},
                       {QStringLiteral("uri"), QStringLiteral("https://news.example/users/w/statuses/%1").arg(500000 + id)},
                       {QStringLiteral("url"), QStringLiteral("https://news.example/@w/%1").arg(500000 + id)},
                       {QStringLiteral("created_at"), created},
                       {QStringLiteral("content"), QStringLiteral("<p>Hello <span class=\"h-card\"><a href=\"%1\">@agency</a></span> — any comment on story %2? &amp; thanks</p>").arg(host).arg(id)},
                       {QStringLiteral("visibility"), QStringLiteral("public")},
                       {QStringLiteral("in_reply_to_id"), QJsonValue::Null},
                       {QStringLiteral("spoiler_text"), QString()},
                       {QStringLiteral("account"), account}};
    QJsonObject n{{QStringLiteral("id"), QString::number(id)},
                  {QStringLiteral("type"), QStringLiteral("mention")},
                  {QStringLiteral("created_at"), created},
                  {QStringLiteral("account"), account},
                  {QStringLiteral("status"), status}};
    return QJsonDocument(n).toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("items"), QStringLiteral("notifications on the server"), QStringLiteral("n"), QStringLiteral("10000")},
                       {QStringLiteral("authors"), QStringLiteral("distinct authors"), QStringLiteral("n"), QStringLiteral("500")},
                       {QStringLiteral("db"), QStringLiteral("database file (default: a new one)"), QStringLiteral("path")},
                       {QStringLiteral("matched"), QStringLiteral("make every author a contact first (their items go to timelines, not the Inbox)")}});
    parser.process(app);
    const int items = parser.value(QStringLiteral("items")).toInt();
    const int authors = parser.value(QStringLiteral("authors")).toInt();
    QTextStream out(stdout);

    // Pre-render every notification once, so the server costs little next to the client.
    QList<QByteArray> rendered(items + 1);
    LoopbackHttpServer *serverPtr = nullptr;
    LoopbackHttpServer server([&](const LoopbackHttpServer::Request &request) {
        const QUrlQuery query(QUrl(QString::fromLatin1(request.target)));
        if (request.path() == "/api/v1/accounts/verify_credentials")
            return LoopbackHttpServer::Reply::json(R"({"id":"1","username":"agency","acct":"agency","display_name":"Agency"})");
        if (request.path() != "/api/v1/notifications")
            return LoopbackHttpServer::Reply::json("[]");
        const int limit = qBound(1, query.queryItemValue(QStringLiteral("limit")).toInt(), 80);
        int from = 0, to = 0; // ids in (from, to], newest first
        if (query.hasQueryItem(QStringLiteral("min_id"))) {
            from = query.queryItemValue(QStringLiteral("min_id")).toInt();
            to = qMin(items, from + limit);
        } else {
            to = query.hasQueryItem(QStringLiteral("max_id")) ? query.queryItemValue(QStringLiteral("max_id")).toInt() - 1 : items;
            from = qMax(0, to - limit);
        }
        if (to <= from)
            return LoopbackHttpServer::Reply::json("[]");
        QByteArray body = "[";
        for (int id = to; id > from; --id) {
            if (id != to)
                body += ',';
            body += rendered.at(id);
        }
        body += ']';
        LoopbackHttpServer::Reply reply = LoopbackHttpServer::Reply::json(body);
        const QByteArray base = serverPtr->baseUrl().toString().toLatin1() + "/api/v1/notifications?limit=" + QByteArray::number(limit);
        reply.headers.append({"Link", "<" + base + "&max_id=" + QByteArray::number(from + 1) + ">; rel=\"next\", <"
                                          + base + "&min_id=" + QByteArray::number(to) + ">; rel=\"prev\""});
        reply.headers.append({QByteArray("X-RateLimit-Limit"), QByteArray("300")});
        reply.headers.append({QByteArray("X-RateLimit-Remaining"), QByteArray("299")});
        reply.headers.append({QByteArray("X-RateLimit-Reset"), QDateTime::currentDateTimeUtc().addSecs(300).toString(Qt::ISODateWithMs).toLatin1()});
        return reply;
    });
    serverPtr = &server;
    for (int id = 1; id <= items; ++id)
        rendered[id] = notification(id, authors, server.baseUrl().toString());

    QTemporaryDir dir;
    const QString path = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db")) : dir.filePath(QStringLiteral("sync.sqlite"));
    Result<DatabaseLocation> location = DatabaseLocation::parse(path);
    if (!location) {
        out << location.error().message << Qt::endl;
        return 1;
    }
    Result<std::unique_ptr<Database>> db = Database::open(*location);
    if (!db) {
        out << db.error().message << Qt::endl;
        return 1;
    }
    if (parser.isSet(QStringLiteral("matched"))) {
        ContactRepository contacts(**db);
        for (int author = 0; author < authors; ++author) {
            Contact c;
            c.displayName = QStringLiteral("Writer %1").arg(author);
            c.handles.append({QStringLiteral("mastodon"), QStringLiteral("writer%1@news%2.example").arg(author).arg(author % 7), QString()});
            if (Status s = contacts.create(c); !s) {
                out << "creating a contact: " << s.error().message << Qt::endl;
                return 1;
            }
        }
    }
    SyncRepository repo(**db);
    SocialAccount account;
    account.network = Network::Mastodon;
    account.displayName = QStringLiteral("Agency (bench)");
    account.serverUrl = server.baseUrl().toString();
    account.handle = QStringLiteral("agency@127.0.0.1");
    if (Status s = repo.createAccount(account); !s) {
        out << "creating the account: " << s.error().message << Qt::endl;
        return 1;
    }
    // Resume from the very beginning (a first sync would only take the newest page or two).
    if (auto r = repo.ingestPage(account, QStringLiteral("notifications"), {}, SyncCursor{QStringLiteral("0"), {}, {}}); !r) {
        out << "setting the cursor: " << r.error().message << Qt::endl;
        return 1;
    }
    SecretStore::setKeyringDisabledForTesting(true); // the keyring is not what is measured
    const QString scope = QStringLiteral("bench");
    if (Status s = SecretStore(scope).write(account.secretKey(QStringLiteral("access_token")), QStringLiteral("bench-token")); !s) {
        out << "storing the token: " << s.error().message << Qt::endl;
        return 1;
    }

    SyncManager::Options options;
    options.periodic = false;
    options.syncOnStart = false;
    SyncManager manager(*location, scope, options);
    qint64 longest = 0;
    QElapsedTimer beat;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] { longest = qMax(longest, beat.restart()); });
    SyncOutcome result;
    QString message;
    bool ok = false;
    QObject::connect(&manager, &SyncManager::accountSynced, [&](qint64, bool success, const QString &text, const SyncOutcome &o) {
        ok = success;
        message = text;
        result = o;
    });
    QObject::connect(&manager, &SyncManager::idle, &app, &QCoreApplication::quit);

    const qint64 rssBefore = residentKiB();
    QElapsedTimer clock;
    manager.start();
    clock.start();
    beat.start();
    heartbeat.start();
    manager.syncNow(account.id);
    QTimer::singleShot(120000, &app, [&] { message = QStringLiteral("timed out after 120 s"); app.quit(); });
    app.exec();
    const qint64 elapsed = clock.elapsed();
    heartbeat.stop();
    const qint64 rssAfter = residentKiB();
    manager.stop();

    out << QStringLiteral("sync of %1 items from %2 authors: %3 (%4)").arg(items).arg(authors).arg(ok ? QStringLiteral("ok") : QStringLiteral("FAILED"), message) << Qt::endl;
    out << QStringLiteral("  fetched %1, inserted %2, to inbox %3").arg(result.fetched).arg(result.inserted).arg(result.toInbox) << Qt::endl;
    out << QStringLiteral("  end to end       %1 ms").arg(elapsed) << Qt::endl;
    out << QStringLiteral("  longest stall    %1 ms (5 ms heartbeat on the calling thread)").arg(longest) << Qt::endl;
    out << QStringLiteral("  memory growth    %1 MiB (RSS %2 → %3 MiB)").arg((rssAfter - rssBefore) / 1024.0, 0, 'f', 1).arg(rssBefore / 1024.0, 0, 'f', 1).arg(rssAfter / 1024.0, 0, 'f', 1) << Qt::endl;
    return ok ? 0 : 1;
}
