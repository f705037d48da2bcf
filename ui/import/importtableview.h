#pragma once

#include <QTableView>

// The wizard's editable tables (preview, duplicates): Enter that ends the editing of a cell commits it and stops
// there. A plain QTableView lets the key go on to the wizard, whose default button would also move to the next
// page (or start the import) with the edit only half done.
class ImportTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportTableView)

public:
    using QTableView::QTableView;

protected:
    void keyPressEvent(QKeyEvent *event) override;
};
