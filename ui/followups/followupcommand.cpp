#include "followupcommand.h"

#include <QUndoStack>

#include "core/clock.h"

#include "storage/changenotifier.h"
#include "storage/followuprepository.h"

FollowUpCommand::FollowUpCommand(Database &db, Kind kind, const FollowUp &before)
    : m_db(db)
    , m_kind(kind)
    , m_before(before)
{
}

FollowUpCommand *FollowUpCommand::create(Database &db, const FollowUp &followUp)
{
    auto *c = new FollowUpCommand(db, Kind::Create, followUp);
    c->setText(tr("Plan a follow-up with %1").arg(followUp.contactName));
    return c;
}

FollowUpCommand *FollowUpCommand::complete(Database &db, const FollowUp &before)
{
    auto *c = new FollowUpCommand(db, Kind::Complete, before);
    c->setText(tr("Complete follow-up with %1").arg(before.contactName));
    return c;
}

FollowUpCommand *FollowUpCommand::snooze(Database &db, const FollowUp &before, const QDateTime &until)
{
    auto *c = new FollowUpCommand(db, Kind::Snooze, before);
    c->m_until = until;
    c->setText(tr("Snooze follow-up with %1").arg(before.contactName));
    return c;
}

FollowUpCommand *FollowUpCommand::snoozeBy(Database &db, const FollowUp &before, int days)
{
    const QDateTime now = Clock::now();
    return snooze(db, before, (before.dueAt < now ? now : before.dueAt).addDays(days));
}

Status FollowUpCommand::run(FollowUpCommand *command, QUndoStack *stack)
{
    if (!command->apply()) {
        const QString error = command->lastError();
        delete command;
        return Error { error };
    }
    if (stack)
        stack->push(command);
    else
        delete command;
    return {};
}

FollowUpCommand *FollowUpCommand::reassign(Database &db, const FollowUp &before, qint64 assigneeId, const QString &name)
{
    auto *c = new FollowUpCommand(db, Kind::Reassign, before);
    c->m_assigneeId = assigneeId;
    c->setText(tr("Reassign follow-up to %1").arg(name));
    return c;
}

bool FollowUpCommand::apply()
{
    redo();
    m_applied = m_lastError.isEmpty();
    return m_applied;
}

void FollowUpCommand::redo()
{
    if (m_applied) {
        m_applied = false;
        return;
    }
    FollowUpRepository repo(m_db);
    Status s;
    switch (m_kind) {
    case Kind::Create:
        if (m_before.id == 0) {
            s = repo.create(m_before);
            if (!s)
                m_before.id = 0;
        } else {
            s = repo.restore(m_before.id);
        }
        break;
    case Kind::Complete:
        s = repo.complete(m_before.id);
        break;
    case Kind::Snooze:
        s = repo.snooze(m_before.id, m_until);
        break;
    case Kind::Reassign:
        s = repo.reassign(m_before.id, m_assigneeId);
        break;
    }
    m_lastError = s ? QString() : s.error().message;
    ChangeNotifier::instance()->notifyFollowUps();
}

void FollowUpCommand::undo()
{
    FollowUpRepository repo(m_db);
    Status s;
    switch (m_kind) {
    case Kind::Create:
        s = repo.moveToTrash(m_before.id);
        break;
    case Kind::Complete:
        s = repo.reopen(m_before.id);
        break;
    case Kind::Snooze:
        s = repo.snooze(m_before.id, m_before.dueAt);
        break;
    case Kind::Reassign:
        s = repo.reassign(m_before.id, m_before.assigneeId);
        break;
    }
    m_lastError = s ? QString() : s.error().message;
    ChangeNotifier::instance()->notifyFollowUps();
}
