// PitchBoardModel: successive boards (pitches gone, new, renamed, moved to another status) applied by difference,
// single-row updates and reply proposals, all under QAbstractItemModelTester (Fatal, for the model's whole life);
// after each step the rows match an oracle list sorted here, independently of the model. A status column's
// proxy (what a board column shows) holds exactly the oracle's pitches of that status.
#include "domain/pitchstatus.h"
#include "domain/text.h"
#include "itemmodels/pitchboardmodel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <algorithm>

namespace {

PitchRepository::BoardRow pitch(qint64 id, QRandomGenerator &random)
{
    PitchRepository::BoardRow r;
    r.pitchId = id;
    r.contactId = 1000 + id;
    r.name = QStringLiteral("Person %1").arg(random.bounded(500), 3, 10, QLatin1Char('0'));
    r.outlet = QStringLiteral("Outlet %1").arg(random.bounded(20));
    r.status = PitchStatus::key(random.bounded(PitchStatus::count()));
    r.version = 1 + random.bounded(5);
    r.movedAt = QDateTime(QDate(2026, 11, 1 + random.bounded(28)), QTime(9, 30), Qt::UTC);
    r.movedBy = QStringLiteral("Anna Berg");
    return r;
}

void sortOracle(QList<PitchRepository::BoardRow> &rows)
{
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        const QString ka = Text::sortKey(a.name), kb = Text::sortKey(b.name);
        return ka != kb ? ka < kb : a.pitchId < b.pitchId;
    });
}

} // namespace

class TestPitchBoardModel final : public QObject
{
    Q_OBJECT

    static void compare(const PitchBoardModel &model, const QList<PitchRepository::BoardRow> &expected)
    {
        QCOMPARE(model.rowCount(), int(expected.size()));
        for (int r = 0; r < expected.size(); ++r) {
            const auto &e = expected.at(r);
            QCOMPARE(model.index(r, 0).data(PitchBoardModel::PitchIdRole).toLongLong(), e.pitchId);
            QCOMPARE(model.index(r, PitchBoardModel::NameColumn).data().toString(), e.name);
            QCOMPARE(model.index(r, PitchBoardModel::OutletColumn).data().toString(), e.outlet);
            QCOMPARE(model.index(r, 0).data(PitchBoardModel::StatusRole).toString(), e.status);
            QCOMPARE(model.index(r, 0).data(PitchBoardModel::StatusIndexRole).toInt(), PitchStatus::indexOf(e.status));
            QCOMPARE(model.index(r, PitchBoardModel::StatusColumn).data().toString(), PitchStatus::label(e.status));
            QCOMPARE(model.index(r, 0).data(PitchBoardModel::VersionRole).toInt(), e.version);
            QVERIFY(model.index(r, 0)
                        .data(PitchBoardModel::StampRole)
                        .toString()
                        .startsWith(QStringLiteral("Moved by Anna Berg on ")));
        }
    }

    static void compareColumns(const PitchBoardModel &model, const QList<PitchRepository::BoardRow> &expected)
    {
        for (int s = 0; s < PitchStatus::count(); ++s) {
            QSortFilterProxyModel column;
            column.setSourceModel(const_cast<PitchBoardModel *>(&model));
            column.setFilterRole(PitchBoardModel::StatusRole);
            column.setFilterRegularExpression(QRegularExpression(QStringLiteral("^%1$").arg(PitchStatus::key(s))));
            QList<qint64> want;
            for (const auto &e : expected)
                if (e.status == PitchStatus::key(s))
                    want.append(e.pitchId);
            QList<qint64> got;
            for (int r = 0; r < column.rowCount(); ++r)
                got.append(column.index(r, 0).data(PitchBoardModel::PitchIdRole).toLongLong());
            QCOMPARE(got, want);
            QCOMPARE(model.countIn(PitchStatus::key(s)), int(want.size()));
        }
    }

private Q_SLOTS:
    void oracle()
    {
        PitchBoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QRandomGenerator random(42);
        QList<PitchRepository::BoardRow> rows;
        qint64 nextId = 1;
        for (int n = 0; n < 60; ++n)
            rows.append(pitch(nextId++, random));
        sortOracle(rows);
        model.setRows(rows);
        compare(model, rows);
        compareColumns(model, rows);

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        for (int round = 0; round < 25; ++round) {
            // Some pitches leave, some arrive, some move on the board, some are renamed.
            for (int n = 0; n < 3 && !rows.isEmpty(); ++n)
                rows.removeAt(random.bounded(int(rows.size())));
            for (int n = 0; n < 3; ++n)
                rows.append(pitch(nextId++, random));
            for (int n = 0; n < 5; ++n) {
                auto &r = rows[random.bounded(int(rows.size()))];
                r.status = PitchStatus::key(random.bounded(PitchStatus::count()));
                ++r.version;
            }
            rows[random.bounded(int(rows.size()))].name = QStringLiteral("Renamed %1").arg(round);
            sortOracle(rows);
            model.setRows(rows);
            compare(model, rows);
            compareColumns(model, rows);
        }
        QCOMPARE(resets.count(), 0);

        // One move: one row's dataChanged, nothing else.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        auto moved = rows[7];
        moved.status = moved.status == u"covered" ? QStringLiteral("planned") : QStringLiteral("covered");
        ++moved.version;
        rows[7] = moved;
        model.updateRow(moved);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 7);
        QCOMPARE(inserted.count(), 0);
        compare(model, rows);
        compareColumns(model, rows);

        // A pitch that is new to the model goes to its place in name order.
        auto added = pitch(nextId++, random);
        added.name = QStringLiteral("Aaron Early");
        model.updateRow(added);
        rows.append(added);
        sortOracle(rows);
        compare(model, rows);
        QCOMPARE(model.rowOf(added.pitchId), 0);
        model.removePitch(added.pitchId);
        rows.removeFirst();
        compare(model, rows);

        // Reply proposals mark their rows.
        model.setProposedReplies({ rows[2].pitchId, rows[5].pitchId });
        QVERIFY(model.index(2, 0).data(PitchBoardModel::ReplyProposedRole).toBool());
        QVERIFY(!model.index(3, 0).data(PitchBoardModel::ReplyProposedRole).toBool());
        QVERIFY(model.index(5, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("reply")));
        model.setProposedReplies({});
        QVERIFY(!model.index(2, 0).data(PitchBoardModel::ReplyProposedRole).toBool());

        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPitchBoardModel)
#include "tst_pitchboardmodel.moc"
