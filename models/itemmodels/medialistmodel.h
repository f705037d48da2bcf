#pragma once

#include "storage/pitchrepository.h"

#include <QAbstractTableModel>

// A campaign's media list (PitchRepository::mediaList) for the Media list tab: one row per person with
// outlet, beats, health, last contacted, pitch status and the plain warnings. setRows() applies the
// difference by pitch (RowDiff), so adding or removing a person keeps the selection and scroll position.
class MediaListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaListModel)

public:
    // The warnings come right after the name: they are what must be seen before anyone is pitched.
    enum Column {
        NameColumn,
        WarningsColumn,
        OutletColumn,
        BeatsColumn,
        HealthColumn,
        LastContactedColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        PitchIdRole = Qt::UserRole, // qint64
        ContactIdRole, // qint64
        HasWarningRole, // bool
        DoNotContactRole, // bool
        SortRole, // the column's raw value
    };
    Q_ENUM(Role)

    explicit MediaListModel(QObject *parent = nullptr);
    ~MediaListModel() override;

    void setRows(const QList<PitchRepository::MediaListRow> &rows);
    const QList<PitchRepository::MediaListRow> &rows() const { return m_rows; }
    int rowOfContact(qint64 contactId) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PitchRepository::MediaListRow> m_rows;
};
