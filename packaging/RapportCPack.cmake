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

# The maintainer: who answers for the package. Debian's tools take it from DEBFULLNAME and DEBEMAIL (as dch does);
# without them, the project's own address.
if(DEFINED ENV{DEBFULLNAME} AND DEFINED ENV{DEBEMAIL})
    set(rapport_maintainer_default "$ENV{DEBFULLNAME} <$ENV{DEBEMAIL}>")
else()
    set(rapport_maintainer_default "${CPACK_PACKAGE_CONTACT}")
endif()
set(RAPPORT_DEB_MAINTAINER "${rapport_maintainer_default}" CACHE STRING "Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RAPPORT_DEB_MAINTAINER}")
# utils: Debian's section for general-purpose applications that fit no more specific one (a CRM is neither mail,
# net, database nor x11 only: it has a command line too).
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The Debian revision comes from the top entry of packaging/changelog.Debian (read in packaging/CMakeLists.txt).
set(CPACK_DEBIAN_PACKAGE_RELEASE ${RAPPORT_DEBIAN_REVISION})
# rapport_<version>-<release>_<arch>.deb, as Debian names its packages.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# dpkg-shlibdeps finds the libraries the executable links. It cannot see what is loaded at run time: the Qt SQL
# driver for SQLite (a plugin) and libsecret, which QtKeychain dlopen()s without depending on it (every keychain
# call then fails with "Unknown error"). CPack merges these with the shlibdeps result.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libsecret-1-0")
# libqt6sql6-psql: the PostgreSQL driver, for team mode only (a postgresql:// database); without it the window and
# the command line say what to install. qt6-translations-l10n: Qt's own strings (standard buttons and dialogs) in
# the user's language beside Rapport's.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql, gnome-keyring | kwalletmanager, qt6-translations-l10n")

# package_source: the tree without build output or version control.
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build/" "/node_modules/" "\\.user$")

include(CPack)
