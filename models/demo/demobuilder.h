#pragma once

#include "demo/demogenerator.h"
#include "demo/demorandom.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

struct HealthInputs;

// The sizes of one demo dataset.
struct DemoScale
{
    int users;
    int outlets;
    int clients;
    int contacts;
    qint64 interactions;
    int campaigns;
    int pitchesPerCampaign;
    int followUps;
    int historyDays; // interactions spread over this many days before the anchor
    int hotContactInteractions; // one contact with this many interactions (timeline benchmarks); 0 = none

    static DemoScale of(DemoGenerator::Size size);
};

// Does the work of DemoGenerator::generate() inside the caller's transaction: first plans who is who
// (organizations, contacts, campaigns, pitches and the timeline of every interaction) in memory, then
// writes table by table, parents first, with explicit ids. Each phase draws from its own random stream.
class DemoBuilder final
{
public:
    DemoBuilder(Database &db, const DemoGenerator::Options &options, qint64 anchorMs);
    Q_DISABLE_COPY_MOVE(DemoBuilder)

    Result<DemoStats> run();
    // The message of the Error returned when the progress callback asked to stop.
    static QString cancelledMessage();

private:
    struct Org
    {
        QString name;
        QString kind;
        QString domain;
        int place;
        qint64 reach;
    };
    struct Person
    {
        int org;
        quint8 kind;
        bool dnc;
        quint16 first;
        quint16 last;
        quint8 beat;
        int owner;
    };
    struct Campaign
    {
        int client;
        qint64 start;
        qint64 end;
        int owner;
        int product;
        QString name;
    };
    struct Pitch
    {
        int campaign;
        int contact;
        quint8 status;
        qint64 pitchedAt;
        qint64 repliedAt;
    };
    struct Event
    {
        qint64 at;
        int contact;
        int pitch;
        quint8 type;
    };
    enum PitchStatus : quint8 { Planned, Pitched, Replied, Interested, Declined, Covered };
    enum EventType : quint8 { Random, PitchSent, PitchReply };

    // planning (demoplan.cpp)
    void planOrganizations();
    void planPeople();
    void planCampaigns();
    void planPitches();
    void planTimeline();

    // writing (demopeople.cpp, democampaigns.cpp, demotimeline.cpp)
    Status writeUsers();
    Status writeTags();
    Status writeOrganizations();
    Status writeContacts();
    Status writeCampaigns();
    Status writePitches();
    Status writeInteractions();
    Status writeFollowUps();
    // health (demohealth.cpp): every contact's score as of the anchor, tallied from the rows as they are written
    Status writeHealth();
    // history (demohistory.cpp): the audit log of who added and changed what, consistent with the rows
    Status writeHistory();
    qint64 thenAnchor() const; // HealthScore::kThenDays before the anchor
    void tallyInteraction(int contact, qint64 at, const QString &channel, bool inbound);
    void tallyPitch(const Pitch &p);

    // Counts one written row; calls the progress callback about every 0.5 %. An Error if cancelled.
    Status advance(qint64 rows = 1)
    {
        m_done += rows;
        return m_done >= m_nextReport ? report() : Status();
    }
    Status report();
    void setPhase(const QString &what) { m_phase = what; }

    qint64 day() const { return 86'400'000; }
    qint64 contactId(int i) const { return m_contactBase + i; }
    QString firstName(const Person &p) const;
    QString lastName(const Person &p) const;
    QString userFirstName(int user) const;

    Database &m_db;
    DemoGenerator::Options m_options;
    DemoScale m_scale;
    qint64 m_anchor;
    DemoStats m_stats;

    // ids: first id of each table's rows (the tables may hold rows of their own, e.g. the desk user)
    qint64 m_userBase = 1, m_orgBase = 1, m_contactBase = 1, m_tagBase = 1, m_campaignBase = 1, m_contentBase = 1,
           m_listBase = 1, m_pitchBase = 1;

    QList<Org> m_orgs;
    QList<int> m_outletIndexes;
    QList<int> m_clientIndexes;
    std::vector<Person> m_people;
    QList<Campaign> m_campaigns;
    std::vector<Pitch> m_pitches;
    std::vector<Event> m_events;
    std::vector<qint64> m_lastContacted;
    // What HealthRepository aggregates per contact (live interactions and pitches up to the anchor, and up to
    // HealthScore::kThenDays before it for health_then).
    struct HealthTally
    {
        int total = 0, recent = 0, inbound = 0, outbound = 0, pitchesSent = 0, pitchesAnswered = 0;
        quint32 channels = 0; // one bit per Interaction::channels() entry
        qint64 first = 0, last = 0;
    };
    std::vector<HealthTally> m_health, m_healthThen;
    // One person's inputs from a tally as of `asOf` (histories longer than the window counted by the database).
    Result<HealthInputs> healthInputs(int person, const HealthTally &t, const QDateTime &asOf);
    QStringList m_userNames;

    qint64 m_total = 1;
    qint64 m_done = 0;
    qint64 m_nextReport = 0;
    QString m_phase;
};
