#pragma once

#include "domain/interaction.h"
#include "itemmodels/rowdiff.h"

#include <QAbstractItemModel>
#include <QDateTime>

#include <array>
#include <optional>

class Database;

// Open follow-ups for the Follow-ups section and the profile.
//
// Grouped (the section): four top-level rows Overdue / Today / This week / Later (by Clock::now()), always
// present, each with its follow-ups as children, earliest due first; the group's label carries the exact
// count of the bucket ("Overdue (9,907)") even when only the first `limit` rows are listed. A view hides
// empty groups (GroupCountRole). Flat (the profile): one contact's open follow-ups as top-level rows.
//
// refresh() reads the database again and applies the difference row by row (removeRows, moves,
// beginInsertRows, dataChanged), so selection and scroll position survive a completed or snoozed row.
class FollowUpModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FollowUpModel)

public:
    enum Column { DueColumn, ContactColumn, NoteColumn, AssigneeColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        IdRole = Qt::UserRole, // qint64; 0 on a group row
        ContactIdRole, // qint64
        AssigneeIdRole, // qint64
        DueRole, // QDateTime (UTC): the raw value to sort on
        BucketRole, // int (FollowUp::Bucket), on group and follow-up rows
        OverdueRole, // bool
        IsGroupRole, // bool
        GroupCountRole, // int, on group rows: the bucket's exact count
    };
    Q_ENUM(Role)
    enum class Mode { Grouped, Flat };

    explicit FollowUpModel(Database &db, Mode mode = Mode::Grouped, QObject *parent = nullptr);
    ~FollowUpModel() override;

    Mode mode() const { return m_mode; }
    // Grouped: only this user's follow-ups (0 = everybody's). Takes effect on the next refresh().
    void setAssigneeId(qint64 assigneeId) { m_assigneeId = assigneeId; }
    qint64 assigneeId() const { return m_assigneeId; }
    // Flat: this contact's follow-ups (0 = none). Takes effect on the next refresh().
    void setContactId(qint64 contactId) { m_contactId = contactId; }
    qint64 contactId() const { return m_contactId; }
    // At most this many rows per group (grouped) or in all (flat).
    void setLimit(int limit) { m_limit = limit; }

    // The bucket's exact count (grouped), after the last refresh.
    int count(FollowUp::Bucket bucket) const { return m_groups[int(bucket)].count; }
    QList<qint64> idsIn(FollowUp::Bucket bucket) const;
    // Flat mode: the ids in order.
    QList<qint64> ids() const { return idsIn(FollowUp::Bucket::Overdue); }
    std::optional<FollowUp> followUp(const QModelIndex &index) const;
    QModelIndex indexOf(qint64 id, int column = 0) const;
    QModelIndex groupIndex(FollowUp::Bucket bucket) const;
    // "Today 15:00", "Yesterday 09:00", "Wed 30 Sep, 10:00": the due time relative to `now`.
    static QString dueText(const QDateTime &due, const QDateTime &now);

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

public Q_SLOTS:
    // Reads again and applies the difference; emits errorOccurred and keeps the rows on failure.
    bool refresh();

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    struct Group
    {
        QList<FollowUp> rows;
        int count = 0;
    };
    // Internal ids: 0 for a group row, group + 1 for a follow-up row.
    QModelIndex parentOfGroup(int group) const;
    void apply(int group, const QList<FollowUp> &rows, int count);
    static qint64 keyOf(const FollowUp &f);
    RowDiff::Hooks<FollowUp> hooks(int group);
    QString groupLabel(int group) const;

    Database &m_db;
    Mode m_mode;
    qint64 m_assigneeId = 0;
    qint64 m_contactId = 0;
    int m_limit = 200;
    QDateTime m_now; // of the last refresh: the due texts are relative to it
    std::array<Group, 4> m_groups;
};
