#include "contacts/contactcommands.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QTest>
#include <QUndoStack>

namespace {

Contact saved(ContactRepository &repo, const QString &name, const QString &title = {})
{
    Contact c;
    c.displayName = name;
    c.title = title;
    if (Status s = repo.create(c); !s)
        qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    return c;
}

struct Recorder
{
    QList<qint64> ids;
    QStringList errors;
    ContactCommandHooks hooks()
    {
        return { [this](qint64 id, const QString &error) {
            ids.append(id);
            errors.append(error);
        } };
    }
};

} // namespace

// The undo commands of the contact editor, and the repository reads they and the editor use, on both backends.
class TestContactCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editUndoRedo_data() { TestDatabase::addBackends(); }
    void editUndoRedo();
    void undoAfterSomeoneElseChangedIsAConflict_data() { TestDatabase::addBackends(); }
    void undoAfterSomeoneElseChangedIsAConflict();
    void createUndoTrashes_data() { TestDatabase::addBackends(); }
    void createUndoTrashes();
    void trashManyUndoRestores_data() { TestDatabase::addBackends(); }
    void trashManyUndoRestores();
    void restoreFromTrashIsUndoable_data() { TestDatabase::addBackends(); }
    void restoreFromTrashIsUndoable();
    void tagNamesAndTrash_data() { TestDatabase::addBackends(); }
    void tagNamesAndTrash();
};

void TestContactCommands::editUndoRedo()
{
    OPEN_TEST_DATABASE(db);
    ContactRepository repo(*db);
    const Contact before = saved(repo, QStringLiteral("Ada Lovelace"), QStringLiteral("Editor"));
    Contact after = before;
    after.title = QStringLiteral("Features editor");
    after.tags = QStringList{QStringLiteral("launch")};
    QVERIFY(repo.update(after));
    QCOMPARE(after.version, 2);

    Recorder recorder;
    QUndoStack stack;
    stack.push(new EditContactCommand(*db, before, after, recorder.hooks()));
    QVERIFY(recorder.ids.isEmpty()); // pushed after the save: the first redo writes nothing
    QCOMPARE(repo.get(before.id)->version, 2);

    stack.undo();
    Result<Contact> undone = repo.get(before.id);
    QCOMPARE(undone->title, QStringLiteral("Editor"));
    QVERIFY(undone->tags.isEmpty());
    QCOMPARE(undone->version, 3);
    QCOMPARE(recorder.ids, QList<qint64>{before.id});
    QCOMPARE(recorder.errors.last(), QString());

    stack.redo();
    Result<Contact> redone = repo.get(before.id);
    QCOMPARE(redone->title, QStringLiteral("Features editor"));
    QCOMPARE(redone->tags, QStringList{QStringLiteral("launch")});
    QCOMPARE(redone->version, 4);

    // And once more, to see the versions keep following.
    stack.undo();
    QCOMPARE(repo.get(before.id)->title, QStringLiteral("Editor"));
    QCOMPARE(stack.count(), 1);
}

void TestContactCommands::undoAfterSomeoneElseChangedIsAConflict()
{
    OPEN_TEST_DATABASE(db);
    ContactRepository repo(*db);
    const Contact before = saved(repo, QStringLiteral("Ada Lovelace"), QStringLiteral("Editor"));
    Contact after = before;
    after.title = QStringLiteral("Mine");
    QVERIFY(repo.update(after));
    Recorder recorder;
    QUndoStack stack;
    stack.push(new EditContactCommand(*db, before, after, recorder.hooks()));

    Contact theirs = *repo.get(before.id); // someone else, in another window
    theirs.title = QStringLiteral("Theirs");
    QVERIFY(repo.update(theirs));

    stack.undo();
    QCOMPARE(repo.get(before.id)->title, QStringLiteral("Theirs")); // not overwritten
    QVERIFY(!recorder.errors.last().isEmpty());
    QCOMPARE(stack.count(), 0); // the failed command is dropped
}

