// Light and dark palettes: chosen from the View menu, remembered, and readable (WCAG AA contrast).
#include "common/theme.h"
#include "core/clock.h"
#include "core/statuscolor.h"
#include "followups/followupsview.h"
#include "itemmodels/followupmodel.h"
#include "mainwindow.h"
#include "storage/contactrepository.h"
#include "storage/followuprepository.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QSettings>
#include <QTest>
#include <QTreeView>

namespace {

double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace

class TestTheme final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("RapportTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_theme"));
        QSettings().clear();
    }

    void readable_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("light") << int(Theme::Kind::Light);
        QTest::newRow("dark") << int(Theme::Kind::Dark);
    }
    void readable()
    {
        QFETCH(int, kind);
        Theme::apply(static_cast<Theme::Kind>(kind));
        const QPalette p = QApplication::palette();
        const std::pair<QPalette::ColorRole, QPalette::ColorRole> pairs[] = {
            {QPalette::Text, QPalette::Base},           {QPalette::Text, QPalette::AlternateBase},
            {QPalette::WindowText, QPalette::Window},   {QPalette::ButtonText, QPalette::Button},
            {QPalette::HighlightedText, QPalette::Highlight}, {QPalette::ToolTipText, QPalette::ToolTipBase},
        };
        for (const auto &[fg, bg] : pairs) {
            const double ratio = contrast(p.color(QPalette::Active, fg), p.color(QPalette::Active, bg));
            QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("contrast %1 for roles %2/%3").arg(ratio).arg(fg).arg(bg)));
        }
        // Placeholder text is secondary but must still be legible (3:1, WCAG for large or incidental text).
        QVERIFY(contrast(p.color(QPalette::PlaceholderText), p.color(QPalette::Base)) >= 3.0);
    }

    // Issue 10: the overdue red (#c01c28) was 2.6:1 on the dark base. Status colours follow the theme and keep
    // 4.5:1 on Base and AlternateBase in both.
    void statusColoursReadable_data() { readable_data(); }
    void statusColoursReadable()
    {
        QFETCH(int, kind);
        Theme::apply(static_cast<Theme::Kind>(kind));
        const QPalette p = QApplication::palette();
        for (const QColor &c : { StatusColor::danger(p), StatusColor::success(p) }) {
            for (QPalette::ColorRole bg : { QPalette::Base, QPalette::AlternateBase }) {
                const double ratio = contrast(c, p.color(QPalette::Active, bg));
                QVERIFY2(ratio >= 4.5,
                    qPrintable(QStringLiteral("contrast %1 of %2 on role %3").arg(ratio).arg(c.name()).arg(bg)));
            }
        }
    }

    // The Follow-ups section's overdue time, as drawn on the dark theme.
    void overdueReadableOnDark()
    {
        FixedClock clock(QDateTime(QDate(2026, 11, 18), QTime(10, 0)));
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        Contact c;
        c.displayName = QStringLiteral("Ada");
        QVERIFY(ContactRepository(**db).create(c));
        FollowUp f;
        f.contactId = c.id;
        f.assigneeId = (*db)->currentUserId();
        f.dueAt = Clock::now().addDays(-2);
        f.note = QStringLiteral("Late");
        QVERIFY(FollowUpRepository(**db).create(f));
        Theme::apply(Theme::Kind::Dark);
        MainWindow window(**db);
        window.show();
        window.showSection(MainWindow::Section::FollowUps);
        FollowUpsView *view = window.followUpsView();
        QTRY_COMPARE(view->idsIn(FollowUp::Bucket::Overdue), QList<qint64> { f.id });
        const QModelIndex overdue = view->treeView()->model()->index(0, 0);
        const QModelIndex due = view->treeView()->model()->index(0, FollowUpModel::DueColumn, overdue);
        auto colourOf = [](const QVariant &v) {
            return v.typeId() == QMetaType::QBrush ? v.value<QBrush>().color() : v.value<QColor>();
        };
        const QColor red = colourOf(due.data(Qt::ForegroundRole));
        QVERIFY(red.isValid());
        const QPalette p = QApplication::palette();
        for (QPalette::ColorRole bg : { QPalette::Base, QPalette::AlternateBase }) {
            const double ratio = contrast(red, p.color(QPalette::Active, bg));
            QVERIFY2(ratio >= 4.5,
                qPrintable(QStringLiteral("overdue %1 on %2: %3").arg(red.name(), p.color(bg).name()).arg(ratio)));
        }
        Theme::apply(Theme::Kind::Light);
        const QColor light = colourOf(due.data(Qt::ForegroundRole));
        QVERIFY(contrast(light, QApplication::palette().color(QPalette::Base)) >= 4.5);
    }

    void chosenFromTheMenuAndRemembered()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        Theme::apply(Theme::Kind::Light);
        MainWindow window(**db);
        auto *dark = window.findChild<QAction *>(QStringLiteral("darkThemeAction"));
        QVERIFY(dark);
        dark->trigger();
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QCOMPARE(Theme::current(), Theme::Kind::Dark);
        QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("dark"));
        window.findChild<QAction *>(QStringLiteral("lightThemeAction"))->trigger();
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
