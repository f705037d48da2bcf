#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/migrator.h"
#include "storage/statsrepository.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <algorithm>

class TestMigrations final : public QObject
{
    Q_OBJECT

private slots:
    void freshDatabaseIsAtLatest_data() { TestDatabase::addBackends(); }
    void freshDatabaseIsAtLatest()
    {
        OPEN_TEST_DATABASE(db);
        Result<int> version = db->schemaVersion();
        QVERIFY(version.ok());
        QCOMPARE(*version, Migrator::latestVersion());
        // Every table of the product exists and is empty but for nothing.
        Result<DatabaseStats> stats = StatsRepository(*db).stats();
        QVERIFY2(stats.ok(), qPrintable(stats.ok() ? QString() : stats.error().message));
        QCOMPARE(stats->rowCounts.size(), StatsRepository::tables().size());
        for (const auto &[table, rows] : std::as_const(stats->rowCounts))
            QVERIFY2(rows == 0, qPrintable(table));
    }

    void reopeningDoesNothing_data() { TestDatabase::addBackends(); }
    void reopeningDoesNothing()
    {
        OPEN_TEST_DATABASE(db);
        Result<MigrationReport> report = Migrator(*db).migrate();
        QVERIFY(report.ok());
        QCOMPARE(report->fromVersion, Migrator::latestVersion());
        QVERIFY(report->applied.isEmpty());
    }

    void newerSchemaIsRefused_data() { TestDatabase::addBackends(); }
    void newerSchemaIsRefused()
    {
        OPEN_TEST_DATABASE(db);
        QVERIFY(db->exec(QStringLiteral("INSERT INTO rapport_schema (version, applied_at) VALUES (99, 0)"),
                      QStringLiteral("test"))
                    .ok());
        const DatabaseLocation loc = db->location();
        db.reset();
        Result<std::unique_ptr<Database>> reopened = Database::open(loc);
        QVERIFY(!reopened.ok());
        QCOMPARE(reopened.error().code, Error::Code::Unsupported);
        QVERIFY2(reopened.error().message.contains(QStringLiteral("newer version of Rapport")),
            qPrintable(reopened.error().message));
    }

