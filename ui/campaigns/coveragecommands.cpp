#include "coveragecommands.h"

#include "storage/changenotifier.h"
#include "storage/coveragerepository.h"

namespace {

void publish(qint64 campaignId, const Status &s)
{
    ChangeNotifier::instance()->notifyCampaigns({ campaignId });
    if (!s)
        ChangeNotifier::instance()->notifyChangeFailed(s.error().message);
}

bool sameFields(const Coverage &a, const Coverage &b)
{
    return a.title == b.title && a.url == b.url && a.pitchId == b.pitchId && a.contactId == b.contactId
        && a.organizationId == b.organizationId && a.publishedAt == b.publishedAt && a.reach == b.reach
        && a.sentimentKnown == b.sentimentKnown && (!a.sentimentKnown || a.sentiment == b.sentiment);
}

} // namespace

AddCoverageCommand::AddCoverageCommand(
    Database &db, const Coverage &coverage, const QString &pitchStatusBefore, const QString &text)
    : m_db(db)
    , m_coverage(coverage)
    , m_pitchStatusBefore(pitchStatusBefore)
{
    setText(text);
}

void AddCoverageCommand::undo()
{
    CoverageRepository repo(m_db);
    Status s = repo.moveToTrash(m_coverage.id);
    if (s && !m_pitchStatusBefore.isEmpty() && m_coverage.pitchId > 0)
        s = repo.movePitch(m_coverage.pitchId, m_pitchStatusBefore);
    if (!s)
        setObsolete(true);
    publish(m_coverage.campaignId, s);
}

void AddCoverageCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    CoverageRepository repo(m_db);
    Status s = repo.restore(m_coverage.id);
    if (s && !m_pitchStatusBefore.isEmpty() && m_coverage.pitchId > 0)
        s = repo.movePitch(m_coverage.pitchId, QStringLiteral("covered"));
    if (!s)
        setObsolete(true);
    publish(m_coverage.campaignId, s);
}

EditCoverageCommand::EditCoverageCommand(
    Database &db, const Coverage &before, const Coverage &after, const QString &pitchStatusBefore)
    : m_db(db)
    , m_before(before)
    , m_after(after)
    , m_pitchStatusBefore(pitchStatusBefore)
    , m_version(after.version)
{
    setText(tr("Edit coverage “%1”").arg(after.title));
}

void EditCoverageCommand::write(const Coverage &values, const Coverage &expected, bool undoing)
{
    CoverageRepository repo(m_db);
    Coverage row = values;
    Status s;
    if (Result<Coverage> current = repo.get(values.id); !current) {
        s = current.error();
    } else if (current->version != m_version && !sameFields(*current, expected)) {
        s = Error { tr("“%1” was changed by someone else since; it was left as they saved it.").arg(current->title),
            Error::Code::Conflict };
    } else {
        row.version = current->version;
        s = repo.update(row);
    }
    if (s) {
        m_version = row.version;
        // The pitch this edit linked goes back to where it was.
        if (undoing && !m_pitchStatusBefore.isEmpty() && m_after.pitchId > 0)
            s = repo.movePitch(m_after.pitchId, m_pitchStatusBefore);
    }
    if (!s)
        setObsolete(true);
    publish(values.campaignId, s);
}

void EditCoverageCommand::undo()
{
    write(m_before, m_after, true);
}

void EditCoverageCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    write(m_after, m_before, false);
}

TrashCoverageCommand::TrashCoverageCommand(Database &db, const Coverage &coverage)
    : m_db(db)
    , m_coverage(coverage)
{
    setText(tr("Move coverage “%1” to the trash").arg(coverage.title));
}

void TrashCoverageCommand::setTrashed(bool trash)
{
    CoverageRepository repo(m_db);
    const Status s = trash ? repo.moveToTrash(m_coverage.id) : repo.restore(m_coverage.id);
    if (!s)
        setObsolete(true);
    publish(m_coverage.campaignId, s);
}

void TrashCoverageCommand::undo()
{
    setTrashed(false);
}

void TrashCoverageCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    setTrashed(true);
}

DismissProposalCommand::DismissProposalCommand(
    Database &db, qint64 campaignId, qint64 interactionId, const QString &what)
    : m_db(db)
    , m_campaignId(campaignId)
    , m_interactionId(interactionId)
{
    setText(tr("Dismiss the proposed coverage “%1”").arg(what));
}

void DismissProposalCommand::setDismissed(bool dismissed)
{
    CoverageRepository repo(m_db);
    const Status s = dismissed ? repo.dismissProposal(m_campaignId, m_interactionId)
                               : repo.undismissProposal(m_campaignId, m_interactionId);
    if (!s)
        setObsolete(true);
    publish(m_campaignId, s);
}

void DismissProposalCommand::undo()
{
    setDismissed(false);
}

void DismissProposalCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    setDismissed(true);
}
