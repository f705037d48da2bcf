#pragma once

#include "domain/campaign.h"

#include <QCoreApplication>
#include <QUndoCommand>

class Database;

// Undo steps of the Content tab. Each is pushed after its change was written (the first redo() does
// nothing); undo and redo write through ContentRepository with the row version they last wrote, so a
// change made elsewhere meanwhile is reported (ChangeNotifier::changeFailed) instead of overwritten. Every
// write publishes ChangeNotifier::notifyCampaigns for the item's campaign.

// A save (text, status, a restored version): undo writes the fields from before, redo those after. Each of
// these writes is itself a save, so the item's history keeps every state.
class EditContentCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(EditContentCommand)

public:
    // `before` as loaded, `after` as saved (with its new version). `text` names the step in Edit → Undo.
    EditContentCommand(Database &db, const ContentItem &before, const ContentItem &after, const QString &text);
    void undo() override;
    void redo() override;

private:
    void write(const ContentItem &values, const ContentItem &expected);

    Database &m_db;
    ContentItem m_before;
    ContentItem m_after;
    int m_version = 0;
    bool m_firstRedo = true;
};

// A new item (undo moves it to the trash) or one moved to the trash (undo restores it).
class TrashContentCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(TrashContentCommand)

public:
    enum class Kind { Create, Trash };
    TrashContentCommand(Database &db, Kind kind, const ContentItem &item);
    void undo() override;
    void redo() override;

private:
    void setTrashed(bool trash);

    Database &m_db;
    Kind m_kind;
    qint64 m_id = 0;
    qint64 m_campaignId = 0;
    bool m_firstRedo = true;
};
