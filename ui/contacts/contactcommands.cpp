#include "contactcommands.h"

#include "storage/contactrepository.h"

EditContactCommand::EditContactCommand(Database &db, Contact before, Contact after, ContactCommandHooks hooks)
    : m_db(db)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_version(m_after.version)
    , m_hooks(std::move(hooks))
{
    setText(tr("Edit “%1”").arg(m_after.displayName));
}

void EditContactCommand::undo()
{
    write(m_before);
}

void EditContactCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    write(m_after);
}

void EditContactCommand::write(const Contact &values)
{
    Contact c = values;
    c.version = m_version; // the row as this command left it: anyone else's change since is a conflict
    ContactRepository repo(m_db);
    const Status s = repo.update(c);
    if (s)
        m_version = c.version;
    else
        setObsolete(true);
    if (m_hooks.notify)
        m_hooks.notify(c.id, s ? QString() : s.error().message);
}

CreateContactCommand::CreateContactCommand(Database &db, qint64 id, const QString &name, ContactCommandHooks hooks)
    : m_db(db)
    , m_id(id)
    , m_hooks(std::move(hooks))
{
    setText(tr("New contact “%1”").arg(name));
}

void CreateContactCommand::undo()
{
    const Status s = ContactRepository(m_db).moveToTrash(m_id);
    if (!s)
        setObsolete(true);
    if (m_hooks.notify)
        m_hooks.notify(0, s ? QString() : s.error().message);
}

void CreateContactCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    const Status s = ContactRepository(m_db).restore(m_id);
    if (!s)
        setObsolete(true);
    if (m_hooks.notify)
        m_hooks.notify(m_id, s ? QString() : s.error().message);
}

TrashContactsCommand::TrashContactsCommand(
    Database &db, QList<qint64> ids, const QString &description, ContactCommandHooks hooks, Mode mode)
    : m_db(db)
    , m_ids(std::move(ids))
    , m_mode(mode)
    , m_hooks(std::move(hooks))
{
    setText(description);
    m_status = setTrash(m_mode == Mode::Trash);
}

Status TrashContactsCommand::setTrash(bool trash)
{
    ContactRepository repo(m_db);
    QList<qint64> done;
    for (qint64 id : std::as_const(m_ids)) {
        const Status s = trash ? repo.moveToTrash(id) : repo.restore(id);
        if (!s) {
            // All or nothing: put back the ones already changed, so the stack stays true to the database.
            for (qint64 back : std::as_const(done))
                (void)(trash ? repo.restore(back) : repo.moveToTrash(back));
            return s;
        }
        done.append(id);
    }
    return {};
}

void TrashContactsCommand::undo()
{
    const bool trash = m_mode == Mode::Restore;
    const Status s = setTrash(trash);
    if (!s)
        setObsolete(true);
    if (m_hooks.notify)
        m_hooks.notify(trash ? 0 : m_ids.value(0), s ? QString() : s.error().message);
}

void TrashContactsCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    const bool trash = m_mode == Mode::Trash;
    const Status s = setTrash(trash);
    if (!s)
        setObsolete(true);
    if (m_hooks.notify)
        m_hooks.notify(trash ? 0 : m_ids.value(0), s ? QString() : s.error().message);
}
