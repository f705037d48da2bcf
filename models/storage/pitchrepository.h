#pragma once

#include "core/result.h"
#include "domain/campaign.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

class Database;

// A campaign's media list and its pitch pipeline (issue 11). The media list IS the campaign's set of live
// pitches: adding a person creates a `planned` pitch, removing one moves it to the trash (adding the person
// again brings the same pitch back, with its history).
//
// Moves: move(pitchId, toStatus, expectedVersion) is one transaction: the pitch row (conflict-checked on its
// version, so two windows or two users moving the same pitch never overwrite each other), a pitch_moves row
// (who, when), the pitched_at / replied_at stamps, and the outbound `pitch` interaction in the person's
// timeline. The rule that keeps undo exact: a pitch has its logged pitch interaction exactly while pitched_at
// is set. The first move past `planned` stamps pitched_at and logs the interaction (campaign_id and
// interactions.pitch_id set; the content item is the pitch's own); a move back to `planned` clears the stamps
// and takes that interaction out again (to the trash, so that a redo brings the same row back). Undoing a move is a
// move back with the earlier stamps (MoveStamps), so redo logs the interaction at the same time again.
//
// Reply proposals: a `pitched` pitch whose person has an inbound interaction (logged or synced) after
// pitched_at and after reply_dismissed_at is proposed "replied"; acceptReply() moves it with replied_at =
// that interaction's time, dismissReply() stops proposing interactions up to the latest one.
class PitchRepository final
{
public:
    explicit PitchRepository(Database &db)
        : m_db(db)
    {
    }

    // Why a person was not added to a media list.
    struct Refusal
    {
        enum class Reason { DoNotContact, Trashed, Missing, AlreadyListed };
        qint64 contactId = 0;
        QString name;
        Reason reason = Reason::Missing;
        QString message; // in words, for the user
    };
    struct AddOutcome
    {
        QList<qint64> addedPitchIds; // new or brought back from the trash, in the order asked
        QList<qint64> addedContactIds;
        QList<Refusal> refused;
        // "Added 3; 1 not added: Ben Ode asked not to be contacted (…)." (translated)
        QString summary() const;
    };

    // Adds the people to the campaign's media list in one transaction (a `planned` pitch each). A
    // do-not-contact, trashed or unknown person, or one already on the list, is refused with the reason in
    // words; the others are still added. Fails only when nothing could be written (the campaign is gone, a
    // database error).
    Result<AddOutcome> addToMediaList(qint64 campaignId, const QList<qint64> &contactIds);
    // Takes pitches off their media list (to the trash, one transaction); restoreToMediaList() undoes it.
    Status removeFromMediaList(const QList<qint64> &pitchIds);
    Status restoreToMediaList(const QList<qint64> &pitchIds);

    // One row of the media list: the person and the plain warnings.
    struct MediaListRow
    {
        qint64 pitchId = 0;
        qint64 contactId = 0;
        QString name;
        QString title;
        QString outlet;
        QStringList beats;
        int health = -1; // -1 not computed
        QDateTime lastContactedAt;
        QString status;
        int version = 0;
        bool doNotContact = false;
        QString doNotContactReason;
        bool consentRecorded = false;
        QDateTime recentlyPitchedAt; // pitched by anyone in the last 14 days for any campaign (another pitch)
        QString recentlyPitchedCampaign;
        // The warnings in words (translated), most serious first; empty when there is none.
        QStringList warnings() const;
    };
    static constexpr int kRecentPitchDays = 14;
    // The campaign's media list ordered by name.
    Result<QList<MediaListRow>> mediaList(qint64 campaignId);

