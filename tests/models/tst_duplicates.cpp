#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/duplicaterepository.h"
#include "storage/organizationrepository.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

namespace {

Contact person(const QString &name, const QStringList &emails = {}, qint64 organization = 0)
{
    Contact c;
    c.displayName = name;
    c.organizationId = organization;
    for (const QString &e : emails)
        c.emails.append({ QStringLiteral("work"), e });
    return c;
}

qint64 create(Database &db, Contact c)
{
    if (Status s = ContactRepository(db).create(c); !s)
        qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    return c.id;
}

qint64 organization(Database &db, const QString &name)
{
    Organization o;
    o.name = name;
    o.kind = QStringLiteral("newspaper");
    if (Status s = OrganizationRepository(db).create(o); !s)
        qFatal("creating an organization failed: %s", qPrintable(s.error().message));
    return o.id;
}

// Inserts a row and returns its id; :now is bound to a fixed time.
qint64 insert(Database &db, const QString &sql, const QVariantMap &values = {})
{
    QSqlQuery q(db.connection());
    q.prepare(sql + QStringLiteral(" RETURNING id"));
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bindValue(u':' + it.key(), it.value());
    if (sql.contains(QStringLiteral(":now")))
        q.bindValue(QStringLiteral(":now"), 1'700'000'000'000LL);
    if (!q.exec() || !q.next())
        qFatal("insert failed: %s", qPrintable(sql));
    return q.value(0).toLongLong();
}

void exec(Database &db, const QString &sql, const QVariantMap &values)
{
    QSqlQuery q(db.connection());
    q.prepare(sql);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bindValue(u':' + it.key(), it.value());
    if (!q.exec())
        qFatal("statement failed: %s", qPrintable(sql));
}

qint64 countWhere(Database &db, const QString &table, const QString &condition, qint64 contact)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM ") + table + QStringLiteral(" WHERE ") + condition);
    q.bindValue(QStringLiteral(":c"), contact);
    if (!q.exec() || !q.next())
        qFatal("count failed on %s", qPrintable(table));
    return q.value(0).toLongLong();
}

qint64 rowsOf(Database &db, const QString &table, qint64 contact)
{
    return countWhere(db, table, QStringLiteral("contact_id = :c"), contact);
}

} // namespace

