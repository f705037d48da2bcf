#pragma once

#include "storage/duplicaterepository.h"

#include <QCoreApplication>
#include <QPointer>
#include <QUndoCommand>

class ContactsView;

// Undoes and redoes a merge of two contacts (DuplicateRepository::merge). Pushed after the merge succeeded, so
// its first redo() does nothing. undo() moves back exactly the rows the merge moved (their ids are in the
// MergeRecord), restores the kept contact's fields and brings the other back from the trash; redo() merges
// again. A step that fails (e.g. someone changed one of the two since) is reported and leaves the stack.
class MergeContactsCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(MergeContactsCommand)

public:
    MergeContactsCommand(ContactsView *view, MergeRecord record, const QString &keptName, const QString &otherName);
    Q_DISABLE_COPY_MOVE(MergeContactsCommand)

    void undo() override;
    void redo() override;

    const MergeRecord &record() const { return m_record; }

private:
    void finish(const Status &status);

    QPointer<ContactsView> m_view;
    MergeRecord m_record;
    bool m_firstRedo = true;
};