    // One card of the board: the pitch, its person and the stamp of its last move.
    struct BoardRow
    {
        qint64 pitchId = 0;
        qint64 contactId = 0;
        QString name;
        QString outlet;
        QString status;
        int version = 0;
        QDateTime pitchedAt;
        QDateTime repliedAt;
        QDateTime movedAt; // the last move (or the creation)
        QString movedBy; // the user's name, empty if unknown
    };
    // Every live pitch of the campaign ordered by name, then id.
    Result<QList<BoardRow>> board(qint64 campaignId);
    Result<BoardRow> boardRow(qint64 pitchId);
    // The campaign's pitches written at or after `sinceMs` (moved, added, removed, restored: every write sets
    // updated_at), for a cheap refresh of the board: only these are compared and read again.
    struct Change
    {
        qint64 pitchId = 0;
        int version = 0;
        bool live = true; // false: taken off the media list (or its person is in the trash)
    };
    Result<QList<Change>> changedSince(qint64 campaignId, qint64 sinceMs);

    // The stamps a move writes; a move normally computes them, an undo passes the earlier ones back.
    struct MoveStamps
    {
        QDateTime pitchedAt;
        QDateTime repliedAt;
    };
    struct MoveResult
    {
        qint64 pitchId = 0;
        qint64 contactId = 0;
        qint64 campaignId = 0;
        QString fromStatus;
        QString toStatus;
        MoveStamps before; // the stamps before the move (for undo)
        MoveStamps after;
        int version = 0; // the pitch's version after the move
        qint64 loggedInteractionId = 0; // the pitch interaction this move logged, if any
        bool interactionRemoved = false; // this move took the logged interaction out
        QDateTime movedAt;
    };
    // Moves the pitch if it still has expectedVersion; Error::Code::Conflict (with a message saying where it
    // is now) when someone else moved, removed or changed it meanwhile. `stamps` given: written as they are
    // (undo/redo, accepting a reply); otherwise pitched_at / replied_at are stamped the first time a pitch
    // passes `planned` / `pitched`, and cleared by a move back.
    Result<MoveResult> move(
        qint64 pitchId, const QString &toStatus, int expectedVersion, const MoveStamps *stamps = nullptr);
    // Undo and redo: moves the pitch back (or forward again) if it is still in `expectedStatus`, whatever its
    // version (the commands after this one on the undo stack moved it meanwhile and were undone); Conflict when
    // someone else moved it elsewhere or took it off the list.
    Result<MoveResult> moveIfIn(
        qint64 pitchId, const QString &expectedStatus, const QString &toStatus, const MoveStamps &stamps);
    // Every move of a pitch, oldest first (movedBy is the user's id).
    Result<QList<PitchMove>> moves(qint64 pitchId);

    struct ReplyProposal
    {
        qint64 pitchId = 0;
        qint64 contactId = 0;
        QString name;
        int version = 0;
        qint64 interactionId = 0; // the first inbound interaction after the pitch
        QDateTime at;
        QString channel;
        QString subject;
        QString source; // manual or the network it was synced from
        QDateTime latestAt; // the latest such interaction (what dismissing covers)
    };
    // The campaign's reply proposals, by pitch name.
    Result<QList<ReplyProposal>> replyProposals(qint64 campaignId);
    // Accepts a proposal: moves the pitch to `replied` with replied_at = the interaction's time.
    Result<MoveResult> acceptReply(const ReplyProposal &proposal);
    // Stops proposing interactions up to `upTo` (the proposal's latestAt); an invalid time clears the
    // dismissal (undo). Returns the pitch's new version; Conflict as move().
    Result<int> setReplyDismissedAt(qint64 pitchId, const QDateTime &upTo, int expectedVersion);
    // Undo and redo of a dismissal: conflict-checked on the dismissal itself (still `expected`), not the version.
    Status setReplyDismissedAtIf(qint64 pitchId, const QDateTime &upTo, const QDateTime &expected);
    Result<QDateTime> replyDismissedAt(qint64 pitchId);

private:
    Result<MoveResult> moveChecked(qint64 pitchId, const QString &toStatus, int expectedVersion,
        const QString &expectedStatus, const MoveStamps *stamps);
    Status logPitchInteraction(qint64 pitchId, const QDateTime &at, qint64 &interactionId, bool &restored);
    Status removePitchInteraction(qint64 pitchId, const QDateTime &at, bool &removed);
    Status setTrashed(const QList<qint64> &pitchIds, bool trash);

    Database &m_db;
};
