#pragma once

#include "storage/pitchrepository.h"

#include <QCoreApplication>
#include <QUndoCommand>

class Database;

// The undo commands of the media list and the pipeline. Each is pushed after its change succeeded, so its
// first redo() does nothing; undo() and redo() write through PitchRepository (conflict-checked on the pitch's
// version) and publish on ChangeNotifier (campaignsChanged for the campaign, interactionsChanged for people
// whose timeline gained or lost a pitch interaction). A step that fails says why through
// ChangeNotifier::notifyChangeFailed and leaves the undo stack (setObsolete).
class PitchCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(PitchCommand)

public:
    PitchCommand(Database &db, qint64 campaignId);
    Q_DISABLE_COPY_MOVE(PitchCommand)

protected:
    Database &db() const { return m_db; }
    bool skipFirstRedo();
    // Publishes the change, or the failure.
    void finish(const Status &status, const QList<qint64> &timelineContacts = {});

private:
    Database &m_db;
    qint64 m_campaignId;
    bool m_firstRedo = true;
};

// A pitch moved on the board (or a reply accepted): undo moves it back with its earlier stamps (taking the
// logged pitch interaction out again when it goes back to planned), redo moves it forward with the same stamps.
// Undo and redo are checked on the status (PitchRepository::moveIfIn): the pitch must still be where this
// command left it, whatever moves before it were undone meanwhile.
class MovePitchCommand final : public PitchCommand
{
public:
    MovePitchCommand(Database &db, const PitchRepository::MoveResult &move, const QString &name);
    void undo() override;
    void redo() override;

private:
    void go(const QString &from, const QString &to, const PitchRepository::MoveStamps &stamps);

    PitchRepository::MoveResult m_move;
};

// A reply proposal dismissed: undo proposes it again.
class DismissReplyCommand final : public PitchCommand
{
public:
    DismissReplyCommand(
        Database &db, qint64 campaignId, qint64 pitchId, const QString &name, QDateTime before, QDateTime after);
    void undo() override;
    void redo() override;

private:
    void set(const QDateTime &upTo, const QDateTime &expected);

    qint64 m_pitchId;
    QDateTime m_before;
    QDateTime m_after;
};

// People added to a media list (by name, from a saved view, from the contact list's bulk action): undo takes
// them off again, redo puts the same pitches back.
class AddToMediaListCommand final : public PitchCommand
{
public:
    AddToMediaListCommand(
        Database &db, qint64 campaignId, const QString &campaignName, const PitchRepository::AddOutcome &outcome);
    void undo() override;
    void redo() override;

private:
    QList<qint64> m_pitchIds;
};

// People removed from a media list: undo puts them back.
class RemoveFromMediaListCommand final : public PitchCommand
{
public:
    RemoveFromMediaListCommand(Database &db, qint64 campaignId, QList<qint64> pitchIds, const QString &text);
    void undo() override;
    void redo() override;

private:
    QList<qint64> m_pitchIds;
};
