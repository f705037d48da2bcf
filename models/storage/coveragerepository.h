#pragma once

#include "core/result.h"
#include "domain/campaign.h"

#include <QList>

class Database;

// Coverage: the articles and posts a campaign won (issue 11), and the proposals of coverage found in synced
// posts.
//
// The same article is never recorded twice: validate() computes url_key (Url::coverageKey) and a write whose
// key a live row already has fails with Error::Code::Conflict on field "url", naming that row (the unique
// index coverage_url_key backs this up against two writers at once). Linking coverage to a pitch moves the
// pitch to `covered` in the same transaction (PitchMoves, with its pitch_moves row); `pitchStatusBefore`
// says what it was, so an undo can move it back.
//
// Proposals: a synced item (feed item, Mastodon or Bluesky post; not a direct message) by a person with a
// pitch in the campaign, dated after that pitch went out, whose text matches one of the campaign's topics
// (the full-text index, with the terms of the who-to-pitch suggestions: Topics::terms), that is not
// coverage yet (by interaction or by URL) and was not dismissed for the campaign (coverage_dismissals).
class CoverageRepository final
{
public:
    static constexpr int kMaxTitle = 500;

    struct Row
    {
        Coverage coverage;
        QString outlet; // the organization's name
        QString author; // the contact's name
        QString pitchContact; // the pitch's person ("" without a pitch)
        QString pitchStatus;
    };

    struct Proposal
    {
        qint64 interactionId = 0;
        qint64 contactId = 0;
        QString author;
        qint64 organizationId = 0;
        QString outlet;
        qint64 pitchId = 0;
        QString source; // feed, mastodon, bluesky
        QString channel;
        QString subject;
        QString text; // the body, shortened
        QString url;
        QDateTime occurredAt;
    };

    // A pitch of the campaign as the coverage editor offers it: the person, their outlet, the status.
    struct PitchChoice
    {
        qint64 pitchId = 0;
        qint64 contactId = 0;
        QString name;
        QString status;
        qint64 organizationId = 0;
        QString outlet;
        qint64 reach = -1; // the outlet's
    };

    explicit CoverageRepository(Database &db)
        : m_db(db)
    {
    }

    // Trims, checks the fields and computes urlKey (an address without scheme gets https://); Validation with
    // the field at fault ("title", "url", "reach", "sentiment").
    static Status validate(Coverage &coverage);

    // The campaign's live coverage, newest first.
    Result<QList<Row>> list(qint64 campaignId);
    Result<Coverage> get(qint64 id);
    Status create(Coverage &coverage, QString *pitchStatusBefore = nullptr);
    // Saves if it still has coverage.version; a newly linked pitch moves to covered.
    Status update(Coverage &coverage, QString *pitchStatusBefore = nullptr);
    Status moveToTrash(qint64 id);
    // Refused (Conflict, naming it) when a live row has recorded the same address meanwhile.
    Status restore(qint64 id);
    // Moves a pitch back to `status` (undo of a link), in a transaction of its own.
    Status movePitch(qint64 pitchId, const QString &status);

    Result<QList<Proposal>> proposals(qint64 campaignId, int limit = 20);
    // Records the proposal as coverage (headline from the subject or the text, author and outlet from the
    // person, the pitch it came from); `coverage` receives the row.
    Status acceptProposal(
        qint64 campaignId, qint64 interactionId, Coverage &coverage, QString *pitchStatusBefore = nullptr);
    Status dismissProposal(qint64 campaignId, qint64 interactionId);
    Status undismissProposal(qint64 campaignId, qint64 interactionId);

    // The campaign's live pitches by name, for the editor's Pitch, Author and Outlet choices.
    Result<QList<PitchChoice>> pitchChoices(qint64 campaignId);

    // The live coverage that has this key (0 when none), and a sentence naming it.
    Result<qint64> findByKey(const QString &urlKey, qint64 exceptId = 0);

    // Schema version 8: coverage recorded before version 6 has no url_key. Gives each row with a readable
    // address its key, in id order, inside the caller's transaction (the migration's). Of live rows with the
    // same key the first keeps it and the later ones stay without (they are kept and listed as before, only
    // not protected against a third copy); an address that is not a web address stays without a key.
    // Returns how many rows got a key.
    static Result<int> backfillUrlKeys(Database &db);

private:
    Error duplicateError(qint64 existingId);
    Status linkPitch(const Coverage &coverage, qint64 previousPitchId, QString *pitchStatusBefore);

    Database &m_db;
};
