#include "itemmodels/contactlistmodel.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <functional>
#include <optional>

namespace {

// What the test wrote for one contact, to compute the expected order independently of the SQL.
struct Expected
{
    qint64 id = 0;
    QString name;
    std::optional<QString> outlet;
    std::optional<QString> title;
    QString kind;
    std::optional<QString> owner;
    std::optional<qint64> lastContacted;
    std::optional<int> health; // empty: never scored
    qint64 updated = 0;
};

constexpr int kContacts = 300;

// Fills the database with kContacts contacts whose sort keys repeat (so ties occur) and are sometimes empty.
QList<Expected> fill(Database &db)
{
    QList<Expected> all;
    const QStringList outlets = { QStringLiteral("Daily Planet"), QStringLiteral("Bugle"), QStringLiteral("Sentinel"),
        QStringLiteral("Chronicle"), QStringLiteral("Bugle") }; // two outlets named alike
    QList<qint64> outletIds;
    {
        QSqlQuery q(db.connection());
        for (const QString &name : outlets) {
            q.prepare(QStringLiteral("INSERT INTO organizations (name, created_at, updated_at) "
                                     "VALUES (:name, 0, 0) RETURNING id"));
            q.bindValue(QStringLiteral(":name"), name);
            if (!q.exec() || !q.next())
                qFatal("inserting an organization failed");
            outletIds << q.value(0).toLongLong();
        }
    }
    UserRepository users(db);
    const Result<User> zoe = users.ensureUser(QStringLiteral("zoe"), QStringLiteral("Zoe Owner"));
    const Result<User> adam = users.ensureUser(QStringLiteral("adam"), QStringLiteral("Adam Owner"));
    if (!zoe || !adam)
        qFatal("creating users failed");

    ContactRepository repo(db);
    const QStringList kinds = Contact::kinds();
    for (int i = 0; i < kContacts; ++i) {
        Contact c;
        // 97 is coprime with 300: names come in a shuffled order, and every third name repeats.
        c.displayName = QStringLiteral("Contact %1").arg((i * 97) % kContacts / 3, 3, 10, QLatin1Char('0'));
        c.title = i % 4 == 0 ? QString() : QStringLiteral("Title %1").arg(i % 7);
        c.kind = kinds.at((i * 5) % kinds.size());
        c.organizationId = i % 6 == 0 ? 0 : outletIds.at(i % outletIds.size());
        c.ownerId = i % 5 == 0 ? 0 : (i % 2 ? zoe->id : adam->id);
        c.doNotContact = i % 50 == 7;
        c.emails = { { QStringLiteral("work"), QStringLiteral("c%1@example.org").arg(i) },
            { QStringLiteral("home"), QStringLiteral("home%1@example.org").arg(i) } };
        if (Status s = repo.create(c); !s)
            qFatal("creating a contact failed: %s", qPrintable(s.error().message));
        Expected e;
        e.id = c.id;
        e.name = c.displayName;
        if (c.organizationId)
            e.outlet = outlets.at(i % outletIds.size());
        if (!c.title.isEmpty())
            e.title = c.title;
        e.kind = c.kind;
        if (c.ownerId)
            e.owner = c.ownerId == zoe->id ? zoe->name : adam->name;
        if (i % 3 != 0)
            e.lastContacted = 1700000000000LL + (i % 11) * 86400000LL;
        // Scores repeat (ties), reach both ends of 0..100, and are sometimes missing (never scored).
        if (i % 5 != 2)
            e.health = i % 17 == 0 ? 100 : (i * 37) % 23 * 4;
        e.updated = 1710000000000LL + (i % 13) * 1000LL;
        all << e;
    }
    // Times the repository does not set from outside: write them directly.
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE contacts SET last_contacted_at = :last, health_score = :health, "
                             "updated_at = :updated WHERE id = :id"));
    for (const Expected &e : std::as_const(all)) {
        q.bindValue(QStringLiteral(":last"),
            e.lastContacted ? QVariant(*e.lastContacted) : QVariant(QMetaType::fromType<qint64>()));
        q.bindValue(QStringLiteral(":health"), e.health ? QVariant(*e.health) : QVariant(QMetaType::fromType<int>()));
        q.bindValue(QStringLiteral(":updated"), e.updated);
        q.bindValue(QStringLiteral(":id"), e.id);
        if (!q.exec())
            qFatal("setting times failed");
    }
    return all;
}

// Compares optional keys: `emptyFirst` puts a missing value before every present one.
template <typename T> int compareOptional(const std::optional<T> &a, const std::optional<T> &b, bool emptyFirst)
{
    if (a.has_value() != b.has_value())
        return a.has_value() == emptyFirst ? 1 : -1;
    if (!a)
        return 0;
    return *a < *b ? -1 : *b < *a ? 1 : 0;
}

