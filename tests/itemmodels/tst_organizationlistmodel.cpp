#include "itemmodels/organizationlistmodel.h"
#include "itemmodels/organizationpeoplemodel.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>

namespace {

constexpr int kOrganizations = 120;

struct Expected
{
    qint64 id = 0;
    QString name;
    QString kind;
    QString city;
    QString country;
    qint64 reach = 0;
    qint64 people = 0;
};

// Organizations whose sort keys repeat and are sometimes empty; some have people.
QList<Expected> fill(Database &db)
{
    OrganizationRepository repo(db);
    ContactRepository contacts(db);
    const QStringList kinds = Organization::kinds();
    const QStringList cities = {QStringLiteral("Berlin"), QStringLiteral("Oslo"), QString(), QStringLiteral("Austin")};
    QList<Expected> all;
    for (int i = 0; i < kOrganizations; ++i) {
        Organization o;
        o.name = QStringLiteral("%1 Outlet %2").arg(i % 3 ? QStringLiteral("Daily") : QStringLiteral("weekly"))
                     .arg((i * 37) % kOrganizations / 2, 3, 10, QLatin1Char('0'));
        o.kind = kinds.at((i * 5) % kinds.size());
        o.city = cities.at(i % cities.size());
        o.country = i % 5 == 0 ? QString() : QStringLiteral("Country %1").arg(i % 4);
        o.reach = i % 7 == 0 ? 0 : (i * 7919) % 1000;
        o.website = i == 17 ? QStringLiteral("https://www.findme.example/") : QString();
        if (Status s = repo.create(o); !s)
            qFatal("creating an organization failed: %s", qPrintable(s.error().message));
        Expected e{o.id, o.name, o.kind, o.city, o.country, o.reach, 0};
        for (int p = 0; p < i % 4; ++p) {
            Contact c;
            c.displayName = QStringLiteral("Person %1-%2").arg(i).arg(p);
            c.organizationId = o.id;
            if (Status s = contacts.create(c); !s)
                qFatal("creating a contact failed: %s", qPrintable(s.error().message));
            ++e.people;
        }
        all.append(e);
    }
    return all;
}

} // namespace

class TestOrganizationListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sortsEveryColumn_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("column");
        for (const char *backend : {"sqlite", "postgres"}) {
            for (int column = 0; column < OrganizationListModel::ColumnCount; ++column)
                QTest::addRow("%s-%d", backend, column) << QString::fromLatin1(backend) << column;
        }
    }
    void sortsEveryColumn()
    {
        OPEN_TEST_DATABASE(db);
        QFETCH(int, column);
        const QList<Expected> expected = fill(*db);
        OrganizationListModel model(*db);
        model.setPaging(16, 2); // many small blocks: paging is exercised too
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.rowCount(), kOrganizations);

        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(column, order);
            QCOMPARE(model.rowCount(), kOrganizations);
            QList<qint64> ids;
            for (int row = 0; row < model.rowCount(); ++row)
                ids << model.index(row, 0).data(OrganizationListModel::IdRole).toLongLong();
            // Check the order against values computed from what was written, not from the SQL.
            QHash<qint64, Expected> byId;
            for (const Expected &e : expected)
                byId.insert(e.id, e);
            for (int row = 1; row < ids.size(); ++row) {
                const Expected &a = byId[ids.at(row - 1)];
                const Expected &b = byId[ids.at(row)];
                int cmp = 0;
                auto text = [](const QString &x, const QString &y) {
                    if (x.isEmpty() != y.isEmpty())
                        return x.isEmpty() ? 2 : -2; // empty last in both directions
                    return qBound(-1, x.compare(y, Qt::CaseInsensitive), 1);
                };
                switch (column) {
                case OrganizationListModel::NameColumn:
                    cmp = qBound(-1, a.name.compare(b.name, Qt::CaseInsensitive), 1);
                    break;
                case OrganizationListModel::KindColumn:
                    cmp = qBound(-1, OrganizationListModel::kindLabel(a.kind).compare(OrganizationListModel::kindLabel(b.kind)), 1);
                    break;
                case OrganizationListModel::CityColumn:
                    cmp = text(a.city, b.city);
                    break;
                case OrganizationListModel::CountryColumn:
                    cmp = text(a.country, b.country);
                    break;
                case OrganizationListModel::ReachColumn:
                    cmp = a.reach < b.reach ? -1 : a.reach > b.reach;
                    break;
                case OrganizationListModel::PeopleColumn:
                    cmp = a.people < b.people ? -1 : a.people > b.people;
                    break;
                default:
                    cmp = 0; // updated: all created within moments; the id breaks ties
                    break;
                }
                if (cmp == 2 || cmp == -2) {
                    QVERIFY2(cmp == -2, qPrintable(QStringLiteral("empty value before %1 at row %2").arg(b.id).arg(row)));
                    continue;
                }
                if (order == Qt::DescendingOrder)
                    cmp = -cmp;
                QVERIFY2(cmp <= 0, qPrintable(QStringLiteral("rows %1 and %2 out of order").arg(row - 1).arg(row)));
            }
            QVERIFY(model.cachedRowCount() <= 32);
        }
        const QModelIndex first = model.index(0, OrganizationListModel::PeopleColumn);
        const qint64 firstId = first.data(OrganizationListModel::IdRole).toLongLong();
        const auto it = std::find_if(expected.cbegin(), expected.cend(), [&](const Expected &e) { return e.id == firstId; });
        QCOMPARE(first.data(OrganizationListModel::SortRole).toLongLong(), it->people);
    }

    void searchNarrowsAndWidens_data() { TestDatabase::addBackends(); }
    void searchNarrowsAndWidens()
    {
        OPEN_TEST_DATABASE(db);
        fill(*db);
        OrganizationListModel model(*db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        model.setFilterText(QStringLiteral("WEEK"));
        QCOMPARE(model.rowCount(), kOrganizations / 3);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.index(row, 0).data().toString().startsWith(QStringLiteral("weekly")));
        model.setFilterText(QStringLiteral("week osl")); // every word must match: name and city
        QCOMPARE(model.rowCount(), 10);
        model.setFilterText(QStringLiteral("findme")); // the website counts
        QCOMPARE(model.rowCount(), 1);
        model.setFilterText(QStringLiteral("findme.example week"));
        QCOMPARE(model.rowCount(), 0);
        model.setFilterText(QStringLiteral("50% off")); // no SQL wildcards
        QCOMPARE(model.rowCount(), 0);
        model.setFilterText(QString());
        QCOMPARE(model.rowCount(), kOrganizations);
        QCOMPARE(reset.count(), 6);

        // A filter survives a sort and a refresh; an organization moved to the trash leaves the list.
        model.setFilterText(QStringLiteral("weekly"));
        model.sort(OrganizationListModel::CityColumn, Qt::DescendingOrder);
        QCOMPARE(model.rowCount(), kOrganizations / 3);
        const qint64 id = model.idAt(0);
        OrganizationRepository repo(*db);
        QVERIFY(repo.moveToTrash(id).ok());
        model.refresh();
        QCOMPARE(model.rowCount(), kOrganizations / 3 - 1);
        QCOMPARE(model.rowOf(id), -1);
        QVERIFY(!model.contains(id));
        QCOMPARE(model.totalCount(), kOrganizations - 1);
    }

    // Timings on a real database (e.g. a copy of the large demo): RAPPORT_BENCH_DB=/path/to/copy.sqlite.
    void timingsOnLargeDatabase()
    {
        const QString path = qEnvironmentVariable("RAPPORT_BENCH_DB");
        if (path.isEmpty())
            QSKIP("set RAPPORT_BENCH_DB to a SQLite database to time the list");
        auto opened = Database::open(DatabaseLocation::sqlite(path), Database::OpenFlag::None);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        Database &db = **opened;
        QElapsedTimer timer;
        timer.start();
        OrganizationListModel model(db);
        for (int row = 0; row < 40; ++row)
            model.index(row, 0).data();
        qInfo("open + first page: %lld ms for %d organizations", timer.elapsed(), model.rowCount());
        for (int column = 0; column < OrganizationListModel::ColumnCount; ++column) {
            for (Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
                timer.restart();
                model.sort(column, order);
                for (int row = 0; row < 40; ++row)
                    model.index(row, 0).data();
                qInfo("sort column %d %s + first page: %lld ms", column, order == Qt::AscendingOrder ? "asc" : "desc",
                    timer.elapsed());
            }
        }
        model.sort(OrganizationListModel::NameColumn, Qt::AscendingOrder);
        timer.restart();
        model.prepareSearch(); // what the view does once it is shown
        qInfo("preparing search: %lld ms", timer.elapsed());
        QList<qint64> times;
        for (const QString &query : {QStringLiteral("the summit"), QStringLiteral("berlin"), QStringLiteral("monthly oslo"),
                 QStringLiteral("xyz"), QStringLiteral("san francisco report")}) {
            for (qsizetype n = 1; n <= query.size(); ++n) {
                timer.restart();
                model.setFilterText(query.left(n));
                for (int row = 0; row < qMin(40, model.rowCount()); ++row)
                    model.index(row, 0).data();
                times << timer.nsecsElapsed() / 1000;
            }
            model.setFilterText(QString());
        }
        std::sort(times.begin(), times.end());
        qInfo("search keystroke + first page: median %lld us, p95 %lld us, max %lld us over %lld keystrokes",
            times.at(times.size() / 2), times.at(times.size() * 95 / 100), times.last(), qint64(times.size()));
    }

    void peopleModelListsRoles_data() { TestDatabase::addBackends(); }
    void peopleModelListsRoles()
    {
        OPEN_TEST_DATABASE(db);
        OrganizationRepository repo(*db);
        Organization o;
        o.name = QStringLiteral("Bugle");
        QVERIFY(repo.create(o).ok());
        ContactRepository contacts(*db);
        for (const auto &[name, role] : {std::pair{QStringLiteral("Zed Writer"), QStringLiteral("Columnist")},
                 std::pair{QStringLiteral("Amy Editor"), QStringLiteral("Editor in chief")}}) {
            Contact c;
            c.displayName = name;
            c.organizationId = o.id;
            c.organizationRole = role;
            QVERIFY(contacts.create(c).ok());
        }
        OrganizationPeopleModel model(*db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.rowCount(), 0);
        model.setOrganization(o.id);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, OrganizationPeopleModel::NameColumn).data().toString(), QStringLiteral("Amy Editor"));
        QCOMPARE(model.index(0, OrganizationPeopleModel::RoleColumn).data().toString(), QStringLiteral("Editor in chief"));
        QVERIFY(model.contactIdAt(1) > 0);
    }
};

QTEST_GUILESS_MAIN(TestOrganizationListModel)
#include "tst_organizationlistmodel.moc"
