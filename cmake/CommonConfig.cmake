# One interface target carrying the language standard, warnings and Qt strictness.
# Every Rapport target links it.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}" CACHE STRING "" FORCE)
endif()

set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(rapport_build INTERFACE)
target_compile_features(rapport_build INTERFACE cxx_std_20)
target_compile_options(rapport_build INTERFACE
    -Wall -Wextra -pedantic -Wold-style-cast -Wnon-virtual-dtor)
target_compile_definitions(rapport_build INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    RAPPORT_VERSION="${PROJECT_VERSION}")

# The layers' libraries (rapport_models, rapport_ui): static for the package (one self-contained /usr/bin/rapport with no
# RUNPATH), shared for the dev build. Linked statically, each of the ~70 test programs carried its own copy of both
# libraries with their debug information (150 MB a program, 7.6 GB for the tests), and CI ran out of disk; shared,
# the build directory stays under 1.5 GB and linking is quicker too.
option(RAPPORT_SHARED_LIBS "Build rapport_models and rapport_ui as shared libraries" OFF)
if(RAPPORT_SHARED_LIBS)
    set(RAPPORT_LIBRARY_TYPE SHARED)
else()
    set(RAPPORT_LIBRARY_TYPE STATIC)
endif()

# libFuzzer builds (tests/fuzz): every Rapport target is instrumented for the fuzzer and sanitizers;
# only the fuzz_* programs link the fuzzer's main (-fsanitize=fuzzer). Needs clang.
option(RAPPORT_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)
if(RAPPORT_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "RAPPORT_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++ "
                            "or the \"fuzz\" preset.")
    endif()
    target_compile_options(rapport_build INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(rapport_build INTERFACE -fsanitize=address,undefined)
endif()

# Debian's compiler and linker flags for the packaged binary (the release preset turns this on): what dpkg-buildflags
# gives a Debian package with DEB_BUILD_MAINT_OPTIONS=hardening=+all: -g -O2 -fstack-protector-strong -Wformat
# -Werror=format-security -Wdate-time -D_FORTIFY_SOURCE=2, and -Wl,-z,relro -Wl,-z,now (full RELRO, BIND_NOW); PIE is
# the compiler's default on Debian. They come after CMake's own (-O2 -g -DNDEBUG for RelWithDebInfo), so they win.
# -ffile-prefix-map=<dir>=. is left out: it names the source folder and would give every clone (CI's fresh one, each
# worktree) its own ccache entries; the debug information it rewrites is stripped from the package anyway.
# DEB_BUILD_MAINT_OPTIONS, DEB_CXXFLAGS_APPEND and the like from the environment apply, as in a Debian build.
option(RAPPORT_DPKG_BUILDFLAGS "Compile and link with Debian's hardening flags from dpkg-buildflags" OFF)
if(RAPPORT_DPKG_BUILDFLAGS)
    find_program(DPKG_BUILDFLAGS dpkg-buildflags REQUIRED)
    set(maint_options "$ENV{DEB_BUILD_MAINT_OPTIONS}")
    if(maint_options STREQUAL "")
        set(maint_options "hardening=+all")
    endif()
    foreach(kind CPPFLAGS CXXFLAGS LDFLAGS)
        execute_process(COMMAND ${CMAKE_COMMAND} -E env "DEB_BUILD_MAINT_OPTIONS=${maint_options}"
                                ${DPKG_BUILDFLAGS} --get ${kind}
                        OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
        separate_arguments(flags UNIX_COMMAND "${flags}")
        list(FILTER flags EXCLUDE REGEX "^-f(file|debug|macro)-prefix-map=")
        set(RAPPORT_DPKG_${kind} ${flags})
    endforeach()
    message(STATUS "dpkg-buildflags (${maint_options}): ${RAPPORT_DPKG_CPPFLAGS} ${RAPPORT_DPKG_CXXFLAGS}; "
                   "linker: ${RAPPORT_DPKG_LDFLAGS}")
    target_compile_options(rapport_build INTERFACE ${RAPPORT_DPKG_CPPFLAGS} ${RAPPORT_DPKG_CXXFLAGS})
    target_link_options(rapport_build INTERFACE ${RAPPORT_DPKG_LDFLAGS})
endif()
