// The field-level history (issue 14, schema version 11): what the triggers keep for every kind of write, how
// HistoryQuery reads it back (claimed by the write's audit entry, filtered by person and period) and how
// HistoryModel shows it, under QAbstractItemModelTester (Fatal) for the model's whole life. SQLite and
// PostgreSQL.
#include "domain/contact.h"
#include "itemmodels/historymodel.h"
#include "storage/bulkcontactrepository.h"
#include "storage/contactrepository.h"
#include "storage/duplicaterepository.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const FieldChange *changeOf(const HistoryEntry &e, const QString &field)
{
    for (const FieldChange &c : e.changes)
        if (c.field == field)
            return &c;
    return nullptr;
}

QList<HistoryEntry> historyOf(Database &db, const QString &entity, qint64 id, qint64 user = 0)
{
    HistoryFilter f;
    f.entity = entity;
    f.entityId = id;
    f.userId = user;
    Result<QList<HistoryEntry>> entries = HistoryQuery(db).load(f);
    if (!entries)
        qFatal("%s", qPrintable(entries.error().message));
    return *entries;
}

} // namespace

class TestHistoryModel final : public QObject
{
    Q_OBJECT

private slots:
    void editsMergesBulkAndDirectWrites_data() { TestDatabase::addBackends(); }
    void editsMergesBulkAndDirectWrites()
    {
        OPEN_TEST_DATABASE(db);
        Result<User> anna = UserRepository(*db).ensureUser(u"anna"_s, u"Anna Berg"_s);
        QVERIFY(anna);
        Organization outlet;
        outlet.name = u"Daily Planet"_s;
        QVERIFY(OrganizationRepository(*db).create(outlet));
        ContactRepository contacts(*db);
        Contact c;
        c.displayName = u"Jane Doe"_s;
        c.title = u"Reporter"_s;
        QVERIFY(contacts.create(c));

        // An edit by Anna: title and outlet change, each field old → new, the outlet by name.
        c.title = u"Editor"_s;
        c.organizationId = outlet.id;
        QVERIFY(contacts.update(c));
        QList<HistoryEntry> h = historyOf(*db, u"contact"_s, c.id);
        QCOMPARE(h.size(), 2); // the edit on top of the creation
        QCOMPARE(h.at(0).action, u"update"_s);
        QCOMPARE(h.at(0).userName, u"Anna Berg"_s);
        const FieldChange *title = changeOf(h.at(0), u"title"_s);
        QVERIFY(title);
        QCOMPARE(title->oldValue, u"Reporter"_s);
        QCOMPARE(title->newValue, u"Editor"_s);
        const FieldChange *org = changeOf(h.at(0), u"organization_id"_s);
        QVERIFY(org);
        QVERIFY(org->oldValue.isEmpty());
        QCOMPARE(org->newName, u"Daily Planet"_s);
        QVERIFY(!changeOf(h.at(0), u"display_name"_s)); // unchanged fields are not listed
        QCOMPARE(h.at(1).action, u"create"_s);
        QVERIFY(h.at(1).changes.isEmpty());

        // Bob changes the kind of Jane and others at once: the bulk entry carries the field.
        Result<User> bob = UserRepository(*db).ensureUser(u"bob"_s, u"Bob Stone"_s);
        QVERIFY(bob);
        Contact other;
        other.displayName = u"Jane Doe (old)"_s;
        QVERIFY(contacts.create(other));
        QVERIFY(BulkContactRepository(*db).setField({ c.id, other.id }, BulkContactRepository::Field::Kind, u"editor"_s));
        h = historyOf(*db, u"contact"_s, c.id);
        QCOMPARE(h.at(0).action, u"bulk_kind"_s);
        QCOMPARE(h.at(0).userName, u"Bob Stone"_s);
        const FieldChange *kind = changeOf(h.at(0), u"kind"_s);
        QVERIFY(kind);
        QCOMPARE(kind->oldValue, u"journalist"_s);
        QCOMPARE(kind->newValue, u"editor"_s);

        // A merge: the one merged away goes to the trash, which its history says.
        Result<MergeRecord> merged = DuplicateRepository(*db).merge(c.id, other.id);
        QVERIFY2(merged, merged ? "" : qPrintable(merged.error().message));
        const QList<HistoryEntry> gone = historyOf(*db, u"contact"_s, other.id);
        QVERIFY(!gone.isEmpty());
        bool trashed = false;
        for (const HistoryEntry &e : gone)
            trashed = trashed || changeOf(e, u"deleted_at"_s);
        QVERIFY(trashed);
        QCOMPARE(historyOf(*db, u"contact"_s, c.id).at(0).action, u"merge"_s);

        // A write without an audit entry (another program, a script) is still in the history, unclaimed.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"UPDATE contacts SET city = 'Metropolis' WHERE id = %1"_s.arg(c.id)));
        h = historyOf(*db, u"contact"_s, c.id);
        // Its time may be the merge's millisecond: find it rather than expect it on top.
        const auto unclaimed = std::find_if(h.cbegin(), h.cend(), [](const HistoryEntry &e) { return e.auditId == 0; });
        QVERIFY(unclaimed != h.cend());
        QCOMPARE(unclaimed->action, u"change"_s);
        QCOMPARE(unclaimed->changes.size(), 1);
        QCOMPARE(changeOf(*unclaimed, u"city"_s)->newValue, u"Metropolis"_s);

        // Filters: by person, and by period.
        const QList<HistoryEntry> annas = historyOf(*db, u"contact"_s, c.id, anna->id);
        QVERIFY(!annas.isEmpty());
        for (const HistoryEntry &e : annas)
            QCOMPARE(e.userId, anna->id);
        HistoryFilter future;
        future.entity = u"contact"_s;
        future.entityId = c.id;
        future.from = QDateTime::currentDateTimeUtc().addDays(1);
        Result<QList<HistoryEntry>> none = HistoryQuery(*db).load(future);
        QVERIFY(none);
        QVERIFY(none->isEmpty());

        // The whole team (Activity → Changes): every entity, newest first.
        Result<QList<HistoryEntry>> team = HistoryQuery(*db).load(HistoryFilter {});
        QVERIFY(team);
        QVERIFY(team->size() >= 6);
        for (qsizetype i = 1; i < team->size(); ++i)
            QVERIFY(team->at(i - 1).at >= team->at(i).at);
    }

