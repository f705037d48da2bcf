#include "sync/mastodonmapping.h"

#include "domain/validation.h"
#include "sync/htmltext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QUrl>

#include <optional>

namespace MastodonMapping {
namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(MastodonMapping)
};

const QString kSource = QStringLiteral("mastodon");

Error garbage(const QString &detail)
{
    return Error { Tr::tr("The server answered something that is not Mastodon JSON (%1).").arg(detail),
        Error::Code::Network };
}

// What is wrong with one entry, in words (the page skips the entry and keeps this as the reason).
Error bad(const QString &detail)
{
    return Error { detail, Error::Code::Network };
}

Result<QJsonDocument> parse(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return garbage(Tr::tr("not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    return doc;
}

// Ids are strings in the Mastodon API; a few servers send numbers. Empty on anything else.
QString idOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d >= 0 && d < 9.0e15 && d == double(qint64(d)))
            return QString::number(qint64(d));
    }
    return {};
}

Result<QString> requiredId(const QJsonObject &object, const QString &what)
{
    const QString id = idOf(object.value(QLatin1String("id")));
    if (id.isEmpty())
        return bad(Tr::tr("%1 without an id").arg(what));
    return id;
}

Result<QDateTime> requiredTime(const QJsonObject &object, const QString &what)
{
    const QJsonValue value = object.value(QLatin1String("created_at"));
    QDateTime time = value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODateWithMs) : QDateTime();
    if (!time.isValid())
        return bad(Tr::tr("%1 without a valid created_at").arg(what));
    return time.toUTC();
}

Result<Account> accountOf(const QJsonValue &value, const QString &localDomain, const QString &what)
{
    if (!value.isObject())
        return bad(Tr::tr("%1 without an account").arg(what));
    const QJsonObject object = value.toObject();
    Account account;
    account.id = idOf(object.value(QLatin1String("id")));
    const QJsonValue acct = object.value(QLatin1String("acct"));
    if (account.id.isEmpty() || !acct.isString() || acct.toString().trimmed().isEmpty())
        return bad(Tr::tr("%1 with an account without id or acct").arg(what));
    account.handle = handleFor(acct.toString(), localDomain);
    account.displayName = object.value(QLatin1String("display_name")).toString().trimmed();
    if (account.displayName.isEmpty())
        account.displayName = object.value(QLatin1String("username")).toString().trimmed();
    if (account.displayName.isEmpty())
        account.displayName = account.handle;
    return account;
}

void setAuthor(SyncItem &item, const Account &author)
{
    item.authorNetwork = kSource;
    item.authorHandle = author.handle;
    item.authorName = author.displayName;
}

QString plainText(const QJsonObject &status)
{
    const QString content = HtmlText::toPlainText(status.value(QLatin1String("content")).toString());
    const QString spoiler = status.value(QLatin1String("spoiler_text")).toString().trimmed();
    if (spoiler.isEmpty())
        return content;
    if (content.isEmpty())
        return spoiler;
    return spoiler + QStringLiteral("\n\n") + content;
}

bool isSet(const QJsonValue &value)
{
    return !value.isNull() && !value.isUndefined() && !(value.isString() && value.toString().isEmpty());
}

// A status as a Conversation item (author not set).
Result<SyncItem> statusItem(const QJsonValue &value, const QString &what)
{
    if (!value.isObject())
        return bad(Tr::tr("%1 without a status").arg(what));
    const QJsonObject status = value.toObject();
    Result<QDateTime> createdAt = requiredTime(status, what);
    if (!createdAt)
        return createdAt.error();
    const QJsonValue uri = status.value(QLatin1String("uri"));
    if (!uri.isString() || uri.toString().isEmpty())
        return bad(Tr::tr("%1 with a status without uri").arg(what));

    SyncItem item;
    item.kind = SyncItem::Kind::Conversation;
    item.source = kSource;
    item.externalId = uri.toString();
    item.direction = QStringLiteral("inbound");
    item.occurredAt = *createdAt;
    item.text = plainText(status);
    const QJsonValue url = status.value(QLatin1String("url"));
    item.url = url.isString() ? url.toString() : uri.toString();
    // A direct message that answers another one is still a direct message.
    if (status.value(QLatin1String("visibility")).toString() == u"direct")
        item.channel = QStringLiteral("direct_message");
    else if (isSet(status.value(QLatin1String("in_reply_to_id"))))
        item.channel = QStringLiteral("reply");
    else
        item.channel = QStringLiteral("mention");
    return item;
}

