#include "mergecontactscommand.h"

#include "common/messagebox.h"
#include "contacts/contactsview.h"
#include "storage/changenotifier.h"

MergeContactsCommand::MergeContactsCommand(
    ContactsView *view, MergeRecord record, const QString &keptName, const QString &otherName)
    : m_view(view)
    , m_record(std::move(record))
{
    setText(tr("Merge “%1” into “%2”").arg(otherName, keptName));
}

void MergeContactsCommand::undo()
{
    if (m_view)
        finish(DuplicateRepository(m_view->database()).unmerge(m_record));
}

void MergeContactsCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    if (!m_view)
        return;
    Result<MergeRecord> merged = DuplicateRepository(m_view->database()).merge(m_record.keepId, m_record.otherId);
    if (merged)
        m_record = std::move(merged).value();
    finish(merged ? Status() : Status(merged.error()));
    if (merged)
        ChangeNotifier::instance()->notifyMerged(m_record.keepId, m_record.otherId);
}

void MergeContactsCommand::finish(const Status &status)
{
    if (!status) {
        setObsolete(true);
        MessageBox::critical(m_view, tr("Could not undo or redo"),
            tr("“%1” could not be undone or redone: %2").arg(text(), status.error().message));
    }
    m_view->refresh();
    ChangeNotifier::instance()->notifyContacts({ m_record.keepId, m_record.otherId });
}