template <typename T> int compareValues(const T &a, const T &b)
{
    return a < b ? -1 : b < a ? 1 : 0;
}

QList<qint64> expectedOrder(QList<Expected> rows, int column, Qt::SortOrder order)
{
    const bool asc = order == Qt::AscendingOrder;
    std::sort(rows.begin(), rows.end(), [&](const Expected &a, const Expected &b) {
        int c = 0;
        bool emptiesLast = false; // empty text goes last in both directions
        switch (column) {
        case ContactListModel::NameColumn:
            c = compareValues(a.name, b.name);
            break;
        case ContactListModel::OutletColumn:
            emptiesLast = a.outlet.has_value() != b.outlet.has_value();
            c = emptiesLast ? (a.outlet ? -1 : 1) : compareOptional(a.outlet, b.outlet, false);
            break;
        case ContactListModel::TitleColumn:
            emptiesLast = a.title.has_value() != b.title.has_value();
            c = emptiesLast ? (a.title ? -1 : 1) : compareOptional(a.title, b.title, false);
            break;
        case ContactListModel::KindColumn:
            c = compareValues(ContactListModel::kindLabel(a.kind), ContactListModel::kindLabel(b.kind));
            break;
        case ContactListModel::OwnerColumn:
            emptiesLast = a.owner.has_value() != b.owner.has_value();
            c = emptiesLast ? (a.owner ? -1 : 1) : compareOptional(a.owner, b.owner, false);
            break;
        case ContactListModel::LastContactedColumn:
            c = compareOptional(a.lastContacted, b.lastContacted, true); // never contacted is the oldest
            break;
        case ContactListModel::HealthColumn:
            c = compareOptional(a.health, b.health, true); // never scored is the lowest
            break;
        case ContactListModel::UpdatedColumn:
            c = compareValues(a.updated, b.updated);
            break;
        }
        if (emptiesLast)
            return c < 0;
        if (c == 0)
            c = compareValues(a.id, b.id);
        return asc ? c < 0 : c > 0;
    });
    QList<qint64> ids;
    for (const Expected &e : rows)
        ids << e.id;
    return ids;
}

QList<qint64> modelOrder(const ContactListModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(ContactListModel::IdRole).toLongLong();
    return ids;
}

} // namespace

class TestContactListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAndColumns_data() { TestDatabase::addBackends(); }
    void rowsAndColumns();
    void blocksAreFetchedOnDemand_data() { TestDatabase::addBackends(); }
    void blocksAreFetchedOnDemand();
    void sorts_data();
    void sorts();
    void sortKeepsSelectedContact_data() { TestDatabase::addBackends(); }
    void sortKeepsSelectedContact();
    void unsortableColumnIsIgnored_data() { TestDatabase::addBackends(); }
    void unsortableColumnIsIgnored();
    void refreshSeesInsertsAndTrash_data() { TestDatabase::addBackends(); }
    void refreshSeesInsertsAndTrash();
    void emptyDatabase_data() { TestDatabase::addBackends(); }
    void emptyDatabase();
    void searchKeepsTheSort_data() { TestDatabase::addBackends(); }
    void searchKeepsTheSort();
    void filtersCombine_data() { TestDatabase::addBackends(); }
    void filtersCombine();
    void tagsAndPlaces_data() { TestDatabase::addBackends(); }
    void tagsAndPlaces();
    void broadSearchCompletesInTheBackground_data() { TestDatabase::addBackends(); }
    void broadSearchCompletesInTheBackground();
    void sortWhileIncompleteReadsEverything_data() { TestDatabase::addBackends(); }
    void sortWhileIncompleteReadsEverything();
    void sortsTrashSameNamesAndBroadSearch_data() { TestDatabase::addBackends(); }
    void sortsTrashSameNamesAndBroadSearch();
    void filterJsonRoundTrip();
};

