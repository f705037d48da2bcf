#include "text.h"

QString Text::fold(const QString &text)
{
    // Plain ASCII has nothing to decompose or strip: lower case is the whole fold (an import folds two or three
    // names of every row).
    bool ascii = !text.isEmpty();
    for (const QChar ch : text)
        if (ch.unicode() >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii)
        return text.toLower();
    QString folded;
    const QString decomposed = text.toLower().normalized(QString::NormalizationForm_D);
    folded.reserve(decomposed.size());
    for (const QChar ch : decomposed)
        if (ch.category() != QChar::Mark_NonSpacing)
            folded += ch;
    return folded.normalized(QString::NormalizationForm_C);
}
