#pragma once

#include "domain/contact.h"
#include "interchange/columnmapping.h"
#include "interchange/vcard.h"

#include <QStringList>

// One incoming person as it will be stored: the Contact (its organizationName is the outlet's name, found or
// created at import), the owner by name, and the problems that keep the row out of the import until fixed
// (in words, each naming the row and the line). Built from a CSV row through a ColumnMapping or from a vCard.
struct ImportRecord
{
    int row = 0; // 1-based among the data rows / cards
    int line = 0; // where it starts in the file
    Contact contact;
    QString ownerName;
    QStringList parseProblems; // what the file's text could not say (an unknown kind, a reach that is no number)
    QList<ImportField> parseProblemFields; // the field of each parse problem (Ignore: none in particular)
    QStringList problems; // parseProblems and the contact's own rules; the row is skipped while it has any
    QStringList warnings; // kept, but something was left out
    QList<int> mergedRows; // rows of the file that were the same person, merged into this one

    bool hasProblems() const { return !problems.isEmpty(); }
    void addParseProblem(ImportField field, const QString &problem);
    // The preview fixed this field: its parse problems go (call revalidate() after).
    void clearParseProblems(ImportField field);
    // Checks the contact again (after an edit in the preview: clear parseProblems for what was fixed) and
    // refreshes `problems`; a valid contact is normalized (display name, handles).
    void revalidate();
};

namespace ImportRecords {
// A CSV row through a mapping. Multi-values (Google's " ::: "), primary markers ("* Work"), labels of
// emails and phones, reach ("12k", "1.2M", "12,500"), yes/no and kinds in several languages are read here.
ImportRecord fromRow(const ColumnMapping &mapping, const QStringList &fields, int row, int line);
// A vCard (any version). Rapport's own properties (X-RAPPORT-KIND, -BEATS, -REACH, -DO-NOT-CONTACT,
// -CONSENT, -OWNER, and the X-RAPPORT-LABEL parameter of EMAIL and TEL) are read back, so an export imports as
// the same profile. Rapport's own CSV columns keep their labels as written.
ImportRecord fromVCard(const VCard::Card &card, int row);
// "* Work" -> ("work", primary); "Mobile" -> "mobile"; "Business" -> "work"; custom labels lower case.
QString normalizeLabel(QString label, bool *primary = nullptr);
// "journalist", "Journalistin", "Editor", "Redakteur", ... -> a Contact::kinds() key, or empty.
QString normalizeKind(const QString &text);
} // namespace ImportRecords
