#pragma once

class QCoreApplication;
class QString;

namespace Translations {
// Installs Rapport's and Qt's translations for `lang` (e.g. "de"), or for the system locale when empty.
void install(QCoreApplication &app, const QString &lang);
}
