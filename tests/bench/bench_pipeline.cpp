// The Pipeline tab on the large dataset (issue 11): opening a campaign with 2,000 pitches until its board is
// painted (PipelineTab::setCampaign → the board's model filled, the six columns laid out and painted), and moving
// one pitch until the board is painted again (the conflict-checked move with its pitch_moves row, the logged
// pitch interaction and health, the refresh through ChangeNotifier, the reply proposals, the repaint). Beside them,
// in the same run, a bare-window baseline: a plain QListView of 2,000 strings created, filled and painted.
//
//   cp large.sqlite /tmp/bench-pipeline.sqlite      # the bench writes: use a copy
//   QT_QPA_PLATFORM=offscreen bench_pipeline --db /tmp/bench-pipeline.sqlite [--runs 20]
//
// When no campaign has 2,000 pitches (the demo's campaigns have 25 to 75), the bench makes one: "Bench: 2,000
// pitches", with 2,000 people who may be pitched, spread over the statuses as the demo spreads them, each with
// its pitch_moves; later runs reuse it.
#include "benchutil.h"
#include "campaigns/pipelinetab.h"
#include "itemmodels/pitchboardmodel.h"
#include "storage/campaignrepository.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/pitchrepository.h"
#include "storage/userrepository.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QSqlQuery>
#include <QStringListModel>
#include <QUndoStack>

namespace {

constexpr int kPitches = 2000;

qint64 bigCampaign(Database &db, QTextStream &out)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT campaign_id, count(*) FROM pitches WHERE deleted_at IS NULL GROUP BY campaign_id "
                          "ORDER BY 2 DESC LIMIT 1"));
    if (q.next() && q.value(1).toInt() >= kPitches)
        return q.value(0).toLongLong();
    q.finish();
    out << "no campaign has " << kPitches << " pitches: making one\n";
    Campaign c;
    c.name = QStringLiteral("Bench: 2,000 pitches");
    c.status = QStringLiteral("active");
    c.startsAt = QDateTime::currentDateTimeUtc().addDays(-30);
    if (Status s = CampaignRepository(db).create(c); !s)
        qFatal("%s", qPrintable(s.error().message));
    QList<qint64> people;
    q.exec(QStringLiteral("SELECT id FROM contacts WHERE deleted_at IS NULL AND do_not_contact = 0 AND kind IN "
                          "('journalist', 'editor', 'blogger', 'influencer', 'analyst') ORDER BY id LIMIT %1")
               .arg(kPitches));
    while (q.next())
        people.append(q.value(0).toLongLong());
    q.finish();
    Result<PitchRepository::AddOutcome> added = PitchRepository(db).addToMediaList(c.id, people);
    if (!added)
        qFatal("%s", qPrintable(added.error().message));
    // Spread over the statuses as the demo does (10/30/12/13/20/15 %), with the moves that led there.
    const QStringList path { QStringLiteral("planned"), QStringLiteral("pitched"), QStringLiteral("replied"),
        QStringLiteral("interested"), QStringLiteral("declined"), QStringLiteral("covered") };
    const int weights[] = { 10, 30, 12, 13, 20, 15 };
    if (Status s = db.begin(); !s)
        qFatal("%s", qPrintable(s.error().message));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery up(db.connection());
    up.prepare(QStringLiteral("UPDATE pitches SET status = :s, pitched_at = :p, replied_at = :r WHERE id = :id"));
    QSqlQuery mv(db.connection());
    mv.prepare(QStringLiteral("INSERT INTO pitch_moves (pitch_id, from_status, to_status, moved_at, moved_by) "
                              "VALUES (:id, :from, :to, :at, :by)"));
    for (int n = 0; n < added->addedPitchIds.size(); ++n) {
        int bucket = n % 100, status = 0;
        for (int acc = 0; status < 6; ++status) {
            acc += weights[status];
            if (bucket < acc)
                break;
        }
        const qint64 id = added->addedPitchIds.at(n);
        const qint64 pitched = now - 20LL * 86'400'000 + n * 60'000;
        up.bindValue(QStringLiteral(":s"), path.at(status));
        up.bindValue(QStringLiteral(":p"), status > 0 ? QVariant(pitched) : QVariant(QMetaType::fromType<qint64>()));
        up.bindValue(QStringLiteral(":r"),
            status > 1 ? QVariant(pitched + 86'400'000) : QVariant(QMetaType::fromType<qint64>()));
        up.bindValue(QStringLiteral(":id"), id);
        up.exec();
        for (int m = 1; m <= status; ++m) {
            if (m == 4 && status == 5)
                continue; // covered came from interested
            mv.bindValue(QStringLiteral(":id"), id);
            mv.bindValue(QStringLiteral(":from"), path.at(m == 5 ? 3 : m - 1));
            mv.bindValue(QStringLiteral(":to"), path.at(m));
            mv.bindValue(QStringLiteral(":at"), pitched + m * 3'600'000);
            mv.bindValue(QStringLiteral(":by"), db.currentUserId() > 0 ? QVariant(db.currentUserId()) : QVariant());
            mv.exec();
        }
    }
    if (Status s = db.commit(); !s)
        qFatal("%s", qPrintable(s.error().message));
    return c.id;
}

