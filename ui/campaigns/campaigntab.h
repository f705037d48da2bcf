#pragma once

#include <QWidget>

class Database;
class QUndoStack;

// One tab of a campaign's workspace (Brief, Content, Media list, Pipeline, Coverage, Who to pitch). The
// workspace owns the tabs and tells each which campaign is open; a tab loads its data when it is shown
// (the first time, and again after ChangeNotifier::campaignsChanged names its campaign), writes through
// the undo stack, and reports with the signals below. Tabs never include each other.
class CampaignTab : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignTab)

public:
    CampaignTab(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr)
        : QWidget(parent), m_db(db), m_undoStack(undoStack)
    {
    }

    // The tab's label in the workspace (translated).
    virtual QString title() const = 0;
    // The campaign to show; 0 closes it. Called before the tab is shown and whenever another campaign opens.
    virtual void setCampaign(qint64 campaignId) = 0;
    // Whether the tab holds edits that are not saved yet (the workspace asks before it switches campaigns).
    virtual bool hasUnsavedChanges() const { return false; }
    // The workspace's "Save" answer when it asks about those edits: saves them, false if they could not be
    // saved (the tab said why). "Discard" calls discardChanges(): forget the edits, show the stored state.
    virtual bool saveChanges() { return true; }
    virtual void discardChanges() {}

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void campaignActivated(qint64 campaignId);
    void errorOccurred(const QString &message);
    void statusMessage(const QString &message);

protected:
    Database &db() const { return m_db; }
    QUndoStack *undoStack() const { return m_undoStack; }

private:
    Database &m_db;
    QUndoStack *m_undoStack;
};
