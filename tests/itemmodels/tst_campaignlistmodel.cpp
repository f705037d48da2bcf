#include "domain/text.h"
#include "itemmodels/campaignlistmodel.h"
#include "storage/campaignrepository.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <tuple>

namespace {

constexpr int kCampaigns = 40;

// What the test expects of a campaign, computed here, independently of the SQL.
struct Expected
{
    qint64 id = 0;
    QString name;
    qint64 clientId = 0;
    QString client;
    QString status;
    qint64 ownerId = 0;
    QString owner;
    QDateTime startsAt;
    QDateTime endsAt;
    QString description;
    qint64 onList = 0, pitched = 0, replied = 0, covered = 0, reach = 0;
    bool trashed = false;
};

struct Fixture
{
    QList<Expected> campaigns;
    QList<qint64> clients;
    QList<qint64> owners;
};

Fixture fill(Database &db)
{
    Fixture f;
    OrganizationRepository orgs(db);
    for (const QString &name :
        { QStringLiteral("Acme Robotics"), QStringLiteral("Émile Foods"), QStringLiteral("bright Energy") }) {
        Organization o;
        o.name = name;
        o.kind = QStringLiteral("client");
        if (Status s = orgs.create(o); !s)
            qFatal("creating a client failed: %s", qPrintable(s.error().message));
        f.clients.append(o.id);
    }
    UserRepository users(db);
    QStringList ownerNames;
    for (const auto &[login, name] : { std::pair { QStringLiteral("zoe"), QStringLiteral("Zoe Zimmer") },
             std::pair { QStringLiteral("adam"), QStringLiteral("Adam Abel") } }) {
        Result<User> u = users.ensureUser(login, name);
        if (!u)
            qFatal("creating a user failed: %s", qPrintable(u.error().message));
        f.owners.append(u->id);
        ownerNames.append(name);
    }
    ContactRepository contacts(db);
    QList<qint64> people;
    for (int i = 0; i < 8; ++i) {
        Contact c;
        c.displayName = QStringLiteral("Person %1").arg(i);
        if (Status s = contacts.create(c); !s)
            qFatal("creating a contact failed: %s", qPrintable(s.error().message));
        people.append(c.id);
    }
    const QStringList clientNames
        = { QStringLiteral("Acme Robotics"), QStringLiteral("Émile Foods"), QStringLiteral("bright Energy") };
    CampaignRepository repo(db);
    const QDateTime base(QDate(2026, 1, 1), QTime(12, 0));
    for (int i = 0; i < kCampaigns; ++i) {
        Campaign c;
        c.name = QStringLiteral("%1 campaign %2")
                     .arg(i % 3 ? QStringLiteral("Spring") : QStringLiteral("autumn"))
                     .arg((i * 7) % 13);
        c.status = Campaign::statuses().at(i % 4);
        if (i % 5 != 0) {
            c.clientId = f.clients.at(i % 3);
        }
        if (i % 4 != 3)
            c.ownerId = f.owners.at(i % 2);
        if (i % 6 != 0) {
            c.startsAt = base.addDays((i * 11) % 50);
            if (i % 3 != 0)
                c.endsAt = c.startsAt.addDays(10 + i % 20);
        }
        c.description = i == 7 ? QStringLiteral("A study of the smart-home market.") : QStringLiteral("Plain.");
        if (Status s = repo.create(c); !s)
            qFatal("creating a campaign failed: %s", qPrintable(s.error().message));
        Expected e;
        e.id = c.id;
        e.name = c.name;
        e.clientId = c.clientId;
        e.client = c.clientId ? clientNames.at(i % 3) : QString();
        e.status = c.status;
        e.ownerId = c.ownerId;
        e.owner = c.ownerId ? ownerNames.at(i % 2) : QString();
        e.startsAt = c.startsAt;
        e.endsAt = c.endsAt;
        e.description = c.description;
        const QStringList statuses = Pitch::statuses();
        for (int p = 0; p < i % 7; ++p) {
            Result<Pitch> pitch = repo.addPitch(c.id, people.at(p));
            if (!pitch)
                qFatal("adding a pitch failed: %s", qPrintable(pitch.error().message));
            const QString status = statuses.at((i + p) % statuses.size());
            if (status != u"planned") {
                if (Status s = repo.setPitchStatus(pitch->id, status); !s)
                    qFatal("moving a pitch failed: %s", qPrintable(s.error().message));
            }
            ++e.onList;
            e.pitched += status != u"planned";
            e.replied += status != u"planned" && status != u"pitched";
            e.covered += status == u"covered";
        }
        // Coverage with known, unknown and trashed reach.
        for (int k = 0; k < i % 3; ++k) {
            QSqlQuery q(db.connection());
            q.prepare(
                QStringLiteral("INSERT INTO coverage (campaign_id, title, reach, created_at, updated_at, version, "
                               "deleted_at) VALUES (:c, :t, :r, 0, 0, 1, :d)"));
            const qint64 reach = k == 1 && i % 2 ? -1 : 1000 * (i + 1) + k;
            const bool trashed = i % 9 == 0 && k == 0;
            q.bindValue(QStringLiteral(":c"), c.id);
            q.bindValue(QStringLiteral(":t"), QStringLiteral("Article %1-%2").arg(i).arg(k));
            q.bindValue(QStringLiteral(":r"), reach < 0 ? QVariant() : QVariant(reach));
            q.bindValue(QStringLiteral(":d"), trashed ? QVariant(qint64(1)) : QVariant());
            if (!q.exec())
                qFatal("adding coverage failed");
            if (reach > 0 && !trashed)
                e.reach += reach;
        }
        if (i % 10 == 4) {
            if (Status s = repo.moveToTrash(c.id); !s)
                qFatal("trashing failed");
            e.trashed = true;
        }
        f.campaigns.append(e);
    }
    return f;
}

// Empty text last in both directions; the id breaks ties in the direction of the sort.
template <typename Key> QList<qint64> oracle(QList<Expected> rows, Key key, bool textKey, Qt::SortOrder order)
{
    std::sort(rows.begin(), rows.end(), [&](const Expected &a, const Expected &b) {
        const auto ka = key(a);
        const auto kb = key(b);
        if constexpr (std::is_same_v<decltype(ka), const QString>) {
            if (textKey && ka.isEmpty() != kb.isEmpty())
                return kb.isEmpty();
        }
        if (ka != kb)
            return order == Qt::AscendingOrder ? ka < kb : kb < ka;
        return order == Qt::AscendingOrder ? a.id < b.id : b.id < a.id;
    });
    QList<qint64> ids;
    for (const Expected &e : rows)
        ids.append(e.id);
    return ids;
}

QList<qint64> oracleFor(const QList<Expected> &rows, int column, Qt::SortOrder order)
{
    const auto ms = [](const QDateTime &t) { return t.isValid() ? t.toMSecsSinceEpoch() : qint64(0); };
    switch (column) {
    case CampaignListModel::NameColumn:
        return oracle(
            rows, [](const Expected &e) { return e.name.toLower(); }, false, order);
    case CampaignListModel::ClientColumn: {
        // By client (none last), then by name, then by id, all in the sort's direction.
        QList<Expected> sorted = rows;
        const bool asc = order == Qt::AscendingOrder;
        std::sort(sorted.begin(), sorted.end(), [asc](const Expected &a, const Expected &b) {
            if (a.client.isEmpty() != b.client.isEmpty())
                return b.client.isEmpty();
            const auto ka = std::tuple(a.client.toLower(), a.name.toLower(), a.id);
            const auto kb = std::tuple(b.client.toLower(), b.name.toLower(), b.id);
            return asc ? ka < kb : kb < ka;
        });
        QList<qint64> ids;
        for (const Expected &e : sorted)
            ids.append(e.id);
        return ids;
    }
    case CampaignListModel::StatusColumn:
        return oracle(
            rows, [](const Expected &e) { return qint64(Campaign::statuses().indexOf(e.status)); }, false, order);
    case CampaignListModel::OwnerColumn:
        return oracle(
            rows, [](const Expected &e) { return e.owner.toLower(); }, true, order);
    case CampaignListModel::StartsColumn:
        return oracle(
            rows, [&](const Expected &e) { return ms(e.startsAt); }, false, order);
    case CampaignListModel::EndsColumn:
        return oracle(
            rows, [&](const Expected &e) { return ms(e.endsAt); }, false, order);
    case CampaignListModel::OnListColumn:
        return oracle(
            rows, [](const Expected &e) { return e.onList; }, false, order);
    case CampaignListModel::PitchedColumn:
        return oracle(
            rows, [](const Expected &e) { return e.pitched; }, false, order);
    case CampaignListModel::RepliedColumn:
        return oracle(
            rows, [](const Expected &e) { return e.replied; }, false, order);
    case CampaignListModel::CoveredColumn:
        return oracle(
            rows, [](const Expected &e) { return e.covered; }, false, order);
    case CampaignListModel::ReachColumn:
        return oracle(
            rows, [](const Expected &e) { return e.reach; }, false, order);
    }
    return {};
}

QList<qint64> modelIds(const CampaignListModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(CampaignListModel::IdRole).toLongLong());
    return ids;
}

