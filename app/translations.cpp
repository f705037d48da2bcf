#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

QList<QTranslator *> Translations::install(QCoreApplication &app, const QString &lang)
{
    const QLocale locale = lang.isEmpty() ? QLocale::system() : QLocale(lang);
    if (!lang.isEmpty())
        QLocale::setDefault(locale);
    QList<QTranslator *> installed;
    const auto add = [&app, &installed](const auto &load) {
        // Translators live as long as the application.
        auto *translator = new QTranslator(&app);
        if (load(*translator) && QCoreApplication::installTranslator(translator))
            installed << translator;
        else
            delete translator;
    };
    // Qt's own strings (standard buttons, file and colour dialogs, context menus of line edits) from Debian's
    // qt6-translations-l10n: qtbase_fr.qm, qtbase_es.qm, ... under Qt's translations path.
    add([&locale](QTranslator &t) {
        return t.load(
            locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    });
    // English plural forms under every language: a message missing from the user's language falls back to
    // English, and English itself needs them ("1 contact", "2 contacts").
    add([](QTranslator &t) { return t.load(QStringLiteral(":/i18n/rapport_en.qm")); });
    // qt_add_translations embeds the compiled .qm files under :/i18n/ (rapport_de, rapport_fr, rapport_es).
    add([&locale](QTranslator &t) {
        return t.load(locale, QStringLiteral("rapport"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    });
    return installed;
}
