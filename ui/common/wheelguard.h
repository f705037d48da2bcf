#pragma once

class QWidget;

// Keeps the mouse wheel from changing values the user only scrolls past: a combo box, spin box or date
// field of a form takes wheel events only while it has the keyboard focus (clicked or tabbed into);
// otherwise the wheel scrolls the form around it, as it does over a label. It also stops taking the focus
// from the wheel alone (Qt::StrongFocus). The usual Qt remedy, done once (issue 10: scrolling a profile
// changed its preferred channel, kind, owner and email labels).
namespace WheelGuard {

// Guards every combo box and spin box (dates and times included) inside `root` now.
void protectChildren(QWidget *root);
// Guards one field, e.g. one added to a form later.
void protect(QWidget *field);

} // namespace WheelGuard