// Not inlined, so callgrind can collect just these.
Q_NEVER_INLINE void measuredOpen(PipelineTab &tab, qint64 campaign)
{
    tab.setCampaign(campaign);
    tab.repaint();
}

// The move and what the event loop does right after it, as in the window: the queued proposals read and the
// repaint of what changed (the two cards and the headers).
Q_NEVER_INLINE void measuredMove(PipelineTab &tab, qint64 pitch, int to)
{
    tab.movePitch(pitch, to);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    const QString dbPath = args.value(args.indexOf(QStringLiteral("--db")) + 1);
    const int runs
        = args.contains(QStringLiteral("--runs")) ? args.value(args.indexOf(QStringLiteral("--runs")) + 1).toInt() : 20;
    if (!args.contains(QStringLiteral("--db")) || dbPath.isEmpty()) {
        QTextStream(stderr) << "usage: bench_pipeline --db COPY-OF-large.sqlite [--runs N]\n";
        return 2;
    }
    auto db = Database::open(DatabaseLocation::sqlite(dbPath));
    if (!db) {
        QTextStream(stderr) << db.error().message << '\n';
        return 1;
    }
    if (Result<User> u = UserRepository(**db).ensureUser(QStringLiteral("bench"), QStringLiteral("Bench")); !u)
        qFatal("%s", qPrintable(u.error().message));
    const qint64 campaign = bigCampaign(**db, out);

    // The baseline: a bare list of 2,000 strings, created, filled and painted.
    QList<double> bare;
    QStringList names;
    for (int n = 0; n < kPitches; ++n)
        names << QStringLiteral("Person %1 · Outlet %2").arg(n).arg(n % 97);
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        QListView view;
        QStringListModel model(names);
        view.setModel(&model);
        view.setUniformItemSizes(true);
        view.resize(1400, 800);
        view.show();
        view.repaint();
        bare << t.nsecsElapsed() / 1e6;
        view.hide();
    }

    QUndoStack undo;
    PipelineTab tab(**db, &undo);
    tab.resize(1400, 800);
    tab.show();
    app.processEvents();
    measuredOpen(tab, campaign); // warm the page cache and the prepared statements once
    out << "campaign " << campaign << ": " << tab.model()->rowCount() << " pitches, " << tab.proposals().size()
        << " reply proposals\n";

    QList<double> open, openCpu;
    for (int r = 0; r < runs; ++r) {
        tab.setCampaign(0);
        app.processEvents();
        QElapsedTimer t;
        const double cpu0 = Bench::threadCpuMs();
        t.start();
        measuredOpen(tab, campaign);
        open << t.nsecsElapsed() / 1e6;
        openCpu << Bench::threadCpuMs() - cpu0;
    }

    // Moves: planned pitches to pitched (logs the interaction) and back (takes it out), and pitched to replied.
    QList<qint64> planned;
    for (const auto &row : tab.model()->rows())
        if (row.status == u"planned" && planned.size() < runs)
            planned.append(row.pitchId);
    QList<double> move, moveCpu;
    for (qint64 id : std::as_const(planned)) {
        for (int to : { 1, 2, 0 }) { // pitched, replied, planned again
            QElapsedTimer t;
            const double cpu0 = Bench::threadCpuMs();
            t.start();
            measuredMove(tab, id, to);
            move << t.nsecsElapsed() / 1e6;
            moveCpu << Bench::threadCpuMs() - cpu0;
        }
    }
    undo.clear();

    // The parts, in thread CPU: what the open and the move are made of.
    QList<double> board, proposals, versions, mediaList;
    PitchRepository repo(**db);
    for (int r = 0; r < runs; ++r) {
        double c0 = Bench::threadCpuMs();
        (void)repo.board(campaign); // figures only
        board << Bench::threadCpuMs() - c0;
        c0 = Bench::threadCpuMs();
        (void)repo.replyProposals(campaign);
        proposals << Bench::threadCpuMs() - c0;
        c0 = Bench::threadCpuMs();
        (void)repo.changedSince(campaign, QDateTime::currentMSecsSinceEpoch() - 600'000);
        versions << Bench::threadCpuMs() - c0;
        c0 = Bench::threadCpuMs();
        (void)repo.mediaList(campaign);
        mediaList << Bench::threadCpuMs() - c0;
    }
    QList<double> repoMove, repoMoveNoLog, health;
    for (qint64 id : std::as_const(planned)) {
        for (const char *to : { "pitched", "replied", "planned" }) {
            const int version = repo.boardRow(id)->version;
            const double c0 = Bench::threadCpuMs();
            (void)repo.move(id, QString::fromLatin1(to), version);
            (qstrcmp(to, "replied") == 0 ? repoMoveNoLog : repoMove) << Bench::threadCpuMs() - c0;
        }
        const double c0 = Bench::threadCpuMs();
        (void)HealthRepository::recomputeContact(**db, repo.boardRow(id)->contactId);
        health << Bench::threadCpuMs() - c0;
    }
    Bench::print(
        out, QStringLiteral("  part: move logging/removing the interaction (CPU)"), Bench::summarize(repoMove));
    Bench::print(out, QStringLiteral("  part: move pitched -> replied (CPU)"), Bench::summarize(repoMoveNoLog));
    Bench::print(out, QStringLiteral("  part: health of one contact recomputed (CPU)"), Bench::summarize(health));
    QList<double> fill, paint;
    const QList<PitchRepository::BoardRow> rows = *repo.board(campaign);
    for (int r = 0; r < runs; ++r) {
        tab.model()->setRows({});
        double c0 = Bench::threadCpuMs();
        tab.model()->setRows(rows);
        fill << Bench::threadCpuMs() - c0;
        c0 = Bench::threadCpuMs();
        tab.repaint();
        paint << Bench::threadCpuMs() - c0;
    }
    Bench::print(out, QStringLiteral("  part: model filled, six columns filtered (CPU)"), Bench::summarize(fill));
    Bench::print(out, QStringLiteral("  part: board painted (CPU)"), Bench::summarize(paint));
    Bench::print(out, QStringLiteral("  part: PitchRepository::board (CPU)"), Bench::summarize(board));
    Bench::print(out, QStringLiteral("  part: replyProposals (CPU)"), Bench::summarize(proposals));
    Bench::print(out, QStringLiteral("  part: changedSince, last 10 minutes (CPU)"), Bench::summarize(versions));
    Bench::print(out, QStringLiteral("media list of 2,000 read (CPU)"), Bench::summarize(mediaList));
    Bench::print(out, QStringLiteral("bare window: 2,000-row list painted"), Bench::summarize(bare));
    Bench::print(out, QStringLiteral("open campaign, 2,000 pitches, board painted"), Bench::summarize(open));
    Bench::print(out, QStringLiteral("  (thread CPU)"), Bench::summarize(openCpu));
    Bench::print(out, QStringLiteral("move a pitch, board painted"), Bench::summarize(move));
    Bench::print(out, QStringLiteral("  (thread CPU)"), Bench::summarize(moveCpu));
    return 0;
}
