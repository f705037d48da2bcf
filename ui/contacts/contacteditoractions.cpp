// ContactEditor: saving, new, delete, restore, navigation and what the undo commands report.
#include "contacteditor.h"

#include "contacts/conflictdialog.h"
#include "domain/contactmerge.h"
#include "storage/historyquery.h"
#include "common/messagebox.h"
#include "contacts/bulkactions.h"
#include "contacts/contactcommands.h"
#include "contacts/contactform.h"
#include "contacts/contactsview.h"
#include "contacts/trashdialog.h"
#include "duplicates/duplicatesdialog.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPointer>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>

void ContactEditor::newContact()
{
    auto start = [this] {
        Contact c;
        c.ownerId = m_view.database().currentUserId();
        selectInList(0);
        load(c);
        // The form, at its top, with the cursor in the first name (not the Timeline, not scrolled away).
        m_tabs->setCurrentWidget(m_scroll);
        m_scroll->verticalScrollBar()->setValue(0);
        m_form->firstNameEdit()->setFocus(Qt::ShortcutFocusReason);
        m_scroll->ensureWidgetVisible(m_form->firstNameEdit());
    };
    if (confirmLeave(start))
        start();
}

bool ContactEditor::save()
{
    if (!m_editing || m_view.database().isReadOnly())
        return false;
    m_form->clearErrors();
    m_conflictBanner->hide();
    if (const Error e = m_form->check(); !e.field.isEmpty()) {
        showSaveError(e.field, e.message);
        return false;
    }
    Contact c = m_form->contact();
    if (!m_duplicateAcknowledged && askAboutDuplicates(c))
        return false; // saved (or not) once the user decided
    if (!resolveOrganization(c))
        return false;
    ContactRepository repo(m_view.database());
    const bool isNew = c.id == 0;
    const Status s = isNew ? repo.create(c) : repo.update(c);
    if (!s) {
        if (s.error().code == Error::Code::Conflict && s.error().field.isEmpty()) {
            if (isNew || !mergeConcurrentEdit(c))
                showConflict(s.error().message);
        } else if (s.error().code == Error::Code::Unavailable && s.error().field.isEmpty()) {
            showUnavailable(s.error().message);
        } else {
            showSaveError(s.error().field, s.error().message);
        }
        return false;
    }
    finishSave(m_loaded, c, isNew, isNew ? tr("“%1” added.").arg(c.displayName) : tr("“%1” saved.").arg(c.displayName));
    return true;
}

bool ContactEditor::mergeConcurrentEdit(const Contact &mine)
{
    Result<Contact> theirs = ContactRepository(m_view.database()).get(mine.id);
    if (!theirs)
        return false;
    // Who saved meanwhile: the newest entry of the contact's history.
    const QString who = ConflictDialog::whoChanged(m_view.database(), QStringLiteral("contact"), mine.id);
    if (theirs->inTrash) { // moved to the trash meanwhile: nothing is written into it, the typing stays
        showConflict(ConflictDialog::trashedMeanwhile(mine.displayName, who));
        return true;
    }
    const ContactMerge::Outcome outcome = ContactMerge::merge(m_loaded, mine, *theirs);
    const Contact before = *theirs;
    const auto saveMerged = [this, before](Contact merged, const QString &status) {
        if (Status s = ContactRepository(m_view.database()).update(merged); !s) {
            if (s.error().code == Error::Code::Conflict && s.error().field.isEmpty())
                showConflict(s.error().message);
            else if (s.error().code == Error::Code::Unavailable && s.error().field.isEmpty())
                showUnavailable(s.error().message);
            else
                showSaveError(s.error().field, s.error().message);
            return;
        }
        finishSave(before, merged, false, status);
    };
    if (outcome.conflicts.isEmpty()) {
        saveMerged(outcome.merged,
            tr("“%1” saved, merged with what %2 changed meanwhile (%3).")
                .arg(mine.displayName, who, FieldMerge::theirLabels(ContactMerge::fields(), outcome)));
        return true;
    }
    showStatus(tr("%1 changed the same fields meanwhile: choose what to keep.").arg(who));
    QPointer<ContactEditor> self(this);
    ConflictDialog::ask<Contact>(this, theirs->displayName, ContactMerge::fields(), outcome, m_loaded, *theirs, who,
        [self, saveMerged](const Contact &chosen) {
            if (self)
                saveMerged(chosen, tr("“%1” saved with your choices.").arg(chosen.displayName));
        });
    return true;
}

