#include "importtableview.h"

#include <QKeyEvent>

void ImportTableView::keyPressEvent(QKeyEvent *event)
{
    // Comes here from the cell's editor (the delegate has queued the commit): keep it from the wizard.
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && state() == EditingState) {
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}
