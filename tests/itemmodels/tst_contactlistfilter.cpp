// The contact list model with a search and filters: order kept, filters combined, background completion.
#include "domain/contactfilter.h"
#include "contactlistfixture.h"

using namespace ContactListFixture;

class TestContactListFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
    void filterJsonRoundTrip();
};

namespace {

QList<Expected> only(const QList<Expected> &rows, const std::function<bool(const Expected &)> &keep)
{
    QList<Expected> out;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(out), keep);
    return out;
}

} // namespace

void TestContactListFilter::searchKeepsTheSort()
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

void TestContactListFilter::filtersCombine()
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

void TestContactListFilter::tagsAndPlaces()
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

void TestContactListFilter::broadSearchCompletesInTheBackground()
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

void TestContactListFilter::sortWhileIncompleteReadsEverything()
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

void TestContactListFilter::filterJsonRoundTrip()
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

QTEST_MAIN(TestContactListFilter)
#include "tst_contactlistfilter.moc"
