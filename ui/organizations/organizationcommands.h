#pragma once

#include "domain/contact.h"

#include <QPointer>
#include <QUndoCommand>

class Database;
class OrganizationsView;

// Undoable organization changes for MainWindow's QUndoStack. Each is pushed after its change was saved, so
// the first redo() does nothing; later ones write through OrganizationRepository. If a write fails (the
// organization was changed or deleted elsewhere since), the view is told and the command leaves the stack.

// An edit: undo writes the values from before, redo those after, each only over the version it left.
class EditOrganizationCommand final : public QUndoCommand
{
public:
    EditOrganizationCommand(Database &db, OrganizationsView *view, Organization before, Organization after);
    void undo() override;
    void redo() override;

private:
    void apply(const Organization &expected, Organization values);

    Database &m_db;
    QPointer<OrganizationsView> m_view;
    Organization m_before;
    Organization m_after;
    int m_version = 0; // the version the last write left
    bool m_firstRedo = true;
};

// A new organization (undo moves it to the trash) or a deletion (undo restores it).
class TrashOrganizationCommand final : public QUndoCommand
{
public:
    enum class Kind { Create, Delete };
    TrashOrganizationCommand(Database &db, OrganizationsView *view, Kind kind, qint64 id, const QString &name);
    void undo() override;
    void redo() override;

private:
    void setTrash(bool trash);

    Database &m_db;
    QPointer<OrganizationsView> m_view;
    Kind m_kind;
    qint64 m_id;
    bool m_firstRedo = true;
};
