# Feeds (RSS, Atom, JSON Feed): the parser on sample files, the source against a loopback HTTP server.
rapport_add_test(tst_feedparser SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_feedparser.cpp LABELS sync feeds)
target_compile_definitions(tst_feedparser PRIVATE RAPPORT_FEEDS_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data/feeds")
rapport_add_test(tst_feedsource SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_feedsource.cpp LABELS sync feeds)
target_compile_definitions(tst_feedsource PRIVATE RAPPORT_FEEDS_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data/feeds")
