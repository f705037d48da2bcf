// The PDF client report: its text (pdftotext) and page count (pdfinfo) for a client, a campaign, an empty
// period and twenty years; a read-only file system and a full disk give a clear message and leave no file;
// the File → Report… dialog writes the same report.
#include "common/filedialog.h"
#include "core/clock.h"
#include "dashboardfixture.h"
#include "mainwindow.h"
#include "report/reportdialog.h"
#include "report/reportwriter.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QProgressBar>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace DashboardFixture;

namespace {

QString pdfText(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), path, QStringLiteral("-") });
    p.waitForFinished(20000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), { path });
    p.waitForFinished(20000);
    for (const QString &line : QString::fromUtf8(p.readAllStandardOutput()).split(u'\n'))
        if (line.startsWith(QStringLiteral("Pages:")))
            return line.mid(6).trimmed().toInt();
    return -1;
}

bool run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// A small tmpfs (as in tst_databasefiles): the honest way to fill a disk or make a file system read-only.
class TinyFileSystem
{
public:
    explicit TinyFileSystem(const QString &size)
    {
        if (geteuid() == 0)
            m_mounted = run(QStringLiteral("mount"),
                { QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=") + size,
                    QStringLiteral("tmpfs"), m_dir.path() });
    }
    ~TinyFileSystem()
    {
        if (m_mounted)
            run(QStringLiteral("umount"), { QStringLiteral("-l"), m_dir.path() });
    }
    bool mounted() const { return m_mounted; }
    QString path(const QString &name) const { return m_dir.path() + u'/' + name; }
    bool remount(const QString &options)
    {
        return run(
            QStringLiteral("mount"), { QStringLiteral("-o"), QStringLiteral("remount,") + options, m_dir.path() });
    }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

} // namespace

