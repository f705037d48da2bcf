#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

void Translations::install(QCoreApplication &app, const QString &lang)
{
    const QLocale locale = lang.isEmpty() ? QLocale::system() : QLocale(lang);
    if (!lang.isEmpty())
        QLocale::setDefault(locale);
    // Translators live as long as the application.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    // English plural forms under every language: a message missing from the user's language falls back to
    // English, and English itself needs them ("1 contact", "2 contacts").
    auto *plurals = new QTranslator(&app);
    if (plurals->load(QStringLiteral(":/i18n/rapport_en.qm")))
        QCoreApplication::installTranslator(plurals);
    auto *rapport = new QTranslator(&app);
    // qt_add_translations embeds the compiled .qm files under :/i18n/.
    if (rapport->load(locale, QStringLiteral("rapport"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(rapport);
}
