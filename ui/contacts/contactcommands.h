#pragma once

#include "core/result.h"
#include "domain/contact.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <functional>

class Database;

// QUndoCommands for contacts, pushed on the workspace's undo stack (ContactsView::undoStack()).
//
// Each command has already been done once when it is pushed (the editor saved and checked the result), so
// the first redo() does nothing; later undo()/redo() write through ContactRepository with version checks:
// if someone else changed the contact in between, the command fails with a conflict instead of
// overwriting, reports it and becomes obsolete (QUndoStack drops it). After each undo/redo `notify` runs
// with the contact to show, so the list can refresh and select it.
struct ContactCommandHooks
{
    // The contacts changed; `current` is the one to select (0: none), `error` is empty on success.
    std::function<void(qint64 current, const QString &error)> notify;
};

// One saved edit of a contact: `before` and `after` are the full profiles; `after.version` is the version
// the save produced.
class EditContactCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(EditContactCommand)

public:
    EditContactCommand(Database &db, Contact before, Contact after, ContactCommandHooks hooks);
    void undo() override;
    void redo() override;
    int id() const override { return 1001; }

private:
    void write(const Contact &values);

    Database &m_db;
    Contact m_before;
    Contact m_after;
    int m_version = 0; // the version of the row as this command last left it
    ContactCommandHooks m_hooks;
    bool m_firstRedo = true;
};

// A contact that was created: undo moves it to the trash, redo restores it.
class CreateContactCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(CreateContactCommand)

public:
    CreateContactCommand(Database &db, qint64 id, const QString &name, ContactCommandHooks hooks);
    void undo() override;
    void redo() override;

private:
    Database &m_db;
    qint64 m_id = 0;
    ContactCommandHooks m_hooks;
    bool m_firstRedo = true;
};

// Contacts moved to the trash (one or many) and undo restores them all; or, as Restore, the other way round.
class TrashContactsCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(TrashContactsCommand)

public:
    enum class Mode { Trash, Restore };
    // Does it at once, all or nothing; check status() before pushing.
    TrashContactsCommand(Database &db, QList<qint64> ids, const QString &description, ContactCommandHooks hooks,
        Mode mode = Mode::Trash);
    const Status &status() const { return m_status; }
    void undo() override;
    void redo() override;

private:
    Status setTrash(bool trash);

    Database &m_db;
    QList<qint64> m_ids;
    Mode m_mode = Mode::Trash;
    ContactCommandHooks m_hooks;
    Status m_status;
    bool m_firstRedo = true;
};
