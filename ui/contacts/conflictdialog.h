#pragma once

#include "domain/contactmerge.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QTableWidget;

// Two people changed the same fields of one contact (ContactMerge found conflicts): one row per such field with
// the original value, what somebody else saved and what this person typed, and a choice per field (Mine by
// default, Theirs, Original). Save applies the choices to the merged contact and hands it back; Cancel keeps
// the typed text in the form, nothing saved. Opens window-modal without blocking (as MessageBox does).
class ConflictDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictDialog)

public:
    enum Choice { Mine, Theirs, Original };

    ConflictDialog(const ContactMerge::Outcome &outcome, const Contact &original, const Contact &theirs,
        const QString &whoElse, QWidget *parent = nullptr);

    // Opens the dialog; onSave runs with the contact to save when the person chose Save.
    static ConflictDialog *ask(QWidget *parent, const ContactMerge::Outcome &outcome, const Contact &original,
        const Contact &theirs, const QString &whoElse, std::function<void(const Contact &)> onSave);

    QTableWidget *table() const { return m_table; }
    void setChoice(int row, Choice choice);
    Contact resolved() const;

private:
    ContactMerge::Outcome m_outcome;
    Contact m_original;
    Contact m_theirs;
    QTableWidget *m_table = nullptr;
    QList<QComboBox *> m_choices;
};
