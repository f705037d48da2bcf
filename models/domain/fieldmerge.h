#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

// Field-level merging of two edits of one record (issue 14; EspoCRM's optimistic concurrency is the anchor),
// for any record with a list of fields: `original` is the record as the editor loaded it, `mine` what the
// person typed, `theirs` what somebody else saved meanwhile. A field only one side changed takes that side's
// value; a field both changed to different values is a conflict for the person to decide (mine, theirs or the
// original). Nothing is overwritten silently. ContactMerge is the contacts' field list; RecordMerge
// (recordmerge.h) has those of organizations, campaigns and pitches.
namespace FieldMerge {

struct Conflict
{
    QString field; // the key of the field: "title"
    QString original;
    QString mine;
    QString theirs;
};

template <typename T>
struct Field
{
    QString key;
    const char *context; // for the translated label
    const char *label;
    std::function<QString(const T &)> text; // equal texts mean equal values
    std::function<void(T &, const T &)> copy;
};

template <typename T>
struct Outcome
{
    T merged; // mine, with theirs where only they changed a field; conflicts keep mine; theirs' version
    QList<Conflict> conflicts;
    QStringList theirChanges; // the fields taken from theirs, for the message
};

template <typename T>
Outcome<T> merge(const QList<Field<T>> &fields, const T &original, const T &mine, const T &theirs)
{
    Outcome<T> out;
    out.merged = mine;
    for (const Field<T> &f : fields) {
        const QString o = f.text(original), m = f.text(mine), t = f.text(theirs);
        if (t == o || m == t)
            continue; // mine stands (changed or not)
        if (m == o) {
            f.copy(out.merged, theirs);
            out.theirChanges << f.key;
            continue;
        }
        out.conflicts.append(Conflict { f.key, o, m, t });
    }
    out.merged.version = theirs.version; // the next save checks against what is saved now
    return out;
}

// Copies one field (a key of merge()'s conflicts) from `source` into `target`.
template <typename T>
void take(const QList<Field<T>> &fields, T &target, const QString &field, const T &source)
{
    for (const Field<T> &f : fields)
        if (f.key == field)
            f.copy(target, source);
}

// The field's label as the editor shows it (translated).
template <typename T>
QString label(const QList<Field<T>> &fields, const QString &field)
{
    for (const Field<T> &f : fields)
        if (f.key == field)
            return QCoreApplication::translate(f.context, f.label);
    return field;
}

// The labels of the fields taken from theirs, for "saved, merged with what Bob changed meanwhile (City, Notes)".
template <typename T>
QString theirLabels(const QList<Field<T>> &fields, const Outcome<T> &outcome)
{
    QStringList labels;
    for (const QString &field : outcome.theirChanges)
        labels << label(fields, field);
    return labels.join(QStringLiteral(", "));
}

} // namespace FieldMerge