void TestContactListModel::rowsAndColumns()
{
    OPEN_TEST_DATABASE(db);
    const QList<Expected> rows = fill(*db);
    ContactListModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    QCOMPARE(model.rowCount(), kContacts);
    QCOMPARE(model.columnCount(), int(ContactListModel::ColumnCount));
    QCOMPARE(model.headerData(ContactListModel::OutletColumn, Qt::Horizontal).toString(), QStringLiteral("Outlet"));

    // Row 0 of the default order (name ascending) is the contact expectedOrder() puts first.
    const qint64 firstId = expectedOrder(rows, ContactListModel::NameColumn, Qt::AscendingOrder).first();
    const Expected &first = *std::find_if(rows.begin(), rows.end(), [&](const Expected &e) { return e.id == firstId; });
    QCOMPARE(model.index(0, ContactListModel::NameColumn).data().toString(), first.name);
    QCOMPARE(model.index(0, ContactListModel::OutletColumn).data().toString(), first.outlet.value_or(QString()));
    QCOMPARE(model.index(0, ContactListModel::KindColumn).data().toString(), ContactListModel::kindLabel(first.kind));
    QCOMPARE(model.index(0, ContactListModel::KindColumn).data(ContactListModel::SortRole).toString(), first.kind);
    QCOMPARE(model.index(0, ContactListModel::OwnerColumn).data().toString(), first.owner.value_or(QString()));
    QCOMPARE(model.index(0, 0).data(ContactListModel::IdRole).toLongLong(), firstId);

    // The first email by position, the translated kind label, the do-not-contact mark.
    bool sawDoNotContact = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        const qint64 id = model.index(row, 0).data(ContactListModel::IdRole).toLongLong();
        const int i
            = int(std::find_if(rows.begin(), rows.end(), [&](const Expected &e) { return e.id == id; }) - rows.begin());
        QCOMPARE(model.index(row, ContactListModel::EmailColumn).data().toString(),
            QStringLiteral("c%1@example.org").arg(i));
        const bool dnc = model.index(row, 0).data(ContactListModel::DoNotContactRole).toBool();
        QCOMPARE(dnc, i % 50 == 7);
        QCOMPARE(model.index(row, ContactListModel::NameColumn).data(Qt::DecorationRole).isValid(), dnc);
        sawDoNotContact = sawDoNotContact || dnc;
        if (rows.at(i).kind == u"client_contact")
            QCOMPARE(
                model.index(row, ContactListModel::KindColumn).data().toString(), QStringLiteral("Client contact"));
        QCOMPARE(model.index(row, ContactListModel::LastContactedColumn).data().toString().isEmpty(),
            !rows.at(i).lastContacted.has_value());
        // Health: the number, right-aligned, explained in the tooltip; empty when never scored.
        const QModelIndex health = model.index(row, ContactListModel::HealthColumn);
        if (const std::optional<int> score = rows.at(i).health) {
            QCOMPARE(health.data().toString(), QLocale().toString(*score));
            QCOMPARE(health.data(ContactListModel::SortRole).toInt(), *score);
            if (!dnc)
                QCOMPARE(health.data(Qt::ToolTipRole).toString(),
                    QStringLiteral("Relationship health: %1 of 100").arg(QLocale().toString(*score)));
        } else {
            QVERIFY(health.data().toString().isEmpty());
            QVERIFY(health.data(ContactListModel::SortRole).isNull());
            if (!dnc)
                QVERIFY(health.data(Qt::ToolTipRole).isNull());
        }
        QCOMPARE(Qt::Alignment(health.data(Qt::TextAlignmentRole).value<Qt::Alignment>()) & Qt::AlignHorizontal_Mask,
            Qt::AlignRight);
    }
    QCOMPARE(model.headerData(ContactListModel::HealthColumn, Qt::Horizontal).toString(), QStringLiteral("Health"));
    QCOMPARE(ContactListModel::columnFromKey(QStringLiteral("health")), int(ContactListModel::HealthColumn));
    QCOMPARE(ContactListModel::HealthColumn, ContactListModel::LastContactedColumn + 1);
    QVERIFY(ContactListModel::isSortable(ContactListModel::HealthColumn));
    QVERIFY(sawDoNotContact);
}

void TestContactListModel::blocksAreFetchedOnDemand()
{
    OPEN_TEST_DATABASE(db);
    fill(*db);
    ContactListModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPaging(16, 3); // after the tester's own reads: start with nothing loaded
    QCOMPARE(model.cachedRowCount(), 0);

    const int loadsBefore = model.blockLoads();
    QVERIFY(model.index(kContacts - 1, 0).data(ContactListModel::IdRole).toLongLong() > 0);
    QCOMPARE(model.blockLoads(), loadsBefore + 1);
    QCOMPARE(model.cachedRowCount(), kContacts % 16 == 0 ? 16 : kContacts % 16); // only the last, short block

    // Reading the same block again costs nothing.
    QVERIFY(!model.index(kContacts - 2, 1).data().isNull());
    QCOMPARE(model.blockLoads(), loadsBefore + 1);

    // Scrolling through everything keeps at most three blocks in memory.
    for (int row = 0; row < kContacts; ++row) {
        QVERIFY(model.index(row, 0).data(ContactListModel::IdRole).toLongLong() > 0);
        QVERIFY(model.cachedRowCount() <= 3 * 16);
    }
    QCOMPARE(model.blockLoads(), loadsBefore + 1 + (kContacts + 15) / 16);
}

