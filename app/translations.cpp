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
    auto *rapport = new QTranslator(&app);
    // qt_add_translations embeds the compiled .qm files under :/i18n/.
    if (rapport->load(locale, QStringLiteral("rapport"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(rapport);
}
