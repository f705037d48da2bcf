#pragma once

#include "interchange/importrecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

// The import wizard's preview: every record of the file as it will be stored, with its problems in words
// (ImportRecord::problems, naming the row and the line). Names, kind, title, organization, emails, phones,
// city and reach can be fixed in place (the record is checked again at once); the first column says whether
// the row is imported: a row with problems is not (until fixed), and any row can be left out by unchecking it.
//
// The records are held here, so the wizard imports what the user fixed: recordsToImport().
class ImportPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportPreviewModel)

public:
    enum Column {
        ImportColumn,
        RowColumn,
        NameColumn,
        ProblemsColumn, // beside the name, so it is seen without scrolling
        KindColumn,
        TitleColumn,
        OrganizationColumn,
        EmailsColumn,
        PhonesColumn,
        HandlesColumn,
        CityColumn,
        ReachColumn,
        ColumnCount
    };
    enum Role {
        HasProblemsRole = Qt::UserRole + 1, // bool, for the "only rows with problems" filter
        ChoicesRole, // QVariantList of {label, value} pairs an editor offers (the kind)
    };

    explicit ImportPreviewModel(QObject *parent = nullptr);

    void setRecords(QList<ImportRecord> records);
    const QList<ImportRecord> &records() const { return m_records; }
    // The records that will be imported: without the rows the user left out (rows with problems stay, so
    // that ImportRepository counts them as left out).
    QList<ImportRecord> recordsToImport() const;
    int problemCount() const; // rows with problems
    int leftOutCount() const { return int(m_leftOut.size()); } // rows without problems the user unchecked

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The number of rows with problems or left out changed.
    void countsChanged();

private:
    bool edit(ImportRecord &record, int column, const QString &text);

    QList<ImportRecord> m_records;
    QSet<int> m_leftOut; // by index into m_records
};
