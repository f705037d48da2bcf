#include "demogenerator.h"

#include "core/logging.h"
#include "demo/demobuilder.h"
#include "demo/democorpus.h"
#include "storage/bulkinserter.h"
#include "storage/database.h"
#include "storage/searchrepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimeZone>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)
};

} // namespace

Result<DemoGenerator::Size> DemoGenerator::parseSize(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"small")
        return Size::Small;
    if (t == u"large")
        return Size::Large;
    return Error::validation(QStringLiteral("size"), Tr::tr("Unknown demo size “%1”: use small or large.").arg(text));
}

Result<DemoStats> DemoGenerator::generate(Database &db, const Options &options)
{
    if (db.isReadOnly())
        return Error { Tr::tr("%1 is read-only: cannot write demo data into it.").arg(db.location().displayName()),
            Error::Code::Storage };
    // The only wall-clock input, and only when the caller gives no anchor: today's date (see Options).
    const QDateTime anchor = options.anchor.isValid()
        ? options.anchor
        : QDateTime(QDateTime::currentDateTimeUtc().date(), QTime(0, 0), QTimeZone::utc());

    QElapsedTimer timer;
    timer.start();
    const BulkLoadSettings settings(db);
    Transaction tx(db);
    if (!tx.status())
        return tx.status().error();

    if (options.force) {
        if (Status s = BulkInserter::deleteAllData(db); !s)
            return s.error();
    } else {
        Result<qint64> rows = BulkInserter::countAgencyRows(db);
        if (!rows)
            return rows.error();
        if (*rows > 0)
            return Error { Tr::tr("%1 already holds data: demo data goes only into an empty database. "
                                  "Use a new database, or replace everything in it (--force).")
                               .arg(db.location().displayName()),
                Error::Code::Conflict };
    }

    DemoBuilder builder(db, options, anchor.toMSecsSinceEpoch());
    Result<DemoStats> stats = builder.run();
    if (!stats)
        return stats.error(); // the Transaction rolls back
    // Every contact is scored as of the anchor by the builder (writeHealth(), demohealth.cpp), so the Health
    // column and Cooling off work on a fresh demo and the same anchor still gives identical rows.
    if (Status s = tx.commit(); !s)
        return s.error();
    // PostgreSQL: the bulk load gathered the statistics (DeferredIndexes), but only VACUUM marks the new pages
    // all-visible, and until then every index-only scan also reads the rows (who to pitch reads ~11,000
    // candidates from contacts_pitchable and pitches_contact_pitched). Autovacuum would come by within minutes;
    // a benchmark or a first look right after the demo would not wait for it. Outside the transaction: VACUUM
    // cannot run inside one.
    // Before that, the contacts are written compactly: the builder updates every contact twice after inserting
    // it, which leaves the first two thirds of the table's pages empty (364 MB for 100,000 contacts on the large
    // demo, 122 MB rewritten), and a scan that stops at the first matches (counting a common prefix's matches
    // in search) then reads through 30,000 empty pages whenever it starts at the beginning: 0.6-1.1 s for "ma"
    // (docs/PERFORMANCE.md, "PostgreSQL search: the count of a common prefix (schema v20)"). VACUUM FULL does
    // not set the visibility map; the VACUUM after it does.
    if (db.isPostgres())
        for (const QString &sql : {QStringLiteral("VACUUM FULL contacts"), QStringLiteral("VACUUM contacts, pitches")})
            if (Status s = db.exec(sql, Tr::tr("tidying up after the demo data")); !s)
                return s.error();
    // PostgreSQL: how many conversations each common prefix is in, for search (schema v20).
    if (Status s = SearchRepository::countCommonPrefixes(db); !s)
        return s.error();
    qCInfo(lcDemo) << "generated demo data in" << timer.elapsed() << "ms:" << stats->contacts << "contacts,"
                   << stats->interactions << "interactions";
    return stats;
}

