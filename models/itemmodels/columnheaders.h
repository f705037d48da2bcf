#pragma once

#include <QCoreApplication>
#include <QVariant>

#include <algorithm>
#include <initializer_list>

// The horizontal headers of a table model with fixed columns, so that each model lists its titles once
// instead of a switch: one title per column in column order, marked with QT_TRANSLATE_NOOP in the model's
// context (its class name, as its tr() uses) and translated when asked; the columns whose numbers align right.
//
//     const char *const kTitles[] = { QT_TRANSLATE_NOOP("InboxModel", "Author"), ... };
//     return ColumnHeaders::data("InboxModel", kTitles, section, orientation, role, { ItemsColumn });
namespace ColumnHeaders {

template <std::size_t N>
QVariant data(const char *context, const char *const (&titles)[N], int section, Qt::Orientation orientation, int role,
    std::initializer_list<int> rightAligned = {})
{
    if (orientation != Qt::Horizontal || section < 0 || section >= int(N))
        return {};
    if (role == Qt::DisplayRole)
        return QCoreApplication::translate(context, titles[section]);
    if (role == Qt::TextAlignmentRole
        && std::find(rightAligned.begin(), rightAligned.end(), section) != rightAligned.end())
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace ColumnHeaders