    // A migration that fails half-way leaves the database exactly as it was.
    void failedMigrationLeavesDatabaseUntouched_data() { TestDatabase::addBackends(); }
    void failedMigrationLeavesDatabaseUntouched()
    {
        OPEN_TEST_DATABASE(db);
        QVERIFY(db->exec(QStringLiteral("INSERT INTO organizations (name, kind, created_at, updated_at) "
                                        "VALUES ('Kept', 'online', 1, 1)"),
                      QStringLiteral("test"))
                    .ok());
        QList<Migrator::Migration> migrations = Migrator::standardMigrations();
        migrations.append({ Migrator::latestVersion() + 1, QStringLiteral("breaks"),
            [](Database &d) -> Status {
                if (Status s = d.exec(QStringLiteral("CREATE TABLE half_done (x INTEGER)"), QStringLiteral("test")); !s)
                    return s;
                if (Status s = d.exec(QStringLiteral("DELETE FROM organizations"), QStringLiteral("test")); !s)
                    return s;
                return d.exec(QStringLiteral("THIS IS NOT SQL"), QStringLiteral("test"));
            } });
        Result<MigrationReport> report = Migrator(*db, migrations).migrate();
        QVERIFY(!report.ok());
        QVERIFY2(report.error().message.contains(QStringLiteral("left unchanged")), qPrintable(report.error().message));
        QCOMPARE(*db->schemaVersion(), Migrator::latestVersion());
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM organizations")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Kept"));
        QVERIFY(!q.exec(QStringLiteral("SELECT * FROM half_done")));
    }

    // Migrations numbered on parallel branches can land in either order: a database that already has the
    // higher one still gets the lower one when it arrives (each migration only adds).
    void missingEarlierVersionIsApplied_data() { TestDatabase::addBackends(); }
    void missingEarlierVersionIsApplied()
    {
        OPEN_TEST_DATABASE(db);
        const int base = Migrator::latestVersion();
        auto table = [](const QString &name) {
            return [name](Database &d) {
                return d.exec(
                    QStringLiteral("CREATE TABLE ") + name + QStringLiteral(" (x INTEGER)"), QStringLiteral("test"));
            };
        };
        QList<Migrator::Migration> later = Migrator::standardMigrations();
        later.append({ base + 2, QStringLiteral("second"), table(QStringLiteral("second_branch")) });
        QVERIFY(Migrator(*db, later).migrate().ok());
        QCOMPARE(*db->schemaVersion(), base + 2);
        QList<Migrator::Migration> both = Migrator::standardMigrations();
        both.append({ base + 1, QStringLiteral("first"), table(QStringLiteral("first_branch")) });
        both.append(later.constLast());
        Result<MigrationReport> report = Migrator(*db, both).migrate();
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->applied, QStringList { QStringLiteral("first") });
        QCOMPARE(*db->schemaVersion(), base + 2);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM first_branch")));
        QVERIFY(Migrator(*db, both).migrate()->applied.isEmpty()); // and only once
    }

    // Version 4: interactions stored before it keep their dates as they were (date_unknown 0); the column is
    // there for the sync to mark items whose source gave no date.
    void dateUnknownColumn_data() { TestDatabase::addBackends(); }
    void dateUnknownColumn()
    {
        QFETCH(QString, backend);
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(backend);
        if (!loc && loc.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        QVERIFY(loc);
        auto db = Database::open(*loc, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
        QVERIFY(db);
        QVERIFY(Migrator(**db, Migrator::standardMigrations().mid(0, 3)).migrate());
        QCOMPARE(*(*db)->schemaVersion(), 3);
        QVERIFY((*db)->exec(QStringLiteral("INSERT INTO interactions (channel, direction, occurred_at, source, "
                                           "external_id, created_at, updated_at) "
                                           "VALUES ('post', 'inbound', 5, 'feed', 'old', 1, 1)"),
            QStringLiteral("test")));
        Result<MigrationReport> report = Migrator(**db).migrate();
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QVERIFY(Migrator::latestVersion() >= 4);
        QSqlQuery q((*db)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT date_unknown, occurred_at FROM interactions WHERE external_id = 'old'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(q.value(1).toLongLong(), 5);
    }

    // Version 6 only adds: a version-5 campaign, pitch and coverage row keep their values and gain the new
    // columns' defaults (version 8 then gives the coverage its URL key); the key is unique among live rows.
    void campaignWorkspaceColumns_data() { TestDatabase::addBackends(); }
    void campaignWorkspaceColumns()
    {
        QFETCH(QString, backend);
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(backend);
        if (!loc && loc.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        QVERIFY(loc);
        auto db = Database::open(*loc, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
        QVERIFY(db);
        QVERIFY(Migrator(**db, Migrator::standardMigrations().mid(0, 5)).migrate());
        QCOMPARE(*(*db)->schemaVersion(), 5);
        for (const char *sql :
            { "INSERT INTO campaigns (id, name, created_at, updated_at) VALUES (7, 'Old launch', 1, 1)",
                "INSERT INTO content_items (id, campaign_id, kind, title, created_at, updated_at) "
                "VALUES (8, 7, 'press_release', 'Release', 1, 1)",
                "INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (9, 'Ana', 1, 1)",
                "INSERT INTO pitches (id, campaign_id, contact_id, created_at, updated_at) VALUES (10, 7, 9, 1, 1)",
                "INSERT INTO coverage (id, campaign_id, title, url, created_at, updated_at) "
                "VALUES (11, 7, 'Story', 'https://example.com/a', 1, 1)" })
            QVERIFY((*db)->exec(QString::fromLatin1(sql), QStringLiteral("test")));
        Result<MigrationReport> report = Migrator(**db).migrate();
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QSqlQuery q((*db)->connection());
        QVERIFY(
            q.exec(QStringLiteral("SELECT c.name, c.topics, i.status, p.reply_dismissed_at, v.url_key "
                                  "FROM campaigns c JOIN content_items i ON i.campaign_id = c.id "
                                  "JOIN pitches p ON p.campaign_id = c.id JOIN coverage v ON v.campaign_id = c.id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Old launch"));
        QVERIFY(q.value(1).isNull());
        QCOMPARE(q.value(2).toString(), QStringLiteral("draft"));
        QVERIFY(q.value(3).isNull());
        QCOMPARE(q.value(4).toString(), QStringLiteral("example.com/a")); // keyed by version 8
        Status twice = (*db)->exec(QStringLiteral("INSERT INTO coverage (campaign_id, title, url_key, created_at, "
                                                  "updated_at) VALUES (7, 'Again', 'example.com/a', 1, 1)"),
            QStringLiteral("test"));
        QVERIFY(!twice);
        QVERIFY(
            (*db)->exec(QStringLiteral("UPDATE coverage SET deleted_at = 2 WHERE id = 11"), QStringLiteral("test")));
        QVERIFY((*db)->exec(QStringLiteral("INSERT INTO coverage (campaign_id, title, url_key, created_at, "
                                           "updated_at) VALUES (7, 'Again', 'example.com/a', 1, 1)"),
            QStringLiteral("test")));
    }

    // Version 7: the score of 90 days ago beside health_score (NULL until scored), when everybody was last
    // scored (never, after the migration: the first Cooling off rescores), the cooling-off index and a
    // contact's open follow-ups by their own index.
    void coolingOffScores_data() { TestDatabase::addBackends(); }
    void coolingOffScores()
    {
        QFETCH(QString, backend);
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(backend);
        if (!loc && loc.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        QVERIFY(loc);
        auto db = Database::open(*loc, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
        QVERIFY(db);
        QVERIFY(Migrator(**db, Migrator::standardMigrations().mid(0, 6)).migrate());
        QCOMPARE(*(*db)->schemaVersion(), 6);
        for (const char *sql : { "INSERT INTO contacts (id, display_name, health_score, created_at, updated_at) VALUES "
                                 "(9, 'Ana', 40, 1, 1)",
                 "INSERT INTO interactions (contact_id, channel, direction, occurred_at, created_at, updated_at) "
                 "VALUES (9, 'call', 'inbound', 1000, 1, 1)",
                 "INSERT INTO follow_ups (contact_id, due_at, created_at, updated_at) VALUES (9, 5, 1, 1)" })
            QVERIFY((*db)->exec(QString::fromLatin1(sql), QStringLiteral("test")));
        Result<MigrationReport> report = Migrator(**db).migrate();
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QVERIFY(Migrator::latestVersion() >= 7);
        QSqlQuery q((*db)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT health_score, health_then FROM contacts WHERE id = 9")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 40);
        QVERIFY(q.value(1).isNull());
        QVERIFY(!HealthRepository::scoredAt(**db)->isValid());
        const QString indexes = backend == u"postgres"
            ? QStringLiteral("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                             "AND indexname IN ('contacts_live_cooling', 'follow_ups_contact_open')")
            : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' "
                             "AND name IN ('contacts_live_cooling', 'follow_ups_contact_open')");
        QVERIFY(q.exec(indexes));
        int found = 0;
        while (q.next())
            ++found;
        QCOMPARE(found, 2);
        if (backend == u"sqlite") {
            // The profile's open follow-ups read the new index (they walked every open follow-up before).
            QVERIFY(q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM follow_ups f WHERE f.contact_id = 9 "
                                          "AND f.done_at IS NULL AND f.deleted_at IS NULL ORDER BY f.due_at, f.id")));
            QString plan;
            while (q.next())
                plan += q.value(3).toString() + u'\n';
            QVERIFY2(plan.contains(QStringLiteral("follow_ups_contact_open")), qPrintable(plan));
        }
        // The first rescoring writes both scores and notes the time.
        QCOMPARE(*HealthRepository::rescoreIfStale(**db), true);
        QVERIFY(HealthRepository::scoredAt(**db)->isValid());
        QVERIFY(q.exec(QStringLiteral("SELECT health_then FROM contacts WHERE id = 9")));
        QVERIFY(q.next());
        QVERIFY(!q.value(0).isNull()); // a call in 1970 is known 90 days ago
    }

    // Version 10 counts what is already there into the dashboard's rollups (v13 per month, v16 per contact and
    // month), and the triggers count what comes.
    void dashboardRollups_data() { TestDatabase::addBackends(); }
    void dashboardRollups()
    {
        QFETCH(QString, backend);
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(backend);
        if (!loc && loc.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        QVERIFY(loc);
        auto db = Database::open(*loc, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
        QVERIFY(db);
        QVERIFY(Migrator(**db, Migrator::standardMigrations().mid(0, 9)).migrate());
        QCOMPARE(*(*db)->schemaVersion(), 9);
        const qint64 day = 20000; // 2024-10-04 (UTC)
        for (const QString &sql :
            { QStringLiteral("INSERT INTO users (id, name, login, created_at, updated_at) VALUES (3, 'Ana', 'ana', 1, 1)"),
                QStringLiteral("INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (9, 'Ben', 1, 1)"),
                QStringLiteral("INSERT INTO campaigns (id, name, created_at, updated_at) VALUES (4, 'Launch', 1, 1)"),
                QStringLiteral("INSERT INTO interactions (contact_id, user_id, channel, direction, occurred_at, "
                               "created_at, updated_at) VALUES (9, 3, 'call', 'inbound', %1, 1, 1), "
                               "(9, 3, 'call', 'inbound', %2, 1, 1), (9, NULL, 'email', 'outbound', %2, 1, 1)")
                    .arg(day * 86400000 + 5)
                    .arg(day * 86400000 + 86399999),
                QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, created_at, "
                               "updated_at, deleted_at) VALUES (9, 'call', 'inbound', %1, 1, 1, 2)")
                    .arg(day * 86400000),
                QStringLiteral("INSERT INTO pitches (id, campaign_id, contact_id, user_id, status, pitched_at, replied_at, "
                               "created_at, updated_at) VALUES (7, 4, 9, 3, 'replied', %1, %2, 1, 1)")
                    .arg(day * 86400000)
                    .arg(day * 86400000 + 3 * 86400000),
                QStringLiteral("INSERT INTO coverage (campaign_id, pitch_id, title, published_at, reach, sentiment, "
                               "created_at, updated_at) VALUES (4, 7, 'Piece', %1, 500, 1, 1, 1)")
                    .arg(day * 86400000 + 7) })
            QVERIFY((*db)->exec(sql, QStringLiteral("test")));
        Result<MigrationReport> report = Migrator(**db).migrate();
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QVERIFY(*(*db)->schemaVersion() >= 10);
        const auto rows = [&](const QString &sql) {
            QSqlQuery q((*db)->connection());
            QStringList out;
            if (!q.exec(sql))
                return QStringList { q.lastError().text() };
            while (q.next()) {
                QStringList cells;
                for (int c = 0; c < q.record().count(); ++c)
                    cells << q.value(c).toString();
                out << cells.join(u' ');
            }
            return out;
        };
        const QString sel = QStringLiteral(
            "SELECT day, channel, direction, user_id, campaign_id, with_contact, synced, n FROM interaction_rollup "
            "WHERE n <> 0 ORDER BY day, channel");
        QCOMPARE(rows(sel), (QStringList { QStringLiteral("20000 call inbound 3 0 1 0 2"),
                                QStringLiteral("20000 email outbound 0 0 1 0 1") }));
        QCOMPARE(rows(QStringLiteral("SELECT day, campaign_id, user_id, status, pitched, replied, n FROM pitch_rollup")),
            QStringList { QStringLiteral("20000 4 3 replied 1 1 1") });
        QCOMPARE(rows(QStringLiteral("SELECT day, campaign_id, user_id, sentiment, n, reach FROM coverage_rollup")),
            QStringList { QStringLiteral("20000 4 3 1 1 500") });
        // Version 13 adds them up per UTC month (keyed by its first day, 2024-10-01 = day 19997), the
        // interactions without their campaign.
        const QString months = QStringLiteral(
            "SELECT month, channel, direction, user_id, with_contact, synced, n FROM interaction_rollup_month "
            "WHERE n <> 0 ORDER BY month, channel");
        QCOMPARE(rows(months), (QStringList { QStringLiteral("19997 call inbound 3 1 0 2"),
                                   QStringLiteral("19997 email outbound 0 1 0 1") }));
        QCOMPARE(rows(QStringLiteral("SELECT month, campaign_id, user_id, status, pitched, replied, n FROM pitch_rollup_month")),
            QStringList { QStringLiteral("19997 4 3 replied 1 1 1") });
        QCOMPARE(rows(QStringLiteral("SELECT month, campaign_id, user_id, sentiment, n, reach FROM coverage_rollup_month")),
            QStringList { QStringLiteral("19997 4 3 1 1 500") });
        // Version 16 counts the live conversations per contact and month (the trashed call left out).
        const QString perContact
            = QStringLiteral("SELECT contact_id, month, n FROM contact_rollup_month WHERE n <> 0 ORDER BY month");
        QCOMPARE(rows(perContact), QStringList { QStringLiteral("9 19997 3") });
        // From now on the triggers keep them: a trashed call leaves one, in the day and in the month.
        QVERIFY((*db)->exec(QStringLiteral("UPDATE interactions SET deleted_at = 5 WHERE channel = 'call' "
                                           "AND occurred_at = %1")
                                .arg(day * 86400000 + 5),
            QStringLiteral("test")));
        QCOMPARE(rows(sel).value(0), QStringLiteral("20000 call inbound 3 0 1 0 1"));
        QCOMPARE(rows(months).value(0), QStringLiteral("19997 call inbound 3 1 0 1"));
        QCOMPARE(rows(perContact), QStringList { QStringLiteral("9 19997 2") });
        // A call moved to the next month (2024-11-01 = day 20028) leaves October and counts in November.
        QVERIFY((*db)->exec(QStringLiteral("UPDATE interactions SET occurred_at = %1 WHERE channel = 'email'")
                                .arg(qint64(20028) * 86400000 + 1000),
            QStringLiteral("test")));
        QCOMPARE(rows(months), (QStringList { QStringLiteral("19997 call inbound 3 1 0 1"),
                                   QStringLiteral("20028 email outbound 0 1 0 1") }));
        QCOMPARE(rows(perContact), (QStringList { QStringLiteral("9 19997 1"), QStringLiteral("9 20028 1") }));
    }

    // Version 14 adds who to pitch's two indexes on PostgreSQL only; SQLite records the version and gets nothing.
    void whoToPitchIndexes_data() { TestDatabase::addBackends(); }
    void whoToPitchIndexes()
    {
        QFETCH(QString, backend);
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(backend);
        if (!loc && loc.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        QVERIFY(loc);
        auto db = Database::open(*loc, Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
        QVERIFY(db);
        const QList<Migrator::Migration> all = Migrator::standardMigrations();
        const qsizetype v14 = std::find_if(all.cbegin(), all.cend(), [](const auto &m) { return m.version == 14; })
            - all.cbegin();
        QVERIFY(v14 < all.size());
        QVERIFY(Migrator(**db, all.mid(0, v14)).migrate());
        const QString count = backend == u"postgres"
            ? QStringLiteral("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() "
                             "AND indexname IN ('interactions_posts', 'contacts_pitchable')")
            : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN ('interactions_posts', "
                             "'contacts_pitchable')");
        auto indexes = [&] {
            QSqlQuery q((*db)->connection());
            return q.exec(count) && q.next() ? q.value(0).toInt() : -1;
        };
        QCOMPARE(indexes(), 0);
        Result<MigrationReport> report = Migrator(**db).migrate();
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(indexes(), backend == u"postgres" ? 2 : 0);
        QSqlQuery q((*db)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM rapport_schema WHERE version = 14")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void foreignKeysAreEnforced_data() { TestDatabase::addBackends(); }
    void foreignKeysAreEnforced()
    {
        OPEN_TEST_DATABASE(db);
        Status s
            = db->exec(QStringLiteral("INSERT INTO contacts (display_name, organization_id, created_at, updated_at) "
                                      "VALUES ('Nobody', 4242, 1, 1)"),
                QStringLiteral("adding a contact"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Conflict);
    }

    void otherDatabasesAreNotTouched()
    {
        const QString path = TestDatabase::tempDir() + QStringLiteral("/foreign.sqlite");
        {
            Result<std::unique_ptr<Database>> raw = Database::open(
                DatabaseLocation::sqlite(path), Database::OpenFlag::CreateIfMissing | Database::OpenFlag::NoMigrate);
            QVERIFY(raw.ok());
            QVERIFY((*raw)->exec(QStringLiteral("CREATE TABLE recipes (name TEXT)"), QStringLiteral("test")).ok());
        }
        Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(path));
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, Error::Code::Unsupported);
        QVERIFY(db.error().message.contains(QStringLiteral("not a Rapport database")));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