void TestContactListModel::sorts_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    const QList<std::pair<int, const char *>> columns = { { ContactListModel::NameColumn, "name" },
        { ContactListModel::OutletColumn, "outlet" }, { ContactListModel::TitleColumn, "title" },
        { ContactListModel::KindColumn, "kind" }, { ContactListModel::OwnerColumn, "owner" },
        { ContactListModel::LastContactedColumn, "last contacted" }, { ContactListModel::HealthColumn, "health" },
        { ContactListModel::UpdatedColumn, "updated" } };
    for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgres") })
        for (const auto &[column, name] : columns)
            for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder })
                QTest::addRow("%s %s %s", qPrintable(backend), name, order == Qt::AscendingOrder ? "asc" : "desc")
                    << backend << column << order;
}

void TestContactListModel::sorts()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    OPEN_TEST_DATABASE(db);
    const QList<Expected> rows = fill(*db);
    ContactListModel model(*db);
    model.setPaging(64, 2); // several blocks, fewer than the list needs
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    // Leave the default order first, so sorting by name ascending is a real change too.
    model.sort(ContactListModel::UpdatedColumn, Qt::DescendingOrder);
    QSignalSpy layoutSpy(&model, &QAbstractItemModel::layoutChanged);
    model.sort(column, order);
    QCOMPARE(model.sortColumn(), column);
    QCOMPARE(model.sortOrder(), order);
    if (column != ContactListModel::UpdatedColumn || order != Qt::DescendingOrder)
        QCOMPARE(layoutSpy.count(), 1);
    QCOMPARE(model.rowCount(), kContacts);
    QCOMPARE(modelOrder(model), expectedOrder(rows, column, order));
}

void TestContactListModel::sortKeepsSelectedContact()
{
    OPEN_TEST_DATABASE(db);
    fill(*db);
    ContactListModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QPersistentModelIndex selected = model.index(10, ContactListModel::TitleColumn);
    const qint64 id = selected.data(ContactListModel::IdRole).toLongLong();
    model.sort(ContactListModel::NameColumn, Qt::DescendingOrder);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.row(), kContacts - 1 - 10);
    QCOMPARE(selected.column(), int(ContactListModel::TitleColumn));
    QCOMPARE(selected.data(ContactListModel::IdRole).toLongLong(), id);
}

void TestContactListModel::unsortableColumnIsIgnored()
{
    OPEN_TEST_DATABASE(db);
    fill(*db);
    ContactListModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(!ContactListModel::isSortable(ContactListModel::EmailColumn));
    const QList<qint64> before = modelOrder(model);
    model.sort(ContactListModel::EmailColumn, Qt::DescendingOrder);
    QCOMPARE(model.sortColumn(), int(ContactListModel::NameColumn));
    QCOMPARE(modelOrder(model), before);
}

void TestContactListModel::refreshSeesInsertsAndTrash()
{
    OPEN_TEST_DATABASE(db);
    fill(*db);
    ContactListModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);

    ContactRepository repo(*db);
    Contact aaron;
    aaron.displayName = QStringLiteral("Aaron Early");
    QVERIFY(repo.create(aaron).ok());
    QCOMPARE(model.rowCount(), kContacts); // nothing changes until asked
    model.refresh();
    QCOMPARE(resetSpy.count(), 1);
    QCOMPARE(model.rowCount(), kContacts + 1);
    QCOMPARE(model.index(0, ContactListModel::NameColumn).data().toString(), aaron.displayName);
    QCOMPARE(model.index(0, 0).data(ContactListModel::IdRole).toLongLong(), aaron.id);

    // Contacts in the trash leave the list; restored ones come back.
    const qint64 trashed = model.index(5, 0).data(ContactListModel::IdRole).toLongLong();
    QVERIFY(repo.moveToTrash(aaron.id).ok());
    QVERIFY(repo.moveToTrash(trashed).ok());
    model.refresh();
    QCOMPARE(model.rowCount(), kContacts - 1);
    QVERIFY(!modelOrder(model).contains(aaron.id));
    QVERIFY(!modelOrder(model).contains(trashed));
    QVERIFY(repo.restore(trashed).ok());
    model.refresh();
    QCOMPARE(model.rowCount(), kContacts);
    QVERIFY(modelOrder(model).contains(trashed));

    // A row trashed after the ids were read shows as empty instead of showing its neighbour.
    const qint64 gone = model.index(3, 0).data(ContactListModel::IdRole).toLongLong();
    model.setPaging(ContactListModel::DefaultBlockSize, ContactListModel::DefaultMaxBlocks); // drop the loaded blocks
    QVERIFY(repo.moveToTrash(gone).ok());
    QVERIFY(model.index(3, 0).data().isNull());
    QVERIFY(!model.index(4, 0).data().isNull());
}

