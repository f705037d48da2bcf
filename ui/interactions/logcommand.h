#pragma once

#include "domain/interaction.h"

#include <QCoreApplication>
#include <QUndoCommand>

class Database;

// The undo step of a quick log: the rows were already created when it is pushed (its first redo does
// nothing); undo moves them to the trash and redo restores them, each time telling ChangeNotifier.
class LogInteractionCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(LogInteractionCommand)

public:
    LogInteractionCommand(Database &db, const QList<Interaction> &rows);

    void undo() override;
    void redo() override;
    QString lastError() const { return m_lastError; }

private:
    void notify();

    Database &m_db;
    QList<qint64> m_ids;
    QList<qint64> m_contactIds;
    QList<qint64> m_followUpIds; // made with the interactions: trashed and restored with them
    bool m_hasFollowUp = false;
    bool m_firstRedo = true;
    QString m_lastError;
};
