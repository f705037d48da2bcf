#pragma once

// The app installs translations/rapport_en.ts for the English plural forms of "%n …(s)" messages
// (app/translations.cpp); a test that compares such texts installs the same forms with this.
namespace Plurals {

// Loads the forms compiled at build time (tests/support/CMakeLists.txt) into the application; false if it could not.
bool installEnglish();

} // namespace Plurals
