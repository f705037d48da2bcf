#include "interactioncommands.h"

#include "storage/changenotifier.h"
#include "storage/interactionrepository.h"

namespace {

QString describe(const Interaction &i)
{
    return i.subject.isEmpty() ? Interaction::channelLabel(i.channel) : i.subject.left(60);
}

} // namespace

EditInteractionCommand::EditInteractionCommand(Database &db, const Interaction &before, const Interaction &after)
    : m_db(db)
    , m_before(before)
    , m_after(after)
    , m_version(after.version)
{
    setText(tr("Edit “%1”").arg(describe(after)));
}

void EditInteractionCommand::write(const Interaction &values)
{
    Interaction row = values;
    row.version = m_version;
    row.followUpAt = QDateTime(); // an edit never creates a follow-up
    const Status s = InteractionRepository(m_db).update(row);
    m_lastError = s ? QString() : s.error().message;
    if (s)
        m_version = row.version;
    QList<qint64> contacts { m_before.contactId };
    if (m_after.contactId != m_before.contactId)
        contacts.append(m_after.contactId);
    ChangeNotifier::instance()->notifyInteractions(contacts);
    if (!s)
        ChangeNotifier::instance()->notifyChangeFailed(m_lastError);
}

void EditInteractionCommand::undo()
{
    write(m_before);
}

void EditInteractionCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    write(m_after);
}

TrashInteractionCommand::TrashInteractionCommand(Database &db, const Interaction &interaction)
    : m_db(db)
    , m_id(interaction.id)
    , m_contactId(interaction.contactId)
{
    setText(tr("Delete “%1”").arg(describe(interaction)));
}

bool TrashInteractionCommand::apply()
{
    redo();
    m_applied = m_lastError.isEmpty();
    return m_applied;
}

void TrashInteractionCommand::finish(const Status &status)
{
    m_lastError = status ? QString() : status.error().message;
    ChangeNotifier::instance()->notifyInteractions({ m_contactId });
    if (!status)
        ChangeNotifier::instance()->notifyChangeFailed(m_lastError);
}

void TrashInteractionCommand::redo()
{
    if (m_applied) { // apply() already did it; this is the push's redo
        m_applied = false;
        return;
    }
    finish(InteractionRepository(m_db).moveToTrash(m_id));
}

void TrashInteractionCommand::undo()
{
    finish(InteractionRepository(m_db).restore(m_id));
}