void ContactEditor::finishSave(const Contact &before, const Contact &saved, bool isNew, const QString &status)
{
    const Contact c = saved;
    QPointer<ContactEditor> self(this);
    ContactCommandHooks hooks { [self](qint64 id, const QString &error) {
        if (self)
            self->afterCommand(id, error);
    } };
    if (QUndoStack *stack = m_view.undoStack()) {
        if (isNew)
            stack->push(new CreateContactCommand(m_view.database(), c.id, c.displayName, hooks));
        else
            stack->push(new EditContactCommand(m_view.database(), before, c, hooks));
    }
    showContact(c.id);
    m_view.refresh();
    selectInList(c.id);
    showStatus(status);
    checkDuplicates();
    Q_EMIT contactSaved(c.id);
}

bool ContactEditor::resolveOrganization(Contact &c)
{
    // A typed organization that does not exist yet is created in the same save (the form said so under the
    // field), rather than asking: typing a new outlet's name is the way to add it on the spot.
    if (c.organizationId != 0 || c.organizationName.isEmpty())
        return true;
    OrganizationRepository organizations(m_view.database());
    Result<qint64> existing = organizations.idByName(c.organizationName);
    if (existing && *existing > 0) {
        c.organizationId = *existing;
        return true;
    }
    Organization o;
    o.name = c.organizationName;
    if (Status s = organizations.create(o); !s) {
        showSaveError(QStringLiteral("organization"), s.error().message);
        return false;
    }
    c.organizationId = o.id;
    showStatus(tr("Organization “%1” created.").arg(o.name));
    return true;
}

void ContactEditor::showSaveError(const QString &field, const QString &message)
{
    QWidget *at = m_form->showError(field, message);
    at->setFocus(Qt::OtherFocusReason);
    m_scroll->ensureWidgetVisible(at);
    showStatus(tr("Not saved: %1").arg(message));
}

void ContactEditor::showUnavailable(const QString &message)
{
    // No field is at fault: the team database is away (the status bar says "Offline — reconnecting…"). The
    // edit stays as typed, to be saved again once the connection is back.
    if (auto *main = qobject_cast<QMainWindow *>(window()))
        main->statusBar()->showMessage(tr("Not saved: %1").arg(message));
    m_lastStatus = tr("Not saved: %1").arg(message);
}

void ContactEditor::showConflict(const QString &message)
{
    m_conflictLabel->setText(message);
    m_conflictBanner->show();
    showStatus(tr("Not saved: someone else changed this contact."));
}

void ContactEditor::revert()
{
    if (!m_editing)
        return;
    m_form->setContact(m_loaded);
    m_conflictBanner->hide();
    setDirty(false);
}

void ContactEditor::trashSelected()
{
    QList<qint64> ids;
    const QModelIndexList rows = m_view.tableView()->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.append(index.data(ContactListModel::IdRole).toLongLong());
    ids.removeAll(0);
    if (ids.isEmpty())
        return;
    // Several contacts: the bulk path (a worker connection for many, the selection back on undo).
    if (auto *bulk = m_view.findChild<BulkActions *>(); bulk && ids.size() > 1) {
        auto runBulk = [this, ids, bulk = QPointer<BulkActions>(bulk)] {
            if (ids.contains(m_loaded.id))
                m_editing = false;
            if (bulk)
                bulk->moveToTrash();
        };
        if (!ids.contains(m_loaded.id) || confirmLeave(runBulk))
            runBulk();
        return;
    }
    auto run = [this, ids] {
        const int row = m_view.tableView()->currentIndex().row();
        QPointer<ContactEditor> self(this);
        const QString what = ids.size() == 1 ? tr("Delete a contact") : tr("Delete %n contacts", nullptr, int(ids.size()));
        auto *command = new TrashContactsCommand(m_view.database(), ids, what, { [self](qint64 id, const QString &error) {
            if (self)
                self->afterCommand(id, error);
        } });
        if (!command->status()) {
            showStatus(command->status().error().message);
            MessageBox::critical(window(), tr("Not deleted"), command->status().error().message);
            delete command;
            return;
        }
        if (QUndoStack *stack = m_view.undoStack())
            stack->push(command);
        else
            delete command;
        if (ids.contains(m_loaded.id))
            m_editing = false;
        m_view.refresh();
        const int count = m_view.tableView()->model()->rowCount();
        if (count > 0) {
            const QModelIndex next = m_view.tableView()->model()->index(qBound(0, row, count - 1), 0);
            m_view.tableView()->selectionModel()->setCurrentIndex(
                next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        } else {
            m_view.detailArea()->setCurrentIndex(0);
        }
        showStatus(ids.size() == 1 ? tr("Moved to trash. Undo with %1.").arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText))
                                   : tr("%n contacts moved to trash. Undo with %1.", nullptr, int(ids.size()))
                                         .arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    };
    // Deleting the contact being edited drops its edits: ask first, like any other way of leaving it.
    if (!ids.contains(m_loaded.id) || confirmLeave(run))
        run();
}

