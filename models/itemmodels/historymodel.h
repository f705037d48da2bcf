#pragma once

#include "storage/historyquery.h"

#include <QAbstractItemModel>

// The History tab and Activity → Changes (issue 14): a two-level tree, one top row per history entry (when,
// who, what), under it one row per changed field ("Title: Reporter → Editor" in What, and the values alone in
// Before and After). setEntries() with a list that
// only adds newer entries on top inserts them (the rows below and the expansion stay); any other list
// resets. Values are shown as a person reads them: names instead of ids, dates in the user's language,
// "Yes"/"No", "(empty)".
class HistoryModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)

public:
    enum Column { WhenColumn, WhoColumn, WhatColumn, BeforeColumn, AfterColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        EntityRole = Qt::UserRole, // QString: "contact", … (top rows)
        EntityIdRole, // qint64
        UserIdRole, // qint64
        AtRole, // QDateTime (UTC)
        FieldRole, // QString: the column of a field row
    };
    Q_ENUM(Role)

    explicit HistoryModel(QObject *parent = nullptr);
    ~HistoryModel() override;

    void setEntries(const QList<HistoryEntry> &entries);
    const QList<HistoryEntry> &entries() const { return m_entries; }
    // Show which record each entry is about in the What column (Activity → Changes lists every record).
    void setShowSubject(bool show) { m_showSubject = show; }

    // "Edited", "Moved to the trash", … (translated).
    static QString actionLabel(const QString &action);
    // "Title", "Outlet", … (translated); the column name for a field without a label.
    static QString fieldLabel(const QString &field);
    // A stored value as a person reads it.
    static QString valueText(const QString &entity, const QString &field, const QString &value, const QString &name);
    // "Contact #12: Jane Doe", … for the Changes view.
    static QString subjectText(const HistoryEntry &entry);

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant entryData(const HistoryEntry &e, int column, int role) const;
    QVariant changeData(const HistoryEntry &e, const FieldChange &c, int column, int role) const;

    QList<HistoryEntry> m_entries;
    bool m_showSubject = false;
};
