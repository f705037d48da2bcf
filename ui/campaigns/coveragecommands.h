#pragma once

#include "domain/campaign.h"

#include <QCoreApplication>
#include <QUndoCommand>

class Database;

// Undo steps of the Coverage tab, pushed after their change was written (the first redo() does nothing).
// Undo and redo write through CoverageRepository; linking a pitch moved it to covered, so undoing the link
// moves it back to the status it had (`pitchStatusBefore`, empty when it did not move). Every write
// publishes ChangeNotifier::notifyCampaigns, and a failure ChangeNotifier::notifyChangeFailed.

// New coverage, typed or accepted from a proposal: undo moves it to the trash, redo restores it.
class AddCoverageCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(AddCoverageCommand)

public:
    AddCoverageCommand(Database &db, const Coverage &coverage, const QString &pitchStatusBefore, const QString &text);
    void undo() override;
    void redo() override;

private:
    Database &m_db;
    Coverage m_coverage;
    QString m_pitchStatusBefore;
    bool m_firstRedo = true;
};

// An edit: undo writes the fields from before, redo those after (over the version this command left).
class EditCoverageCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(EditCoverageCommand)

public:
    EditCoverageCommand(Database &db, const Coverage &before, const Coverage &after, const QString &pitchStatusBefore);
    void undo() override;
    void redo() override;

private:
    void write(const Coverage &values, const Coverage &expected, bool undoing);

    Database &m_db;
    Coverage m_before;
    Coverage m_after;
    QString m_pitchStatusBefore;
    int m_version = 0;
    bool m_firstRedo = true;
};

// Coverage moved to the trash: undo restores it (refused, with the reason, if the address was recorded again
// meanwhile).
class TrashCoverageCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(TrashCoverageCommand)

public:
    TrashCoverageCommand(Database &db, const Coverage &coverage);
    void undo() override;
    void redo() override;

private:
    void setTrashed(bool trash);

    Database &m_db;
    Coverage m_coverage;
    bool m_firstRedo = true;
};

// A coverage proposal dismissed: undo proposes it again.
class DismissProposalCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(DismissProposalCommand)

public:
    DismissProposalCommand(Database &db, qint64 campaignId, qint64 interactionId, const QString &what);
    void undo() override;
    void redo() override;

private:
    void setDismissed(bool dismissed);

    Database &m_db;
    qint64 m_campaignId;
    qint64 m_interactionId;
    bool m_firstRedo = true;
};
