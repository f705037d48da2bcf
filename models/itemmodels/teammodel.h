#pragma once

#include "storage/userrepository.h"

#include <QAbstractTableModel>

// Settings → Team: one row per person (name, sign-in, role, active or since when deactivated). setUsers()
// with the same people in the same order changes the cells in place (the selection stays after a role
// change or a deactivation); another list resets.
class TeamModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeamModel)

public:
    enum Column { NameColumn, LoginColumn, RoleColumn, StateColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        LoginRole = Qt::UserRole, // QString
        TeamRoleRole, // int: TeamRole
        ActiveRole, // bool
    };
    Q_ENUM(Role)

    explicit TeamModel(QObject *parent = nullptr);
    ~TeamModel() override;

    void setUsers(const QList<User> &users);
    const QList<User> &users() const { return m_users; }
    int rowOf(const QString &login) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<User> m_users;
};
