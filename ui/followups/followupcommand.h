#pragma once

#include "core/result.h"
#include "domain/interaction.h"

#include <QCoreApplication>
#include <QUndoCommand>

class Database;
class QUndoStack;

// One undoable change to a follow-up: create (undo moves it to the trash, redo restores it), complete,
// snooze (to any time) or reassign. It remembers the row as it was and puts it back on undo. Call apply() before
// pushing: if it fails, lastError() says why and the caller deletes the command instead; the push's own first redo()
// then does nothing.
class FollowUpCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(FollowUpCommand)

public:
    enum class Kind { Create, Complete, Snooze, Reassign };

    // `followUp` is not saved yet (id 0); apply() creates it, and followUp() then has its id.
    static FollowUpCommand *create(Database &db, const FollowUp &followUp);
    static FollowUpCommand *complete(Database &db, const FollowUp &before);
    static FollowUpCommand *snooze(Database &db, const FollowUp &before, const QDateTime &until);
    // Snooze by whole days: from now for an overdue follow-up, else from its due time (the Follow-ups section's
    // and the profile's "Snooze 1 Day/Week").
    static FollowUpCommand *snoozeBy(Database &db, const FollowUp &before, int days);
    static FollowUpCommand *reassign(Database &db, const FollowUp &before, qint64 assigneeId, const QString &name);

    // Applies `command` and hands it to `stack` (deleted when there is none); when applying fails, deletes it
    // and returns why. What every view that changes follow-ups does with a new command.
    static Status run(FollowUpCommand *command, QUndoStack *stack);

    bool apply();
    void undo() override;
    void redo() override;
    QString lastError() const { return m_lastError; }
    const FollowUp &followUp() const { return m_before; }

private:
    FollowUpCommand(Database &db, Kind kind, const FollowUp &before);

    Database &m_db;
    Kind m_kind;
    FollowUp m_before;
    QDateTime m_until;
    qint64 m_assigneeId = 0;
    QString m_lastError;
    bool m_applied = false; // apply() ran: skip the push's redo()
};
