// libFuzzer target: FeedParser::parse (RSS, Atom, JSON Feed, encodings, repair of broken XML, DTD entities),
// FeedDate::parse and HtmlText (tags, character references). Besides crashes and sanitizer reports, it aborts
// when a result breaks the promises: entries and text within the limits, URLs absolute http(s), dates UTC,
// errors in words, and HTML to text never longer than its input (every reference is at least as long as the
// one or two UTF-16 units it stands for).

#include "sync/feeddate.h"
#include "sync/feedparser.h"
#include "sync/htmltext.h"

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

bool isWebUrl(const QString &url)
{
    return url.isEmpty() || url.startsWith(QLatin1String("http://")) || url.startsWith(QLatin1String("https://"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    // The input's length picks a Content-Type, so the charset paths are exercised without a format byte
    // (the seed corpus stays plain feed files).
    static const char *const types[] = { "", "application/rss+xml", "text/xml; charset=iso-8859-1",
        "application/xml; charset=utf-16", "text/html; charset=windows-1252", "application/json; charset=shift_jis",
        "application/atom+xml; charset=\"utf-8\"" };
    const QByteArray contentType(types[size % (sizeof(types) / sizeof(types[0]))]);

    FeedParser::Limits limits;
    limits.maxEntries = 50;
    limits.maxTitleChars = 200;
    limits.maxSummaryChars = 500;
    limits.maxRawChars = 64 * 1024;
    const Result<ParsedFeed> result
        = FeedParser::parse(body, QUrl(QStringLiteral("https://fuzz.example/a/feed.xml")), contentType, limits);
    if (!result.ok()) {
        check(!result.error().message.isEmpty(), "an error has a message");
    } else {
        const ParsedFeed &feed = *result;
        check(feed.entries.size() <= limits.maxEntries, "entries capped");
        check(feed.title.size() <= limits.maxTitleChars, "feed title capped");
        check(isWebUrl(feed.siteUrl), "site URL is http(s)");
        for (const FeedEntry &e : feed.entries) {
            check(e.title.size() <= limits.maxTitleChars, "entry title capped");
            check(e.summaryText.size() <= limits.maxSummaryChars, "summary capped");
            check(isWebUrl(e.url) && isWebUrl(e.authorUri), "entry URLs are http(s)");
            check(!e.published.isValid() || e.published.timeSpec() == Qt::UTC, "dates are UTC");
        }
        check(!feed.truncated || !feed.warnings.isEmpty(), "a truncated feed says so");
    }

    const QDateTime date = FeedDate::parse(QString::fromUtf8(body.left(120)));
    check(!date.isValid() || date.timeSpec() == Qt::UTC, "FeedDate gives UTC");

    const QString text = QString::fromUtf8(body.left(64 * 1024));
    check(HtmlText::toPlainText(text).size() <= text.size(), "HTML to text never grows");
    check(HtmlText::decodeEntities(text).size() <= text.size(), "references never grow");
    check(HtmlText::decodeEntities(text, HtmlText::EntityContext::Attribute).size() <= text.size(),
        "references in attributes never grow");
    return 0;
}
