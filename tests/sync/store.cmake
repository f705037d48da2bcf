# SyncRepository and schema v2 (the "store" part), on SQLite and PostgreSQL.
rapport_add_test(tst_syncrepository SOURCES tst_syncrepository.cpp)
