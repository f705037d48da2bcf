# Bluesky: the pure JSON mapping (recorded server answers and hostile input), and the source against the real
# Bluesky server stack that tests/run-tests.sh starts (tests/bluesky/devenv.js).
rapport_add_test(tst_blueskymapping SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_blueskymapping.cpp LABELS sync)
rapport_add_test(tst_blueskysource SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_blueskysource.cpp LABELS sync TIMEOUT 600)
# The fuzz target's seeds, run as a plain test (the libFuzzer build itself lives in tests/fuzz/).
rapport_add_test(tst_blueskyfuzzseeds
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_blueskyfuzzseeds.cpp ${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz_blueskyjson.cpp
    LABELS sync)