void ContactEditor::showTrash()
{
    if (!m_trashDialog) {
        m_trashDialog = new TrashDialog(m_view.database(), window());
        connect(m_trashDialog, &TrashDialog::restoreRequested, this, [this](const QList<qint64> &ids) {
            QPointer<ContactEditor> self(this);
            auto *command = new TrashContactsCommand(m_view.database(), ids,
                tr("Restore %n contacts", nullptr, int(ids.size())), { [self](qint64 id, const QString &error) {
                    if (self)
                        self->afterCommand(id, error);
                } }, TrashContactsCommand::Mode::Restore);
            if (!command->status()) {
                MessageBox::critical(window(), tr("Not restored"), command->status().error().message);
                delete command;
                return;
            }
            if (QUndoStack *stack = m_view.undoStack())
                stack->push(command);
            else
                delete command;
            afterCommand(ids.value(0), QString());
            showStatus(tr("%n contacts restored.", nullptr, int(ids.size())));
        });
    }
    m_trashDialog->reload();
    m_trashDialog->show();
    m_trashDialog->raise();
    m_trashDialog->activateWindow();
}

void ContactEditor::afterCommand(qint64 id, const QString &error)
{
    if (!error.isEmpty()) {
        showStatus(error);
        MessageBox::critical(window(), tr("Could not undo or redo"), error);
    }
    if (m_trashDialog && m_trashDialog->isVisible())
        m_trashDialog->reload();
    // Unsaved edits stay where they are: only the list follows, and their save will see any conflict.
    const qint64 show = m_dirty ? m_loaded.id : id;
    m_view.refresh();
    if (show != 0 && !m_dirty)
        showContact(show);
    if (show == 0 || (!m_dirty && m_loaded.inTrash)) {
        if (!m_dirty)
            m_editing = false;
        selectInList(0);
        if (!m_dirty)
            m_view.detailArea()->setCurrentIndex(0);
        return;
    }
    selectInList(show);
}

void ContactEditor::nextContact()
{
    step(1);
}

void ContactEditor::previousContact()
{
    step(-1);
}

void ContactEditor::step(int delta)
{
    QTableView *table = m_view.tableView();
    const int count = table->model()->rowCount();
    if (count == 0)
        return;
    const int row = table->currentIndex().isValid() ? qBound(0, table->currentIndex().row() + delta, count - 1)
                                                    : (delta > 0 ? 0 : count - 1);
    const QModelIndex index = table->model()->index(row, 0);
    table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table->scrollTo(index);
}

QString ContactEditor::duplicateText(const QList<qint64> &others) const
{
    Result<Contact> first = ContactRepository(m_view.database()).get(others.value(0));
    QString who = first ? first->displayName : tr("another contact");
    if (first && !first->title.isEmpty() && !first->organizationName.isEmpty())
        who = tr("%1 (%2, %3)", "a contact: name (title, outlet)").arg(who, first->title, first->organizationName);
    else if (first && (!first->title.isEmpty() || !first->organizationName.isEmpty()))
        who = tr("%1 (%2)", "a contact: name (title or outlet)").arg(who, first->title + first->organizationName);
    if (first && first->inTrash)
        who = tr("%1, in the trash", "a contact").arg(who);
    return others.size() == 1 ? tr("Shares an email or handle with %1.").arg(who)
                              : tr("Shares an email or handle with %1 and %2 others.").arg(who).arg(others.size() - 1);
}

