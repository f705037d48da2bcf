#pragma once

#include <QMessageBox>

#include <QList>

#include <functional>
#include <utility>

// Message boxes that never block: each opens window-modal and reports the answer through a callback, so
// no nested event loop runs. Tests answer the next box in advance with setNextAnswer(): no box appears and
// the callback runs at once with that answer (as in KeePassXC's MessageBox).
class MessageBox final
{
public:
    using Button = QMessageBox::StandardButton;

    // Asks a question; onAnswer runs with the button chosen (the escape button when closed), unless
    // `context` was destroyed before the answer came.
    static void question(QWidget *parent, const QString &title, const QString &text,
        QMessageBox::StandardButtons buttons, Button defaultButton, const QObject *context,
        std::function<void(Button)> onAnswer);
    // The same with the buttons' own words ("Save Anyway" on QMessageBox::Save, "Merge…" on Apply): the
    // answer is still the standard button, so tests answer it with setNextAnswer() as any other.
    using Choice = std::pair<Button, QString>;
    static void question(QWidget *parent, const QString &title, const QString &text, const QList<Choice> &choices,
        Button defaultButton, const QObject *context, std::function<void(Button)> onAnswer);
    static void critical(QWidget *parent, const QString &title, const QString &text);
    // Rich text is allowed: escape anything that comes from data with QString::toHtmlEscaped().
    static void information(QWidget *parent, const QString &title, const QString &richText);

    // For tests: the next message box is answered with this button without being shown.
    static void setNextAnswer(Button answer);

private:
    static bool takeNextAnswer(Button *answer);
    static void show(QMessageBox::Icon icon, QWidget *parent, const QString &title, const QString &text,
        QMessageBox::StandardButtons buttons, Button defaultButton, const QObject *context,
        std::function<void(Button)> onAnswer, const QList<Choice> &texts = {});

    static Button s_nextAnswer;
};