void TestContactListModel::emptyDatabase()
{
    OPEN_TEST_DATABASE(db);
    ContactListModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    model.sort(ContactListModel::OutletColumn, Qt::DescendingOrder);
    QCOMPARE(model.rowCount(), 0);
    model.refresh();
    QCOMPARE(model.rowCount(), 0);
}

namespace {

QList<Expected> only(const QList<Expected> &rows, const std::function<bool(const Expected &)> &keep)
{
    QList<Expected> out;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(out), keep);
    return out;
}

} // namespace

void TestContactListModel::searchKeepsTheSort()
{
    OPEN_TEST_DATABASE(db);
    const QList<Expected> rows = fill(*db);
    ContactListModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.sort(ContactListModel::OutletColumn, Qt::DescendingOrder);

    // "cont 01" : every word a prefix, all required; "01" matches the names numbered 010 to 019.
    ContactFilter filter;
    filter.text = QStringLiteral("CONT 01");
    QSignalSpy completed(&model, &ContactListModel::snapshotCompleted);
    model.setFilter(filter);
    QVERIFY(model.isComplete());
    QCOMPARE(completed.count(), 1);
    const QList<Expected> matching
        = only(rows, [](const Expected &e) { return e.name.section(u' ', 1).startsWith(u"01"); });
    QCOMPARE(matching.size(), 30);
    QCOMPARE(modelOrder(model), expectedOrder(matching, ContactListModel::OutletColumn, Qt::DescendingOrder));
    QCOMPARE(model.searchTerms(), QStringList({ QStringLiteral("cont"), QStringLiteral("01") }));

    // Sorting a search result sorts only the matches.
    model.sort(ContactListModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(modelOrder(model), expectedOrder(matching, ContactListModel::NameColumn, Qt::AscendingOrder));

    // Email addresses are searched too; nothing matches an unknown word; clearing shows everyone again.
    filter.text = QStringLiteral("c299@example");
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ContactListModel::EmailColumn).data().toString(), QStringLiteral("c299@example.org"));
    filter.text = QStringLiteral("zzzz");
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 0);
    model.setFilter(ContactFilter());
    QCOMPARE(model.rowCount(), kContacts);
}

void TestContactListModel::filtersCombine()
{
    OPEN_TEST_DATABASE(db);
    QList<Expected> rows = fill(*db);
    // Two contacts were contacted yesterday: "not contacted in 30 days" leaves them out.
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("UPDATE contacts SET last_contacted_at = :t WHERE id IN (:a, :b)"));
    q.bindValue(QStringLiteral(":t"), QDateTime::currentMSecsSinceEpoch() - 86400000LL);
    q.bindValue(QStringLiteral(":a"), rows.at(1).id);
    q.bindValue(QStringLiteral(":b"), rows.at(2).id);
    QVERIFY(q.exec());
    q.prepare(QStringLiteral("SELECT id FROM users WHERE login = 'zoe'"));
    QVERIFY(q.exec() && q.next());
    const qint64 zoe = q.value(0).toLongLong();
    q.prepare(QStringLiteral("SELECT id FROM organizations WHERE name = 'Sentinel'"));
    QVERIFY(q.exec() && q.next());
    const qint64 sentinel = q.value(0).toLongLong();

    ContactListModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.sort(ContactListModel::TitleColumn, Qt::AscendingOrder);

    struct Case
    {
        const char *name;
        ContactFilter filter;
        std::function<bool(int)> keep; // by index in `rows` (the i of fill())
    };
    QList<Case> cases;
    ContactFilter f;
    f.kinds = { QStringLiteral("editor"), QStringLiteral("blogger") };
    cases.append({ "kinds", f, [](int i) {
                      const QString kind = Contact::kinds().at((i * 5) % Contact::kinds().size());
                      return kind == u"editor" || kind == u"blogger";
                  } });
    f = {};
    f.ownerIds = { zoe };
    cases.append({ "owner", f, [](int i) { return i % 5 != 0 && i % 2 == 1; } });
    f = {};
    f.outletIds = { sentinel };
    cases.append({ "outlet", f, [](int i) { return i % 6 != 0 && i % 5 == 2; } });
    f = {};
    f.doNotContact = ContactFilter::DoNotContact::Only;
    cases.append({ "do not contact", f, [](int i) { return i % 50 == 7; } });
    f.doNotContact = ContactFilter::DoNotContact::Exclude;
    cases.append({ "without do not contact", f, [](int i) { return i % 50 != 7; } });
    f = {};
    f.notContactedInDays = 30;
    cases.append({ "not contacted", f, [](int i) { return i != 1 && i != 2; } });
    f.ownerIds = { zoe };
    f.kinds = { QStringLiteral("editor") };
    f.text = QStringLiteral("contact");
    cases.append({ "all together", f, [](int i) {
                      return i != 1 && i != 2 && i % 5 != 0 && i % 2 == 1
                          && Contact::kinds().at((i * 5) % Contact::kinds().size()) == u"editor";
                  } });

    for (const Case &c : std::as_const(cases)) {
        model.setFilter(c.filter);
        QList<Expected> expected;
        for (int i = 0; i < rows.size(); ++i)
            if (c.keep(i))
                expected << rows.at(i);
        QVERIFY2(!expected.isEmpty(), c.name);
        QVERIFY2(model.isComplete(), c.name);
        QVERIFY2(modelOrder(model) == expectedOrder(expected, ContactListModel::TitleColumn, Qt::AscendingOrder),
            c.name);
        QCOMPARE(model.filter(), c.filter);
    }
}

