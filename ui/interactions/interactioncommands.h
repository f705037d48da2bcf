#pragma once

#include "core/result.h"
#include "domain/interaction.h"

#include <QCoreApplication>
#include <QUndoCommand>

class Database;

// Undo steps for a logged interaction edited or deleted from a timeline. Both are pushed after the change
// was written (their first redo() does nothing); undo and redo write through InteractionRepository with
// the row version they last wrote, so a change someone else made meanwhile is reported as a conflict
// (ChangeNotifier::changeFailed) instead of being overwritten. Each write tells ChangeNotifier.
class EditInteractionCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(EditInteractionCommand)

public:
    // `before` as loaded, `after` as saved (with the version update() returned).
    EditInteractionCommand(Database &db, const Interaction &before, const Interaction &after);

    void undo() override;
    void redo() override;
    QString lastError() const { return m_lastError; }

private:
    void write(const Interaction &values);

    Database &m_db;
    Interaction m_before;
    Interaction m_after;
    int m_version = 0; // the row's version as this command last wrote it
    bool m_firstRedo = true;
    QString m_lastError;
};

class TrashInteractionCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(TrashInteractionCommand)

public:
    TrashInteractionCommand(Database &db, const Interaction &interaction);

    // Moves it to the trash; false (with lastError()) if that failed: then delete the command, do not push.
    bool apply();
    void undo() override;
    void redo() override;
    QString lastError() const { return m_lastError; }

private:
    void finish(const Status &status);

    Database &m_db;
    qint64 m_id = 0;
    qint64 m_contactId = 0;
    bool m_applied = false;
    QString m_lastError;
};