Result<QJsonArray> arrayOf(const QByteArray &json, const QString &what)
{
    Result<QJsonDocument> doc = parse(json);
    if (!doc)
        return doc.error();
    if (!doc->isArray())
        return garbage(Tr::tr("%1 is not a list").arg(what));
    return doc->array();
}

// One notification: the item Rapport keeps, none for a kind it does not keep (counted as ignored), or what
// is wrong with it. `id` is set as soon as the entry has one.
Result<std::optional<SyncItem>> notificationItem(
    const QJsonValue &value, const QString &serverHost, const QString &localDomain, QString &id)
{
    if (!value.isObject())
        return bad(Tr::tr("a notification that is not an object"));
    const QJsonObject n = value.toObject();
    Result<QString> requiredIdResult = requiredId(n, Tr::tr("a notification"));
    if (!requiredIdResult)
        return requiredIdResult.error();
    id = *requiredIdResult;
    const QJsonValue typeValue = n.value(QLatin1String("type"));
    if (!typeValue.isString())
        return bad(Tr::tr("notification %1 without a type").arg(id));
    const QString type = typeValue.toString();
    const QString what = Tr::tr("notification %1").arg(id);

    if (type == u"mention") {
        const QJsonValue statusValue = n.value(QLatin1String("status"));
        // Mastodon keeps a mention's notification when its status is deleted, with "status": null.
        if (statusValue.isNull() || statusValue.isUndefined())
            return bad(Tr::tr("%1: a mention whose post was deleted").arg(what));
        Result<SyncItem> item = statusItem(statusValue, what);
        if (!item)
            return item.error();
        const QJsonObject status = statusValue.toObject();
        const QJsonValue authorValue = status.contains(QLatin1String("account"))
            ? status.value(QLatin1String("account"))
            : n.value(QLatin1String("account"));
        Result<Account> author = accountOf(authorValue, localDomain, what);
        if (!author)
            return author.error();
        setAuthor(*item, *author);
        return std::optional<SyncItem>(std::move(*item));
    }

    QString engagement;
    if (type == u"favourite")
        engagement = QStringLiteral("like");
    else if (type == u"reblog")
        engagement = QStringLiteral("boost");
    else if (type == u"follow")
        engagement = QStringLiteral("follow");
    else if (type == u"quote")
        engagement = QStringLiteral("quote");
    if (engagement.isEmpty())
        return std::optional<SyncItem>();
    Result<QDateTime> createdAt = requiredTime(n, what);
    if (!createdAt)
        return createdAt.error();
    Result<Account> author = accountOf(n.value(QLatin1String("account")), localDomain, what);
    if (!author)
        return author.error();
    SyncItem item;
    item.kind = SyncItem::Kind::Engagement;
    item.source = kSource;
    item.engagement = engagement;
    item.externalId = QStringLiteral("notification:%1/%2").arg(serverHost, id);
    item.direction = QStringLiteral("inbound");
    item.occurredAt = *createdAt;
    const QJsonValue statusValue = n.value(QLatin1String("status"));
    if (statusValue.isObject()) {
        const QJsonObject status = statusValue.toObject();
        item.text = plainText(status);
        item.url = status.value(QLatin1String("url")).toString();
    }
    setAuthor(item, *author);
    return std::optional<SyncItem>(std::move(item));
}

// One conversation: its last status as an item, none when there is nothing to keep (counted as ignored), or
// what is wrong with it. `statusId` is set as soon as the last status has an id (what the stream pages by).
Result<std::optional<SyncItem>> conversationItem(
    const QJsonValue &value, const QString &localDomain, const QString &ownAccountId, QString &statusId)
{
    if (!value.isObject())
        return bad(Tr::tr("a conversation that is not an object"));
    const QJsonObject c = value.toObject();
    Result<QString> id = requiredId(c, Tr::tr("a conversation"));
    if (!id)
        return id.error();
    const QString what = Tr::tr("conversation %1").arg(*id);
    const QJsonValue lastStatus = c.value(QLatin1String("last_status"));
    if (lastStatus.isNull() || lastStatus.isUndefined())
        return std::optional<SyncItem>();
    if (!lastStatus.isObject())
        return bad(Tr::tr("%1 with a last_status that is not an object").arg(what));
    Result<QString> lastId = requiredId(lastStatus.toObject(), what);
    if (!lastId)
        return lastId.error();
    statusId = *lastId;

    Result<SyncItem> item = statusItem(lastStatus, what);
    if (!item)
        return item.error();
    item->channel = QStringLiteral("direct_message");
    Result<Account> author = accountOf(lastStatus.toObject().value(QLatin1String("account")), localDomain, what);
    if (!author)
        return author.error();
    if (ownAccountId.isEmpty() || author->id != ownAccountId) {
        setAuthor(*item, *author);
        return std::optional<SyncItem>(std::move(*item));
    }
    // Our own message: outbound, in the timeline of the person it went to.
    item->direction = QStringLiteral("outbound");
    const QJsonValue accounts = c.value(QLatin1String("accounts"));
    if (!accounts.isArray())
        return bad(Tr::tr("%1 without accounts").arg(what));
    for (const QJsonValue &other : accounts.toArray()) {
        Result<Account> participant = accountOf(other, localDomain, what);
        if (!participant)
            return participant.error();
        if (participant->id != ownAccountId) {
            setAuthor(*item, *participant);
            return std::optional<SyncItem>(std::move(*item));
        }
    }
    return std::optional<SyncItem>(); // a note to self
}

