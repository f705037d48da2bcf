// libFuzzer target: Mastodon JSON (notifications, conversations, accounts, error bodies) → SyncItems.
// Whatever the bytes, the mapping returns a value or an Error; it never crashes, hangs or reads out of bounds
// (run under ASan/UBSan). Build with clang -fsanitize=fuzzer; seeds: tests/sync/data/mastodon/*.json bodies.
#include "sync/mastodonmapping.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString host = QStringLiteral("mastodon.example");

    if (Result<MastodonMapping::Page> page = MastodonMapping::notifications(json, host); page.ok()) {
        for (const SyncItem &item : page->items) {
            // What the mapping promises for every item it returns.
            if (item.source.isEmpty() || item.externalId.isEmpty() || !item.occurredAt.isValid()
                || item.authorHandle.isEmpty())
                __builtin_trap();
        }
    }
    if (Result<MastodonMapping::Page> page = MastodonMapping::conversations(json, host, QStringLiteral("1"));
        page.ok()) {
        for (const SyncItem &item : page->items)
            if (item.externalId.isEmpty() || !item.occurredAt.isValid() || item.channel != u"direct_message")
                __builtin_trap();
    }
    (void)MastodonMapping::account(json, host);
    (void)MastodonMapping::errorText(json);
    return 0;
}