class TestReportWriter final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<Database> m_db;
    QTemporaryDir m_dir;

    ReportWriter::Request clientRequest() const
    {
        ReportWriter::Request r;
        r.clientId = kClient;
        r.from = QDate(2026, 10, 20);
        r.to = QDate(2026, 11, 18);
        r.agencyName = QStringLiteral("Northwind Communications");
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        m_clock = std::make_unique<FixedClock>(kNow.toUTC());
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        QVERIFY(UserRepository(*m_db).ensureUser(QStringLiteral("me"), QStringLiteral("Mia Manager")));
        QVERIFY(populate(*m_db));
    }

    void clientReport()
    {
        const QString path = m_dir.filePath(QStringLiteral("acme.pdf"));
        ReportWriter writer(*m_db);
        const Status s = writer.writeReport(clientRequest(), path);
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
        QCOMPARE(pdfPages(path), 5); // cover, summary, pitches, outlets and conversations, coverage
        const QString text = pdfText(path).simplified(); // sentences wrap over lines
        for (const QString &expected :
            { QStringLiteral("Northwind Communications"), QStringLiteral("Coverage and engagement report"),
                QStringLiteral("Acme Robotics"), QStringLiteral("Summary"), QStringLiteral("sent 2 pitches"),
                QStringLiteral("50.0 % of the pitches had a reply within 14 days"),
                QStringLiteral("2 pieces of coverage with a combined reach of 520,000"),
                QStringLiteral("The outlet with the most coverage was Daily Planet"), QStringLiteral("Pitch funnel"),
                QStringLiteral("Top outlets"), QStringLiteral("Acme rockets ahead"), QStringLiteral("Acme tested"),
                QStringLiteral("https://dailyplanet.example/acme-rockets"), QStringLiteral("Tech Weekly"),
                QStringLiteral("positive"), QStringLiteral("neutral"), QStringLiteral("Page 5") })
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + text));
        // The charts are vector drawings: their labels are text in the PDF.
        QVERIFY(text.contains(QStringLiteral("Planned")));
        QVERIFY(text.contains(QStringLiteral("Interested")));
        // Look at the pages: pdftoppm renders them (kept beside the PDF for a human to open).
        QVERIFY(run(QStringLiteral("pdftoppm"),
            { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("40"), path,
                m_dir.filePath(QStringLiteral("page")) }));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("page-2.png"))));
    }

    void campaignReportAndEmptyPeriods()
    {
        ReportWriter writer(*m_db);
        ReportWriter::Request r = clientRequest();
        r.clientId = 0;
        r.campaignId = kCampaign;
        const QString path = m_dir.filePath(QStringLiteral("launch.pdf"));
        QVERIFY(writer.writeReport(r, path));
        QVERIFY(pdfText(path).contains(QStringLiteral("Acme Launch")));

        // A period with nothing in it: an honest, complete report.
        r.from = QDate(2001, 1, 1);
        r.to = QDate(2001, 1, 31);
        const QString empty = m_dir.filePath(QStringLiteral("empty.pdf"));
        QVERIFY(writer.writeReport(r, empty));
        const QString text = pdfText(empty);
        QVERIFY(text.contains(QStringLiteral("No coverage was recorded in this period.")));
        QVERIFY(text.contains(QStringLiteral("No pitches in this period.")));

        // Twenty years: 241 months on the time charts, still a report.
        r.from = QDate(2006, 11, 19);
        r.to = QDate(2026, 11, 18);
        const QString twenty = m_dir.filePath(QStringLiteral("twenty.pdf"));
        QVERIFY(writer.writeReport(r, twenty));
        QVERIFY(pdfPages(twenty) >= 5);

        // Bad requests say why.
        r.campaignId = 999;
        Status missing = writer.writeReport(r, m_dir.filePath(QStringLiteral("missing.pdf")));
        QVERIFY(!missing);
        QCOMPARE(missing.error().message, QStringLiteral("There is no campaign 999."));
        r.clientId = kClient;
        QVERIFY(!writer.writeReport(r, m_dir.filePath(QStringLiteral("both.pdf"))));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing.pdf"))));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("both.pdf"))));
        Status noFolder = writer.writeReport(clientRequest(), m_dir.filePath(QStringLiteral("nowhere/report.pdf")));
        QVERIFY(!noFolder);
        QVERIFY(noFolder.error().message.contains(QStringLiteral("does not exist")));
    }

    void readOnlyAndFullDiskLeaveNothing()
    {
        TinyFileSystem fs(QStringLiteral("64k"));
        if (!fs.mounted())
            QSKIP("mounting a tmpfs needs root");
        ReportWriter writer(*m_db);
        // Full: the report is larger than 64 KiB of room once the disk holds a filler.
        QFile filler(fs.path(QStringLiteral("filler")));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        filler.write(QByteArray(40 * 1024, 'x'));
        filler.close();
        const QString full = fs.path(QStringLiteral("full.pdf"));
        const Status s = writer.writeReport(clientRequest(), full);
        QVERIFY(!s);
        QVERIFY2(
            s.error().message.startsWith(QStringLiteral("Could not write full.pdf:")), qPrintable(s.error().message));
        QVERIFY(!QFile::exists(full));
        QCOMPARE(
            QDir(fs.path(QString())).entryList(QDir::Files | QDir::Hidden), QStringList { QStringLiteral("filler") });

        QVERIFY(fs.remount(QStringLiteral("ro")));
        const QString readOnly = fs.path(QStringLiteral("ro.pdf"));
        const Status r = writer.writeReport(clientRequest(), readOnly);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("read-only")), qPrintable(r.error().message));
        QVERIFY(!QFile::exists(readOnly));
    }

    void fromTheWindow()
    {
        MainWindow window(*m_db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        ReportDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ReportDialog *>()));
        QTRY_VERIFY(dialog->isVisible());
        const QString path = m_dir.filePath(QStringLiteral("from-window.pdf"));
        FileDialog::setNextFileName(path);
        QSignalSpy finished(dialog, &ReportDialog::reportFinished);
        auto *save = dialog->findChild<QPushButton *>(QStringLiteral("savePdfButton"));
        auto *progress = dialog->findChild<QProgressBar *>(QStringLiteral("reportProgressBar"));
        auto *cancel = dialog->findChild<QPushButton *>(QStringLiteral("cancelReportButton"));
        QVERIFY(save && progress && cancel);
        QVERIFY(!progress->isVisible());
        QTest::mouseClick(save, Qt::LeftButton);
        // Written off the GUI thread: the click returns at once, with the progress and Cancel shown and Save off
        // until the report is done.
        QVERIFY(dialog->isSaving());
        QVERIFY(progress->isVisible());
        QVERIFY(cancel->isVisible());
        QVERIFY(!save->isEnabled());
        QVERIFY(!QFile::exists(path));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY2(QFile::exists(path), qPrintable(dialog->statusText()));
        QVERIFY(dialog->statusText().startsWith(QStringLiteral("Saved ")));
        QVERIFY(!progress->isVisible());
        QVERIFY(save->isEnabled());
        const QString text = pdfText(path);
        QVERIFY(text.contains(QStringLiteral("Acme Robotics")));
        QVERIFY(text.contains(QStringLiteral("Northwind Communications")) || text.contains(QStringLiteral("Prepared by")));
        // The charts are replayed vector drawings: their titles and axis labels are text in the PDF.
        QVERIFY2(text.contains(QStringLiteral("Pitch funnel")) || text.contains(QStringLiteral("Planned")), qPrintable(text.left(2000)));
        QCOMPARE(pdfPages(path), 5);
        // The same report as the command line writes it (all on one thread): the same text and pages.
        const QString direct = m_dir.filePath(QStringLiteral("direct.pdf"));
        ReportWriter writer(*m_db);
        ReportWriter::Request r = clientRequest();
        r.from = QDate(2025, 11, 19);
        r.agencyName = QString();
        QVERIFY(writer.writeReport(r, direct));
        QCOMPARE(pdfPages(direct), pdfPages(path));

        // Cancel: the click stops the report at its next step, and no file is left behind; Esc cancels too.
        const QString canceled = m_dir.filePath(QStringLiteral("canceled.pdf"));
        FileDialog::setNextFileName(canceled);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(dialog->isSaving());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.last().first().toBool(), false);
        QVERIFY(!dialog->isSaving());
        QCOMPARE(dialog->statusText(), QStringLiteral("Canceled: nothing was saved."));
        QVERIFY(save->isEnabled());
        QTest::qWait(300); // the worker, if it was still reading, ends and its result is dropped
        QVERIFY(!QFile::exists(canceled));
        FileDialog::setNextFileName(canceled);
        QTest::mouseClick(save, Qt::LeftButton);
        QTest::keyClick(dialog, Qt::Key_Escape);
        QCOMPARE(finished.size(), 3);
        QVERIFY(dialog->isVisible()); // Esc canceled the report, not the dialog
        QTest::qWait(300);
        QVERIFY(!QFile::exists(canceled));
        // And saving again works.
        FileDialog::setNextFileName(canceled);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, 60000);
        QVERIFY(finished.last().first().toBool());
        QCOMPARE(pdfPages(canceled), 5);
    }
};

QTEST_MAIN(TestReportWriter)
#include "tst_reportwriter.moc"
