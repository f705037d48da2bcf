#pragma once

#include "core/result.h"
#include "storage/bulkcontactrepository.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QUndoCommand>
#include <QVariant>

#include <functional>

class ContactsView;
class Database;

// Selecting contacts of the list by id, across a refresh of the list.
namespace ContactSelection {
// The ids of the selected rows of the contact table, in row order.
QList<qint64> selectedIds(ContactsView *view);
// Reloads the list and selects these contacts where they are now. The rows they were selected at are looked at
// first (the usual case: a tag or an owner does not move a row in a name order); the others are looked up by id
// when they are few, or by scanning the list when it is short. While a filtered list is still loading in the
// background, rows not loaded yet are not selected.
void refreshAndSelect(ContactsView *view, const QList<qint64> &ids);
} // namespace ContactSelection

// The undo commands of the bulk actions (BulkActions). Each is pushed after the change succeeded, so its first
// redo() does nothing; undo() puts back exactly the previous state of each contact that changed, as the
// repository reported it, and redo() applies the change to the same contacts again. A step that fails (e.g.
// the database went away) says so in a message box and leaves the undo stack (setObsolete).
class BulkCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(BulkCommand)

public:
    BulkCommand(ContactsView *view, QList<qint64> selection, const QString &text);
    Q_DISABLE_COPY_MOVE(BulkCommand)

protected:
    // False when the view (and with it the database) is gone.
    bool ready() const { return !m_view.isNull(); }
    BulkContactRepository repository() const;
    // Runs a step of the command on a worker connection when it touches many contacts (BackgroundJob).
    Status inBackground(int items, const std::function<Status(BulkContactRepository &)> &step);
    bool skipFirstRedo();
    void finish(const Status &status);

private:
    QPointer<ContactsView> m_view;
    QList<qint64> m_selection;
    bool m_firstRedo = true;
};

class BulkTagCommand final : public BulkCommand
{
public:
    BulkTagCommand(ContactsView *view, QList<qint64> selection, QString name, QString kind, bool added,
        QList<qint64> changed, const QString &text);
    void undo() override;
    void redo() override;

private:
    void apply(bool present);

    QString m_name;
    QString m_kind;
    bool m_added;
    QList<qint64> m_changed;
};

class BulkFieldCommand final : public BulkCommand
{
public:
    BulkFieldCommand(ContactsView *view, QList<qint64> selection, BulkContactRepository::Field field, QVariant value,
        QHash<qint64, QVariant> previous, const QString &text);
    void undo() override;
    void redo() override;

private:
    BulkContactRepository::Field m_field;
    QVariant m_value;
    QHash<qint64, QVariant> m_previous;
};

class BulkTrashCommand final : public BulkCommand
{
public:
    BulkTrashCommand(ContactsView *view, QList<qint64> selection, QList<qint64> trashed, const QString &text);
    void undo() override;
    void redo() override;

private:
    QList<qint64> m_trashed;
};
