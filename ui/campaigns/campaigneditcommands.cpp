#include "campaigneditcommands.h"

#include "storage/campaignrepository.h"
#include "storage/changenotifier.h"

#include <QCoreApplication>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CampaignEditCommands)
};

bool sameBrief(const Campaign &a, const Campaign &b)
{
    return a.clientId == b.clientId && a.name == b.name && a.description == b.description && a.status == b.status
        && a.startsAt == b.startsAt && a.endsAt == b.endsAt && a.ownerId == b.ownerId && a.goals == b.goals
        && a.keyMessages == b.keyMessages && a.topics == b.topics && a.memberIds == b.memberIds;
}

void report(qint64 id, const Status &status)
{
    ChangeNotifier::instance()->notifyCampaigns({ id });
    if (!status)
        ChangeNotifier::instance()->notifyChangeFailed(status.error().message);
}

} // namespace

EditCampaignCommand::EditCampaignCommand(Database &db, Campaign before, Campaign after)
    : m_db(db)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_version(m_after.version)
{
    setText(Tr::tr("Edit the brief of “%1”").arg(m_after.name));
}

void EditCampaignCommand::apply(const Campaign &expected, Campaign values)
{
    CampaignRepository repo(m_db);
    Status status;
    Result<Campaign> current = repo.get(values.id);
    if (!current) {
        status = current.error();
    } else if (current->version != m_version && !sameBrief(*current, expected)) {
        status = Error {
            Tr::tr("“%1” was changed by someone else since; it was left as they saved it.").arg(current->name),
            Error::Code::Conflict
        };
    } else {
        values.version = current->version;
        status = repo.update(values);
    }
    if (status)
        m_version = values.version;
    else
        setObsolete(true);
    report(values.id, status);
}

void EditCampaignCommand::undo()
{
    apply(m_after, m_before);
}

void EditCampaignCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    apply(m_before, m_after);
}

TrashCampaignCommand::TrashCampaignCommand(Database &db, Kind kind, qint64 id, const QString &name)
    : m_db(db)
    , m_kind(kind)
    , m_id(id)
{
    switch (kind) {
    case Kind::Create:
        setText(Tr::tr("New campaign “%1”").arg(name));
        break;
    case Kind::Delete:
        setText(Tr::tr("Move campaign “%1” to the trash").arg(name));
        break;
    case Kind::Restore:
        setText(Tr::tr("Restore campaign “%1”").arg(name));
        break;
    }
}

void TrashCampaignCommand::setTrash(bool trash)
{
    CampaignRepository repo(m_db);
    const Status status = trash ? repo.moveToTrash(m_id) : repo.restore(m_id);
    if (!status)
        setObsolete(true);
    report(m_id, status);
}

void TrashCampaignCommand::undo()
{
    setTrash(m_kind != Kind::Delete);
}

void TrashCampaignCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    setTrash(m_kind == Kind::Delete);
}
