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
