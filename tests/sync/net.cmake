# The "net" part: SyncHttp against loopback HTTP servers, SecretStore against the real keyring.
rapport_add_test(tst_synchttp SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_synchttp.cpp LABELS sync)
# Needs the private keyring of tests/run-tests.sh; without a session bus the keyring cases skip.
rapport_add_test(tst_secretstore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_secretstore.cpp
    LIBS Qt6Keychain::Qt6Keychain LABELS sync keyring)
