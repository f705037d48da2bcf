#include "inboxcommand.h"

#include "storage/contactrepository.h"
#include "storage/syncrepository.h"

InboxCommand::InboxCommand(
    Database &db, Kind kind, QString network, QString handle, QString authorName, Changed changed)
    : m_db(db)
    , m_kind(kind)
    , m_network(std::move(network))
    , m_handle(std::move(handle))
    , m_authorName(std::move(authorName))
    , m_changed(std::move(changed))
{
}

InboxCommand *InboxCommand::link(Database &db, const QString &network, const QString &handle,
    const QString &authorName, qint64 contactId, const QString &contactName, Changed changed)
{
    auto *c = new InboxCommand(db, Kind::Link, network, handle, authorName, std::move(changed));
    c->m_contactId = contactId;
    c->setText(tr("Link %1 to %2").arg(handle, contactName));
    return c;
}

InboxCommand *InboxCommand::create(
    Database &db, const QString &network, const QString &handle, const QString &authorName, Changed changed)
{
    auto *c = new InboxCommand(db, Kind::Create, network, handle, authorName, std::move(changed));
    c->setText(tr("New contact from %1").arg(handle));
    return c;
}

InboxCommand *InboxCommand::ignore(
    Database &db, const QString &network, const QString &handle, const QString &authorName, Changed changed)
{
    auto *c = new InboxCommand(db, Kind::Ignore, network, handle, authorName, std::move(changed));
    c->setText(tr("Ignore %1").arg(handle));
    return c;
}

bool InboxCommand::apply()
{
    m_lastError = doIt();
    m_applied = m_lastError.isEmpty();
    return m_applied;
}

QString InboxCommand::doIt()
{
    SyncRepository sync(m_db);
    switch (m_kind) {
    case Kind::Ignore: {
        const Status s = sync.ignore(m_network, m_handle);
        return s ? QString() : s.error().message;
    }
    case Kind::Create:
        if (!m_contactCreated) {
            Contact contact;
            contact.displayName = m_authorName.trimmed().isEmpty() ? m_handle : m_authorName.trimmed();
            if (const Status s = ContactRepository(m_db).create(contact); !s)
                return s.error().message;
            m_contactId = contact.id;
            m_contactCreated = true;
        } else if (const Status s = ContactRepository(m_db).restore(m_contactId); !s) {
            return s.error().message;
        }
        [[fallthrough]];
    case Kind::Link: {
        Result<int> moved = sync.linkToContact(m_network, m_handle, m_contactId);
        if (!moved) {
            // A contact made only for this link goes away again rather than stay empty.
            if (m_kind == Kind::Create)
                (void)ContactRepository(m_db).moveToTrash(m_contactId);
            return moved.error().message;
        }
        m_moved = *moved;
        return {};
    }
    }
    return {};
}

QString InboxCommand::undoIt()
{
    SyncRepository sync(m_db);
    if (m_kind == Kind::Ignore) {
        const Status s = sync.unignore(m_network, m_handle);
        return s ? QString() : s.error().message;
    }
    // Unlink first: the handle must leave the contact before it goes to the trash.
    if (const Status s = sync.unlinkFromContact(m_network, m_handle, m_contactId); !s)
        return s.error().message;
    if (m_kind == Kind::Create) {
        if (const Status s = ContactRepository(m_db).moveToTrash(m_contactId); !s)
            return s.error().message;
    }
    return {};
}

void InboxCommand::finish(const QString &error)
{
    if (!error.isEmpty())
        setObsolete(true);
    if (m_changed)
        m_changed(m_contactId > 0 ? QList<qint64>{m_contactId} : QList<qint64>{}, error);
}

void InboxCommand::redo()
{
    if (m_applied) {
        m_applied = false; // done by apply(); this is the push
        return;
    }
    finish(doIt());
}

void InboxCommand::undo()
{
    finish(undoIt());
}
