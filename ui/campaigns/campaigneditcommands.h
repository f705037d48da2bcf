#pragma once

#include "domain/campaign.h"

#include <QUndoCommand>

class Database;

// Undoable campaign changes for MainWindow's QUndoStack. Each is pushed after its change was written, so
// the first redo() does nothing; later ones write through CampaignRepository. Every write is published with
// ChangeNotifier::notifyCampaigns; a write that fails (changed or deleted elsewhere since) is reported with
// ChangeNotifier::notifyChangeFailed and the command leaves the stack.

// A saved brief: undo writes the brief from before, redo the one after, each only over the version this
// command left (someone else's save since is never overwritten).
class EditCampaignCommand final : public QUndoCommand
{
public:
    EditCampaignCommand(Database &db, Campaign before, Campaign after);
    void undo() override;
    void redo() override;

private:
    void apply(const Campaign &expected, Campaign values);

    Database &m_db;
    Campaign m_before;
    Campaign m_after;
    int m_version = 0; // the version the last write left
    bool m_firstRedo = true;
};

// A new campaign (undo moves it to the trash), a campaign moved to the trash (undo restores it) or one
// restored from the trash (undo moves it back).
class TrashCampaignCommand final : public QUndoCommand
{
public:
    enum class Kind { Create, Delete, Restore };
    TrashCampaignCommand(Database &db, Kind kind, qint64 id, const QString &name);
    void undo() override;
    void redo() override;

private:
    void setTrash(bool trash);

    Database &m_db;
    Kind m_kind;
    qint64 m_id;
    bool m_firstRedo = true;
};