void TestContactListModel::tagsAndPlaces()
{
    OPEN_TEST_DATABASE(db);
    ContactRepository repo(*db);
    auto add = [&](const QString &name, const QStringList &beats, const QStringList &tags, const QString &city,
                   const QString &country) {
        Contact c;
        c.displayName = name;
        c.beats = beats;
        c.tags = tags;
        c.city = city;
        c.country = country;
        if (Status s = repo.create(c); !s)
            qFatal("creating a contact failed: %s", qPrintable(s.error().message));
        return c.id;
    };
    const qint64 ana = add(QStringLiteral("Ana"), { QStringLiteral("retail") }, {}, QStringLiteral("Lisbon"),
        QStringLiteral("Portugal"));
    const qint64 ben = add(QStringLiteral("Ben"), { QStringLiteral("consumer tech") }, { QStringLiteral("vip") },
        QStringLiteral("Porto"), QStringLiteral("Portugal"));
    const qint64 cleo = add(QStringLiteral("Cleo"), {}, { QStringLiteral("VIP") }, QStringLiteral("Lyon"),
        QStringLiteral("France"));
    add(QStringLiteral("Dan"), {}, {}, QString(), QString());

    ContactListModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ContactFilter f;
    f.tags = { QStringLiteral("Retail"), QStringLiteral("vip") }; // any of them, ignoring case
    model.setFilter(f);
    QCOMPARE(modelOrder(model), QList<qint64>({ ana, ben, cleo }));
    f.country = QStringLiteral("portugal");
    model.setFilter(f);
    QCOMPARE(modelOrder(model), QList<qint64>({ ana, ben }));
    f.city = QStringLiteral("Porto");
    model.setFilter(f);
    QCOMPARE(modelOrder(model), QList<qint64>({ ben }));

    ContactListQuery query(*db);
    QCOMPARE(*query.countries(), QStringList({ QStringLiteral("France"), QStringLiteral("Portugal") }));
    QVERIFY(query.tagNames()->contains(QStringLiteral("consumer tech")));
    QCOMPARE(query.cities()->size(), 3);
}

void TestContactListModel::broadSearchCompletesInTheBackground()
{
    OPEN_TEST_DATABASE(db);
    const QList<Expected> rows = fill(*db);
    ContactListModel model(*db);
    model.setFirstSliceSize(20);
    model.setPaging(16, 4); // the slice ends inside a block: it must be read again when rows are appended
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy completed(&model, &ContactListModel::snapshotCompleted);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    ContactFilter filter;
    filter.text = QStringLiteral("contact"); // matches everyone
    model.setFilter(filter);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 20);
    QVERIFY(!model.isComplete());
    const QList<qint64> full = expectedOrder(rows, ContactListModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(modelOrder(model), full.mid(0, 20));

    QVERIFY(completed.wait(10000));
    QVERIFY(model.isComplete());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 20);
    QCOMPARE(inserted.first().at(2).toInt(), kContacts - 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(modelOrder(model), full);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(!model.index(row, ContactListModel::NameColumn).data().toString().isEmpty());

    // A newer filter overtakes a pending snapshot: the old one is never delivered.
    model.setFilter(filter);
    QVERIFY(!model.isComplete());
    filter.text = QStringLiteral("contact 000");
    model.setFilter(filter);
    QVERIFY(model.isComplete());
    QCOMPARE(model.rowCount(), 3);
    QTest::qWait(300);
    QCOMPARE(model.rowCount(), 3);
}

