#include "domain/naturaldate.h"

#include <QTest>

// The dates a person types in the quick log, read against a fixed "now" (Friday 20 November 2026, 10:15).
class TestNaturalDate final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_now = QDateTime(QDate(2026, 11, 20), QTime(10, 15));

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDate today(2026, 11, 20);
        QTest::newRow("now") << QStringLiteral("now") << m_now;
        QTest::newRow("Now, any case") << QStringLiteral("  NOW ") << m_now;
        QTest::newRow("yesterday 15:00") << QStringLiteral("yesterday 15:00") << QDateTime(today.addDays(-1), QTime(15, 0));
        QTest::newRow("today 9:30") << QStringLiteral("today 9:30") << QDateTime(today, QTime(9, 30));
        QTest::newRow("Today at 9:30") << QStringLiteral("Today at 9:30") << QDateTime(today, QTime(9, 30));
        QTest::newRow("tomorrow") << QStringLiteral("tomorrow") << QDateTime(today.addDays(1), QTime(12, 0));
        QTest::newRow("time only") << QStringLiteral("14:45") << QDateTime(today, QTime(14, 45));
        QTest::newRow("3pm") << QStringLiteral("3pm") << QDateTime(today, QTime(15, 0));
        QTest::newRow("yesterday 9 am") << QStringLiteral("yesterday 9 am") << QDateTime(today.addDays(-1), QTime(9, 0));
        QTest::newRow("12 am is midnight") << QStringLiteral("today 12am") << QDateTime(today, QTime(0, 0));
        QTest::newRow("iso") << QStringLiteral("2026-11-20 14:00") << QDateTime(today, QTime(14, 0));
        QTest::newRow("iso date only") << QStringLiteral("2026-03-01") << QDateTime(QDate(2026, 3, 1), QTime(12, 0));
        QTest::newRow("dotted") << QStringLiteral("3.11.2026 8:05") << QDateTime(QDate(2026, 11, 3), QTime(8, 5));
        QTest::newRow("dotted without year") << QStringLiteral("3.11. 8:05") << QDateTime(QDate(2026, 11, 3), QTime(8, 5));
        QTest::newRow("slashed") << QStringLiteral("11/3/2026 17:00") << QDateTime(QDate(2026, 11, 3), QTime(17, 0));
        QTest::newRow("comma") << QStringLiteral("yesterday, 15:00") << QDateTime(today.addDays(-1), QTime(15, 0));
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const auto parsed = NaturalDate::parse(text, m_now);
        QVERIFY2(parsed.has_value(), qPrintable(text));
        QCOMPARE(*parsed, expected);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("words") << QStringLiteral("next blue moon");
        QTest::newRow("bare number") << QStringLiteral("15");
        QTest::newRow("bad hour") << QStringLiteral("today 25:00");
        QTest::newRow("bad minute") << QStringLiteral("today 10:75");
        QTest::newRow("bad day") << QStringLiteral("2026-02-30 10:00");
        QTest::newRow("13 pm") << QStringLiteral("13pm");
        QTest::newRow("trailing junk") << QStringLiteral("today 10:00 sharp");
    }
    void rejects()
    {
        QFETCH(QString, text);
        QVERIFY(!NaturalDate::parse(text, m_now).has_value());
    }

    void formatReadsBack()
    {
        for (const QDateTime &when : { QDateTime(QDate(2026, 11, 20), QTime(14, 5)),
                 QDateTime(QDate(2026, 11, 19), QTime(9, 0)), QDateTime(QDate(2026, 11, 21), QTime(18, 30)),
                 QDateTime(QDate(2025, 1, 2), QTime(7, 45)) }) {
            const QString text = NaturalDate::format(when, m_now);
            const auto back = NaturalDate::parse(text, m_now);
            QVERIFY2(back.has_value(), qPrintable(text));
            QCOMPARE(*back, when);
        }
        QCOMPARE(NaturalDate::format(QDateTime(QDate(2026, 11, 20), QTime(14, 5)), m_now), QStringLiteral("today 14:05"));
    }
};

QTEST_GUILESS_MAIN(TestNaturalDate)
#include "tst_naturaldate.moc"
