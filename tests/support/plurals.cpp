#include "plurals.h"

#include <QCoreApplication>
#include <QTranslator>

bool Plurals::installEnglish()
{
    static QTranslator english;
    return english.load(QStringLiteral(RAPPORT_TEST_QM_EN)) && QCoreApplication::installTranslator(&english);
}
