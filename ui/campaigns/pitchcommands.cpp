#include "pitchcommands.h"

#include "domain/pitchstatus.h"
#include "storage/changenotifier.h"

PitchCommand::PitchCommand(Database &db, qint64 campaignId)
    : m_db(db)
    , m_campaignId(campaignId)
{
}

bool PitchCommand::skipFirstRedo()
{
    if (!m_firstRedo)
        return false;
    m_firstRedo = false;
    return true;
}

void PitchCommand::finish(const Status &status, const QList<qint64> &timelineContacts)
{
    ChangeNotifier::instance()->notifyCampaigns({ m_campaignId });
    if (!timelineContacts.isEmpty())
        ChangeNotifier::instance()->notifyInteractions(timelineContacts);
    if (!status) {
        setObsolete(true);
        ChangeNotifier::instance()->notifyChangeFailed(status.error().message);
    }
}

MovePitchCommand::MovePitchCommand(Database &db, const PitchRepository::MoveResult &move, const QString &name)
    : PitchCommand(db, move.campaignId)
    , m_move(move)
{
    setText(tr("Move %1 to “%2”").arg(name, PitchStatus::label(move.toStatus)));
}

void MovePitchCommand::go(const QString &from, const QString &to, const PitchRepository::MoveStamps &stamps)
{
    Result<PitchRepository::MoveResult> r = PitchRepository(db()).moveIfIn(m_move.pitchId, from, to, stamps);
    const bool timeline = r && (r->loggedInteractionId > 0 || r->interactionRemoved);
    finish(r ? Status() : Status(r.error()), timeline ? QList<qint64> { m_move.contactId } : QList<qint64>());
}

void MovePitchCommand::undo()
{
    go(m_move.toStatus, m_move.fromStatus, m_move.before);
}

void MovePitchCommand::redo()
{
    if (skipFirstRedo())
        return;
    go(m_move.fromStatus, m_move.toStatus, m_move.after);
}

DismissReplyCommand::DismissReplyCommand(
    Database &db, qint64 campaignId, qint64 pitchId, const QString &name, QDateTime before, QDateTime after)
    : PitchCommand(db, campaignId)
    , m_pitchId(pitchId)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(tr("Dismiss the reply of %1").arg(name));
}

void DismissReplyCommand::set(const QDateTime &upTo, const QDateTime &expected)
{
    finish(PitchRepository(db()).setReplyDismissedAtIf(m_pitchId, upTo, expected));
}

void DismissReplyCommand::undo()
{
    set(m_before, m_after);
}

void DismissReplyCommand::redo()
{
    if (skipFirstRedo())
        return;
    set(m_after, m_before);
}

AddToMediaListCommand::AddToMediaListCommand(
    Database &db, qint64 campaignId, const QString &campaignName, const PitchRepository::AddOutcome &outcome)
    : PitchCommand(db, campaignId)
    , m_pitchIds(outcome.addedPitchIds)
{
    setText(tr("Add %n person(s) to “%1”", nullptr, int(m_pitchIds.size())).arg(campaignName));
}

void AddToMediaListCommand::undo()
{
    finish(PitchRepository(db()).removeFromMediaList(m_pitchIds));
}

void AddToMediaListCommand::redo()
{
    if (skipFirstRedo())
        return;
    finish(PitchRepository(db()).restoreToMediaList(m_pitchIds));
}

RemoveFromMediaListCommand::RemoveFromMediaListCommand(
    Database &db, qint64 campaignId, QList<qint64> pitchIds, const QString &text)
    : PitchCommand(db, campaignId)
    , m_pitchIds(std::move(pitchIds))
{
    setText(text);
}

void RemoveFromMediaListCommand::undo()
{
    finish(PitchRepository(db()).restoreToMediaList(m_pitchIds));
}

void RemoveFromMediaListCommand::redo()
{
    if (skipFirstRedo())
        return;
    finish(PitchRepository(db()).removeFromMediaList(m_pitchIds));
}
