#pragma once

#include <QObject>

class QUndoCommand;
class QUndoStack;

// Says what Undo and Redo just did ("Undid: Move 5 contacts to the trash"), however they were triggered
// (menu, Ctrl+Z, a view's own shortcut, code). It watches the stack's index: one step back with the same
// commands is an undo; one step on onto the command that was next to redo is a redo; anything else (a new
// command pushed, a jump with setIndex()) says nothing.
class UndoStatus final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UndoStatus)

public:
    explicit UndoStatus(QUndoStack *stack, QObject *parent = nullptr);

Q_SIGNALS:
    void message(const QString &text);

private:
    void remember();
    void indexChanged(int index);

    QUndoStack *m_stack;
    int m_index = 0;
    int m_count = 0;
    // The command a redo would run next: a pushed command is a new object, so it is never this one.
    const QUndoCommand *m_redoNext = nullptr;
};