void TestContactCommands::createUndoTrashes()
{
    OPEN_TEST_DATABASE(db);
    ContactRepository repo(*db);
    const Contact c = saved(repo, QStringLiteral("Zed Zulu"));
    Recorder recorder;
    QUndoStack stack;
    stack.push(new CreateContactCommand(*db, c.id, c.displayName, recorder.hooks()));
    QVERIFY(!repo.get(c.id)->inTrash);
    stack.undo();
    QVERIFY(repo.get(c.id)->inTrash);
    QCOMPARE(*repo.count(), 0);
    stack.redo();
    QVERIFY(!repo.get(c.id)->inTrash);
    QCOMPARE(recorder.ids, (QList<qint64>{0, c.id}));
}

void TestContactCommands::trashManyUndoRestores()
{
    OPEN_TEST_DATABASE(db);
    ContactRepository repo(*db);
    const qint64 a = saved(repo, QStringLiteral("A")).id;
    const qint64 b = saved(repo, QStringLiteral("B")).id;
    const qint64 c = saved(repo, QStringLiteral("C")).id;
    Recorder recorder;
    QUndoStack stack;
    auto *command = new TrashContactsCommand(*db, {a, b}, QStringLiteral("Delete"), recorder.hooks());
    QVERIFY(command->status());
    stack.push(command);
    QCOMPARE(*repo.count(), 1);
    QVERIFY(repo.get(a)->inTrash && repo.get(b)->inTrash && !repo.get(c)->inTrash);
    stack.undo();
    QCOMPARE(*repo.count(), 3);
    stack.redo();
    QCOMPARE(*repo.count(), 1);

    // All or nothing: a missing contact fails the whole command and leaves the others as they were.
    auto *failing = new TrashContactsCommand(*db, {c, 999'999}, QStringLiteral("Delete"), recorder.hooks());
    QVERIFY(!failing->status());
    QCOMPARE(failing->status().error().code, Error::Code::NotFound);
    QVERIFY(!repo.get(c)->inTrash);
    delete failing;
}

void TestContactCommands::restoreFromTrashIsUndoable()
{
    OPEN_TEST_DATABASE(db);
    ContactRepository repo(*db);
    const qint64 a = saved(repo, QStringLiteral("A")).id;
    QVERIFY(repo.moveToTrash(a));
    Recorder recorder;
    QUndoStack stack;
    auto *command = new TrashContactsCommand(
        *db, {a}, QStringLiteral("Restore"), recorder.hooks(), TrashContactsCommand::Mode::Restore);
    QVERIFY(command->status());
    stack.push(command);
    QVERIFY(!repo.get(a)->inTrash);
    stack.undo();
    QVERIFY(repo.get(a)->inTrash);
    QCOMPARE(recorder.ids, QList<qint64>{0});
}

void TestContactCommands::tagNamesAndTrash()
{
    OPEN_TEST_DATABASE(db);
    ContactRepository repo(*db);
    Contact c;
    c.displayName = QStringLiteral("Ada");
    c.beats = QStringList{QStringLiteral("retail"), QStringLiteral("consumer tech")};
    c.tags = QStringList{QStringLiteral("vip")};
    QVERIFY(repo.create(c));
    QCOMPARE(*repo.tagNames(QStringLiteral("beat")), (QStringList{QStringLiteral("consumer tech"), QStringLiteral("retail")}));
    QCOMPARE(*repo.tagNames(QStringLiteral("tag")), QStringList{QStringLiteral("vip")});

    QVERIFY(repo.trashed()->isEmpty());
    const qint64 b = saved(repo, QStringLiteral("Bob")).id;
    QVERIFY(repo.moveToTrash(c.id));
    QTest::qWait(2); // distinct deletion times
    QVERIFY(repo.moveToTrash(b));
    Result<QList<ContactRepository::TrashedContact>> trash = repo.trashed();
    QVERIFY(trash);
    QCOMPARE(trash->size(), 2);
    QCOMPARE(trash->at(0).id, b); // most recent first
    QCOMPARE(trash->at(0).displayName, QStringLiteral("Bob"));
    QVERIFY(trash->at(0).deletedAt.isValid());
    QCOMPARE(trash->at(1).id, c.id);
}

QTEST_GUILESS_MAIN(TestContactCommands)
#include "tst_contactcommands.moc"
