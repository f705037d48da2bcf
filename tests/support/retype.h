#pragma once

#include <QString>
#include <QTest>

// Replaces what a text field holds by typing, as a person would: focus, select all, Backspace, then the new
// text key by key (so textEdited and the editors' dirty tracking fire as they do for real typing). For
// QLineEdit, QPlainTextEdit and QTextEdit.
template <typename Edit>
inline void retype(Edit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}
