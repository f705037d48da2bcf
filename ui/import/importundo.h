#pragma once

#include "core/result.h"
#include "storage/importrepository.h"

class Database;
class QWidget;

// Undoing an import batch, shared by Edit → Undo (ImportBatchCommand) and File → Import History…: the undo
// runs on a worker connection when the batch is large (BackgroundJob, the window keeps painting), then the
// lists and profiles are told (ChangeNotifier), and what was kept because it changed since is said in words.
namespace ImportUndo {

// `items`: how many contacts the batch created or changed (decides whether a worker thread is worth it).
Result<ImportUndoReport> run(QWidget *parent, Database &db, qint64 batchId, const QString &fileName, int items);
// Tells the contact and organization lists, and any open profile, what the undo changed.
void publish(const ImportUndoReport &report);
// "Undid the import of people.csv: 12 contacts removed, 3 restored." and, as a list, the conflicts; rich text.
QString describe(const QString &fileName, const ImportUndoReport &report);
// The same in one line, for the status bar.
QString statusLine(const QString &fileName, const ImportUndoReport &report);

// After an import: the lists and profiles learn of the new and changed contacts.
void publishImported(const ImportSummary &summary);

} // namespace ImportUndo
