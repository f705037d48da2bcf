#pragma once

#include "campaigns/campaigntab.h"

#include <QHash>

class MediaListModel;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

// The Media list tab of a campaign's workspace: the people the campaign targets (its pitches), each with
// outlet, beats, health, last contacted, pitch status and plain warnings (do not contact, no recorded consent,
// pitched by anyone in the last 14 days). People are added by typing a name (completion with title and
// outlet, as in the quick log) or from a saved view, and removed with Delete; each is one undoable command.
// A do-not-contact person is never added: the notice above the list says who and why.
class MediaListTab final : public CampaignTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaListTab)

public:
    MediaListTab(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~MediaListTab() override;

    QString title() const override;
    void setCampaign(qint64 campaignId) override;

    MediaListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // Adds these people (one undoable step); the refusals are shown in the notice.
    void addContacts(const QList<qint64> &contactIds);
    // Adds everybody the saved view lists.
    void addSavedView(qint64 viewId);
    // Removes the selected people (one undoable step).
    void removeSelected();
    void reload();
    QString notice() const;

    static constexpr int kMaxFromView = 5000;

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCompletions(const QString &text);
    void addTyped();
    void loadSavedViews();
    void showNotice(const QString &text);

    qint64 m_campaignId = 0;
    QString m_campaignName;
    bool m_stale = false;
    MediaListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_nameEdit;
    QStandardItemModel *m_completions;
    QCompleter *m_completer;
    QComboBox *m_viewCombo;
    QPushButton *m_addViewButton;
    QPushButton *m_removeButton;
    QLabel *m_countLabel;
    QLabel *m_noticeLabel;
    QTableView *m_table;
};
