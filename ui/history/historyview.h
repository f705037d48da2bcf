#pragma once

#include <QWidget>

class Database;
class HistoryModel;
class QComboBox;
class QLabel;
class QTreeView;

// The History tab of a contact, organization, campaign or conversation, and Activity → Changes (the whole
// team, for managers): who changed what and when, each field old → new (HistoryQuery over the audit log,
// schema version 11), filtered by person and period. Reads when shown and when the subject or a filter
// changes; F5 reads again. Enter or a double-click on an entry of another record (Changes) opens it.
class HistoryView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryView)

public:
    explicit HistoryView(Database &db, QWidget *parent = nullptr);
    ~HistoryView() override;

    // The record whose history to show ("contact", id); an empty entity shows everybody's changes.
    void setSubject(const QString &entity, qint64 id);
    void reload();

    HistoryModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void campaignActivated(qint64 campaignId);
    void errorOccurred(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillPeople();
    void activate(const QModelIndex &index);

    Database &m_db;
    QString m_entity;
    qint64 m_id = 0;
    bool m_stale = true;
    HistoryModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QComboBox *m_person = nullptr;
    QComboBox *m_period = nullptr;
    QLabel *m_empty = nullptr;
};
