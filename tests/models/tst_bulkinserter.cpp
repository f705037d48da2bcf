#include "storage/bulkinserter.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

// BulkInserter on both backends (SQLite: through SQLite's C API on the driver's connection): every kind of value
// comes back as Qt SQL's own binding would store it (a null QVariant and a null QString as NULL, an empty string
// as '', integers as integers, text in any script as UTF-8), full statements and the partial last one, and a
// refused row is an error naming the table that leaves the transaction to the caller.
class TestBulkInserter final : public QObject
{
    Q_OBJECT

    static QString createTable(Database &db)
    {
        const QString blob = db.isPostgres() ? u"BYTEA"_s : u"BLOB"_s;
        if (Status s = db.exec(u"CREATE TABLE bulk_values (id BIGINT PRIMARY KEY, t TEXT, n BIGINT, d DOUBLE "
                                u"PRECISION, b "_s
                    + blob + u", flag INTEGER, UNIQUE (t))"_s,
                u"test"_s);
            !s)
            qFatal("%s", qPrintable(s.error().message));
        return u"bulk_values"_s;
    }

private slots:
    void valuesRoundTrip_data() { TestDatabase::addBackends(); }
    void valuesRoundTrip()
    {
        OPEN_TEST_DATABASE(db);
        const QString table = createTable(*db);
        Transaction tx(*db);
        QVERIFY(tx.status().ok());
        // 66 rows a statement: 150 rows are two full statements and a partial one.
        BulkInserter ins(*db, table, { u"id"_s, u"t"_s, u"n"_s, u"d"_s, u"b"_s, u"flag"_s }, 66);
        const QString mixed = u"Zoë Ørsted — 東京 🙂 \"quoted\", 'single'"_s;
        // A bool into an integer column as QSQLITE binds it (PostgreSQL refuses a bool there).
        const QVariant yes = db->isPostgres() ? QVariant(1) : QVariant(true);
        const QVariant no = db->isPostgres() ? QVariant(0) : QVariant(false);
        QVERIFY(ins.add({ qint64(1), mixed, qint64(1) << 40, 2.5, QByteArray("\x00\x01\xff", 3), yes }).ok());
        QVERIFY(ins.add({ qint64(2), QString(), QVariant(QMetaType::fromType<qint64>()), QVariant(), QByteArray(), no })
                    .ok());
        QVERIFY(ins.add({ qint64(3), u""_s, -7, 0.0, QVariant(), 0 }).ok());
        for (int i = 4; i <= 150; ++i)
            QVERIFY(ins.add({ qint64(i), u"row %1"_s.arg(i), i, i / 4.0, QVariant(), i % 2 }).ok());
        QVERIFY(ins.finish().ok());
        QCOMPARE(ins.rowsWritten(), 150);
        QVERIFY(tx.commit().ok());

        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"SELECT id, t, t IS NULL, n, n IS NULL, d, b, b IS NULL, flag FROM bulk_values ORDER BY id"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), mixed);
        QCOMPARE(q.value(3).toLongLong(), qint64(1) << 40);
        QCOMPARE(q.value(5).toDouble(), 2.5);
        QCOMPARE(q.value(6).toByteArray(), QByteArray("\x00\x01\xff", 3));
        QCOMPARE(q.value(8).toInt(), 1);
        QVERIFY(q.next());
        QCOMPARE(q.value(2).toBool(), true); // null QString
        QCOMPARE(q.value(4).toBool(), true); // null qint64 (Sql::id(0))
        QCOMPARE(q.value(7).toBool(), true); // null QByteArray
        QCOMPARE(q.value(8).toInt(), 0);
        QVERIFY(q.next());
        QCOMPARE(q.value(2).toBool(), false); // the empty string is not NULL
        QCOMPARE(q.value(1).toString(), u""_s);
        QCOMPARE(q.value(3).toLongLong(), -7);
        int rows = 3;
        while (q.next()) {
            ++rows;
            QCOMPARE(q.value(1).toString(), u"row %1"_s.arg(q.value(0).toInt()));
            QCOMPARE(q.value(3).toInt(), q.value(0).toInt());
        }
        QCOMPARE(rows, 150);
        // SQLite stored the text as text (not a blob), so SQL's string functions see the characters.
        if (!db->isPostgres()) {
            QVERIFY(q.exec(u"SELECT typeof(t), length(t) FROM bulk_values WHERE id = 1"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"text"_s);
            QCOMPARE(q.value(1).toInt(), int(QStringView(mixed).toUcs4().size()));
        }
    }

    void refusedRowIsAnError_data() { TestDatabase::addBackends(); }
    void refusedRowIsAnError()
    {
        OPEN_TEST_DATABASE(db);
        const QString table = createTable(*db);
        {
            Transaction tx(*db);
            QVERIFY(tx.status().ok());
            BulkInserter ins(*db, table, { u"id"_s, u"t"_s }, 10);
            QVERIFY(ins.add({ qint64(1), u"a"_s }).ok());
            QVERIFY(ins.add({ qint64(2), u"b"_s }).ok());
            QVERIFY(ins.add({ qint64(3), u"a"_s }).ok()); // buffered: nothing runs yet
            const Status s = ins.finish();
            QVERIFY(!s.ok());
            QCOMPARE(s.error().code, Error::Code::Conflict);
            QVERIFY2(s.error().message.contains(table), qPrintable(s.error().message));
        } // not committed: rolled back
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"SELECT count(*) FROM bulk_values"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        // The next load on the same connection works (the failed statement was reset and released).
        Transaction tx(*db);
        BulkInserter ins(*db, table, { u"id"_s, u"t"_s }, 10);
        QVERIFY(ins.add({ qint64(1), u"a"_s }).ok());
        QVERIFY(ins.finish().ok());
        QVERIFY(tx.commit().ok());
        QVERIFY(q.exec(u"SELECT count(*) FROM bulk_values"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBulkInserter)
#include "tst_bulkinserter.moc"