void TestContactListModel::sortWhileIncompleteReadsEverything()
{
    OPEN_TEST_DATABASE(db);
    const QList<Expected> rows = fill(*db);
    ContactListModel model(*db);
    model.setFirstSliceSize(50);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ContactFilter filter;
    filter.text = QStringLiteral("example");
    model.setFilter(filter);
    QVERIFY(!model.isComplete());
    model.sort(ContactListModel::UpdatedColumn, Qt::DescendingOrder);
    QVERIFY(model.isComplete());
    QCOMPARE(modelOrder(model), expectedOrder(rows, ContactListModel::UpdatedColumn, Qt::DescendingOrder));
    QTest::qWait(300); // the abandoned snapshot must not arrive
    QCOMPARE(model.rowCount(), kContacts);
}

// What the list should show for every live contact, read back without any ORDER BY.
QList<Expected> readExpected(Database &db, bool withDoNotContact)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT c.id, c.display_name, o.name, c.title, c.kind, u.name, c.last_contacted_at, "
                               "c.updated_at, c.do_not_contact, c.health_score FROM contacts c "
                               "LEFT JOIN organizations o ON o.id = c.organization_id AND o.deleted_at IS NULL "
                               "LEFT JOIN users u ON u.id = c.owner_id WHERE c.deleted_at IS NULL")))
        qFatal("reading the contacts failed");
    QList<Expected> all;
    while (q.next()) {
        if (!withDoNotContact && q.value(8).toInt() != 0)
            continue;
        Expected e;
        e.id = q.value(0).toLongLong();
        e.name = q.value(1).toString();
        if (!q.value(2).isNull())
            e.outlet = q.value(2).toString();
        if (!q.value(3).isNull())
            e.title = q.value(3).toString();
        e.kind = q.value(4).toString();
        if (!q.value(5).isNull())
            e.owner = q.value(5).toString();
        if (!q.value(6).isNull())
            e.lastContacted = q.value(6).toLongLong();
        e.updated = q.value(7).toLongLong();
        if (!q.value(9).isNull())
            e.health = q.value(9).toInt();
        all << e;
    }
    return all;
}

