#pragma once

#include <QAbstractItemView>

class QTableView;

// The look and behaviour of the sections' big lists (contacts, organizations, campaigns): whole rows selected, no
// editing in place, alternating rows, no grid or frame, fixed row heights (a view asking every row for its size
// would load all of a paged model's rows), movable left-aligned column headers, Tab leaves the list.
namespace ListTable {

void setUp(QTableView *view, QAbstractItemView::SelectionMode selection);

} // namespace ListTable
