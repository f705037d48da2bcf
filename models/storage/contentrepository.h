#pragma once

#include "core/result.h"
#include "domain/campaign.h"

#include <QList>

class Database;

// A campaign's content items (press releases, pitch emails, …) and their earlier versions.
//
// Every update first copies the row as it was last saved into content_item_versions (its version number,
// fields, and who saved it when) in the same transaction, so no saved state is ever lost: versions() lists
// them and restoreVersion() writes one back as a new save (itself copied first, so a restore can be undone
// by restoring again). Writes go through VersionedWrite (a stale version is Error::Code::Conflict) and
// SoftDelete; the body is Markdown (see docs/ARCHITECTURE.md, "Content items").
class ContentRepository final
{
public:
    // The body's limit, in characters of Markdown: ~1 MB, a few hundred pages of text. A press release is
    // a few thousand; a larger body is almost always a pasted file (or images inlined as data: URLs),
    // which belongs on the web, linked from the item's URL.
    static constexpr int kMaxBody = 1'000'000;
    static constexpr int kMaxTitle = 300;
    static constexpr int kMaxUrl = 2000;

    explicit ContentRepository(Database &db)
        : m_db(db)
    {
    }

    // Checks (and trims) the fields; Error::Code::Validation with the field at fault ("title", "kind",
    // "status", "url", "body").
    static Status validate(ContentItem &item);

    // The campaign's live items, last updated first. The bodies are left empty: get() reads one.
    Result<QList<ContentItem>> list(qint64 campaignId);
    Result<ContentItem> get(qint64 id);
    Status create(ContentItem &item);
    // Saves the item if it still has item.version, after copying the stored state into its versions.
    Status update(ContentItem &item);
    // The earlier saved states, newest first.
    Result<QList<ContentItemVersion>> versions(qint64 itemId);
    // Writes version `versionId` back over `item` (which holds the id and version the caller has) as a new
    // save; `item` then holds the restored fields and its new version. A stale version is a conflict.
    Status restoreVersion(ContentItem &item, qint64 versionId);
    Status moveToTrash(qint64 id);
    Status restore(qint64 id);

private:
    Database &m_db;
};
