#include "teammodel.h"

#include "itemmodels/columnheaders.h"

#include <QLocale>

namespace {

const char *const kTitles[] = {
    QT_TRANSLATE_NOOP("TeamModel", "Name"),
    QT_TRANSLATE_NOOP("TeamModel", "Signs in as"),
    QT_TRANSLATE_NOOP("TeamModel", "Role"),
    QT_TRANSLATE_NOOP("TeamModel", "State"),
};

} // namespace

TeamModel::TeamModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

TeamModel::~TeamModel() = default;

void TeamModel::setUsers(const QList<User> &users)
{
    bool same = users.size() == m_users.size();
    for (qsizetype i = 0; same && i < users.size(); ++i)
        same = users.at(i).login == m_users.at(i).login;
    if (!same) {
        beginResetModel();
        m_users = users;
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < users.size(); ++i) {
        const User &was = m_users.at(i);
        const User &now = users.at(i);
        const bool changed = was.name != now.name || was.access != now.access || was.deactivatedAt != now.deactivatedAt
            || was.canSignIn != now.canSignIn;
        m_users[i] = now;
        if (changed)
            Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
    }
}

int TeamModel::rowOf(const QString &login) const
{
    for (qsizetype i = 0; i < m_users.size(); ++i)
        if (m_users.at(i).login == login)
            return int(i);
    return -1;
}

int TeamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int TeamModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TeamModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const User &u = m_users.at(index.row());
    switch (role) {
    case LoginRole:
        return u.login;
    case TeamRoleRole:
        return static_cast<int>(u.access);
    case ActiveRole:
        return u.active();
    case Qt::ToolTipRole:
        return index.column() == RoleColumn ? TeamRoles::summary(u.access) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return u.name.isEmpty() ? u.login : u.name;
        case LoginColumn:
            return u.login;
        case RoleColumn:
            return TeamRoles::label(u.access);
        case StateColumn:
            if (!u.active())
                return tr("Deactivated on %1")
                    .arg(QLocale().toString(u.deactivatedAt.toLocalTime().date(), QLocale::ShortFormat));
            return u.canSignIn ? tr("Active") : tr("No sign-in yet: invite them");
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant TeamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return ColumnHeaders::data("TeamModel", kTitles, section, orientation, role);
}
