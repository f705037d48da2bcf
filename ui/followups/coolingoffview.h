#pragma once

#include "storage/coolingoffquery.h"

#include <QWidget>

class CoolingOffModel;
class Database;
class QAction;
class QComboBox;
class QLabel;
class QModelIndex;
class QProgressBar;
class QSortFilterProxyModel;
class QTreeView;
class QUndoStack;

// Cooling off (the Activity section's second tab): valuable relationships whose health dropped over the
// last 90 days while they went quiet (CoolingOffQuery::find(), defined in docs/HEALTH.md), biggest
// drop first, each with the reason in words and a one-click "Follow up" that plans a follow-up for
// tomorrow 9:00 assigned to the contact's owner (or you), undoable. Enter opens the contact; Space or
// Ctrl+Enter follows up. A CoolingOffModel behind a proxy that filters by account manager ("Who:", as on
// the Latest tab) and sorts by a clicked column; the count of rows shown is above the list. Reads the list
// on a worker thread (a busy bar shows meanwhile) when first shown, on F5 and after a conversation
// changed; a follow-up change re-reads only its column.
class CoolingOffView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoolingOffView)

public:
    CoolingOffView(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    QTreeView *treeView() const { return m_tree; }
    CoolingOffModel *model() const { return m_model; }
    // All rows read (before the account-manager filter).
    const QList<CoolingContact> &rows() const;
    QAction *followUpAction() const { return m_followUpAction; }
    bool isLoading() const { return m_loading; }
    // 0: everybody's; otherwise one account manager's contacts.
    void setOwnerFilter(qint64 userId);
    qint64 ownerFilter() const;
    // Rows shown after the filter.
    int shownCount() const;
    // The reason a row is listed, in words ("Health 68 → 41 in 90 days; silent for 47 days").
    static QString reason(const CoolingContact &c, const QDateTime &now);

public Q_SLOTS:
    void refresh();
    // Plans a follow-up with the contact in this row of the model (tomorrow 9:00, the owner); false if it failed.
    bool followUp(int row);
    void followUpCurrent();

Q_SIGNALS:
    void contactActivated(qint64 contactId);
    void errorOccurred(const QString &message);
    // A refresh finished (the rows are shown, or the error).
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fill(const QList<CoolingContact> &rows);
    void fillOwners();
    void updateCount();
    void setLoading(bool loading);

    Database &m_db;
    QUndoStack *m_undoStack = nullptr;
    CoolingOffModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_tree = nullptr;
    QComboBox *m_ownerFilter = nullptr;
    QLabel *m_countLabel = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QAction *m_followUpAction = nullptr;
    quint64 m_generation = 0;
    bool m_stale = true;
    bool m_loading = false;
    bool m_followUpsQueued = false;
};
