#pragma once

#include "interchange/importrecord.h"
#include "storage/importrepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <optional>

// The import wizard's duplicates: each incoming record that matches a contact already in Rapport (from
// ImportRepository::findMatches), why, and what to do with it. One action applies to all (setDefaultAction);
// a row's own choice overrides it, and perRecord() hands those to the ImportRequest.
class ImportDuplicatesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDuplicatesModel)

public:
    enum Column { RowColumn, IncomingColumn, ExistingColumn, ReasonColumn, ActionColumn, ColumnCount };
    enum Role {
        ChoicesRole = Qt::UserRole + 1, // QVariantList of {label, key} pairs for the action editor
        ContactIdRole, // the existing contact
    };

    explicit ImportDuplicatesModel(QObject *parent = nullptr);

    // `records` are those the matches' indexes point into.
    void setMatches(const QList<ImportMatch> &matches, const QList<ImportRecord> &records);
    int matchCount() const { return int(m_rows.size()); }
    DuplicateAction defaultAction() const { return m_default; }
    // The action for every match; rows' own choices are forgotten.
    void setDefaultAction(DuplicateAction action);
    DuplicateAction actionAt(int row) const;
    // The rows' own choices, by index into the records.
    QHash<int, DuplicateAction> perRecord() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        ImportMatch match;
        int fileRow = 0;
        QString incoming;
        std::optional<DuplicateAction> action;
    };
    QList<Row> m_rows;
    DuplicateAction m_default = DuplicateAction::Skip;
};