    void model_data() { TestDatabase::addBackends(); }
    void model()
    {
        OPEN_TEST_DATABASE(db);
        QVERIFY(UserRepository(*db).ensureUser(u"anna"_s, u"Anna Berg"_s));
        ContactRepository contacts(*db);
        Contact c;
        c.displayName = u"Jane Doe"_s;
        c.doNotContact = false;
        QVERIFY(contacts.create(c));

        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setEntries(historyOf(*db, u"contact"_s, c.id));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, HistoryModel::WhatColumn).data().toString(), u"Created"_s);
        QCOMPARE(model.index(0, HistoryModel::WhoColumn).data().toString(), u"Anna Berg"_s);

        c.title = u"Editor"_s;
        c.doNotContact = true;
        c.doNotContactReason = u"Asked us to stop"_s;
        QVERIFY(contacts.update(c));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setEntries(historyOf(*db, u"contact"_s, c.id));
        QCOMPARE(inserted.size(), 1); // the new entry on top, not a reset
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex edit = model.index(0, 0);
        QVERIFY(model.index(0, HistoryModel::WhatColumn).data().toString().startsWith(u"Edited: "_s));
        QCOMPARE(model.rowCount(edit), 3);
        QModelIndex flag;
        for (int r = 0; r < model.rowCount(edit); ++r)
            if (model.index(r, 0, edit).data(HistoryModel::FieldRole).toString() == u"do_not_contact")
                flag = model.index(r, 0, edit);
        QVERIFY(flag.isValid());
        QCOMPARE(model.index(flag.row(), HistoryModel::WhatColumn, edit).data().toString(), u"Do not contact: No → Yes"_s);
        QCOMPARE(model.index(flag.row(), HistoryModel::BeforeColumn, edit).data().toString(), u"No"_s);
        QCOMPARE(model.index(flag.row(), HistoryModel::AfterColumn, edit).data().toString(), u"Yes"_s);
        QCOMPARE(model.parent(model.index(0, HistoryModel::AfterColumn, edit)), edit);

        // Something else entirely (another contact): a reset.
        Contact other;
        other.displayName = u"John Roe"_s;
        QVERIFY(contacts.create(other));
        model.setEntries(historyOf(*db, u"contact"_s, other.id));
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 1);
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
