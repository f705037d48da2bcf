#pragma once

#include <QString>

class QLabel;
class QWidget;

// The red line of text under a form field that says what is wrong with it (hidden until there is something to
// say). One look for every editor and dialog: word-wrapped, in StatusColor::danger() of the parent's palette.
namespace FormError {

// A hidden error label named `objectName` (tests find it by that name).
QLabel *newLabel(QWidget *parent, const QString &objectName);
// A cell holding `field` with `error` right under it, for a QFormLayout row.
QWidget *cell(QWidget *field, QLabel *error, QWidget *parent);

} // namespace FormError
