#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Asks for a saved view's name and whether the team shares it. Opened with open(), never exec(): the
// caller saves on submitted() and either accept()s or shows the error next to the name with showError().
class SaveViewDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SaveViewDialog)

public:
    explicit SaveViewDialog(QWidget *parent = nullptr);
    void showError(const QString &message);

Q_SIGNALS:
    void submitted(const QString &name, bool shared);

private:
    QLineEdit *m_name = nullptr;
    QCheckBox *m_shared = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
