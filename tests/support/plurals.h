#pragma once

#include <QCoreApplication>
#include <QTranslator>

// The app installs translations/rapport_en.ts for the English plural forms of "%n …(s)" messages
// (app/translations.cpp); a test that compares such texts installs the same forms with this.
namespace Plurals {

inline bool installEnglish()
{
    static QTranslator english;
    return english.load(QStringLiteral(RAPPORT_TEST_QM_EN)) && QCoreApplication::installTranslator(&english);
}

} // namespace Plurals
