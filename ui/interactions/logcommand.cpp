#include "logcommand.h"

#include "storage/changenotifier.h"
#include "storage/followuprepository.h"
#include "storage/interactionrepository.h"

LogInteractionCommand::LogInteractionCommand(Database &db, const QList<Interaction> &rows)
    : m_db(db)
{
    for (const Interaction &row : rows) {
        m_ids.append(row.id);
        m_contactIds.append(row.contactId);
        m_hasFollowUp = m_hasFollowUp || row.followUpAt.isValid();
        if (row.followUpId > 0)
            m_followUpIds.append(row.followUpId);
    }
    const QString channel = rows.isEmpty() ? QString() : Interaction::channelLabel(rows.first().channel);
    setText(rows.size() == 1 ? tr("Log %1 with %2").arg(channel, rows.first().contactName)
                             : tr("Log %1 with %n people", nullptr, int(rows.size())).arg(channel));
}

void LogInteractionCommand::undo()
{
    InteractionRepository repo(m_db);
    m_lastError.clear();
    for (qint64 id : std::as_const(m_ids)) {
        if (Status s = repo.moveToTrash(id); !s)
            m_lastError = s.error().message;
    }
    FollowUpRepository followUps(m_db);
    for (qint64 id : std::as_const(m_followUpIds)) {
        if (Status s = followUps.moveToTrash(id); !s)
            m_lastError = s.error().message;
    }
    notify();
}

void LogInteractionCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    InteractionRepository repo(m_db);
    m_lastError.clear();
    for (qint64 id : std::as_const(m_ids)) {
        if (Status s = repo.restore(id); !s)
            m_lastError = s.error().message;
    }
    FollowUpRepository followUps(m_db);
    for (qint64 id : std::as_const(m_followUpIds)) {
        if (Status s = followUps.restore(id); !s)
            m_lastError = s.error().message;
    }
    notify();
}

void LogInteractionCommand::notify()
{
    ChangeNotifier::instance()->notifyInteractions(m_contactIds);
    if (m_hasFollowUp)
        ChangeNotifier::instance()->notifyFollowUps();
}
