#pragma once

#include "storage/database.h"

#include <QTest>

#include <memory>

// Fresh databases for storage tests, on both backends. A data-driven test adds the backend rows with
// TestDatabase::addBackends() in its _data() function and opens a database with OPEN_TEST_DATABASE(db).
//
// PostgreSQL comes from RAPPORT_TEST_PG_URL (a server started on loopback by scripts/test.sh); each call
// creates a new database on it. Without that variable the PostgreSQL rows are skipped, unless
// RAPPORT_REQUIRE_POSTGRES is set (CI), where they fail.
namespace TestDatabase {

void addBackends();
// A new, empty location on the backend ("sqlite", "postgres", or "postgres-tls": run-tests.sh's second server,
// TLS only, reached with verify-full and its CA from RAPPORT_TEST_PG_TLS_URL); NotFound if that PostgreSQL is
// not configured.
Result<DatabaseLocation> freshLocation(const QString &backend);
Result<std::unique_ptr<Database>> create(const QString &backend);
bool postgresRequired();
// A temporary directory that lives until the test process ends.
QString tempDir();

} // namespace TestDatabase

#define OPEN_TEST_DATABASE(db)                                                                                         \
    QFETCH(QString, backend);                                                                                          \
    auto db##Opened = TestDatabase::create(backend);                                                                   \
    if (!db##Opened) {                                                                                                 \
        if (db##Opened.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())                     \
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");                                           \
        QFAIL(qPrintable(db##Opened.error().message));                                                                 \
    }                                                                                                                  \
    std::unique_ptr<Database> db = std::move(db##Opened).value()
