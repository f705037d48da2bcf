#include "undostatus.h"

#include <QUndoStack>

UndoStatus::UndoStatus(QUndoStack *stack, QObject *parent)
    : QObject(parent)
    , m_stack(stack)
{
    remember();
    connect(m_stack, &QUndoStack::indexChanged, this, &UndoStatus::indexChanged);
    // A merged or cleared command changes what comes next without a step of the index.
    connect(m_stack, &QUndoStack::canRedoChanged, this, [this] {
        if (m_stack->index() == m_index)
            remember();
    });
}

void UndoStatus::remember()
{
    m_index = m_stack->index();
    m_count = m_stack->count();
    m_redoNext = m_index < m_count ? m_stack->command(m_index) : nullptr;
}

void UndoStatus::indexChanged(int index)
{
    const bool sameCommands = m_stack->count() == m_count;
    if (sameCommands && index == m_index - 1) {
        if (const QUndoCommand *undone = m_stack->command(index))
            Q_EMIT message(tr("Undid: %1").arg(undone->text()));
    } else if (sameCommands && index == m_index + 1 && m_redoNext && m_stack->command(m_index) == m_redoNext) {
        Q_EMIT message(tr("Redid: %1").arg(m_redoNext->text()));
    }
    remember();
}
