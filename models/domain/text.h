#pragma once

#include <QString>

// Text folding shared by search and sorting, so that "tomas" finds and sorts with "Tomás".
namespace Text {

// Lower case with diacritics removed (NFD, combining marks dropped): "Émile Ørsted" -> "emile ørsted".
QString fold(const QString &text);

// The key a contact or organization name sorts by: fold() of the trimmed name. Stored in sort_name
// columns, because neither SQLite nor a C-locale PostgreSQL orders accented or lower-case letters as people
// expect ("émile" after "zoe").
inline QString sortKey(const QString &name)
{
    return fold(name.trimmed());
}

} // namespace Text
