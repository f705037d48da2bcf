// The import wizard's item models under QAbstractItemModelTester (Fatal, for each model's whole life):
// ImportPreviewModel (rows as they will be stored, fixes in place, rows left out), ImportDuplicatesModel (one
// action for all, a row's own), ImportBatchListModel (Import History, updated by difference).
#include "interchange/importrecord.h"
#include "itemmodels/importbatchlistmodel.h"
#include "itemmodels/importduplicatesmodel.h"
#include "itemmodels/importpreviewmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ColumnMapping mapping()
{
    return ImportPresets::guess({ u"name"_s, u"email"_s, u"kind"_s, u"reach"_s, u"organization"_s });
}

QList<ImportRecord> records()
{
    const ColumnMapping m = mapping();
    return {
        ImportRecords::fromRow(m, { u"Anna Müller"_s, u"anna@example.com"_s, u"journalist"_s, u"12k"_s, u"Tagesblatt"_s }, 1, 2),
        ImportRecords::fromRow(m, { u""_s, u"nobody@example.com"_s, u""_s, u""_s, u""_s }, 2, 3),
        ImportRecords::fromRow(m, { u"Ben Ortiz"_s, u"not-an-email"_s, u"wizard"_s, u"lots"_s, u""_s }, 3, 4),
        ImportRecords::fromRow(m, { u"Cy Crane"_s, u"cy@example.com"_s, u"editor"_s, u""_s, u"Daily Post"_s }, 4, 5),
    };
}

} // namespace

class TestImportModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void previewShowsRowsAndProblems()
    {
        ImportPreviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRecords(records());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.problemCount(), 2);
        QCOMPARE(model.index(0, ImportPreviewModel::NameColumn).data().toString(), u"Anna Müller"_s);
        QCOMPARE(model.index(0, ImportPreviewModel::ReachColumn).data(Qt::EditRole).toString(), u"12000"_s);
        QCOMPARE(model.index(0, ImportPreviewModel::ImportColumn).data(Qt::CheckStateRole).value<Qt::CheckState>(),
            Qt::Checked);
        // Row 2 has no name: said in words, with the row, and the row is not imported.
        const QModelIndex problems = model.index(1, ImportPreviewModel::ProblemsColumn);
        QCOMPARE(problems.data().toString(), u"no name."_s);
        QVERIFY(problems.data(Qt::ToolTipRole).toString().contains(u"Row 2 (line 3)"_s));
        QCOMPARE(model.index(1, ImportPreviewModel::ImportColumn).data(Qt::CheckStateRole).value<Qt::CheckState>(),
            Qt::Unchecked);
        QVERIFY(!(model.flags(model.index(1, ImportPreviewModel::ImportColumn)) & Qt::ItemIsUserCheckable));
        QVERIFY(model.index(2, 0).data(ImportPreviewModel::HasProblemsRole).toBool());
    }

    void previewFixesInPlace()
    {
        ImportPreviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRecords(records());
        QSignalSpy counts(&model, &ImportPreviewModel::countsChanged);
        // A name for row 2.
        QVERIFY(model.setData(model.index(1, ImportPreviewModel::NameColumn), u"Nora Nobody"_s));
        QVERIFY(!model.index(1, 0).data(ImportPreviewModel::HasProblemsRole).toBool());
        QCOMPARE(model.problemCount(), 1);
        QVERIFY(counts.count() >= 1);
        // Row 3: three problems (kind, reach, email); fixing two leaves the third.
        const QModelIndex kind = model.index(2, ImportPreviewModel::KindColumn);
        QVERIFY(!kind.data(ImportPreviewModel::ChoicesRole).toList().isEmpty());
        QVERIFY(model.setData(kind, u"blogger"_s));
        QVERIFY(model.setData(model.index(2, ImportPreviewModel::ReachColumn), u"5000"_s));
        QVERIFY(model.index(2, 0).data(ImportPreviewModel::HasProblemsRole).toBool());
        QVERIFY(model.index(2, ImportPreviewModel::ProblemsColumn).data().toString().contains(u"not-an-email"_s));
        QVERIFY(!model.index(2, ImportPreviewModel::ProblemsColumn).data().toString().contains(u"wizard"_s));
        QVERIFY(model.setData(model.index(2, ImportPreviewModel::EmailsColumn), u"ben@example.com"_s));
        QVERIFY(!model.index(2, 0).data(ImportPreviewModel::HasProblemsRole).toBool());
        QCOMPARE(model.records().at(2).contact.kind, u"blogger"_s);
        QCOMPARE(model.records().at(2).contact.reach, 5000);
        QCOMPARE(model.problemCount(), 0);
        // A reach that is no number is refused.
        QVERIFY(!model.setData(model.index(0, ImportPreviewModel::ReachColumn), u"many"_s));
    }

    void previewLeavesRowsOut()
    {
        ImportPreviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRecords(records());
        const QModelIndex check = model.index(3, ImportPreviewModel::ImportColumn);
        QVERIFY(model.setData(check, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(model.leftOutCount(), 1);
        QCOMPARE(check.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
        const QList<ImportRecord> kept = model.recordsToImport();
        QCOMPARE(kept.size(), 3); // rows with problems stay, to be counted as left out
        for (const ImportRecord &r : kept)
            QVERIFY(r.row != 4);
        QVERIFY(model.setData(check, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.recordsToImport().size(), 4);
        // A row with problems cannot be checked.
        QVERIFY(!model.setData(model.index(1, ImportPreviewModel::ImportColumn), Qt::Checked, Qt::CheckStateRole));
    }

    void duplicatesForAllAndPerRow()
    {
        ImportDuplicatesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QList<ImportRecord> list = records();
        model.setMatches({ { 0, 11, u"Anna Müller"_s, u"same email anna@example.com"_s },
                             { 3, 12, u"Cy Crane"_s, u"same name at Daily Post"_s } },
            list);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, ImportDuplicatesModel::RowColumn).data().toInt(), 1);
        QCOMPARE(model.index(1, ImportDuplicatesModel::RowColumn).data().toInt(), 4);
        QVERIFY(model.index(0, ImportDuplicatesModel::IncomingColumn).data().toString().contains(u"Tagesblatt"_s));
        QCOMPARE(model.index(1, ImportDuplicatesModel::ExistingColumn).data().toString(), u"Cy Crane"_s);
        QCOMPARE(model.index(1, 0).data(ImportDuplicatesModel::ContactIdRole).toLongLong(), 12);
        QCOMPARE(model.actionAt(0), DuplicateAction::Skip);
        QVERIFY(model.perRecord().isEmpty());

        QVERIFY(model.setData(model.index(1, ImportDuplicatesModel::ActionColumn), u"overwrite"_s));
        QCOMPARE(model.perRecord().value(3), DuplicateAction::Overwrite);
        QCOMPARE(model.index(1, ImportDuplicatesModel::ActionColumn).data().toString(),
            DuplicateActions::label(DuplicateAction::Overwrite));
        QVERIFY(!model.setData(model.index(1, ImportDuplicatesModel::ActionColumn), u"explode"_s));

        model.setDefaultAction(DuplicateAction::Fill); // for all: the rows' own choices go
        QVERIFY(model.perRecord().isEmpty());
        QCOMPARE(model.actionAt(0), DuplicateAction::Fill);
        QCOMPARE(model.actionAt(1), DuplicateAction::Fill);
        model.setMatches({}, list);
        QCOMPARE(model.rowCount(), 0);
    }

    void batchListUpdatesByDifference()
    {
        ImportBatchListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        ImportBatch a;
        a.id = 1;
        a.fileName = u"google.csv"_s;
        a.userName = u"Alex"_s;
        a.startedAt = QDateTime::currentDateTime();
        a.created = 1200;
        ImportBatch b = a;
        b.id = 2;
        b.fileName = u"phone.vcf"_s;
        b.format = u"vcard"_s;
        model.setBatches({ b, a });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, ImportBatchListModel::FileColumn).data().toString(), u"google.csv"_s);
        QCOMPARE(model.index(1, ImportBatchListModel::CreatedColumn).data().toString(), QLocale().toString(1200));
        QVERIFY(model.index(1, ImportBatchListModel::StateColumn).data().toString().isEmpty());
        QVERIFY(!model.index(1, 0).data(ImportBatchListModel::UndoneRole).toBool());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        a.undoneAt = QDateTime::currentDateTime();
        ImportBatch c = a;
        c.id = 3;
        c.fileName = u"again.csv"_s;
        model.setBatches({ c, b, a });
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(1), 2);
        QVERIFY(model.index(2, 0).data(ImportBatchListModel::UndoneRole).toBool());
        QVERIFY(!model.index(2, ImportBatchListModel::StateColumn).data().toString().isEmpty());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.batchAt(0)->fileName, u"again.csv"_s);
        QVERIFY(!model.batchAt(5));
    }
};

QTEST_GUILESS_MAIN(TestImportModels)
#include "tst_importmodels.moc"
