# The "faults" part: the whole sync (SyncManager's worker thread + MastodonSource + SyncRepository) against a
# misbehaving Mastodon stand-in (hang, reset, garbage, HTML, a huge body, a redirect loop, 401), and a helper
# process killed with SIGKILL mid-run and inside an open transaction, then restarted.
add_executable(syncchild ${CMAKE_CURRENT_LIST_DIR}/syncchild.cpp)
target_link_libraries(syncchild PRIVATE rapport_models rapport_build)

rapport_add_test(tst_syncfaults SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_syncfaults.cpp
    LIBS rapport_mastodon_replay Qt6::Sql LABELS sync TIMEOUT 180)
target_compile_definitions(tst_syncfaults PRIVATE RAPPORT_SYNCCHILD="$<TARGET_FILE:syncchild>")
add_dependencies(tst_syncfaults syncchild)
