#pragma once

#include "domain/socialaccount.h"

#include <QAbstractTableModel>
#include <QHash>

// The accounts and feeds of File → Accounts (AccountsDialog): network and name, state, last successful sync,
// items fetched, next sync and what went wrong last time. setAccounts() applies a fresh read by difference
// (keyed by id: rows removed, inserted, moved, changed; never a reset); setRunning() shows a sync's progress
// ("Syncing… 40 items") in the State cell alone (one dataChanged per step, not a reload). SortRole gives each
// column's raw value.
class AccountListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountListModel)

public:
    enum Column { AccountColumn, StateColumn, LastSuccessColumn, FetchedColumn, NextColumn, ErrorColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        IdRole = Qt::UserRole, // qint64
        NetworkRole, // int (Network)
        StateRole, // int (SocialAccount::State)
        SortRole, // the column's raw value
    };
    Q_ENUM(Role)

    explicit AccountListModel(QObject *parent = nullptr);
    ~AccountListModel() override;

    void setAccounts(const QList<SocialAccount> &accounts);
    const QList<SocialAccount> &accounts() const { return m_accounts; }
    int rowOf(qint64 id) const;
    // While a sync runs, its state cell says this instead of the stored state; empty text: the stored state.
    void setRunning(qint64 id, const QString &text);
    void clearRunning();
    // "today 14:02", "yesterday 09:15", "tomorrow 08:00", the date and time, or "never".
    static QString timeText(const QDateTime &when);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void stateChanged(qint64 id);

    QList<SocialAccount> m_accounts;
    QHash<qint64, QString> m_running; // account -> "Syncing… N items" while a run is in flight
};
