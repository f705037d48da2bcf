#pragma once

#include <QWidget>

class Database;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

// The Campaigns tab of a person's profile: every campaign they were pitched for, with the pitch's status,
// and under each the coverage they wrote for it. Double-click or Enter on a campaign opens it in the
// Campaigns section (campaignActivated). Reads when shown, and again when a campaign changes.
class ContactCampaignsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactCampaignsPanel)

public:
    explicit ContactCampaignsPanel(Database &db, QWidget *parent = nullptr);

    void setContactId(qint64 id);
    qint64 contactId() const { return m_contactId; }
    QTreeWidget *treeWidget() const { return m_tree; }

Q_SIGNALS:
    void campaignActivated(qint64 campaignId);
    void errorOccurred(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void reload();
    void activate(QTreeWidgetItem *item);

    Database &m_db;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_empty = nullptr;
    qint64 m_contactId = 0;
    qint64 m_shownId = -1; // the contact whose campaigns are on screen
};
