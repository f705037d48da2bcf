#include "messagebox.h"

#include "core/logging.h"

#include <QAbstractButton>

MessageBox::Button MessageBox::s_nextAnswer = QMessageBox::NoButton;

void MessageBox::setNextAnswer(Button answer)
{
    s_nextAnswer = answer;
}

bool MessageBox::takeNextAnswer(Button *answer)
{
    if (s_nextAnswer == QMessageBox::NoButton)
        return false;
    *answer = s_nextAnswer;
    s_nextAnswer = QMessageBox::NoButton;
    return true;
}

void MessageBox::question(QWidget *parent, const QString &title, const QString &text,
    QMessageBox::StandardButtons buttons, Button defaultButton, const QObject *context,
    std::function<void(Button)> onAnswer)
{
    show(QMessageBox::Question, parent, title, text, buttons, defaultButton, context, std::move(onAnswer));
}

void MessageBox::question(QWidget *parent, const QString &title, const QString &text, const QList<Choice> &choices,
    Button defaultButton, const QObject *context, std::function<void(Button)> onAnswer)
{
    QMessageBox::StandardButtons buttons;
    for (const Choice &choice : choices)
        buttons |= choice.first;
    show(QMessageBox::Question, parent, title, text, buttons, defaultButton, context, std::move(onAnswer), choices);
}

void MessageBox::critical(QWidget *parent, const QString &title, const QString &text)
{
    qCWarning(lcUi).noquote() << title << "-" << text;
    show(QMessageBox::Critical, parent, title, text, QMessageBox::Ok, QMessageBox::Ok, nullptr, {});
}

void MessageBox::information(QWidget *parent, const QString &title, const QString &richText)
{
    show(QMessageBox::Information, parent, title, richText, QMessageBox::Ok, QMessageBox::Ok, nullptr, {});
}

void MessageBox::show(QMessageBox::Icon icon, QWidget *parent, const QString &title, const QString &text,
    QMessageBox::StandardButtons buttons, Button defaultButton, const QObject *context,
    std::function<void(Button)> onAnswer, const QList<Choice> &texts)
{
    Button answer = QMessageBox::NoButton;
    if (takeNextAnswer(&answer)) {
        if (onAnswer)
            onAnswer(answer);
        return;
    }
    auto *box = new QMessageBox(icon, title, text, buttons, parent);
    box->setObjectName(QStringLiteral("rapportMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(defaultButton);
    for (const Choice &choice : texts) {
        if (QAbstractButton *button = box->button(choice.first))
            button->setText(choice.second);
    }
    if (onAnswer) {
        QObject::connect(box, &QMessageBox::finished, context ? context : box, [box, onAnswer = std::move(onAnswer)] {
            const Button chosen
                = box->clickedButton() ? box->standardButton(box->clickedButton()) : QMessageBox::NoButton;
            onAnswer(chosen);
        });
    }
    box->open();
}
