#pragma once

#include "campaigntab.h"
#include "domain/campaign.h"
#include "domain/recordmerge.h"

#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStringListModel;
class TagsEdit;

// The Brief tab of a campaign's workspace: client (an organization, completed as you type), name,
// description, goals, key messages, topics (the keywords who-to-pitch and coverage proposals match), start
// and end dates, status, owner and team. Save (Ctrl+S) writes it through the undo stack
// (EditCampaignCommand) and publishes ChangeNotifier::notifyCampaigns. A save over someone else's newer
// save is refused with a notice offering to reload; a field that is wrong (an end before the start, an
// unknown client) says so next to itself and nothing typed is lost.
class BriefTab final : public CampaignTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BriefTab)

public:
    BriefTab(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~BriefTab() override;

    QString title() const override;
    void setCampaign(qint64 campaignId) override;
    bool hasUnsavedChanges() const override { return m_dirty; }
    bool saveChanges() override { return save(); }
    void discardChanges() override { revert(); }

    qint64 campaignId() const { return m_campaign.id; }
    // The brief as the fields show it now.
    Campaign edited() const;

public Q_SLOTS:
    bool save();
    void revert();

private:
    void build();
    void load(qint64 id);
    void show(const Campaign &campaign);
    void fillUsers();
    void setDirty(bool dirty);
    void showFieldError(const QString &field, const QString &message);
    void clearFieldErrors();
    void lookUpClient(const QString &text);
    void updateDateError();
    void finishSave(const Campaign &before, const Campaign &after, const QString &said, bool showSaved);
    RecordMerge::Names names() const;
    // Saved merged (true), the conflict dialog asks (false), or not possible (nullopt: say the conflict).
    std::optional<bool> mergeConcurrentEdit(const Campaign &original, const Campaign &mine);

    Campaign m_campaign; // as stored when loaded or last saved
    QString m_clientName; // the stored client's name
    bool m_dirty = false;
    bool m_loading = false;
    QLabel *m_conflict = nullptr;
    QPushButton *m_reloadButton = nullptr;
    QLineEdit *m_client = nullptr;
    QStringListModel *m_clientNames = nullptr;
    QLabel *m_clientError = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QPlainTextEdit *m_goals = nullptr;
    QPlainTextEdit *m_keyMessages = nullptr;
    TagsEdit *m_topics = nullptr;
    QDateEdit *m_starts = nullptr;
    QDateEdit *m_ends = nullptr;
    QLabel *m_dateError = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_owner = nullptr;
    QListWidget *m_team = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
};
