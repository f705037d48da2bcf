#pragma once

#include "domain/fieldmerge.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class Database;
class QComboBox;
class QTableWidget;
class QTextEdit;

// Two people changed the same fields of one record (FieldMerge found conflicts): one row per such field with
// the original value, what somebody else saved and what this person typed, and a choice per field (Mine by
// default, Theirs, Original). A long text (a brief's goals, notes) differs from the others perhaps only in its last
// sentence: the table shows each value from just before where the three part ways, and the pane below shows the
// selected field's three values in full side by side with the changed part marked. Save hands back the merged record with the choices applied; Cancel keeps the
// typed text in the form, nothing saved. Opens window-modal without blocking (as MessageBox does). Contacts,
// organizations, campaigns and pitches use it.
class ConflictDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictDialog)

public:
    enum Choice { Mine, Theirs, Original };

    // `what` is the record's name as the intro shows it; `label` turns a field's key into its label.
    ConflictDialog(const QString &what, const QList<FieldMerge::Conflict> &conflicts,
        const std::function<QString(const QString &)> &label, const QString &whoElse, QWidget *parent = nullptr);
    // Opens the dialog for a record with a FieldMerge field list (ContactMerge::fields(), RecordMerge's); onSave
    // runs with the record to save when the person chose Save.
    template <typename T>
    static ConflictDialog *ask(QWidget *parent, const QString &what, const QList<FieldMerge::Field<T>> &fields,
        const FieldMerge::Outcome<T> &outcome, const T &original, const T &theirs, const QString &whoElse,
        std::function<void(const T &)> onSave)
    {
        auto *dialog = new ConflictDialog(
            what, outcome.conflicts, [fields](const QString &f) { return FieldMerge::label(fields, f); }, whoElse,
            parent);
        QPointer<ConflictDialog> guard(dialog);
        connect(dialog, &QDialog::accepted, parent,
            [guard, fields, outcome, original, theirs, onSave = std::move(onSave)] {
                if (guard)
                    onSave(guard->resolve(fields, outcome, original, theirs));
            });
        dialog->openModal();
        return dialog;
    }

    // The merged record with each conflict's choice applied.
    template <typename T>
    T resolve(const QList<FieldMerge::Field<T>> &fields, const FieldMerge::Outcome<T> &outcome, const T &original,
        const T &theirs) const
    {
        T out = outcome.merged;
        for (int row = 0; row < outcome.conflicts.size() && row < m_choices.size(); ++row) {
            const QString &field = outcome.conflicts.at(row).field;
            if (choice(row) == Theirs)
                FieldMerge::take(fields, out, field, theirs);
            else if (choice(row) == Original)
                FieldMerge::take(fields, out, field, original);
        }
        return out;
    }

    // Who saved the record last, by name, for "While you edited …, %2 saved …" (the audit log's newest entry
    // of entity/id that is not this user's); "someone else" when it does not say.
    static QString whoChanged(Database &db, const QString &entity, qint64 id);
    // "“%1” was moved to the trash by %2 while you edited it …": a save that met a record in the trash.
    static QString trashedMeanwhile(const QString &what, const QString &who);

    QTableWidget *table() const { return m_table; }
    // The full-text comparison of the selected field: 0 Original, 1 Theirs, 2 Mine.
    QTextEdit *comparison(int column) const { return m_comparison.value(column); }
    // The part of `text` that differs from `original` ([start, end) in QChars), as the comparison marks it.
    static std::pair<qsizetype, qsizetype> changedPart(const QString &original, const QString &text);
    // `text` from shortly before `from` on, with "…" for what was left out; `text` itself when `from` is near
    // its start.
    static QString excerptFrom(const QString &text, qsizetype from);
    void setChoice(int row, Choice choice);
    Choice choice(int row) const;

private:
    void openModal();
    void showComparison(int row);

    QTableWidget *m_table = nullptr;
    QList<QComboBox *> m_choices;
    QList<FieldMerge::Conflict> m_conflicts;
    QList<QTextEdit *> m_comparison;
};