void skip(Page &page, const Error &why)
{
    ++page.skipped;
    page.skipNotes.append(why.message);
}

// A page from a JSON list: `map(value, id)` turns each entry into an item, or nothing (a type Rapport does not
// store), and reports the entry's id (what the endpoint pages by) even when the entry cannot be mapped; such an
// entry is skipped and counted, the rest of the page stays (issue 9). A body that is not a list fails.
template <typename MapEntry> Result<Page> pageOf(const QByteArray &json, const QString &what, MapEntry map)
{
    Result<QJsonArray> array = arrayOf(json, what);
    if (!array)
        return array.error();
    Page page;
    for (const QJsonValue &value : std::as_const(*array)) {
        QString id;
        Result<std::optional<SyncItem>> item = map(value, id);
        if (!id.isEmpty())
            page.ids.append(id);
        if (!item)
            skip(page, item.error());
        else if (!item->has_value())
            ++page.ignored;
        else
            page.items.append(std::move(**item));
    }
    return page;
}

} // namespace

QString handleFor(const QString &acct, const QString &localDomain)
{
    QString raw = acct.trimmed();
    if (raw.startsWith(u'@'))
        raw.remove(0, 1);
    if (!raw.contains(u'@') && !localDomain.isEmpty())
        raw += u'@' + localDomain;
    const Result<QString> normalized = Validation::normalizeHandle(kSource, raw);
    // A server name the handle rules do not know (localhost, a port): keep it as written, lower-cased.
    return normalized ? *normalized : raw.toLower();
}

Result<Page> notifications(const QByteArray &json, const QString &serverHost, const QString &localDomain)
{
    const QString domain = localDomain.isEmpty() ? serverHost : localDomain;
    return pageOf(json, Tr::tr("the notification list"),
        [&](const QJsonValue &value, QString &id) { return notificationItem(value, serverHost, domain, id); });
}

Result<Page> conversations(const QByteArray &json, const QString &localDomain, const QString &ownAccountId)
{
    return pageOf(json, Tr::tr("the conversation list"), [&](const QJsonValue &value, QString &statusId) {
        return conversationItem(value, localDomain, ownAccountId, statusId);
    });
}

Result<Account> account(const QByteArray &json, const QString &localDomain)
{
    Result<QJsonDocument> doc = parse(json);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return garbage(Tr::tr("the account is not an object"));
    Result<Account> mapped = accountOf(doc->object(), localDomain, Tr::tr("the account"));
    if (!mapped)
        return garbage(mapped.error().message);
    return mapped;
}

QString instanceDomain(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return {};
    const QJsonObject object = doc.object();
    // v2: "domain"; v1: "uri" (a bare domain there, not a URL).
    QString domain = object.value(QLatin1String("domain")).toString().trimmed();
    if (domain.isEmpty())
        domain = object.value(QLatin1String("uri")).toString().trimmed();
    if (domain.contains(QLatin1String("://")))
        domain = QUrl(domain).host();
    // A domain only: no path, no user part, no spaces.
    if (domain.isEmpty() || domain.contains(u'/') || domain.contains(u'@') || domain.contains(u' ')
        || domain.size() > 253)
        return {};
    return domain.toLower();
}
QString errorText(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return {};
    const QJsonObject object = doc.object();
    QString text = object.value(QLatin1String("error")).toString().trimmed();
    const QString description = object.value(QLatin1String("error_description")).toString().trimmed();
    if (!description.isEmpty() && description != text)
        text = text.isEmpty() ? description : text + QStringLiteral(": ") + description;
    return text.left(500);
}

bool isNewerId(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return a.size() > b.size();
    return a > b;
}

} // namespace MastodonMapping
