#include "sync/syncsource.h"

#include "sync/sources.h"

namespace {
SyncSource::Factory &testFactory()
{
    static SyncSource::Factory factory;
    return factory;
}
} // namespace

void SyncOutcome::addSkipped(int count, const QStringList &notes)
{
    if (count <= 0)
        return;
    skipped += count;
    for (const QString &note : notes)
        if (skipNotes.size() < kMaxSkipNotes && !skipNotes.contains(note))
            skipNotes.append(note);
}

void SyncOutcome::add(const IngestReport &report)
{
    inserted += report.inserted;
    toInbox += report.toInbox;
    engagements += report.engagements;
    for (qint64 id : report.contactIds)
        if (!contactIds.contains(id))
            contactIds.append(id);
}

void SyncSource::setFactoryForTesting(Factory factory)
{
    testFactory() = std::move(factory);
}

std::unique_ptr<SyncSource> SyncSource::create(Network network)
{
    if (testFactory())
        return testFactory()(network);
    switch (network) {
    case Network::Mastodon:
        return makeMastodonSource();
    case Network::Bluesky:
        return makeBlueskySource();
    case Network::Feed:
        return makeFeedSource();
    }
    return nullptr;
}
