#include "organizationcommands.h"

#include "organizationsview.h"
#include "storage/organizationrepository.h"

#include <QCoreApplication>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OrganizationCommands)
};

bool sameFields(const Organization &a, const Organization &b)
{
    return a.name == b.name && a.kind == b.kind && a.website == b.website && a.reach == b.reach && a.city == b.city
        && a.country == b.country && a.notes == b.notes;
}

} // namespace

EditOrganizationCommand::EditOrganizationCommand(
    Database &db, OrganizationsView *view, Organization before, Organization after)
    : m_db(db)
    , m_view(view)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_version(m_after.version)
{
    setText(Tr::tr("Edit “%1”").arg(m_after.name));
}

void EditOrganizationCommand::apply(const Organization &expected, Organization values)
{
    // Write only over what this command left: a trash and restore in between bumps the version but
    // changes no field, while someone else's edit must not be overwritten.
    OrganizationRepository repo(m_db);
    Status status;
    Result<Organization> current = repo.get(values.id);
    if (!current) {
        status = current.error();
    } else if (current->version != m_version && !sameFields(*current, expected)) {
        status = Error{Tr::tr("“%1” was changed by someone else since; it was left as they saved it.")
                           .arg(current->name),
            Error::Code::Conflict};
    } else {
        values.version = current->version;
        status = repo.update(values);
    }
    if (status)
        m_version = values.version;
    else
        setObsolete(true);
    if (m_view)
        m_view->organizationChangedByCommand(values.id, status);
}

void EditOrganizationCommand::undo()
{
    apply(m_after, m_before);
}

void EditOrganizationCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    apply(m_before, m_after);
}

TrashOrganizationCommand::TrashOrganizationCommand(
    Database &db, OrganizationsView *view, Kind kind, qint64 id, const QString &name)
    : m_db(db)
    , m_view(view)
    , m_kind(kind)
    , m_id(id)
{
    setText(kind == Kind::Create ? Tr::tr("New organization “%1”").arg(name)
                                 : Tr::tr("Move “%1” to the trash").arg(name));
}

void TrashOrganizationCommand::setTrash(bool trash)
{
    OrganizationRepository repo(m_db);
    const Status status = trash ? repo.moveToTrash(m_id) : repo.restore(m_id);
    if (!status)
        setObsolete(true);
    if (m_view)
        m_view->organizationChangedByCommand(m_id, status);
}

void TrashOrganizationCommand::undo()
{
    setTrash(m_kind == Kind::Create);
}

void TrashOrganizationCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    setTrash(m_kind == Kind::Delete);
}
