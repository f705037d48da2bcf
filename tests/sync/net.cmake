# The "net" part: SyncHttp against loopback HTTP servers, SecretStore against the real keyring.
rapport_add_test(tst_synchttp SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_synchttp.cpp LABELS sync)