DemoScale DemoScale::of(DemoGenerator::Size size)
{
    if (size == DemoGenerator::Size::Large)
        return DemoScale { 25, 19'600, 400, 100'000, 1'000'000, 2'000, 100, 50'000, 3 * 365, 10'000 };
    return DemoScale { 4, 34, 6, 200, 2'000, 6, 25, 60, 548, 0 };
}

QString DemoBuilder::cancelledMessage()
{
    return Tr::tr("Generating the demo data was cancelled: nothing was changed.");
}

DemoBuilder::DemoBuilder(Database &db, const DemoGenerator::Options &options, qint64 anchorMs)
    : m_db(db)
    , m_options(options)
    , m_scale(DemoScale::of(options.size))
    , m_anchor(anchorMs)
{
}

Status DemoBuilder::report()
{
    const qint64 step = qMax<qint64>(1, m_total / 200);
    m_nextReport = m_done + step;
    if (!m_options.progress)
        return {};
    if (!m_options.progress(qMin(1.0, double(m_done) / double(m_total)), m_phase))
        return Error { cancelledMessage() };
    return {};
}

Result<DemoStats> DemoBuilder::run()
{
    const QStringList idTables { QStringLiteral("users"), QStringLiteral("organizations"), QStringLiteral("contacts"),
        QStringLiteral("tags"), QStringLiteral("campaigns"), QStringLiteral("content_items"),
        QStringLiteral("media_lists"), QStringLiteral("pitches") };
    qint64 *bases[] = { &m_userBase, &m_orgBase, &m_contactBase, &m_tagBase, &m_campaignBase, &m_contentBase,
        &m_listBase, &m_pitchBase };
    for (int i = 0; i < idTables.size(); ++i) {
        Result<qint64> next = BulkInserter::nextId(m_db, idTables.at(i));
        if (!next)
            return next.error();
        *bases[i] = *next;
    }

    setPhase(Tr::tr("Planning the agency"));
    if (Status s = report(); !s)
        return s.error();
    planOrganizations();
    planPeople();
    planCampaigns();
    planPitches();
    planTimeline();

    // Rough number of rows, for the progress fraction: contacts carry ~5 child rows each.
    m_total = m_scale.users + m_orgs.size() + qint64(m_people.size()) * 6 + m_campaigns.size() * 7
        + qint64(m_pitches.size()) * 2 + qint64(m_events.size()) + m_scale.followUps
        + std::min<qint64>(qint64(m_people.size()), 3000) * 2 + m_campaigns.size() * 3; // and the history
    m_nextReport = 0;

    // Indexes and full-text triggers of the big tables are built once at the end (SQLite).
    DeferredIndexes deferred(m_db);
    if (Status s
        = deferred.defer({ QStringLiteral("contacts"), QStringLiteral("interactions"), QStringLiteral("contact_emails"),
            QStringLiteral("contact_phones"), QStringLiteral("contact_tags"), QStringLiteral("handles"),
            QStringLiteral("pitches"), QStringLiteral("coverage"), QStringLiteral("follow_ups") });
        !s)
        return s.error();

    using Step = Status (DemoBuilder::*)();
    const Step steps[] = { &DemoBuilder::writeUsers, &DemoBuilder::writeTags, &DemoBuilder::writeOrganizations,
        &DemoBuilder::writeContacts, &DemoBuilder::writeCampaigns, &DemoBuilder::writePitches,
        &DemoBuilder::writeInteractions, &DemoBuilder::writeFollowUps, &DemoBuilder::writeHealth,
        &DemoBuilder::writeHistory };
    for (Step step : steps)
        if (Status s = (this->*step)(); !s)
            return s.error();
    setPhase(Tr::tr("Building the search index"));
    if (Status s = report(); !s)
        return s.error();
    if (Status s = deferred.restore(); !s)
        return s.error();
    if (Status s = BulkInserter::syncIdentity(m_db, idTables); !s)
        return s.error();
    m_done = m_total;
    setPhase(Tr::tr("Saving"));
    if (Status s = report(); !s)
        return s.error();
    return m_stats;
}

QString DemoBuilder::firstName(const Person &p) const
{
    return DemoCorpus::firstNames().at(p.first);
}

QString DemoBuilder::lastName(const Person &p) const
{
    return DemoCorpus::lastNames().at(p.last);
}

QString DemoBuilder::userFirstName(int user) const
{
    return m_userNames.value(user).section(u' ', 0, 0);
}
