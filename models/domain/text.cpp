#include "text.h"

QString Text::fold(const QString &text)
{
    QString folded;
    const QString decomposed = text.toLower().normalized(QString::NormalizationForm_D);
    folded.reserve(decomposed.size());
    for (const QChar ch : decomposed)
        if (ch.category() != QChar::Mark_NonSpacing)
            folded += ch;
    return folded.normalized(QString::NormalizationForm_C);
}
