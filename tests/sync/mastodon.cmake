# Mastodon: the JSON mapping, the source against a replay server, OAuth2 with PKCE.
# The replay server serves the recordings in data/mastodon (see its README); tests never read /work/shared.
add_library(rapport_mastodon_replay STATIC
    ${CMAKE_CURRENT_LIST_DIR}/mastodonreplay.cpp ${CMAKE_CURRENT_LIST_DIR}/mastodonreplay.h)
target_include_directories(rapport_mastodon_replay PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_compile_definitions(rapport_mastodon_replay
    PRIVATE RAPPORT_MASTODON_DATA_DIR="${CMAKE_CURRENT_LIST_DIR}/data/mastodon")
target_link_libraries(rapport_mastodon_replay PUBLIC rapport_test_support PRIVATE rapport_build)

rapport_add_test(tst_mastodonmapping SOURCES tst_mastodonmapping.cpp LIBS rapport_mastodon_replay)
rapport_add_test(tst_mastodonauth SOURCES tst_mastodonauth.cpp LIBS rapport_mastodon_replay)
rapport_add_test(tst_mastodonsource SOURCES tst_mastodonsource.cpp LIBS rapport_mastodon_replay)
# The fuzz target's seeds, run as a plain test (the libFuzzer build itself lives in tests/fuzz/).
rapport_add_test(tst_mastodonfuzzseeds
    SOURCES tst_mastodonfuzzseeds.cpp ${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz_mastodonjson.cpp
    LIBS rapport_mastodon_replay)
