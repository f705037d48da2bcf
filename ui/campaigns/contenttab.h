#pragma once

#include "campaigntab.h"
#include "domain/campaign.h"

#include <QHash>

class ContentItemModel;
class QAction;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTextEdit;

// The Content tab of a campaign's workspace: the campaign's content items (kind, title, status, updated) and
// an editor for the selected one: title, kind, status, URL, publish date, and the body as rich text
// (headings, lists, links, bold, italic: RichTextEditor) stored as GitHub-flavoured Markdown (docs/ARCHITECTURE.md, "Content
// items"). Save (Ctrl+S) reports a conflict with someone else's save instead of overwriting it; the History
// page shows every earlier saved state rendered, and restores one as a new save. New, trash and every save
// (a status change, a restore) go through the undo stack; every write publishes
// ChangeNotifier::notifyCampaigns.
class ContentTab final : public CampaignTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContentTab)

public:
    ContentTab(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~ContentTab() override;

    QString title() const override;
    void setCampaign(qint64 campaignId) override;
    bool hasUnsavedChanges() const override;
    bool saveChanges() override { return save(); }
    void discardChanges() override { discard(); }

    // Saves the item in the editor; false (with the error next to its field) when it could not be saved.
    bool save();
    // Drops the editor's changes and shows the item as stored.
    void discard();
    // Starts a new item in the editor (saved by save()).
    void newItem();
    void trashSelected();
    qint64 currentItemId() const { return m_item.id; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void reloadList();
    void loadItem(qint64 id);
    void showItem(const ContentItem &item);
    void clearEditor(bool enabled);
    ContentItem itemFromEditor() const;
    void showError(const QString &field, const QString &message);
    void clearErrors();
    void setDirty(bool dirty);
    void onCurrentRowChanged(qint64 id);
    void loadHistory();
    void showVersion(int row);
    void restoreSelectedVersion();
    void onCampaignsChanged(const QList<qint64> &campaignIds);

    ContentItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QWidget *m_editor = nullptr;
    QTabWidget *m_pages = nullptr;
    QLineEdit *m_title = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_url = nullptr;
    QDateEdit *m_publishDate = nullptr;
    QTextEdit *m_body = nullptr;
    QLabel *m_conflict = nullptr;
    QPushButton *m_reload = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_trash = nullptr;
    QHash<QString, QLabel *> m_errors;
    QListWidget *m_versions = nullptr;
    QTextBrowser *m_versionView = nullptr;
    QPushButton *m_restoreVersion = nullptr;
    QList<ContentItemVersion> m_versionList;
    QHash<qint64, QString> m_userNames;

    qint64 m_campaignId = 0;
    bool m_stale = false; // a change came while hidden: reload when shown
    ContentItem m_item; // as loaded or last saved (id 0: a new item, not saved yet)
    bool m_dirty = false;
    bool m_loading = false;
    bool m_asking = false;
};
