// `rapport report` as a user runs it: without a display (no DISPLAY, no QT_QPA_PLATFORM), for a client and a
// campaign; the PDF's text and pages are checked; bad usage exits 2, a failure 1 with the reason, and no file.
#include "../ui/dashboardfixture.h"
#include "core/clock.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run rapport(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RAPPORT_BINARY), args);
    if (!p.waitForFinished(120'000))
        return {};
    return Run { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

QString pdfText(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), { path, QStringLiteral("-") });
    p.waitForFinished(20000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestReportCommand final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbPath;

private Q_SLOTS:
    void initTestCase()
    {
        m_dbPath = m_dir.filePath(QStringLiteral("agency.sqlite"));
        FixedClock clock(DashboardFixture::kNow.toUTC());
        auto db = Database::open(DatabaseLocation::sqlite(m_dbPath));
        QVERIFY(db);
        QVERIFY(UserRepository(**db).ensureUser(QStringLiteral("me"), QStringLiteral("Mia Manager")));
        QVERIFY(DashboardFixture::populate(**db));
    }

    void clientReportWithoutADisplay()
    {
        const QString out = m_dir.filePath(QStringLiteral("acme.pdf"));
        const Run r = rapport({ QStringLiteral("--db"), m_dbPath, QStringLiteral("report"), QStringLiteral("--client"),
            QStringLiteral("1"), QStringLiteral("--from"), QStringLiteral("2026-10-01"), QStringLiteral("--to"),
            QStringLiteral("2026-11-30"), QStringLiteral("--out"), out, QStringLiteral("--agency"),
            QStringLiteral("Northwind Communications") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("Wrote the report to ")));
        const QString text = pdfText(out);
        QVERIFY(text.contains(QStringLiteral("Northwind Communications")));
        QVERIFY(text.contains(QStringLiteral("Acme rockets ahead")));
        QVERIFY(text.contains(QStringLiteral("1 October 2026")));
    }

    void campaignReportAsJson()
    {
        const QString out = m_dir.filePath(QStringLiteral("launch.pdf"));
        const Run r
            = rapport({ QStringLiteral("--db"), m_dbPath, QStringLiteral("report"), QStringLiteral("--campaign"),
                QStringLiteral("1"), QStringLiteral("--from"), QStringLiteral("2026-10-01"), QStringLiteral("--to"),
                QStringLiteral("2026-11-30"), QStringLiteral("--out"), out, QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("\"bytes\"")));
        QVERIFY(pdfText(out).contains(QStringLiteral("Acme Launch")));
    }

    void badUsageAndFailures()
    {
        const QString out = m_dir.filePath(QStringLiteral("bad.pdf"));
        const QStringList period { QStringLiteral("--from"), QStringLiteral("2026-10-01"), QStringLiteral("--to"),
            QStringLiteral("2026-11-30"), QStringLiteral("--out"), out };
        Run r = rapport(QStringList { QStringLiteral("--db"), m_dbPath, QStringLiteral("report") } + period);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("either --client ID or --campaign ID")));
        r = rapport({ QStringLiteral("--db"), m_dbPath, QStringLiteral("report"), QStringLiteral("--client"),
            QStringLiteral("1"), QStringLiteral("--from"), QStringLiteral("yesterday"), QStringLiteral("--to"),
            QStringLiteral("2026-11-30"), QStringLiteral("--out"), out });
        QCOMPARE(r.exitCode, 2);
        r = rapport(QStringList { QStringLiteral("--db"), m_dbPath, QStringLiteral("report"),
                        QStringLiteral("--client"), QStringLiteral("77") }
            + period);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("There is no organization 77.")), qPrintable(r.err));
        r = rapport(QStringList { QStringLiteral("--db"), m_dir.filePath(QStringLiteral("none.sqlite")),
                        QStringLiteral("report"), QStringLiteral("--client"), QStringLiteral("1") }
            + period);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.sqlite"))));
    }
};

QTEST_GUILESS_MAIN(TestReportCommand)
#include "tst_reportcommand.moc"