class TestDuplicates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nameRule_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("similar");
        QTest::newRow("same folded") << "Lois Lane"
                                     << "lois  LANE" << true;
        QTest::newRow("accents") << "Zoë Müller"
                                 << "Zoe Muller" << true;
        QTest::newRow("one edit") << "Clark Kent"
                                  << "Clarke Kent" << true;
        QTest::newRow("two edits, long") << "Jonathan Smithers"
                                         << "Jonathon Smither" << true;
        QTest::newRow("two edits, short") << "Jon Li"
                                          << "Jan Lu" << false;
        QTest::newRow("initial and last name") << "Perry White"
                                               << "P. White" << true;
        QTest::newRow("other initial") << "Perry White"
                                       << "Lana White" << false;
        QTest::newRow("different") << "Cat Grant"
                                   << "Ron Troupe" << false;
    }
    void nameRule()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, similar);
        QCOMPARE(DuplicateRepository::similarNames(a, b), similar);
        QCOMPARE(DuplicateRepository::similarNames(b, a), similar);
    }

    void findsPairsByEveryRule_data() { TestDatabase::addBackends(); }
    void findsPairsByEveryRule()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 planet = organization(*db, QStringLiteral("Daily Planet"));
        const qint64 bugle = organization(*db, QStringLiteral("Bugle"));
        const qint64 amara
            = create(*db, person(QStringLiteral("Amara Okafor"), { QStringLiteral("amara@ledger.example") }));
        const qint64 amara2
            = create(*db, person(QStringLiteral("A. Okafor"), { QStringLiteral(" AMARA@Ledger.example") }));
        Contact withHandle = person(QStringLiteral("Tom Baker"));
        withHandle.handles = { { QStringLiteral("email"), QStringLiteral("tb@x.example"), QString() } };
        const qint64 tom = create(*db, withHandle);
        const qint64 thomas
            = create(*db, person(QStringLiteral("Thomas Baker-Smith"), { QStringLiteral("TB@x.example") }));
        const qint64 lois = create(*db, person(QStringLiteral("Lois Lane"), {}, planet));
        const qint64 lois2 = create(*db, person(QStringLiteral("lois lane"), {}, planet));
        const qint64 clark = create(*db, person(QStringLiteral("Clark Kent"), {}, planet));
        const qint64 clarke = create(*db, person(QStringLiteral("Clarke Kent"), {}, planet));
        create(*db, person(QStringLiteral("Jimmy Olsen"), {}, planet));
        create(*db, person(QStringLiteral("Jimmy Olsen"), {}, bugle)); // same name, other outlet
        create(*db, person(QStringLiteral("Cat Grant"), {}, planet));
        const qint64 trashed
            = create(*db, person(QStringLiteral("Amara O."), { QStringLiteral("amara@ledger.example") }));
        QVERIFY(ContactRepository(*db).moveToTrash(trashed).ok());

        Result<QList<DuplicatePair>> pairs = DuplicateRepository(*db).findPairs();
        QVERIFY2(pairs.ok(), pairs ? "" : qPrintable(pairs.error().message));
        QCOMPARE(pairs->size(), 4);
        const DuplicatePair &byEmail = pairs->at(0);
        QCOMPARE(byEmail.firstId, amara);
        QCOMPARE(byEmail.secondId, amara2);
        QCOMPARE(byEmail.reason, DuplicatePair::Reason::SameEmail);
        QCOMPARE(byEmail.firstName, QStringLiteral("Amara Okafor"));
        QCOMPARE(pairs->at(1).firstId, tom);
        QCOMPARE(pairs->at(1).secondId, thomas);
        QCOMPARE(pairs->at(1).reason, DuplicatePair::Reason::SameHandle);
        QCOMPARE(pairs->at(1).detail, QStringLiteral("tb@x.example"));
        QCOMPARE(pairs->at(2).firstId, lois);
        QCOMPARE(pairs->at(2).secondId, lois2);
        QCOMPARE(pairs->at(2).reason, DuplicatePair::Reason::SimilarName);
        QCOMPARE(pairs->at(2).detail, QStringLiteral("Daily Planet"));
        QCOMPARE(pairs->at(3).firstId, clark);
        QCOMPARE(pairs->at(3).secondId, clarke);

        QCOMPARE(DuplicateRepository(*db).findPairs(2)->size(), 2); // capped
    }

    void mergeMovesEverythingAndUnmergeRestores_data() { TestDatabase::addBackends(); }
    void mergeMovesEverythingAndUnmergeRestores()
    {
        OPEN_TEST_DATABASE(db);
        Contact k = person(QStringLiteral("Amara Okafor"), { QStringLiteral("amara@ledger.example") });
        k.phones = { { QStringLiteral("work"), QStringLiteral("+44 20 1") } };
        k.tags = { QStringLiteral("vip") };
        k.city = QStringLiteral("London");
        k.notes = QStringLiteral("Kept notes");
        const qint64 keep = create(*db, k);
        Contact o = person(QStringLiteral("A. Okafor"),
            { QStringLiteral("AMARA@ledger.example"), QStringLiteral("amara@home.example") });
        o.phones = { { QStringLiteral("mobile"), QStringLiteral("+44-20-1") },
            { QStringLiteral("home"), QStringLiteral("+44 20 2") } };
        o.handles = { { QStringLiteral("mastodon"), QStringLiteral("@amara@m.social"), QString() } };
        o.tags = { QStringLiteral("vip"), QStringLiteral("ai") };
        o.title = QStringLiteral("Editor");
        o.city = QStringLiteral("Lagos");
        o.notes = QStringLiteral("Other notes");
        o.doNotContact = true;
        o.doNotContactReason = QStringLiteral("Asked by email");
        const qint64 other = create(*db, o);

        const QString campaignSql
            = QStringLiteral("INSERT INTO campaigns (name, created_at, updated_at) VALUES (:name, :now, :now)");
        const qint64 c1 = insert(*db, campaignSql, { { QStringLiteral("name"), QStringLiteral("Launch") } });
        const qint64 c2 = insert(*db, campaignSql, { { QStringLiteral("name"), QStringLiteral("Recall") } });
        const QString pitchSql = QStringLiteral("INSERT INTO pitches (campaign_id, contact_id, created_at, updated_at) "
                                                "VALUES (:campaign, :contact, :now, :now)");
        insert(*db, pitchSql, { { QStringLiteral("campaign"), c1 }, { QStringLiteral("contact"), keep } });
        const qint64 clashingPitch
            = insert(*db, pitchSql, { { QStringLiteral("campaign"), c1 }, { QStringLiteral("contact"), other } });
        const qint64 movingPitch
            = insert(*db, pitchSql, { { QStringLiteral("campaign"), c2 }, { QStringLiteral("contact"), other } });
        const QString interactionSql = QStringLiteral(
            "INSERT INTO interactions (contact_id, channel, direction, occurred_at, created_at, updated_at) "
            "VALUES (:contact, 'call', 'outbound', :now, :now, :now)");
        insert(*db, interactionSql, { { QStringLiteral("contact"), keep } });
        insert(*db, interactionSql, { { QStringLiteral("contact"), other } });
        insert(*db, interactionSql, { { QStringLiteral("contact"), other } });
        const QString listSql
            = QStringLiteral("INSERT INTO media_lists (name, created_at, updated_at) VALUES (:name, :now, :now)");
        const qint64 l1 = insert(*db, listSql, { { QStringLiteral("name"), QStringLiteral("Tech") } });
        const qint64 l2 = insert(*db, listSql, { { QStringLiteral("name"), QStringLiteral("Retail") } });
        const QString memberSql
            = QStringLiteral("INSERT INTO media_list_members (media_list_id, contact_id) VALUES (:l, :c)");
        exec(*db, memberSql, { { QStringLiteral("l"), l1 }, { QStringLiteral("c"), keep } });
        exec(*db, memberSql, { { QStringLiteral("l"), l1 }, { QStringLiteral("c"), other } });
        exec(*db, memberSql, { { QStringLiteral("l"), l2 }, { QStringLiteral("c"), other } });
        insert(*db,
            QStringLiteral(
                "INSERT INTO follow_ups (contact_id, due_at, created_at, updated_at) VALUES (:c, :now, :now, :now)"),
            { { QStringLiteral("c"), other } });
        insert(*db,
            QStringLiteral(
                "INSERT INTO coverage (contact_id, title, created_at, updated_at) VALUES (:c, 'Story', :now, :now)"),
            { { QStringLiteral("c"), other } });
        insert(*db,
            QStringLiteral("INSERT INTO engagement_events (contact_id, kind, occurred_at, source, external_id) "
                           "VALUES (:c, 'like', :now, 'mastodon', 'e1')"),
            { { QStringLiteral("c"), other } });

        DuplicateRepository repo(*db);
        Result<MergeRecord> merged = repo.merge(keep, other);
        QVERIFY2(merged.ok(), merged ? "" : qPrintable(merged.error().message));

        Result<Contact> kept = ContactRepository(*db).get(keep);
        QVERIFY(kept.ok());
        QCOMPARE(kept->emails.size(), 2);
        QCOMPARE(kept->emails.at(0).email, QStringLiteral("amara@ledger.example"));
        QCOMPARE(kept->emails.at(1).email, QStringLiteral("amara@home.example"));
        QCOMPARE(kept->phones.size(), 2); // +44-20-1 is the same number
        QCOMPARE(kept->phones.at(1).phone, QStringLiteral("+44 20 2"));
        QCOMPARE(kept->handles.size(), 1);
        QCOMPARE(kept->tags, (QStringList { QStringLiteral("ai"), QStringLiteral("vip") }));
        QCOMPARE(kept->title, QStringLiteral("Editor")); // empty field filled
        QCOMPARE(kept->city, QStringLiteral("London")); // own value kept
        QCOMPARE(kept->notes, QStringLiteral("Kept notes\n\nOther notes"));
        QVERIFY(kept->doNotContact);
        QCOMPARE(rowsOf(*db, QStringLiteral("interactions"), keep), 3);
        QCOMPARE(rowsOf(*db, QStringLiteral("pitches"), keep), 2);
        QCOMPARE(countWhere(*db, QStringLiteral("pitches"), QStringLiteral("id = :c"), movingPitch), 1);
        QCOMPARE(rowsOf(*db, QStringLiteral("pitches"), other), 1); // the clashing one stays on the trashed contact
        QCOMPARE(countWhere(*db, QStringLiteral("pitches"), QStringLiteral("contact_id = :c"), other), 1);
        QCOMPARE(countWhere(*db, QStringLiteral("pitches"),
                     QStringLiteral("id = :c AND contact_id = ") + QString::number(other), clashingPitch),
            1);
        QCOMPARE(rowsOf(*db, QStringLiteral("media_list_members"), keep), 2);
        QCOMPARE(rowsOf(*db, QStringLiteral("follow_ups"), keep), 1);
        QCOMPARE(rowsOf(*db, QStringLiteral("coverage"), keep), 1);
        QCOMPARE(rowsOf(*db, QStringLiteral("engagement_events"), keep), 1);
        QCOMPARE(countWhere(*db, QStringLiteral("contacts"),
                     QStringLiteral("id = :c AND search_extra LIKE '%amara@home.example%'"), keep),
            1);
        Result<Contact> trashed = ContactRepository(*db).get(other);
        QVERIFY(trashed->inTrash);
        QVERIFY(trashed->notes.startsWith(QStringLiteral("Other notes\n\nMerged into “Amara Okafor”")));
        {
            QSqlQuery q(db->connection());
            QVERIFY(
                q.exec(QStringLiteral("SELECT entity_id, details FROM audit_log WHERE action = 'merge'")) && q.next());
            QCOMPARE(q.value(0).toLongLong(), keep);
            const QJsonObject details = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
            QCOMPARE(details.value(QStringLiteral("merged")).toInteger(), other);
            QCOMPARE(details.value(QStringLiteral("moved"))
                         .toObject()
                         .value(QStringLiteral("interactions"))
                         .toArray()
                         .size(),
                2);
        }

        // Undo puts back exactly what moved.
        QVERIFY(repo.unmerge(*merged).ok());
        Result<Contact> keptAgain = ContactRepository(*db).get(keep);
        Result<Contact> otherAgain = ContactRepository(*db).get(other);
        QVERIFY(keptAgain.ok() && otherAgain.ok());
        QVERIFY(!otherAgain->inTrash);
        QCOMPARE(otherAgain->notes, QStringLiteral("Other notes"));
        QCOMPARE(otherAgain->emails.size(), 2);
        QCOMPARE(otherAgain->emails.at(1).email, QStringLiteral("amara@home.example"));
        QCOMPARE(otherAgain->phones.size(), 2);
        QCOMPARE(otherAgain->handles.size(), 1);
        QCOMPARE(otherAgain->tags, (QStringList { QStringLiteral("ai"), QStringLiteral("vip") }));
        QCOMPARE(keptAgain->emails.size(), 1);
        QCOMPARE(keptAgain->phones.size(), 1);
        QCOMPARE(keptAgain->tags, QStringList { QStringLiteral("vip") });
        QVERIFY(keptAgain->title.isEmpty());
        QCOMPARE(keptAgain->notes, QStringLiteral("Kept notes"));
        QVERIFY(!keptAgain->doNotContact);
        QCOMPARE(rowsOf(*db, QStringLiteral("interactions"), keep), 1);
        QCOMPARE(rowsOf(*db, QStringLiteral("interactions"), other), 2);
        QCOMPARE(rowsOf(*db, QStringLiteral("pitches"), other), 2);
        QCOMPARE(rowsOf(*db, QStringLiteral("media_list_members"), other), 2);
        QCOMPARE(rowsOf(*db, QStringLiteral("media_list_members"), keep), 1);
        QCOMPARE(rowsOf(*db, QStringLiteral("follow_ups"), other), 1);
        QCOMPARE(rowsOf(*db, QStringLiteral("coverage"), other), 1);
        QCOMPARE(rowsOf(*db, QStringLiteral("engagement_events"), other), 1);
        QCOMPARE(countWhere(*db, QStringLiteral("contacts"),
                     QStringLiteral("id = :c AND search_extra LIKE '%amara@home.example%'"), keep),
            0);
        QCOMPARE(
            countWhere(*db, QStringLiteral("audit_log"), QStringLiteral("action = 'unmerge' AND entity_id = :c"), keep),
            1);

        // Redo merges again; an undo after someone else changed the kept contact is refused.
        merged = repo.merge(keep, other);
        QVERIFY(merged.ok());
        Result<Contact> edited = ContactRepository(*db).get(keep);
        edited->title = QStringLiteral("Managing Editor");
        QVERIFY(ContactRepository(*db).update(*edited).ok());
        Status refused = repo.unmerge(*merged);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, Error::Code::Conflict);
        QVERIFY(ContactRepository(*db).get(other)->inTrash);
    }

    void mergeRefusesBadPairs_data() { TestDatabase::addBackends(); }
    void mergeRefusesBadPairs()
    {
        OPEN_TEST_DATABASE(db);
        const qint64 a = create(*db, person(QStringLiteral("Ann Able")));
        const qint64 b = create(*db, person(QStringLiteral("Ann Abel")));
        QVERIFY(ContactRepository(*db).moveToTrash(b).ok());
        DuplicateRepository repo(*db);
        QCOMPARE(repo.merge(a, a).error().code, Error::Code::Validation);
        QCOMPARE(repo.merge(a, b).error().code, Error::Code::Conflict);
        QCOMPARE(repo.merge(a, 999999).error().code, Error::Code::NotFound);
        QVERIFY(!ContactRepository(*db).get(a)->inTrash);
    }

    void suggestsTheMoreCompleteOrOlder()
    {
        Contact a;
        a.id = 1;
        a.createdAt = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
        Contact b = a;
        b.id = 2;
        b.createdAt = QDateTime::fromMSecsSinceEpoch(500, Qt::UTC);
        QCOMPARE(DuplicateRepository::suggestedKeep(a, b), 2); // older
        a.title = QStringLiteral("Editor");
        a.city = QStringLiteral("Oslo");
        a.emails = { { QStringLiteral("work"), QStringLiteral("a@b.example") } };
        QCOMPARE(DuplicateRepository::suggestedKeep(a, b), 1); // clearly more complete
    }
};

QTEST_GUILESS_MAIN(TestDuplicates)
#include "tst_duplicates.moc"
