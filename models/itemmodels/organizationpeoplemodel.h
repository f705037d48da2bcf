#pragma once

#include "storage/organizationrepository.h"

#include <QAbstractTableModel>

class Database;

// The people who work at one organization, with their title and role there: a short list (loaded whole)
// for the organization's detail panel.
class OrganizationPeopleModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrganizationPeopleModel)

public:
    enum Column { NameColumn, TitleColumn, RoleColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role { IdRole = Qt::UserRole };
    Q_ENUM(Role)

    explicit OrganizationPeopleModel(Database &db, QObject *parent = nullptr);
    ~OrganizationPeopleModel() override;

    // Shows the people of this organization (0: nobody).
    void setOrganization(qint64 organizationId);
    qint64 organizationId() const { return m_organizationId; }
    qint64 contactIdAt(int row) const { return m_people.value(row).id; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    Database &m_db;
    qint64 m_organizationId = 0;
    QList<OrganizationRepository::Person> m_people;
};