void ContactEditor::checkDuplicates()
{
    if (!m_editing)
        return;
    const Contact c = m_form->contact();
    Result<QList<qint64>> others = ContactRepository(m_view.database()).findSharingIdentity(c);
    m_duplicates = others ? *others : QList<qint64>();
    if (m_duplicates.isEmpty()) {
        m_duplicateBanner->hide();
        return;
    }
    m_duplicateLabel->setText(duplicateText(m_duplicates));
    m_duplicateBanner->show();
}

bool ContactEditor::askAboutDuplicates(const Contact &c)
{
    // Only what this save adds: a contact that already shared an address when it was loaded is not asked
    // about again on every save (the banner still says so).
    Result<QList<qint64>> others = ContactRepository(m_view.database()).findSharingIdentity(c);
    if (!others || others->isEmpty())
        return false;
    if (m_loaded.id > 0) {
        Result<QList<qint64>> before = ContactRepository(m_view.database()).findSharingIdentity(m_loaded);
        if (before && *before == *others)
            return false;
    }
    m_duplicates = *others;
    m_duplicateLabel->setText(duplicateText(m_duplicates));
    m_duplicateBanner->show();
    const qint64 other = m_duplicates.first();
    Result<Contact> otherContact = ContactRepository(m_view.database()).get(other);
    const QString otherName = otherContact ? otherContact->displayName : tr("the other contact");
    const QString name
        = c.displayName.isEmpty() ? QStringList { c.firstName, c.lastName }.join(u' ').trimmed() : c.displayName;
    QList<MessageBox::Choice> choices { { QMessageBox::Save, tr("&Save Anyway") },
        { QMessageBox::Open, tr("&Open “%1” (discard my changes)").arg(otherName) } };
    if (otherContact && !otherContact->inTrash)
        choices.append({ QMessageBox::Apply, tr("&Merge…") });
    choices.append({ QMessageBox::Cancel, tr("Keep &Editing") });
    MessageBox::question(window(), tr("Possible duplicate"),
        tr("%1 The two may be the same person.\n\nSave “%2” anyway, open “%3” instead, or merge the two?")
            .arg(duplicateText(m_duplicates), name.isEmpty() ? tr("the new contact") : name, otherName),
        choices, QMessageBox::Cancel, this, [this, other](MessageBox::Button answer) {
            if (answer == QMessageBox::Save) {
                const QScopedValueRollback<bool> acknowledged(m_duplicateAcknowledged, true);
                save();
            } else if (answer == QMessageBox::Open) {
                // The button says the edits go: no second question.
                revert();
                openContact(other);
            } else if (answer == QMessageBox::Apply) {
                // The merge works on what is stored: save the edits first, then pick what to keep.
                bool saved = false;
                {
                    const QScopedValueRollback<bool> acknowledged(m_duplicateAcknowledged, true);
                    saved = save();
                }
                if (saved)
                    DuplicatesDialog::openForPair(&m_view, m_loaded.id, other);
            } else {
                m_form->firstNameEdit()->setFocus(Qt::OtherFocusReason);
            }
        });
    return true;
}

void ContactEditor::onMerged(qint64 keptId, qint64 otherId)
{
    if (!m_editing || (m_loaded.id != keptId && m_loaded.id != otherId))
        return;
    if (m_dirty) {
        showStatus(tr("The contact you are editing was merged: saving will report the change."));
        return;
    }
    if (m_loaded.id == otherId) {
        // The profile on screen went to the trash in the merge: show the one it was merged into.
        const QString gone = m_loaded.displayName;
        openContact(keptId);
        showStatus(tr("“%1” was merged into “%2”.").arg(gone, m_loaded.displayName));
        return;
    }
    showContact(keptId); // what was merged in shows at once
}