// The orders are read as ranges of indexes (one per kind, per owner name, per outlet, then the empty values):
// trashed contacts and outlets, two users with the same name, a filter, and a search broad enough that SQLite
// walks the order's index must all give the same order as sorting everything.
void TestContactListModel::sortsTrashSameNamesAndBroadSearch()
{
    OPEN_TEST_DATABASE(db);
    (void)fill(*db);
    UserRepository users(*db);
    const Result<User> zoe = users.ensureUser(QStringLiteral("zoe"), QStringLiteral("Zoe Owner"));
    const Result<User> adam = users.ensureUser(QStringLiteral("adam"), QStringLiteral("Adam Owner"));
    const Result<User> zoe2 = users.ensureUser(QStringLiteral("zoe2"), QStringLiteral("Zoe Owner"));
    QVERIFY(zoe && adam && zoe2);
    QList<qint64> outlets;
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM organizations")));
    while (q.next())
        outlets << q.value(0).toLongLong();
    std::sort(outlets.begin(), outlets.end());
    QCOMPARE(outlets.size(), 5);
    // A search broad enough (over 2,000 matches) to walk the order's index on SQLite.
    QVERIFY(q.prepare(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100) "
        "INSERT INTO contacts (display_name, sort_name, title, kind, organization_id, owner_id, last_contacted_at, "
        "health_score, created_at, updated_at) SELECT 'Broad ' || (10000 + i), 'broad ' || (10000 + i), "
        "CASE WHEN i % 4 = 0 THEN NULL ELSE 'Title ' || (i % 7) END, "
        "CASE i % 3 WHEN 0 THEN 'journalist' WHEN 1 THEN 'editor' ELSE 'analyst' END, "
        "CASE i % 6 WHEN 0 THEN NULL WHEN 1 THEN CAST(:o0 AS BIGINT) WHEN 2 THEN CAST(:o1 AS BIGINT) "
        "WHEN 3 THEN CAST(:o2 AS BIGINT) WHEN 4 THEN CAST(:o3 AS BIGINT) ELSE CAST(:o4 AS BIGINT) END, "
        "CASE WHEN i % 5 = 0 THEN NULL WHEN i % 3 = 0 THEN CAST(:zoe2 AS BIGINT) WHEN i % 2 = 1 "
        "THEN CAST(:zoe AS BIGINT) ELSE CAST(:adam AS BIGINT) END, "
        "CASE WHEN i % 3 = 0 THEN NULL ELSE 1700000000000 + (i % 11) * 86400000 END, "
        "CASE WHEN i % 5 = 2 THEN NULL ELSE (i * 37) % 101 END, 0, "
        "1710000000000 + (i % 13) * 1000 FROM n")));
    for (int i = 0; i < 5; ++i)
        q.bindValue(QStringLiteral(":o%1").arg(i), outlets.at(i));
    q.bindValue(QStringLiteral(":zoe"), zoe->id);
    q.bindValue(QStringLiteral(":zoe2"), zoe2->id);
    q.bindValue(QStringLiteral(":adam"), adam->id);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    // Some of the first contacts move to the second Zoe; one outlet and every tenth contact go to the trash.
    QVERIFY(q.exec(QStringLiteral("UPDATE contacts SET owner_id = %1 WHERE owner_id = %2 AND id % 7 = 0")
                       .arg(zoe2->id)
                       .arg(zoe->id)));
    QVERIFY(q.exec(QStringLiteral("UPDATE organizations SET deleted_at = 1 WHERE id = %1").arg(outlets.at(2))));
    QVERIFY(q.exec(QStringLiteral("UPDATE contacts SET deleted_at = 1 WHERE id % 10 = 3")));
    const QList<Expected> all = readExpected(*db, true);
    const QList<Expected> contactable = readExpected(*db, false);
    QList<Expected> broad;
    for (const Expected &e : all)
        if (e.name.startsWith(QStringLiteral("Broad ")))
            broad << e;
    QVERIFY(broad.size() > 1800);

    ContactListModel model(*db);
    model.setFirstSliceSize(50);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (int column = 0; column < ContactListModel::ColumnCount; ++column) {
        if (!ContactListModel::isSortable(column))
            continue;
        for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            const QByteArray what = QByteArray::number(column) + (order == Qt::AscendingOrder ? " asc" : " desc");
            model.sort(column, order);
            model.setFilter({});
            if (!model.isComplete()) {
                QSignalSpy completed(&model, &ContactListModel::snapshotCompleted);
                QVERIFY(completed.wait(10000));
            }
            QVERIFY2(modelOrder(model) == expectedOrder(all, column, order), what.constData());

            ContactFilter filter;
            filter.doNotContact = ContactFilter::DoNotContact::Exclude;
            model.setFilter(filter);
            if (!model.isComplete()) {
                QSignalSpy completed(&model, &ContactListModel::snapshotCompleted);
                QVERIFY(completed.wait(10000));
            }
            QVERIFY2(modelOrder(model) == expectedOrder(contactable, column, order), what.constData());

            filter = {};
            filter.text = QStringLiteral("broad");
            QSignalSpy completed(&model, &ContactListModel::snapshotCompleted);
            model.setFilter(filter);
            const QList<qint64> expected = expectedOrder(broad, column, order);
            QVERIFY2(!model.isComplete(), what.constData());
            QVERIFY2(modelOrder(model) == expected.mid(0, 50), what.constData());
            QVERIFY2(completed.wait(10000), what.constData());
            QVERIFY2(modelOrder(model) == expected, what.constData());
        }
    }
}

void TestContactListModel::filterJsonRoundTrip()
{
    ContactFilter f;
    f.text = QStringLiteral("tomás");
    f.kinds = { QStringLiteral("editor") };
    f.tags = { QStringLiteral("retail"), QStringLiteral("consumer tech") };
    f.outletIds = { 4, 9 };
    f.ownerIds = { 2 };
    f.country = QStringLiteral("Spain");
    f.city = QStringLiteral("Sevilla");
    f.doNotContact = ContactFilter::DoNotContact::Exclude;
    f.notContactedInDays = 90;
    QVERIFY(f.hasFilters());
    QCOMPARE(ContactFilter::fromJson(f.toJson()), f);
    QCOMPARE(ContactFilter::fromJson(ContactFilter().toJson()), ContactFilter());
    QVERIFY(ContactFilter().isEmpty());
    // Wrong types and unknown keys read as "not set".
    QJsonObject odd{ { QStringLiteral("kinds"), 5 }, { QStringLiteral("notContactedInDays"), -3 },
        { QStringLiteral("future"), true } };
    QVERIFY(ContactFilter::fromJson(odd).isEmpty());
}

QTEST_MAIN(TestContactListModel)
#include "tst_contactlistmodel.moc"
