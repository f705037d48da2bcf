#pragma once

#include "storage/coolingoffquery.h"

#include <QWidget>

class Database;
class QAction;
class QLabel;
class QTreeWidget;
class QUndoStack;

// Cooling off (the Activity section's second tab): valuable relationships whose health dropped over the
// last 90 days while they went quiet (CoolingOffQuery::find(), defined in docs/HEALTH.md), biggest
// drop first, each with the reason in words and a one-click "Follow up" that plans a follow-up for
// tomorrow 9:00 assigned to the contact's owner (or you), undoable. Enter opens the contact; Space or
// Ctrl+Enter follows up. Reads the list on a worker thread (about a second on the large dataset) when
// first shown, on F5 and after a conversation changed; a follow-up change re-reads only its column.
class CoolingOffView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoolingOffView)

public:
    enum Column { ContactColumn, HealthColumn, SilentColumn, ReachColumn, OwnerColumn, FollowUpColumn, ColumnCount };

    CoolingOffView(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    QTreeWidget *treeWidget() const { return m_tree; }
    const QList<CoolingContact> &rows() const { return m_rows; }
    QAction *followUpAction() const { return m_followUpAction; }
    bool isLoading() const { return m_loading; }
    // The reason a row is listed, in words ("Health 68 → 41 in 90 days; silent for 47 days").
    static QString reason(const CoolingContact &c, const QDateTime &now);

public Q_SLOTS:
    void refresh();
    // Plans a follow-up with the contact in this row (tomorrow 9:00, the owner); false if it failed.
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
    void fill();

    Database &m_db;
    QUndoStack *m_undoStack = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QAction *m_followUpAction = nullptr;
    QList<CoolingContact> m_rows;
    quint64 m_generation = 0;
    int m_buttonHeight = 0;
    bool m_stale = true;
    bool m_loading = false;
    bool m_followUpsQueued = false;
};
