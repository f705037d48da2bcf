// ContactMerge (issue 14): two edits of one contact, field by field.
#include "domain/contactmerge.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestContactMerge final : public QObject
{
    Q_OBJECT

private slots:
    void differentFieldsMerge()
    {
        Contact original;
        original.id = 7;
        original.version = 3;
        original.displayName = u"Jane Doe"_s;
        original.title = u"Reporter"_s;
        original.tags = { u"press"_s };
        Contact mine = original;
        mine.title = u"Editor"_s;
        Contact theirs = original;
        theirs.version = 4;
        theirs.city = u"Berlin"_s;
        theirs.tags = { u"press"_s, u"vip"_s };

        const ContactMerge::Outcome m = ContactMerge::merge(original, mine, theirs);
        QVERIFY(m.conflicts.isEmpty());
        QCOMPARE(m.merged.title, u"Editor"_s);
        QCOMPARE(m.merged.city, u"Berlin"_s);
        QCOMPARE(m.merged.tags, (QStringList { u"press"_s, u"vip"_s }));
        QCOMPARE(m.merged.version, 4); // saved over their version, not ours
        QCOMPARE(m.theirChanges, (QStringList { u"city"_s, u"tags"_s }));
    }

    void sameFieldConflicts()
    {
        Contact original;
        original.displayName = u"Jane Doe"_s;
        original.title = u"Reporter"_s;
        original.doNotContact = false;
        Contact mine = original;
        mine.title = u"Editor"_s;
        mine.doNotContact = true;
        Contact theirs = original;
        theirs.title = u"Chief editor"_s;
        theirs.doNotContact = true; // the same change on both sides is no conflict

        const ContactMerge::Outcome m = ContactMerge::merge(original, mine, theirs);
        QCOMPARE(m.conflicts.size(), 1);
        const ContactMerge::Conflict &c = m.conflicts.first();
        QCOMPARE(c.field, u"title"_s);
        QCOMPARE(c.original, u"Reporter"_s);
        QCOMPARE(c.mine, u"Editor"_s);
        QCOMPARE(c.theirs, u"Chief editor"_s);
        QCOMPARE(m.merged.title, u"Editor"_s); // mine until the person decides
        QVERIFY(m.merged.doNotContact);
        Contact resolved = m.merged;
        ContactMerge::take(resolved, c.field, theirs);
        QCOMPARE(resolved.title, u"Chief editor"_s);
        ContactMerge::take(resolved, c.field, original);
        QCOMPARE(resolved.title, u"Reporter"_s);
        QCOMPARE(ContactMerge::label(u"title"_s), u"Title"_s);
    }

    void nothingChangedByThem()
    {
        Contact original;
        original.displayName = u"Jane"_s;
        Contact mine = original;
        mine.notes = u"Prefers phone"_s;
        const ContactMerge::Outcome m = ContactMerge::merge(original, mine, original);
        QVERIFY(m.conflicts.isEmpty());
        QVERIFY(m.theirChanges.isEmpty());
        QCOMPARE(m.merged.notes, u"Prefers phone"_s);
    }
};

QTEST_GUILESS_MAIN(TestContactMerge)
#include "tst_contactmerge.moc"
