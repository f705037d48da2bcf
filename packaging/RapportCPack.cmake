# CPack settings for the Debian package: cmake --preset release && cmake --build build/release
# && (cd build/release && cpack -G DEB). See docs/PACKAGING.md.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "rapport")
set(CPACK_PACKAGE_VENDOR "The Rapport developers")
set(CPACK_PACKAGE_CONTACT "The Rapport developers <maintainers@rapport-crm.example.org>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/rapport-crm/rapport")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# The extended description: CPack prefixes each line with a space, as debian/control wants; keep lines short.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
    "Rapport keeps track of the journalists, editors and outlets a PR agency"
    "works with, and of every pitch, call, meeting and reply between them:"
    "contacts and organizations with full-text search, a timeline per contact,"
    "outreach reports, CSV, vCard, iCalendar and JSON import and export, and"
    "optional sync from Bluesky and Mastodon. Data lives in a local SQLite"
    "database or on a shared PostgreSQL server.")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
# rapport_<version>-<release>_<arch>.deb, as Debian names its packages.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# dpkg-shlibdeps finds the libraries the executable links. It cannot see what is loaded at run time: the Qt SQL
# drivers (plugins) and libsecret, which QtKeychain dlopen()s without depending on it (every keychain call then
# fails with "Unknown error"). CPack merges these with the shlibdeps result.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, libsecret-1-0")
# qt6-translations-l10n: Qt's own strings (standard buttons and dialogs) in the user's language beside Rapport's.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, qt6-translations-l10n")

# package_source: the tree without build output or version control.
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build/" "/node_modules/" "\\.user$")

include(CPack)
