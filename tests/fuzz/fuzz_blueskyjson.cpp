// Fuzz target for BlueskyMapping (models/sync/blueskymapping.h): whatever a server or a man in the middle
// sends, the mapping returns an Error or items, never crashes, and what it returns is well-formed.
// The first byte picks the parser; the rest is the body. Seed corpus: tests/fuzz/corpus/blueskyjson/
// (0x00 + a listNotifications answer, 0x01 + a getAuthorFeed answer, 0x02 + a session, 0x03 + an error).
#include "sync/blueskymapping.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdlib>

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

void checkPage(const BlueskyMapping::Page &page)
{
    require(page.indexedAt.size() == page.entries);
    require(page.itemEntry.size() == page.items.size());
    require(page.skipped >= 0 && page.skipped <= page.entries);
    // At most two items per entry (a quote is a conversation and an engagement).
    require(page.items.size() <= 2 * page.entries);
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        const SyncItem &item = page.items.at(i);
        require(page.itemEntry.at(i) >= 0 && page.itemEntry.at(i) < page.entries);
        require(item.source == u"bluesky");
        require(item.externalId.startsWith(u"at://"));
        require(item.occurredAt.isValid());
        require(!item.authorHandle.isEmpty());
        require(item.text.size() <= BlueskyMapping::kMaxTextLength);
        require(item.url.isEmpty() || item.url.startsWith(u"https://bsky.app/profile/"));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 4) {
    case 0:
        if (auto page = BlueskyMapping::parseNotifications(body); page.ok())
            checkPage(*page);
        else
            require(!page.error().message.isEmpty());
        break;
    case 1:
        if (auto page = BlueskyMapping::parseAuthorFeed(body, QStringLiteral("did:plc:iqmi5jak3jft44wmka7iyxb2"));
            page.ok())
            checkPage(*page);
        break;
    case 2:
        if (auto session = BlueskyMapping::parseSession(body); session.ok())
            require(!session->accessJwt.isEmpty() && !session->did.isEmpty());
        break;
    default: {
        const QString name = BlueskyMapping::errorName(body);
        require(name.size() <= 100);
        require(BlueskyMapping::errorMessage(body).size() <= 300);
        const QDateTime t = BlueskyMapping::parseTime(QString::fromUtf8(body));
        if (t.isValid())
            require(BlueskyMapping::parseTime(BlueskyMapping::timeCursor(t)) == t);
        (void)BlueskyMapping::postUrl(QString::fromUtf8(body), QString());
        break;
    }
    }
    return 0;
}
