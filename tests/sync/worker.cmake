# SyncManager and its worker thread (the "store" part), with a scripted source.
rapport_add_test(tst_syncmanager SOURCES tst_syncmanager.cpp)
