// libFuzzer target: VCardReader (unfolding, QUOTED-PRINTABLE and charsets, parameters, base64 and data: URIs)
// and the VCard property helpers. Besides crashes and sanitizer reports it aborts when a promise breaks:
// names upper case, binary data within the cap, property lines inside the card, errors in words, and
// escape() / unescape() round-tripping every text value.

#include "interchange/vcardreader.h"

#include <QBuffer>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "broken promise: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    VCardReader::Options options;
    options.maxBinaryBytes = 2048;
    options.maxPropertyChars = 16 * 1024;
    options.maxPropertiesPerCard = 200;
    if (size % 3 == 1)
        options.encoding = TextEncoding::Windows1252;
    VCardReader reader(&buffer, options);
    for (int cards = 0; cards < 10000; ++cards) {
        auto card = reader.next();
        if (!card.ok()) {
            check(!card.error().message.isEmpty(), "an error has a message");
            break;
        }
        if (!card->has_value())
            break;
        const VCard::Card &c = **card;
        check(c.firstLine >= 1, "a card has its first line");
        check(c.properties.size() <= options.maxPropertiesPerCard, "properties capped");
        for (const VCard::Property &p : c.properties) {
            check(p.name == p.name.toUpper(), "names upper case");
            check(p.data.size() <= options.maxBinaryBytes + 3, "binary data capped");
            check(p.line >= c.firstLine, "property lines inside the card");
            const QString text = p.text();
            QString plain = text;
            plain.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(u'\r', u'\n');
            check(VCard::unescape(VCard::escape(text)) == plain, "escape round-trips (line ends as LF)");
            (void)p.components(); // must not crash; the parts are checked by the unit test
            (void)p.listValues();
            (void)p.types();
            (void)p.preference();
            (void)c.groupLabel(p);
        }
    }
    return 0;
}