QList<Expected> live(const QList<Expected> &all)
{
    QList<Expected> result;
    std::copy_if(all.cbegin(), all.cend(), std::back_inserter(result), [](const Expected &e) { return !e.trashed; });
    return result;
}

} // namespace

class TestCampaignListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sortsEveryColumnWithItsFigures_data() { TestDatabase::addBackends(); }
    void sortsEveryColumnWithItsFigures()
    {
        OPEN_TEST_DATABASE(db);
        const Fixture f = fill(*db);
        CampaignListModel model(*db);
        model.setPaging(7, 2); // several blocks, evicted while reading
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QList<Expected> rows = live(f.campaigns);
        QCOMPARE(model.rowCount(), rows.size());
        for (int column = 0; column < CampaignListModel::ColumnCount; ++column) {
            for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
                model.sort(column, order);
                QCOMPARE(modelIds(model), oracleFor(rows, column, order));
            }
        }
        // Every row's figures, as computed here.
        for (int row = 0; row < model.rowCount(); ++row) {
            const qint64 id = model.index(row, 0).data(CampaignListModel::IdRole).toLongLong();
            const Expected &e
                = *std::find_if(rows.cbegin(), rows.cend(), [id](const Expected &x) { return x.id == id; });
            const auto value
                = [&](int column) { return model.index(row, column).data(CampaignListModel::SortRole).toLongLong(); };
            QCOMPARE(value(CampaignListModel::OnListColumn), e.onList);
            QCOMPARE(value(CampaignListModel::PitchedColumn), e.pitched);
            QCOMPARE(value(CampaignListModel::RepliedColumn), e.replied);
            QCOMPARE(value(CampaignListModel::CoveredColumn), e.covered);
            QCOMPARE(value(CampaignListModel::ReachColumn), e.reach);
            QCOMPARE(model.index(row, CampaignListModel::ClientColumn).data().toString(), e.client);
            QCOMPARE(model.index(row, CampaignListModel::OwnerColumn).data().toString(), e.owner);
            QCOMPARE(model.index(row, CampaignListModel::StatusColumn).data(CampaignListModel::StatusRole).toString(),
                e.status);
        }
    }

    void filtersAndSearches_data() { TestDatabase::addBackends(); }
    void filtersAndSearches()
    {
        OPEN_TEST_DATABASE(db);
        const Fixture f = fill(*db);
        CampaignListModel model(*db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.sort(CampaignListModel::NameColumn, Qt::AscendingOrder);
        const QList<Expected> rows = live(f.campaigns);
        const auto expect = [&](const std::function<bool(const Expected &)> &keep, const QList<Expected> &from) {
            QList<Expected> kept;
            std::copy_if(from.cbegin(), from.cend(), std::back_inserter(kept), keep);
            return oracleFor(kept, CampaignListModel::NameColumn, Qt::AscendingOrder);
        };

        CampaignListFilter filter;
        filter.clientId = f.clients.at(1);
        model.setFilter(filter);
        QCOMPARE(modelIds(model), expect([&](const Expected &e) { return e.clientId == f.clients.at(1); }, rows));

        filter = {};
        filter.status = QStringLiteral("active");
        filter.ownerId = f.owners.at(0);
        model.setFilter(filter);
        QCOMPARE(modelIds(model),
            expect([&](const Expected &e) { return e.status == u"active" && e.ownerId == f.owners.at(0); }, rows));

        // Running at some time in [from, to]; without dates a campaign runs always.
        filter = {};
        filter.from = QDate(2026, 1, 20);
        filter.to = QDate(2026, 1, 31);
        model.setFilter(filter);
        const qint64 fromMs = QDate(2026, 1, 20).startOfDay().toMSecsSinceEpoch();
        const qint64 toMs = QDate(2026, 2, 1).startOfDay().toMSecsSinceEpoch();
        QCOMPARE(modelIds(model),
            expect(
                [&](const Expected &e) {
                    return (!e.endsAt.isValid() || e.endsAt.toMSecsSinceEpoch() >= fromMs)
                        && (!e.startsAt.isValid() || e.startsAt.toMSecsSinceEpoch() < toMs);
                },
                rows));
        QVERIFY(model.rowCount() > 0 && model.rowCount() < rows.size());

        // Search as you type: name, client (accents ignored) and description, every word.
        model.setFilter({});
        model.setFilterText(QStringLiteral("emile"));
        QCOMPARE(modelIds(model), expect([](const Expected &e) { return e.client == u"Émile Foods"; }, rows));
        model.setFilterText(QStringLiteral("emile autumn"));
        QCOMPARE(modelIds(model),
            expect([](const Expected &e) { return e.client == u"Émile Foods" && e.name.startsWith(u"autumn"); }, rows));
        model.setFilterText(QStringLiteral("SMART-HOME"));
        QCOMPARE(model.rowCount(), 1);
        model.setFilterText(QString());
        QCOMPARE(model.rowCount(), rows.size());

        // The trash.
        filter = {};
        filter.trash = true;
        model.setFilter(filter);
        QList<Expected> trashed;
        std::copy_if(f.campaigns.cbegin(), f.campaigns.cend(), std::back_inserter(trashed),
            [](const Expected &e) { return e.trashed; });
        QCOMPARE(modelIds(model), oracleFor(trashed, CampaignListModel::NameColumn, Qt::AscendingOrder));
    }

    void changedRowsUpdateInPlace_data() { TestDatabase::addBackends(); }
    void changedRowsUpdateInPlace()
    {
        OPEN_TEST_DATABASE(db);
        const Fixture f = fill(*db);
        CampaignListModel model(*db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.sort(CampaignListModel::NameColumn, Qt::AscendingOrder);
        const qint64 id = model.idAt(3);
        const int onList = model.index(3, CampaignListModel::OnListColumn).data(CampaignListModel::SortRole).toInt();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        // A pitch more: the same rows in the same order, the row's figure changes in place.
        ContactRepository contacts(*db);
        Contact c;
        c.displayName = QStringLiteral("Newcomer");
        QVERIFY(contacts.create(c));
        CampaignRepository repo(*db);
        QVERIFY(repo.addPitch(id, c.id));
        ChangeNotifier::instance()->notifyCampaigns({ id });
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.idAt(3), id);
        QCOMPARE(model.index(3, CampaignListModel::OnListColumn).data(CampaignListModel::SortRole).toInt(), onList + 1);
        // A new campaign: the list is read again.
        Campaign added;
        added.name = QStringLiteral("AAA first");
        QVERIFY(repo.create(added));
        ChangeNotifier::instance()->notifyCampaigns({ added.id });
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.idAt(0), added.id);
    }
};

QTEST_MAIN(TestCampaignListModel)
#include "tst_campaignlistmodel.moc"
