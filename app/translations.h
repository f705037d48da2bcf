#pragma once

#include <QList>

class QCoreApplication;
class QString;
class QTranslator;

namespace Translations {
// Installs Rapport's and Qt's translations for `lang` (e.g. "de", "fr", "es"), or for the system locale when empty,
// and makes `lang` the default QLocale so dates and numbers follow it. Returns the installed translators (children
// of `app`, alive as long as it is unless a caller removes them, as the tests do).
QList<QTranslator *> install(QCoreApplication &app, const QString &lang);
}
