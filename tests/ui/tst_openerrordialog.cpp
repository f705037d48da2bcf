// The message a person sees when the database cannot be opened at start-up.
#include "common/openerrordialog.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

class TestOpenErrorDialog final : public QObject
{
    Q_OBJECT

private slots:
    // Team mode is optional: the package only recommends libqt6sql6-psql. Opening a postgresql:// database without
    // Qt's PostgreSQL driver says what to install. Runs first: Qt finds the SQL drivers once, when the first
    // database is opened, and only from the library paths of that moment.
    void saysWhatToInstallWithoutThePostgresDriver()
    {
        const QStringList pluginPaths = QCoreApplication::libraryPaths();
        QTemporaryDir noPlugins;
        QVERIFY(noPlugins.isValid());
        QCoreApplication::setLibraryPaths({noPlugins.path()});
        const auto restore = qScopeGuard([&pluginPaths] { QCoreApplication::setLibraryPaths(pluginPaths); });
        QVERIFY(!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")));

        const QString url = QStringLiteral("postgresql://rapport@127.0.0.1:1/agency");
        Result<DatabaseLocation> location = DatabaseLocation::parse(url);
        QVERIFY(location.ok());
        Result<std::unique_ptr<Database>> db = Database::open(*location);
        QVERIFY(!db.ok());

        QString text;
        bool seen = false;
        QTimer::singleShot(0, this, [&]() {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            seen = true;
            text = box->text();
            box->button(QMessageBox::Close)->click();
        });
        OpenErrorDialog::exec(location->displayName(), db.error().message);
        QVERIFY(seen);
        QVERIFY2(text.contains(QStringLiteral("PostgreSQL driver")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("apt install libqt6sql6-psql")), qPrintable(text));
    }

    void showsTheReasonForACorruptFile()
    {
        const QString path = TestDatabase::tempDir() + QStringLiteral("/corrupt.sqlite");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, '\x7f'));
        f.close();
        Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(path));
        QVERIFY(!db.ok());

        QString text;
        QString informative;
        bool seen = false;
        // The dialog is modal: inspect and close it from the event loop it runs.
        QTimer::singleShot(0, this, [&]() {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            seen = true;
            text = box->text();
            informative = box->informativeText();
            QCOMPARE(box->objectName(), QStringLiteral("openErrorMessageBox"));
            box->button(QMessageBox::Close)->click();
        });
        OpenErrorDialog::exec(path, db.error().message);
        QVERIFY(seen);
        QVERIFY2(text.contains(QStringLiteral("not a Rapport database, or it is damaged")), qPrintable(text));
        QVERIFY(informative.contains(path));
        QVERIFY(informative.contains(QStringLiteral("Nothing in it was changed")));
    }
};

QTEST_MAIN(TestOpenErrorDialog)
#include "tst_openerrordialog.moc"
