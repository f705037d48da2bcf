// The field-level history (issue 14, schema version 11): what the triggers keep for every kind of write, how
// HistoryQuery reads it back (claimed by the write's audit entry, filtered by person and period) and how
// HistoryModel shows it, under QAbstractItemModelTester (Fatal) for the model's whole life. SQLite and
// PostgreSQL.
#include "domain/campaignstatus.h"
#include "domain/contact.h"
#include "domain/interaction.h"
#include "domain/pitchstatus.h"
#include "itemmodels/historymodel.h"
#include "storage/bulkcontactrepository.h"
#include "storage/contactrepository.h"
#include "storage/duplicaterepository.h"
#include "storage/organizationrepository.h"
#include "storage/syncrepository.h"
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

// The changes of one field (a child kind: several rows may change at once), as "old → new" texts.
QStringList changesOf(const HistoryEntry &e, const QString &field)
{
    QStringList out;
    for (const FieldChange &c : e.changes)
        if (c.field == field)
            out << c.oldValue + u" → "_s + c.newValue;
    return out;
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

    // A contact's child rows (schema v21): emails, phones, handles, beats and tags added or removed by each kind
    // of writer are changes of the contact, in the entry of the write that made them; a contact's creation and
    // a contact deleted for good leave none.
    void childRows_data() { TestDatabase::addBackends(); }
    void childRows()
    {
        OPEN_TEST_DATABASE(db);
        Result<User> anna = UserRepository(*db).ensureUser(u"anna"_s, u"Anna Berg"_s);
        QVERIFY(anna);
        ContactRepository contacts(*db);
        Contact c;
        c.displayName = u"Jane Doe"_s;
        c.emails = { { u"work"_s, u"a@x.example"_s }, { u"home"_s, u"kept@x.example"_s } };
        c.phones = { { u"work"_s, u"+49 30 1111"_s } };
        c.handles = { { u"mastodon"_s, u"@jane@social.example"_s, {} } };
        c.beats = { u"tech"_s };
        c.tags = { u"press"_s };
        QVERIFY(contacts.create(c));
        QList<HistoryEntry> h = historyOf(*db, u"contact"_s, c.id);
        QCOMPARE(h.size(), 1);
        QVERIFY(h.at(0).changes.isEmpty()); // the creation lists no fields, children included

        // One save in the editor: an email replaced, a phone added, a handle removed and another added, a tag
        // replaced; the unchanged email, phone and beat are not listed although the save rewrote every row.
        c = *contacts.get(c.id);
        c.emails = { { u"work"_s, u"b@x.example"_s }, { u"home"_s, u"kept@x.example"_s } };
        c.phones.append({ u"mobile"_s, u"+49 170 2222"_s });
        c.handles = { { u"bluesky"_s, u"jane.bsky.social"_s, {} } };
        c.tags = { u"vip"_s };
        QVERIFY(contacts.update(c));
        h = historyOf(*db, u"contact"_s, c.id);
        QCOMPARE(h.size(), 2);
        QCOMPARE(h.at(0).action, u"update"_s);
        QCOMPARE(h.at(0).userName, u"Anna Berg"_s);
        QCOMPARE(changesOf(h.at(0), u"email"_s), QStringList { u"a@x.example → b@x.example"_s });
        QCOMPARE(changesOf(h.at(0), u"phone"_s), QStringList { u" → +49 170 2222"_s });
        QCOMPARE(changesOf(h.at(0), u"handle:mastodon"_s), QStringList { u"@jane@social.example → "_s });
        QCOMPARE(changesOf(h.at(0), u"handle:bluesky"_s), QStringList { u" → jane.bsky.social"_s });
        QCOMPARE(changesOf(h.at(0), u"tag"_s), QStringList { u"press → vip"_s });
        QVERIFY(changesOf(h.at(0), u"beat"_s).isEmpty());
        QCOMPARE(h.at(0).changes.size(), 5);
        // Activity → Changes shows the same entry with the same changes.
        Result<QList<HistoryEntry>> team = HistoryQuery(*db).load(HistoryFilter {});
        QVERIFY(team);
        QCOMPARE(team->at(0).auditId, h.at(0).auditId);
        QCOMPARE(changesOf(team->at(0), u"email"_s), QStringList { u"a@x.example → b@x.example"_s });

        // Bulk tagging by Bob, with a contact nobody edited since its creation (an import's, version 1).
        Result<User> bob = UserRepository(*db).ensureUser(u"bob"_s, u"Bob Stone"_s);
        QVERIFY(bob);
        Contact fresh;
        fresh.displayName = u"John Roe"_s;
        fresh.emails = { { u"work"_s, u"john@x.example"_s } };
        QVERIFY(contacts.create(fresh));
        QVERIFY(BulkContactRepository(*db).addTag({ c.id, fresh.id }, u"wire"_s, u"tag"_s));
        for (const qint64 id : { c.id, fresh.id }) {
            h = historyOf(*db, u"contact"_s, id);
            QCOMPARE(h.at(0).action, u"bulk_tag"_s);
            QCOMPARE(h.at(0).userName, u"Bob Stone"_s);
            QCOMPARE(changesOf(h.at(0), u"tag"_s), QStringList { u" → wire"_s });
        }
        QVERIFY(BulkContactRepository(*db).removeTag({ fresh.id }, u"wire"_s, u"tag"_s));
        QCOMPARE(changesOf(historyOf(*db, u"contact"_s, fresh.id).at(0), u"tag"_s), QStringList { u"wire → "_s });

        // A merge: the duplicate's email and beat move to Jane, in the merge's entry; its own history says they
        // left. Undoing the merge takes them back, in the unmerge's entry.
        Contact dup;
        dup.displayName = u"Jane Doe (old)"_s;
        dup.emails = { { u"work"_s, u"old@x.example"_s } };
        dup.beats = { u"retail"_s };
        QVERIFY(contacts.create(dup));
        Result<MergeRecord> merged = DuplicateRepository(*db).merge(c.id, dup.id);
        QVERIFY2(merged, merged ? "" : qPrintable(merged.error().message));
        h = historyOf(*db, u"contact"_s, c.id);
        QCOMPARE(h.at(0).action, u"merge"_s);
        QCOMPARE(changesOf(h.at(0), u"email"_s), QStringList { u" → old@x.example"_s });
        QCOMPARE(changesOf(h.at(0), u"beat"_s), QStringList { u" → retail"_s });
        QStringList left;
        for (const HistoryEntry &e : historyOf(*db, u"contact"_s, dup.id))
            left << changesOf(e, u"email"_s) << changesOf(e, u"beat"_s);
        QVERIFY2(left.contains(u"old@x.example → "_s) && left.contains(u"retail → "_s), qPrintable(left.join(u", ")));
        QVERIFY(DuplicateRepository(*db).unmerge(*merged));
        h = historyOf(*db, u"contact"_s, c.id);
        QCOMPARE(h.at(0).action, u"unmerge"_s);
        QCOMPARE(changesOf(h.at(0), u"email"_s), QStringList { u"old@x.example → "_s });

        // The Inbox: linking a synced author to a contact nobody edited yet adds their handle, in the link's
        // entry; undoing the link removes it again.
        Contact author;
        author.displayName = u"Ada Author"_s;
        QVERIFY(contacts.create(author));
        SyncRepository sync(*db);
        Result<int> linked = sync.linkToContact(u"bluesky"_s, u"ada.bsky.social"_s, author.id);
        QVERIFY2(linked, linked ? "" : qPrintable(linked.error().message));
        h = historyOf(*db, u"contact"_s, author.id);
        QCOMPARE(h.at(0).action, u"inbox_link"_s);
        QCOMPARE(changesOf(h.at(0), u"handle:bluesky"_s), QStringList { u" → ada.bsky.social"_s });
        QVERIFY(sync.unlinkFromContact(u"bluesky"_s, u"ada.bsky.social"_s, author.id));
        h = historyOf(*db, u"contact"_s, author.id);
        QCOMPARE(h.at(0).action, u"inbox_unlink"_s);
        QCOMPARE(changesOf(h.at(0), u"handle:bluesky"_s), QStringList { u"ada.bsky.social → "_s });

        // A script removing a phone without an audit entry: still in the history, unclaimed.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"DELETE FROM contact_phones WHERE contact_id = %1 AND phone = '+49 30 1111'"_s.arg(c.id)));
        h = historyOf(*db, u"contact"_s, c.id);
        const auto unclaimed = std::find_if(h.cbegin(), h.cend(), [](const HistoryEntry &e) { return e.auditId == 0; });
        QVERIFY(unclaimed != h.cend());
        QCOMPARE(changesOf(*unclaimed, u"phone"_s), QStringList { u"+49 30 1111 → "_s });

        // A contact deleted for good takes its rows along without a record of them.
        auto count = [&](const QString &sql) {
            QSqlQuery n(db->connection());
            return n.exec(sql) && n.next() ? n.value(0).toLongLong() : -1;
        };
        const qint64 before = count(u"SELECT count(*) FROM audit_changes"_s);
        QVERIFY(q.exec(u"DELETE FROM contacts WHERE id = %1"_s.arg(c.id)));
        QCOMPARE(count(u"SELECT count(*) FROM audit_changes"_s), before);
    }

    void foldChildChanges()
    {
        QList<FieldChange> changes = {
            { u"title"_s, u"A"_s, u"B"_s, {}, {} },
            { u"email"_s, u"a@x"_s, {}, {}, {} },
            { u"email"_s, u"kept@x"_s, {}, {}, {} },
            { u"tag"_s, u"press"_s, {}, {}, {} },
            { u"email"_s, {}, u"b@x"_s, {}, {} },
            { u"email"_s, {}, u"kept@x"_s, {}, {} },
            { u"email"_s, {}, u"c@x"_s, {}, {} },
            { u"tag"_s, {}, u"press"_s, {}, {} },
        };
        HistoryQuery::foldChildChanges(changes);
        QStringList text;
        for (const FieldChange &c : changes)
            text << c.field + u": "_s + c.oldValue + u" → "_s + c.newValue;
        QCOMPARE(text, (QStringList { u"title: A → B"_s, u"email: a@x → b@x"_s, u"email:  → c@x"_s }));
    }

    // Stored keys read as the window names them, numbers with separators (the History tab in German showed
    // "planned → active" and "4705").
    void valuesReadAsTheWindowNamesThem()
    {
        QCOMPARE(HistoryModel::valueText(u"campaign"_s, u"status"_s, u"active"_s, {}), CampaignStatus::label(u"active"_s));
        QCOMPARE(HistoryModel::valueText(u"pitch"_s, u"status"_s, u"pitched"_s, {}), PitchStatus::label(u"pitched"_s));
        QCOMPARE(HistoryModel::valueText(u"contact"_s, u"kind"_s, u"client_contact"_s, {}), u"Client contact"_s);
        QCOMPARE(HistoryModel::valueText(u"interaction"_s, u"channel"_s, u"email"_s, {}),
            Interaction::channelLabel(u"email"_s));
        QCOMPARE(HistoryModel::valueText(u"contact"_s, u"reach"_s, u"4705"_s, {}), QLocale().toString(4705));
        QCOMPARE(HistoryModel::valueText(u"contact"_s, u"title"_s, u"planned"_s, {}), u"planned"_s); // free text stays
        QCOMPARE(HistoryModel::valueText(u"contact"_s, u"kind"_s, {}, {}), u"(empty)"_s);
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
