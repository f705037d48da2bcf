#pragma once

#include "core/result.h"
#include "storage/database.h"

#include <QString>

#include <functional>
#include <memory>

class QWidget;

// Runs a long database job (a bulk change of thousands of contacts) on a worker thread with its own
// connection to the same database, so the window keeps painting. The call returns when the job is done;
// meanwhile a window-modal busy dialog (shown after a short delay, so quick jobs never flash one) keeps
// the user from starting anything else on the window. The worker connection writes as the same user.
//
// Small jobs (`inlineBelow` items) and databases that cannot take a second connection run inline.
namespace BackgroundJob {

using Work = std::function<Status(Database &)>;

// `label` is shown in the dialog ("Changing 10,000 contacts…"); the work writes its result into variables
// the caller captures by reference (it runs and finishes before run() returns).
Status run(QWidget *parent, Database &db, const QString &label, const Work &work, int items = 0, int inlineBelow = 500);

// For tests: show the busy dialog after this many ms (default 300).
void setDialogDelayForTesting(int ms);
// For tests: the thread the last job ran in.
const void *lastWorkerThread();
} // namespace BackgroundJob
