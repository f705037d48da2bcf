#include "organizationpeoplemodel.h"

OrganizationPeopleModel::OrganizationPeopleModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{
}

OrganizationPeopleModel::~OrganizationPeopleModel() = default;

void OrganizationPeopleModel::setOrganization(qint64 organizationId)
{
    m_organizationId = organizationId;
    refresh();
}

void OrganizationPeopleModel::refresh()
{
    beginResetModel();
    m_people.clear();
    if (m_organizationId > 0) {
        OrganizationRepository repo(m_db);
        Result<QList<OrganizationRepository::Person>> people = repo.people(m_organizationId);
        if (people)
            m_people = std::move(people).value();
        else
            Q_EMIT errorOccurred(people.error().message);
    }
    endResetModel();
}

int OrganizationPeopleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_people.size());
}

int OrganizationPeopleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrganizationPeopleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrganizationRepository::Person &person = m_people.at(index.row());
    if (role == IdRole)
        return person.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return person.name;
    case TitleColumn:
        return person.title;
    case RoleColumn:
        return person.role;
    default:
        return {};
    }
}

QVariant OrganizationPeopleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TitleColumn:
        return tr("Title", "job title");
    case RoleColumn:
        return tr("Role", "role at the organization");
    default:
        return {};
    }
}
