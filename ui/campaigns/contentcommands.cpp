#include "contentcommands.h"

#include "storage/changenotifier.h"
#include "storage/contentrepository.h"

EditContentCommand::EditContentCommand(
    Database &db, const ContentItem &before, const ContentItem &after, const QString &text)
    : m_db(db)
    , m_before(before)
    , m_after(after)
    , m_version(after.version)
{
    setText(text);
}

namespace {

bool sameFields(const ContentItem &a, const ContentItem &b)
{
    return a.title == b.title && a.kind == b.kind && a.status == b.status && a.url == b.url && a.body == b.body
        && a.publishedAt == b.publishedAt;
}

} // namespace

void EditContentCommand::write(const ContentItem &values, const ContentItem &expected)
{
    // Write only over what this command left. The later steps of the stack were undone before this one, and
    // each undo is itself a save, so the version moved on while the fields came back to what this command
    // wrote; someone else's edit, though, must not be overwritten.
    ContentRepository repo(m_db);
    ContentItem row = values;
    row.version = m_version;
    Status s;
    if (Result<ContentItem> current = repo.get(values.id); !current) {
        s = current.error();
    } else if (current->version != m_version && !sameFields(*current, expected)) {
        s = Error { tr("“%1” was changed by someone else since; it was left as they saved it.").arg(current->title),
            Error::Code::Conflict };
    } else {
        row.version = current->version;
        s = repo.update(row);
    }
    if (s)
        m_version = row.version;
    else
        setObsolete(true);
    ChangeNotifier::instance()->notifyCampaigns({ values.campaignId });
    if (!s)
        ChangeNotifier::instance()->notifyChangeFailed(s.error().message);
}

void EditContentCommand::undo()
{
    write(m_before, m_after);
}

void EditContentCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    write(m_after, m_before);
}

TrashContentCommand::TrashContentCommand(Database &db, Kind kind, const ContentItem &item)
    : m_db(db)
    , m_kind(kind)
    , m_id(item.id)
    , m_campaignId(item.campaignId)
{
    setText(kind == Kind::Create ? tr("New content item “%1”").arg(item.title)
                                 : tr("Move “%1” to the trash").arg(item.title));
}

void TrashContentCommand::setTrashed(bool trash)
{
    ContentRepository repo(m_db);
    const Status s = trash ? repo.moveToTrash(m_id) : repo.restore(m_id);
    if (!s)
        setObsolete(true);
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    if (!s)
        ChangeNotifier::instance()->notifyChangeFailed(s.error().message);
}

void TrashContentCommand::undo()
{
    setTrashed(m_kind == Kind::Create);
}

void TrashContentCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    setTrashed(m_kind == Kind::Trash);
}
